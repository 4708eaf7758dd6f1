"""Batch extraction: input expansion, the process pool, failures, the CLI, --resume."""
from __future__ import annotations

import csv
import json
import os
import pickle
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

import govreport
from govreport import _batch
from govreport._batch import ROW_FIELDS, ReportResult, expand_inputs, extract_file, extract_many
from govreport._registry import register, unregister
from govreport.cli import main
from govreport.cli import _batch as cli_batch

DATA = Path(__file__).parent / "data"
REPORTS = ("county-hailaer-2018.txt", "national-zhongguo-2019.txt", "national-zhongguo-2020.txt")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three good reports in nested folders, one random-bytes file, one fake PDF, one note."""
    root = tmp_path / "corpus"
    (root / "national").mkdir(parents=True)
    shutil.copy(DATA / REPORTS[0], root / REPORTS[0])
    for name in REPORTS[1:]:
        shutil.copy(DATA / name, root / "national" / name)
    (root / "broken.txt").write_bytes(bytes(range(256)) * 8)
    (root / "national" / "scan.pdf").write_bytes(b"%PDF-1.4\n%broken and truncated")
    (root / "notes.tsv").write_text("not a report\n", encoding="utf-8")  # not taken from a folder
    (root / ".hidden.txt").write_text("各位代表：\n", encoding="utf-8")
    return root


def direct(path: Path) -> tuple:
    return govreport.load(path).extract().facts


# ------------------------------------------------------------------ inputs
def test_expand_folders_recursively_with_report_suffixes(corpus: Path) -> None:
    files = expand_inputs([corpus])
    assert [Path(f).relative_to(corpus).as_posix() for f in files] == [
        "broken.txt", "county-hailaer-2018.txt", "national/national-zhongguo-2019.txt",
        "national/national-zhongguo-2020.txt", "national/scan.pdf"]


def test_expand_globs_explicit_files_missing_names_and_repeats(corpus: Path) -> None:
    files = expand_inputs([str(corpus / "**" / "national-*.txt"), corpus / "notes.tsv",
                           str(corpus / "national" / "national-zhongguo-2019.txt"),
                           str(corpus / "missing.txt"), str(corpus / "nothing-*.txt")])
    assert [Path(f).name for f in files] == [
        "national-zhongguo-2019.txt", "national-zhongguo-2020.txt", "notes.tsv", "missing.txt",
        "nothing-*.txt"]


# ------------------------------------------------------------------ extract_many
@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_many_matches_single_report_extraction(corpus: Path, jobs: int) -> None:
    results = {Path(r.file).name: r for r in extract_many([corpus], jobs=jobs)}
    assert sorted(results) == ["broken.txt", "county-hailaer-2018.txt", "national-zhongguo-2019.txt",
                               "national-zhongguo-2020.txt", "scan.pdf"]
    for name in REPORTS:
        result = results[name]
        assert result.ok and result.error is None and result.failures == ()
        assert result.facts == direct(DATA / name)
        assert result.size == (DATA / name).stat().st_size
    assert results["national-zhongguo-2020.txt"].meta.year == 2020
    assert results["county-hailaer-2018.txt"].meta.region == "内蒙古自治区呼伦贝尔市海拉尔区"
    assert results["broken.txt"].error_type == "DecodeError"
    assert "broken.txt" in results["broken.txt"].error
    assert results["scan.pdf"].error_type in ("UnsupportedFormatError", "LoadError")
    assert "scan.pdf" in results["scan.pdf"].error
    assert results["scan.pdf"].facts == () and results["scan.pdf"].meta is None


def test_a_missing_file_is_a_result_not_an_exception(tmp_path: Path) -> None:
    [result] = list(extract_many([tmp_path / "gone.txt"], jobs=2))
    assert (result.ok, result.error_type) == (False, "ReportNotFoundError")


def test_results_pickle_and_round_trip_through_json() -> None:
    result = extract_file(DATA / "national-zhongguo-2020.txt")
    assert result.facts
    assert pickle.loads(pickle.dumps(result)) == result
    assert ReportResult.from_json(json.loads(json.dumps(result.to_json()))) == result
    records = result.to_records()
    assert list(records[0]) == list(ROW_FIELDS)
    assert {r["year"] for r in records} == {2020}
    assert {r["region"] for r in records} == {"中华人民共和国"}
    growth = [r for r in records if r["indicator"] == "gdp_growth" and r["period"] == "2019"]
    assert growth[0]["value"] == Decimal("6.1") and growth[0]["kind"] == "actual"


def test_unknown_plugin_fails_before_any_work(corpus: Path) -> None:
    with pytest.raises(govreport.UnknownPluginError):
        next(extract_many([corpus], plugins=["no-such-plugin"], jobs=2))


def test_jobs_must_be_positive(corpus: Path) -> None:
    with pytest.raises(ValueError):
        next(extract_many([corpus], jobs=0))


class Crasher:
    """A plugin that kills its process on one file, as a segfault or the OOM killer would."""

    name = "crasher"
    domain = "test"
    version = "0"
    indicators = ()

    def extract(self, report):
        if report.source and "crash" in os.path.basename(report.source):
            os._exit(3)
        return []


@pytest.mark.skipif(os.name != "posix", reason="relies on fork inheriting a registered plugin")
def test_a_dying_worker_costs_only_its_file(tmp_path: Path) -> None:
    for name in REPORTS:
        shutil.copy(DATA / name, tmp_path / name)
    shutil.copy(DATA / REPORTS[0], tmp_path / "crash-2018.txt")
    register(Crasher())
    try:
        results = {Path(r.file).name: r for r in
                   extract_many([tmp_path], jobs=2, plugins=["crasher", "economy"])}
    finally:
        unregister("crasher")
    assert results["crash-2018.txt"].error_type == "WorkerDied"
    for name in REPORTS:
        assert results[name].ok
        assert results[name].facts == govreport.load(DATA / name).extract(plugins=["economy"]).facts


# ------------------------------------------------------------------ CLI
def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_cli_batch_writes_every_good_file_and_lists_the_broken(corpus: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "facts.csv"
    status = main(["batch", str(corpus), "-o", str(out), "--jobs", "2"])
    assert status == 1  # some files failed; every good one is in OUT anyway
    rows = read_csv(out)
    assert list(rows[0]) == list(ROW_FIELDS)
    by_file: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_file.setdefault(Path(row["file"]).name, []).append(row)
    assert sorted(by_file) == sorted(REPORTS)
    for name in REPORTS:
        assert len(by_file[name]) == len(direct(DATA / name))
    nat = by_file["national-zhongguo-2020.txt"]
    assert {(r["region"], r["province"], r["level"], r["year"]) for r in nat} == {
        ("中华人民共和国", "", "national", "2020")}
    assert any(r["indicator"] == "gdp_growth" and r["value"] == "6.1" and r["period"] == "2019"
               for r in nat)
    failures = read_csv(cli_batch.failures_path(out))
    assert sorted(Path(f["file"]).name for f in failures) == ["broken.txt", "scan.pdf"]
    assert {f["stage"] for f in failures} == {"load"}
    err = capsys.readouterr().err
    assert "5 files, 3 ok, 2 failed" in err and "broken.txt" in err and "scan.pdf" in err
    assert "\r" not in err  # no progress bar when stderr is not a terminal
    # failures keep the state folder, so --resume can retry just them
    assert cli_batch.state_dir(out).is_dir()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cli_clean_run_removes_state_and_writes_an_empty_failures_file(tmp_path: Path) -> None:
    out = tmp_path / "facts.csv"
    assert main(["batch", str(DATA / REPORTS[0]), "-o", str(out), "--jobs", "1"]) == 0
    assert len(read_csv(out)) == len(direct(DATA / REPORTS[0]))
    assert read_csv(cli_batch.failures_path(out)) == []
    assert not cli_batch.state_dir(out).exists()


def test_cli_jsonl_and_plugin_selection(tmp_path: Path) -> None:
    out = tmp_path / "facts.jsonl"
    assert main(["batch", str(DATA / "national-zhongguo-2019.txt"), "-o", str(out),
                 "--plugin", "economy", "--jobs", "1"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = govreport.load(DATA / "national-zhongguo-2019.txt").extract(plugins=["economy"]).facts
    assert len(records) == len(expected) > 0
    assert {r["domain"] for r in records} == {"economy"}
    assert list(records[0])[:5] == ["file", "region", "province", "level", "year"]
    growth = [r for r in records if r["indicator"] == "gdp_growth" and r["kind"] == "target"]
    assert (growth[0]["value"], growth[0]["value_max"], growth[0]["year"]) == (6, 6.5, 2019)


def test_cli_parquet_keeps_exact_decimals(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "facts.parquet"
    assert main(["batch", str(DATA / "national-zhongguo-2019.txt"), "-o", str(out), "--jobs", "1"]) == 0
    table = pq.read_table(out).to_pylist()
    expected = direct(DATA / "national-zhongguo-2019.txt")
    assert len(table) == len(expected)
    assert [row["value"] for row in table] == [fact.value for fact in expected]
    assert [row["indicator"] for row in table] == [fact.indicator for fact in expected]
    assert {row["year"] for row in table} == {2019}


def spy_on_workers(monkeypatch: pytest.MonkeyPatch, log: Path):
    """Record the files the batch's workers run (they are other processes: through a file)."""

    def spy(path, **options):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(Path(path).name + "\n")
        return extract_file(path, **options)

    monkeypatch.setattr(_batch, "extract_file", spy)
    return lambda: log.read_text(encoding="utf-8").split() if log.exists() else []


