"""Numerals: characters, width and variant folding, :func:`parse_number` and the small-integer reader.

Everything is exact :class:`decimal.Decimal` arithmetic in a context wide enough never to round
(100,000-digit inputs included); no float is ever made. Magnitude characters are counted as powers of
ten and applied once, so that a run of them costs linear time; a run whose power passes
:data:`MAX_EXPONENT` is refused.
"""
from __future__ import annotations

import decimal
import re
from decimal import Decimal
from functools import lru_cache

from govreport._errors import NumberFormatError
from govreport._width import FULLWIDTH
from govreport.numbers._data import rows

# A context that never rounds: additions and multiplications of exact decimals stay exact.
EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
                        traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow])

#: The largest power of ten that magnitude characters (万, 亿, 兆) or an exponent (``2e5``) may make: a
#: number beyond 10^1000 is no figure of any text, and building it would only cost time and memory.
MAX_EXPONENT = 1000

DIGITS: dict[str, int] = {}
UNITS: dict[str, int] = {}        # 十 百 千: multiply the digit before them
MAGNITUDES: dict[str, int] = {}   # 万 亿: close a section
TENS: dict[str, int] = {}         # 廿 卅 卌: a digit and 十 in one character
APPROX: dict[str, int] = {}       # 几: a digit not given
BIG: dict[str, int] = {}          # 兆: a magnitude read only in a whole numeral
for _char, _value, _kind, *_ in rows("numerals.tsv"):
    {"digit": DIGITS, "unit": UNITS, "magnitude": MAGNITUDES, "tens": TENS, "approx": APPROX,
     "big": BIG}[_kind][_char] = int(_value)

CN_DIGITS = "".join(DIGITS)
CN_UNITS = "".join(UNITS)
CN_MAGNITUDES = "".join(MAGNITUDES)
CN_TENS = "".join(TENS)
CN_APPROX = "".join(APPROX)
ZEROS = "〇零"
_EXPONENT = {c: len(str(v)) - 1 for c, v in {**MAGNITUDES, **BIG}.items()}

# Full-width forms and dash/tilde variants map one character to one character, so that offsets in the
# normalised text are offsets in the original.
WIDTH = dict(FULLWIDTH)                                         # ！..～ -> !..~, U+3000 -> space
WIDTH.update({0x2212: ord("-"), 0xFE6A: ord("%"), 0x2030: 0x2030,
              0xFF0C: 0xFF0C,                                   # keep the ideographic comma: it is punctuation
              0x301C: ord("~")})


_WIDE = re.compile("[\uff01-\uff0b\uff0d-\uff5e\u3000\u2212\ufe6a\u301c]")
_WIDE_MAP = {chr(k): chr(v) for k, v in WIDTH.items()}


def normalize(text: str) -> str:
    """Full-width digits, letters, ``％ ． ／ － ～`` to ASCII; length and offsets unchanged."""
    if _WIDE.search(text) is None:
        return text
    return _WIDE.sub(lambda m: _WIDE_MAP[m.group()], text)


VARIANTS: dict[str, str] = {variant: standard for variant, standard, *_ in rows("variants.tsv")}
# what the grammar reads of the full-width forms: digits, letters (５Ｇ, ｋｍ), ＄ ％ ＋ － ． ／ ＜ ＝ ＞ ～ and the
# minus and wave dashes; full-width brackets, colons and the ideographic comma stay (the unit table knows 人（次）)
_FOLDED = ("\uff04\uff05\uff0b\uff0d-\uff19\uff1c-\uff1e\uff21-\uff3a\uff41-\uff5a\uff5e"
           "\u2212\ufe6a\u301c" + "".join(VARIANTS))
_FOLD_MAP = {**{k: v for k, v in _WIDE_MAP.items() if k != v}, **VARIANTS}
_FOLD = re.compile(f"[{_FOLDED}]")
_FOLD_SEARCH = _FOLD.search
# a group of full-width digits with full-width commas every three digits: ７，２０３ and １，２５０ (the comma is a
# separator there, while between other figures it is punctuation: 增长８％，１２％)
_WIDE_THOUSANDS = re.compile("(?<![０-９])[０-９]{1,3}(?:，[０-９]{3})++(?![０-９])")
_WIDE_COMMA_SEARCH = re.compile("[０-９]，[０-９]").search


