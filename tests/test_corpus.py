"""Corpus-wide checks on every report in tests/data, not on one example report.

Each expectation below was read off the report itself: the GDP-growth target stated in each
report's targets passage, and the pairs of facts whose values may differ for one indicator,
kind and period (``known_conflicts.tsv``, with a reason each).
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

import govreport

DATA = Path(__file__).parent / "data"
REPORTS = sorted(p.stem for p in DATA.glob("*.txt"))

# report: (value, value_max, qualifier) of the GDP-growth target for the report's year, or None
# where the report says that no growth target is set (national 2020: 没有提出全年经济增速具体目标)
GDP_GROWTH_TARGETS = {
    "county-hailaer-2016": ("7.5", None, None),
    "county-hailaer-2018": ("6", None, "about"),
    "county-hailaer-2019": ("3.5", None, "about"),
    "district-jiangbei-2021": ("7", None, "about"),
    "national-zhongguo-2010": ("8", None, "about"),
    "national-zhongguo-2016": ("6.5", "7", None),
    "national-zhongguo-2017": ("6.5", None, "about"),
    "national-zhongguo-2019": ("6", "6.5", None),
    "national-zhongguo-2020": None,
    "national-zhongguo-2021": ("6", None, "at_least"),
    "national-zhongguo-2022": ("5.5", None, "about"),
    "national-zhongguo-2024": ("5", None, "about"),
    "national-zhongguo-2025": ("5", None, "about"),
    "province-anhui-2026": ("5", "5.5", None),
    "province-chongqing-2026": ("5", None, "at_least"),
    "province-fujian-2026": ("5", None, "about"),
    "province-guangdong-2026": ("4.5", "5", None),
    "province-heilongjiang-2026": ("4.5", "5", None),
    "province-henan-2026": ("5", None, "about"),
    "province-jiangsu-2026": ("5", None, None),
    "province-jilin-2026": ("5", None, "about"),
    "province-neimenggu-2026": ("5", None, "about"),
    "province-ningxia-2026": ("5", None, "about"),
    "province-shaanxi-2026": ("5", None, "about"),
    "province-shanghai-2026": ("5", None, "about"),
    "province-shanxi-2026": ("4.5", "5", None),
    "province-tianjin-2026": ("4.5", None, None),
    "province-xinjiang-2026": ("5.5", "6", None),
    "province-yunnan-2026": ("4.5", None, "about"),
    "province-zhejiang-2026": ("5", "5.5", None),
}


def _known_conflicts() -> dict[tuple[str, str, str, str], str]:
    rows = {}
    for line in (DATA / "known_conflicts.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            report, indicator, kind, period, reason = line.split("\t")
            assert reason.strip(), f"a known conflict needs its reason: {line!r}"
            rows[(report, indicator, kind, period)] = reason
    return rows


@pytest.fixture(scope="module")
def extracted():
    return {name: (report := govreport.load(DATA / f"{name}.txt"), report.extract()) for name in REPORTS}


def test_every_corpus_report_is_covered():
    assert set(GDP_GROWTH_TARGETS) == set(REPORTS)
    assert len(REPORTS) == 30


@pytest.mark.parametrize("name", REPORTS)
def test_the_gdp_growth_target_of_each_report(extracted, name):
    report, facts = extracted[name]
    found = [(f.value, f.value_max, f.qualifier) for f in facts
             if f.indicator == "gdp_growth" and f.kind == "target" and f.period == str(report.meta.year)]
    want = GDP_GROWTH_TARGETS[name]
    if want is None:
        assert found == []
    else:
        value, value_max, qualifier = want
        assert found == [(Decimal(value), None if value_max is None else Decimal(value_max), qualifier)]


def test_no_two_values_for_one_fact_but_the_listed_ones(extracted):
    known = _known_conflicts()
    seen = set()
    for name, (_report, facts) in extracted.items():
        values = defaultdict(set)
        for fact in facts:
            values[(fact.indicator, fact.kind, fact.period)].add((fact.value, fact.value_max, fact.unit))
        for (indicator, kind, period), found in values.items():
            if len(found) > 1:
                key = (name, indicator, kind, period)
                assert key in known, f"{key}: {sorted(found)}"
                seen.add(key)
    assert seen == set(known), f"listed conflicts that no longer occur: {set(known) - seen}"


@pytest.mark.parametrize("name", REPORTS)
def test_every_fact_indexes_the_text_and_carries_its_evidence(extracted, name):
    report, facts = extracted[name]
    assert facts.ok
    for fact in facts:
        assert report.text[fact.start:fact.end] == fact.text
        assert fact.evidence is not None and fact.evidence.period_rule in (
            "clause", "opener", "heading", "plan", "base_year", "report")
