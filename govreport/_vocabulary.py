"""The matcher's vocabulary, read from the data files of ``govreport/data/``.

Every word the matcher reads between a name and a figure has a role in
``matcher_words.tsv`` (rise, fall, reach, adverb, blocker ...); the ways reports vary a name
are ``name_variants.tsv`` and ``distributive.tsv``; what narrows a name is
``name_modifiers.txt``, ``name_places.txt`` and ``name_owners.txt``. This module turns them
into the patterns the matcher uses, once per process. Adding a word is a one-line change to
a file, never to code.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from govreport._data import data_lines, data_rows

__all__ = [
    "ROLES", "words", "change_verb", "level_verb", "falls", "predicate_start", "predicate_any",
    "predicate_only", "anaphor_only", "blocker", "subset", "name_variants", "distributive",
    "modifier_pattern", "place_patterns", "name_owners", "region_self", "list_total", "region_groups", "milestones", "aggregates",
]

ROLES = ("rise", "fall", "change_noun", "reach", "hold", "adverb", "anaphor", "blocker", "subset",
         "both", "respectively", "noun_head", "annual_average", "cumulative", "list_total")


def _pairs(name: str, header: str) -> list[tuple[str, str]]:
    """The (key, value) rows of a two-column table of ``govreport/data``, header row left out."""
    return [(cells[0], cells[1] if len(cells) > 1 else "") for cells in data_rows(name) if cells[0] != header]


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    by_role: dict[str, list[str]] = {role: [] for role in ROLES}
    for word, role in _pairs("matcher_words.tsv", "word"):
        if role not in by_role:
            raise ValueError(f"matcher_words.tsv: unknown role {role!r} for {word!r}")
        by_role[role].append(word)
    return {role: tuple(found) for role, found in by_role.items()}


def words(role: str) -> tuple[str, ...]:
    """The words of one role, as the table lists them."""
    return _table()[role]


def _alternation(*roles: str) -> str:
    found = {word for role in roles for word in words(role)}
    return "|".join(regex.escape(w) for w in sorted(found, key=len, reverse=True))


@lru_cache(maxsize=1)
def change_verb() -> "regex.Pattern[str]":
    """A word of change; followed by 到/至 it states the level reached instead, and followed
    by a noun head (提升任务) it is part of a noun."""
    return regex.compile(rf"(?:{_alternation('rise', 'fall', 'change_noun')})(?![到至]|{_alternation('noun_head')})")


@lru_cache(maxsize=1)
def level_verb() -> "regex.Pattern[str]":
    """A verb that states or keeps a level (not when part of a noun: 完成任务)."""
    return regex.compile(rf"(?:{_alternation('reach', 'hold')})(?!{_alternation('noun_head')})")


@lru_cache(maxsize=1)
def falls() -> frozenset[str]:
    """The words of a fall: fall verbs and the change nouns made of one (降幅)."""
    return frozenset(words("fall")) | {n for n in words("change_noun") if n.startswith("降")}


@lru_cache(maxsize=1)
def predicate_start() -> "regex.Pattern[str]":
    """A clause that opens with its predicate (,达330天 / ,总量稳步达到…)."""
    return regex.compile(
        rf"[ \u3000]{{0,3}}(?:{_alternation('anaphor')})?(?:{_alternation('adverb', 'annual_average', 'cumulative')})*"
        rf"(?:{_alternation('reach', 'hold', 'rise', 'fall')})")


@lru_cache(maxsize=1)
def predicate_any() -> "regex.Pattern[str]":
    """Any verb that predicates a figure."""
    return regex.compile(_alternation("reach", "hold", "rise", "fall", "change_noun"))


@lru_cache(maxsize=1)
def predicate_only() -> "regex.Pattern[str]":
    """Words that name nothing: adverbs, verbs, list separators, comparisons with a year
    (比2010年, 较上年) and the years of a change (由1997年的…增加到2002年的…), to full-match
    what is left of a clause once its figures are blanked."""
    return regex.compile(
        rf"(?:{_alternation('adverb', 'annual_average', 'cumulative', 'anaphor', 'reach', 'hold', 'rise', 'fall', 'change_noun')}"
        rf"|[比较](?:\d{{4}}年|上年|去年|上一年|[“\"]?十[一二三四五]五[”\"]?)(?:末|底|同期)?的?"
        rf"|[由从]|\d{{4}}年(?:底|末)?的?|[、和及与\s])*")


@lru_cache(maxsize=1)
def anaphor_only() -> "regex.Pattern[str]":
    """A subject that refers back to the name (总量, 年均, or nothing at all)."""
    return regex.compile(rf"(?:{_alternation('anaphor', 'adverb', 'annual_average', 'cumulative')})*")


@lru_cache(maxsize=1)
def blocker() -> "regex.Pattern[str]":
    """Another measured noun."""
    return regex.compile(_alternation("blocker"))


@lru_cache(maxsize=1)
def subset() -> "regex.Pattern[str]":
    """A part of the named quantity: 带动…, 原定…, 对…国家 (a group of partners)."""
    return regex.compile(
        rf"(?:{_alternation('subset')})|对[^，,；;。]{{0,20}}(?:国家|地区|经济体|市场)")


@lru_cache(maxsize=1)
def name_variants() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(fragment, variants) pairs: other ways to write a part of a name."""
    return tuple((fragment, tuple(v.strip() for v in variants.split("|") if v.strip()))
                 for fragment, variants in _pairs("name_variants.tsv", "fragment"))


