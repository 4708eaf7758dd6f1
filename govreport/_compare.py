"""Targets against results: what a report promised for a year, and what the next one reported.

The report of year Y sets the targets for Y (``kind == "target"``, ``period == "Y"``); the
report of Y+1 reviews that year (``kind == "actual"``, ``period == "Y"``). Researchers
join the two by hand for every region and indicator; :func:`compare` does the join. Plan
periods work the same way: a ``"2021-2025"`` target from the 2021 report meets the
``"2021-2025"`` result from the 2026 report.
"""
from __future__ import annotations

import os
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from govreport._errors import GovReportError

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from govreport._facts import Fact
    from govreport._model import Meta

__all__ = ["compare", "COMPARE_FIELDS"]

#: the columns of a comparison row, in order
COMPARE_FIELDS = (
    "region", "region_code", "province", "level", "indicator", "domain", "period", "unit",
    "aggregate", "target", "target_max", "target_qualifier", "target_cue", "actual", "actual_max",
    "actual_qualifier", "gap", "met", "ambiguous", "target_year", "actual_year", "target_text",
    "actual_text", "target_file", "actual_file", "target_start", "target_end", "actual_start",
    "actual_end",
)

HOWS = ("inner", "left", "outer")


def _period_years(period: str) -> tuple[int, int] | None:
    """``"2020"`` -> (2020, 2020); ``"2016-2020"`` -> (2016, 2020); else None."""
    parts = period.split("-")
    try:
        years = [int(p) for p in parts]
    except ValueError:
        return None
    if len(years) == 1:
        return years[0], years[0]
    if len(years) == 2 and years[0] <= years[1]:
        return years[0], years[1]
    return None


def _as_pairs(item: Any, plugins: Any) -> Iterator[tuple["Meta", Iterable["Fact"], str | None]]:
    """Whatever the user gave, as (meta, facts, file) of each report."""
    from govreport._batch import ReportResult
    from govreport._facts import Extraction
    from govreport._model import Meta, Report

    if isinstance(item, Report):
        yield item.meta, item.extract(plugins=plugins).facts, item.source
    elif isinstance(item, ReportResult):
        if item.ok and item.meta is not None:
            yield item.meta, item.facts, item.file
    elif isinstance(item, (str, os.PathLike)):
        from govreport._load import load

        report = load(item)
        yield report.meta, report.extract(plugins=plugins).facts, report.source
    elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], Extraction):
        first, extraction = item
        meta = first.meta if isinstance(first, Report) else first
        if not isinstance(meta, Meta):
            raise TypeError("compare() takes (Report or Meta, Extraction) pairs")
        yield meta, extraction.facts, extraction.source
    elif isinstance(item, Extraction) and item.report is not None:
        yield item.report.meta, item.facts, item.source
    elif isinstance(item, Extraction):
        raise TypeError("an Extraction alone does not say which region and year it is about: "
                        "pass the Report, a (report, extraction) pair, or a batch ReportResult")
    elif isinstance(item, Iterable):
        for sub in item:
            yield from _as_pairs(sub, plugins)
    else:
        raise TypeError(f"compare() cannot use a {type(item).__name__}")


def _met(target: "Fact", actual: "Fact") -> bool | None:
    """A plain reading of the target's wording; ``None`` when the wording is soft (左右, 近)."""
    if target.qualifier in ("about", "nearly"):
        return None
    if target.qualifier == "at_most":
        limit = target.value_max if target.value_max is not None else target.value
        return actual.value <= limit
    return actual.value >= target.value


