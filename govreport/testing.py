"""Helpers for plugin authors: run spec files of quantity cases and of fact cases.

Test cases are data, one file per phenomenon (in the manner of Recognizers-Text's spec files): a
tab-separated file with a header line and the columns

``input``
    the text given to :func:`govreport.numbers.find_quantities`;
``span``
    the text of the quantity expected in it (``text[q.start:q.end]``), or empty / ``-`` when the input
    must yield no quantity at all;
``value``, ``value_max``
    exact decimals (``132500000000``, ``6.5``); a fraction may be written ``1/3`` (divided with 28
    significant digits, as govreport does); empty for None;
``unit``, ``qualifier``
    canonical unit and qualifier; empty for None;
``read`` (optional column)
    ``text`` (the default) for running text as above, or ``alone`` for a mention that only
    :func:`govreport.numbers.parse_quantity` reads, given alone (``三块``, ``大于30小于40``): the span is
    then the stripped input, and ``-`` means ``parse_quantity`` must refuse it.

Lines starting with ``#`` and blank lines are skipped. A typical test module::

    import pytest
    from govreport.testing import load_quantity_cases, check_quantity_case

    CASES = load_quantity_cases("tests/spec/numbers/")          # a folder: every *.tsv in it

    @pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
    def test_spec(case):
        check_quantity_case(case)

:func:`check_quantity_case` raises :class:`AssertionError` with a message naming the file and line.
When ``span`` is the whole input, the case is also checked through
:func:`govreport.numbers.parse_quantity`.
"""
from __future__ import annotations

import decimal
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import attrs

from govreport._tsv import table

__all__ = ["QuantityCase", "load_quantity_cases", "check_quantity_case",
           "FactCase", "load_fact_cases", "check_fact_case"]

COLUMNS = ("input", "span", "value", "value_max", "unit", "qualifier")


@attrs.frozen
class QuantityCase:
    """One row of a spec file."""

    input: str
    span: str | None
    value: Decimal | None
    value_max: Decimal | None
    unit: str | None
    qualifier: str | None
    source: str = ""            # ``path:line``
    read: str = "text"          # text (find_quantities) or alone (parse_quantity only)

    @property
    def id(self) -> str:
        """A short test id: the file's stem, the line and the input."""
        return f"{self.source.rsplit('/', 1)[-1]}:{self.input[:30]}"


def _decimal(cell: str, where: str) -> Decimal | None:
    if not cell:
        return None
    try:
        if "/" in cell:
            num, den = cell.split("/")
            with decimal.localcontext() as ctx:
                ctx.prec = 28
                return Decimal(num) / Decimal(den)
        return Decimal(cell)
    except (decimal.InvalidOperation, ValueError) as exc:
        raise ValueError(f"{where}: not a decimal: {cell!r}") from exc


