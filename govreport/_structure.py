"""Paragraphs, sentences and the section tree of a clean report text.

Headings are recognised at the start of a line only, in the forms reports use, ranked
from the outside in: ``第一部分`` > ``一、`` > ``（一）``/``(一)`` > ``1.``/``1、`` >
``（1）``. A numbered line is a heading only when its number continues the numbering of
its level under the same parent (``（三）`` after ``（二）``, or ``1`` first; one missing
Chinese number is tolerated): this keeps out a paragraph that merely starts with a number.
Inline headings (``(一)过去的五年,是…的五年。工业…``) take their first sentence as title.

Unnumbered title lines before the first ``一、`` become sections only in two shapes (see
``_unnumbered_top``): lost first numbers, or parts above the numbered sections.
"""
from __future__ import annotations

from typing import Any

from functools import lru_cache

import attrs
import regex

from govreport._data import data_lines
from govreport._errors import NumberFormatError
from govreport._model import Paragraph, Section, Sentence
from govreport.numbers import parse_int

__all__ = ["build", "split_sentences", "looks_like_heading", "HEADING_FORMS"]

CN_NUM = r"[一二三四五六七八九十]{1,3}"
ARABIC = r"[0-9０-９]{1,2}"

# (rank, pattern); group "n" is the number, the match is the marker as written
HEADING_FORMS: tuple[tuple[int, regex.Pattern], ...] = (
    (0, regex.compile(rf"第(?P<n>{CN_NUM})部分[\s\u3000：:、，,]*")),
    (1, regex.compile(rf"(?P<n>{CN_NUM})[、．.][\s\u3000]*")),
    (2, regex.compile(rf"[（(](?P<n>{CN_NUM})[）)][\s\u3000、]*")),
    (3, regex.compile(rf"(?P<n>{ARABIC})(?:[、]|[.．](?![0-9０-９]))[\s\u3000]*")),
    (4, regex.compile(rf"[（(](?P<n>{ARABIC})[）)][\s\u3000、]*")),
)
_SPLIT_BRACKET = regex.compile(rf"(?P<n>{CN_NUM})[）)][\s\u3000、]*")
TERMINATORS = "。！？!?"
CLOSERS = "”’」』）)》"


@lru_cache(maxsize=1)
def _header_line() -> "regex.Pattern[str]":
    """A line of a page's header, never a part of the report: a headline with 政府工作报告, a
    meeting line, a speaker line (the officials' titles are ``data/speaker_titles.txt``)."""
    titles = "|".join(map(regex.escape, data_lines("speaker_titles.txt")))
    return regex.compile(rf"政府工作报告|会议|(?:{titles})[\s\u3000]*[\p{{Han}}·]{{2,8}}$")


_PERIOD_WORD = regex.compile(r"[0-9０-９]{4}年|十[一二三四五]五|今年|过去|五年")
# a terminator and the terminators and closing quotes or brackets right after it
_SENTENCE_END = regex.compile(f"[{regex.escape(TERMINATORS)}][{regex.escape(TERMINATORS + CLOSERS)}]*")
NO_PUNCT = regex.compile(r"[^。！？!?；;，,：:、]{6,40}")


def cn_to_int(s: str) -> int:
    """Value of a small Chinese or (full-width) Arabic numeral: 十二 -> 12, １２ -> 12; 0 for a
    marker that is no number (十十), which continues no numbering."""
    try:
        return parse_int(s)
    except NumberFormatError:
        return 0


def _match_heading(line: str) -> tuple[int, int, regex.Match] | None:
    for rank, pattern in HEADING_FORMS:
        m = pattern.match(line)
        if m and m.end() < len(line):
            return rank, cn_to_int(m.group("n")), m
    return None


def looks_like_heading(line: str) -> bool:
    """True for a line that starts with a top-level heading marker (一、 or 第一部分)."""
    m = _match_heading(line)
    return m is not None and m[0] <= 1 and m[1] == 1


