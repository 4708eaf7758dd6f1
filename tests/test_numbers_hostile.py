"""govreport.numbers on hostile input (issue 11): format characters inside figures, magnitude runs,
and every pattern of the grammar on long adversarial strings under the ``regex`` timeout."""
from __future__ import annotations

from decimal import Decimal

import pytest
import regex

from govreport import NumberFormatError
from govreport.numbers import _grammar, _units, find_quantities, parse_number, parse_quantity
from govreport.numbers._numerals import MAX_EXPONENT


# ---------------------------------------------------------------- format characters (Unicode Cf)
@pytest.mark.parametrize("text, figure, value, unit", [
    ("增长1\u200b2亿元", "1\u200b2亿元", Decimal("1200000000"), "元"),
    ("国内生产总值增长6\u200b.6%", "6\u200b.6%", Decimal("6.6"), "%"),
    ("投资12\u2060亿元", "12\u2060亿元", Decimal("1200000000"), "元"),
    ("增长1\u202e2%", "1\u202e2%", Decimal(12), "%"),
    ("新增1\u200d2\u200c3万人", "1\u200d2\u200c3万人", Decimal(1230000), "人"),
    ("\ufeff城镇新增就业3.5万人", "3.5万人", Decimal(35000), "人"),
    ("下降3\u00ad%", "3\u00ad%", Decimal(3), "%"),
])
def test_a_format_character_inside_a_figure_is_read_through(text, figure, value, unit):
    """The span covers the invisible character; the value is read without it (never 2亿元 for 1\u200b2亿元)."""
    found = find_quantities(text)
    assert [(q.text, q.value, q.unit) for q in found] == [(figure, value, unit)]
    q = found[0]
    assert text[q.start:q.end] == q.text
    assert q.start <= q.number_start < q.number_end <= q.end
    invisible = regex.compile(r"\p{Cf}")
    assert invisible.sub("", text[q.number_start:q.number_end]) in invisible.sub("", figure)


def test_parse_quantity_reads_through_format_characters_and_spaces():
    assert parse_quantity("1\u200b2亿元").value == Decimal(1200000000)
    assert parse_quantity("十 余 万").value == Decimal(100000)
    with pytest.raises(NumberFormatError):
        parse_quantity("1 234")                       # two numbers, not 1234
    with pytest.raises(NumberFormatError):
        parse_quantity("\u200b\u200b")


# ---------------------------------------------------------------- magnitude runs
def test_a_long_magnitude_run_is_refused_with_a_clear_error():
    with pytest.raises(NumberFormatError, match="magnitude beyond"):
        parse_number("1" + "亿" * 20000)
    with pytest.raises(NumberFormatError, match="magnitude beyond"):
        parse_number("一" + "万" * 300_000)
    with pytest.raises(NumberFormatError, match="magnitude beyond"):
        parse_number("1e99999")


def test_magnitudes_up_to_the_limit_are_exact():
    assert parse_number("1" + "亿" * 125) == Decimal(10) ** MAX_EXPONENT
    assert parse_number("一" + "亿" * 100) == Decimal(10) ** 800
    assert parse_number("一万三千亿") == Decimal(1300000000000)
    assert parse_number("五兆六十二亿四万五千二") == Decimal(5006200045200)


@pytest.mark.parametrize("text", [
    "1" + "亿" * 200_000, "一" + "亿" * 200_000, "1万1亿" * 50_000, "十" * 200_000, "几" * 200_000,
    "百分之" * 50_000, "负" * 200_000, "上" * 200_000, "近万" * 20_000, "半" * 200_000, "元5角" * 50_000,
    "大于1小于" * 40_000, "七八" * 100_000, "1\u200b" * 100_000, "个半" * 100_000, "每小时" * 60_000,
])
def test_find_quantities_returns_on_long_runs(text):
    # timed in benchmarks/bench_numbers.py (linear: 8x the input within 10x the time); here it must return
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text


# ---------------------------------------------------------------- every pattern, under the regex timeout
ADVERSARIAL = [unit * (20_000 // len(unit)) for unit in (
    "1", "一", "十", "万", "亿", "几", "半", "点", "1.", "1,", "负", "-", "百分之", "百分", "分之", "上", "近",
    "大于", "元", "元5", "角", "个半", "每小时", "$", "￥", "七八", "3至", "和", "之间", "1\u200b", " ", "1 ",
)]


def _grammar_patterns() -> list[tuple[str, regex.Pattern]]:
    out = []
    for in_text in (True, False):
        G = _grammar.grammar(in_text)
        mode = "text" if in_text else "alone"
        out.append((f"mention/{mode}", _grammar.reference_pattern(_units.version(), in_text)))
        out.append((f"runs/{mode}", regex.compile(G.runs.pattern)))
        out.append((f"plain/{mode}", regex.compile(G.plain.pattern, regex.S)))
        out.append((f"phrases/{mode}", regex.compile(G.phrases.pattern)))
        out.append((f"prefix/{mode}", G.prefix))
    return out


@pytest.mark.parametrize("name, pattern", _grammar_patterns(), ids=lambda x: x if isinstance(x, str) else "")
def test_grammar_patterns_never_backtrack(name, pattern):
    # the grammar is compiled by ``re`` on Python >= 3.11, which has no timeout: the same source compiled
    # by ``regex`` (tests/test_numbers_fast.py shows both read alike) fails here instead of hanging
    for text in ADVERSARIAL:
        if name.startswith("prefix"):
            pattern.match(text, 0, len(text), timeout=5)
            continue
        pattern.match(text, timeout=5)
        for _ in pattern.finditer(text, timeout=5):
            pass
