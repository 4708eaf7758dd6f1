"""PDF and Word reports: recognised by content, read through optional extras.

The PDF is written by hand here (:func:`make_pdf`, no PDF library needed to make it): a
Type0 font with Identity-H encoding whose ToUnicode map sends each two-byte code to the
same Unicode code point, so the text layer is exactly the lines given. The page lines are
wrapped as a printed page would wrap them, so the test also checks the reflow.
"""
from __future__ import annotations

import builtins
import io
import unicodedata
from pathlib import Path

import pytest

import govreport
from govreport import _formats
from govreport._errors import LoadError, UnsupportedFormatError

DATA = Path(__file__).parent / "data"

PARAGRAPHS = [
    "政府工作报告",
    "——2021年3月1日在某市第十八届人民代表大会第五次会议上",
    "各位代表：",
    "现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。",
    "一、2020年工作回顾",
    "过去一年，全市地区生产总值增长6.5%，城镇新增就业3.2万人，一般公共预算收入完成1325亿元，居民人均可支配收入增长8%。",
    "二、2021年主要目标",
    "今年经济社会发展的主要预期目标是：地区生产总值增长7%左右，城镇新增就业3万人以上。",
]


def make_pdf(lines: list[str], lines_per_page: int = 12) -> bytes:
    """A minimal valid PDF whose extracted text is ``lines``, one a line."""
    pages = [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    ranges = [f"<{h:02X}00> <{h:02X}FF> <{h:02X}00>" for h in range(256) if not 0xD8 <= h <= 0xDF]
    blocks = [f"{len(ranges[i:i + 100])} beginbfrange\n" + "\n".join(ranges[i:i + 100]) + "\nendbfrange"
              for i in range(0, len(ranges), 100)]
    cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            + "\n".join(blocks) + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode()
    kids = " ".join(f"{6 + 2 * k} 0 R" for k in range(len(pages)))
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        3: (b"<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H "
            b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>"),
        4: (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /CIDSystemInfo "
            b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"),
        5: b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    }
    for k, page in enumerate(pages):
        ops = ["BT", "/F1 10 Tf", "12 TL", "50 800 Td"]
        ops += [f"<{''.join(f'{ord(c):04X}' for c in line)}> Tj T*" for line in page]
        content = "\n".join(ops + ["ET"]).encode()
        objs[6 + 2 * k] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                           f"/Resources << /Font << /F1 3 0 R >> >> /Contents {7 + 2 * k} 0 R >>").encode()
        objs[7 + 2 * k] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[num] for num in sorted(objs))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def printed_lines(paragraphs: list[str], width: int = 44) -> list[str]:
    """The paragraphs as a page prints them: wrapped at ``width`` columns (汉字 two, digits
    one), with a page number."""
    lines: list[str] = []
    for paragraph in paragraphs:
        line, used = "", 0
        for ch in paragraph:
            w = 2 if unicodedata.east_asian_width(ch) in "WFA" else 1
            if used + w > width:
                lines.append(line)
                line, used = "", 0
            line, used = line + ch, used + w
        lines.append(line)
    return lines[:6] + ["- 1 -"] + lines[6:]


@pytest.fixture
def pdf_bytes() -> bytes:
    return make_pdf(printed_lines(PARAGRAPHS))


def without(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == module or name.startswith(module + "."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)


def test_sniff_by_content_not_name(pdf_bytes: bytes) -> None:
    assert _formats.sniff(pdf_bytes) == "pdf"
    assert _formats.sniff("各位代表：%PDF-1.4".encode()) is None  # quoted in text: still text
    assert _formats.sniff(b"PK\x03\x04 not really a zip") is None
    zipped = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("data.csv", "a,b\n")
    assert _formats.sniff(zipped.getvalue()) is None  # a zip, but not a Word document


def test_reflow_joins_wrapped_lines_and_drops_page_numbers() -> None:
    assert _formats.reflow("\n".join(printed_lines(PARAGRAPHS))) == "\n".join(PARAGRAPHS) + "\n"


def test_pdf_text_and_report(pdf_bytes: bytes, tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    assert _formats.pdf_text(pdf_bytes) == "\n".join(PARAGRAPHS) + "\n"
    path = tmp_path / "report.txt"  # a PDF with the wrong name is still a PDF
    path.write_bytes(pdf_bytes)
    report = govreport.parse(_formats.document_text(path.read_bytes(), source=str(path)))
    assert report.meta.year == 2021
    assert [s.title for s in report.sections] == ["2020年工作回顾", "2021年主要目标"]
    facts = {(f.indicator, f.kind, f.period): f.value for f in report.extract(plugins=["economy"])}
    assert facts[("gdp_growth", "actual", "2020")] == 6.5
    assert facts[("gdp_growth", "target", "2021")] == 7


def test_load_reads_pdf_files_and_bytes(pdf_bytes: bytes, tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    path = tmp_path / "report.txt"
    path.write_bytes(pdf_bytes)
    for source in (path, pdf_bytes):
        report = govreport.load(source)
        assert report.text.startswith("政府工作报告\n")
        assert "一般公共预算收入完成1325亿元" in report.text
    assert govreport.load(path).source == str(path)


def test_pdf_without_pypdf_names_the_file_and_package(pdf_bytes: bytes, monkeypatch) -> None:
    without(monkeypatch, "pypdf")
    with pytest.raises(UnsupportedFormatError) as err:
        _formats.document_text(pdf_bytes, source="r2021.pdf")
    assert str(err.value) == ("r2021.pdf: is a PDF file; reading it needs the optional package pypdf: "
                              "pip install 'govreport[pdf]'")


def test_broken_and_textless_pdfs_are_clear_errors(pdf_bytes: bytes) -> None:
    pytest.importorskip("pypdf")
    with pytest.raises(LoadError, match=r"^bad\.pdf: is a broken PDF file"):
        _formats.pdf_text(b"%PDF-1.4\nthis is not a pdf body at all", source="bad.pdf")
    with pytest.raises(LoadError, match="without a text layer"):
        _formats.pdf_text(make_pdf([]), source="scan.pdf")


def make_docx(paragraphs: list[str]) -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for text in paragraphs[:-1]:
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=2)
    for i, row in enumerate([("指标", "目标"), ("地区生产总值增长", "7%左右")]):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    document.add_paragraph(paragraphs[-1])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    data = make_docx(PARAGRAPHS)
    assert _formats.sniff(data) == "docx"
    assert _formats.docx_text(data) == "\n".join(
        PARAGRAPHS[:-1] + ["指标\t目标", "地区生产总值增长\t7%左右", PARAGRAPHS[-1]]) + "\n"
    path = tmp_path / "report.bin"
    path.write_bytes(data)
    report = govreport.load(path)
    assert report.meta.year == 2021 and len(report.sections) == 2


def test_docx_without_python_docx_and_broken_docx(monkeypatch) -> None:
    data = make_docx(PARAGRAPHS)
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "word/document.xml":
                content = content[: len(content) // 2]  # truncated XML
            dst.writestr(item, content)
    with pytest.raises(LoadError, match=r"^bad\.docx: is a broken Word file"):
        _formats.docx_text(buffer.getvalue(), source="bad.docx")
    without(monkeypatch, "docx")
    with pytest.raises(UnsupportedFormatError, match=r"python-docx: pip install 'govreport\[docx\]'"):
        _formats.document_text(data, source="r.docx")
