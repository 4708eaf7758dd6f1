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

from functools import lru_cache

import attrs
import regex

from govreport._data import data_lines
from govreport._header import TITLE_WORD, is_caption, name_pattern, speaker_pattern, squeeze, strip_dateline
from govreport._offsets import OffsetMap, SpanMapBuilder

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
    """One input line: its stripped text and the input spans its characters came from.

    ``segments`` cover ``text`` in order: ``(count, start, end)`` stands for ``count``
    characters whose input spans are ``(start + k, end + k)`` (one piece for a line copied
    as it is; more when invisible characters were left out or ``<U+00A0>`` read as one).
    """

    text: str
    segments: tuple[tuple[int, int, int], ...]
    end: int        # input offset of the line terminator
    term_end: int   # input offset after the terminator

    @property
    def starts(self) -> tuple[int, ...]:
        """Per character, the input offset it starts at."""
        return tuple(start + k for count, start, _end in self.segments for k in range(count))

    @property
    def ends(self) -> tuple[int, ...]:
        """Per character, the input offset after it."""
        return tuple(end + k for count, _start, end in self.segments for k in range(count))


_LINE_BREAK = regex.compile(r"(\r\n?|\n)")
_LITERAL_END = len(NBSP_LITERAL)


def split_lines(source: str) -> list[Line]:
    """Split on CRLF / CR / LF; drop invisible characters and strip each line's edges,
    keeping the map back to ``source``.

    Linear, and in C for all but a few steps a line: the invisible characters and the
    ``<U+00A0>`` literals of the whole source are found first (nearly always none), and a
    line without either is stripped as one string.
    """
    special = sorted([(m.start(), 1) for m in INVISIBLE.finditer(source)] + _literals(source))
    pieces = source.split("\n") if "\r" not in source else _LINE_BREAK.split(source)
    step = 1 if "\r" not in source else 2
    lines: list[Line] = []
    pos, n, k = 0, len(source), 0
    for i in range(0, len(pieces), step):
        line = pieces[i]
        nl = pos + len(line)
        term_end = nl + (1 if step == 1 else len(pieces[i + 1])) if nl < n else n
        if k < len(special) and special[k][0] < nl:
            first = k
            while k < len(special) and special[k][0] < nl:
                k += 1
            lines.append(_special_line(source, pos, nl, term_end, special[first:k]))
        else:
            text = line.strip()
            lead = len(line) - len(line.lstrip()) if text else 0
            segments = ((len(text), pos + lead, pos + lead + 1),) if text else ()
            lines.append(Line(text, segments, nl, term_end))
        pos = term_end
    return lines


def _literals(source: str) -> list[tuple[int, int]]:
    """``(offset, length)`` of every ``<U+00A0>`` literal (which never overlaps itself)."""
    found = []
    at = source.find(NBSP_LITERAL)
    while at != -1:
        found.append((at, _LITERAL_END))
        at = source.find(NBSP_LITERAL, at + _LITERAL_END)
    return found


def _special_line(source: str, pos: int, nl: int, term_end: int, special: list[tuple[int, int]]) -> Line:
    """A line holding invisible characters (left out) or ``<U+00A0>`` literals (read as
    U+00A0); ``special`` lists them, in order."""
    chars: list[str] = []
    segments: list[tuple[int, int, int]] = []  # (count, start, end), as in Line
    i = pos
    for at, length in special:
        if at < i:  # an invisible character inside a literal cannot be: literals are ASCII
            continue
        if at > i:
            chars.append(source[i:at])
            segments.append((at - i, i, i + 1))
        if length == _LITERAL_END:
            chars.append("\u00a0")
            segments.append((1, at, at + length))
        i = at + length
    if i < nl:
        chars.append(source[i:nl])
        segments.append((nl - i, i, i + 1))
    joined = "".join(chars)
    text = joined.strip()
    if not text:
        return Line("", (), nl, term_end)
    lead = len(joined) - len(joined.lstrip())
    return Line(text, _cut(segments, lead, lead + len(text)), nl, term_end)


def _cut(segments: list[tuple[int, int, int]], a: int, b: int) -> tuple[tuple[int, int, int], ...]:
    """The segments of characters ``a`` to ``b`` of the text the segments cover."""
    kept = []
    position = 0
    for count, start, end in segments:
        lo, hi = max(a, position), min(b, position + count)
        if lo < hi:
            kept.append((hi - lo, start + lo - position, end + lo - position))
        position += count
    return tuple(kept)


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
    starts: OffsetMap
    ends: OffsetMap
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
    spans = SpanMapBuilder()
    opening: int | None = None
    length = 0
    prev: Line | None = None
    for i in range(start, end + 1):
        ln = lines[i]
        if not ln.text or noise[i]:
            continue
        if prev is not None:  # the newline stands for the previous line's terminator
            parts.append("\n")
            spans.add(1, prev.end, max(prev.term_end, prev.end))
            length += 1
        if i == anchor:
            opening = length
        parts.append(ln.text)
        for segment in ln.segments:
            spans.add(*segment)
        length += len(ln.text)
        prev = ln
    starts, ends = spans.build()
    return Body("".join(parts), starts, ends, opening, notes)
