"""Indicators and the indicator table: what a plugin declares, read from a file.

This is the lowest layer of the plugin interface: it imports only the errors, the table
reader and :mod:`attrs`, so the core matcher and the public :mod:`govreport.extractors`
both build on it without importing each other. :mod:`govreport.extractors` re-exports
everything here.
"""
from __future__ import annotations

import decimal
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Sequence

import attrs

from govreport._errors import PluginError
from govreport._tsv import TableError, rows, table

__all__ = [
    "CHANGE_SUFFIXES",
    "FALLS",
    "MEASURES",
    "TABLE_COLUMNS",
    "Indicator",
    "UnitConversion",
    "load_indicator_table",
    "merge_indicators",
]

MEASURES = ("level", "change")
FALLS = ("negative", "positive")
#: Change verbs that may end an indicator name (``地区生产总值增长``).
CHANGE_SUFFIXES = ("增长", "下降", "降低", "提高", "上涨", "减少")
#: The columns an indicator table may have (``id``, ``units`` and ``names`` are required).
TABLE_COLUMNS = ("id", "domain", "units", "names", "measure", "fall", "conversions", "description")

# 斤 -> 吨 x 0.0005 (the multiplication sign may be x, X, × or *)
_CONVERSION = re.compile(r"^\s*(?P<source>\S+?)\s*->\s*(?P<target>\S+?)\s*[xX×*]\s*(?P<factor>\S+)\s*$")
# exact products: a conversion never rounds a figure
_EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
                         traps=[decimal.InvalidOperation, decimal.Overflow, decimal.Inexact])


def _split_list(value: str | Sequence[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split("|") if part.strip())
    return tuple(value)


def _positive_decimal(value: Any) -> Decimal:
    if isinstance(value, float):
        raise TypeError("a conversion factor is a Decimal, an int or a string, never a float")
    try:
        factor = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except decimal.InvalidOperation:
        raise ValueError(f"conversion factor {value!r} is not a number") from None
    if not factor.is_finite() or factor <= 0:
        raise ValueError(f"conversion factor {value!r} is not a finite positive number")
    return factor


@attrs.frozen
class UnitConversion:
    """A figure written in ``source`` is reported in ``target``, its value times ``factor``.

    Written in an indicator table's ``conversions`` column as ``斤 -> 吨 x 0.0005``.
    The product is exact (:class:`~decimal.Decimal`), trailing zeros removed.
    """

    source: str
    target: str
    factor: Decimal = attrs.field(converter=_positive_decimal)

    def __attrs_post_init__(self) -> None:
        if not self.source or not self.target or self.source == self.target:
            raise ValueError(f"bad conversion {self.source!r} -> {self.target!r}")

    @classmethod
    def parse(cls, text: str) -> "UnitConversion":
        """``"斤 -> 吨 x 0.0005"`` -> ``UnitConversion("斤", "吨", Decimal("0.0005"))``."""
        match = _CONVERSION.match(text)
        if match is None:
            raise ValueError(f"conversion {text!r} is not written as 'SOURCE -> TARGET x FACTOR'")
        return cls(match["source"], match["target"], match["factor"])

    def apply(self, value: Decimal) -> Decimal:
        """``value`` times the factor, exactly, without trailing zeros (``65000000``)."""
        product = _EXACT.multiply(value, self.factor)
        if product == product.to_integral_value():
            return product.quantize(Decimal(1), context=_EXACT)
        return product.normalize(_EXACT)

    def __str__(self) -> str:
        return f"{self.source} -> {self.target} x {self.factor}"


def _conversions(value: str | Iterable[UnitConversion | str]) -> tuple[UnitConversion, ...]:
    items = _split_list(value) if isinstance(value, str) else tuple(value)
    return tuple(item if isinstance(item, UnitConversion) else UnitConversion.parse(item)
                 for item in items)


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
    ``conversions`` report a figure written in one of ``units`` in another of them
    (``斤 -> 吨 x 0.0005``): they apply to this indicator's facts only, never to another
    plugin's (for a unit every plugin should know, see :func:`govreport.numbers.add_unit`).
    """

    id: str = attrs.field(validator=attrs.validators.matches_re(r"^[a-z][a-z0-9_]*$"))
    domain: str
    units: tuple[str, ...] = attrs.field(converter=_split_list)
    names: tuple[str, ...] = attrs.field(converter=_split_list)
    measure: str = attrs.field(default="level", validator=attrs.validators.in_(MEASURES))
    fall: str = attrs.field(default="negative", validator=attrs.validators.in_(FALLS))
    description: str = ""
    conversions: tuple[UnitConversion, ...] = attrs.field(default=(), converter=_conversions)

    @units.validator
    def _check_units(self, _attribute: "attrs.Attribute[tuple[str, ...]]", units: tuple[str, ...]) -> None:
        if not units:
            raise ValueError(f"indicator {self.id!r} declares no unit")

    @names.validator
    def _check_names(self, _attribute: "attrs.Attribute[tuple[str, ...]]", names: tuple[str, ...]) -> None:
        if not names:
            raise ValueError(f"indicator {self.id!r} declares no name")

    @conversions.validator
    def _check_conversions(self, _attribute: "attrs.Attribute[tuple[UnitConversion, ...]]",
                           conversions: tuple[UnitConversion, ...]) -> None:
        sources = [c.source for c in conversions]
        for conversion in conversions:
            if conversion.source not in self.units or conversion.target not in self.units:
                raise ValueError(f"indicator {self.id!r}: conversion {conversion}: list both "
                                 f"{conversion.source} and {conversion.target} in units")
            if sources.count(conversion.source) > 1 or conversion.target in sources:
                raise ValueError(f"indicator {self.id!r}: conversion {conversion}: a unit is "
                                 f"converted once, straight to the unit it is reported in")

    @property
    def unit(self) -> str:
        """The canonical unit (the first of ``units``)."""
        return self.units[0]

    def conversion(self, unit: str | None) -> UnitConversion | None:
        """The conversion of figures written in ``unit``, or ``None``."""
        return next((c for c in self.conversions if c.source == unit), None)


def load_indicator_table(source: str | os.PathLike[str] | Iterable[str]) -> list[Indicator]:
    """Read an indicator table: a UTF-8 TSV with a header row.

    Columns: ``id``, ``domain``, ``units`` and ``names`` (``|``-separated), and optional
    ``measure`` (``level``/``change``; default: ``change`` when the unit is ``%`` and every
    name ends with a change verb or 增速/增幅/涨幅/降幅, else ``level``), ``fall``
    (``negative``/``positive``), ``conversions`` (``|``-separated, each
    ``SOURCE -> TARGET x FACTOR``, e.g. ``斤 -> 吨 x 0.0005``) and ``description``. Lines
    starting with ``#`` are comments. ``source`` is a path or an iterable of lines.
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
    if next(rows(lines), None) is None:
        raise PluginError(f"{where}: indicator table is empty")
    indicators = []
    try:
        for number, cells in table(lines, where=where, required=("id", "units", "names")):
            try:
                indicators.append(_indicator_from_row(cells))
            except (TypeError, ValueError) as exc:
                # attrs validators put the Attribute in args; its repr is no message for a user
                reason = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
                raise PluginError(f"{where}: line {number}: {reason}") from None
    except TableError as exc:
        raise PluginError(f"indicator table {exc}") from exc
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
        conversions=cells.get("conversions", ""),
    )


