"""The plugin boundary: run extractor plugins on a report, each alone, and check what they return.

Every plugin gets its own read-only copy of the report (:func:`read_only_copy`), an explicit
:class:`~govreport.extractors.ExtractionContext` when its ``extract`` takes one, and its
output is checked (:func:`check_facts`) before it joins the others'. Whatever one plugin
does, raising, returning a span outside the text, a NaN, an undeclared unit, or writing into
its copy of the report, costs that plugin's facts on that report and nothing else.
"""
from __future__ import annotations

import inspect
from array import array
import logging
import os
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import attrs

from govreport._errors import InvalidFactError, PluginError
from govreport._facts import Extraction, Fact, PluginFailure, dedupe_facts
from govreport._indicators import Indicator, load_indicator_table
from govreport._matcher import release
from govreport._offsets import OffsetMap
from govreport._registry import plugins as all_plugins
from govreport._registry import select_plugins
from govreport.extractors import ExtractionContext, Extractor, convert_units

if TYPE_CHECKING:  # pragma: no cover
    from govreport._model import Report

__all__ = ["extract_report", "run_plugins", "with_user_indicators", "read_only_copy",
           "check_facts", "user_indicators", "check_indicators"]

logger = logging.getLogger("govreport.extract")

def user_indicators(indicators: str | os.PathLike[str] | Sequence[Indicator] | None) -> tuple[Indicator, ...]:
    """A user's indicator table as rows: a TSV path is read, rows are taken as they are."""
    if indicators is None:
        return ()
    if isinstance(indicators, (str, os.PathLike)):
        return tuple(load_indicator_table(indicators))
    return tuple(indicators)


def check_indicators(
    indicators: str | os.PathLike[str] | Sequence[Indicator],
    plugins: Sequence[Extractor],
) -> tuple[Indicator, ...]:
    """A user's indicator table, read and checked: every row must join some plugin.

    A row whose ``domain`` no installed plugin has would never be matched; it is an error
    (naming the rows and the domains there are), not a row silently dropped. Rows of an
    installed plugin that is not among ``plugins`` are allowed: they wait for that plugin.
    """
    rows = user_indicators(indicators)
    domains = {plugin.domain for plugin in all_plugins()} | {plugin.domain for plugin in plugins}
    orphans = [row for row in rows if row.domain not in domains]
    if orphans:
        where = os.fspath(indicators) if isinstance(indicators, (str, os.PathLike)) else "<table>"
        listed = ", ".join(f"{row.id} ({row.domain or 'no domain'})" for row in orphans[:10])
        more = f" and {len(orphans) - 10} more" if len(orphans) > 10 else ""
        raise PluginError(f"{where}: no installed plugin has the domain of {listed}{more}; the "
                          f"domains are: {', '.join(sorted(domains)) or 'none'}")
    return rows


def with_user_indicators(plugins: Iterable[Extractor], extra: Sequence[Indicator]) -> list[Extractor]:
    """The plugins, each extended by the rows of ``extra`` of its domain (when it can be)."""
    out = []
    for plugin in plugins:
        extend = getattr(plugin, "with_indicators", None)
        out.append(extend(extra) if extra and extend is not None else plugin)
    return out


def extract_report(
    report: "Report",
    plugins: Iterable[str] | str | None = None,
    *,
    indicators: str | os.PathLike[str] | Sequence[Indicator] | None = None,
) -> Extraction:
    """Run the selected plugins (default: all) on ``report``.

    ``indicators`` is a user's indicator table (a TSV path or :class:`Indicator` rows):
    names for ids a plugin already has become extra aliases, new ids join the plugin of
    their domain; a row whose domain no plugin has is an error. A plugin that raises
    (``SystemExit`` included: ``sys.exit`` in a plugin is its bug, not the caller's wish), or
    returns something that is not a valid fact, is reported in :attr:`Extraction.failures`
    and logged; the other plugins' facts are kept.
    """
    selected = select_plugins(plugins)
    extra = () if indicators is None else check_indicators(indicators, selected)
    return run_plugins(report, with_user_indicators(selected, extra))


def run_plugins(report: "Report", plugins: Sequence[Extractor]) -> Extraction:
    """Run resolved plugin objects on ``report`` (the unit of work of every scheduler)."""
    text = report.text  # a str: whatever a plugin does, the spans are checked against this
    context = ExtractionContext(
        indicators=tuple(i for plugin in plugins for i in plugin.indicators), _origin=report)
    facts: list[Fact] = []
    failures: list[PluginFailure] = []
    try:
        for plugin in plugins:
            try:
                found = _call(plugin, read_only_copy(report), context)
                declared = tuple(plugin.indicators)
                found = convert_units(check_facts(found, text, declared), declared)
            except (Exception, SystemExit) as exc:  # noqa: BLE001 - one plugin's bug never hides the others
                failure = PluginFailure(plugin=plugin.name, error=f"{type(exc).__name__}: {exc}",
                                        source=report.source)
                failures.append(failure)
                logger.error("%s", failure)
                continue
            facts.extend(found)
    finally:
        release(report)  # the matcher's analysis, shared by the plugins, is no longer needed
    facts.sort(key=lambda f: (f.start, f.end, f.indicator))
    return Extraction(facts=dedupe_facts(facts), failures=failures, source=report.source,
                      report=report)


