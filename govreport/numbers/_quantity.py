"""Quantities: :class:`Quantity`, :func:`parse_quantity` (one mention) and :func:`find_quantities`
(running text).

A mention is ``[qualifier] [每小时] [currency] [负] [百分之] [负] numeral [/ den | 分之 numeral] [余|多 [magnitude]]
[unit [parts of the unit | 半]] [- numeral ... ] [qualifier]``, matched by one precompiled pattern
(:mod:`._grammar`); this module decides what a match means and whether it is a quantity at all (years,
ordinals, plan names, slogans and bare numbers are not). Two mentions that bound one figure from both
sides (``大于30小于40``) make one range.
"""
from __future__ import annotations

import decimal
import re
from decimal import Decimal

import attrs
import regex

from govreport._errors import NumberFormatError
from govreport.numbers import _grammar, _units
from govreport.numbers._grammar import Grammar
from govreport.numbers._numerals import (
    CN_DIGITS, DIGITS, EXACT, _arabic_magnitude, fold, parse_normalized, parse_number, read_numeral, tidy,
)

QUALIFIERS = ("about", "at_least", "over", "nearly", "at_most")

# Units that measure rather than count: after a lone 一 they still make a quantity (一公里, 一亿元);
# after it a counting classifier reads as an article (一个, 一项, 一次, 一年): not a quantity.
MEASURES = frozenset(
    "元 美元 欧元 港元 日元 英镑 % ‰ ‱ 百分点 倍 平方公里 平方米 亩 公顷 公里 米 吨 公斤 千瓦 千瓦时 立方米 "
    "标准箱 微克/立方米 小时 分钟 "
    # measures of the wider unit table: after a numeral with no digit (百克, 千秒, 百米) they are names and
    # set phrases (百克生物, 亿度千秒, 百米冲刺), not figures
    "克 毫克 微克 斤 盎司 磅 厘米 毫米 分米 微米 纳米 英里 海里 英尺 英寸 平方厘米 平方毫米 立方厘米 升 毫升 "
    "英亩 公亩 赫兹 千赫 兆赫 吉赫 字节 千字节 兆字节 吉字节 太字节 瓦 吉瓦 兆瓦 千伏 瓦时 兆瓦时 吉瓦时 太瓦时 "
    "摄氏度 华氏度 秒 毫秒 公里/小时 米/秒 克/千克 毫克/升".split()
)
_BARE_UNIT_NUMERALS = frozenset("百佰千仟")   # 十 alone is how ten is written
# measures that a bare 十/百/千 does count (千亿元 has its magnitude in the numeral already)
_COUNTED_MEASURES = frozenset("元 美元 欧元 港元 日元 英镑 % ‰ ‱ 百分点 倍".split())
_PERCENT = {"百分之": "%", "百分": "%", "千分之": "‰", "万分之": "‱"}
_ARABIC_SEARCH = re.compile(r"[0-9]").search
_INTEGER_FULL = re.compile(r"[0-9]+").fullmatch
_DIGIT_BY_DIGIT_FULL = re.compile(rf"[{CN_DIGITS}]{{2,}}").fullmatch
_LARGE_SEARCH = re.compile(r"[万萬亿億千百十]").search
_WAN_YI_SEARCH = re.compile(r"[万萬亿億]").search
_MAGNITUDE_CHARS = "万萬亿億"
_UNITS = _units._UNITS  # the live table (add_unit changes it in place)
_MAGNITUDES = {k: Decimal(v) for k, v in _grammar.MAGNITUDE_FACTORS.items()}
_HALF = Decimal("0.5")
_NO_QUALIFIER = "-"
_EXACT_QUALIFIER = "exact"
# Unicode format characters (category Cf: zero-width space and joiners, bidi controls, the BOM): invisible,
# they never split a number. find_quantities reads the text without them and maps spans back.
_FORMAT = regex.compile(r"\p{Cf}")


@attrs.frozen
class Quantity:
    """One quantity mention.

    ``start``/``end`` index the string that was searched (``text == s[start:end]``); the span includes
    the qualifiers and the unit. ``value`` has the magnitude folded in (``1325亿元`` ->
    ``Decimal('132500000000')``); ``value_max`` is the upper end of a range (``3至5家``, ``七八百``,
    ``大于30小于40``; equal to ``value`` for ``等于42``); ``unit`` is canonical (``元``, ``%``, ``人次``,
    ``ratio`` for fractions, or the text's own classifier); ``qualifier`` is one of ``about``,
    ``at_least``, ``over``, ``nearly``, ``at_most`` or None (a numeral with 几 is a lower bound: ``over``).
    ``number_start`` and ``number_end`` delimit the numeral itself (``2000`` in ``2000余人``; from the first
    numeral to the end of the last in a range).
    """

    start: int
    end: int
    text: str
    value: Decimal
    value_max: Decimal | None = None
    unit: str | None = None
    qualifier: str | None = None
    number_start: int = -1
    number_end: int = -1


