"""Extraction core: the matcher's rules, context resolution and the result object.

The passages are short reports written for each rule; the built-in plugins' tables supply
the indicator names (the first-party plugins are installed with the project).
"""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

import govreport
from govreport._context import find_time_refs


def report_of(body: str, year: int = 2021) -> govreport.Report:
    return govreport.parse(f"{year}年重庆市江北区政府工作报告\n各位代表:\n{body}\n")


def facts_of(body: str, year: int = 2021, **options) -> list[govreport.Fact]:
    report = report_of(body, year)
    extraction = report.extract(**options)
    assert extraction.ok, extraction.failures
    for fact in extraction:
        assert report.text[fact.start:fact.end] == fact.text
    return list(extraction)


def brief(facts) -> list[tuple]:
    return [(f.indicator, f.kind, f.period, f.value, f.value_max, f.unit, f.qualifier) for f in facts]


# ---------------------------------------------------------------- periods and kinds
def test_five_year_review_heading_gives_the_plan_span():
    facts = facts_of("一、回首“十三五”,成果丰硕\n城镇新增就业32.4万人,城镇登记失业率控制在2.5%以内。")
    assert brief(facts) == [
        ("urban_new_jobs", "actual", "2016-2020", Decimal(324000), None, "人", None),
        ("registered_unemployment_rate", "actual", "2016-2020", Decimal("2.5"), None, "%", "at_most"),
    ]


def test_passage_opener_narrows_the_heading_scope():
    body = ("一、回首“十三五”,成果丰硕\n城镇新增就业32.4万人。\n"
            "极不寻常的2020年,我们取得的成绩,非常不易。\n新增就业5万人。")
    assert [(f.value, f.period) for f in facts_of(body)] == [
        (Decimal(324000), "2016-2020"), (Decimal(50000), "2020")]


def test_year_named_in_the_sentence_wins():
    facts = facts_of("一、回首“十三五”,成果丰硕\n2019年,一般公共预算收入67.2亿元。")
    assert brief(facts) == [("fiscal_revenue", "actual", "2019", Decimal(6720000000), None, "元", None)]


def test_targets_of_the_report_year_with_their_cue():
    facts = facts_of("一、拼搏2021\n主要预期目标是:地区生产总值增长7%左右,固定资产投资完成420亿元。")
    assert brief(facts) == [
        ("gdp_growth", "target", "2021", Decimal(7), None, "%", "about"),
        ("fixed_asset_investment", "target", "2021", Decimal(42000000000), None, "元", None),
    ]
    assert [f.cue for f in facts] == ["主要预期目标", "主要预期目标"]


def test_annual_average_to_a_plan_end_is_the_plan_span_but_a_level_is_the_year():
    facts = facts_of("一、展望“十四五”\n到2025年,全社会研发经费投入占地区生产总值比重达3.5%,"
                     "地区生产总值年均增长7%左右。")
    assert [(f.indicator, f.period, f.aggregate) for f in facts] == [
        ("rd_intensity", "2025", None), ("gdp_growth", "2021-2025", "annual_average")]
    assert all(f.kind == "target" for f in facts)


def test_no_time_anywhere_falls_back_to_the_report_year():
    facts = facts_of("力争城镇新增就业1100万人以上。新增就业5万人。")
    assert [(f.kind, f.period, f.cue) for f in facts] == [("target", "2021", "力争"), ("actual", "2020", None)]


def test_comparison_year_is_not_the_period():
    refs = find_time_refs("高新技术企业达170家,是2015年的4.6倍", 2021)
    assert refs == []


# ---------------------------------------------------------------- the matcher's rules
def test_fall_of_a_growth_indicator_is_negative():
    facts = facts_of("一、2020年工作回顾\n外贸进出口下降2.1%。")
    assert brief(facts) == [("foreign_trade_growth", "actual", "2020", Decimal("-2.1"), None, "%", None)]


def test_fall_of_a_reduction_indicator_is_positive():
    facts = facts_of("一、回首“十三五”\n单位地区生产总值能耗累计降低16.5%。")
    assert brief(facts) == [
        ("energy_intensity_reduction", "actual", "2016-2020", Decimal("16.5"), None, "%", None)]
    assert facts[0].aggregate == "cumulative"


def test_growth_then_level_of_the_same_name():
    facts = facts_of("一、2020年工作回顾\nGDP增长3.9%、增速连续三年居中心城区第一、总量达到1325亿元。")
    assert [(f.indicator, f.value) for f in facts] == [
        ("gdp_growth", Decimal("3.9")), ("gdp", Decimal(132500000000))]
    assert facts[1].text == "GDP增长3.9%、增速连续三年居中心城区第一、总量达到1325亿元"


