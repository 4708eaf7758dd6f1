"""compare(): a region's targets for a period against the results the next report states."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import govreport
from govreport._batch import ReportResult, extract_file
from govreport._compare import COMPARE_FIELDS, compare
from govreport._facts import Extraction, Fact
from govreport._model import Meta

DATA = Path(__file__).parent / "data"


def fact(indicator: str, kind: str, period: str, value: str, unit: str = "%", **kw) -> Fact:
    text = kw.pop("text", f"{indicator}{value}{unit}")
    return Fact(indicator=indicator, domain="economy", value=Decimal(value), unit=unit, kind=kind,
                period=period, text=text, start=0, end=len(text), **kw)


def meta(year: int, region: str = "江苏省", code: str = "320000") -> Meta:
    return Meta(year=year, region=region, region_code=code, province=region, level="province")


R2021 = (meta(2021), Extraction(facts=[
    fact("gdp_growth", "target", "2021", "6", qualifier="at_least", cue="预期目标"),
    fact("urban_unemployment_rate", "target", "2021", "5.5", qualifier="at_most"),
    fact("cpi_growth", "target", "2021", "3", qualifier="about"),
    fact("gdp_growth", "target", "2021-2025", "5.5", aggregate="annual_average"),
    fact("gdp_growth", "actual", "2020", "3.7"),
    fact("grain_output", "target", "2021", "3700", unit="吨"),  # never reported after
]))
R2022 = (meta(2022), Extraction(facts=[
    fact("gdp_growth", "actual", "2021", "8.6"),
    fact("urban_unemployment_rate", "actual", "2021", "5.6"),
    fact("cpi_growth", "actual", "2021", "1.6"),
    fact("gdp_growth", "target", "2022", "5.5", qualifier="about"),
]))
R2026 = (meta(2026), Extraction(facts=[
    fact("gdp_growth", "actual", "2021-2025", "5.8", aggregate="annual_average"),
]))
OTHER = (meta(2022, "浙江省", "330000"), Extraction(facts=[fact("gdp_growth", "actual", "2021", "8.5")]))


def test_targets_meet_the_results_of_the_next_report() -> None:
    rows = compare(R2021, R2022, R2026, OTHER)
    got = [(r["indicator"], r["period"], r["target"], r["actual"], r["gap"], r["met"], r["target_year"],
            r["actual_year"]) for r in rows]
    assert got == [
        ("cpi_growth", "2021", Decimal("3"), Decimal("1.6"), Decimal("-1.4"), None, 2021, 2022),
        ("gdp_growth", "2021", Decimal("6"), Decimal("8.6"), Decimal("2.6"), True, 2021, 2022),
        ("urban_unemployment_rate", "2021", Decimal("5.5"), Decimal("5.6"), Decimal("0.1"), False, 2021, 2022),
        ("gdp_growth", "2021-2025", Decimal("5.5"), Decimal("5.8"), Decimal("0.3"), True, 2021, 2026),
    ]
    assert all(list(r) == list(COMPARE_FIELDS) for r in rows)
    assert {(r["region"], r["region_code"], r["level"]) for r in rows} == {("江苏省", "320000", "province")}
    assert rows[1]["target_cue"] == "预期目标" and rows[1]["target_qualifier"] == "at_least"
    assert rows[3]["aggregate"] == "annual_average"
    assert not any(r["ambiguous"] for r in rows)


def test_left_and_outer_joins_keep_unmatched_figures() -> None:
    left = compare(R2021, R2022, how="left")
    assert {(r["indicator"], r["period"]) for r in left if r["actual"] is None} == {
        ("grain_output", "2021"), ("gdp_growth", "2021-2025"), ("gdp_growth", "2022")}
    outer = compare([R2021, R2022, OTHER], how="outer")
    lonely = [r for r in outer if r["target"] is None]
    assert [(r["region"], r["indicator"], r["period"], r["actual"]) for r in lonely] == [
        ("江苏省", "gdp_growth", "2020", Decimal("3.7")),  # the 2021 report's review of 2020
        ("浙江省", "gdp_growth", "2021", Decimal("8.5"))]
    with pytest.raises(ValueError):
        compare(R2021, how="cross")


def test_several_figures_for_one_key_are_flagged() -> None:
    r2022 = (meta(2022), Extraction(facts=list(R2022[1].facts) + [
        fact("urban_unemployment_rate", "actual", "2021", "3.1", text="登记失业率3.1%")]))
    [row] = [r for r in compare(R2021, r2022) if r["indicator"] == "urban_unemployment_rate"]
    assert row["ambiguous"] is True and row["actual"] == Decimal("5.6")


def test_inputs_without_place_or_time_or_meaning_are_refused_or_skipped() -> None:
    assert compare((Meta(year=2021), R2021[1]), R2022) == []  # no region: cannot be placed
    with pytest.raises(TypeError, match="region and year"):
        compare(R2021[1])
    with pytest.raises(TypeError):
        compare(42)


def test_two_national_reports() -> None:
    """The 2019 report's targets against the 2020 report's review of 2019."""
    reports = [govreport.load(DATA / "national-zhongguo-2019.txt"),
               govreport.load(DATA / "national-zhongguo-2020.txt")]
    rows = {r["indicator"]: r for r in compare(reports)}
    growth = rows["gdp_growth"]
    assert (growth["period"], growth["target"], growth["target_max"], growth["actual"], growth["gap"],
            growth["met"]) == ("2019", Decimal("6"), Decimal("6.5"), Decimal("6.1"), Decimal("0.1"), True)
    assert growth["target_text"] == "国内生产总值增长6%－6.5%"
    assert growth["actual_file"].endswith("national-zhongguo-2020.txt")
    jobs = rows["urban_new_jobs"]
    assert (jobs["target"], jobs["actual"], jobs["met"]) == (Decimal("11000000"), Decimal("13520000"), True)
    # the same from batch results and from paths
    results = [extract_file(DATA / "national-zhongguo-2019.txt"), extract_file(DATA / "national-zhongguo-2020.txt")]
    assert all(isinstance(r, ReportResult) for r in results)
    assert compare(results) == compare(reports)
    assert compare(DATA / "national-zhongguo-2019.txt", str(DATA / "national-zhongguo-2020.txt"),
                   plugins=["economy"])[0]["domain"] == "economy"


def test_dataframe() -> None:
    pytest.importorskip("pandas")
    frame = compare(R2021, R2022, dataframe=True)
    assert list(frame.columns) == list(COMPARE_FIELDS)
    assert frame.shape == (3, len(COMPARE_FIELDS))
    assert frame.loc[frame.indicator == "gdp_growth", "actual"].iloc[0] == Decimal("8.6")


def test_rows_carry_spans_and_extractions_know_their_report() -> None:
    reports = [govreport.load(DATA / "national-zhongguo-2019.txt"),
               govreport.load(DATA / "national-zhongguo-2020.txt")]
    extractions = [r.extract() for r in reports]
    rows = compare(extractions)  # an Extraction from Report.extract knows where and when
    growth = next(r for r in rows if r["indicator"] == "gdp_growth")
    assert reports[0].text[growth["target_start"]:growth["target_end"]] == growth["target_text"]
    assert reports[1].text[growth["actual_start"]:growth["actual_end"]] == growth["actual_text"]
    assert rows == compare(reports)


def test_same_year_results_fill_in_only_where_no_later_report_states_them() -> None:
    r2021 = (meta(2021), Extraction(facts=list(R2021[1].facts) + [fact("cpi_growth", "actual", "2021", "0.9")]))
    assert [r for r in compare(r2021) if r["indicator"] == "cpi_growth"] == []
    [early] = [r for r in compare(r2021, same_year=True) if r["indicator"] == "cpi_growth"]
    assert (early["actual"], early["actual_year"]) == (Decimal("0.9"), 2021)
    [later] = [r for r in compare(r2021, R2022, same_year=True) if r["indicator"] == "cpi_growth"]
    assert (later["actual"], later["actual_year"]) == (Decimal("1.6"), 2022)