def compare(
    *reports: Any,
    plugins: Iterable[str] | str | None = None,
    how: str = "inner",
    same_year: bool = False,
    dataframe: bool = False,
) -> "list[dict[str, Any]] | pandas.DataFrame":
    """Join each region's targets for a period with the results reported for it.

    ``reports`` are :class:`~govreport.Report` objects (extracted with ``plugins``), paths,
    batch :class:`~govreport._batch.ReportResult` objects, ``(report, extraction)`` pairs,
    extractions made by :meth:`Report.extract <govreport.Report.extract>`, or iterables of
    these: typically every report of one or more regions over several years.
    A target stated in the report of the period's first year (year Y for ``"Y"``, 2021
    for ``"2021-2025"``) is joined with the actual stated in the report of the year after
    the period ends, on region, indicator, period, unit and aggregate. With
    ``same_year=True`` an actual stated in the report of the period's last year (a report
    given late in the year, or one that states the year's result early) is taken when no
    later report states it.

    Each row (:data:`COMPARE_FIELDS`) has ``gap = actual - target`` (the lower end of a
    range target) and ``met``: for an ``at_most`` target (以内, 不超过) the actual is at or
    under it, for any other the actual is at or above it, and ``None`` for soft wording
    (``about``, ``nearly``), where the tolerance is yours to choose. When a report states
    several figures for one key (two unemployment rates, say) the first target meets the
    first actual and ``ambiguous`` is True: check ``target_text`` and ``actual_text``.

    Each side carries its source: ``target_text``, ``target_file``, ``target_start`` and
    ``target_end`` (the span in that report's text), and the same for ``actual``.

    ``how`` is ``"inner"`` (pairs only), ``"left"`` (every target, actual empty when not
    reported) or ``"outer"`` (every target and every actual). ``dataframe=True`` returns a
    pandas DataFrame (values stay exact Decimals).
    """
    if how not in HOWS:
        raise ValueError(f"how must be one of {', '.join(HOWS)}, not {how!r}")
    # (region key, indicator, period, unit, aggregate) -> [(fact, meta, file)], by kind
    targets: dict[tuple, list[tuple[Any, Any, Any]]] = {}
    actuals: dict[tuple, list[tuple[Any, Any, Any]]] = {}
    early: dict[tuple, list[tuple[Any, Any, Any]]] = {}  # actuals stated in the period's last year
    regions: dict[str, "Meta"] = {}
    for item in reports:
        for meta, facts, file in _as_pairs(item, plugins):
            region = meta.region_code or meta.region
            if region is None or meta.year is None:
                continue  # a report that does not say where or when cannot be placed
            regions.setdefault(region, meta)
            for fact in facts:
                years = _period_years(fact.period)
                if years is None:
                    continue
                key = (region, fact.indicator, fact.period, fact.unit, fact.aggregate)
                if fact.kind == "target" and meta.year == years[0]:
                    targets.setdefault(key, []).append((fact, meta, file))
                elif fact.kind == "actual" and meta.year == years[1] + 1:
                    actuals.setdefault(key, []).append((fact, meta, file))
                elif fact.kind == "actual" and same_year and meta.year == years[1]:
                    early.setdefault(key, []).append((fact, meta, file))
    for key, stated in early.items():
        actuals.setdefault(key, stated)

    keys = list(targets)
    if how == "outer":
        keys += [key for key in actuals if key not in targets]
    elif how == "inner":
        keys = [key for key in keys if key in actuals]
    keys.sort(key=lambda k: (k[0], _period_years(k[2]) or (0, 0), k[1], k[3], k[4] or ""))

    rows: list[dict[str, Any]] = []
    for key in keys:
        region, indicator, period, unit, aggregate = key
        meta = regions[region]
        t = targets.get(key, [])
        a = actuals.get(key, [])
        tf, tmeta, tfile = t[0] if t else (None, None, None)
        af, ameta, afile = a[0] if a else (None, None, None)
        gap: Decimal | None = None
        met: bool | None = None
        either = tf if tf is not None else af
        if either is None:  # a key comes from a target or an actual: never both missing
            continue
        if tf is not None and af is not None:
            gap = af.value - tf.value
            met = _met(tf, af)
        rows.append({
            "region": meta.region, "region_code": meta.region_code, "province": meta.province,
            "level": meta.level, "indicator": indicator, "domain": either.domain,
            "period": period, "unit": unit, "aggregate": aggregate,
            "target": tf.value if tf else None, "target_max": tf.value_max if tf else None,
            "target_qualifier": tf.qualifier if tf else None, "target_cue": tf.cue if tf else None,
            "actual": af.value if af else None, "actual_max": af.value_max if af else None,
            "actual_qualifier": af.qualifier if af else None,
            "gap": gap, "met": met, "ambiguous": len(t) > 1 or len(a) > 1,
            "target_year": tmeta.year if tmeta else None, "actual_year": ameta.year if ameta else None,
            "target_text": tf.text if tf else None, "actual_text": af.text if af else None,
            "target_file": tfile, "actual_file": afile,
            "target_start": tf.start if tf else None, "target_end": tf.end if tf else None,
            "actual_start": af.start if af else None, "actual_end": af.end if af else None,
        })
    if not dataframe:
        return rows
    try:
        import pandas
    except ImportError:
        raise GovReportError("compare(dataframe=True) needs pandas: pip install 'govreport[pandas]'") from None
    return pandas.DataFrame(rows, columns=list(COMPARE_FIELDS))
