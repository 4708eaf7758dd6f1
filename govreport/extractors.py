"""The extractor plugin interface: everything a plugin author needs, and nothing else.

A plugin is an object with a ``name``, ``domain``, ``version``, the ``indicators`` it
declares and an ``extract(report)`` method yielding :class:`~govreport.Fact` objects. It is
registered under the entry-point group ``govreport.extractors``::

    [project.entry-points."govreport.extractors"]
    education = "govreport_education:extractor"

Most domain plugins are data: an *indicator table* (a TSV file, see
:func:`load_indicator_table`) that :class:`TableExtractor` links to the quantities of a
report with the shared matcher, which also decides kind, period, cue and aggregate. A plugin
that needs more overrides :meth:`TableExtractor.refine`, the one hook for custom code.

What crosses the boundary is checked (:func:`govreport.Report.extract`): each plugin gets its
own read-only copy of the report, and what it returns must be facts of its own indicators
whose spans index the report's text, whose values are finite and whose units its indicators
declare. A plugin that breaks the contract fails alone, as one that raises does.
"""
from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Iterable, Iterator, Protocol, Sequence, runtime_checkable

import attrs

from govreport._errors import PluginError
from govreport._indicators import (
    CHANGE_SUFFIXES,
    Indicator,
    UnitConversion,
    load_indicator_table,
    merge_indicators,
)
from govreport._values import to_tuple

if TYPE_CHECKING:  # pragma: no cover
    from govreport._facts import Fact
    from govreport._model import Report

__all__ = [
    "CHANGE_SUFFIXES",
    "ENTRY_POINT_GROUP",
    "ExtractionContext",
    "Extractor",
    "Indicator",
    "TableExtractor",
    "UnitConversion",
    "load_indicator_table",
    "merge_indicators",
]

#: The entry-point group under which extractor plugins register.
ENTRY_POINT_GROUP = "govreport.extractors"


@attrs.frozen
class ExtractionContext:
    """What a plugin may know of the extraction it runs in, besides the report.

    ``indicators`` are the indicators of every plugin that runs on the report (user tables
    included): the matcher weighs all their names at once, so that a figure named by
    another plugin's longer name (``单位国内生产总值能耗``) is not claimed by a shorter one
    (``国内生产总值``). A plugin's output depends on the report and this context only, never
    on what else happens to be installed in the process.
    """

    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=to_tuple)
    # The report the plugins' read-only copies were made from: plugins built on the shared
    # matcher analyse it once for all (private; a plugin reads the report it is given).
    _origin: "Report | None" = attrs.field(default=None, repr=False, eq=False, alias="_origin")

    def shared_report(self, report: "Report") -> "Report":
        """The report the matcher analyses for ``report``: the original of a copy, once for
        every plugin, or ``report`` itself when it is not a copy of this context's report."""
        origin = self._origin
        return origin if origin is not None and origin.text is report.text else report


@runtime_checkable
class Extractor(Protocol):
    """What govreport asks of an extractor plugin.

    ``name`` is what users select it by (``report.extract(plugins=["economy"])``),
    ``domain`` goes into every fact's ``domain`` field (and names the attention index),
    ``version`` goes into every fact's ``extractor`` field as ``name==version``.
    A plugin may also have ``lexicon`` (terms for :func:`govreport.attention`) and
    ``lexicon_source`` (where the terms come from).

    ``report`` is the plugin's own read-only copy: changing it (even with
    ``object.__setattr__``) changes nothing for the other plugins. What ``extract`` returns
    is checked: facts of the plugin's own ``indicators``, spans that index ``report.text``,
    finite values, units the indicator declares. A fact that breaks this makes the plugin
    fail on that report (a :class:`govreport.PluginFailure`); the others' facts are kept.
    """

    name: str
    domain: str
    version: str

    @property
    def indicators(self) -> Sequence[Indicator]:
        """The indicators this plugin may report (their ids are unique across plugins)."""
        ...

    def extract(self, report: "Report") -> Iterable["Fact"]:
        """Yield the facts of ``report``; spans index ``report.text``.

        The method may also take a keyword argument ``context`` (an
        :class:`ExtractionContext`); govreport passes it when the signature has it.
        """
        ...


