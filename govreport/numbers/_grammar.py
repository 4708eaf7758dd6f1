"""The mention grammar: one precompiled ``regex`` pattern built from the data tables.

Every repetition is possessive and every numeral starts only where no numeral character precedes it,
so that a run of 100,000 digits is read once, not once per position (no catastrophic backtracking).
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache

import regex

from govreport.numbers import _units
from govreport.numbers._data import rows
from govreport.numbers._numerals import CN_DIGITS, CN_MAGNITUDES, CN_UNITS

QUALIFIERS: dict[str, dict[str, str]] = {"before": {}, "inner": {}, "after": {}}
for _word, _position, _qualifier, *_ in rows("qualifiers.tsv"):
    QUALIFIERS[_position][_word] = _qualifier

MAGNITUDE_FACTORS = {prefix: int(factor) for prefix, factor, *_ in rows("magnitudes.tsv")}

# characters that continue a numeral (a numeral never starts right after one of them)
NUMERAL_CHARS = "0-9" + CN_DIGITS + CN_UNITS + CN_MAGNITUDES
RANGE_SEPARATORS = ("至", "到", "~", "-", "——", "—", "–")


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _trie(words) -> str:
    """The alternation of ``words`` as a trie (``一(?:带(?:一路)?|批)|十三五``): it reads the same longest word
    at each position as :func:`_alt`, but tries each character once instead of each word."""
    root: dict = {}
    for w in set(words):
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}                                  # a word ends here

    def emit(node: dict) -> str:
        kids = sorted(k for k in node if k)
        if not kids:
            return ""
        alts = [re.escape(k) + emit(node[k]) for k in kids]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:                                 # longer words first, then the word that ends here
            return "(?:" + body + ")?" if len(alts) == 1 else body + "?"
        return body

    return emit(root)


def _run() -> str:
    """One numeral: Arabic (with thousands separators and decimals), Chinese, or mixed (3万4000)."""
    arabic = r"[0-9]++(?:,[0-9]{3}(?![0-9]))*+(?:\.[0-9]++)?+"
    # 千 before 瓦/米/克 is the unit's (5千瓦, 3千米); 百 before 分点/分之 is the percentage's
    chinese = (rf"[{CN_DIGITS}{CN_MAGNITUDES}十拾佰仟]|百(?!分[点之])|千(?![瓦米克])"
               rf"|点(?=[{CN_DIGITS}])")
    return (rf"(?<![{NUMERAL_CHARS}A-Za-z])(?<![0-9][./,])(?=[0-9{CN_DIGITS}{CN_UNITS}])"
            rf"(?:{arabic}|{chinese})++")


def _quantity(i: int, unit_alt: str) -> str:
    run = _run()
    mag = _alt(MAGNITUDE_FACTORS)
    inner = _alt(QUALIFIERS["inner"])
    return (
        rf"(?:(?P<pct{i}>百分之|千分之|万分之)|(?P<sgn{i}>负|(?<![0-9A-Za-z%)\]])-))?"
        rf"(?P<num{i}>{run})"
        rf"(?:/(?P<den{i}>[0-9]++)(?![0-9./])|分之(?P<fnum{i}>{run}))?"
        rf"(?:(?P<mid{i}>{inner})(?P<mag{i}>{mag})?+)?+"
        rf"(?P<unit{i}>{unit_alt})?+"
    )


# Python 3.11's ``re`` has possessive repetition and reads these patterns 3-5x faster per call than
# ``regex`` (whose per-match overhead dominated find_quantities); older Pythons use ``regex``. Both
# give the same matches (tests/test_numbers_fast.py compares them).
_ENGINE = re if sys.version_info >= (3, 11) else regex


def _mention_source(unit_alt: str) -> str:
    before = _alt(QUALIFIERS["before"])
    after = _alt(QUALIFIERS["after"])
    sep = _alt(RANGE_SEPARATORS)
    return (
        rf"(?P<pre>{before})?+"
        rf"(?P<q1>{_quantity(1, unit_alt)})"
        rf"(?:(?P<sep>{sep})(?P<q2>{_quantity(2, unit_alt)}))?+"
        rf"(?P<post>{after})?+"
    )


@lru_cache(maxsize=4)
def _compile(version: int) -> tuple[re.Pattern, re.Pattern | None, int]:
    pattern = _ENGINE.compile(_mention_source(_alt(_units.units())))
    phrases = _units.non_quantity_phrases()
    phrase_pattern = _ENGINE.compile(_trie(phrases)) if phrases else None
    longest = max((len(p) for p in phrases), default=0)
    return pattern, phrase_pattern, longest


def compiled() -> tuple[re.Pattern, re.Pattern | None, int]:
    """(mention pattern, non-quantity phrase pattern, longest phrase length) for the current tables."""
    return _compile(_units.version())


@lru_cache(maxsize=4)
def reference_pattern(version: int) -> regex.Pattern:
    """The mention pattern compiled by ``regex`` (the engine before Python 3.11): for tests that compare."""
    return regex.compile(_mention_source(_alt(_units.units())), regex.V1)


GROUP_NAMES = ("pct", "sgn", "num", "den", "fnum", "mid", "mag", "unit")


@lru_cache(maxsize=4)
def _groups(version: int) -> tuple[tuple[int, ...], tuple[int, ...], int, int, int]:
    index = compiled()[0].groupindex
    q1, q2 = (tuple(index[name + k] for name in GROUP_NAMES) for k in "12")
    return q1, q2, index["pre"], index["post"], index["q2"]


def groups() -> tuple[tuple[int, ...], tuple[int, ...], int, int, int]:
    """Group numbers of the mention pattern: (quantity 1 and quantity 2, each in the order of
    :data:`GROUP_NAMES`; pre; post; q2), so that a match is read from ``m.groups()`` by index."""
    return _groups(_units.version())


@lru_cache(maxsize=4)
def _scanners(version: int) -> tuple[re.Pattern, regex.Pattern, frozenset[str], frozenset[str]]:
    arabic = r"[0-9]+(?:[.,][0-9]+)*"
    # the first character is a plain class (not an alternation) so that ``re`` skips to candidates fast;
    # [0-9CN] + (digits after a digit) reads the same runs as (arabic|[CN])
    runs = re.compile(rf"[0-9{CN_DIGITS}{CN_UNITS}](?:(?<=[0-9])[0-9]*(?:[.,][0-9]+)*)?"
                      rf"(?:{arabic}|[{CN_DIGITS}{CN_UNITS}{CN_MAGNITUDES}]|(?<=[{CN_DIGITS}])点(?=[{CN_DIGITS}]))*")
    before = _alt(QUALIFIERS["before"])
    prefix = regex.compile(rf"(?r)(?:{before})?(?:百分之|千分之|万分之|负|-)?")
    follow = set("".join(_units.units())) | set("".join(QUALIFIERS["inner"])) | set("".join(RANGE_SEPARATORS))
    follow |= set("/分%‰个")
    # the last characters of what the prefix pattern reads: before any other, it reads nothing
    prefix_ends = {w[-1] for w in QUALIFIERS["before"]} | set("之负-")
    return runs, prefix, frozenset(follow), frozenset(prefix_ends)


def scanners() -> tuple[re.Pattern, regex.Pattern, frozenset[str], frozenset[str]]:
    """(numeral runs, reversed prefix of qualifiers and signs, characters that can follow a numeral in a
    mention, characters that can end such a prefix): the fast pre-scan of ``find_quantities``."""
    return _scanners(_units.version())


@lru_cache(maxsize=4)
def _plain(version: int) -> tuple[re.Pattern, dict[str, _units.Unit], frozenset[str], re.Pattern | None]:
    """The plain-mention fast path of ``parse_quantity``: ``[负|-] numeral [unit]`` and nothing else.

    The numeral is the grammar's own run, so the split between numeral and unit is the grammar's. Units
    the grammar could read otherwise are left to it: those starting with ``/`` (a denominator),
    ``分之`` (a fraction), an inner qualifier (余, 多) or a range separator.
    """
    pattern = _ENGINE.compile(rf"(负|-)?({_run()})(.*)", _ENGINE.S)
    blocked = ("/", "分之", *QUALIFIERS["inner"], *RANGE_SEPARATORS)
    plain_units = {s: u for s, u in _units.units().items() if not s.startswith(blocked)}
    # a mention starting where a qualifier could start is the grammar's
    before_first = frozenset(w[0] for w in QUALIFIERS["before"])
    return pattern, plain_units, before_first, compiled()[1]


def plain() -> tuple[re.Pattern, dict[str, _units.Unit], frozenset[str], re.Pattern | None]:
    """(pattern ``(sign)(numeral)(rest)``, units the rest may be, first characters of qualifiers before
    a number, non-quantity phrase pattern) for the current tables."""
    return _plain(_units._version)
