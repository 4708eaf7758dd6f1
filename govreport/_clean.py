"""Find the report in a noisy page and build its clean text with an exact offset map.

Reports arrive wrapped in web pages: portal menus and user statistics before, login
prompts, licence text, glossaries and related links after, photo captions and source
stamps between the title and 各位代表. The body starts at the report's own title (or its
meeting line / 各位代表) and ends with the closing exhortation ("让我们…团结在…").

The clean text keeps one report line per text line, stripped of edge whitespace (U+3000,
U+2002, U+00A0, the literal ``<U+00A0>`` of some R exports); lines that are noise or blank
are left out. Invisible characters are left out everywhere, not only at line edges: format
characters (Unicode category Cf: zero-width spaces and joiners, bidi controls, soft hyphens,
a BOM inside the text) and control characters that are not whitespace (a stray NUL). Scraped
pages carry them inside figures and headings (``6\u200b.6%``, ``一\u200b、``), where they would
split one number into two or hide a heading; nothing a reader sees is lost by dropping them.
Every character of the clean text remembers the span of the input it came from, so nothing
is lost for ``Report.raw_span`` (the span of a figure written ``6\u200b.6%`` covers the
zero-width space too).
"""
from __future__ import annotations

from array import array
from functools import lru_cache

import attrs
import regex

from govreport._data import data_lines
from govreport._header import TITLE_WORD, is_caption, name_pattern, speaker_pattern, squeeze, strip_dateline

__all__ = ["Body", "clean", "split_lines", "is_noise", "INVISIBLE"]

#: characters left out of the clean text wherever they stand: format characters (Cf) and
#: control characters (Cc) other than the whitespace ones, which separate words like spaces
INVISIBLE = regex.compile(r"[[\p{Cf}\p{Cc}]--[\t\n\v\f\r\x1c-\x1f\x85]]", regex.V1)
NBSP_LITERAL = "<U+00A0>"

OPENING = regex.compile(r"^各位代表\s*[：:]")
OPENING_LOOSE = regex.compile(r"^各位(?:代表|委员)\s*[：:！!，,]?")
MEETING = regex.compile(r"会议|^——|^—|[0-9０-９]{4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日")
PARENTHESISED = regex.compile(r"^[（(][^（()）]{1,20}[）)]$")
LABEL_ONLY = regex.compile(r"^(?:来源|时间|发表时间|发布时间|更新时间|阅读量|作者|编辑)[:：]$")
HEADER_MAX_LINES = 12


@lru_cache(maxsize=None)
def _patterns(name: str) -> tuple[regex.Pattern, ...]:
    return tuple(regex.compile(line) for line in data_lines(name))


def is_noise(line: str) -> bool:
    """True when a stripped line is web-page furniture (caption, stamp, toolbar)."""
    return any(p.fullmatch(line) for p in _patterns("noise.txt"))


def _is_closing(line: str) -> bool:
    return any(p.search(line) for p in _patterns("closing.txt"))


def _is_tail(line: str) -> bool:
    return any(p.match(line) for p in _patterns("tail.txt"))


