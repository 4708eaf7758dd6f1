"""`govreport inspect`: JSON and text output, one-line errors."""
from __future__ import annotations

import json
from pathlib import Path

from govreport.cli import main

DATA = Path(__file__).parent / "data"


def test_inspect_json(capsys):
    assert main(["inspect", str(DATA / "district-jiangbei-2021.txt"), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["meta"]["region"] == "重庆市江北区"
    assert out["meta"]["region_code"] == "500105"
    assert out["meta"]["year"] == 2021
    assert len(out["sections"]) == 19
    first = out["sections"][1]
    assert first["path"] == [1, 1] and first["number"] == "(一)"
    assert first["title"].startswith("过去的五年,是江北聚焦创新驱动")
    assert set(first) == {"path", "number", "title", "start", "end"}
    assert first["start"] < first["end"]


def test_inspect_text(capsys):
    assert main(["inspect", str(DATA / "national-zhongguo-2024.txt")]) == 0
    out = capsys.readouterr().out
    assert "speaker        李强" in out
    assert "3.10" in out and "切实保障和改善民生" in out


def test_inspect_errors_are_one_line(tmp_path, capsys):
    assert main(["inspect", str(tmp_path / "missing.txt")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.txt" in err and err.startswith("govreport: error:")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    assert main(["inspect", str(pdf), "--format", "json"]) == 1
    assert "PDF" in capsys.readouterr().err


def test_inspect_explicit_encoding(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_bytes((DATA / "county-hailaer-2018.txt").read_text(encoding="utf-8").encode("gb18030"))
    assert main(["inspect", str(path), "--format", "json", "--encoding", "gb18030"]) == 0
    assert json.loads(capsys.readouterr().out)["meta"]["speaker"] == "杨国宏"