class _Part:
    """One figure of a match (the lower or upper end of a range, or the only one)."""

    __slots__ = ("value", "value_max", "approximate", "unit", "surface", "kind", "magnitude", "chinese",
                 "numeral", "mid", "mag", "start", "num_start", "num_end", "end")

    def __init__(self, value: Decimal, value_max: Decimal | None, approximate: bool, unit: str | None,
                 surface: str | None, kind: str, magnitude: bool, chinese: bool, numeral: str, mid: str | None,
                 mag: str | None, start: int, num_start: int, num_end: int, end: int) -> None:
        self.value = value
        self.value_max = value_max    # a numeral that is a range itself: 七八百
        self.approximate = approximate  # a digit is 几: value is a lower bound
        self.unit = unit              # canonical
        self.surface = surface        # unit as written
        self.kind = kind              # number | percent | fraction
        self.magnitude = magnitude    # the numeral or its tail carries 万/亿/千...
        self.chinese = chinese
        self.numeral = numeral
        self.mid = mid
        self.mag = mag                # magnitude after 余/多 (十余万)
        self.start = start            # of the currency, sign or 百分之, else of the numeral
        self.num_start = num_start
        self.num_end = num_end
        self.end = end


def _digit(s: str) -> Decimal:
    return Decimal(int(s)) if s.isdigit() and s.isascii() else Decimal(DIGITS[s])


def _part(m, g: tuple, ix: tuple[int, ...], strict: bool, G: Grammar) -> _Part | None:
    """Read one quantity of a match (``g``: its groups; ``ix``: the group numbers of that quantity, in the
    order of :data:`_grammar.GROUP_NAMES`); None if it is not a number at all."""
    icur, isgn, ipct, isgn2, inum, iden, ifnum, imid, imag, ihunit, iunit, itail = ix
    num = g[inum - 1]
    cur, sgn, pct, sgn2, den, fnum, mid, mag, hunit, unit_text, tail = (
        g[icur - 1], g[isgn - 1], g[ipct - 1], g[isgn2 - 1], g[iden - 1], g[ifnum - 1], g[imid - 1],
        g[imag - 1], g[ihunit - 1], g[iunit - 1], g[itail - 1])
    chinese = _ARABIC_SEARCH(num) is None
    exact = True
    value_max: Decimal | None = None
    approximate = False
    # the last group the mention keeps (groups come in this order: den fnum mid mag hunit unit s1.. half)
    last = imag if mag else imid if mid else 0
    try:
        if pct:
            value, unit, kind = parse_normalized(num), _PERCENT[pct], "percent"
            if unit_text:
                if _UNITS[unit_text].canonical != unit:
                    return None
                last = iunit
            unit_text = None
        elif den is not None:
            if not _INTEGER_FULL(num) or not den.strip("0"):
                return None
            with decimal.localcontext() as ctx:
                ctx.prec = 28
                value = Decimal(num) / Decimal(den)
            unit, kind, unit_text, last = "ratio", "fraction", None, iden
        elif fnum is not None:
            dv = parse_normalized(num)
            if dv == 0:
                return None
            with decimal.localcontext() as ctx:
                ctx.prec = 28
                value = parse_normalized(fnum) / dv
            unit, kind, unit_text, last = "ratio", "fraction", None, ifnum
        else:
            try:
                value = parse_normalized(num)
            except NumberFormatError:                 # a range (七八百) or a lower bound (二十几万)
                value, value_max, approximate = read_numeral(num)
            kind, unit = "number", None
            if mag:
                value = EXACT.multiply(value, _MAGNITUDES[mag])
                if value_max is not None:
                    value_max = EXACT.multiply(value_max, _MAGNITUDES[mag])
                exact = False
            if hunit is not None:                     # 一个半小时, 两个半月
                if value_max is not None or approximate or mag or mid:
                    return None
                unit_text = "个" + hunit
                value += _HALF
                last = ihunit
            elif unit_text:
                last = iunit
                if tail == "半" and value_max is None and not approximate and not mag and not mid:
                    value += _HALF                    # 三吨半, 两年半, 三成半
                    last = itail
            if unit_text:
                u = _UNITS.get(unit_text) or G.units[unit_text]
                unit = u.canonical
                if u.factor != 1:
                    value = EXACT.multiply(value, u.factor)
                    if value_max is not None:
                        value_max = EXACT.multiply(value_max, u.factor)
                    exact = False
                if tail and tail != "半" and last == iunit:
                    extra = _money_parts(G.parts.fullmatch(tail).groups(), u)
                    if extra is not None:             # 12元5角8分, 两美元又三美分
                        value = EXACT.add(value, extra)
                        last = itail
                        exact = False
                if strict and chinese and not u.after_chinese:
                    return None
    except (NumberFormatError, decimal.DecimalException):
        return None
    if not exact:
        value = tidy(value)
        if value_max is not None:
            value_max = tidy(value_max)
    if bool(sgn) != bool(sgn2):                       # 负百分之负 is no sign at all
        value = -value
        if value_max is not None:
            value, value_max = -value_max, value
    num_start, num_end = m.span(inum)
    end = m.end(last) if last else num_end
    first = m.start(isgn) if sgn else m.start(ipct) if pct else m.start(isgn2) if sgn2 else num_start
    if cur:
        currency = _grammar.CURRENCY_PREFIXES[cur]
        if kind == "number" and (unit is None or unit == currency or (unit == "元" and unit_text not in
                                                                      (None, "人民币", "元人民币"))):
            unit = currency                           # ￥150, 港币三千元: the currency the figure is in
            first = m.start(icur)
    large = bool(mag) or _LARGE_SEARCH(num) is not None
    return _Part(value, value_max, approximate, unit, unit_text, kind, large, chinese, num, mid, mag, first,
                 num_start, num_end, end)