@pytest.mark.skipif(os.name != "posix", reason="the spy reaches workers through fork")
def test_resume_after_an_interrupted_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture) -> None:
    for name in REPORTS:
        shutil.copy(DATA / name, tmp_path / name)
    out = tmp_path / "out" / "facts.csv"
    out.parent.mkdir()
    out.write_text("previous complete table\n", encoding="utf-8")
    real_map_files = _batch.map_files

    def interrupted(*args, **kwargs):
        for k, result in enumerate(real_map_files(*args, **kwargs)):
            if k == 2:
                raise KeyboardInterrupt  # Ctrl-C after two files finished
            yield result

    monkeypatch.setattr(_batch, "map_files", interrupted)
    assert main(["batch", str(tmp_path), "-o", str(out), "--jobs", "1"]) == 130
    assert "--resume" in capsys.readouterr().err
    # OUT untouched (written only at the end, atomically); two results kept in the state folder
    assert out.read_text(encoding="utf-8") == "previous complete table\n"
    assert len(list(cli_batch.state_dir(out).glob("*.json"))) == 2
    monkeypatch.setattr(_batch, "map_files", real_map_files)

    ran = spy_on_workers(monkeypatch, tmp_path / "ran.log")
    assert main(["batch", str(tmp_path), "-o", str(out), "--jobs", "1", "--resume"]) == 0
    assert ran() == ["national-zhongguo-2020.txt"]  # the two finished files were not redone
    assert "2 resumed" in capsys.readouterr().err
    resumed = read_csv(out)
    monkeypatch.setattr(_batch, "extract_file", extract_file)
    fresh = tmp_path / "out" / "fresh.csv"
    assert main(["batch", str(tmp_path), "-o", str(fresh), "--jobs", "1"]) == 0
    assert resumed == read_csv(fresh)
    assert len(resumed) == sum(len(direct(DATA / name)) for name in REPORTS)