def _takes_context(method: Any) -> bool:
    """Whether ``method`` takes ``context=``: read from its signature once per function
    (the signature of a plugin's method is read on every report otherwise)."""
    function = getattr(method, "__func__", method)  # the same for every bound copy
    try:
        known = _TAKES_CONTEXT.get(function)
    except TypeError:  # an unhashable callable: read it each time
        return _signature_takes_context(method)
    if known is None:
        known = _signature_takes_context(method)
        if len(_TAKES_CONTEXT) < 1024:
            _TAKES_CONTEXT[function] = known
    return known


_TAKES_CONTEXT: dict[Any, bool] = {}


def _signature_takes_context(method: Any) -> bool:
    try:
        parameters = inspect.signature(method).parameters.values()
    except (TypeError, ValueError):  # a builtin or a C extension: call it the classic way
        return False
    return any(p.name == "context" and p.kind is not p.POSITIONAL_ONLY or p.kind is p.VAR_KEYWORD
               for p in parameters)


def _call(plugin: Extractor, report: "Report", context: ExtractionContext) -> list[Any]:
    """``plugin.extract`` with the context when its signature takes one (``extract(report)``
    of a plugin written before contexts existed keeps working)."""
    if _takes_context(plugin.extract):
        return list(plugin.extract(report, context=context))  # type: ignore[call-arg]
    return list(plugin.extract(report))


def read_only_copy(report: "Report") -> "Report":
    """A copy of ``report`` for one plugin, in O(1): a new :class:`Report` and :class:`Meta`
    (what a plugin could write into with ``object.__setattr__`` lands in its copy only); the
    offset maps (immutable :class:`~govreport._offsets.OffsetMap`, or read-only views of
    other sequences), the text (an immutable ``str``), the section tree, paragraphs and
    sentences (frozen objects) are shared with the original."""
    offsets = report.offsets
    if offsets is not None:
        offsets = (_read_only(offsets[0]), _read_only(offsets[1]))
    return attrs.evolve(report, meta=attrs.evolve(report.meta), offsets=offsets)


def _read_only(values: Sequence[int]) -> Sequence[int]:
    """A read-only view of an offset map (an OffsetMap is immutable; a copy for any other
    sequence)."""
    if isinstance(values, OffsetMap):
        return values
    if isinstance(values, array):
        return memoryview(values).toreadonly()
    return tuple(values)


def _finite(value: object) -> bool:
    return isinstance(value, Decimal) and value.is_finite()


def check_facts(found: Iterable[Any], text: str, indicators: Sequence[Indicator]) -> list[Fact]:
    """``found`` when every item is a valid fact of ``indicators`` on ``text``, else
    :class:`~govreport.InvalidFactError` naming the first that is not.

    Valid: a :class:`Fact` of one of ``indicators``, whose span lies inside ``text`` and
    whose ``text`` is ``text[start:end]``, whose value (and maximum) is a finite Decimal
    (NaN, sNaN and Infinity are refused: they break deduplication and every export), and
    whose unit the indicator declares.
    """
    by_id = {indicator.id: indicator for indicator in indicators}
    facts = list(found)
    for fact in facts:
        if not isinstance(fact, Fact):
            raise InvalidFactError(f"returned a {type(fact).__name__}, not a Fact: {fact!r:.200}")
        where = f"fact {fact.indicator!r} at {fact.start}:{fact.end}"
        if not (isinstance(fact.start, int) and isinstance(fact.end, int)
                and 0 <= fact.start <= fact.end <= len(text)) or text[fact.start:fact.end] != fact.text:
            raise InvalidFactError(f"{where}: the span does not index report.text "
                                   f"(text {fact.text!r:.60})")
        if not _finite(fact.value) or not (fact.value_max is None or _finite(fact.value_max)):
            raise InvalidFactError(f"{where}: value {fact.value!r} / value_max "
                                   f"{fact.value_max!r} is not a finite Decimal")
        indicator = by_id.get(fact.indicator)
        if indicator is None:
            raise InvalidFactError(f"{where}: the plugin does not declare this indicator")
        if fact.unit not in indicator.units:
            raise InvalidFactError(f"{where}: unit {fact.unit!r} is not one the indicator "
                                   f"reports ({', '.join(indicator.units)})")
    return facts
