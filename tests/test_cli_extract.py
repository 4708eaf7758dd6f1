"""Command-line habits: ``python -m govreport``, several files and folders, progress bars."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import govreport
from govreport.cli import main
from govreport.cli._progress import progress

DATA = Path(__file__).parent / "data"
A = DATA / "national-zhongguo-2024.txt"
B = DATA / "national-zhongguo-2025.txt"


def facts_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in govreport.load(path).extract().to_jsonl().splitlines()]


def test_python_dash_m_runs_the_command_line():
    result = subprocess.run([sys.executable, "-m", "govreport", "--version"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0 and result.stdout == f"govreport {govreport.__version__}\n"


def test_one_file_gives_plain_fact_records(capsys):
    assert main(["extract", str(A)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines == facts_of(A)  # facts.md records, no file field


def test_several_files_say_which_file_each_fact_came_from(capsys):
    assert main(["extract", str(A), str(B), "--format", "jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines == [{"file": str(A), **f} for f in facts_of(A)] + [{"file": str(B), **f} for f in facts_of(B)]
    assert main(["extract", str(A), str(B), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0])[:2] == ["file", "indicator"]
    assert [(r["file"], r["indicator"], r["value"], r["start"]) for r in rows] == [
        (str(path), f["indicator"], str(f["value"]), str(f["start"])) for path in (A, B) for f in facts_of(path)]


def test_a_folder_is_walked_for_report_files(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    shutil.copy(A, tmp_path / "sub" / "b-2024.txt")
    shutil.copy(B, tmp_path / "a-2025.txt")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")  # not a report file
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    assert main(["extract", str(tmp_path), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    files = list(dict.fromkeys(r["file"] for r in rows))
    assert files == [str(tmp_path / "a-2025.txt"), str(tmp_path / "sub" / "b-2024.txt")]
    assert len(rows) == len(facts_of(A)) + len(facts_of(B))


def test_a_folder_without_reports_is_an_error(tmp_path, capsys):
    assert main(["extract", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"govreport: error: {tmp_path}: no report files here (.docx, .htm")


def test_a_missing_file_is_reported_and_the_others_extracted(capsys):
    assert main(["extract", "no/such.txt", str(A)]) == 1
    captured = capsys.readouterr()
    assert "govreport: error: no/such.txt: no such file" in captured.err
    assert len(captured.out.splitlines()) == len(facts_of(A))


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bars_show_on_a_terminal_only(monkeypatch):
    monkeypatch.setattr(sys, "stderr", Terminal())
    bar = progress(3)
    assert bar is not None and bar.total == 3
    bar.update(3)
    bar.close()
    assert "| 0/3 [" in sys.stderr.getvalue()
    assert progress(3, enabled=False) is None
    assert progress(1) is None  # one file: nothing to follow
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert progress(3) is None  # a pipe or a log file


def test_extract_shows_a_bar_when_its_output_goes_to_a_file(monkeypatch, capsys):
    shown = []
    monkeypatch.setattr("govreport.cli._progress.progress",
                        lambda total, enabled=True, **kw: shown.append((total, enabled)))
    assert main(["extract", str(A), str(B)]) == 0
    assert main(["extract", str(A), str(B), "--no-progress"]) == 0
    assert shown == [(2, True), (2, False)]  # capsys's stdout is not a terminal
