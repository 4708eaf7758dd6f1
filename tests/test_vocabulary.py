"""The matcher's vocabulary is data (govreport/data/matcher_words.tsv): every word has a known
role, and a word's role is what the matcher does with it."""
from __future__ import annotations

from decimal import Decimal

import pytest

import govreport
from govreport import _vocabulary as vocab
from govreport._data import data_rows


def test_every_row_has_a_known_role_and_every_role_has_words():
    rows = [cells for cells in data_rows("matcher_words.tsv") if cells[0] != "word"]
    assert all(len(cells) == 2 and cells[1] in vocab.ROLES for cells in rows)
    assert {cells[1] for cells in rows} == set(vocab.ROLES)


@pytest.mark.parametrize("word, role", [("回落", "fall"), ("下滑", "fall"), ("提升", "rise"),
                                        ("上升", "rise"), ("增速", "change_noun"), ("保持在", "hold")])
def test_the_words_the_issue_names_have_their_roles(word, role):
    assert word in vocab.words(role)


@pytest.mark.parametrize("passage, indicator, value", [
    ("外贸进出口回落2%。", "foreign_trade_growth", Decimal("-2")),
    ("地区生产总值下滑1.5%。", "gdp_growth", Decimal("-1.5")),
    ("规模以上工业增加值提升6%。", "industrial_value_added_growth", Decimal("6")),
    ("居民消费价格上升2%。", "cpi_growth", Decimal("2")),
    ("单位地区生产总值能耗回落3%。", "energy_intensity_reduction", Decimal("3")),
])
def test_a_word_acts_by_its_role(passage, indicator, value):
    report = govreport.parse(f"2026年某省政府工作报告\n各位代表：\n一、2025年工作回顾\n{passage}\n")
    assert [(f.indicator, f.value) for f in report.extract()] == [(indicator, value)]


def test_a_verb_before_a_noun_head_is_part_of_a_noun():
    report = govreport.parse("2021年某区政府工作报告\n各位代表：\n一、2020年工作回顾\n完成国土绿化提升任务3.8万亩。\n")
    assert [(f.indicator, f.value, f.unit) for f in report.extract()] == [
        ("afforestation_area", Decimal(38000), "亩")]
