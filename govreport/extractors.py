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
"""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Iterable,
    Iterator,
    Protocol,
    Sequence,
    runtime_checkable,
)

import attrs

from govreport._errors import PluginError

if TYPE_CHECKING:  # pragma: no cover
    from govreport._facts import Fact
    from govreport._model import Report

__all__ = [
    "ENTRY_POINT_GROUP",
    "Extractor",
    "Indicator",
    "TableExtractor",
    "load_indicator_table",
    "merge_indicators",
]

#: The entry-point group under which extractor plugins register.
ENTRY_POINT_GROUP = "govreport.extractors"

MEASURES = ("level", "change")
FALLS = ("negative", "positive")
CHANGE_SUFFIXES = ("增长", "下降", "降低", "提高", "上涨", "减少")


def _split_list(value: str | Sequence[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split("|") if part.strip())
    return tuple(value)


@attrs.frozen
class Indicator:
    """One indicator of a domain: what it is called and how its figures are read.

    ``names`` are the Chinese names and aliases as reports write them. A name that ends
    with a change verb (``地区生产总值增长``) also lets the bare noun (``地区生产总值``) match
    when a change verb follows it (``地区生产总值年均增长8.5%``). ``units`` lists the units a
    figure may carry, canonical first (figures keep the unit the text uses). ``measure`` is
    ``level`` (a stock, a flow or a rate) or ``change`` (a growth or a reduction); ``fall``
    says what a written fall (下降, 降低) does to a change: ``negative`` for growth
    indicators (``下降2.1%`` -> -2.1), ``positive`` for reductions (``能耗降低16.5%`` -> 16.5).
    """

    id: str = attrs.field(validator=attrs.validators.matches_re(r"^[a-z][a-z0-9_]*$"))
    domain: str
    units: tuple[str, ...] = attrs.field(converter=_split_list)
    names: tuple[str, ...] = attrs.field(converter=_split_list)
    measure: str = attrs.field(default="level", validator=attrs.validators.in_(MEASURES))
    fall: str = attrs.field(default="negative", validator=attrs.validators.in_(FALLS))
    description: str = ""

    @units.validator
    def _check_units(self, _attribute: attrs.Attribute, units: tuple[str, ...]) -> None:
        if not units:
            raise ValueError(f"indicator {self.id!r} declares no unit")

    @names.validator
    def _check_names(self, _attribute: attrs.Attribute, names: tuple[str, ...]) -> None:
        if not names:
            raise ValueError(f"indicator {self.id!r} declares no name")

    @property
    def unit(self) -> str:
        """The canonical unit (the first of ``units``)."""
        return self.units[0]


@runtime_checkable
class Extractor(Protocol):
    """What govreport asks of an extractor plugin.

    ``name`` is what users select it by (``report.extract(plugins=["economy"])``),
    ``domain`` goes into every fact's ``domain`` field (and names the attention index),
    ``version`` goes into every fact's ``extractor`` field as ``name==version``.
    A plugin may also have ``lexicon`` (terms for :func:`govreport.attention`) and
    ``lexicon_source`` (where the terms come from).
    """

    name: str
    domain: str
    version: str

    @property
    def indicators(self) -> Sequence[Indicator]:
        """The indicators this plugin may report (their ids are unique across plugins)."""
        ...

    def extract(self, report: "Report") -> Iterable["Fact"]:
        """Yield the facts of ``report``; spans index ``report.text``."""
        ...


TABLE_COLUMNS = ("id", "domain", "units", "names", "measure", "fall", "description")


def load_indicator_table(source: str | os.PathLike[str] | Iterable[str]) -> list[Indicator]:
    """Read an indicator table: a UTF-8 TSV with a header row.

    Columns: ``id``, ``domain``, ``units`` and ``names`` (``|``-separated), and optional
    ``measure`` (``level``/``change``; default: ``change`` when the unit is ``%`` and every
    name ends with a change verb or 增速/增幅/涨幅/降幅, else ``level``), ``fall``
    (``negative``/``positive``) and ``description``. Lines starting with ``#`` are comments.
    ``source`` is a path or an iterable of lines.
    """
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError as exc:
            raise PluginError(f"{path}: indicator table is not UTF-8 (byte {exc.start}: "
                              f"{exc.reason}); save it as UTF-8") from None
        except OSError as exc:
            raise PluginError(f"{path}: cannot read indicator table: "
                              f"{exc.strerror or exc}") from None
        where = str(path)
    else:
        lines, where = list(source), "<table>"
    rows = [(number, line) for number, line in enumerate(lines, start=1)
            if line.strip() and not line.lstrip().startswith("#")]
    if not rows:
        raise PluginError(f"{where}: indicator table is empty")
    header = [cell.strip() for cell in rows[0][1].split("\t")]
    missing = {"id", "units", "names"} - set(header)
    if missing:
        raise PluginError(f"{where}: indicator table lacks columns {sorted(missing)}")
    indicators = []
    for number, line in rows[1:]:
        cells = dict(zip(header, (cell.strip() for cell in line.split("\t"))))
        try:
            indicators.append(_indicator_from_row(cells))
        except (TypeError, ValueError) as exc:
            # attrs validators put the Attribute in args; its repr is no message for a user
            reason = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
            raise PluginError(f"{where}: line {number}: {reason}") from None
    return indicators


def _indicator_from_row(cells: dict[str, str]) -> Indicator:
    names = _split_list(cells.get("names", ""))
    units = _split_list(cells.get("units", ""))
    measure = cells.get("measure") or _guess_measure(names, units)
    return Indicator(
        id=cells.get("id", ""),
        domain=cells.get("domain", ""),
        units=units,
        names=names,
        measure=measure,
        fall=cells.get("fall") or "negative",
        description=cells.get("description", ""),
    )


def _guess_measure(names: Sequence[str], units: Sequence[str]) -> str:
    change_words = CHANGE_SUFFIXES + ("增速", "增幅", "涨幅", "降幅")
    if units and units[0] == "%" and names and all(n.endswith(change_words) for n in names):
        return "change"
    return "level"


def merge_indicators(base: Sequence[Indicator], extra: Sequence[Indicator]) -> list[Indicator]:
    """Add a user's table to a plugin's: new names join an existing id, new ids are added."""
    merged = {indicator.id: indicator for indicator in base}
    # names and units gathered in dicts (ordered sets) first: linear even when thousands of
    # rows add names to one id
    names: dict[str, dict[str, None]] = {}
    units: dict[str, dict[str, None]] = {}
    for indicator in extra:
        if indicator.id not in merged:
            merged[indicator.id] = indicator
        names.setdefault(indicator.id, dict.fromkeys(merged[indicator.id].names)).update(
            dict.fromkeys(indicator.names))
        units.setdefault(indicator.id, dict.fromkeys(merged[indicator.id].units)).update(
            dict.fromkeys(indicator.units))
    for id_ in names:
        known = merged[id_]
        if tuple(names[id_]) != known.names or tuple(units[id_]) != known.units:
            merged[id_] = attrs.evolve(known, names=tuple(names[id_]), units=tuple(units[id_]))
    return list(merged.values())


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

    def extract(self, report: "Report") -> Iterator["Fact"]:
        """Match the table against ``report`` and let :meth:`refine` adjust the facts."""
        from govreport._matcher import match_indicators
        from govreport._registry import known_indicators

        facts = match_indicators(report, self._indicators, extractor=f"{self.name}=={self.version}",
                                 context=known_indicators())
        return iter(self.refine(report, facts))

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
