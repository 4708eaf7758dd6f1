"""Quantities: :class:`Quantity`, :func:`parse_quantity` (one mention) and :func:`find_quantities`
(running text).

A mention is ``[qualifier] [百分之|负] numeral [/ den | 分之 numeral] [余|多 [magnitude]] [unit]
[- numeral ... ] [qualifier]``, matched by one precompiled pattern (:mod:`._grammar`); this module
decides what a match means and whether it is a quantity at all (years, ordinals, plan names,
slogans and bare numbers are not).
"""
from __future__ import annotations

import decimal
import re
from decimal import Decimal

import attrs

from govreport._errors import NumberFormatError
from govreport.numbers import _grammar, _units
from govreport.numbers._numerals import CN_DIGITS, EXACT, normalize, parse_normalized, parse_number, tidy

QUALIFIERS = ("about", "at_least", "over", "nearly", "at_most")

# Units that measure rather than count: after a lone 一 they still make a quantity (一公里, 一亿元);
# after it a counting classifier reads as an article (一个, 一项, 一次, 一年): not a quantity.
MEASURES = frozenset(
    "元 美元 欧元 港元 日元 % ‰ ‱ 百分点 倍 平方公里 平方米 亩 公顷 公里 米 吨 公斤 千瓦 千瓦时 立方米 "
    "标准箱 微克/立方米 小时 分钟".split()
)
_PERCENT = {"百分之": "%", "千分之": "‰", "万分之": "‱"}
_ARABIC_SEARCH = re.compile(r"[0-9]").search
_INTEGER_FULL = re.compile(r"[0-9]+").fullmatch
_DIGIT_BY_DIGIT_FULL = re.compile(rf"[{CN_DIGITS}]{{2,}}").fullmatch
_LARGE_SEARCH = re.compile(r"[万萬亿億千百十]").search
_WAN_YI_SEARCH = re.compile(r"[万萬亿億]").search
_UNITS = _units._UNITS  # the live table (add_unit changes it in place)
_MAGNITUDES = {k: Decimal(v) for k, v in _grammar.MAGNITUDE_FACTORS.items()}


