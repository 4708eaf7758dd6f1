"""The mention grammar: one precompiled pattern built from the data tables, in two modes.

``in_text`` (what :func:`~govreport.numbers.find_quantities` reads in running text) knows only the units
and phrases of running text; the other mode (a mention given alone to ``parse_quantity``) knows every unit
(三块, 五角, 九成) and refuses only the phrases that are never quantities.

Every repetition is possessive and every numeral starts only where no numeral character precedes it,
so that a run of 100,000 digits is read once, not once per position (no catastrophic backtracking).
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache

import regex

from govreport.numbers import _units
from govreport.numbers._data import rows, words
from govreport.numbers._numerals import CN_APPROX, CN_DIGITS, CN_MAGNITUDES, CN_TENS, CN_UNITS

QUALIFIERS: dict[str, dict[str, str]] = {"before": {}, "compare": {}, "inner": {}, "after": {}, "round": {},
                                         "join": {}}
for _word, _position, _qualifier, *_ in rows("qualifiers.tsv"):
    QUALIFIERS[_position][_word] = _qualifier
#: every word read before a figure (the pattern's ``pre``), with its qualifier
BEFORE: dict[str, str] = {**QUALIFIERS["before"], **QUALIFIERS["compare"], **QUALIFIERS["round"]}

MAGNITUDE_FACTORS = {prefix: int(factor) for prefix, factor, *_ in rows("magnitudes.tsv")}
CURRENCY_PREFIXES = {surface: canonical for surface, canonical, *_ in rows("currency_prefixes.tsv")}
PER_UNITS = {prefix: per for prefix, per, *_ in rows("per_units.tsv")}
HALF_WORDS = words("half_words.txt")

# characters that continue a numeral (a numeral never starts right after one of them)
NUMERAL_CHARS = "0-9" + CN_DIGITS + CN_UNITS + CN_MAGNITUDES + CN_TENS
RANGE_SEPARATORS = ("至", "到", "~", "-", "——", "—", "–")
#: separators that make a range only before 之间 (介于30和40之间, 300与500之间)
BETWEEN_SEPARATORS = ("和", "与", "及")
ROUND_FIGURE = "十拾百佰千仟万萬亿億"        # what 上 may qualify: 上百亿元, 上万人
DECIMAL_DIGITS = "".join(c for c in CN_DIGITS if c not in "两兩俩倆")   # after 点: 一点二, never 一点两
_HAN = "\u4e00-\u9fff"


def _alt(words) -> str:
    """The alternation of ``words``, longest first; a word ending in a Latin letter must not run on into
    another (``m`` is no unit of ``3min``)."""
    out = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        out.append(regex.escape(w) + ("(?![A-Za-z])" if w[-1:].isascii() and w[-1:].isalpha() else ""))
    return "|".join(out)


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


def _words(words) -> str:
    """The alternation of ``words`` as a trie that reads what :func:`_alt` reads (the longest word, a word
    ending in a Latin letter not followed by one) but tries each character once: the unit table has
    hundreds of words, and an alternation would try each of them after every numeral."""
    root: dict = {}
    for w in set(words):
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node[""] = w                                   # a word ends here

    def emit(node: dict) -> str:
        alts = [re.escape(k) + emit(node[k]) for k in sorted(k for k in node if k)]
        if "" in node:                                 # the word that ends here, after the longer ones
            w = node[""]
            alts.append("(?![A-Za-z])" if w[-1:].isascii() and w[-1:].isalpha() else "")
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return emit(root) if root else "(?!)"


def _last_chars(words) -> str:
    return "".join(sorted({w[-1] for w in words}))


def _class(chars: str) -> str:
    return "".join(re.escape(c) for c in sorted(set(chars)))


# the last characters of what may stand before a figure written without a digit (近万人, 上百亿元)
_BEFORE_ROUND = _class(_last_chars(BEFORE))


def _run(units, in_text: bool = True) -> str:
    """One numeral: Arabic (with thousands separators and decimals), Chinese, or mixed (3万4000)."""
    arabic = r"[0-9]++(?:,[0-9]{3}(?![0-9]))*+(?:\.[0-9]++)?+"
    # 千 before 瓦/米/克 is the unit's (5千瓦, 3千米); 百 before 分点/分之 is the percentage's, except after a
    # digit before 分之, where it is a denominator's (一百分之二)
    after_qian = _alt(s[1:] for s in units if s.startswith("千") and len(s) > 1) or "(?!)"
    digits = f"[{CN_DIGITS}]"
    if in_text:
        # in running text one digit right after 万/亿 starts a section (一万三千, 25万6千) or a new figure:
        # 9万亿三个大台阶 is 9万亿 and 三个, never 9万亿 with an elided 三千万
        ones = "".join(c for c in CN_DIGITS if c not in "〇零")
        digits = f"(?<![万萬亿億])[{CN_DIGITS}]|[〇零]|(?<=[万萬亿億])[{ones}](?=[十拾百佰千仟])"
        arabic = r"(?:(?<![万萬亿億])|(?=[0-9](?:[0-9]|[十拾百佰千仟万萬亿億])))" + arabic
    chinese = (rf"{digits}|[{CN_MAGNITUDES}{CN_TENS}十拾佰仟]|百(?!分[点之])|(?<=[0-9{CN_DIGITS}])百(?=分之)"
               rf"|千(?!{after_qian})"
               rf"|(?<=[十拾零〇])[{CN_APPROX}](?![十拾百佰千仟])"
               rf"|点(?=[{DECIMAL_DIGITS}])|(?<=[百佰千仟万萬亿億])点(?=[0-9])")
    start = rf"(?:(?=[0-9{CN_DIGITS}{CN_UNITS}{CN_TENS}])|(?<=[{_BEFORE_ROUND}])(?=[{CN_MAGNITUDES}]))"
    body = rf"(?:{arabic}|{chinese})++"
    fresh = rf"(?<![{NUMERAL_CHARS}A-Za-z])"         # no numeral starts inside another
    if in_text:                                        # ... but 三 of 9万亿三个 does
        single = rf"[{ones}](?![十拾百佰千仟])|[0-9](?![0-9十拾百佰千仟万萬亿億])"
        fresh = rf"(?:{fresh}|(?<=[万萬亿億])(?={single}))"
        body = rf"(?:(?<=[万萬亿億])(?:{single})(?:{arabic}|{chinese})*+|{body})"
    return rf"{fresh}(?<![0-9][./,]){start}{body}"


#: the groups of one quantity of the mention pattern, in this order (see :func:`_quantity`)
GROUP_NAMES = ("cur", "sgn", "pct", "sgn2", "num", "den", "fnum", "mid", "mag", "hunit", "unit", "tail")


def _money_parts(capture: bool) -> str:
    """Parts of a currency written after it (12元5角8分): units below 1 of a canonical unit written at 1,
    read in running text too, where they follow the currency (alone, 五角 is no quantity there). With
    ``capture``, the digits and units of the (at most two) parts are groups 1 to 4."""
    table = _units.units()
    whole = {u.canonical for u in table.values() if u.factor == 1}
    parts = [s for s, u in table.items() if u.factor < 1 and u.canonical in whole]
    part_alt = "|".join(regex.escape(s) + ("(?![钟之])" if s.endswith("分") else "")
                        for s in sorted(parts, key=lambda s: (-len(s), s))) or "(?!)"
    digit = rf"[0-9](?![0-9.])|[{CN_DIGITS}]"
    o = "(" if capture else "(?:"
    return rf"(?:又|零)?+{o}{digit}){o}{part_alt})(?:零?+{o}{digit}){o}{part_alt}))?+"


def _quantity(i: int, units, in_text: bool) -> str:
    run = _run(units, in_text)
    mag = _words(MAGNITUDE_FACTORS)
    inner = _words(QUALIFIERS["inner"])
    unit_alt = _words(units)
    # 个半 + unit: 一个半小时, 两个半月, 一个半百分点
    half_units = _words({s[1:] for s in units if s.startswith("个") and len(s) > 1})
    # after the unit, its parts (5角8分 after 12元) or 半 that starts no word (三吨半, not 5吨半成品)
    tail = rf"{_money_parts(False)}|半(?!{_alt(w[1:] for w in HALF_WORDS)})"
    return (
        rf"(?P<cur{i}>{_words(CURRENCY_PREFIXES)})?+"
        rf"(?P<sgn{i}>负|(?<![0-9A-Za-z%)\]])-)?+"
        rf"(?P<pct{i}>百分之|千分之|万分之|百分(?=[0-9{CN_DIGITS}{CN_UNITS}]))?+"
        rf"(?P<sgn2{i}>负)?+"
        rf"(?P<num{i}>{run})"
        rf"(?:/(?P<den{i}>[0-9]++)(?![0-9./])|分之(?P<fnum{i}>{run}))?"
        rf"(?:(?P<mid{i}>{inner})(?P<mag{i}>{mag})?+)?+"
        rf"(?:个半(?P<hunit{i}>{half_units})|(?P<unit{i}>{unit_alt})(?P<tail{i}>{tail})?+)?+"
    )


# Python 3.11's ``re`` has possessive repetition and reads these patterns 3-5x faster per call than
# ``regex`` (whose per-match overhead dominated find_quantities); older Pythons use ``regex``. Both
# give the same matches (tests/test_numbers_fast.py compares them).
_ENGINE = re if sys.version_info >= (3, 11) else regex


def _before_alt() -> str:
    round_words = "|".join(regex.escape(w) + f"(?=[{ROUND_FIGURE}])" for w in QUALIFIERS["round"])
    before = _words({**QUALIFIERS["before"], **QUALIFIERS["compare"]})
    return "|".join(x for x in (before, round_words) if x)


def _mention_source(units, in_text: bool) -> str:
    after = _words(QUALIFIERS["after"])
    sep = _words(RANGE_SEPARATORS + BETWEEN_SEPARATORS)
    return (
        rf"(?P<pre>{_before_alt()})?+"
        rf"(?P<per>{_words(PER_UNITS)})?+"
        rf"(?P<q1>{_quantity(1, units, in_text)})"
        rf"(?:(?P<sep>{sep})(?P<q2>{_quantity(2, units, in_text)}))?+"
        rf"(?P<post>{after})?+"
    )


def mode_units(in_text: bool) -> dict[str, _units.Unit]:
    """The unit table of a mode: running text reads the units marked ``in_text`` only."""
    table = _units.units()
    return {s: u for s, u in table.items() if u.in_text} if in_text else dict(table)


class Grammar:
    """Everything compiled for one mode and one version of the tables (see :func:`grammar`)."""

    __slots__ = ("in_text", "units", "pattern", "phrases", "longest", "q1", "q2", "pre", "per", "sep", "post",
                 "iq2", "runs", "run_starts", "prefix", "parts", "unit_at", "extends", "not_plain_before",
                 "follow", "prefix_ends", "keep_before", "plain", "plain_units", "before_first", "rates",
                 "phrase_chars", "run_continues")

    def __init__(self, in_text: bool) -> None:
        units = mode_units(in_text)
        self.in_text = in_text
        self.units = units
        self.pattern = _ENGINE.compile(_mention_source(units, in_text))
        phrases = _units.non_quantity_phrases(in_text)
        self.phrases = _ENGINE.compile(_trie(phrases)) if phrases else None
        self.longest = max((len(p) for p in phrases), default=0)
        # a string with none of these characters holds no phrase (every phrase has a numeral or one of them)
        numeral_chars = set(CN_DIGITS + CN_UNITS + CN_MAGNITUDES + CN_TENS + CN_APPROX)
        self.phrase_chars = frozenset(numeral_chars | {p[0] for p in phrases if not numeral_chars & set(p)})
        index = self.pattern.groupindex
        self.q1, self.q2 = (tuple(index[name + k] for name in GROUP_NAMES) for k in "12")
        self.pre, self.per, self.sep, self.post, self.iq2 = (index[k] for k in ("pre", "per", "sep", "post", "q2"))
        self.parts = _ENGINE.compile(_money_parts(True))  # the groups of a tail of money parts
        # the plain-mention path of find_quantities: the longest unit at a position; what may extend a
        # mention after its unit (a qualifier, a range, 又/零 and a digit of money parts, 半, 个半); what may
        # stand before a numeral that is not plain (a qualifier, a sign, 百分之, a currency, a letter, a digit)
        self.unit_at = _ENGINE.compile(_words(units)).match
        self.extends = frozenset(w[0] for w in list(QUALIFIERS["after"]) + list(RANGE_SEPARATORS)
                                 + list(BETWEEN_SEPARATORS)) | set("又零半/" + CN_DIGITS + "0123456789")
        # canonical units that a rate prefix may make (每小时十公里 -> 公里/小时)
        self.rates = frozenset(u.canonical for u in units.values() if "/" in u.canonical)

        # the fast pre-scan of find_quantities: candidate numeral runs, one plain class first (so that the
        # engine skips to candidates fast) and a possessive class after it (linear on any run). It may read
        # a run longer than the grammar's numeral (9万亿三个: 9万亿三); the scan resumes after each mention.
        numeral = f"0-9{CN_DIGITS}{CN_UNITS}{CN_TENS}{CN_MAGNITUDES}{CN_APPROX}"
        self.runs = _ENGINE.compile(rf"[{numeral}](?:[{numeral}]|[.,点](?=[0-9{CN_DIGITS}]))*+")
        self.run_starts = frozenset("0123456789" + CN_DIGITS + CN_UNITS + CN_TENS + CN_MAGNITUDES)
        before_words = list(BEFORE)
        self.prefix = regex.compile(
            rf"(?r)(?:{_alt(before_words)})?(?:{_alt(PER_UNITS)})?(?:{_alt(CURRENCY_PREFIXES)})?"
            rf"(?:负|-)?(?:百分之|千分之|万分之|百分)?(?:负)?")
        follow = set("".join(units)) | set("".join(QUALIFIERS["inner"]))
        follow |= set("".join(RANGE_SEPARATORS + BETWEEN_SEPARATORS)) | set("/分%‰个半")
        self.follow = frozenset(follow)
        # the last characters of what the prefix pattern reads: before any other, it reads nothing
        self.prefix_ends = frozenset(_last_chars(before_words + list(PER_UNITS) + list(CURRENCY_PREFIXES)) + "之负-分")
        # a run after one of these may be a quantity though nothing follows it: 百分之五, $45
        self.keep_before = frozenset("之" + _last_chars(CURRENCY_PREFIXES))
        self.not_plain_before = self.prefix_ends | self.keep_before | frozenset(
            "0123456789" + CN_DIGITS + CN_UNITS + CN_MAGNITUDES + CN_TENS + CN_APPROX + "./,-+~"
            + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

        # the plain-mention fast path of parse_quantity: ``[负|-] numeral [unit]`` and nothing else. The
        # numeral is the grammar's own run, so the split between numeral and unit is the grammar's. Units
        # the grammar could read otherwise are left to it: those starting with ``/`` (a denominator),
        # ``分之`` (a fraction), an inner qualifier (余, 多), a range separator or 半.
        self.plain = _ENGINE.compile(rf"(负|-)?({_run(units, in_text)})(.*)", _ENGINE.S)
        blocked = ("/", "分之", "半", "个半", *QUALIFIERS["inner"], *RANGE_SEPARATORS, *BETWEEN_SEPARATORS)
        self.plain_units = {s: u for s, u in units.items() if not s.startswith(blocked)}
        # what the grammar's run may read after Arabic digits and 万/亿 (so that a plain split is the run's)
        self.run_continues = frozenset("0123456789.,点" + CN_DIGITS + CN_UNITS + CN_MAGNITUDES + CN_TENS + CN_APPROX)
        # a mention starting where a qualifier, a currency or a rate could start is the grammar's
        self.before_first = frozenset(w[0] for w in before_words + list(CURRENCY_PREFIXES) + list(PER_UNITS))


_CURRENT: dict[bool, tuple[int, Grammar]] = {}


def grammar(in_text: bool = True) -> Grammar:
    """The compiled grammar of running text (``in_text``) or of a mention read alone, for the current tables
    (compiled again after :func:`~govreport.numbers.add_unit` or ``add_non_quantity_phrases``)."""
    current = _CURRENT.get(in_text)
    if current is None or current[0] != _units._version:
        current = _CURRENT[in_text] = (_units._version, Grammar(in_text))
    return current[1]


@lru_cache(maxsize=8)
def reference_pattern(version: int, in_text: bool = True) -> regex.Pattern:
    """The mention pattern compiled by ``regex`` (the engine before Python 3.11): for tests that compare."""
    return regex.compile(_mention_source(mode_units(in_text), in_text), regex.V1)
