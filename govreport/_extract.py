"""Run extractor plugins on a report, isolating their failures."""
from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Iterable, Sequence

from govreport._facts import Extraction, Fact, PluginFailure, dedupe_facts
from govreport._registry import select_plugins
from govreport.extractors import Indicator, load_indicator_table

if TYPE_CHECKING:  # pragma: no cover
    from govreport._model import Report

__all__ = ["extract_report"]

logger = logging.getLogger("govreport.extract")


def extract_report(
    report: "Report",
    plugins: Iterable[str] | str | None = None,
    *,
    indicators: str | os.PathLike[str] | Sequence[Indicator] | None = None,
) -> Extraction:
    """Run the selected plugins (default: all) on ``report``.

    ``indicators`` is a user's indicator table (a TSV path or :class:`Indicator` rows):
    names for ids a plugin already has become extra aliases, new ids join the plugin of
    their domain. A plugin that raises is reported in :attr:`Extraction.failures` and
    logged; the other plugins' facts are kept.
    """
    extra: Sequence[Indicator] = ()
    if indicators is not None:
        extra = (load_indicator_table(indicators) if isinstance(indicators, (str, os.PathLike))
                 else list(indicators))
    facts: list[Fact] = []
    failures: list[PluginFailure] = []
    for plugin in select_plugins(plugins):
        if extra and hasattr(plugin, "with_indicators"):
            plugin = plugin.with_indicators(extra)
        try:
            found = list(plugin.extract(report))
            for fact in found:
                if report.text[fact.start:fact.end] != fact.text:
                    raise ValueError(f"fact {fact.indicator} span {fact.start}:{fact.end} "
                                     f"does not index report.text")
        except Exception as exc:  # isolation: one plugin's bug never hides the others' facts
            failure = PluginFailure(plugin=plugin.name, error=f"{type(exc).__name__}: {exc}",
                                    source=report.source)
            failures.append(failure)
            logger.error("%s", failure)
            continue
        facts.extend(found)
    facts.sort(key=lambda f: (f.start, f.end, f.indicator))
    return Extraction(facts=dedupe_facts(facts), failures=failures, source=report.source,
                      report=report)