class TableExtractor:
    """An extractor whose knowledge is an indicator table, matched by govreport's core.

    Build one from a table shipped inside the plugin's package::

        extractor = TableExtractor.from_package(
            "govreport_education", "indicators.tsv", name="education", version="1.0")

    Subclass and override :meth:`refine` where the table is not enough.
    """

    def __init__(
        self,
        *,
        name: str,
        domain: str | None = None,
        version: str,
        indicators: Sequence[Indicator],
        lexicon: Sequence[str] = (),
        lexicon_source: str = "",
    ) -> None:
        if not indicators:
            raise PluginError(f"extractor {name!r} declares no indicators")
        self.name = name
        self.domain = domain or indicators[0].domain
        self.version = version
        self._indicators = tuple(indicators)
        self.lexicon = tuple(lexicon)
        self.lexicon_source = lexicon_source

    @classmethod
    def from_package(
        cls, package: str, table: str, *, name: str, version: str,
        lexicon: str | None = None, domain: str | None = None,
    ) -> "TableExtractor":
        """Load the indicator table (and optionally a lexicon file) shipped in ``package``."""
        files = resources.files(package)
        indicators = load_indicator_table((files / table).read_text(encoding="utf-8").splitlines())
        terms: list[str] = []
        source = ""
        if lexicon:
            terms, source = read_lexicon((files / lexicon).read_text(encoding="utf-8"))
        return cls(name=name, domain=domain, version=version, indicators=indicators,
                   lexicon=terms, lexicon_source=source)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """The indicators of the table."""
        return self._indicators

    def with_indicators(self, extra: Sequence[Indicator]) -> "TableExtractor":
        """A copy whose table also has ``extra`` rows (aliases for known ids, new ids).

        Only rows of this extractor's domain are taken, so one user table can extend several
        plugins at once.
        """
        own = [i for i in extra if i.domain == self.domain]
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone._indicators = tuple(merge_indicators(self._indicators, own))
        return clone

    def extract(self, report: "Report", *, context: ExtractionContext | None = None) -> Iterator["Fact"]:
        """Match the table against ``report`` and let :meth:`refine` adjust the facts.

        ``context`` (given by :meth:`govreport.Report.extract`) holds the indicators of every
        plugin that runs; without it the table is matched alone. Figures in a unit the table
        converts (``斤 -> 吨 x 0.0005``) are reported converted.
        """
        from govreport._matcher import match_indicators

        if context is None:
            context = ExtractionContext(indicators=self._indicators)
        facts = match_indicators(context.shared_report(report), self._indicators,
                                 extractor=f"{self.name}=={self.version}",
                                 context=context.indicators)
        return iter(self.refine(report, convert_units(facts, self._indicators)))

    def refine(self, report: "Report", facts: list["Fact"]) -> Iterable["Fact"]:
        """The hook for custom code: return the facts to keep (default: all, unchanged).

        Use :func:`attrs.evolve` to change a fact; keep ``text``/``start``/``end`` consistent.
        """
        return facts

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}=={self.version}: {len(self._indicators)} indicators>"


def read_lexicon(text: str) -> tuple[list[str], str]:
    """Parse a lexicon file: one term a line; ``# source: ...`` names where it comes from."""
    terms: list[str] = []
    source = ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            body = stripped.lstrip("#").strip()
            if body.lower().startswith("source:"):
                source = body.split(":", 1)[1].strip()
            continue
        if stripped:
            terms.append(stripped.split("\t")[0])
    return terms, source


def convert_units(facts: Iterable["Fact"], indicators: Iterable[Indicator]) -> list["Fact"]:
    """``facts`` with the unit conversions of their indicators applied (only these
    indicators': a fact of another indicator is returned as it is). Applying twice changes
    nothing: a converted fact carries its target unit, which no conversion has as source."""
    by_id = {indicator.id: indicator for indicator in indicators}
    out = []
    for fact in facts:
        indicator = by_id.get(fact.indicator)
        conversion = indicator.conversion(fact.unit) if indicator is not None else None
        if conversion is not None:
            fact = attrs.evolve(
                fact, unit=conversion.target, value=conversion.apply(fact.value),
                value_max=None if fact.value_max is None else conversion.apply(fact.value_max))
        out.append(fact)
    return out