def fold(text: str) -> str:
    """What the number grammar reads: the full-width forms of :func:`normalize` that take part in a figure
    (digits, letters, ``％ ． ／ － ～``), full-width thousands separators (``７，２０３`` -> ``7,203``) and
    traditional or variant characters (``個 點 負 幾``, ``data/variants.tsv``) folded to the standard ones.
    One character for one: offsets stay offsets of ``text``."""
    if _FOLD_SEARCH(text) is None:
        return text
    if _WIDE_COMMA_SEARCH(text) is not None:
        text = _WIDE_THOUSANDS.sub(lambda m: m.group().replace("，", ","), text)
    return _FOLD.sub(lambda m: _FOLD_MAP[m.group()], text)


_TOKEN = re.compile(
    rf"(?P<ar>[0-9]+(?:\.[0-9]+)?)|(?P<cd>[{CN_DIGITS}])|(?P<cu>[{CN_UNITS}])|(?P<cm>[{CN_MAGNITUDES}])"
    rf"|(?P<ct>[{CN_TENS}])|(?P<ca>[{CN_APPROX}])|(?P<cb>[{''.join(BIG)}])"
)
_HAS_BIG = re.compile(f"[{''.join(BIG)}]").search
_HAS_APPROX = re.compile(f"[{''.join(APPROX)}]").search
_TWO_DIGITS = re.compile(f"[{''.join(c for c in DIGITS if DIGITS[c])}]{{2}}").search
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_NOT_DIGIT_SPACE = re.compile(r"(?<![0-9])\s+|\s+(?![0-9])")
_HAS_SPACE = re.compile(r"\s").search
_TWO = "两兩俩倆"


_CHAR_TOKENS: dict[str, tuple[str, object]] = {
    **{c: ("cd", v) for c, v in DIGITS.items()}, **{c: ("cu", v) for c, v in UNITS.items()},
    **{c: ("cm", _EXPONENT[c]) for c in MAGNITUDES}, **{c: ("ct", v) for c, v in TENS.items()},
    **{c: ("ca", v) for c, v in APPROX.items()}, **{c: ("cb", _EXPONENT[c]) for c in BIG},
}
_ARABIC_AT = re.compile(r"[0-9]+(?:\.[0-9]+)?").match


def _tokens(s: str) -> list[tuple[str, object]]:
    """The tokens of a numeral: (kind, value) for each Chinese character, ("ar", digits) for each Arabic
    run; kinds cd (digit), cu (十百千), cm (万亿, as a power of ten), ct (廿), ca (几), cb (兆)."""
    out: list[tuple[str, object]] = []
    i, n = 0, len(s)
    chars = _CHAR_TOKENS
    while i < n:
        token = chars.get(s[i])
        if token is not None:
            out.append(token)
            i += 1
            continue
        m = _ARABIC_AT(s, i)
        if m is None:
            raise NumberFormatError(f"not a number: {s!r}")
        out.append(("ar", m.group()))
        i = m.end()
    if not out:
        raise NumberFormatError(f"not a number: {s!r}")
    return out


def _too_large(s: str) -> NumberFormatError:
    return NumberFormatError(f"magnitude beyond 10^{MAX_EXPONENT} (a run of 万/亿 or an exponent too long): "
                             f"{s[:40]!r}{'...' if len(s) > 40 else ''}")