@pytest.mark.skipif(os.name != "posix", reason="the spy reaches workers through fork")
def test_resume_redoes_a_file_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "r.txt"
    shutil.copy(DATA / REPORTS[0], report)
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\xd8")  # fails: keeps the state folder
    out = tmp_path / "facts.csv"
    assert main(["batch", str(tmp_path), "-o", str(out), "--jobs", "1"]) == 1
    shutil.copy(DATA / "national-zhongguo-2020.txt", report)
    ran = spy_on_workers(monkeypatch, tmp_path / "ran.log")
    assert main(["batch", str(tmp_path), "-o", str(out), "--jobs", "1", "--resume"]) == 1
    assert sorted(ran()) == ["bad.txt", "r.txt"]  # the failed file is retried, the changed one redone
    assert {row["year"] for row in read_csv(out)} == {"2020"}


def test_cli_refuses_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["batch", str(DATA / REPORTS[0]), "-o", str(tmp_path / "x" / "f.csv")]) == 1
    assert main(["batch", str(DATA / REPORTS[0]), "-o", str(tmp_path / "f.csv"), "--jobs", "0"]) == 1
    assert main(["batch", str(DATA / REPORTS[0]), "-o", str(tmp_path / "f.csv"),
                 "--plugin", "nope"]) == 1
    err = capsys.readouterr().err
    assert "no such folder" in err and "--jobs must be at least 1" in err and "'nope'" in err
    assert not (tmp_path / "f.csv").exists()
