"""Loading: bytes or files to text (decoding, HTML), then clean -> meta -> structure.

Decoding is strict on purpose: a report decoded into garbage would pass silently through
every later step, so bytes that are not text in one of the encodings tried are refused
with an error naming the source and the encodings. UTF-16 is accepted only with a BOM or
with unmistakable evidence (NUL bytes beside ASCII line breaks), because nearly any even
byte string "decodes" as UTF-16.
"""
from __future__ import annotations

import errno
import io
import os
import re
import stat
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Union

import regex

from govreport._clean import clean
from govreport._errors import (
    DecodeError, EmptyReportError, LimitExceededError, LoadError, NotAReportError,
    ReportNotFoundError, UnsupportedFormatError,
)
from govreport._limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_EXPANDED_BYTES
from govreport._meta import extract_meta
from govreport._model import Report
from govreport._offsets import OffsetMap, SpanMapBuilder
from govreport._remote import is_url, read_url
from govreport._structure import build

__all__ = ["load", "parse", "decode", "html_to_text", "read_file"]

Source = Union[str, bytes, bytearray, memoryview, "os.PathLike[str]"]

BINARY_SIGNATURES: tuple[tuple[bytes, str | None], ...] = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP (or DOCX/XLSX)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE (DOC/XLS)"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"BM", None),  # only with a plausible header: see _binary_kind
    (b"\x1f\x8b", "gzip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"{\\rtf", "RTF"),
    (b"RIFF", "RIFF (WEBP/WAV/AVI)"),
    (b"\x7fELF", "ELF executable"),
)
DEFAULT_ENCODINGS = ("utf-8", "gb18030")
#: what starts an HTML page, after any comments (skipped by _after_comments, not by this
#: pattern: a repeated lazy group over comments backtracks exponentially on ``<!---->`` * 40)
HTML_START = regex.compile(r"\s*+(?:<!doctype\s++html|<html\b|<\?xml[^>]*+>\s*+<html\b)", regex.I)
_SPACES = regex.compile(r"\s*+")
HTML_TAG = regex.compile(r"<(?:html|head|body|div|p|br|span|table|td|meta|title|a)\b[^>]*>", regex.I)


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in BINARY_SIGNATURES:
        if data.startswith(magic):
            if kind is None:
                continue
            return kind
    return None


#: every character but those that are text in any Unicode version (ASCII and Latin-1 but
#: DEL, general punctuation, CJK punctuation, the ideographs of Unicode 1.1, full-width
#: forms): a report holds a few dozen of these, each looked up in the character database
_NOT_SURELY_TEXT = re.compile("[^\t\n\r\x20-\x7e\xa0-\xff\u2010-\u2027\u2030-\u205e"
                              "\u3000-\u303f\u4e00-\u9fa5\uff01-\uff5e]")


def _plausible(text: str) -> bool:
    """Reject decodings full of control or private-use characters (binary decoded as text).

    One scan in C picks the characters to look up (tests/test_fast_paths.py checks that
    every character it passes over is text for the character database)."""
    if not text:
        return True
    bad = 0
    for ch in _NOT_SURELY_TEXT.findall(text):
        cat = unicodedata.category(ch)
        if (cat == "Cc" and ch not in "\t\n\r\f\v") or cat in ("Co", "Cs", "Cn"):
            bad += 1
    return bad <= _stray_budget(len(text))


def _stray_budget(length: int) -> int:
    """How many control (or NUL) characters a text of ``length`` may hold and still be text."""
    return max(2, length // 1000)


def _utf16_evidence(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII line breaks as NUL pairs, NULs mostly on one side."""
    if len(data) % 2 or b"\x00" not in data:
        return None
    pairs = len(data) // 2
    odd, even = data[1::2].count(0), data[0::2].count(0)
    if b"\n\x00" in data and odd >= max(2, pairs // 50) and even * 4 < odd:
        return "utf-16-le"
    if b"\x00\n" in data and even >= max(2, pairs // 50) and odd * 4 < even:
        return "utf-16-be"
    return None


def decode(data: bytes, *, encoding: str | None = None, source: str = "<bytes>") -> str:
    """Bytes to text: explicit encoding, else BOM, UTF-8, GB18030, UTF-16 with evidence."""
    if not data.strip():
        raise EmptyReportError("empty file", source=source)
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r}", source=source) from None
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not valid {encoding} ({exc.reason} at byte {exc.start})", source=source) from None
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"has a UTF-8 byte-order mark but is not valid UTF-8 ({exc.reason} at byte "
                              f"{exc.start + 3})", source=source) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DecodeError("has a UTF-16 byte-order mark but is not valid UTF-16", source=source) from None
    kind = _binary_kind(data)
    if kind:
        raise UnsupportedFormatError(f"is a {kind} file, not text", source=source)
    tried = list(DEFAULT_ENCODINGS)
    utf16 = _utf16_evidence(data)
    if utf16:
        tried.append(utf16)
        try:
            text = data.decode(utf16)
            if _plausible(text):
                return text
        except UnicodeDecodeError:
            pass
    # a few stray NUL bytes (a scraper's artefact) do not make a report binary; the cleaner
    # leaves them out. More mean UTF-16 without a byte-order mark (or binary): refused.
    if data.count(0) <= _stray_budget(len(data)):
        for enc in DEFAULT_ENCODINGS:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible(text):
                return text
    else:
        tried.append("utf-16 (no BOM, no evidence)")
    raise DecodeError(f"not text in any encoding tried ({', '.join(tried)})", source=source)


# ------------------------------------------------------------------ HTML
BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
              "section", "article", "blockquote", "pre", "dd", "dt", "dl", "hr", "center", "td", "th",
              "main", "body", "html", "font"}
DROP_TAGS = {"script", "style", "nav", "head", "noscript", "template", "iframe", "svg", "form",
             "button", "select", "textarea", "object"}
VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source",
             "track", "wbr"}


class _TextParser(HTMLParser):
    """HTML to text with, per output character, the span of the HTML it came from."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0]
        for m in regex.finditer(r"\r\n|\r|\n", html):
            self.line_starts.append(m.end())
        self.chars: list[str] = []
        self.spans = SpanMapBuilder()
        self.drop = 0
        self.pre = 0

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _emit(self, text: str, start: int, end: int, one_to_one: bool) -> None:
        self.chars.append(text)
        if one_to_one:
            self.spans.add(len(text), start, start + 1)
        else:
            for _ in text:
                self.spans.add(1, start, end)

    def _break(self) -> None:
        pos = self._pos()
        text = self.get_starttag_text() or ""
        self._emit("\n", pos, pos + max(1, len(text)), False)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in DROP_TAGS and tag not in VOID_TAGS:
            self.drop += 1
        elif tag == "pre":
            self.pre += 1
        if not self.drop and tag in BLOCK_TAGS:
            self._break()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if not self.drop and tag in BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_TAGS and tag not in VOID_TAGS:
            self.drop = max(0, self.drop - 1)
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
        elif not self.drop and tag in BLOCK_TAGS:
            pos = self._pos()
            self._emit("\n", pos, pos + len(tag) + 3, False)

    def handle_data(self, data: str) -> None:
        if self.drop:
            return
        if not self.pre:
            data = data.replace("\r", " ").replace("\n", " ")
        self._emit(data, self._pos(), 0, True)

    def _ref(self, text: str) -> None:
        if self.drop:
            return
        pos = self._pos()
        semi = self.html.find(";", pos, pos + 40)
        end = semi + 1 if semi != -1 else pos + 1
        self._emit(text, pos, end, False)

    def handle_entityref(self, name: str) -> None:
        from html import unescape

        self._ref(unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        from html import unescape

        self._ref(unescape(f"&#{name};"))


def _after_comments(text: str) -> int:
    """The offset after the leading whitespace and ``<!-- -->`` comments of ``text``."""
    pos = _skip_spaces(text, 0)
    while text.startswith("<!--", pos):
        close = text.find("-->", pos + 4)
        if close == -1:
            return pos
        pos = _skip_spaces(text, close + 3)
    return pos


def _skip_spaces(text: str, pos: int) -> int:
    spaces = _SPACES.match(text, pos)  # \s*+ always matches, maybe empty
    return spaces.end() if spaces is not None else pos


def looks_like_html(text: str) -> bool:
    """A page (doctype / <html>, after any comments) or a fragment with several common tags."""
    start = _after_comments(text)
    return bool(HTML_START.match(text, start, start + 4096)) or len(HTML_TAG.findall(text[:4096])) >= 3


def html_to_text(html: str) -> tuple[str, OffsetMap, OffsetMap]:
    """Text of an HTML page (scripts, styles, navigation dropped; block tags break lines),
    and per character of it the start and the end of the HTML it came from."""
    parser = _TextParser(html)
    parser.feed(html)
    parser.close()
    starts, ends = parser.spans.build()
    return "".join(parser.chars), starts, ends


# ------------------------------------------------------------------ pipeline
def _build(raw: str, source: str | None) -> Report:
    label = source or "<text>"
    if not raw.strip():
        raise EmptyReportError("no text", source=label)
    hs: OffsetMap | None = None
    he: OffsetMap | None = None
    if looks_like_html(raw):
        plain, hs, he = html_to_text(raw)
    else:
        plain = raw
    body = clean(plain)
    if body is None or not body.text:
        raise NotAReportError("no government work report found (no title, 各位代表 or numbered heading)",
                              source=label)
    starts, ends = body.starts, body.ends
    if hs is not None and he is not None:
        starts = body.starts.through(hs)
        ends = body.ends.through(he, -1)
    sections, paragraphs = build(body.text, body.opening)
    meta = extract_meta(body.text, body.opening, notes=body.notes)
    return Report(raw=raw, text=body.text, meta=meta, sections=sections, paragraphs=paragraphs,
                  source=source, offsets=(starts, ends))


def parse(text: str, *, source: str | None = None) -> Report:
    """Build the model of a report given as text (plain or HTML)."""
    if not isinstance(text, str):
        raise TypeError(f"parse() takes str, not {type(text).__name__}; use load() for bytes and paths")
    return _build(text, source)


def load(
    source: Source,
    *,
    encoding: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    max_expanded_bytes: int | None = DEFAULT_MAX_EXPANDED_BYTES,
) -> Report:
    """Load a report from a path (``str`` without a newline, or ``PathLike``), bytes, or text.

    A ``str`` holding a newline is taken as the report's text itself (a file whose name
    holds a newline is loaded through :class:`pathlib.Path`). A path may name a regular
    file, a FIFO or a device (``/dev/stdin``, a shell's ``<(...)``); a folder, a missing
    file and a symbolic-link loop raise :class:`~govreport.ReportNotFoundError`.

    Limits, each refused with :class:`~govreport.LimitExceededError` (``None`` lifts it):
    ``max_bytes`` for the bytes read or given (default 256 MiB: a real report of 100 MB
    still loads); ``max_expanded_bytes`` for what a Word file unpacks to or a PDF's text
    (default 128 MiB: a real report's unpacks to a few MB; a zip bomb to gigabytes).

    A ``str`` of the form ``protocol://...`` (``s3://bucket/r.txt``, ``file:///data/r.txt``) is
    read through fsspec (the optional ``fsspec`` extra).
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        _check_size(len(data), max_bytes, "<bytes>")
        text = _text_of(data, encoding, "<bytes>", max_expanded_bytes)
        del data  # the bytes are not kept while the model is built (a copy for bytearray and memoryview)
        return _build(text, None)
    if isinstance(source, str) and ("\n" in source or "\r" in source):
        return _build(source, None)
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"load() takes a path, bytes or str, not {type(source).__name__}")
    name = os.fspath(source)
    if isinstance(source, str) and is_url(source) and not Path(source).exists():
        data = read_url(source)  # s3://, memory://, file://... through fsspec
        _check_size(len(data), max_bytes, name)
    else:
        data = read_file(name, max_bytes=max_bytes)
    text = _text_of(data, encoding, name, max_expanded_bytes)
    del data  # the bytes are not kept while the model is built
    return _build(text, name)


def _check_size(size: int, max_bytes: int | None, source: str, *, exact: bool = True) -> None:
    if max_bytes is not None and size > max_bytes:
        measured = f" ({size:,} bytes)" if exact else ""
        raise LimitExceededError(f"is larger than the input limit max_bytes={max_bytes:,}{measured}; "
                                 f"raise it (--max-bytes) to read this file", source=source)


def read_file(path: str | os.PathLike[str], *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file, at most ``max_bytes`` of them; every failure a LoadError naming it.

    Regular files are measured before they are read; a FIFO or a device (``/dev/zero``)
    is read up to one byte past the limit, so nothing endless is read to the end.
    """
    name = os.fspath(path)
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder")
        if stat.S_ISREG(info.st_mode):
            _check_size(info.st_size, max_bytes, name)
        with open(name, "rb") as fh:
            # a regular file was measured: read it whole (read(n) would allocate n bytes
            # first, the whole limit); anything else in chunks, up to one byte past the limit
            data = fh.read() if max_bytes is None or stat.S_ISREG(info.st_mode) else _read_upto(fh, max_bytes + 1)
    except IsADirectoryError:
        raise ReportNotFoundError("is a folder, not a file", source=name) from None
    except FileNotFoundError:
        reason = "a broken symbolic link" if os.path.islink(name) else "no such file"
        raise ReportNotFoundError(reason, source=name) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReportNotFoundError("is a symbolic link loop", source=name) from None
        raise LoadError(f"cannot be read ({exc.strerror or exc})", source=name) from None
    _check_size(len(data), max_bytes, name, exact=False)
    return data


def _read_upto(fh: io.BufferedReader, limit: int) -> bytes:
    """At most ``limit`` bytes of a stream, read a chunk at a time (memory grows with what
    comes, not with the limit)."""
    chunks = []
    left = limit
    while left:
        chunk = fh.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _text_of(data: bytes, encoding: str | None, source: str, max_expanded_bytes: int | None) -> str:
    """PDF and Word files (known by content) through their optional readers; else decode."""
    from govreport._formats import document_text

    text = document_text(data, source=source, max_expanded_bytes=max_expanded_bytes)
    return text if text is not None else decode(data, encoding=encoding, source=source)