def _money_parts(groups: tuple, whole: _units.Unit) -> Decimal | None:
    """The value of the parts after a currency (5角8分 after 12元: digit, unit, digit, unit), or None if they
    are not all its parts: each a unit of the same canonical unit, smaller than the one before it."""
    total = Decimal(0)
    factor = whole.factor
    for digit, surface in ((groups[0], groups[1]), (groups[2], groups[3])):
        if digit is None:
            break
        part = _UNITS.get(surface)
        if part is None or part.canonical != whole.canonical or part.factor >= factor:
            return None
        total += _digit(digit) * part.factor
        factor = part.factor
    return total


def _is_quantity(p: _Part, pre: str | None, text: str) -> bool:
    """The rules of facts.md for running text: what is not a quantity at all."""
    if p.kind != "number":
        return True
    if _DIGIT_BY_DIGIT_FULL(p.numeral) and p.value_max is None:
        return False                                   # 二〇二一(年), 一九九八: years and codes
    if p.unit is None:
        if p.chinese:                                  # 十余万, 近千万, 二十几万: only with a qualifier
            return p.magnitude and bool(p.mid or pre or p.approximate) and p.value_max is None and (
                _WAN_YI_SEARCH(p.numeral) is not None or _WAN_YI_SEARCH(p.mag or "") is not None)
        return p.magnitude                             # 32.4万, -10.1万; bare 8, 42号, 1862 are not
    if p.surface == "年" and not p.chinese and p.value == p.value.to_integral_value() \
            and 1000 <= abs(p.value) <= 2999 and not p.magnitude:
        return False                                   # 2021年, 2016-2020年
    if p.chinese and p.numeral in ("一", "壹") and not pre and not p.mid and p.unit not in MEASURES \
            and p.value == 1:
        return False                                   # 一个, 一项, 一次, 一年: an article, not a count
    # 百克生物, 千秒, 千吨级: a name or a class, no figure
    return not (p.numeral in _BARE_UNIT_NUMERALS and not pre and not p.mid and p.unit in MEASURES
                and p.unit not in _COUNTED_MEASURES)


_BEFORE = _grammar.BEFORE
_AFTER = _grammar.QUALIFIERS["after"]
_INNER = _grammar.QUALIFIERS["inner"]
_ROUND = frozenset(_grammar.QUALIFIERS["round"])
_COMPARE = frozenset(_grammar.QUALIFIERS["compare"])
_NONE_WORDS = frozenset((_NO_QUALIFIER, _EXACT_QUALIFIER))


def _qualifier(pre: str | None, mid: str | None, post: str | None, approximate: bool = False) -> str | None:
    word = _BEFORE[pre] if pre else None
    if word is None and post:
        word = _AFTER[post]
    if word is None and mid:
        word = _INNER[mid]
    if word is None and approximate:
        word = "over"
    return None if word in _NONE_WORDS else word


def _in_phrase(norm: str, start: int, end: int, G: Grammar) -> bool:
    """Whether a non-quantity phrase (十三五, 一带一路, 四川 ...) overlaps ``norm[start:end]``."""
    phrases, longest = G.phrases, G.longest
    if phrases is None:
        return False
    lo, hi = max(0, start - longest + 1), min(len(norm), end + longest - 1)
    search = phrases.search
    pm = search(norm, lo, hi)
    while pm is not None:
        ps, pe = pm.span()
        if ps >= end:
            return False
        if pe > start:
            return True
        pm = search(norm, ps + 1, hi)   # every start position, as an overlapped search
    return False