def split_sentences(text: str, offset: int = 0) -> tuple[Sentence, ...]:
    """Sentences of one paragraph: cut after 。！？!? (and the quotes/brackets closing them)."""
    out: list[Sentence] = []
    start, n = 0, len(text)
    for cut in _SENTENCE_END.finditer(text):  # whitespace is no terminator: cut.start() >= start
        j = cut.end()
        out.append(Sentence(offset + start, offset + j, text[start:j]))
        start = j
        while start < n and text[start].isspace():
            start += 1
    if start < n and text[start:].strip():
        end = n
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append(Sentence(offset + start, offset + end, text[start:end]))
    return tuple(out)


def _paragraphs(text: str) -> list[Paragraph]:
    paras: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        a, b = 0, len(line)
        while a < b and line[a].isspace():
            a += 1
        while b > a and line[b - 1].isspace():
            b -= 1
        if a < b:
            paras.append(Paragraph(pos + a, pos + b, line[a:b], split_sentences(line[a:b], pos + a)))
        pos += len(line) + 1
    return paras


@attrs.define
class _Node:
    rank: int
    number: str
    value: int
    title: str
    start: int
    title_start: int
    title_end: int
    end: int = 0
    children: list["_Node"] = attrs.Factory(list)
    paragraphs: list[Paragraph] = attrs.Factory(list)
    last: dict = attrs.Factory(dict)  # rank -> last number among children


def _title(para: Paragraph, marker_end: int) -> tuple[str, int, int]:
    """The heading's title: the rest of the line up to the end of its first sentence."""
    rest = para.text[marker_end:]
    cut = len(rest)
    for k, ch in enumerate(rest):
        if ch in TERMINATORS:
            cut = k
            break
    title = rest[:cut].rstrip().rstrip("：:").rstrip()  # 2015年工作回顾：
    start = para.start + marker_end
    return title, start, start + len(title)


def _candidates(paras: list[Paragraph]) -> list[tuple[int, int, int, int]]:
    """(paragraph index, rank, number, marker end) of each line that has a heading marker.

    A scrape can break a bracketed marker after its opening bracket (``（`` / ``三）…``): the
    second line is then a heading of the bracketed rank.
    """
    out = []
    for i, p in enumerate(paras):
        m = _match_heading(p.text)
        if m:
            rank, value, match = m
            out.append((i, rank, value, match.end()))
        elif i and paras[i - 1].text in ("（", "("):
            split = _SPLIT_BRACKET.match(p.text)
            if split and split.end() < len(p.text):
                out.append((i, 2, cn_to_int(split.group("n")), split.end()))
    return out


def _is_bare_title(para: Paragraph, min_han: int = 6) -> bool:
    """A title line without a number: 6-40 characters, ``min_han`` Han or more, no punctuation
    but a closing colon after a period (2015年工作回顾：), and no line of a page's header (a meeting line, a
    speaker line, a headline with 政府工作报告)."""
    text = para.text.rstrip("：:")
    if text != para.text and not _PERIOD_WORD.search(text):
        return False  # 重点抓好八个方面工作： introduces a list; 2015年工作回顾： is a part
    return bool(NO_PUNCT.fullmatch(text)) and len(regex.findall(r"\p{Han}", text)) >= min_han \
        and not _header_line().search(text)