def _guess_measure(names: Sequence[str], units: Sequence[str]) -> str:
    change_words = CHANGE_SUFFIXES + ("增速", "增幅", "涨幅", "降幅")
    if units and units[0] == "%" and names and all(n.endswith(change_words) for n in names):
        return "change"
    return "level"


def merge_indicators(base: Sequence[Indicator], extra: Sequence[Indicator]) -> list[Indicator]:
    """Add a user's table to a plugin's: new names join an existing id, new ids are added.

    New units and conversions of an existing id join it too. Names, units and conversions are
    gathered in ordered sets first: linear even when thousands of rows add names to one id.
    """
    merged = {indicator.id: indicator for indicator in base}
    names: dict[str, dict[str, None]] = {}
    units: dict[str, dict[str, None]] = {}
    conversions: dict[str, dict[str, UnitConversion]] = {}
    for indicator in extra:
        if indicator.id not in merged:
            merged[indicator.id] = indicator
        known = merged[indicator.id]
        names.setdefault(indicator.id, dict.fromkeys(known.names)).update(dict.fromkeys(indicator.names))
        units.setdefault(indicator.id, dict.fromkeys(known.units)).update(dict.fromkeys(indicator.units))
        found = conversions.setdefault(indicator.id, {c.source: c for c in known.conversions})
        for conversion in indicator.conversions:
            found.setdefault(conversion.source, conversion)
    for id_ in names:
        known = merged[id_]
        new_names, new_units = tuple(names[id_]), tuple(units[id_])
        new_conversions = tuple(conversions[id_].values())
        if (new_names, new_units, new_conversions) != (known.names, known.units, known.conversions):
            merged[id_] = attrs.evolve(known, names=new_names, units=new_units, conversions=new_conversions)
    return list(merged.values())
