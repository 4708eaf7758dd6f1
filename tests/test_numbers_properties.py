"""Properties of govreport.numbers (hypothesis)."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.numbers import find_quantities, parse_number, parse_quantity, to_chinese
from strategies import arabic_with_magnitude, decimals, integers, report_like_text


@given(integers)
def test_chinese_integers_round_trip(n):
    assert parse_number(to_chinese(n)) == n


@given(integers)
def test_negative_chinese_integers_round_trip(n):
    assert parse_number(to_chinese(-n)) == -n


@given(decimals)
def test_chinese_decimals_round_trip(d):
    assert parse_number(to_chinese(d)) == d


@given(integers)
def test_arabic_integers(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@given(decimals)
def test_arabic_decimals(d):
    assert parse_number(format(d, "f")) == d


@given(arabic_with_magnitude())
def test_arabic_with_magnitude(case):
    text, value = case
    assert parse_number(text) == value
    q = parse_quantity(text + "元")
    assert q.value == value and q.unit == "元"


@given(report_like_text)
@settings(max_examples=500)
def test_find_quantities_never_raises_and_spans_index_the_text(text):
    found = find_quantities(text)
    last_end = -1
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.start >= last_end, "spans overlap or are not sorted"
        last_end = q.end
        assert isinstance(q.value, Decimal)
        assert q.value_max is None or isinstance(q.value_max, Decimal)


@given(st.text(max_size=50))
def test_parse_quantity_raises_only_number_format_error(text):
    from govreport import NumberFormatError
    try:
        parse_quantity(text)
    except NumberFormatError:
        pass
