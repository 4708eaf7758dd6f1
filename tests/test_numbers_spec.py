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
            "elided_units",
            # issue 14
            "traditional_variants", "full_width", "approximate", "adjacent_ranges", "half", "elisions",
            "spoken_ratios", "money", "currencies", "measures", "rates", "comparative_ranges",
            "round_magnitudes", "idioms", "alone_forms"} <= names
    assert len(CASES) > 400
    assert sum(c.read == "alone" for c in CASES) > 50


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_spec_case(case):
    check_quantity_case(case)