def _range(p1: _Part, p2: _Part) -> tuple[Decimal, Decimal, str | None] | None:
    """``3至5家``, ``6%-6.5%``, ``6.5—7%``, ``3万至5万元``, ``3至5万元``; None if not a range."""
    if p1.kind == "fraction" or p2.kind == "fraction" or p1.value_max is not None or p2.value_max is not None:
        return None
    unit = p2.unit
    if p1.unit is not None and p1.unit != p2.unit:
        return None
    if p1.unit is not None and p1.kind != "percent" and p1.unit not in ("%", "‰"):
        return None                                    # 8万元到14万元: two figures, not a range
    v1 = p1.value
    if p1.unit is None and not p1.magnitude and p2.kind == "number":
        # 3至5万元: the lower end takes the magnitude of the upper end
        factor = _tail_factor(p2)
        if factor != 1:
            with decimal.localcontext(EXACT):
                v1 = tidy(v1 * factor)
    if p2.kind == "percent" and p1.kind == "number" and p1.unit is None:
        unit = p2.unit
    if p1.kind == "percent" and p2.kind == "number" and p2.unit is None:
        unit = p1.unit
    if v1 > p2.value:
        return None
    return v1, p2.value, unit


def _tail_factor(p: _Part) -> Decimal:
    """The magnitude at the end of a numeral: 万 in 5万, 亿 in 1.2亿, 万亿 in 3万亿; 1 if none."""
    s = p.numeral
    i = len(s)
    while i and s[i - 1] in _MAGNITUDE_CHARS:
        i -= 1
    tail = s[i:]
    if not tail or i == 0:
        return Decimal(1)
    return parse_number("一" + tail)


def _quantity(text: str, start: int, end: int, p: _Part, value_max: Decimal | None, qualifier_words: tuple,
              num_end: int | None = None) -> Quantity:
    pre, mid, post = qualifier_words
    value = p.value
    if value_max is None:
        value_max = p.value_max
    if pre or mid or post or p.approximate:
        if value_max is None and pre and _BEFORE[pre] == _EXACT_QUALIFIER:
            value_max = value                          # 等于42
        qualifier = _qualifier(pre, mid, post, p.approximate)
    else:
        qualifier = None
    return Quantity(start, end, text[start:end], value, value_max, p.unit, qualifier, p.num_start,
                    p.num_end if num_end is None else num_end)


def _interpret(m, text: str, norm: str, strict: bool, G: Grammar) -> tuple[list[Quantity], int]:
    """Quantities of one match and where to search next."""
    ix1, ix2 = G.q1, G.q2
    g = m.groups()
    pre, post = g[G.pre - 1], g[G.post - 1]
    has_q2 = g[G.iq2 - 1] is not None
    if strict and not has_q2 and g[ix1[10] - 1] is None and g[ix1[9] - 1] is None and g[ix1[2] - 1] is None \
            and g[ix1[5] - 1] is None and g[ix1[6] - 1] is None and g[ix1[0] - 1] is None:
        # a bare number (no unit, %, fraction, currency or range): a quantity only if 万/亿 (or 千百十 for
        # Arabic) makes it one; what _is_quantity would say, decided before reading the value
        num, mag = g[ix1[4] - 1], g[ix1[8] - 1]
        if _ARABIC_SEARCH(num) is None:
            if _WAN_YI_SEARCH(num) is None and _WAN_YI_SEARCH(mag or "") is None:
                return [], m.end()
        elif not mag and _LARGE_SEARCH(num) is None:
            return [], m.end()
    pre_start = m.start(G.pre) if pre else None
    if pre_start is None and g[ix1[4] - 1][0] in _MAGNITUDE_CHARS:
        return [], m.end()                             # 万人: a magnitude without a digit needs 近, 超, 上...
    p1 = _part(m, g, ix1, strict, G)
    if pre:
        if p1 is not None and pre in _ROUND and not (p1.chinese and p1.numeral[0] in _grammar.ROUND_FIGURE):
            pre = pre_start = None                     # 上 qualifies only 上百, 上万: 线上3000家 is not
        elif pre == "近" and p1 is not None and p1.surface == "年" and not has_q2:
            pre = None                                 # 近3年: the last three years, not nearly three
        elif post and pre in _COMPARE:
            pre = pre_start = None                     # 低于13%左右的预期目标: the figure is about 13%
    start1: int = pre_start if pre_start is not None else (p1.start if p1 is not None else 0)
    per = g[G.per - 1]
    if per and p1 is not None and p1.unit is not None and (rate := f"{p1.unit}/{PER[per]}") in G.rates:
        p1.unit = rate                                 # 每小时十公里: 公里/小时
        if not pre:
            start1 = m.start(G.per)
    if has_q2:
        sep = g[G.sep - 1]
        p2 = _part(m, g, ix2, strict, G)
        rng = _range(p1, p2) if p1 is not None and p2 is not None else None
        if sep in _grammar.BETWEEN_SEPARATORS and post != "之间":
            rng = None                                 # 3家和5家: two figures; 30和40之间: a range
        if rng is not None and p1 is not None and p2 is not None \
                and (not strict or _is_quantity(p2, pre, text) or p2.kind != "number"):
            v1, v2, unit = rng
            if strict and unit is None and not p2.magnitude:
                return [], m.end()                     # 3-5, 2016-2020: bare numbers
            if strict and (_is_year_range(p1, p2) or _in_phrase(norm, p1.num_start, p2.end, G)
                           or _ordinal(norm, pre_start, p1)):
                return [], m.end()
            end = m.end(G.post) if post else p2.end
            q = Quantity(start1, end, text[start1:end], v1, v2, unit,
                         _qualifier(pre, p1.mid or p2.mid, post, p1.approximate), p1.num_start, p2.num_end)
            return [q], m.end()
        # not a range: the first figure alone, then search again from the second
        if p1 is None:
            return [], m.start(G.iq2)
        if not strict or _accept(p1, pre, norm, pre_start, text, G):
            return [_quantity(text, start1, p1.end, p1, None, (pre, p1.mid, None))], m.start(G.iq2)
        return [], m.start(G.iq2)
    if p1 is None:
        return [], m.end()
    if strict and not _accept(p1, pre, norm, pre_start, text, G):
        return [], m.end()
    end = m.end(G.post) if post and m.start(G.post) == p1.end else p1.end
    return [_quantity(text, start1, end, p1, None, (pre, p1.mid, post if end != p1.end else None))], \
        max(end, p1.end)


