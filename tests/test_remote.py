"""Reports behind fsspec URLs: read by load(), listed by extract_many and to_bag."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

import govreport
from govreport._remote import is_url

fsspec = pytest.importorskip("fsspec")

DATA = Path(__file__).parent / "data"
NAMES = ("county-hailaer-2018.txt", "national-zhongguo-2020.txt")


@pytest.fixture
def bucket():
    fs = fsspec.filesystem("memory")
    for name in NAMES:
        fs.pipe(f"/bucket/corpus/{name}", (DATA / name).read_bytes())
    fs.pipe("/bucket/corpus/.hidden/x.txt", b"not a report")
    fs.pipe("/bucket/corpus/notes.md", b"not a report either")
    yield "memory://bucket/corpus"
    fs.rm("/bucket", recursive=True)


def test_urls_are_told_from_paths():
    assert is_url("s3://bucket/r.txt") and is_url("file:///tmp/r.txt")
    assert not is_url("C:/reports/r.txt") and not is_url("reports/r.txt")


def test_load_reads_a_url(bucket):
    report = govreport.load(f"{bucket}/{NAMES[1]}")
    assert report.source == f"{bucket}/{NAMES[1]}"
    local = govreport.load(DATA / NAMES[1])
    assert (report.text, report.meta, report.sections) == (local.text, local.meta, local.sections)
    assert report.meta.year == 2020


def test_a_missing_url_is_not_found(bucket):
    with pytest.raises(govreport.ReportNotFoundError, match="memory://bucket/corpus/none.txt: no such file"):
        govreport.load(f"{bucket}/none.txt")


def test_extract_many_lists_a_url_folder_and_reads_each_file(bucket):
    results = {r.file: r for r in govreport.extract_many([bucket], jobs=1, plugins=["economy"])}
    assert sorted(results) == [f"memory://bucket/corpus/{name}" for name in NAMES]
    for name in NAMES:
        result = results[f"memory://bucket/corpus/{name}"]
        assert result.size == (DATA / name).stat().st_size
        assert result.facts == govreport.load(DATA / name).extract(plugins=["economy"]).facts


def test_a_url_glob(bucket):
    results = list(govreport.extract_many([f"{bucket}/national-*.txt"], jobs=1))
    assert [r.file for r in results] == [f"memory://bucket/corpus/{NAMES[1]}"]


def test_without_fsspec_a_url_says_which_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "fsspec.core", None)  # as if fsspec were not installed
    with pytest.raises(govreport.LoadError, match=r"pip install 'govreport\[fsspec\]'"):
        govreport.load("s3://bucket/r.txt")
