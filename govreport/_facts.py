"""Facts, the output contract (``shared/spec/facts.md``), and the result of an extraction.

A :class:`Fact` is one quantitative statement found in a report. :class:`Extraction` holds
the facts of one report together with the errors of plugins that failed on it, so that one
broken plugin never hides the others' results, and knows how to export itself.
"""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable, Iterator

import attrs

from govreport._values import to_tuple

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from govreport._model import Report

__all__ = ["Fact", "Evidence", "PluginFailure", "Extraction", "FACT_FIELDS", "flat_cell"]

KINDS = ("actual", "target")
PERIOD_RULES = ("clause", "opener", "heading", "plan", "base_year", "report")
QUALIFIERS = (None, "about", "at_least", "over", "nearly", "at_most")
AGGREGATES = (None, "annual_average", "cumulative")

#: The fields of a fact record, in the order of facts.md (and of CSV columns).
FACT_FIELDS = (
    "indicator", "domain", "value", "value_max", "unit", "qualifier", "kind", "period",
    "cue", "aggregate", "text", "start", "end", "section", "extractor", "evidence",
)


def _to_decimal(value: Any) -> Decimal:
    if isinstance(value, float):  # floats are refused: a binary fraction is not the figure written
        raise TypeError("Fact values are Decimals or ints, never floats")
    number = value if isinstance(value, Decimal) else Decimal(value)
    if not number.is_finite():  # NaN, sNaN, Infinity: no figure of a report, and they break exports
        raise ValueError(f"Fact values are finite numbers, not {value!r}")
    return number


def _to_optional_decimal(value: Any) -> Decimal | None:
    return None if value is None else _to_decimal(value)


@attrs.frozen
class Evidence:
    """How the library decided a fact's period and kind, for audits (facts.md: ``evidence``).

    ``period_rule`` names the rule that set the period: ``clause`` (a time in the figure's
    own clause), ``opener`` (the passage's opening time), ``heading`` (an enclosing heading),
    ``plan`` (a passage of a five-year plan's targets), ``base_year`` (the start value of
    ``从X提高到Y``) or ``report`` (the report's year, last resort). ``period_words`` and
    ``kind_words`` are the words of the report that decided, as written, or ``None``.
    """

    period_rule: str = attrs.field(validator=attrs.validators.in_(PERIOD_RULES))
    period_words: str | None = None
    kind_words: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        """The JSON object of facts.md's ``evidence`` field."""
        return {"period_rule": self.period_rule, "period_words": self.period_words,
                "kind_words": self.kind_words}


def _to_evidence(value: Any) -> Evidence | None:
    """An :class:`Evidence`, also from its dict (a fact read back from JSON)."""
    if value is None or isinstance(value, Evidence):
        return value
    return Evidence(**value)


@attrs.frozen
class Fact:
    """One quantitative statement of a report, with its provenance.

    ``report.text[fact.start:fact.end] == fact.text`` always holds for facts produced by
    :meth:`govreport.Report.extract`. Values are :class:`~decimal.Decimal` in the canonical
    unit, magnitude folded in (``1325亿元`` -> ``Decimal('132500000000')``, unit ``元``).
    """

    indicator: str
    domain: str
    value: Decimal = attrs.field(converter=_to_decimal)
    unit: str
    kind: str = attrs.field(validator=attrs.validators.in_(KINDS))
    period: str
    text: str
    start: int
    end: int = attrs.field()
    value_max: Decimal | None = attrs.field(default=None, converter=_to_optional_decimal)
    qualifier: str | None = attrs.field(default=None, validator=attrs.validators.in_(QUALIFIERS))
    cue: str | None = None
    aggregate: str | None = attrs.field(default=None, validator=attrs.validators.in_(AGGREGATES))
    section: str = ""
    extractor: str = ""
    evidence: Evidence | None = attrs.field(default=None, eq=False, repr=False, converter=_to_evidence)

    @end.validator
    def _check_span(self, _attribute: attrs.Attribute, end: int) -> None:
        if not 0 <= self.start <= end or end - self.start != len(self.text):
            raise ValueError(f"span {self.start}:{end} does not fit text {self.text!r}")

    @property
    def key(self) -> tuple:
        """What makes two statements the same fact: indicator, kind, period, unit and value."""
        return (self.indicator, self.kind, self.period, self.unit, self.value, self.value_max)

    def to_record(self) -> dict[str, Any]:
        """The fact as a plain dict in facts.md's field order (values stay Decimals,
        ``evidence`` is a dict or ``None``)."""
        record = {name: getattr(self, name) for name in FACT_FIELDS}
        if self.evidence is not None:
            record["evidence"] = self.evidence.to_dict()
        return record


