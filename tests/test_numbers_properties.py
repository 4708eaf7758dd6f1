"""Properties of govreport.numbers (hypothesis)."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.numbers import find_quantities, parse_number, parse_quantity, to_chinese
from strategies import FORMAT_CHARACTERS, arabic_with_magnitude, decimals, full_width, integers, report_like_text


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
def test_traditional_chinese_integers_round_trip(n):
    assert parse_number(to_chinese(n, traditional=True)) == n
    assert parse_number(to_chinese(-n, traditional=True)) == -n


@given(decimals)
def test_traditional_chinese_decimals_round_trip(d):
    assert parse_number(to_chinese(d, traditional=True)) == d


@given(integers)
def test_arabic_integers(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@given(st.one_of(integers.map(str), integers.map("{:,}".format), decimals.map(lambda d: format(d, "f")),
                 decimals.map(lambda d: f"{d:,f}")), st.booleans())
def test_full_width_digits_and_separators(written, negative):
    """１２３，４５６．７８ is 123456.78: full-width digits, thousands separators and point, signed too."""
    value = parse_number(written)
    text = ("-" if negative else "") + written
    assert parse_number(full_width(text)) == (-value if negative else value)
    q = parse_quantity(full_width(text) + "元")
    assert (q.value, q.unit) == ((-value if negative else value), "元")


@given(st.integers(1, 10**12), st.sampled_from(["万", "亿", "万亿", ""]), st.sampled_from(["元", "人", "%", "吨"]),
       st.data())
@settings(max_examples=300)
def test_format_characters_never_change_a_figure(n, magnitude, unit, data):
    """A zero-width or bidi character anywhere in a figure: the same value, a span that covers it, or no
    quantity at all; never another number."""
    figure = f"{n}{magnitude}{unit}"
    text = "增长" + figure + "，"
    want = find_quantities(text)
    assert len(want) == 1
    at = data.draw(st.integers(1, len(figure) - 1))
    mark = data.draw(st.sampled_from(FORMAT_CHARACTERS))
    marked = "增长" + figure[:at] + mark + figure[at:] + "，"
    got = find_quantities(marked)
    assert [(q.value, q.unit) for q in got] in ([(want[0].value, want[0].unit)], [])
    for q in got:
        assert marked[q.start:q.end] == q.text and q.text.replace(mark, "") == want[0].text


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
