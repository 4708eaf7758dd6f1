"""The batch extraction as a Dask bag, for corpora bigger than one machine (extra ``dask``).

:func:`to_bag` runs exactly what ``govreport batch`` runs (:func:`govreport._batch.extract_file`)
on each file, so results are the same :class:`~govreport._batch.ReportResult` objects, which
pickle. One machine, all cores::

    import govreport
    bag = govreport.to_bag("corpus/")
    results = bag.compute(scheduler="processes")

A Dask cluster (files on a shared file system or object store the workers can read)::

    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")          # every worker: pip install govreport
    rows = govreport.to_bag("/shared/corpus", records=True)
    rows.to_dataframe().to_parquet("facts.parquet")  # or: rows.compute()

Spark, with the same unit of work in ``mapPartitions``::

    def extract_partition(paths):
        for result in govreport.extract_many(list(paths), jobs=1):
            yield from result.to_records()                 # or yield the ReportResult itself

    files = [str(p) for p in Path("/shared/corpus").rglob("*.txt")]  # paths executors can read
    rdd = spark.sparkContext.parallelize(files, numSlices=256).mapPartitions(extract_partition)

Values are :class:`~decimal.Decimal`; convert them (``float`` or ``str``) before building a
Spark DataFrame if you want a schema without decimals.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from govreport._errors import GovReportError

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag

    from govreport._indicators import Indicator

__all__ = ["to_bag"]


def to_bag(
    paths: Any,
    *,
    plugins: Iterable[str] | str | None = None,
    indicators: "str | os.PathLike[str] | Sequence[Indicator] | None" = None,
    encoding: str | None = None,
    records: bool = False,
    npartitions: int | None = None,
) -> "dask.bag.Bag":
    """A Dask bag of the extraction of every report in ``paths`` (files, folders, globs).

    Items are :class:`~govreport._batch.ReportResult` objects (one a file, failures
    included, as in :func:`govreport.extract_many`), or with ``records=True`` one dict a
    fact with the batch's columns (file, region, province, level, year, then facts.md's
    fields). Inputs are expanded here, on the client; the workers must see the same paths.
    ``npartitions`` defaults to about four files a partition, at most 1000 partitions.
    """
    try:
        import dask.bag as db
    except ImportError:
        raise GovReportError("to_bag() needs dask: pip install 'govreport[dask]'") from None
    from govreport._batch import expand_inputs, extract_file

    files = expand_inputs(paths)
    if plugins is not None and not isinstance(plugins, str):
        plugins = list(plugins)  # an iterator would be consumed by the first task
    if npartitions is None:
        npartitions = max(1, min(1000, (len(files) + 3) // 4))
    bag = db.from_sequence(files, npartitions=max(1, min(npartitions, len(files) or 1)))
    results = bag.map(extract_file, plugins=plugins, indicators=indicators, encoding=encoding)
    if records:
        return results.map(_records).flatten()
    return results


def _records(result: Any) -> list[dict[str, Any]]:
    # a module-level function (not a lambda) so that every scheduler can pickle it
    return result.to_records()