PER = _grammar.PER_UNITS
_SESSION = re.compile("全体会议|会议|全会|常委会")
_OPENING_QUOTES = "“\"「『‘《〈"


def _ordinal(norm: str, pre_start: int | None, p: _Part) -> bool:
    """第七, 全市第一, 五届九次(全会): ordinals and session numbers; “三个代表”: a quoted slogan.
    ``pre_start``: where the qualifier before the figure starts, None if there is none."""
    i = pre_start if pre_start is not None else p.start
    if i > 0 and norm[i - 1] in "第届":
        return True
    if p.surface == "次" and _SESSION.match(norm, p.end):
        return True                                    # 人大四次会议, 九次全会
    if p.chinese and i > 0 and norm[i - 1] in "几数":
        return True                                    # 几千万人, 数十家: vague, no value
    return p.chinese and i > 0 and norm[i - 1] in _OPENING_QUOTES


def _is_year_range(p1: _Part, p2: _Part) -> bool:
    return p2.surface == "年" and not p1.chinese and not p1.magnitude and 1000 <= p1.value <= 2999


def _accept(p: _Part, pre: str | None, norm: str, pre_start: int | None, text: str, G: Grammar) -> bool:
    return (_is_quantity(p, pre, text) and not _ordinal(norm, pre_start, p)
            and not (p.chinese and _in_phrase(norm, p.num_start, p.end, G)))


#: find_quantities reads a plain Arabic mention (``1325亿元``, ``8.5%``, ``3000个``) without the general
#: grammar; tests/test_numbers_fast.py turns this off to show both ways read the same quantities
_FAST = True
_NOT_ONE = Quantity(0, 0, "", Decimal(0))          # the plain path's answer for "no quantity here"
_SIMPLE_ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?[万萬亿億]*").fullmatch


def _plain_mention(text: str, norm: str, rs: int, re_: int, G: Grammar) -> Quantity | None:
    """The mention at the run ``norm[rs:re_]`` if it is plain: Arabic digits (and 万/亿), a unit, and after it
    nothing that could extend it (a qualifier, a range, the parts of a currency, 半); ``_NOT_ONE`` if such a
    plain mention is no quantity (2021年, 第3次会议); None if it is not plain (the general grammar's)."""
    num = norm[rs:re_]
    if _SIMPLE_ARABIC(num) is None:
        return None
    u = G.unit_at(norm, re_)
    if u is None:
        return None
    end = u.end()
    if end < len(norm) and norm[end] in G.extends:
        return None
    unit = _UNITS.get(u.group()) or G.units[u.group()]
    magnitude = num[-1] in _MAGNITUDE_CHARS
    if magnitude:
        i = len(num) - 1
        while num[i - 1] in _MAGNITUDE_CHARS:
            i -= 1
        try:
            value = _arabic_magnitude(num[:i], num[i:], num)
        except NumberFormatError:
            return None
    else:
        value = Decimal(num)
    if unit.factor != 1:
        value = tidy(EXACT.multiply(value, unit.factor))
    # the rules of _is_quantity and _ordinal for an Arabic figure with a unit
    if u.group() == "年" and not magnitude and value == value.to_integral_value() and 1000 <= value <= 2999:
        return _NOT_ONE                                # 2021年
    if rs > 0 and norm[rs - 1] in "第届":
        return _NOT_ONE                                # 第3次, 第15届
    if u.group() == "次" and _SESSION.match(norm, end):
        return _NOT_ONE                                # 十二届全国人大4次会议
    return Quantity(rs, end, text[rs:end], value, None, unit.canonical, None, rs, re_)


