"""The unit table: what may follow a number, its canonical name and the factor folded into the value.

The built-in table is ``data/units.tsv``; a plugin extends it with :func:`add_unit` (the grammar is
rebuilt on the next call of ``find_quantities``).
"""
from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType
from typing import Mapping

import attrs

from govreport.numbers._data import rows, words


@attrs.frozen
class Unit:
    """One unit as written after a number.

    ``surface`` is the text (``万标准箱`` is the magnitude 万 and the unit ``标准箱``); ``canonical`` is the
    unit reported in :attr:`Quantity.unit`; ``factor`` multiplies the value (``千米`` -> ``公里`` x 1);
    ``after_chinese`` is False for generic classifiers that after a Chinese numeral read as an article
    or a set phrase (``一批``, ``一种``): they count only after Arabic digits.
    """

    surface: str
    canonical: str
    factor: Decimal = Decimal(1)
    after_chinese: bool = True


_UNITS: dict[str, Unit] = {}
_PHRASES: set[str] = set()
_version = 0  # bumped on every change, so that the grammar knows when to rebuild


def _load() -> None:
    for surface, canonical, factor, after_chinese, *_ in rows("units.tsv"):
        _UNITS[surface] = Unit(surface, canonical, Decimal(factor), after_chinese != "n")
    _PHRASES.update(words("not_quantities.txt"))


_load()
_BUILT_IN_UNITS = dict(_UNITS)
_BUILT_IN_PHRASES = frozenset(_PHRASES)


def units() -> Mapping[str, Unit]:
    """The unit table, surface form -> :class:`Unit` (read-only view)."""
    return MappingProxyType(_UNITS)


def add_unit(surface: str, canonical: str | None = None, factor: int | str | Decimal = 1,
             after_chinese: bool = True) -> Unit:
    """Add (or replace) a unit: ``add_unit("兆瓦", "兆瓦")``, ``add_unit("万千瓦时", "千瓦时", 10000)``.

    ``canonical`` defaults to the surface form. Returns the new :class:`Unit`.

    The addition is process-wide: every plugin in this process reads the new unit (and
    :func:`govreport.to_bag` ships it to Dask workers). To report one plugin's own figures
    in another unit (``斤`` as ``吨``), declare a conversion in that plugin's indicator table
    instead (the ``conversions`` column, see :func:`govreport.extractors.load_indicator_table`).
    """
    global _version
    if not surface or any(c.isspace() for c in surface):
        raise ValueError(f"bad unit surface form: {surface!r}")
    unit = Unit(surface, canonical or surface, Decimal(str(factor)), after_chinese)
    _UNITS[surface] = unit
    _version += 1
    return unit


def canonical_unit(surface: str) -> str | None:
    """The canonical unit of a surface form, or None if the table does not know it."""
    unit = _UNITS.get(surface)
    return unit.canonical if unit else None


def non_quantity_phrases() -> frozenset[str]:
    """Phrases whose numerals are never quantities (十三五, 一带一路, 四川 ...)."""
    return frozenset(_PHRASES)


def add_non_quantity_phrases(*phrases: str) -> None:
    """Add phrases whose numerals ``find_quantities`` must skip (a plugin's own slogans, place names)."""
    global _version
    for p in phrases:
        if not p or not isinstance(p, str):
            raise ValueError(f"bad phrase: {p!r}")
        _PHRASES.add(p)
    _version += 1


def version() -> int:
    return _version


def additions() -> tuple[tuple[Unit, ...], tuple[str, ...]]:
    """What :func:`add_unit` and :func:`add_non_quantity_phrases` changed in this process:
    the units that differ from the built-in table and the phrases it lacks. Worker processes
    replay them (:func:`replay`) so that a batch reads numbers as the caller's process does."""
    units = tuple(unit for surface, unit in _UNITS.items() if _BUILT_IN_UNITS.get(surface) != unit)
    return units, tuple(sorted(_PHRASES - _BUILT_IN_PHRASES))


def replay(units: tuple[Unit, ...], phrases: tuple[str, ...]) -> None:
    """Apply :func:`additions` of another process here; what is already here is left alone
    (so replaying for every task costs a few dictionary lookups)."""
    for unit in units:
        if _UNITS.get(unit.surface) != unit:
            add_unit(unit.surface, unit.canonical, unit.factor, unit.after_chinese)
    missing = [phrase for phrase in phrases if phrase not in _PHRASES]
    if missing:
        add_non_quantity_phrases(*missing)