@attrs.frozen
class Line:
    """One input line: its stripped text and, per character, the input span it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    end: int        # input offset of the line terminator
    term_end: int   # input offset after the terminator


def split_lines(source: str) -> list[Line]:
    """Split on CRLF / CR / LF; drop invisible characters and strip each line's edges,
    keeping a per-character map."""
    lines: list[Line] = []
    pos, n = 0, len(source)
    while pos <= n:
        nl = source.find("\n", pos)
        if nl == -1:
            nl = n
        cr = source.find("\r", pos, nl)  # bounded: a file without CR is not rescanned per line
        if cr != -1:
            nl = cr
        term_end = nl + (2 if source.startswith("\r\n", nl) else 1) if nl < n else n
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        invisible = {m.start() for m in INVISIBLE.finditer(source, pos, nl)}  # nearly always empty
        i = pos
        while i < nl:
            if i in invisible:
                i += 1
            elif source.startswith(NBSP_LITERAL, i) and i + len(NBSP_LITERAL) <= nl:
                chars.append("\u00a0")
                starts.append(i)
                ends.append(i + len(NBSP_LITERAL))
                i += len(NBSP_LITERAL)
            else:
                chars.append(source[i])
                starts.append(i)
                ends.append(i + 1)
                i += 1
        a, b = 0, len(chars)
        while a < b and chars[a].isspace():
            a += 1
        while b > a and chars[b - 1].isspace():
            b -= 1
        lines.append(Line("".join(chars[a:b]), tuple(starts[a:b]), tuple(ends[a:b]), nl, term_end))
        if nl >= n:
            break
        pos = term_end
    return lines


def _noise_flags(lines: list[Line]) -> list[bool]:
    """Noise by pattern, plus the value line after a bare label ("来源：" / "宁夏日报客户端")."""
    flags = [bool(ln.text) and is_noise(ln.text) for ln in lines]
    for i, ln in enumerate(lines):
        if ln.text and LABEL_ONLY.match(ln.text):
            j = i + 1
            while j < len(lines) and not lines[j].text:
                j += 1
            if j < len(lines) and len(lines[j].text) <= 30 and not OPENING_LOOSE.match(lines[j].text):
                flags[j] = True
    return flags


def _is_title(s: str) -> bool:
    squeezed = squeeze(s)
    return TITLE_WORD in squeezed and len(s) <= 120 and not is_caption(squeezed)


def _is_speaker(squeezed: str) -> bool:
    """A speaker line, or the title half of one broken before the name (国务院总理 / 李克强)."""
    return bool(speaker_pattern().search(squeezed) or speaker_pattern().search(squeezed + "某某"))


def _header_start(lines: list[Line], noise: list[bool], anchor: int) -> int:
    """Walk up from 各位代表 over the header (speaker, meeting line, title) to the title.

    Captions and news leads among the header lines are marked as noise on the way: they
    describe the event, they are not the report.
    """
    start = anchor
    below = ""  # squeezed text of the accepted header lines, top first
    pending: list[int] = []  # short unclassified lines, kept only if a title is found above
    seen = 0
    i = anchor - 1
    while i >= 0 and seen < HEADER_MAX_LINES:
        s = lines[i].text
        if not s or noise[i]:
            i -= 1
            continue
        seen += 1
        sq = strip_dateline(squeeze(s))
        if is_caption(sq):
            noise[i] = True
            i -= 1
            continue
        if _is_title(s) or TITLE_WORD in (sq + below)[: len(sq) + len(TITLE_WORD) - 1]:
            return i
        if MEETING.search(sq) or _is_speaker(sq) or PARENTHESISED.match(sq):
            start = i
            pending.clear()
        elif len(sq) <= 4 or name_pattern().fullmatch(sq):
            pending.append(i)
        else:
            break
        below = sq + below
        i -= 1
    return start


def _find_start(lines: list[Line], noise: list[bool]) -> tuple[int, int | None]:
    """(first body line, index of the 各位代表 line or None)."""
    anchor = next((i for i, ln in enumerate(lines) if not noise[i] and OPENING.match(ln.text)), None)
    if anchor is None:
        anchor = next((i for i, ln in enumerate(lines) if not noise[i] and OPENING_LOOSE.match(ln.text)), None)
    if anchor is not None:
        return _header_start(lines, noise, anchor), anchor
    for i, ln in enumerate(lines):
        if ln.text and not noise[i] and _is_title(ln.text) and len(ln.text) <= 60:
            return i, None
    from govreport._structure import looks_like_heading

    for i, ln in enumerate(lines):
        if ln.text and not noise[i] and looks_like_heading(ln.text):
            return i, None
    return -1, None


def _find_end(lines: list[Line], noise: list[bool], start: int) -> int:
    """Last body line: the closing exhortation, else the line before the page's tail."""
    closing = None
    for i in range(len(lines) - 1, start - 1, -1):
        if lines[i].text and not noise[i] and _is_closing(lines[i].text):
            closing = i
            break
    if closing is not None:
        return closing
    end = len(lines) - 1
    for i in range(start + 1, len(lines)):
        if lines[i].text and _is_tail(lines[i].text):
            end = i - 1
            break
    while end > start and (not lines[end].text or noise[end]):
        end -= 1
    return end


@attrs.frozen
class Body:
    """The clean body: ``text`` and, per character, the span of the input it came from.

    ``opening`` is the text offset of the 各位代表 line (the header is ``text[:opening]``),
    or ``None`` when the report has no such line.
    """

    text: str
    starts: array
    ends: array
    opening: int | None
    notes: tuple[str, ...] = ()  # captions and stamps left out of the header, in order


def clean(source: str) -> Body | None:
    """Find the report in ``source``; ``None`` when nothing in it looks like a report."""
    lines = split_lines(source)
    noise = _noise_flags(lines)
    start, anchor = _find_start(lines, noise)
    if start < 0:
        return None
    end = _find_end(lines, noise, start)
    notes = tuple(lines[i].text for i in range(start, anchor if anchor is not None else start)
                  if noise[i] and lines[i].text)
    parts: list[str] = []
    starts = array("q")
    ends = array("q")
    opening: int | None = None
    length = 0
    prev: Line | None = None
    for i in range(start, end + 1):
        ln = lines[i]
        if not ln.text or noise[i]:
            continue
        if prev is not None:  # the newline stands for the previous line's terminator
            parts.append("\n")
            starts.append(prev.end)
            ends.append(max(prev.term_end, prev.end))
            length += 1
        if i == anchor:
            opening = length
        parts.append(ln.text)
        starts.extend(ln.starts)
        ends.extend(ln.ends)
        length += len(ln.text)
        prev = ln
    return Body("".join(parts), starts, ends, opening, notes)