@attrs.frozen
class Quantity:
    """One quantity mention.

    ``start``/``end`` index the string that was searched (``text == s[start:end]``); the span includes
    the qualifiers and the unit. ``value`` has the magnitude folded in (``1325亿元`` ->
    ``Decimal('132500000000')``); ``value_max`` is the upper end of a range; ``unit`` is canonical
    (``元``, ``%``, ``人次``, ``ratio`` for fractions, or the text's own classifier); ``qualifier`` is one
    of ``about``, ``at_least``, ``over``, ``nearly``, ``at_most`` or None. ``number_start`` and
    ``number_end`` delimit the numeral itself (``2000`` in ``2000余人``; from the first numeral to the
    end of the last in a range).
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

    __slots__ = ("value", "unit", "surface", "kind", "magnitude", "chinese", "numeral", "mid", "mag",
                 "start", "num_start", "num_end", "end")

    def __init__(self, value: Decimal, unit: str | None, surface: str | None, kind: str, magnitude: bool,
                 chinese: bool, numeral: str, mid: str | None, mag: str | None, start: int,
                 num_start: int, num_end: int, end: int) -> None:
        self.value = value
        self.unit = unit              # canonical
        self.surface = surface        # unit as written
        self.kind = kind              # number | percent | fraction
        self.magnitude = magnitude    # the numeral or its tail carries 万/亿/千...
        self.chinese = chinese
        self.numeral = numeral
        self.mid = mid
        self.mag = mag                # magnitude after 余/多 (十余万)
        self.start = start            # of the sign or 百分之, else of the numeral
        self.num_start = num_start
        self.num_end = num_end
        self.end = end


def _part(m, g: tuple, ix: tuple[int, ...], strict: bool) -> _Part | None:
    """Read one quantity of a match (``g``: its groups; ``ix``: the group numbers of that quantity, in the
    order of :data:`_grammar.GROUP_NAMES`); None if it is not a number at all."""
    ipct, isgn, inum, iden, ifnum, imid, imag, iunit = ix
    num = g[inum - 1]
    pct, sgn, den, fnum, mid, mag, unit_text = (g[ipct - 1], g[isgn - 1], g[iden - 1], g[ifnum - 1],
                                                g[imid - 1], g[imag - 1], g[iunit - 1])
    chinese = _ARABIC_SEARCH(num) is None
    exact = True
    try:
        if pct:
            value, unit, kind = parse_normalized(num), _PERCENT[pct], "percent"
            if unit_text and _units.canonical_unit(unit_text) not in (unit, None):
                return None
            unit_text = None
        elif den is not None:
            if not _INTEGER_FULL(num) or not den.strip("0"):
                return None
            with decimal.localcontext() as ctx:
                ctx.prec = 28
                value = Decimal(num) / Decimal(den)
            unit, kind, unit_text = "ratio", "fraction", None
        elif fnum is not None:
            dv = parse_normalized(num)
            if dv == 0:
                return None
            with decimal.localcontext() as ctx:
                ctx.prec = 28
                value = parse_normalized(fnum) / dv
            unit, kind, unit_text = "ratio", "fraction", None
        else:
            value, kind, unit = parse_normalized(num), "number", None
            if mag:
                value = EXACT.multiply(value, _MAGNITUDES[mag])
                exact = False
            if unit_text:
                u = _UNITS[unit_text]
                unit = u.canonical
                if u.factor != 1:
                    value = EXACT.multiply(value, u.factor)
                    exact = False
                if strict and chinese and not u.after_chinese:
                    return None
    except (NumberFormatError, decimal.DecimalException):
        return None
    if not exact:
        value = tidy(value)
    if sgn:
        value = -value
    num_start, num_end = m.span(inum)
    end = num_end
    for i in (iunit, imag, imid, ifnum, iden):
        if g[i - 1] is not None:
            end = m.end(i)
            break
    first = m.start(ipct) if pct else m.start(isgn) if sgn else num_start
    large = bool(mag) or _LARGE_SEARCH(num) is not None
    return _Part(value, unit, unit_text, kind, large, chinese, num, mid, mag, first, num_start, num_end, end)


def _is_quantity(p: _Part, pre: str | None, text: str) -> bool:
    """The rules of facts.md for running text: what is not a quantity at all."""
    if p.kind != "number":
        return True
    if _DIGIT_BY_DIGIT_FULL(p.numeral):
        return False                                   # 二〇二一(年), 一九九八: years and codes
    if p.unit is None:
        if p.chinese:                                  # 十余万, 近千万: only with a qualifier
            return p.magnitude and bool(p.mid or pre) and (_WAN_YI_SEARCH(p.numeral) is not None
                                                                      or _WAN_YI_SEARCH(p.mag or "") is not None)
        return p.magnitude                             # 32.4万, -10.1万; bare 8, 42号, 1862 are not
    if p.surface == "年" and not p.chinese and p.value == p.value.to_integral_value() \
            and 1000 <= abs(p.value) <= 2999 and not p.magnitude:
        return False                                   # 2021年, 2016-2020年
    # 一个, 一项, 一次, 一年: an article, not a count
    return not (p.chinese and p.numeral in ("一", "壹") and not pre and not p.mid and p.unit not in MEASURES)


def _qualifier(pre: str | None, mid: str | None, post: str | None) -> str | None:
    q = _grammar.QUALIFIERS
    if pre:
        return q["before"][pre]
    if post:
        return q["after"][post]
    if mid:
        return q["inner"][mid]
    return None


def _in_phrase(norm: str, start: int, end: int) -> bool:
    """Whether a non-quantity phrase (十三五, 一带一路, 四川 ...) overlaps ``norm[start:end]``."""
    _, phrases, longest = _grammar.compiled()
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


def _build(text: str, start: int, end: int, value: Decimal, value_max: Decimal | None,
           unit: str | None, qualifier: str | None, p: _Part) -> Quantity:
    return Quantity(start, end, text[start:end], value, value_max, unit, qualifier, p.num_start, p.num_end)


def _range(p1: _Part, p2: _Part) -> tuple[Decimal, Decimal, str | None] | None:
    """``3至5家``, ``6%-6.5%``, ``6.5—7%``, ``3万至5万元``, ``3至5万元``; None if not a range."""
    if p1.kind == "fraction" or p2.kind == "fraction":
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
    while i and s[i - 1] in "万萬亿億":
        i -= 1
    tail = s[i:]
    if not tail or i == 0:
        return Decimal(1)
    return parse_number("一" + tail)


def _interpret(m, text: str, norm: str, strict: bool, index: tuple | None = None) -> tuple[list[Quantity], int]:
    """Quantities of one match and where to search next (``index``: :func:`_grammar.groups`)."""
    ix1, ix2, ipre, ipost, iq2 = index or _grammar.groups()
    g = m.groups()
    pre, post = g[ipre - 1], g[ipost - 1]
    has_q2 = g[iq2 - 1] is not None
    if strict and not has_q2 and g[ix1[7] - 1] is None and g[ix1[0] - 1] is None and g[ix1[3] - 1] is None \
            and g[ix1[4] - 1] is None:
        # a bare number (no unit, %, fraction or range): a quantity only if 万/亿 (or 千百十 for Arabic)
        # makes it one; what _is_quantity would say, decided before reading the value
        num, mag = g[ix1[2] - 1], g[ix1[6] - 1]
        if _ARABIC_SEARCH(num) is None:
            if not (g[ix1[5] - 1] or pre) or (_WAN_YI_SEARCH(num) is None and _WAN_YI_SEARCH(mag or "") is None):
                return [], m.end()
        elif not mag and _LARGE_SEARCH(num) is None:
            return [], m.end()
    pre_start = m.start(ipre) if pre else None
    p1 = _part(m, g, ix1, strict)
    if pre == "近" and p1 is not None and p1.surface == "年" and not has_q2:
        pre = None                                     # 近3年: the last three years, not nearly three
    if has_q2:
        p2 = _part(m, g, ix2, strict)
        rng = _range(p1, p2) if p1 and p2 else None
        if rng is not None and p1 is not None and p2 is not None \
                and (not strict or _is_quantity(p2, pre, text) or p2.kind != "number"):
            v1, v2, unit = rng
            if strict and unit is None and not p2.magnitude:
                return [], m.end()                     # 3-5, 2016-2020: bare numbers
            if strict and (_is_year_range(p1, p2) or _in_phrase(norm, p1.num_start, p2.end)
                           or _ordinal(norm, pre_start, p1)):
                return [], m.end()
            start = pre_start if pre_start is not None else p1.start
            end = m.end(ipost) if post else p2.end
            q = Quantity(start, end, text[start:end], v1, v2, unit, _qualifier(pre, p1.mid or p2.mid, post),
                         p1.num_start, p2.num_end)
            return [q], m.end()
        # not a range: the first figure alone, then search again from the second
        if p1 is None:
            return [], m.start(iq2)
        if not strict or _accept(p1, pre, norm, pre_start, text):
            start = pre_start if pre_start is not None else p1.start
            end = p1.end
            return [Quantity(start, end, text[start:end], p1.value, None, p1.unit, _qualifier(pre, p1.mid, None),
                             p1.num_start, p1.num_end)], m.start(iq2)
        return [], m.start(iq2)
    if p1 is None:
        return [], m.end()
    if strict and not _accept(p1, pre, norm, pre_start, text):
        return [], m.end()
    start = pre_start if pre_start is not None else p1.start
    end = m.end(ipost) if post else p1.end
    return [Quantity(start, end, text[start:end], p1.value, None, p1.unit, _qualifier(pre, p1.mid, post),
                     p1.num_start, p1.num_end)], m.end()


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


def _accept(p: _Part, pre: str | None, norm: str, pre_start: int | None, text: str) -> bool:
    return (_is_quantity(p, pre, text) and not _ordinal(norm, pre_start, p)
            and not (p.chinese and _in_phrase(norm, p.num_start, p.end)))


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity mention of running text, sorted by position and non-overlapping.

    Years and dates, ordinals (第七, 全市第一), plan names and slogans (十三五, 一带一路, 三大攻坚战),
    product names (5G) and bare numbers without a unit, classifier or % are left out.

    >>> [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities("电商交易额超2000亿元、占全市近1/3")]
    [('超2000亿元', Decimal('200000000000'), '元', 'over'), ('近1/3', Decimal('0.3333333333333333333333333333'), 'ratio', 'nearly')]
    """
    if not isinstance(text, str):
        raise TypeError(f"find_quantities takes a str, not {type(text).__name__}")
    pattern = _grammar.compiled()[0]
    runs, prefix, follow, prefix_ends = _grammar.scanners()
    index = _grammar.groups()
    norm = normalize(text)
    out: list[Quantity] = []
    pos = 0
    n = len(norm)
    # Jump from numeral run to numeral run (a fast stdlib scan); a run neither followed by a character
    # that can continue a mention nor ending in 万/亿 nor led by 百分之 is no quantity: skip it unread.
    for r in runs.finditer(norm):
        rs, re_ = r.span()
        if rs < pos:
            continue
        if (re_ >= n or norm[re_] not in follow) and norm[re_ - 1] not in "万萬亿億" \
                and (rs == 0 or norm[rs - 1] != "之"):
            continue
        if rs > pos and norm[rs - 1] in prefix_ends:
            lead = prefix.match(norm, max(pos, rs - 8), rs)
            start = lead.start() if lead is not None else rs
        else:
            start = rs                                 # no qualifier or sign can end here
        m = pattern.match(norm, start)
        if m is None and start != rs:
            m = pattern.match(norm, rs)
        if m is None:
            continue
        found, nxt = _interpret(m, text, norm, True, index)
        for q in found:
            if not out or q.start >= out[-1].end:
                out.append(q)
        pos = max(nxt, m.start() + 1)
    return out