def _unnumbered_top(paras: list[Paragraph], cands: list[tuple[int, int, int, int]],
                    opening: int | None) -> dict[int, tuple[int, int]]:
    """Unnumbered top-level titles: {paragraph: (rank, number)}.

    Three shapes are trusted. The first top-level number is late (``三、`` first) and
    exactly as many unnumbered title lines precede it as numbers are missing: they are the
    lost ``一、``/``二、``. Two or more unnumbered title lines precede the first ``一、`` or
    ``（一）``: they are parts (rank of ``第一部分``) and the numbered sections belong to the
    last of them. Or
    the outermost numbering starts again at one right after an unnumbered title line
    (``2026年重点工作``, maybe an opening paragraph, then ``一、`` although an ``一、`` came
    before): the last such line before each restart is a part, and so is the last title line
    before the first numbered heading.
    A bold sub-head inside a section is none of these: its numbering does not restart.
    """
    begin = 0
    if opening is not None:
        begin = next((i + 1 for i, p in enumerate(paras) if p.start >= opening), 0)
    body = [c for c in cands if c[0] >= begin]
    if not body or any(c[1] == 0 for c in body):
        return {}
    outer = min(c[1] for c in body)
    top = [c for c in body if c[1] == outer]
    parts = []
    for before, restart in zip(body, body[1:]):
        if restart[1] == outer and restart[2] == 1:
            titles = [i for i in range(before[0] + 1, restart[0]) if _is_bare_title(paras[i], 4)]
            if titles:
                parts.append(titles[-1])
    if parts:
        first = top[0][0]
        leading = [i for i in range(begin, first) if _is_bare_title(paras[i], 4)]
        if top[0][2] == 1:
            parts[:0] = leading
        return {i: (0, n) for n, i in enumerate(sorted(parts), 1)}
    first = top[0][0]
    if any(c[0] < first for c in body):
        return {}
    if outer == 1:
        found = [i for i in range(begin, first) if _is_bare_title(paras[i])]
        if top[0][2] > 1 and len(found) == top[0][2] - 1:
            return {i: (1, n) for n, i in enumerate(found, 1)}
    if top[0][2] == 1:
        found = [i for i in range(begin, first) if _is_bare_title(paras[i], 4)]
        if len(found) >= 2:
            return {i: (0, n) for n, i in enumerate(found, 1)}
    return {}


def build(text: str, opening: int | None = None) -> tuple[tuple[Section, ...], tuple[Paragraph, ...]]:
    """Section tree and paragraphs of ``text`` (``opening``: offset of the 各位代表 line)."""
    paras = _paragraphs(text)
    cands = _candidates(paras)
    unnumbered = _unnumbered_top(paras, cands, opening)
    by_index = {c[0]: c for c in cands}
    for i, (rank, n) in unnumbered.items():
        by_index[i] = (i, rank, n, 0)
    root = _Node(-1, "", 0, "", 0, 0, 0)
    stack: list[_Node] = [root]
    for i, para in enumerate(paras):
        cand = by_index.get(i)
        if cand is not None and (opening is None or para.start > opening or i in unnumbered):
            _, rank, value, marker_end = cand
            depth = len(stack)
            while depth > 1 and stack[depth - 1].rank >= rank:
                depth -= 1
            parent = stack[depth - 1]
            last = parent.last.get(rank, 0)
            late = (last == 0 and rank == 1 and parent is root and unnumbered
                    and all(r == 1 for r, _ in unnumbered.values()) and value == len(unnumbered) + 1)
            # a scrape can break one heading over two lines ("（" / "三）…"): tolerate
            # one missing number among the Chinese-numbered levels
            gap = rank <= 2 and last > 0 and value == last + 2
            if value == last + 1 or gap or i in unnumbered or late:
                title, t0, t1 = _title(para, marker_end)
                if title:
                    del stack[depth:]
                    node = _Node(rank, para.text[:marker_end].rstrip(), value, title,
                                 para.start, t0, t1)
                    parent.children.append(node)
                    parent.last[rank] = value
                    stack.append(node)
        stack[-1].paragraphs.append(para)
        for node in stack[1:]:
            node.end = para.end
    return tuple(_freeze(c, (k,)) for k, c in enumerate(root.children, 1)), tuple(paras)


def _freeze(node: _Node, path: tuple[int, ...]) -> Section:
    children = tuple(_freeze(c, path + (k,)) for k, c in enumerate(node.children, 1))
    return Section(path=path, number=node.number, title=node.title, start=node.start,
                   end=max(node.end, node.title_end), title_start=node.title_start,
                   title_end=node.title_end, children=children, paragraphs=tuple(node.paragraphs))


def section_to_dict(section: Section) -> dict[str, Any]:
    """The JSON form ``govreport inspect`` prints for one section."""
    return {"path": list(section.path), "number": section.number, "title": section.title,
            "start": section.start, "end": section.end}
