"""Numbers: normalise every Chinese quantity exactly.

>>> from govreport.numbers import parse_number, parse_quantity, find_quantities, to_chinese
>>> parse_number("六千八百一十一万")
Decimal('68110000')
>>> q = parse_quantity("近1/3")
>>> (q.value.quantize(Decimal("0.0001")), q.unit, q.qualifier)
(Decimal('0.3333'), 'ratio', 'nearly')
>>> [q.text for q in find_quantities("“十三五”时期年均增长8.5%，建成5G基站近3000个")]
['8.5%', '近3000个']
>>> to_chinese(132500000000)
'一千三百二十五亿'

Values are :class:`decimal.Decimal`, never float. The unit table and the list of phrases that are not
quantities are data (``govreport/numbers/data/``) that plugins extend with :func:`add_unit` and
:func:`add_non_quantity_phrases`.
"""
from __future__ import annotations

from decimal import Decimal  # noqa: F401 - the doctest above uses it

from govreport.numbers._arabic import Rewrite, SpanMap, to_arabic
from govreport.numbers._format import to_chinese
from govreport.numbers._numerals import normalize, parse_int, parse_number
from govreport.numbers._quantity import QUALIFIERS, Quantity, find_quantities, parse_quantity
from govreport.numbers._units import (
    Unit, add_non_quantity_phrases, add_unit, canonical_unit, non_quantity_phrases, units,
)

__all__ = [
    "Quantity",
    "QUALIFIERS",
    "Rewrite",
    "SpanMap",
    "Unit",
    "add_non_quantity_phrases",
    "add_unit",
    "canonical_unit",
    "find_quantities",
    "non_quantity_phrases",
    "normalize",
    "parse_int",
    "parse_number",
    "parse_quantity",
    "to_arabic",
    "to_chinese",
    "units",
]