@attrs.frozen
class PluginFailure:
    """A plugin that raised while extracting one report: which plugin, and what it raised."""

    plugin: str
    error: str
    source: str | None = None

    def __str__(self) -> str:
        where = f" on {self.source}" if self.source else ""
        return f"plugin {self.plugin!r} failed{where}: {self.error}"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        # JSON numbers: integral values without a fraction, others exactly as written
        return int(value) if value == value.to_integral_value() else float(str(value))
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _count_by(values: Iterable[str]) -> str:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return ", ".join(f"{name} {count}" for name, count in sorted(counts.items()))


@attrs.frozen(repr=False)
class Extraction:
    """The facts of one report and the failures of the plugins that ran on it.

    Iterating over an extraction yields its facts; ``len()`` counts them. ``report`` is the
    report the facts index (set by :meth:`Report.extract <govreport.Report.extract>`), which
    :meth:`to_html` and a notebook's rich display show with the facts marked.
    """

    facts: tuple[Fact, ...] = attrs.field(converter=to_tuple)
    failures: tuple[PluginFailure, ...] = attrs.field(default=(), converter=to_tuple)
    source: str | None = None
    report: "Report | None" = attrs.field(default=None, kw_only=True, eq=False)

    def __repr__(self) -> str:
        where = f" of {self.source}" if self.source else ""
        domains = f" ({_count_by(f.domain for f in self.facts)})" if self.facts else ""
        failed = f", {len(self.failures)} plugin failures" if self.failures else ""
        return f"<Extraction{where}: {len(self.facts)} facts{domains}{failed}>"

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.facts)

    def __len__(self) -> int:
        return len(self.facts)

    @property
    def ok(self) -> bool:
        """True when every plugin ran without raising."""
        return not self.failures

    def to_records(self) -> list[dict[str, Any]]:
        """One dict a fact, in facts.md's field order, values as Decimals."""
        return [fact.to_record() for fact in self.facts]

    def to_jsonl(self) -> str:
        """The facts as JSON lines, the contract of facts.md (numbers as JSON numbers)."""
        return "".join(
            json.dumps(record, ensure_ascii=False, default=_json_default) + "\n"
            for record in self.to_records()
        )

    def to_csv(self) -> str:
        """The facts as CSV text with a header row of facts.md's fields."""
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FACT_FIELDS, lineterminator="\n")
        writer.writeheader()
        for record in self.to_records():
            writer.writerow({k: flat_cell(v) for k, v in record.items()})
        return buffer.getvalue()

    def to_html(self, report: "Report | None" = None) -> str:
        """A self-contained HTML page of the report with these facts marked in its text.

        The page (see ``govreport show``) holds the clean text with every fact marked at its
        span, the metadata, the section outline and a table of the facts; clicking a mark
        shows the fact's indicator, value, unit, period, kind, cue, qualifier and evidence.
        It loads nothing from the network. ``report`` defaults to the report these facts
        were extracted from.
        """
        from govreport._errors import GovReportError
        from govreport._show import render_page

        report = report if report is not None else self.report
        if report is None:
            raise GovReportError("to_html() needs the report the facts come from: "
                                 "extract with report.extract(), or pass report=")
        for fact in self.facts:
            if report.text[fact.start:fact.end] != fact.text:
                raise GovReportError(f"fact {fact.indicator} at {fact.start}:{fact.end} does not "
                                     f"index this report's text: is it the report of these facts?")
        return render_page(report, self.facts, self.failures)

    def _repr_html_(self) -> str:
        """A notebook's rich display: the marked text and the facts table, without script."""
        from govreport._show import render_fragment

        return render_fragment(self.report, self.facts, self.failures)

    def to_dataframe(self) -> "pandas.DataFrame":
        """The facts as a pandas DataFrame (needs the optional ``pandas`` extra).

        ``value`` and ``value_max`` keep their exact :class:`~decimal.Decimal` objects
        (dtype ``object``); convert with ``df.value.astype(float)`` when you accept rounding.
        """
        try:
            import pandas
        except ImportError as exc:  # pragma: no cover - depends on the environment
            from govreport._errors import GovReportError

            raise GovReportError(
                "to_dataframe() needs pandas: pip install 'govreport[pandas]'"
            ) from exc
        return pandas.DataFrame(self.to_records(), columns=list(FACT_FIELDS))


def flat_cell(value: Any) -> Any:
    """A record's value as one cell of a flat table (CSV, Parquet): ``None`` is empty, a
    nested object (``evidence``) is its compact JSON text."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def dedupe_facts(facts: Iterable[Fact]) -> list[Fact]:
    """Keep the first statement of each fact (facts.md: a restated fact is one fact)."""
    seen: set[tuple] = set()
    kept: list[Fact] = []
    for fact in facts:
        if fact.key not in seen:
            seen.add(fact.key)
            kept.append(fact)
    return kept