@lru_cache(maxsize=1)
def distributive() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(prefix, groups): 城乡 names 城镇 and 农村."""
    return tuple((prefix, tuple(g.strip() for g in groups.split("|") if g.strip()))
                 for prefix, groups in _pairs("distributive.tsv", "prefix"))


@lru_cache(maxsize=1)
def modifier_pattern() -> tuple["regex.Pattern[str]", int]:
    """The narrowing modifiers (海洋, 旅游 ...) that end where a name starts, and the length
    of the longest (the window to search before a name)."""
    found = [w.strip() for w in data_lines("name_modifiers.txt")]
    pattern = f"(?:{'|'.join(map(regex.escape, sorted(found, key=len, reverse=True)))})(?:农村|城镇|城乡)?\\Z"
    return regex.compile(pattern), max(map(len, found)) + 2


@lru_cache(maxsize=1)
def place_patterns() -> tuple["regex.Pattern[str]", ...]:
    """Places and parts of the region that end where a name starts."""
    return tuple(regex.compile(line) for line in data_lines("name_places.txt"))


@lru_cache(maxsize=1)
def name_owners() -> tuple["regex.Pattern[str]", ...]:
    """Owners other than the region that end where a short name starts."""
    return tuple(regex.compile(line) for line in data_lines("name_owners.txt"))


@lru_cache(maxsize=1)
def region_groups() -> "regex.Pattern[str]":
    """Groupings of several regions (川渝, 长三角): a figure said of one is not the region's."""
    found = sorted((w.strip() for w in data_lines("region_groups.txt")), key=len, reverse=True)
    return regex.compile("|".join(map(regex.escape, found)))


@lru_cache(maxsize=1)
def milestones() -> tuple[tuple[str, str], ...]:
    """(verb, qualifier) pairs, longest verb first: 迈上 gives at_least, 连跨 over."""
    return tuple(sorted(_pairs("milestones.tsv", "word"), key=lambda row: len(row[0]), reverse=True))


@lru_cache(maxsize=1)
def aggregates() -> tuple[tuple["regex.Pattern[str]", str], ...]:
    """(pattern, aggregate) for facts.md's ``aggregate`` field: annual_average, cumulative."""
    return tuple((regex.compile(_alternation(role)), role) for role in ("annual_average", "cumulative"))


@lru_cache(maxsize=1)
def region_self() -> tuple[str, ...]:
    """Words that name the report's own region or year (全省, 我市, 全年)."""
    return tuple(sorted((w.strip() for w in data_lines("region_self.txt")), key=len, reverse=True))


@lru_cache(maxsize=1)
def list_total() -> "regex.Pattern[str]":
    """A word that makes a figure after a list of names the list's total (共1000万套)."""
    return regex.compile(_alternation("list_total"))
