"""``to_arabic``: a running text with its quantities, years and dates written in Arabic digits, and the
map of every rewritten piece back to the original.

Only what :func:`~govreport.numbers.find_quantities` reads as a quantity is rewritten, plus years written
digit by digit (``二〇二五年``) and full dates (``三月五日``): plan names, slogans, names and idioms
(``十四五``, ``一带一路``, ``四川``, ``一石二鸟``) are left as they are, and so is a numeral that has no exact
value (``二十几万``).
"""
from __future__ import annotations

import bisect
import re
from decimal import Decimal

import attrs

from govreport._errors import NumberFormatError
from govreport.numbers import _grammar
from govreport.numbers._numerals import CN_APPROX, CN_DIGITS, CN_TENS, CN_UNITS, MAGNITUDES, fold, read_numeral
from govreport.numbers._quantity import _in_phrase, find_quantities

__all__ = ["Rewrite", "SpanMap", "to_arabic"]


@attrs.frozen
class Rewrite:
    """One rewritten piece: ``text[start:end]`` of the new text replaces ``source[source_start:source_end]``."""

    start: int
    end: int
    source_start: int
    source_end: int


@attrs.frozen
class SpanMap:
    """The rewritten pieces of :func:`to_arabic`, in order; outside them the two texts are the same."""

    pieces: tuple[Rewrite, ...]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``new_text[start:end]`` comes from; a span that cuts a
        rewritten piece takes all of it (``3500`` of ``3500亿元`` maps to ``三千五百``)."""
        if start > end:
            raise ValueError(f"bad span: {start} > {end}")
        return self._source(start, True), self._source(end, False)

    def _source(self, offset: int, is_start: bool) -> int:
        starts = [p.start for p in self.pieces]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return offset
        p = self.pieces[i]
        if offset >= p.end:
            return p.source_end + (offset - p.end)
        if offset == p.start:
            return p.source_start
        return p.source_start if is_start else p.source_end


_CHINESE = re.compile(rf"[{CN_DIGITS}{CN_UNITS}{CN_TENS}{CN_APPROX}]")
_PERCENT_SIGNS = {"百分之": "%", "百分": "%", "千分之": "‰", "万分之": "‱"}
_YEAR = re.compile(r"(?<![0-9〇零一二三四五六七八九十])([〇零一二三四五六七八九]{4})(?=年)")
_DATE = re.compile(r"(?<![0-9〇零一二三四五六七八九十])([一二三四五六七八九十]{1,2})月"
                   r"([一二三四五六七八九十]{1,3})(?=[日号])")
_MAGNITUDE_TAIL = re.compile(r"[万亿]+$")


def _digits(value: Decimal) -> str:
    return format(value, "f")


def _numeral(run: str, expand: bool) -> str | None:
    """``run`` in Arabic digits, None to leave it (no exact value, or nothing Chinese in it)."""
    if _CHINESE.search(run) is None:
        return None
    tail = "" if expand else (_MAGNITUDE_TAIL.search(run) or [""])[0]
    head = run[:len(run) - len(tail)] if tail else run
    if tail and (not head or any(c in MAGNITUDES for c in head)):
        head, tail = run, ""                           # 一亿五千万: one figure, written out
    try:
        low, high, approximate = read_numeral(head)
    except NumberFormatError:
        return None
    if approximate:
        return None
    if high is not None:
        return f"{_digits(low)}~{_digits(high)}{tail}"
    return _digits(low) + tail


def _rewrites(m, G: _grammar.Grammar, expand: bool) -> list[tuple[int, int, str]]:
    """The edits of one match of the mention grammar: each numeral, with its sign and its percent or
    fraction words, in Arabic digits; the parts of a currency (五角八分) digit by digit."""
    out = []
    for ix in (G.q1, G.q2):
        (_, isgn, ipct, isgn2, inum, _, ifnum, _, _, _, _, itail) = ix
        if m.group(inum) is None:
            continue
        if ix is G.q1 and m.group(G.pre) in _grammar.QUALIFIERS["round"]:
            continue                                   # 上千家: 上 qualifies a round figure, not 1000
        num = m.group(inum)
        sign = "-" if bool(m.group(isgn)) != bool(m.group(isgn2)) else ""
        first = m.start(isgn) if m.group(isgn) else m.start(inum)
        if m.group(ipct):
            digits = _numeral(num, expand) if _CHINESE.search(num) else num
            if digits is not None:
                first = min(i for i in (m.start(isgn), m.start(ipct)) if i >= 0)
                out.append((first, m.end(inum), sign + digits + _PERCENT_SIGNS[m.group(ipct)]))
        elif m.group(ifnum):
            fnum = m.group(ifnum)
            den = _numeral(num, True) if _CHINESE.search(num) else num
            top = _numeral(fnum, True) if _CHINESE.search(fnum) else fnum
            if den is not None and top is not None and (_CHINESE.search(num) or _CHINESE.search(fnum)):
                out.append((m.start(inum), m.end(ifnum), f"{top}/{den}"))
        else:
            digits = _numeral(num, expand)
            if digits is not None:
                out.append((first, m.end(inum), sign + digits))
        tail = m.group(itail)
        if tail and tail != "半" and _CHINESE.search(tail):
            parts = G.parts.fullmatch(tail)
            for i in (1, 3):
                if parts.group(i) and _CHINESE.search(parts.group(i)):
                    digits = _numeral(parts.group(i), True)
                    if digits is not None:
                        at = m.start(itail) + parts.start(i)
                        out.append((at, at + len(parts.group(i)), digits))
    return out


def to_arabic(text: str, expand: bool = False) -> tuple[str, SpanMap]:
    """Rewrite the quantities of a running text in Arabic digits: ``三千五百亿元`` -> ``3500亿元``,
    ``百分之六点五`` -> ``6.5%``, ``三分之一`` -> ``1/3``, ``七八百人`` -> ``700~800人``; years and dates too
    (``二〇二五年三月五日`` -> ``2025年3月5日``). ``expand`` writes the magnitude out (``350000000000元``).

    Units, qualifiers and everything that is no quantity (``十四五``, ``一带一路``, ``四川``) stay as written.
    Returns the new text and a :class:`SpanMap` from its spans back to ``text``.

    >>> from govreport.numbers import to_arabic
    >>> new, spans = to_arabic("“十四五”期间投资三千五百亿元，增长百分之六点五")
    >>> new
    '“十四五”期间投资3500亿元，增长6.5%'
    >>> spans.to_source(new.index("3500"), new.index("3500") + 4)   # the rewritten piece 三千五百亿
    (9, 14)
    """
    if not isinstance(text, str):
        raise TypeError(f"to_arabic takes a str, not {type(text).__name__}")
    norm = fold(text)
    G = _grammar.grammar(True)
    edits: list[tuple[int, int, str]] = []
    for q in find_quantities(text):
        pos = q.start
        while pos < q.end:                             # the mention, or the two bounds of a joined range
            m = G.pattern.search(norm, pos, q.end)
            if m is None:
                break
            edits.extend(_rewrites(m, G, expand))
            pos = max(m.end(), pos + 1)
    for pattern in (_YEAR, _DATE):
        for m in pattern.finditer(norm):
            if _in_phrase(norm, m.start(), m.end(), G):
                continue
            for i in range(1, (m.lastindex or 0) + 1):
                digits = _numeral(m.group(i), True)
                if digits is not None:
                    edits.append((m.start(i), m.end(i), digits))
    edits.sort()
    pieces: list[Rewrite] = []
    out: list[str] = []
    pos = 0
    length = 0
    for s, e, new in edits:
        if s < pos:
            continue                                   # inside a piece already rewritten
        out.append(text[pos:s])
        length += s - pos
        pieces.append(Rewrite(length, length + len(new), s, e))
        out.append(new)
        length += len(new)
        pos = e
    out.append(text[pos:])
    return "".join(out), SpanMap(tuple(pieces))