def test_clause_without_a_name_borrows_the_previous_clause():
    facts = facts_of("一、2020年工作回顾\n全区空气质量优良天数再创新高,达330天。")
    assert brief(facts) == [("good_air_days", "actual", "2020", Decimal(330), None, "天", None)]


def test_one_figure_for_two_coordinated_names():
    facts = facts_of("一、回首“十三五”\n城乡养老保险、医疗保险参保覆盖率始终稳定在95%以上。")
    assert sorted((f.indicator, f.value, f.qualifier) for f in facts) == [
        ("medical_insurance_coverage", Decimal(95), "at_least"),
        ("pension_insurance_coverage", Decimal(95), "at_least"),
    ]


def test_a_verb_shared_by_a_list_and_list_items_keep_their_nouns():
    facts = facts_of("一、拼搏2021\n新增科技型企业280家、高新技术企业25家、市级以上研发机构5家。")
    assert brief(facts) == [("high_tech_enterprises_added", "target", "2021", Decimal(25), None, "家", None)]


def test_a_measured_noun_between_name_and_figure_blocks_the_match():
    assert facts_of("一、2020年工作回顾\n亿元地区生产总值生产安全事故死亡率降幅达50%以上。") == []
    assert facts_of("一、2020年工作回顾\n消费对经济增长的贡献率达到66.4%。") == []


def test_a_narrowing_modifier_blocks_a_name():
    assert facts_of("一、拼搏2021\n力争海洋生产总值增长6%左右。") == []


def test_unit_must_fit_the_indicator():
    assert facts_of("一、2020年工作回顾\n城镇新增就业5万户。") == []


def test_restated_fact_is_reported_once_at_its_first_statement():
    facts = facts_of("一、拼搏2021\n地区生产总值增长7%左右。提出地区生产总值增长7%左右,是积极的。")
    assert len(facts) == 1 and facts[0].start == report_of(
        "一、拼搏2021\n地区生产总值增长7%左右。提出地区生产总值增长7%左右,是积极的。").text.index("地区生产总值")


def test_full_width_digits_and_names():
    facts = facts_of("一、２０１０年主要任务\n国内生产总值增长８％左右。", year=2010)
    assert brief(facts) == [("gdp_growth", "target", "2010", Decimal(8), None, "%", "about")]


def test_plugin_selection_by_name():
    body = "一、2020年工作回顾\n新增就业5万人,GDP增长3.9%。"
    assert [f.indicator for f in facts_of(body, plugins=["economy"])] == ["gdp_growth"]
    assert [f.indicator for f in facts_of(body, plugins="livelihood")] == ["urban_new_jobs"]
    assert [f.extractor for f in facts_of(body)] == ["livelihood==0.2.0", "economy==0.2.0"]


# ---------------------------------------------------------------- the result object
def test_exports_keep_exact_values():
    extraction = report_of("一、2020年工作回顾\n全口径税收221.3亿元,外贸进出口下降2.1%。").extract()
    records = [json.loads(line) for line in extraction.to_jsonl().splitlines()]
    assert [(r["indicator"], r["value"], r["unit"]) for r in records] == [
        ("tax_revenue", 22130000000, "元"), ("foreign_trade_growth", -2.1, "%")]
    assert list(records[0]) == list(govreport._facts.FACT_FIELDS)
    csv_lines = extraction.to_csv().splitlines()
    assert csv_lines[0].startswith("indicator,domain,value,value_max,unit,qualifier,kind,period")
    assert csv_lines[1].startswith("tax_revenue,economy,22130000000,,元,,actual,2020")


def test_to_dataframe_keeps_decimals():
    pytest.importorskip("pandas")
    frame = report_of("一、2020年工作回顾\n全口径税收221.3亿元。").extract().to_dataframe()
    assert list(frame.indicator) == ["tax_revenue"]
    assert frame.value[0] == Decimal("22130000000")
    assert frame.period[0] == "2020"


def test_fact_refuses_floats_and_bad_spans():
    with pytest.raises(TypeError):
        govreport.Fact(indicator="gdp", domain="economy", value=1.5, unit="元", kind="actual",
                       period="2020", text="x", start=0, end=1)
    with pytest.raises(ValueError):
        govreport.Fact(indicator="gdp", domain="economy", value=1, unit="元", kind="actual",
                       period="2020", text="xy", start=0, end=1)


# ---------------------------------------------------------------- properties
from hypothesis import given, settings  # noqa: E402
from hypothesis.strategies import integers  # noqa: E402