def _scan(text: str, norm: str, G: Grammar, strict: bool, join: bool = True) -> list[Quantity]:
    """Every mention of ``norm`` (``text`` folded), sorted and non-overlapping; with ``join``, two bounds of
    one figure joined into a range (:func:`_join_bounds`)."""
    pattern, prefix, follow, prefix_ends, keep_before = G.pattern, G.prefix, G.follow, G.prefix_ends, G.keep_before
    out: list[Quantity] = []
    pos = 0
    n = len(norm)
    bounds = False
    # Jump from numeral run to numeral run (a fast stdlib scan); a run neither followed by a character
    # that can continue a mention nor ending in 万/亿 nor led by 百分之 or a currency is no quantity: skip
    # it unread.
    starts, not_plain_before, fast, magnitudes = G.run_starts, G.not_plain_before, _FAST and strict, _MAGNITUDE_CHARS
    for r in G.runs.finditer(norm):
        rs, re_ = r.span()
        if rs >= pos and strict:
            after = norm[re_] if re_ < n else ""
            before = norm[rs - 1] if rs else ""
            if after not in follow and norm[re_ - 1] not in magnitudes and before not in keep_before:
                continue                               # 42号, 3月: nothing can make a quantity of it
            if after == "年" and re_ - rs == 4 and norm[rs] in "12" and norm[rs:re_].isdigit() and \
                    norm[re_ + 1:re_ + 2] != "半":
                continue                               # 2021年: a year (what _is_quantity says, unread)
            if fast and "0" <= norm[rs] <= "9" and before not in not_plain_before:
                q = _plain_mention(text, norm, rs, re_, G)
                if q is not None:
                    if q is not _NOT_ONE:
                        out.append(q)
                        pos = q.end
                    continue
        while rs < re_:
            if rs < pos:
                # the run goes on past the last mention (9万亿三个: 三 after 9万亿): read the rest of it
                if re_ <= pos or norm[pos] not in starts:
                    break
                rs = pos
            before = norm[rs - 1] if rs else ""
            if norm[rs] in _MAGNITUDE_CHARS and before not in prefix_ends:
                break                                  # 万人, 亿元: no digit and no qualifier
            if rs > pos and before in prefix_ends:
                lead = prefix.match(norm, max(pos, rs - 20), rs)
                start = lead.start() if lead is not None else rs
            else:
                start = rs                             # no qualifier or sign can end here
            m = pattern.match(norm, start)
            if m is None and start != rs:
                m = pattern.match(norm, rs)
            if m is None:
                break
            found, nxt = _interpret(m, text, norm, strict, G)
            for q in found:
                if not out or q.start >= out[-1].end:
                    if q.qualifier in _BOUNDS and out and out[-1].qualifier in _BOUNDS and \
                            q.start - out[-1].end <= _LONGEST_JOIN:
                        bounds = True          # two bounds side by side: _join_bounds looks closer
                    out.append(q)
            pos = max(nxt, m.start() + 1)
    return (_join_bounds(out, text, norm) if bounds else out) if join else out


_BEFORE_WORD = re.compile(_grammar._alt({**_grammar.QUALIFIERS["before"], **_grammar.QUALIFIERS["compare"]}))
_JOINS = frozenset(_grammar.QUALIFIERS["join"]) | {""}
_LOWER_BOUNDS = ("over", "at_least")
_BOUNDS = frozenset(("over", "at_least", "at_most"))
_LONGEST_JOIN = max(map(len, _JOINS))


