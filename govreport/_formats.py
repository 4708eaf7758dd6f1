"""PDF and Word (.docx) reports, read through optional extras.

Many governments publish the report as a PDF or a Word file. Both are recognised by their
content (``%PDF-``; a zip archive holding ``word/document.xml``), never by the file name, so
a PDF saved as ``report.txt`` is still read as a PDF. The readers are optional extras
(``govreport[pdf]`` = pypdf, ``govreport[docx]`` = python-docx): without one, the error
names the file and the package to install instead of decoding binary as garbage text. Every
error here is an :class:`~govreport.UnsupportedFormatError` naming the file: missing reader,
broken file, encrypted file, or a PDF without a text layer (a scan); a file that unpacks to
more than ``max_expanded_bytes`` (a zip bomb) is a :class:`~govreport.LimitExceededError`.

PDF text comes out one *visual line* a line, while the rest of govreport expects one
paragraph a line; :func:`reflow` joins lines that were wrapped by the page width and drops
bare page numbers, so headings and paragraphs come out as the report wrote them.
"""
from __future__ import annotations

import io
import unicodedata
import zipfile
from typing import Callable

import regex

from govreport._errors import LimitExceededError, UnsupportedFormatError

__all__ = ["sniff", "document_text", "pdf_text", "docx_text", "reflow"]

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"

#: a line that ends a paragraph: closing punctuation (quotes and brackets may follow it)
_PARAGRAPH_END = regex.compile(r"[。！？；：!?;:…][”’」』）)】]{0,3}$")
#: a stripped line that is only a page number: "3", "- 3 -", "— 3 —", "第3页", "3/40"
#: (no nested or adjacent optional spaces, so nothing to backtrack over)
_PAGE_NUMBER = regex.compile(r"[-—–－]{0,3} ?(?:第 ?)?\d{1,4} ?(?:页|/ ?\d{1,4})? ?[-—–－]{0,3}")
#: page-number lines are short; longer lines are never tried against the pattern
_PAGE_NUMBER_MAX = 16
#: a line that starts a heading or list item, which never continues the previous line
_HEADING_START = regex.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|第[一二三四五六七八九十]+[部分章节条])")


def sniff(data: bytes) -> str | None:
    """``"pdf"``, ``"docx"`` or ``None``: what the bytes are, from their content alone."""
    # only at the very start: a text that quotes "%PDF-" somewhere is still text
    if data.startswith(PDF_MAGIC):
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "word/document.xml" in names:
            return "docx"
    return None


def _is_page_number(line: str) -> bool:
    line = line.strip()
    return bool(line) and len(line) <= _PAGE_NUMBER_MAX and _PAGE_NUMBER.fullmatch(line) is not None


def _ends_paragraph(line: str) -> bool:
    # only the line's tail can end it: a bounded window keeps the search constant-time
    return _PARAGRAPH_END.search(line.rstrip()[-8:]) is not None


def _width(line: str) -> int:
    # on a Chinese page, wide and ambiguous characters (汉字, ——, “”) take two columns, ASCII one
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in line)


def reflow(text: str) -> str:
    """Join lines a page wrapped, drop bare page numbers; keep real paragraph breaks.

    A line is taken as wrapped when it is nearly as wide as the page's full lines and does
    not end a sentence, and the next line is not a heading. Page width is estimated from the
    text itself (the 90th percentile of line widths), so any page size or font works.
    """
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if not _is_page_number(line)]
    widths = sorted(_width(line) for line in lines if line.strip())
    if not widths:
        return ""
    full = widths[min(len(widths) - 1, int(len(widths) * 0.9))]
    out: list[str] = []
    joining = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if not joining:  # a paragraph wrapped across a page break or a dropped footer goes on
                out.append("")
            continue
        if joining and out and not _HEADING_START.match(stripped):
            out[-1] += stripped
        else:
            out.append(stripped)
        joining = _width(line) >= 0.85 * full and full >= 20 and not _ends_paragraph(line)
    return "\n".join(out).strip("\n") + "\n"


def _missing(kind: str, package: str, extra: str, source: str) -> UnsupportedFormatError:
    return UnsupportedFormatError(
        f"is a {kind} file; reading it needs the optional package {package}: "
        f"pip install 'govreport[{extra}]'", source=source)


