"""The region x year panel of targets and results that researchers build from work reports.

One row per region and year; for each headline indicator the target the report of that year
set (with its upper end, qualifier and cue, and whether the report stated one, said it sets
none, or is silent) and the result, taken from the next year's report (or, failing that, from
the same year's report where it states it). The pairing is :func:`govreport.compare`'s;
the panel reshapes its rows. Two companion tables keep what a wide table cannot: the plan
table (targets and results of multi-year periods, such as a five-year plan's annual average)
and the source table, one row per filled cell with the file and span it was read from.
"""
from __future__ import annotations

import csv
import decimal
import io
import os
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence, cast

import attrs
import regex

from govreport._compare import compare
from govreport._data import data_lines
from govreport._errors import GovReportError
from govreport._values import to_tuple

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from govreport._facts import Fact
    from govreport._model import Meta, Report

__all__ = ["Panel", "panel", "PANEL_KEYS", "TARGET_STATUSES", "headline_indicators", "none_set_statements",
           "PLAN_FIELDS", "SOURCE_FIELDS"]

#: the columns that identify a panel row
PANEL_KEYS = ("region", "region_code", "level", "year")
#: what ``<id>_target_status`` says: the report of the year stated a target, said it sets
#: none, or neither (or the inputs hold no report of that year)
TARGET_STATUSES = ("stated", "none_set", "not_found")
#: the per-indicator columns, in order, as suffixes of the indicator id
CELL_SUFFIXES = ("_target", "_target_max", "_target_qualifier", "_target_cue", "_target_status", "_actual")
#: the columns of the plan table: targets and results of multi-year periods
PLAN_FIELDS = ("region", "region_code", "level", "span", "indicator", "unit", "aggregate", "target",
               "target_max", "target_qualifier", "target_cue", "actual", "actual_max", "actual_qualifier",
               "target_year", "actual_year")
#: the columns of the source table: where each cell of the panel and the plan table was read
SOURCE_FIELDS = ("table", "region", "region_code", "period", "column", "value", "file", "start", "end",
                 "text", "ambiguous")

#: most characters between two pieces of a none-set pattern (within one sentence)
_GAP = 30


def headline_indicators() -> tuple[str, ...]:
    """The indicator ids of the panel's columns (``govreport/data/panel_indicators.txt``)."""
    return tuple(line.strip() for line in data_lines("panel_indicators.txt"))


@lru_cache(maxsize=None)
def none_set_statements() -> tuple[tuple[tuple[str, ...], Any], ...]:
    """``(indicator ids, compiled pattern)`` of each row of ``govreport/data/none_set.tsv``."""
    rows = []
    for line in data_lines("none_set.tsv"):
        ids, pattern = line.split("\t")
        if ids.strip() == "-":
            continue
        pieces = ["(?:" + "|".join(regex.escape(alt) for alt in piece.split("|")) + ")"
                  for piece in pattern.split("…")]
        rows.append((tuple(ids.split("|")), regex.compile(f"[^。！？；\n]{{0,{_GAP}}}".join(pieces))))
    return tuple(rows)


@lru_cache(maxsize=None)
def _elsewhen() -> Any:
    words = [w for line in data_lines("none_set.tsv") if line.split("\t")[0].strip() == "-"
             for w in line.split("\t")[1].split("|")]
    return regex.compile("|".join(regex.escape(w) for w in words) + r"|(?<!\d)\d{4}(?=年)")


def find_none_set(report: "Report", indicators: Iterable[str]) -> dict[str, tuple[int, int]]:
    """The indicators for which ``report`` says it sets no target this year, with the span
    of the statement (the first one) in ``report.text``."""
    wanted = set(indicators)
    found: dict[str, tuple[int, int]] = {}
    for sentence in report.sentences:
        for ids, pattern in none_set_statements():
            if not wanted.intersection(ids) or all(i in found for i in ids):
                continue
            match = pattern.search(sentence.text)
            if match is None or _about_another_year(sentence.text, report.meta.year):
                continue
            span = (sentence.start + match.start(), sentence.start + match.end())
            for indicator in ids:
                if indicator in wanted:
                    found.setdefault(indicator, span)
    return found


def _about_another_year(sentence: str, year: int | None) -> bool:
    return any(not match.group().isdigit() or int(match.group()) != year
               for match in _elsewhen().finditer(sentence))


