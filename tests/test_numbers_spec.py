"""The spec files of tests/spec/numbers/ (one file per phenomenon), run through govreport.testing."""
from __future__ import annotations

from pathlib import Path

import pytest

from govreport.testing import check_quantity_case, load_quantity_cases

SPEC = Path(__file__).parent / "spec" / "numbers"
CASES = load_quantity_cases(SPEC)


def test_every_phenomenon_has_cases():
    names = {p.stem for p in SPEC.glob("*.tsv")}
    assert {"arabic", "chinese_numerals", "mixed_magnitude", "percentages", "fractions", "ranges",
            "qualifiers", "units", "negatives", "not_quantities", "traditional_financial",
            "elided_units"} <= names
    assert len(CASES) > 100


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_spec_case(case):
    check_quantity_case(case)