from strategies import fact_noise, report_texts, stated_figures  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(report_texts(), fact_noise)
def test_extraction_never_crashes_and_spans_always_index_the_text(generated, noise):
    text, _headings = generated
    try:
        report = govreport.parse(text.replace("各位代表：", "各位代表：\n" + noise, 1))
    except govreport.GovReportError:
        return
    extraction = report.extract()
    assert extraction.ok
    for fact in extraction:
        assert report.text[fact.start:fact.end] == fact.text
        assert fact.kind in ("actual", "target")


@settings(max_examples=60, deadline=None)
@given(stated_figures(), integers(2001, 2030))
def test_a_stated_level_is_found_with_its_exact_value(figure, year):
    sentence, value, unit = figure
    facts = facts_of(f"一、{year - 1}年工作回顾\n过去一年,{sentence}。", year=year)
    assert [(f.value, f.unit, f.kind, f.period) for f in facts] == [(value, unit, "actual", str(year - 1))]


def test_a_subsection_takes_the_opener_of_its_parent():
    body = ("一、“十四五”时期和2025年工作回顾\n“十四五”这五年,地区生产总值年均增长4.7%。\n"
            "一年来,全省经济稳进。\n（一）经济运行顶住压力\n规模以上工业增加值增长4.5%。")
    facts = facts_of(body, year=2026)
    assert [(f.indicator, f.period) for f in facts] == [
        ("gdp_growth", "2021-2025"), ("industrial_value_added_growth", "2025")]


def test_another_measured_noun_or_sector_between_name_and_figure():
    body = "一、2025年工作回顾\n数字经济核心产业营业收入年均增长11.8%,能源工业增加值增长8.1%。"
    assert facts_of(body, year=2026) == []


def test_a_new_subject_after_a_list_separator_starts_a_new_statement():
    body = "一、2025年工作回顾\n预计高新技术企业达7.4万家、科技型中小企业达5.6万家。"
    assert [(f.indicator, f.value) for f in facts_of(body, year=2026)] == [
        ("high_tech_enterprises", Decimal(74000))]


def test_an_increase_in_money_is_not_the_level():
    assert facts_of("一、2025年工作回顾\n一般公共预算收入增加近1000亿元。", year=2026) == []


def test_a_figure_that_qualifies_a_noun_is_not_a_statement():
    assert facts_of("一、2025年工作回顾\n惠州博罗成为生产总值超千亿元县。", year=2026) == []


def test_respectively_pairs_names_and_figures_in_order():
    facts = facts_of("一、2020年工作回顾\n单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%。")
    assert [(f.indicator, f.value, f.text) for f in facts] == [
        ("energy_intensity_reduction", Decimal("13.5"), "单位国内生产总值能耗和二氧化碳排放分别降低13.5%"),
        ("carbon_intensity_reduction", Decimal("18"), "二氧化碳排放分别降低13.5%、18%"),
    ]


def test_respectively_pairs_urban_and_rural_income_in_order():
    assert brief(facts_of("一、2020年工作回顾\n城镇和农村居民人均可支配收入分别增长4.3%、6.1%。")) == [
        ("urban_disposable_income_growth", "actual", "2020", Decimal("4.3"), None, "%", None),
        ("rural_disposable_income_growth", "actual", "2020", Decimal("6.1"), None, "%", None)]


def test_respectively_over_partners_reports_nothing():
    # figures for two trading partners are parts of foreign trade, not the region's total
    assert facts_of("一、2020年工作回顾\n对东盟、中亚进出口分别增长37.2%、19%。") == []


def test_a_time_that_qualifies_a_noun_opens_no_passage():
    body = ("一、2010年主要任务\n2009年到期的就业扶持政策延长一年。"
            "建设保障性住房300万套,各类棚户区改造住房280万套。")
    assert [(f.indicator, f.kind, f.period) for f in facts_of(body, year=2010)] == [
        ("shantytown_renovation", "target", "2010")]


def test_a_plan_span_still_running_is_a_result_without_a_target_cue():
    body = "一、2009年工作回顾\n“十一五”以来,单位国内生产总值能耗下降14.38%。"
    assert [(f.kind, f.period) for f in facts_of(body, year=2010)] == [("actual", "2006-2010")]


def test_poverty_counts_written_without_a_unit_take_it_from_the_name():
    body = ("一、2016年工作回顾\n农村贫困人口减少1240万,其中易地搬迁脱贫200万人以上。\n"
            "二、2017年工作总体部署\n今年发展的主要预期目标是:农村贫困人口再减少1000万以上。")
    assert brief(facts_of(body, year=2017)) == [
        ("poverty_alleviation", "actual", "2016", Decimal(12400000), None, "人", None),
        ("poverty_alleviation", "target", "2017", Decimal(10000000), None, "人", "at_least"),
    ]


