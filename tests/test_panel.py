"""govreport.panel and ``govreport panel``: the region x year table of targets and results.

The national table below was checked by hand against the reports in tests/data
(national-zhongguo-*.txt): each target is the 主要预期目标 of that year's report, each
result the review section (一、Y年工作回顾) of the next year's report. The corpus has the
reports of 2010, 2016, 2017, 2019, 2020, 2021, 2022, 2024 and 2025, so the years in the
table are those they state: 2009 (reviewed in 2010), 2010, 2015-2025 except the targets of
2018 and 2023 and the results of 2010, 2017, 2022 and 2025, whose reports are not in the
corpus. The 2020 report says it sets no growth target: 我们没有提出全年经济增速具体目标.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport._batch import extract_file
from govreport._facts import Extraction, Fact
from govreport._model import Meta
from govreport._panel import PANEL_KEYS, find_none_set, headline_indicators, panel
from govreport.cli import main
from strategies import fact_noise, report_texts

DATA = Path(__file__).parent / "data"
NATIONAL = sorted(DATA.glob("national-zhongguo-*.txt"))

#: year: (target, target_max, qualifier, cue, status, result) of gdp_growth, checked by hand
GDP_GROWTH = {
    2009: (None, None, None, None, "not_found", "8.7"),   # 2010 report: 比上年增长８．７％
    2010: ("8", None, "about", "主要预期目标", "stated", None),  # 国内生产总值增长８％左右
    2015: (None, None, None, None, "not_found", "6.9"),   # 2016 report: 67.7万亿元，增长6.9%
    2016: ("6.5", "7", None, "主要预期目标", "stated", "6.7"),  # 6.5%－7%; 2017 report: 增长6.7%
    2017: ("6.5", None, "about", "主要预期目标", "stated", None),  # 6.5%左右
    2018: (None, None, None, None, "not_found", "6.6"),   # 2019 report: 国内生产总值增长6.6%
    2019: ("6", "6.5", None, "主要预期目标", "stated", "6.1"),  # 6%－6.5%; 2020 report: 增长6.1%
    2020: (None, None, None, None, "none_set", "2.3"),    # no target; 2021 report: 增长2.3％
    2021: ("6", None, "at_least", "主要预期目标", "stated", "8.1"),  # 6%以上; 2022: 增长8.1%
    2022: ("5.5", None, "about", "主要预期目标", "stated", None),  # 5.5%左右
    2023: (None, None, None, None, "not_found", "5.2"),   # 2024 report: 增长5.2%
    2024: ("5", None, "about", "主要预期目标", "stated", "5"),  # 5%左右; 2025 report: 增长5%
    2025: ("5", None, "about", "主要预期目标", "stated", None),  # 5%左右
}


def dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


@pytest.fixture(scope="module")
def national():
    return panel(NATIONAL)


def test_national_gdp_growth_targets_and_results_as_checked_by_hand(national):
    got = {row["year"]: tuple(row[f"gdp_growth{s}"] for s in (
        "_target", "_target_max", "_target_qualifier", "_target_cue", "_target_status", "_actual"))
        for row in national.rows}
    assert got == {year: (dec(t), dec(tmax), q, cue, status, dec(a))
                   for year, (t, tmax, q, cue, status, a) in GDP_GROWTH.items()}
    assert {(r["region"], r["region_code"], r["level"]) for r in national.rows} == {
        ("中华人民共和国", None, "national")}


def test_every_cell_has_its_source(national):
    reports = {str(path): govreport.load(path) for path in NATIONAL}
    filled = {(str(r["year"]), column) for r in national.rows for column in national.columns
              if column not in PANEL_KEYS and r[column] is not None and r[column] != "not_found"}
    sourced = {(s["period"], s["column"]) for s in national.sources if s["table"] == "panel"}
    assert filled == sourced
    for source in national.sources:
        assert reports[source["file"]].text[source["start"]:source["end"]] == source["text"]
    [none_set] = [s for s in national.sources if s["value"] == "none_set"]
    assert (none_set["period"], none_set["column"], none_set["text"], Path(none_set["file"]).name) == (
        "2020", "gdp_growth_target_status", "没有提出全年经济增速具体目标", "national-zhongguo-2020.txt")
    [result] = [s for s in national.sources if (s["period"], s["column"]) == ("2020", "gdp_growth_actual")]
    assert (result["text"], Path(result["file"]).name) == ("国内生产总值增长2.3％", "national-zhongguo-2021.txt")


def test_multi_year_periods_go_to_the_plan_table(national):
    growth = {p["span"]: p for p in national.plans if p["indicator"] == "gdp_growth"}
    assert set(growth) == {"2011-2015", "2016-2020"}
    # 2016: “十二五”… 国内生产总值年均增长7.8%; “十三五”时期经济年均增长保持在6.5%以上
    assert (growth["2011-2015"]["actual"], growth["2011-2015"]["aggregate"], growth["2011-2015"]["actual_year"]) \
        == (Decimal("7.8"), "annual_average", 2016)
    plan = growth["2016-2020"]
    assert (plan["target"], plan["target_qualifier"], plan["aggregate"], plan["target_year"], plan["actual"]) == (
        Decimal("6.5"), "at_least", "annual_average", 2016, None)
    assert not any("-" in str(r["year"]) for r in national.rows)


def test_the_columns_are_six_per_headline_indicator(national):
    ids = headline_indicators()
    assert ids[:3] == ("gdp", "gdp_growth", "gdp_per_capita") and len(ids) == 28
    assert national.columns[:4] == PANEL_KEYS
    assert national.columns[4:10] == ("gdp_target", "gdp_target_max", "gdp_target_qualifier", "gdp_target_cue",
                                      "gdp_target_status", "gdp_actual")
    assert len(national.columns) == 4 + 6 * 28
    assert all(list(row) == list(national.columns) for row in national.rows)


def test_batch_results_give_the_same_panel(national):
    results = [extract_file(path) for path in NATIONAL]
    assert panel(results).rows == national.rows
    broken = extract_file(DATA / "no-such-report.txt")
    assert panel(results, broken).skipped == ((broken.file, f"ReportNotFoundError: {broken.error}"),)


def report(year: int, body: str) -> govreport.Report:
    return govreport.parse(f"{year}年某省政府工作报告\n各位代表：\n{body}\n")


@pytest.mark.parametrize("year, body, found", [
    (2020, "今年不设定全年经济增长具体目标，主要考虑疫情影响。", True),
    (2020, "需要说明的是，我们没有提出全年经济增速具体目标。", True),
    (2020, "2020年，我们不设定地区生产总值增长具体目标。", True),
    (2021, "去年我们没有提出全年经济增速具体目标，今年提出6%以上。", False),  # looks back
    (2021, "2020年没有提出经济增速具体目标。", False),  # another year
    (2020, "不设定门槛。全省经济增长预期目标为6%左右。", False),  # two sentences
    (2020, "各年度视情提出经济增长预期目标。", False),
])
def test_a_report_that_sets_no_target_says_so(year, body, found):
    hits = find_none_set(report(year, body), ["gdp_growth", "cpi_growth"])
    assert ("gdp_growth" in hits) is found and "cpi_growth" not in hits


@settings(max_examples=40, deadline=None)
@given(report_texts(), fact_noise, st.sampled_from(["没有提出", "不设定", "经济增速", "增长", "目标", "去年"]))
def test_none_set_statements_are_found_in_any_text_with_valid_spans(case, noise, word):
    text, _headings = case
    report = govreport.parse(text + noise + word + noise + "\n")
    for indicator, (start, end) in find_none_set(report, headline_indicators()).items():
        statement = report.text[start:end]
        assert indicator == "gdp_growth" and statement.endswith("目标") and "。" not in statement


def meta(year: int) -> Meta:
    return Meta(year=year, region="某省", region_code="990000", province="某省", level="province")


def fact(indicator: str, kind: str, period: str, value: str, unit: str = "%") -> Fact:
    text = f"{indicator}{value}{unit}"
    return Fact(indicator=indicator, domain="economy", value=Decimal(value), unit=unit, kind=kind,
                period=period, text=text, start=0, end=len(text))


def test_a_result_stated_in_the_same_years_report_fills_in_when_no_later_report_does():
    r2021 = (meta(2021), Extraction(facts=[fact("gdp_growth", "target", "2021", "6"),
                                           fact("gdp_growth", "actual", "2021", "6.3")]))
    alone = panel(r2021).rows
    assert [(r["year"], r["gdp_growth_target"], r["gdp_growth_actual"]) for r in alone] == [
        (2021, Decimal("6"), Decimal("6.3"))]
    r2022 = (meta(2022), Extraction(facts=[fact("gdp_growth", "actual", "2021", "6.5")]))
    later = panel(r2021, r2022).rows
    assert [(r["year"], r["gdp_growth_actual"]) for r in later] == [(2021, Decimal("6.5")), (2022, None)]


def test_only_the_catalogue_unit_enters_the_panel():
    r2022 = (meta(2022), Extraction(facts=[fact("foreign_trade", "actual", "2021", "9000000000", unit="美元"),
                                           fact("foreign_trade", "actual", "2021", "60000000000", unit="元")]))
    [row_2021, _row_2022] = panel(r2022).rows
    assert row_2021["foreign_trade_actual"] == Decimal("60000000000")


def test_write_csv_and_parquet(national, tmp_path):
    paths = national.write(tmp_path / "panel.csv")
    assert [p.name for p in paths] == ["panel.csv", "panel.plans.csv", "panel.sources.csv"]
    lines = paths[0].read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row_2020 = dict(zip(header, next(line for line in lines if ",2020," in line).split(",")))
    assert (row_2020["gdp_growth_target"], row_2020["gdp_growth_target_status"], row_2020["gdp_growth_actual"]) \
        == ("", "none_set", "2.3")
    pytest.importorskip("pyarrow")
    pandas = pytest.importorskip("pandas")
    national.write(tmp_path / "panel.parquet")
    frame = pandas.read_parquet(tmp_path / "panel.parquet")
    assert list(frame.columns) == list(national.columns)
    assert frame.loc[frame.year == 2016, "gdp_growth_target_max"].iloc[0] == Decimal("7")
    sources = pandas.read_parquet(tmp_path / "panel.sources.parquet")
    assert len(sources) == len(national.sources)


def test_panel_command(tmp_path, capsys):
    out = tmp_path / "national.csv"
    assert main(["panel", *map(str, NATIONAL), "-o", str(out), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"govreport panel: {len(NATIONAL)} files, 13 rows (1 regions), ")
    assert (tmp_path / "national.plans.csv").exists() and (tmp_path / "national.sources.csv").exists()
    assert out.read_text(encoding="utf-8") == panel(NATIONAL).to_csv()
