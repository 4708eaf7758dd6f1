"""Fact spec files (tests/spec/facts/*.tsv), run with govreport.testing as a plugin author would."""
import re
from collections import Counter
from pathlib import Path

import attrs
import pytest

from govreport.testing import check_fact_case, load_fact_cases

SPEC = Path(__file__).parent / "spec" / "facts"
DATA = Path(__file__).parent / "data"
CASES = load_fact_cases(SPEC)
FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
PHENOMENA = {"periods.tsv", "plan_targets.tsv", "base_year.tsv", "kinds.tsv", "changes_and_falls.tsv",
             "lists.tsv", "urban_rural.tsv", "names.tsv", "not_the_indicator.tsv"}


def test_every_phenomenon_has_cases():
    files = Counter(case.source.split(":")[0].rsplit("/", 1)[-1] for case in CASES)
    assert set(files) == PHENOMENA
    assert min(files.values()) >= 5


def test_passages_come_from_many_reports_and_none_dominates():
    sources = Counter(case.passage_source for case in CASES)
    assert "" not in sources, "every case names the report its passage comes from"
    assert all(name == "written" or (DATA / f"{name}.txt").exists() for name in sources)
    assert len(sources) >= 15
    from_reports = Counter({name: n for name, n in sources.items() if name != "written"})
    assert max(from_reports.values()) <= len(CASES) / 4, from_reports.most_common(3)
    assert sources["written"] <= len(CASES) / 3


def test_corpus_passages_are_quoted_from_their_report():
    for case in CASES:
        if case.passage_source == "written":
            continue
        text = (DATA / f"{case.passage_source}.txt").read_text(encoding="utf-8")
        folded = "".join(text.split()).replace(",", "，").translate(FULL_WIDTH)
        # every clause with a figure is quoted from the report (spaces and comma widths aside)
        for clause in re.split(r"[，,。；：]", "".join(case.passage.split())):
            if re.search(r"\d", clause.translate(FULL_WIDTH)):
                assert clause.translate(FULL_WIDTH) in folded, (case.source, clause)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_fact_spec(case):
    check_fact_case(case, plugins=["economy", "environment", "livelihood"])


def test_a_wrong_expectation_fails_with_the_file_and_line():
    case = next(c for c in CASES if c.value is not None)
    wrong = attrs.evolve(case, value=case.value + 1)
    with pytest.raises(AssertionError, match=rf"{case.source.rsplit('/', 1)[-1]}: "):
        check_fact_case(wrong)
