"""Fact spec files (tests/spec/facts/*.tsv), run with govreport.testing as a plugin author would."""
from pathlib import Path

import pytest

from govreport.testing import check_fact_case, load_fact_cases

CASES = load_fact_cases(Path(__file__).parent / "spec" / "facts")


def test_every_phenomenon_has_cases():
    files = {case.source.split(":")[0].rsplit("/", 1)[-1] for case in CASES}
    assert files == {"periods.tsv", "changes_and_falls.tsv", "lists.tsv", "not_the_indicator.tsv"}
    assert len(CASES) == 27


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_fact_spec(case):
    check_fact_case(case, plugins=["economy", "environment", "livelihood"])


def test_a_wrong_expectation_fails_with_the_file_and_line():
    case = CASES[0]
    import attrs

    wrong = attrs.evolve(case, value=case.value + 1)
    with pytest.raises(AssertionError, match=r"changes_and_falls.tsv:3: "):
        check_fact_case(wrong)