def _join_bounds(found: list[Quantity], text: str, norm: str) -> list[Quantity]:
    """``大于30小于40``, ``不小于5不大于9``, ``最多100最少20``: a lower and an upper bound of one figure, each
    written with its word before it and nothing but a join word (且, 并且, 的同时) between, make one range."""
    out: list[Quantity] = []
    i = 0
    while i < len(found):
        a = found[i]
        if i + 1 < len(found) and a.qualifier in _BOUNDS and found[i + 1].qualifier in _BOUNDS \
                and found[i + 1].start - a.end <= _LONGEST_JOIN:
            b = found[i + 1]
            wa, wb = _BEFORE_WORD.match(norm, a.start), _BEFORE_WORD.match(norm, b.start)
            if wa and wb and norm[a.end:b.start] in _JOINS and a.value_max is None and b.value_max is None \
                    and (a.unit == b.unit or a.unit is None or b.unit is None):
                qa = _grammar.BEFORE[wa.group()]
                qb = _grammar.BEFORE[wb.group()]
                low, high = (a, b) if qa in _LOWER_BOUNDS and qb == "at_most" else \
                    (b, a) if qb in _LOWER_BOUNDS and qa == "at_most" else (None, None)
                if low is not None and high is not None and low.value <= high.value:
                    out.append(Quantity(a.start, b.end, text[a.start:b.end], low.value, high.value,
                                        a.unit or b.unit, None, a.number_start, b.number_end))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity mention of running text, sorted by position and non-overlapping.

    Years and dates, ordinals (第七, 全市第一), plan names and slogans (十三五, 一带一路, 三大攻坚战),
    product names (5G), idioms (一石二鸟, 半斤八两) and bare numbers without a unit, classifier or % are
    left out. A format character inside a figure (a zero-width space, a bidi mark) is read through: the
    span covers it, the value is read without it.

    >>> [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities("电商交易额超2000亿元、占全市近1/3")]
    [('超2000亿元', Decimal('200000000000'), '元', 'over'), ('近1/3', Decimal('0.3333333333333333333333333333'), 'ratio', 'nearly')]
    """
    if not isinstance(text, str):
        raise TypeError(f"find_quantities takes a str, not {type(text).__name__}")
    if _FORMAT.search(text) is not None:
        return _through_format_characters(text, find_quantities)
    return _scan(text, fold(text), _grammar.grammar(True), True)


def _compact(text: str, pattern, spaces_of: str | None = None) -> tuple[str, list[int]]:
    """``text`` without what ``pattern`` matches, and the index in ``text`` of each character kept. With
    ``spaces_of`` (``text`` folded), a run of spaces between two digits is kept (1 234 is no 1234)."""
    kept: list[int] = []
    pieces: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        if spaces_of is not None and m.start() > 0 and m.end() < len(text) and spaces_of[m.start() - 1] in \
                _ASCII_DIGITS and spaces_of[m.end()] in _ASCII_DIGITS and not _FORMAT.match(text, m.start()):
            continue
        pieces.append(text[pos:m.start()])
        kept.extend(range(pos, m.start()))
        pos = m.end()
    pieces.append(text[pos:])
    kept.extend(range(pos, len(text)))
    return "".join(pieces), kept


def _map_back(q: Quantity, text: str, kept: list[int]) -> Quantity:
    start, end = kept[q.start], kept[q.end - 1] + 1
    ns = kept[q.number_start] if q.number_start >= 0 else -1
    ne = kept[q.number_end - 1] + 1 if q.number_end > 0 else -1
    return attrs.evolve(q, start=start, end=end, text=text[start:end], number_start=ns, number_end=ne)


def _through_format_characters(text: str, read) -> list[Quantity]:
    compact, kept = _compact(text, _FORMAT)
    return [_map_back(q, text, kept) for q in read(compact)]


def parse_quantity(s: str) -> Quantity:
    """Read one quantity mention: ``parse_quantity("120亿元以上")`` -> 12000000000 元, ``at_least``.

    The whole string (surrounding whitespace aside) must be one mention; a leading ``控制在`` is allowed
    (``控制在2.5%以内``) but left out of the span. Unlike :func:`find_quantities` a bare number or a
    year is accepted (unit None or 年), and so are the forms read only alone: money by its parts
    (``三块``, ``肆角叁分``), shares (``九成``), abbreviations of units in capitals (``168CM``), a mixed
    fraction (``一又二分之一``), spaces between the characters (``十 余 万``). Raises
    :class:`govreport.NumberFormatError` otherwise.

    >>> q = parse_quantity("19600余人(次)")
    >>> (q.value, q.unit, q.qualifier)
    (Decimal('19600'), '人次', 'over')
    """
    if not isinstance(s, str):
        raise NumberFormatError(f"not a string: {s!r}")
    norm = fold(s)
    q = _plain_quantity(s, norm)
    if q is not None:
        return q
    try:
        return _parse_quantity(s, norm)
    except NumberFormatError:
        compact, kept = _compact(norm, _LOOSE, norm)
        if len(compact) == len(s) or not compact.strip():
            raise
    try:
        q = parse_quantity(compact)
    except NumberFormatError:
        raise NumberFormatError(f"not a quantity: {s!r}") from None
    return _map_back(q, s, kept)


# what a mention read alone may hold between its characters: format characters anywhere, spaces except
# between two digits (十 余 万, 百 分 之2.4, 1000  万; never 1 234)
_LOOSE = regex.compile(r"\p{Cf}|\s+")
_ASCII_DIGITS = frozenset("0123456789")


_SIMPLE_PLAIN = re.compile(r"(-)?([0-9]+(?:\.[0-9]+)?[万萬亿億]*)(.*)", re.S).fullmatch


def _plain_quantity(s: str, norm: str) -> Quantity | None:
    """``parse_quantity`` of a plain mention (``[负|-] numeral [unit]``: ``1325``, ``1.4万``, ``-10.1万``,
    ``三百二十五``, ``3.9%``, ``120亿元``) without the general grammar; None for anything else (or
    anything doubtful), which the general path reads. Both give the same Quantity (test_numbers_fast)."""
    G = _grammar.grammar(False)
    m = _SIMPLE_PLAIN(norm)                            # Arabic digits: the split the grammar's run makes
    simple = False
    if m is not None:
        sgn, num, rest = m.groups()
        simple = not rest or rest[0] not in G.run_continues
    if not simple:
        m = G.plain.fullmatch(norm)
        if m is None or norm[0] in G.before_first:
            return None
        sgn, num, rest = m.groups()
        if num[0] in _MAGNITUDE_CHARS:
            return None
    u = None
    if rest:
        u = G.plain_units.get(rest)
        if u is None:
            return None
    try:
        if not simple:
            value = parse_normalized(num)
        elif "0" <= num[-1] <= "9":
            value = Decimal(num)
        else:                                          # 1.4万: digits and magnitudes, split here
            i = len(num) - 1
            while num[i - 1] in _MAGNITUDE_CHARS:
                i -= 1
            value = _arabic_magnitude(num[:i], num[i:], num)
        unit = None
        if u is not None:
            unit = u.canonical
            if u.factor != 1:
                value = tidy(EXACT.multiply(value, u.factor))
    except (NumberFormatError, decimal.DecimalException):
        return None
    if sgn:
        value = -value
    if sgn:
        num_start = 1
        if _in_phrase(norm, 1, len(norm), G):
            return None
    else:
        num_start = 0                                  # a phrase anywhere in the mention overlaps it
        if G.phrases is not None and not G.phrase_chars.isdisjoint(norm) and G.phrases.search(norm) is not None:
            return None
    num_end = num_start + len(num)
    return Quantity(0, len(norm), s, value, None, unit, None, num_start, num_end)


def _parse_quantity(s: str, norm: str) -> Quantity:
    """``parse_quantity`` by the general grammar, then by the forms read only alone."""
    lo = len(norm) - len(norm.lstrip())
    hi = len(norm.rstrip())
    if norm.startswith("控制在", lo):
        lo += 3
    G = _grammar.grammar(False)
    m = G.pattern.fullmatch(norm, lo, hi)
    if m is not None:
        found, _ = _interpret(m, s, norm, False, G)
        if len(found) == 1 and found[0].start == lo and found[0].end == hi and \
                not _in_phrase(norm, found[0].number_start, found[0].end, G):
            return found[0]
    # two bounds of one figure (大于30小于40): the mentions of the string, joined
    found = _scan(s, norm, G, False, join=False)
    if len(found) == 2:
        found = _join_bounds(found, s, norm)
        if len(found) == 1 and found[0].start == lo and found[0].end == hi and \
                not _in_phrase(norm, found[0].number_start, found[0].end, G):
            return found[0]
    q = _alone(s, norm, lo, hi, G)
    if q is None:
        raise NumberFormatError(f"not a quantity: {s!r}")
    return q


_MIXED = re.compile(r"(负|-)?([0-9]+|[^0-9又\s]+?)(?:又|\s+)(.+)")
_ELIDED_JIAO = re.compile(rf"(.+[块元])([0-9]|[{CN_DIGITS}])")
_HALF_UNIT = re.compile(r"半(.+)")


def _alone(s: str, norm: str, lo: int, hi: int, G: Grammar) -> Quantity | None:
    """The forms of a mention read alone that running text never has: a number only :func:`parse_number`
    reads (``2e5``, ``40k``, ``五兆六十二亿``), a mixed fraction (``一又二分之一``, ``1 3/5``), a price with its
    毛 left out (``十二块五``), half a unit (``半小时``, ``半成``)."""
    t = norm[lo:hi]
    whole_span = (lo, hi, s[lo:hi])
    try:                                               # what parse_number reads: 2e5, 40k, .5, 点五
        value = parse_number(t)
    except NumberFormatError:
        pass
    else:
        if not (G.phrases is not None and G.phrases.search(t)):
            return Quantity(*whole_span, value, None, None, None, lo, hi)
    m = _MIXED.fullmatch(t)
    if m is not None:
        try:
            whole = parse_normalized(m.group(2))
            frac = parse_quantity(m.group(3))
        except NumberFormatError:
            frac = None
        if frac is not None and frac.unit == "ratio" and frac.value_max is None and frac.value >= 0 \
                and whole == whole.to_integral_value():
            value = whole + frac.value
            return Quantity(*whole_span, -value if m.group(1) else value, None, None, None, lo, hi)
    m = _ELIDED_JIAO.fullmatch(t)
    if m is not None:
        try:
            q = parse_quantity(m.group(1))
        except NumberFormatError:
            q = None
        if q is not None and q.unit == "元" and q.value_max is None and q.value == q.value.to_integral_value():
            value = q.value + _digit(m.group(2)) * Decimal("0.1")
            return Quantity(*whole_span, value, None, "元", q.qualifier, lo + q.number_start, hi)
    m = _HALF_UNIT.fullmatch(t)
    if m is not None and m.group(1) in G.units:
        u = G.units[m.group(1)]
        return Quantity(*whole_span, tidy(_HALF * u.factor), None, u.canonical, None, lo, lo + 1)
    return None
