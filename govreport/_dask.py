"""The batch extraction as a Dask bag, for corpora bigger than one machine (extra ``dask``).

:func:`to_bag` runs exactly what ``govreport batch`` runs (:func:`govreport._batch.extract_file`)
on each file, with the plugins, user table and unit additions resolved here, on the client,
and shipped to the workers as data (an :class:`~govreport.ExtractionPlan`). Results are the
same :class:`~govreport.ReportResult` objects, which pickle. One machine, all cores::

    import govreport
    bag = govreport.to_bag("corpus/")
    results = bag.compute(scheduler="processes")

A Dask cluster (files on a shared file system, or fsspec URLs every worker can read)::

    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")          # every worker: pip install govreport
    rows = govreport.to_bag("s3://bucket/corpus/", records=True)
    rows.to_dataframe().to_parquet("facts.parquet")  # the schema of govreport batch's Parquet
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from govreport._errors import GovReportError
from govreport._records import ROW_FIELDS, parquet_record, row_meta

if TYPE_CHECKING:  # pragma: no cover
    from dask.bag import Bag as _Bag
else:
    try:
        from dask.bag import Bag as _Bag
    except ImportError:  # no dask extra: to_bag() says how to install it
        _Bag = object

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag
    import dask.dataframe

    from govreport._indicators import Indicator

__all__ = ["to_bag", "RowBag"]


def to_bag(
    paths: Any,
    *,
    plugins: Iterable[str] | str | None = None,
    indicators: str | os.PathLike[str] | Sequence[Indicator] | None = None,
    encoding: str | None = None,
    records: bool = False,
    npartitions: int | None = None,
) -> "dask.bag.Bag":
    """A Dask bag of the extraction of every report in ``paths`` (files, folders, globs,
    fsspec URLs such as ``s3://bucket/corpus/``).

    Items are :class:`~govreport.ReportResult` objects (one a file, failures included, as
    in :func:`govreport.extract_many`), or with ``records=True`` one dict a fact with the
    batch's columns (file, region, province, level, year, then facts.md's fields) as the
    Parquet schema stores them (values finer than 12 decimal places rounded at the 12th,
    ``evidence`` as its compact JSON text); such a bag's
    ``to_dataframe()`` has the columns and Arrow types of that schema, so
    ``to_dataframe().to_parquet(...)`` writes what ``govreport batch -o OUT.parquet`` writes.

    The plugins (those named, or every plugin this process has, allowlist included), the
    user table ``indicators`` and the units added with :func:`govreport.numbers.add_unit`
    are resolved here, on the client, and shipped to the workers with the work; an unknown
    plugin fails here, at once. Inputs are expanded here too; the workers read them, so
    they must see the same paths (or URLs). ``npartitions`` defaults to about four files a
    partition, at most 1000 partitions.
    """
    try:
        import dask
        import dask.bag as db
    except ImportError:
        raise GovReportError("to_bag() needs dask: pip install 'govreport[dask]'") from None
    from govreport._batch import expand_inputs, extract_file
    from govreport._plan import ExtractionPlan

    plan = ExtractionPlan.resolve(plugins, indicators=indicators)
    plan.check_shippable(_dumps())
    files = expand_inputs(paths)
    if npartitions is None:
        npartitions = max(1, min(1000, (len(files) + 3) // 4))
    bag = db.from_sequence(files, npartitions=max(1, min(npartitions, len(files) or 1)))
    shipped = dask.delayed(plan, traverse=False)  # one copy in the graph, not one a task
    results = bag.map(extract_file, plan=shipped, encoding=encoding)
    if records:
        rows = results.map(_records).flatten()
        return RowBag(rows.dask, rows.name, rows.npartitions)
    return results


def _dumps() -> Any:
    try:  # what Dask pickles tasks with: plugins defined in a notebook travel by value
        import cloudpickle
    except ImportError:  # pragma: no cover - dask depends on cloudpickle
        import pickle

        return pickle.dumps
    return cloudpickle.dumps


def _records(result: Any) -> list[dict[str, Any]]:
    # a module-level function (not a lambda) so that every scheduler can pickle it
    return [parquet_record(record) for record in result.to_records()]


class RowBag(_Bag):
    """A bag of batch rows: ``to_dataframe()`` without ``meta`` gives the columns and Arrow
    types of the Parquet schema when the items are batch rows (else Dask's own guess)."""

    def to_dataframe(self, meta: Any = None, columns: Any = None,
                     optimize_graph: bool = True) -> "dask.dataframe.DataFrame":
        if meta is None and columns is None:
            head = self.take(1, warn=False)
            if head and isinstance(head[0], dict) and tuple(head[0]) == ROW_FIELDS:
                meta = row_meta()
            elif head:
                import pandas

                meta = pandas.DataFrame(list(head))
        return super().to_dataframe(meta=meta, columns=columns, optimize_graph=optimize_graph)
