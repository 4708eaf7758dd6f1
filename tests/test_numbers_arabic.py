"""govreport.numbers.to_arabic: quantities, years and dates of a running text in Arabic digits."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings

from govreport.numbers import SpanMap, find_quantities, to_arabic
from strategies import report_like_text

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("text, want", [
    ("投资三千五百亿元", "投资3500亿元"),
    ("二〇二五年三月五日", "2025年3月5日"),
    ("增长百分之六点五", "增长6.5%"),
    ("百分之负一点二", "-1.2%"),
    ("负百分之十三", "-13%"),
    ("百分四十", "40%"),
    ("减少三分之一", "减少1/3"),
    ("新增就业十二万三千人", "新增就业123000人"),
    ("一亿五千万元", "150000000元"),
    ("七八百人", "700~800人"),
    ("五六十万元", "50~60万元"),
    ("三千三百元五角八分", "3300元5角8分"),
    ("港币三千元", "港币3000元"),
    ("三吨半", "3吨半"),
    ("三至五家", "3至5家"),
    ("千分之三", "3‰"),
])
def test_rewrites(text, want):
    assert to_arabic(text)[0] == want


@pytest.mark.parametrize("text", [
    "“十四五”规划", "共建“一带一路”", "四川省", "一石二鸟", "二元经济", "半斤八两", "一切为了人民",
    "第十四届全国人大", "二十几万元", "上千家企业", "五角大楼", "建设一个新城", "两学一做",
])
def test_leaves_what_is_no_quantity(text):
    new, spans = to_arabic(text)
    assert new == text and spans.pieces == ()


def test_expand_writes_the_magnitude_out():
    assert to_arabic("投资三千五百亿元", expand=True)[0] == "投资350000000000元"
    assert to_arabic("七八百万人", expand=True)[0] == "7000000~8000000人"


def test_span_map_leads_back_to_the_original():
    text = "“十四五”期间投资三千五百亿元，增长百分之六点五，二〇二五年"
    new, spans = to_arabic(text)
    assert new == "“十四五”期间投资3500亿元，增长6.5%，2025年"
    i = new.index("3500")
    assert text[slice(*spans.to_source(i, i + 4))] == "三千五百亿"        # a cut piece takes all of it
    i = new.index("6.5%")
    assert text[slice(*spans.to_source(i, i + 4))] == "百分之六点五"
    assert spans.to_source(0, 9) == (0, 9)                                  # before any piece
    i = new.index("，2025")
    assert text[slice(*spans.to_source(i, len(new)))] == "，二〇二五年"
    assert spans.to_source(0, len(new)) == (0, len(text))
    with pytest.raises(ValueError):
        spans.to_source(5, 4)


def test_values_survive_the_rewrite_on_a_report():
    """find_quantities reads the same figures in the rewritten report: nothing gained, lost or changed."""
    text = (DATA / "province-guangdong-2026.txt").read_text(encoding="utf-8")
    new, spans = to_arabic(text)
    assert len(spans.pieces) > 20
    before = [(q.value, q.value_max, q.unit, q.qualifier) for q in find_quantities(text)]
    after = [(q.value, q.value_max, q.unit, q.qualifier) for q in find_quantities(new)]
    assert before == after
    for piece in spans.pieces:
        assert spans.to_source(piece.start, piece.end) == (piece.source_start, piece.source_end)
        assert any(c.isdigit() for c in new[piece.start:piece.end])


@given(report_like_text)
@settings(max_examples=300)
def test_never_raises_and_pieces_are_consistent(text):
    new, spans = to_arabic(text)
    assert isinstance(spans, SpanMap)
    last = 0
    shift = 0
    for p in spans.pieces:
        assert last <= p.start < p.end <= len(new) and p.source_start < p.source_end <= len(text)
        assert p.start - shift == p.source_start                         # unchanged text between pieces
        shift += (p.end - p.start) - (p.source_end - p.source_start)
        last = p.end
    assert len(new) - shift == len(text)
    assert spans.to_source(0, len(new)) == (0, len(text))


def test_rejects_non_strings():
    with pytest.raises(TypeError):
        to_arabic(b"123")  # type: ignore[arg-type]


def test_value_of_a_rewritten_range_is_kept():
    q = find_quantities(to_arabic("十七八万吨")[0])
    assert [(x.value, x.value_max, x.unit) for x in q] == [(Decimal(170000), Decimal(180000), "吨")]
