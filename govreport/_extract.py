"""Run extractor plugins on a report, isolating their failures."""
from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Iterable, Sequence

from govreport._facts import Extraction, Fact, PluginFailure, dedupe_facts
from govreport._errors import PluginError
from govreport._registry import plugins as all_plugins
from govreport._registry import select_plugins
from govreport.extractors import Extractor, Indicator, load_indicator_table

if TYPE_CHECKING:  # pragma: no cover
    from govreport._model import Report

__all__ = ["extract_report", "check_indicators"]

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
    their domain. A plugin that raises (``SystemExit`` included: ``sys.exit`` in a plugin
    is its bug, not the caller's wish) is reported in :attr:`Extraction.failures` and
    logged; the other plugins' facts are kept.
    """
    selected = select_plugins(plugins)
    extra: Sequence[Indicator] = () if indicators is None else check_indicators(indicators, selected)
    facts: list[Fact] = []
    failures: list[PluginFailure] = []
    for plugin in selected:
        if extra and hasattr(plugin, "with_indicators"):
            plugin = plugin.with_indicators(extra)
        try:
            found = list(plugin.extract(report))
            for fact in found:
                if report.text[fact.start:fact.end] != fact.text:
                    raise ValueError(f"fact {fact.indicator} span {fact.start}:{fact.end} "
                                     f"does not index report.text")
        except (Exception, SystemExit) as exc:  # isolation: one plugin's bug never hides the others' facts
            failure = PluginFailure(plugin=plugin.name, error=f"{type(exc).__name__}: {exc}",
                                    source=report.source)
            failures.append(failure)
            logger.error("%s", failure)
            continue
        facts.extend(found)
    facts.sort(key=lambda f: (f.start, f.end, f.indicator))
    return Extraction(facts=dedupe_facts(facts), failures=failures, source=report.source,
                      report=report)


def check_indicators(
    indicators: str | os.PathLike[str] | Sequence[Indicator],
    plugins: Sequence[Extractor],
) -> list[Indicator]:
    """A user's indicator table, read and checked: every row must join some plugin.

    A row whose ``domain`` no installed plugin has would never be matched; it is an error
    (naming the rows and the domains there are), not a row silently dropped. Rows of an
    installed plugin that is not among ``plugins`` are allowed: they wait for that plugin.
    """
    rows = (load_indicator_table(indicators) if isinstance(indicators, (str, os.PathLike))
            else list(indicators))
    domains = {plugin.domain for plugin in all_plugins()} | {plugin.domain for plugin in plugins}
    orphans = [row for row in rows if row.domain not in domains]
    if orphans:
        where = os.fspath(indicators) if isinstance(indicators, (str, os.PathLike)) else "<table>"
        listed = ", ".join(f"{row.id} ({row.domain or 'no domain'})" for row in orphans[:10])
        more = f" and {len(orphans) - 10} more" if len(orphans) > 10 else ""
        raise PluginError(f"{where}: no installed plugin has the domain of {listed}{more}; the "
                          f"domains are: {', '.join(sorted(domains)) or 'none'}")
    return rows
