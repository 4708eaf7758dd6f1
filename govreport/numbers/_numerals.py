"""Numerals: characters, width normalisation and :func:`parse_number`.

Everything is exact :class:`decimal.Decimal` arithmetic in a context wide enough never to round
(100,000-digit inputs included); no float is ever made.
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

DIGITS: dict[str, int] = {}
UNITS: dict[str, int] = {}        # 十 百 千: multiply the digit before them
MAGNITUDES: dict[str, int] = {}   # 万 亿: close a section
for _char, _value, _kind, *_ in rows("numerals.tsv"):
    {"digit": DIGITS, "unit": UNITS, "magnitude": MAGNITUDES}[_kind][_char] = int(_value)

CN_DIGITS = "".join(DIGITS)
CN_UNITS = "".join(UNITS)
CN_MAGNITUDES = "".join(MAGNITUDES)
ZEROS = "〇零"

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


_TOKEN = re.compile(
    rf"(?P<ar>[0-9]+(?:\.[0-9]+)?)|(?P<cd>[{CN_DIGITS}])|(?P<cu>[{CN_UNITS}])|(?P<cm>[{CN_MAGNITUDES}])"
)
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")


def _tokens(s: str) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    pos = 0
    for m in _TOKEN.finditer(s):
        if m.start() != pos:
            raise NumberFormatError(f"not a number: {s!r}")
        pos = m.end()
        kind = m.lastgroup
        if kind == "ar":
            out.append(("ar", m.group()))
        elif kind == "cd":
            out.append(("cd", DIGITS[m.group()]))
        elif kind == "cu":
            out.append(("cu", UNITS[m.group()]))
        else:
            out.append(("cm", MAGNITUDES[m.group()]))
    if pos != len(s) or not out:
        raise NumberFormatError(f"not a number: {s!r}")
    return out


def _integer(s: str) -> Decimal:
    """Arabic, Chinese or mixed numeral without sign or Chinese decimal point (Arabic decimals allowed)."""
    toks = _tokens(s)
    # digit by digit: 二〇二一, 一九九八 (no 十百千万亿 anywhere)
    if len(toks) > 1 and all(k == "cd" for k, _ in toks):
        return Decimal("".join(str(v) for _, v in toks))
    if len(toks) == 1 and toks[0][0] == "ar":
        return Decimal(toks[0][1])  # type: ignore[arg-type]
    parts: list[list[Decimal]] = []     # [value, magnitude] closed by 万/亿
    current = Decimal(0)                # 十百千 level, below 万
    digit: Decimal | None = None
    digit_single = False                # the pending digit is one digit (may be an elided lower unit)
    last_factor: int | None = None      # the unit or magnitude just before the pending digit
    prev = ""
    zero = False
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
                digit_single = kind == "cd" or (len(val) == 1)  # type: ignore[arg-type]
                prev = kind
            elif kind == "cu":
                if prev == "cu":
                    raise NumberFormatError(f"not a number: {s!r}")
                current += (digit if digit is not None else Decimal(1)) * val  # type: ignore[operator]
                digit, zero, last_factor, prev = None, False, val, "cu"  # type: ignore[assignment]
            else:  # 万 亿
                m = Decimal(val)  # type: ignore[arg-type]
                pending = current + (digit if digit is not None else 0)
                if prev == "cm" and pending == 0 and digit is None:
                    parts[-1][0] *= m
                    parts[-1][1] *= m
                else:
                    if pending == 0 and digit is None and current == 0:
                        pending = Decimal(1)  # bare 万 / 亿 reads as 一万 / 一亿
                    total = pending
                    while parts and parts[-1][1] < m:
                        total += parts.pop()[0]
                    parts.append([total * m, m])
                current, digit, zero, last_factor, prev = Decimal(0), None, False, val, "cm"  # type: ignore[assignment]
        if digit is not None:
            if last_factor is not None and not zero and digit_single and last_factor >= 100:
                digit *= Decimal(last_factor // 10)  # elided lower unit: 一万三, 三千五, 25万6千
            current += digit
        return sum((p[0] for p in parts), Decimal(0)) + current


def parse_number(s: str) -> Decimal:
    """Parse one numeral to an exact :class:`~decimal.Decimal`.

    Arabic (``1,751``, ``1.36``, full-width ``１３２５``), Chinese (``三百二十五``, ``两千零五``, ``十三``,
    ``一万零五百``, ``二〇二一``, ``六点五``; traditional and financial ``萬 億 兩 參 壹贰叁``) and mixed
    (``1.4万``, ``2万亿``, ``六千八百一十一万``, ``3万4000``, ``一万三``). A written sign (``负``, ``-``)
    makes it negative. Raises :class:`govreport.NumberFormatError` for anything else.

    >>> parse_number("六千八百一十一万")
    Decimal('68110000')
    >>> parse_number("1.4万")
    Decimal('14000')
    """
    if not isinstance(s, str):
        raise NumberFormatError(f"not a string: {s!r}")
    return parse_normalized(normalize(s).strip(), s)


_PLAIN_FULL = re.compile(r"[0-9]+(?:\.[0-9]+)?").fullmatch
_ARABIC_MAGNITUDE_FULL = re.compile(rf"([0-9]+(?:\.[0-9]+)?)([{CN_MAGNITUDES}]+)").fullmatch


def parse_normalized(t: str, s: str | None = None) -> Decimal:
    """:func:`parse_number` of a string already normalised and stripped (``s``: the original, for errors)."""
    if _PLAIN_FULL(t):
        return Decimal(t)
    if len(t) <= 32:
        return _parse_short(t)  # numerals repeat (一, 两, 1.4万): read each once
    return _parse(t, t if s is None else s)


@lru_cache(maxsize=4096)
def _parse_short(t: str) -> Decimal:
    return _parse(t, t)


def _parse(t: str, s: str) -> Decimal:
    m = _ARABIC_MAGNITUDE_FULL(t)
    if m is not None:                  # 1.4万, 1325亿, 2万亿: what _integer reads, without its token loop
        value = Decimal(m.group(1))
        for c in m.group(2):
            value = EXACT.multiply(value, MAGNITUDES[c])
        return tidy(value)
    negative = False
    if t[:1] in ("负", "-"):
        negative, t = True, t[1:]
    elif t[:1] in ("正", "+"):
        t = t[1:]
    if not t:
        raise NumberFormatError(f"not a number: {s!r}")
    if "," in t:
        m = _THOUSANDS.match(t)
        if not m:
            raise NumberFormatError(f"misplaced thousands separator: {s!r}")
        t = m.group().replace(",", "") + t[m.end():]
    if "点" in t:
        head, _, tail = t.partition("点")
        i = 0
        while i < len(tail) and tail[i] in DIGITS:
            i += 1
        frac, mag = tail[:i], tail[i:]
        if not frac or not head or "点" in tail:
            raise NumberFormatError(f"not a number: {s!r}")
        with decimal.localcontext(EXACT):
            value = _integer(head) + Decimal("0." + "".join(str(DIGITS[c]) for c in frac))
            if mag:
                value *= _integer("一" + mag) if mag[0] not in DIGITS else _fail(s)
    else:
        value = _integer(t)
    value = tidy(value)
    return -value if negative else value


def _fail(s: str) -> Decimal:
    raise NumberFormatError(f"not a number: {s!r}")


def tidy(value: Decimal) -> Decimal:
    """Integral values with exponent 0 (``136000000``, not ``136000000.00``); others without trailing zeros."""
    if value == value.to_integral_value(context=EXACT):
        return value.quantize(_ONE, context=EXACT)
    return value.normalize(context=EXACT)


_ONE = Decimal(1)
