"""Decoding, HTML, errors, and the model's invariants on real reports."""
from __future__ import annotations

import pickle
from html import escape
import random
from pathlib import Path

import pytest

import govreport
from govreport import (DecodeError, EmptyReportError, GovReportError, NotAReportError, ReportNotFoundError,
                       UnsupportedFormatError)
from govreport._load import decode, html_to_text

DATA = Path(__file__).parent / "data"
JIANGBEI = DATA / "district-jiangbei-2021.txt"


@pytest.fixture(scope="module")
def jiangbei():
    return govreport.load(JIANGBEI)


def _html(text: str) -> str:
    paras = "\n".join(f"<p>{escape(line, quote=False)}</p>" for line in text.splitlines())
    return ("<!DOCTYPE html><html><head><title>政府工作报告</title><style>p{color:red}</style>"
            "<script>var x = '各位代表：';</script></head><body><nav><a href='/'>首页</a> &gt; 要闻</nav>"
            f"<div class=\"content\">\n{paras}\n</div><footer>版权所有</footer></body></html>")


def test_load_path_str_pathlike_bytes_and_text_agree(jiangbei):
    raw = JIANGBEI.read_text(encoding="utf-8")
    for other in (govreport.load(str(JIANGBEI)), govreport.load(JIANGBEI.read_bytes()), govreport.load(raw),
                  govreport.parse(raw)):
        assert other.text == jiangbei.text and other.meta == jiangbei.meta
    assert jiangbei.source == str(JIANGBEI)
    assert govreport.parse(raw).source is None
    assert jiangbei.raw == raw


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-16", "utf-16-le"])
def test_same_report_in_other_encodings(jiangbei, encoding):
    data = jiangbei.raw.encode(encoding)
    report = govreport.load(data)
    assert report.text == jiangbei.text
    assert report.meta == jiangbei.meta


def test_gb18030_html_page_gives_the_same_model(jiangbei, tmp_path):
    for name in ("district-jiangbei-2021", "national-zhongguo-2016", "province-ningxia-2026"):
        plain = govreport.load(DATA / f"{name}.txt")
        page = tmp_path / f"{name}.html"
        page.write_bytes(_html(plain.raw).encode("gb18030"))
        report = govreport.load(page)
        assert report.text == plain.text
        assert report.meta == plain.meta
        assert [s.title for s in report.iter_sections()] == [s.title for s in plain.iter_sections()]
        assert "<p>" in report.raw  # raw is the decoded page
        for s in list(report.iter_sections())[:5]:  # spans map into the HTML exactly
            a, b = report.raw_span(s.title_start, s.title_end)
            assert report.raw[a:b] == s.title


def test_html_to_text_drops_scripts_styles_nav_and_maps_entities():
    html = "<html><body><nav>菜单</nav><script>x=1</script><p>甲&amp;乙</p><p>丙<br>丁</p></body></html>"
    text, starts, ends = html_to_text(html)
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines == ["甲&乙", "丙", "丁"]
    amp = text.index("&")
    assert html[starts[amp]:ends[amp]] == "&amp;"


def test_explicit_encoding(jiangbei):
    data = jiangbei.raw.encode("gb18030")
    assert govreport.load(data, encoding="gb18030").text == jiangbei.text
    with pytest.raises(DecodeError, match="utf-8"):
        govreport.load("各位代表：".encode("gbk"), encoding="utf-8")
    with pytest.raises(DecodeError, match="unknown encoding"):
        govreport.load(b"abc", encoding="no-such-codec")


def test_random_bytes_are_refused_naming_encodings(tmp_path):
    rng = random.Random(7)
    path = tmp_path / "noise.bin"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(4000)))
    with pytest.raises(DecodeError) as info:
        govreport.load(path)
    message = str(info.value)
    assert str(path) in message and "utf-8" in message and "gb18030" in message
    assert info.value.source == str(path)


@pytest.mark.parametrize("head, kind", [(b"%PDF-1.7\n", "PDF"), (b"PK\x03\x04", "ZIP"),
                                        (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff\xe0", "JPEG")])
def test_binary_formats_are_unsupported(tmp_path, head, kind):
    path = tmp_path / "report.bin"
    path.write_bytes(head + bytes(range(256)) * 4)
    with pytest.raises(UnsupportedFormatError, match=kind) as info:
        govreport.load(path)
    assert str(path) in str(info.value)


def test_utf16_without_evidence_is_not_guessed():
    # even-length bytes with no NUL beside a line break: never read as UTF-16
    with pytest.raises(DecodeError):
        decode(bytes([0x00, 0x41, 0x00, 0xff] * 50))


def test_missing_empty_and_not_a_report(tmp_path):
    with pytest.raises(ReportNotFoundError):
        govreport.load(tmp_path / "nope.txt")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b" \n\r\n ")
    with pytest.raises(EmptyReportError):
        govreport.load(empty)
    other = tmp_path / "recipe.txt"
    other.write_text("红烧肉做法\n五花肉500克。\n", encoding="utf-8")
    with pytest.raises(NotAReportError) as info:
        govreport.load(other)
    assert isinstance(info.value, GovReportError) and str(other) in str(info.value)
    with pytest.raises(TypeError):
        govreport.parse(b"bytes")


def test_report_pickles(jiangbei):
    again = pickle.loads(pickle.dumps(jiangbei))
    assert again == jiangbei
    assert again.raw_span(10, 20) == jiangbei.raw_span(10, 20)


def test_raw_span_maps_every_paragraph_exactly(jiangbei):
    for p in jiangbei.paragraphs:
        a, b = jiangbei.raw_span(p.start, p.end)
        assert jiangbei.raw[a:b] == p.text
    a, b = jiangbei.raw_span(0, 0)
    assert a == b == 272  # the report's own title, not the forum post's title above it
    with pytest.raises(IndexError):
        jiangbei.raw_span(0, len(jiangbei.text) + 1)


def test_crlf_report_spans_map_to_raw():
    report = govreport.load(DATA / "county-hailaer-2016.txt")
    assert "\r\n" in report.raw and "\r" not in report.text
    for p in report.paragraphs[:30]:
        a, b = report.raw_span(p.start, p.end)
        assert report.raw[a:b] == p.text
    a, b = report.raw_span(report.paragraphs[0].end, report.paragraphs[0].end + 1)  # the newline
    assert report.raw[a:b] == "\r\n"


def test_literal_nbsp_artefact_maps_back():
    report = govreport.load(DATA / "national-zhongguo-2016.txt")
    first = report.paragraphs[0]
    assert first.text.endswith("国务院总理\u00a0 李克强")
    a, b = report.raw_span(first.start, first.end)
    assert report.raw[a:b].endswith("国务院总理<U+00A0> 李克强")


def test_import_is_lazy():
    import subprocess
    import sys

    code = "import sys, govreport; print('jieba' in sys.modules, 'govreport._load' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