def parse_quantity(s: str) -> Quantity:
    """Read one quantity mention: ``parse_quantity("120亿元以上")`` -> 12000000000 元, ``at_least``.

    The whole string (surrounding whitespace aside) must be one mention; a leading ``控制在`` is allowed
    (``控制在2.5%以内``) but left out of the span. Unlike :func:`find_quantities` a bare number or a
    year is accepted (unit None or 年). Raises :class:`govreport.NumberFormatError` otherwise.

    >>> q = parse_quantity("19600余人(次)")
    >>> (q.value, q.unit, q.qualifier)
    (Decimal('19600'), '人次', 'over')
    """
    if not isinstance(s, str):
        raise NumberFormatError(f"not a string: {s!r}")
    norm = normalize(s)
    q = _plain_quantity(s, norm)
    if q is not None:
        return q
    return _parse_quantity(s, norm)


def _plain_quantity(s: str, norm: str) -> Quantity | None:
    """``parse_quantity`` of a plain mention (``[负|-] numeral [unit]``: ``1325``, ``1.4万``, ``-10.1万``,
    ``三百二十五``, ``3.9%``, ``120亿元``) without the general grammar; None for anything else (or
    anything doubtful), which the general path reads. Both give the same Quantity (test_numbers_fast)."""
    pattern, plain_units, before_first, phrases = _grammar.plain()
    m = pattern.fullmatch(norm)
    if m is None or norm[0] in before_first:
        return None
    sgn, num, rest = m.groups()
    u = None
    if rest:
        u = plain_units.get(rest)
        if u is None:
            return None
    try:
        value = parse_normalized(num)
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
        if _in_phrase(norm, 1, len(norm)):
            return None
    else:
        num_start = 0                                  # a phrase anywhere in the mention overlaps it
        if phrases is not None and phrases.search(norm) is not None:
            return None
    num_end = num_start + len(num)
    return Quantity(0, len(norm), s, value, None, unit, None, num_start, num_end)


def _parse_quantity(s: str, norm: str) -> Quantity:
    """``parse_quantity`` by the general grammar."""
    lo = len(norm) - len(norm.lstrip())
    hi = len(norm.rstrip())
    if norm.startswith("控制在", lo):
        lo += 3
    pattern = _grammar.compiled()[0]
    m = pattern.fullmatch(norm, lo, hi)
    if m is None:
        raise NumberFormatError(f"not a quantity: {s!r}")
    found, nxt = _interpret(m, s, norm, strict=False)
    if len(found) != 1 or found[0].start != lo or found[0].end != hi or \
            _in_phrase(norm, found[0].number_start, found[0].end):
        raise NumberFormatError(f"not one quantity: {s!r}")
    return found[0]
