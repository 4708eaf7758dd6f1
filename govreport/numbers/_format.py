"""``to_chinese``: the inverse of :func:`parse_number`, used as the oracle of the property tests."""
from __future__ import annotations

import decimal
from decimal import Decimal

from govreport.numbers._numerals import EXACT

_D = "零一二三四五六七八九"


def _group(n: int, leading: bool) -> str:
    """0 < n < 10000 in Chinese; ``leading``: the first group of the number (十三, not 一十三)."""
    out: list[str] = []
    zero = False
    for digit, unit in zip(f"{n:04d}", ("千", "百", "十", "")):
        d = int(digit)
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        if not (d == 1 and unit == "十" and leading and not out):
            out.append(_D[d])
        out.append(unit)
    return "".join(out)


def _magnitude(k: int) -> str:
    """Name of the k-th group of four digits: '', 万, 亿, 万亿, 亿亿, 万亿亿 ..."""
    return ("万" if k % 2 else "") + "亿" * (k // 2)


def _integer(n: int) -> str:
    if n == 0:
        return "零"
    groups = []
    while n:
        n, g = divmod(n, 10000)
        groups.append(g)
    out: list[str] = []
    need_zero = False
    for k in range(len(groups) - 1, -1, -1):
        g = groups[k]
        if g == 0:
            need_zero = bool(out)
            continue
        if out and (need_zero or g < 1000):
            out.append("零")
        out.append(_group(g, leading=not out))
        out.append(_magnitude(k))
        need_zero = False
    return "".join(out)


_TRADITIONAL = str.maketrans("万亿负点", "萬億負點")


def to_chinese(n: Decimal | int, traditional: bool = False) -> str:
    """Write a number in Chinese numerals: ``to_chinese(132500000000) == "一千三百二十五亿"``.

    Decimals are read digit by digit after 点 (``三点一四``); a negative number starts with 负.
    ``traditional`` writes the traditional characters (``萬 億 負 點``), which :func:`parse_number` reads
    back as well.

    >>> to_chinese(10500)
    '一万零五百'
    >>> to_chinese(Decimal("-3.9"))
    '负三点九'
    >>> to_chinese(Decimal("-132500000000.5"), traditional=True)
    '負一千三百二十五億點五'
    """
    if isinstance(n, bool) or not isinstance(n, (int, Decimal)):
        raise TypeError(f"to_chinese takes an int or a Decimal, not {type(n).__name__}")
    d = Decimal(n)
    if not d.is_finite():
        raise ValueError(f"not a finite number: {n!r}")
    sign = "负" if d < 0 else ""
    with decimal.localcontext(EXACT):
        d = abs(d)
        whole = int(d)
        frac = d - whole
    text = _integer(whole)
    if frac:
        digits = format(frac, "f").split(".")[1].rstrip("0")
        text += "点" + "".join(_D[int(c)] for c in digits)
    text = sign + text
    return text.translate(_TRADITIONAL) if traditional else text
