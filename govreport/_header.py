"""The vocabulary of a report's header, shared by the cleaner (where does the report start?)
and the metadata reader (what does the header say?).

A header is the report's title line, its meeting line (``——2026年1月27日在…会议上``) and its
speaker line (``省人民政府省长 王清宪``), in that order, before 各位代表. Pages put other lines
among them: photo captions, news leads and datelines (``data/header_captions.txt``), source
and time stamps (``data/noise.txt``). The officials' titles are ``data/speaker_titles.txt``.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from govreport._data import data_lines

__all__ = [
    "NAME", "TITLE_WORD", "squeeze", "is_caption", "speaker_pattern", "name_pattern",
    "normalise_speaker_title", "strip_dateline", "caption_title_pattern",
]

TITLE_WORD = "政府工作报告"
# whitespace, zero-width characters, and a "?" that stands where a scrape lost a space
# between two Han characters (省长?王凯)
_SQUEEZE = regex.compile(r"[\s\u200b-\u200d\u2060\ufeff]+|(?<=\p{Han})[?？](?=\p{Han})")
# a personal name: two to four Han characters, or a transcribed name with a middle dot
NAME = r"(?:\p{Han}{1,8}(?:[·•・]\p{Han}{1,10})+|\p{Han}{2,4})"
_DATELINE = regex.compile(
    r"^(?:新华社\S{0,12}?[0-9０-９一二三四五六七八九十]{1,3}月[0-9０-９一二三四五六七八九十]{1,3}日电"
    r"|(?:标题|题目|文章标题|报告人)[:：])")


def squeeze(text: str) -> str:
    """``text`` without the spaces a header scatters inside words and names."""
    return _SQUEEZE.sub("", text)


def strip_dateline(squeezed: str) -> str:
    """A header line without a leading Xinhua dateline (``新华社北京3月5日电政府工作报告…``) or
    a scraper's label (``标题：2021年保定市政府工作报告``, ``报告人：保定市人民政府市长 于群``)."""
    return _DATELINE.sub("", squeezed, count=1)


@lru_cache(maxsize=1)
def _caption_patterns() -> tuple["regex.Pattern[str]", ...]:
    return tuple(regex.compile(line) for line in data_lines("header_captions.txt"))


def is_caption(squeezed: str) -> bool:
    """True for a caption, news lead or dateline line (spaces already removed)."""
    return any(p.search(squeezed) for p in _caption_patterns())


@lru_cache(maxsize=1)
def _titles() -> tuple[str, ...]:
    return tuple(line.strip() for line in data_lines("speaker_titles.txt"))


@lru_cache(maxsize=1)
def speaker_pattern() -> "regex.Pattern[str]":
    """A speaker at the end of a squeezed header: group ``title`` (with 代) and ``name``."""
    titles = "|".join(map(regex.escape, _titles()))
    return regex.compile(rf"(?P<title>代?(?:{titles}))(?P<name>{NAME})$")


@lru_cache(maxsize=1)
def name_pattern() -> "regex.Pattern[str]":
    """A line that is only a personal name."""
    return regex.compile(NAME)


@lru_cache(maxsize=1)
def caption_title_pattern() -> "regex.Pattern[str]":
    """A title written next to a name in a caption (省长王凯作…, 王凯省长作…)."""
    titles = "|".join(map(regex.escape, _titles()))
    return regex.compile(rf"代?(?:{titles})")


def normalise_speaker_title(title: str) -> str:
    """The speaker's title as facts are compared: 主席 of a government is 自治区主席."""
    acting = "代" if title.startswith("代") else ""
    bare = title.removeprefix("代")
    if bare == "主席":
        bare = "自治区主席"
    return acting + bare