def _spec_rows(path: Path, columns: tuple[str, ...], *, strip: bool) -> Iterator[tuple[str, dict[str, str]]]:
    """(``path:line``, row as a dict) for each data line of a spec file with a header line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, row in table(lines, where=str(path), required=columns, strip=strip):
        yield f"{path}:{n}", row


def load_quantity_cases(path: str | Path) -> list[QuantityCase]:
    """Read the cases of one spec file, or of every ``*.tsv`` file in a folder (sorted by name)."""
    path = Path(path)
    if path.is_dir():
        return [c for p in sorted(path.glob("*.tsv")) for c in load_quantity_cases(p)]
    cases: list[QuantityCase] = []
    for where, row in _spec_rows(path, COLUMNS, strip=False):
        span = row["span"]
        read = row.get("read", "").strip() or "text"
        if read not in ("text", "alone"):
            raise ValueError(f"{where}: read must be text or alone, not {read!r}")
        cases.append(QuantityCase(
            input=row["input"],
            span=None if span in ("", "-") else span,
            value=_decimal(row["value"].strip(), where),
            value_max=_decimal(row["value_max"].strip(), where),
            unit=row["unit"].strip() or None,
            qualifier=row["qualifier"].strip() or None,
            source=where,
            read=read,
        ))
    return cases


def _same(got, want) -> bool:
    if want is None or got is None:
        return got is None and want is None
    return got == want


def check_quantity_case(case: QuantityCase) -> None:
    """Check one case against ``find_quantities`` (and ``parse_quantity`` for a whole-input span)."""
    from govreport import NumberFormatError
    from govreport.numbers import find_quantities, parse_quantity

    want = (case.value, case.value_max, case.unit, case.qualifier)
    if case.read == "alone":
        if case.span is None:
            try:
                q = parse_quantity(case.input)
            except NumberFormatError:
                return
            raise AssertionError(f"{case.source}: parse_quantity must refuse {case.input!r}, read {q}")
        q = parse_quantity(case.input)
        assert q.text == case.span, f"{case.source}: span {q.text!r}, want {case.span!r}"
        got = (q.value, q.value_max, q.unit, q.qualifier)
        assert all(_same(g, w) for g, w in zip(got, want)), f"{case.source}: {case.span!r}: got {got}, want {want}"
        return
    found = find_quantities(case.input)
    for q in found:
        assert case.input[q.start:q.end] == q.text, f"{case.source}: span does not index the input: {q}"
    if case.span is None:
        assert not found, f"{case.source}: {case.input!r} must have no quantity, found {[q.text for q in found]}"
        return
    hits = [q for q in found if q.text == case.span]
    assert hits, (f"{case.source}: {case.input!r}: no quantity {case.span!r}; found "
                  f"{[(q.text, str(q.value), q.unit) for q in found]}")
    candidates = [hits[0]]
    if case.span == case.input.strip():
        candidates.append(parse_quantity(case.input))
    for q in candidates:
        got = (q.value, q.value_max, q.unit, q.qualifier)
        ok = all(_same(g, w) for g, w in zip(got, want))
        assert ok, f"{case.source}: {case.span!r}: got {got}, want {want}"


# ---------------------------------------------------------------- fact cases
FACT_COLUMNS = ("year", "heading", "passage", "indicator", "kind", "period", "value",
                "value_max", "unit", "qualifier")


@attrs.frozen
class FactCase:
    """One row of a fact spec file: a passage and one fact it must (or must not) yield.

    The passage is put under ``heading`` in a report of ``year`` (a title line and 各位代表
    are added), so the heading's time scope takes part as in a real report.
    ``indicator`` ``-`` means the passage must yield no fact at all from the plugins run.
    ``source`` is where the case is written (``file:line``); ``passage_source`` is the
    report the passage is taken from (the file's ``source`` column: a corpus file's stem, or
    ``written`` for a passage written for the case).
    """

    year: int
    heading: str
    passage: str
    indicator: str | None
    kind: str | None
    period: str | None
    value: Decimal | None
    value_max: Decimal | None
    unit: str | None
    qualifier: str | None
    source: str = ""
    passage_source: str = ""

    @property
    def id(self) -> str:
        """A short test id: the file's stem, the passage and the indicator."""
        return f"{self.source.rsplit('/', 1)[-1]}:{self.passage[:24]}:{self.indicator or '-'}"

    def report_text(self) -> str:
        """The small report the passage is read in."""
        return f"{self.year}年某地政府工作报告\n各位代表：\n{self.heading}\n{self.passage}\n"


def load_fact_cases(path: str | Path) -> list[FactCase]:
    """Read the cases of one fact spec file, or of every ``*.tsv`` file in a folder.

    Columns (tab-separated, with a header line): ``year``, ``heading``, ``passage``,
    ``indicator`` (``-`` for none), ``kind``, ``period``, ``value``, ``value_max``, ``unit``,
    ``qualifier``, and optionally ``source`` (the report the passage comes from); empty
    cells are None.
    """
    path = Path(path)
    if path.is_dir():
        return [c for p in sorted(path.glob("*.tsv")) for c in load_fact_cases(p)]
    cases: list[FactCase] = []
    for where, row in _spec_rows(path, FACT_COLUMNS, strip=True):
        try:
            year = int(row["year"])
        except ValueError as exc:
            raise ValueError(f"{where}: not a year: {row['year']!r}") from exc
        indicator = row["indicator"]
        cases.append(FactCase(
            year=year, heading=row["heading"], passage=row["passage"],
            indicator=None if indicator in ("", "-") else indicator,
            kind=row["kind"] or None, period=row["period"] or None,
            value=_decimal(row["value"], where), value_max=_decimal(row["value_max"], where),
            unit=row["unit"] or None, qualifier=row["qualifier"] or None, source=where,
            passage_source=row.get("source", ""),
        ))
    return cases


def check_fact_case(case: FactCase, plugins: "list[str] | str | None" = None) -> None:
    """Check one fact case: the passage yields the fact (or, for ``-``, no fact at all)."""
    import govreport

    report = govreport.parse(case.report_text())
    extraction = report.extract(plugins=plugins)
    assert extraction.ok, f"{case.source}: plugin failures {list(map(str, extraction.failures))}"
    facts = list(extraction)
    for fact in facts:
        assert report.text[fact.start:fact.end] == fact.text, f"{case.source}: bad span {fact}"
    got = [(f.indicator, f.kind, f.period, f.value, f.value_max, f.unit, f.qualifier) for f in facts]
    if case.indicator is None:
        assert not facts, f"{case.source}: {case.passage!r} must yield no fact, got {got}"
        return
    want = (case.indicator, case.kind, case.period, case.value, case.value_max, case.unit,
            case.qualifier)
    assert any(all(_same(g, w) for g, w in zip(row, want)) for row in got), (
        f"{case.source}: {case.passage!r}: no fact {want}; got {got}")