def _too_large(kind: str, what: str, size: int, limit: int, source: str) -> LimitExceededError:
    return LimitExceededError(
        f"is a {kind} file whose {what} {size:,} bytes, more than max_expanded_bytes={limit:,} "
        f"(a zip bomb?); raise the limit (--max-expanded-bytes) to read it", source=source)


def pdf_text(data: bytes, *, source: str = "<bytes>", max_expanded_bytes: int | None = None) -> str:
    """The text of a PDF, page after page, reflowed into one paragraph a line.

    ``max_expanded_bytes`` bounds the text taken out (UTF-8 bytes); pypdf bounds what one
    stream may decompress to.
    """
    try:
        import pypdf
    except ImportError:
        raise _missing("PDF", "pypdf", "pdf", source) from None
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")  # many published PDFs are "encrypted" with an empty password
            except Exception:  # noqa: BLE001 - any failure to decrypt means a password is needed
                raise UnsupportedFormatError("is an encrypted PDF that needs a password",
                                             source=source) from None
        pages: list[str] = []
        expanded = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            expanded += len(pages[-1].encode("utf-8"))
            if max_expanded_bytes is not None and expanded > max_expanded_bytes:
                raise _too_large("PDF", "text reaches", expanded, max_expanded_bytes, source)
    except (UnsupportedFormatError, LimitExceededError):
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged files; all mean "broken"
        if type(exc).__name__ == "LimitReachedError":  # pypdf's own limits (pypdf >= 5)
            raise LimitExceededError(f"is a PDF file that exceeds a limit of the PDF reader ({exc})",
                                     source=source) from None
        raise UnsupportedFormatError(f"is a broken PDF file ({type(exc).__name__}: {exc})", source=source) from None
    text = reflow("\n".join(page.rstrip("\n") for page in pages))
    if not text.strip():
        raise UnsupportedFormatError("is a PDF without a text layer (a scan? it needs OCR first)", source=source)
    return text


def _docx_blocks(document) -> list[str]:
    """Paragraphs and table rows in document order (tables hold many reports' key figures)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:  # merged cells repeat: keep each once
                    if not cells or cells[-1] != cell.text:
                        cells.append(cell.text)
                blocks.append("\t".join(cells))
    return blocks


def docx_text(data: bytes, *, source: str = "<bytes>", max_expanded_bytes: int | None = None) -> str:
    """The text of a Word .docx file, one paragraph (or table row) a line.

    ``max_expanded_bytes`` bounds what the archive unpacks to, by the sizes its directory
    declares, before anything is unpacked (the zip reader never unpacks a member past its
    declared size: a lying size makes the file broken, not big).
    """
    try:
        import docx
    except ImportError:
        raise _missing("Word (.docx)", "python-docx", "docx", source) from None
    if max_expanded_bytes is not None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
        if expanded > max_expanded_bytes:
            raise _too_large("Word (.docx)", "parts unpack to", expanded, max_expanded_bytes, source)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _docx_blocks(document)
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many types on damaged files
        raise UnsupportedFormatError(f"is a broken Word file ({type(exc).__name__}: {exc})", source=source) from None
    return "\n".join(block.strip() for block in blocks) + "\n"


_READERS: dict[str, Callable[..., str]] = {"pdf": pdf_text, "docx": docx_text}


def document_text(data: bytes, *, source: str = "<bytes>",
                  max_expanded_bytes: int | None = None) -> str | None:
    """The text of a PDF or Word file, or ``None`` when the bytes are neither.

    A ZIP archive that cannot be opened (a Word file cut short in a download) is an
    :class:`~govreport.UnsupportedFormatError` saying so, not "a ZIP, not text".
    """
    kind = sniff(data)
    if kind is None:
        if data.startswith(ZIP_MAGIC) and not _opens_as_zip(data):
            raise UnsupportedFormatError("is a damaged or truncated ZIP archive (a Word file cut short?)",
                                         source=source)
        return None
    return _READERS[kind](data, source=source, max_expanded_bytes=max_expanded_bytes)


def _opens_as_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)):
            return True
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