def _integer(s: str) -> tuple[Decimal, bool]:
    """(value, approximate) of an Arabic, Chinese or mixed numeral without sign or Chinese decimal point
    (Arabic decimals allowed); approximate when a digit is 几 (read as 0: the value is a lower bound)."""
    toks = _tokens(s)
    # digit by digit: 二〇二一, 一九九八, 幺幺零 (no 十百千万亿 anywhere; 两 is never a digit of such a code)
    if len(toks) > 1 and all(k == "cd" for k, _ in toks):
        if any(c in _TWO for c in s) or (len(toks) == 2 and _pair(s) is not None):  # 七八: a range
            raise NumberFormatError(f"not a number: {s!r}")
        return Decimal("".join(str(v) for _, v in toks)), False
    if len(toks) == 1 and toks[0][0] == "ar":
        return Decimal(toks[0][1]), False  # type: ignore[arg-type]
    if _HAS_BIG(s):
        # 兆 is 10^12 only above a lower section with 亿 or 万 (五兆六十二亿); alone it may be 10^6 (兆瓦)
        after = [k for k, _ in toks[[k for k, _ in toks].index("cb") + 1:]]
        if "cm" not in after:
            raise NumberFormatError(f"兆 without a lower 亿/万 section is ambiguous (10^6 or 10^12): {s!r}")
    parts: list[list] = []              # [coefficient, power of ten], closed by 万/亿/兆
    current = Decimal(0)                # 十百千 level, below 万
    digit: Decimal | None = None
    digit_single = False                # the pending digit is one digit (may be an elided lower unit)
    last_factor: int | None = None      # the unit (10, 100, 1000) or magnitude power just before the digit
    last_is_unit = False
    prev = ""
    zero = False
    approx = False                      # a digit was 几
    pending_approx = False              # ... and it is the pending digit
    with decimal.localcontext(EXACT):
        for kind, val in toks:
            if kind in ("ar", "cd"):
                if kind == "cd" and val == 0:
                    if digit is not None:
                        raise NumberFormatError(f"not a number: {s!r}")
                    zero = True
                    prev = "zero"
                    continue
                if digit is not None:
                    raise NumberFormatError(f"two numbers without a unit between them: {s!r}")
                digit = Decimal(val)  # type: ignore[arg-type]
                digit_single = kind == "cd" or len(val) == 1  # type: ignore[arg-type]
                prev = kind
            elif kind == "ca":          # 几: after 十 (二十几) or 零 (一百零几), before a magnitude or the end
                if digit is not None or not (prev == "zero" or (prev == "cu" and last_factor == 10)):
                    raise NumberFormatError(f"几 must follow 十 or 零: {s!r}")
                digit, digit_single, approx, pending_approx, prev = Decimal(0), False, True, True, "cd"
            elif kind == "cu":
                # 十 right after 百 is 一十 (一百十五); no other unit follows a unit
                if prev == "cu" and not (val == 10 and last_factor == 100 and last_is_unit):
                    raise NumberFormatError(f"not a number: {s!r}")
                if prev == "ct" or pending_approx:
                    raise NumberFormatError(f"not a number: {s!r}")
                current += (digit if digit is not None else Decimal(1)) * val  # type: ignore[operator]
                digit, zero, last_factor, last_is_unit, prev = None, False, val, True, "cu"  # type: ignore[assignment]
            elif kind == "ct":          # 廿 卅 卌
                if digit is not None or prev in ("cu", "ct"):
                    raise NumberFormatError(f"not a number: {s!r}")
                current += val  # type: ignore[operator]
                digit, zero, last_factor, last_is_unit, prev = None, False, 10, True, "ct"
            else:                       # 万 亿 兆, as powers of ten
                e: int = val  # type: ignore[assignment]
                pending = current + (digit if digit is not None else 0)
                if prev == "cm" and pending == 0 and digit is None:
                    parts[-1][1] += e   # 万亿, 亿亿: consecutive magnitudes multiply
                    if parts[-1][1] > MAX_EXPONENT:
                        raise _too_large(s)
                else:
                    if pending == 0 and digit is None and current == 0:
                        pending = Decimal(1)  # bare 万 / 亿 reads as 一万 / 一亿
                    total = pending
                    while parts and parts[-1][1] < e:
                        coefficient, power = parts.pop()
                        total += coefficient.scaleb(power)      # 一万三千亿: (10000 + 3000) x 10^8
                    parts.append([total, e])
                current, digit, zero, last_factor, last_is_unit, prev = \
                    Decimal(0), None, False, 10 ** min(e, 12), False, "cm"
                pending_approx = False
        if digit is not None:
            if last_factor is not None and not zero and digit_single and last_factor >= 100 and not approx:
                digit *= Decimal(last_factor // 10)  # elided lower unit: 一万三, 三千五, 25万6千, 一百二
            current += digit
        value = sum((c.scaleb(p) for c, p in parts), Decimal(0)) + current
    return value, approx


def parse_number(s: str) -> Decimal:
    """Parse one numeral to an exact :class:`~decimal.Decimal`.

    Arabic (``1,751``, ``1.36``, ``.5``, ``2e5``, ``40k``, full-width ``１３２５`` and ``７，２０３``), Chinese
    (``三百二十五``, ``两千零五``, ``十三``, ``一万零五百``, ``二〇二一``, ``六点五``, ``二百点45``, the elisions
    ``一百二`` and ``一百十五``, ``廿二``; traditional and financial ``萬 億 兩 點 參 壹贰叁``) and mixed
    (``1.4万``, ``2万亿``, ``六千八百一十一万``, ``3万4000``, ``一万三``). A written sign (``负``, ``-``)
    makes it negative; spaces inside are ignored except between two digits. A range (``七八百``) or a
    numeral with 几 (``二十几万``) is not one number: :func:`~govreport.numbers.parse_quantity` reads them.
    Raises :class:`govreport.NumberFormatError` for anything else.

    >>> parse_number("六千八百一十一万")
    Decimal('68110000')
    >>> parse_number("1.4万")
    Decimal('14000')
    """
    if not isinstance(s, str):
        raise NumberFormatError(f"not a string: {s!r}")
    t = fold(s).strip()
    if _HAS_SPACE(t):
        t = _NOT_DIGIT_SPACE.sub("", t)
    return parse_normalized(t, s)


def parse_int(s: str) -> int:
    """The value of a small integer numeral as an ``int``: ``十二`` -> 12, ``１２`` -> 12, ``二〇二一`` -> 2021.

    The one reader of heading numbers, years written digit by digit and other small numerals across
    govreport (it is :func:`parse_number`, restricted to integers). Raises
    :class:`govreport.NumberFormatError` for anything that is not a whole number.

    >>> from govreport.numbers import parse_int
    >>> parse_int("二十一"), parse_int("２０２１"), parse_int("二〇二一")
    (21, 2021, 2021)
    """
    value = parse_number(s)
    if value != value.to_integral_value(context=EXACT):
        raise NumberFormatError(f"not a whole number: {s!r}")
    return int(value)


_PLAIN_FULL = re.compile(r"[0-9]+(?:\.[0-9]+)?").fullmatch
_ARABIC_MAGNITUDE_FULL = re.compile(rf"([0-9]+(?:\.[0-9]+)?)([{CN_MAGNITUDES}]+)").fullmatch
_SCIENTIFIC_FULL = re.compile(r"([0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE]([+-]?[0-9]{1,6})").fullmatch
_SUFFIX_FULL = re.compile(r"([0-9]+(?:\.[0-9]+)?)([kKM])").fullmatch
_SUFFIX_EXPONENT = {"k": 3, "K": 3, "M": 6}


def parse_normalized(t: str, s: str | None = None) -> Decimal:
    """:func:`parse_number` of a string already folded and stripped (``s``: the original, for errors)."""
    if _PLAIN_FULL(t):
        return Decimal(t)
    m = _ARABIC_MAGNITUDE_FULL(t)
    if m is not None:                  # 1.4万, 1325亿, 2万亿: cheaper to compute than to look up
        return _arabic_magnitude(m.group(1), m.group(2), t if s is None else s)
    if len(t) <= 32:
        return _parse_short(t)  # numerals repeat (一, 两, 1.4万): read each once
    return _exact(_parse(t, t if s is None else s), t if s is None else s)


def _exact(read: tuple[Decimal, bool], s: str) -> Decimal:
    if read[1]:
        raise NumberFormatError(f"几 makes a lower bound, not a number (parse_quantity reads it): {s!r}")
    return read[0]


@lru_cache(maxsize=4096)
def _parse_short(t: str) -> Decimal:
    return _exact(_parse(t, t), t)


def _parse(t: str, s: str) -> tuple[Decimal, bool]:
    m = _ARABIC_MAGNITUDE_FULL(t)
    if m is not None:
        return _arabic_magnitude(m.group(1), m.group(2), s), False
    negative = False
    if t[:1] in ("负", "-"):
        negative, t = True, t[1:]
    elif t[:1] in ("正", "+"):
        t = t[1:]
    if not t:
        raise NumberFormatError(f"not a number: {s!r}")
    approx = False
    if t[0] == ".":
        if not _PLAIN_FULL("0" + t):
            raise NumberFormatError(f"not a number: {s!r}")
        value = Decimal("0" + t)
    elif (m := _SCIENTIFIC_FULL(t)) is not None:
        if abs(int(m.group(2))) > MAX_EXPONENT:
            raise _too_large(s)
        value = Decimal(m.group(1)).scaleb(int(m.group(2)), context=EXACT)
    elif (m := _SUFFIX_FULL(t)) is not None:          # 40k, 2.5M
        value = Decimal(m.group(1)).scaleb(_SUFFIX_EXPONENT[m.group(2)], context=EXACT)
    else:
        if "," in t:
            m = _THOUSANDS.match(t)
            if not m:
                raise NumberFormatError(f"misplaced thousands separator: {s!r}")
            t = m.group().replace(",", "") + t[m.end():]
        if "点" in t:
            head, _, tail = t.partition("点")
            i = 0
            while i < len(tail) and tail[i] in DIGITS and tail[i] not in _TWO:   # 一点二, never 一点两
                i += 1
            if i == 0:                 # 二百点45: Arabic digits after 点
                while i < len(tail) and "0" <= tail[i] <= "9":
                    i += 1
                frac = tail[:i]
            else:
                frac = "".join(str(DIGITS[c]) for c in tail[:i])
            mag = tail[i:]
            if not frac or "点" in tail or (not head and mag):
                raise NumberFormatError(f"not a number: {s!r}")
            with decimal.localcontext(EXACT):
                whole, approx = _integer(head) if head else (Decimal(0), False)
                value = whole + Decimal("0." + frac)
                if mag:                # 三点一四亿, 一点五千万: a magnitude after the decimals, never 十点三十
                    if mag[0] in DIGITS or approx or mag[-1] not in MAGNITUDES:
                        raise NumberFormatError(f"not a number: {s!r}")
                    value *= _integer("一" + mag)[0]
        else:
            value, approx = _integer(t)
    value = tidy(value)
    return (-value if negative else value), approx


def _arabic_magnitude(digits: str, mag: str, s: str) -> Decimal:
    """``1.4`` and ``万`` -> 14000: what _integer reads, without its token loop, as :func:`tidy` writes it."""
    if len(mag) == 1:
        power = _EXPONENT[mag]
    else:
        power = 0
        for c in mag:
            power += _EXPONENT[c]
            if power > MAX_EXPONENT:
                raise _too_large(s)
    whole, _, frac = digits.partition(".")
    if len(frac) <= power:             # the point moves past every decimal: an integer, exponent 0
        return Decimal(whole + frac + "0" * (power - len(frac)))
    return tidy(Decimal(digits).scaleb(power, context=EXACT))


def tidy(value: Decimal) -> Decimal:
    """Integral values with exponent 0 (``136000000``, not ``136000000.00``); others without trailing zeros."""
    if value == value.to_integral_value(context=EXACT):
        return value.quantize(_ONE, context=EXACT)
    return value.normalize(context=EXACT)


_ONE = Decimal(1)


# ---------------------------------------------------------------- ranges and approximate numerals
def _pair(t: str) -> int | None:
    """Where two adjacent Chinese digits make a range (七八百, 十五六, 二三十, 三五百), or None.

    The digits follow each other (七八, 两三) or are the set pair 三五; a string of three or more digits only
    is a code read digit by digit (一二三), not a range."""
    if _TWO_DIGITS(t) is None:
        return None
    found = None
    for i in range(len(t) - 1):
        a, b = DIGITS.get(t[i]), DIGITS.get(t[i + 1])
        if a and b and (b == a + 1 or (a, b) == (3, 5)) and t[i] not in ZEROS:
            if found is not None:
                return None
            found = i
    if found is None or (len(t) > 2 and all(c in DIGITS for c in t)):
        return None
    return found


def read_numeral(t: str) -> tuple[Decimal, Decimal | None, bool]:
    """Read a folded numeral that may be a range (``七八百``: 700 to 800) or approximate (``二十几万``: at least
    200000): (low, high or None, approximate). Raises :class:`govreport.NumberFormatError` if it is neither
    nor a number."""
    try:
        return parse_normalized(t), None, False
    except NumberFormatError:
        if _HAS_APPROX(t) is None and _pair(t) is None:
            raise
    return _read_inexact(t)


@lru_cache(maxsize=1024)
def _read_inexact(t: str) -> tuple[Decimal, Decimal | None, bool]:
    i = _pair(t)
    if i is not None:
        low = _parse(t[:i] + t[i] + t[i + 2:], t)
        high = _parse(t[:i] + t[i + 1] + t[i + 2:], t)
        if low[1] or high[1] or low[0] >= high[0]:
            raise NumberFormatError(f"not a range: {t!r}")
        return low[0], high[0], False
    value, approx = _parse(t, t)
    if not approx:                     # parse_normalized said no for another reason
        raise NumberFormatError(f"not a number: {t!r}")
    return value, None, True