# ------------------------------------------------------------------ inputs
@attrs.frozen
class _Input:
    """One report as the panel needs it: where and when, its facts, and its text if known."""

    meta: "Meta"
    facts: tuple["Fact", ...]
    file: str | None
    report: "Report | None" = None


def _inputs(item: Any, plugins: Any, skipped: list[tuple[str, str]]) -> Iterator[_Input]:
    from govreport._batch import ReportResult
    from govreport._facts import Extraction
    from govreport._load import load
    from govreport._model import Meta, Report

    if isinstance(item, Report):
        yield _Input(item.meta, item.extract(plugins=plugins).facts, item.source, item)
    elif isinstance(item, (str, os.PathLike)):
        report = load(item)
        yield _Input(report.meta, report.extract(plugins=plugins).facts, report.source, report)
    elif isinstance(item, ReportResult):
        if not item.ok or item.meta is None:
            skipped.append((item.file, f"{item.error_type}: {item.error}"))
        else:
            yield _Input(item.meta, item.facts, item.file)
    elif isinstance(item, Extraction) and item.report is not None:
        yield _Input(item.report.meta, item.facts, item.source, item.report)
    elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], Extraction):
        first, extraction = item
        meta = first.meta if isinstance(first, Report) else first
        if not isinstance(meta, Meta):
            raise TypeError("panel() takes (Report or Meta, Extraction) pairs")
        report = first if isinstance(first, Report) else extraction.report
        yield _Input(meta, extraction.facts, extraction.source, report)
    elif isinstance(item, Extraction):
        raise TypeError("an Extraction made by hand does not say which region and year it is about: "
                        "pass the Report, a (report, extraction) pair, or a batch ReportResult")
    elif isinstance(item, Iterable):
        for sub in item:
            yield from _inputs(sub, plugins, skipped)
    else:
        raise TypeError(f"panel() cannot use a {type(item).__name__}")


def _region(meta: "Meta") -> str | None:
    return meta.region_code or meta.region


def _text_of(item: _Input) -> "Report | None":
    """The report behind a batch result, read again for its none-set statements (``None``
    for facts made without a file)."""
    if item.report is not None or item.file is None:
        return item.report
    from pathlib import Path

    from govreport._load import load

    return load(Path(item.file))  # a file name, even one holding a newline


