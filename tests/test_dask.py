"""The batch extraction as a Dask bag, on Dask's local multiprocessing scheduler.

Needs the ``dask`` extra (``pip install 'govreport[dask]'``); skipped only when dask is not
installed.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import govreport
from govreport._batch import ROW_FIELDS, extract_file
from govreport._records import parquet_record

db = pytest.importorskip("dask.bag")

from govreport._dask import to_bag  # noqa: E402

DATA = Path(__file__).parent / "data"
REPORTS = ("county-hailaer-2018.txt", "national-zhongguo-2020.txt")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for name in REPORTS:
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "broken.txt").write_bytes(bytes(range(256)) * 8)
    return tmp_path


def test_bag_of_results_on_the_multiprocessing_scheduler(corpus: Path) -> None:
    bag = to_bag(corpus, plugins=["economy", "livelihood"])
    assert bag.npartitions == 1
    results = {Path(r.file).name: r for r in bag.compute(scheduler="processes", num_workers=2)}
    assert sorted(results) == ["broken.txt", *REPORTS]
    for name in REPORTS:
        expected = extract_file(corpus / name, plugins=["economy", "livelihood"])
        assert results[name] == expected
        assert results[name].facts == govreport.load(corpus / name).extract(
            plugins=["economy", "livelihood"]).facts
    assert results["national-zhongguo-2020.txt"].meta.year == 2020
    assert results["broken.txt"].error_type == "DecodeError"


def test_bag_of_records_in_several_partitions(corpus: Path) -> None:
    bag = to_bag(sorted(corpus.glob("*.txt")), records=True, npartitions=3)
    assert bag.npartitions == 3
    rows = bag.compute(scheduler="processes", num_workers=2)
    expected = [parquet_record(row) for name in sorted(["broken.txt", *REPORTS])
                for row in extract_file(corpus / name).to_records()]
    assert rows == expected
    assert all(isinstance(r["evidence"], str) for r in rows)  # a Parquet string column
    assert list(rows[0]) == list(ROW_FIELDS)
    assert any(r["indicator"] == "gdp_growth" and r["period"] == "2019" and str(r["value"]) == "6.1"
               for r in rows)