def test_subsets_differences_and_old_targets_are_not_the_indicator():
    body = ("一、2025年工作回顾\n预计大湾区经济总量突破15万亿元,对共建“一带一路”国家进出口增长38%。"
            "减税降费2.36万亿元,超过原定的近2万亿元。城镇新增就业预期目标比去年多100万人。")
    assert [(f.indicator, f.value) for f in facts_of(body, year=2026)] == [
        ("tax_fee_cuts", Decimal(2360000000000))]


def test_a_starting_year_after_you_is_the_period_of_the_start_value():
    body = "一、“十二五”工作回顾\n地区生产总值由2010年的162.4亿元增加到2015年的287.9亿元,年均增长12.1%。"
    assert [(f.indicator, f.period, f.value) for f in facts_of(body, year=2016)] == [
        ("gdp", "2010", Decimal(16240000000)), ("gdp", "2015", Decimal(28790000000)),
        ("gdp_growth", "2011-2015", Decimal("12.1"))]


def test_a_conjunct_with_a_cue_word_in_front():
    body = "一、2026年工作安排\n确保基本养老、医疗保险参保率稳定在95%以上。"
    assert sorted(f.indicator for f in facts_of(body, year=2026)) == [
        "medical_insurance_coverage", "pension_insurance_coverage"]


def test_an_aside_clause_between_name_and_figure():
    body = "一、2018年工作回顾\n地区生产总值完成192.3亿元,按可比价计算,同比增长6.0%。"
    assert [(f.indicator, f.value) for f in facts_of(body, year=2019)] == [
        ("gdp", Decimal("19230000000")), ("gdp_growth", Decimal("6.0"))]


def test_an_annual_average_written_inside_a_name():
    body = "一、展望“十三五”\n“十三五”时期经济年均增长保持在6.5%以上。"
    assert brief(facts_of(body, year=2016)) == [
        ("gdp_growth", "target", "2016-2020", Decimal("6.5"), None, "%", "at_least")]


def test_a_starting_year_does_not_date_the_figure_reached():
    body = "一、“十二五”工作回顾\n过去五年,森林覆盖率由2010年的21.6%提高到25.2%。"
    assert [(f.value, f.period) for f in facts_of(body, year=2016)] == [
        (Decimal("21.6"), "2010"), (Decimal("25.2"), "2011-2015")]


def test_a_region_before_a_nested_name_narrows_it():
    body = "一、“十四五”工作回顾\n脱贫县农村居民人均可支配收入年均增长8.2%。"
    assert facts_of(body, year=2026) == []


def test_a_figure_describing_a_noun_with_de():
    body = "一、“十四五”工作回顾\n成为全国首个经济总量突破5万亿元的城市,地区生产总值年均增长5.5%。"
    assert [(f.indicator, f.value) for f in facts_of(body, year=2026)] == [
        ("gdp_growth", Decimal("5.5"))]


def test_a_borrowed_name_needs_the_figure_right_after_the_predicate():
    body = "一、2017年工作总体部署\n今年再减少农村贫困人口1000万以上,完成易地扶贫搬迁340万人。"
    assert [(f.indicator, f.value) for f in facts_of(body, year=2017)] == [
        ("poverty_alleviation", Decimal(10000000))]


def test_the_total_of_a_list_is_not_its_first_item():
    body = "一、“十四五”工作回顾\n改造老旧小区、抗震宜居农房等23万多户。"
    assert facts_of(body, year=2026) == []


def test_one_predicate_with_a_list_of_figures():
    body = "一、“十四五”工作回顾\n进出口总额接连突破8万亿元、9万亿元。"
    assert [f.value for f in facts_of(body, year=2026)] == [
        Decimal(8000000000000), Decimal(9000000000000)]


def test_respectively_with_one_figure_for_urban_and_rural_income():
    # facts.md: one figure stated for both is two facts, urban and rural
    body = "一、2017年工作回顾\n城镇和农村居民人均可支配收入分别同比增长7.8%。"
    assert brief(facts_of(body, year=2018)) == [
        ("urban_disposable_income_growth", "actual", "2017", Decimal("7.8"), None, "%", None),
        ("rural_disposable_income_growth", "actual", "2017", Decimal("7.8"), None, "%", None)]


def test_growth_after_a_level_of_a_longer_name():
    body = "一、2025年工作回顾\n外贸进出口总额达到4.51万亿元、增长5.6%,其中出口增长10.8%。"
    assert [(f.indicator, f.value) for f in facts_of(body, year=2026)] == [
        ("foreign_trade", Decimal(4510000000000)), ("foreign_trade_growth", Decimal("5.6"))]