# ------------------------------------------------------------------ the panel
@attrs.frozen
class Panel:
    """A region x year panel with its plan table and its source table.

    ``rows`` has one dict per region and year (:attr:`columns` in order); ``plans`` one dict
    per region, multi-year span and indicator (:data:`PLAN_FIELDS`); ``sources`` one dict
    per filled cell of both (:data:`SOURCE_FIELDS`): the file, span and text it was read
    from. ``skipped`` lists the inputs that could not be placed, with the reason. Values are
    exact :class:`~decimal.Decimal` numbers in each indicator's catalogue unit.
    """

    rows: tuple[dict[str, Any], ...] = attrs.field(converter=to_tuple)
    plans: tuple[dict[str, Any], ...] = attrs.field(converter=to_tuple)
    sources: tuple[dict[str, Any], ...] = attrs.field(converter=to_tuple)
    indicators: tuple[str, ...] = attrs.field(converter=to_tuple)
    skipped: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=to_tuple)

    def __repr__(self) -> str:
        regions = len({(r["region_code"], r["region"]) for r in self.rows})
        return (f"<Panel: {len(self.rows)} rows ({regions} regions), {len(self.indicators)} indicators, "
                f"{len(self.plans)} plan rows, {len(self.sources)} sourced cells>")

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns of :attr:`rows`: :data:`PANEL_KEYS`, then six per indicator."""
        return PANEL_KEYS + tuple(i + s for i in self.indicators for s in CELL_SUFFIXES)

    def table(self, name: str = "panel") -> tuple[tuple[str, ...], tuple[dict[str, Any], ...]]:
        """The columns and rows of ``"panel"``, ``"plans"`` or ``"sources"``."""
        tables = {"panel": (self.columns, self.rows), "plans": (PLAN_FIELDS, self.plans),
                  "sources": (SOURCE_FIELDS, self.sources)}
        if name not in tables:
            raise ValueError(f"table must be one of {', '.join(tables)}, not {name!r}")
        return tables[name]

    def to_dataframe(self, table: str = "panel") -> "pandas.DataFrame":
        """One of the three tables as a pandas DataFrame (values stay exact Decimals)."""
        try:
            import pandas
        except ImportError:
            raise GovReportError("Panel.to_dataframe() needs pandas: pip install 'govreport[pandas]'") from None
        columns, rows = self.table(table)
        return pandas.DataFrame(list(rows), columns=list(columns))

    def to_csv(self, table: str = "panel") -> str:
        """One of the three tables as CSV text (empty cells for missing values)."""
        columns, rows = self.table(table)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row[c] is None else row[c] for c in columns])
        return buffer.getvalue()

    def write(self, path: "str | os.PathLike[str]", format: str | None = None) -> list[Path]:
        """Write the panel to ``path`` and its companions beside it; return the three paths.

        ``format`` is ``"csv"`` or ``"parquet"`` (default: from the suffix). The plan table
        goes to ``<stem>.plans<suffix>``, the source table to ``<stem>.sources<suffix>``.
        Parquet keeps values exact as decimals (38 digits, 12 places) and needs pyarrow.
        """
        path = Path(path)
        fmt = format or ("parquet" if path.suffix.lower() in (".parquet", ".pq") else "csv")
        if fmt not in ("csv", "parquet"):
            raise ValueError(f"format must be csv or parquet, not {fmt!r}")
        paths = [path, path.with_name(f"{path.stem}.plans{path.suffix}"),
                 path.with_name(f"{path.stem}.sources{path.suffix}")]
        for name, target in zip(("panel", "plans", "sources"), paths):
            if fmt == "csv":
                target.write_text(self.to_csv(name), encoding="utf-8")
            else:
                self._write_parquet(name, target)
        return paths

    def _write_parquet(self, name: str, target: Path) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise GovReportError("writing the panel as parquet needs pyarrow: "
                                 "pip install 'govreport[parquet]'") from None
        columns, rows = self.table(name)
        scale = 12
        quantum = Decimal(1).scaleb(-scale)
        types = {"year": pa.int32(), "target_year": pa.int32(), "actual_year": pa.int32(),
                 "start": pa.int64(), "end": pa.int64(), "ambiguous": pa.bool_()}
        numbers = {c for c in columns if c.endswith(("_target", "_target_max", "_actual"))
                   or c in ("target", "target_max", "actual", "actual_max")}
        schema = pa.schema([(c, pa.decimal128(38, scale) if c in numbers else types.get(c, pa.string()))
                            for c in columns])
        records = [{c: (row[c].quantize(quantum, rounding=decimal.ROUND_HALF_EVEN) if c in numbers
                        and row[c] is not None else (str(row[c]) if isinstance(row[c], Decimal) else row[c]))
                    for c in columns} for row in rows]
        pq.write_table(pa.Table.from_pylist(records, schema=schema), target)


def _catalogue_units() -> dict[str, str]:
    from govreport._registry import plugins

    return {i.id: i.units[0] for p in plugins() for i in p.indicators if i.units}


def panel(
    *reports: Any,
    plugins: Iterable[str] | str | None = None,
    indicators: Sequence[str] | None = None,
) -> Panel:
    """The region x year panel of targets and results of ``reports``.

    ``reports`` are what :func:`govreport.compare` takes: reports, paths, batch results,
    ``(report, extraction)`` pairs, extractions, or iterables of them (typically every
    report of some regions over the years). ``indicators`` are the ids of the columns
    (default: :func:`headline_indicators`); a fact enters the panel in the catalogue's unit
    of its indicator only (``foreign_trade`` in 美元 stays in the facts).

    For region R and year Y, ``<id>_target`` (with ``_target_max``, ``_target_qualifier``
    and ``_target_cue``) is the target for Y stated in R's report of Y; ``_target_status`` is
    ``stated``, ``none_set`` when that report says it sets no target (a phrase of
    ``govreport/data/none_set.tsv``: 没有提出全年经济增速具体目标) or ``not_found``;
    ``<id>_actual`` is the result for Y stated in the report of Y+1, or of Y when no later
    report states it. Multi-year periods go to :attr:`Panel.plans`; every filled cell's
    source is in :attr:`Panel.sources`. A batch result is read again from its file for its
    none-set statements.
    """
    ids = tuple(indicators) if indicators is not None else headline_indicators()
    wanted = set(ids)
    skipped: list[tuple[str, str]] = []
    inputs: list[_Input] = []
    for item in reports:
        inputs.extend(_inputs(item, plugins, skipped))
    placed: list[tuple[str, int, _Input]] = []  # (region key, year, input)
    for item in inputs:
        region, year = _region(item.meta), item.meta.year
        if region is None or year is None:
            skipped.append((item.file or "<report>", "the report does not say its region and year"))
        else:
            placed.append((region, year, item))

    from govreport._facts import Extraction

    units = _catalogue_units()
    pairs = [(item.meta, Extraction(facts=[f for f in item.facts if f.indicator in wanted
                                           and units.get(f.indicator, f.unit) == f.unit],
                                    source=item.file)) for _region_key, _year, item in placed]
    compared = cast("list[dict[str, Any]]", compare(pairs, how="outer", same_year=True))

    # region key -> (meta of its first report, {year: input of that year's report})
    regions: dict[str, tuple[Meta, dict[int, _Input]]] = {}
    for region_key, year, item in placed:
        _meta, years = regions.setdefault(region_key, (item.meta, {}))
        years.setdefault(year, item)
    cells: dict[tuple[str, int], dict[str, Any]] = {}
    sources: list[dict[str, Any]] = []
    plans: list[dict[str, Any]] = []

    def source(table: str, row: dict[str, Any], period: str, column: str, value: Any, side: str) -> None:
        file, start, end = row[f"{side}_file"], row[f"{side}_start"], row[f"{side}_end"]
        sources.append({"table": table, "region": row["region"], "region_code": row["region_code"],
                        "period": period, "column": column, "value": value, "file": file, "start": start,
                        "end": end, "text": row[f"{side}_text"], "ambiguous": row["ambiguous"]})

    for found in compared:
        key = found["region_code"] or found["region"]
        indicator, period = found["indicator"], found["period"]
        if "-" in period or found["aggregate"] is not None:
            plans.append({name: period if name == "span" else found[name] for name in PLAN_FIELDS})
            for side, names in (("target", ("target", "target_max", "target_qualifier", "target_cue")),
                                ("actual", ("actual", "actual_max", "actual_qualifier"))):
                for name in names:
                    if found[name] is not None:
                        source("plans", found, period, f"{indicator}_{name}", found[name], side)
            continue
        year = int(period)
        cell = cells.setdefault((key, year), {})
        for name in ("target", "target_max", "target_qualifier", "target_cue", "actual"):
            if found[name] is not None:
                cell[f"{indicator}_{name}"] = found[name]
                source("panel", found, period, f"{indicator}_{name}", found[name],
                       "actual" if name == "actual" else "target")
        if found["target"] is not None:
            cell[f"{indicator}_target_status"] = "stated"
            source("panel", found, period, f"{indicator}_target_status", "stated", "target")

    rows: list[dict[str, Any]] = []
    for key in sorted(regions):
        meta, years = regions[key]
        all_years = set(years) | {year for (k, year) in cells if k == key}
        for year in sorted(all_years):
            cell = cells.get((key, year), {})
            item = years.get(year)
            none_set: dict[str, tuple[int, int]] = {}
            unstated = [i for i in ids if f"{i}_target" not in cell]
            report = _text_of(item) if item is not None and unstated else None
            if report is not None:
                none_set = find_none_set(report, unstated)
            row: dict[str, Any] = {"region": meta.region, "region_code": meta.region_code,
                                   "level": meta.level, "year": year}
            for indicator in ids:
                for suffix in CELL_SUFFIXES:
                    row[indicator + suffix] = cell.get(indicator + suffix)
                status = f"{indicator}_target_status"
                if row[status] is None:
                    if indicator in none_set and item is not None and report is not None:
                        start, end = none_set[indicator]
                        row[status] = "none_set"
                        sources.append({"table": "panel", "region": meta.region, "region_code": meta.region_code,
                                        "period": str(year), "column": status, "value": "none_set",
                                        "file": item.file, "start": start, "end": end,
                                        "text": report.text[start:end], "ambiguous": False})
                    else:
                        row[status] = "not_found"
            rows.append(row)
    plans.sort(key=lambda p: (p["region_code"] or p["region"] or "", p["span"], ids.index(p["indicator"])))
    suffixes = CELL_SUFFIXES + ("_actual_max", "_actual_qualifier")
    rank = {i + s: n for n, (i, s) in enumerate((i, s) for i in ids for s in suffixes)}
    sources.sort(key=lambda s: (s["table"] != "panel", s["region_code"] or s["region"] or "", s["period"],
                                rank[s["column"]]))
    return Panel(rows=rows, plans=plans, sources=sources, indicators=ids, skipped=skipped)
