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
    or a set phrase (``一批``, ``一种``): they count only after Arabic digits. ``in_text`` is False for units
    read only in a mention given alone to :func:`~govreport.numbers.parse_quantity` (``三块``, ``五角``,
    ``九成``), which in running text are words more often than units (``一块儿``, ``五角大楼``).
    """

    surface: str
    canonical: str
    factor: Decimal = Decimal(1)
    after_chinese: bool = True
    in_text: bool = True


_UNITS: dict[str, Unit] = {}
_PHRASES: set[str] = set()       # never quantities (十三五, 一带一路)
_TEXT_PHRASES: set[str] = set()  # not quantities in running text (四川, 五角大楼, 二元经济)
_version = 0  # bumped on every change, so that the grammar knows when to rebuild


def _load() -> None:
    for surface, canonical, factor, after_chinese, *rest in rows("units.tsv"):
        in_text = not rest or rest[0] != "n"
        _UNITS[surface] = Unit(surface, canonical, Decimal(factor), after_chinese != "n", in_text)
    _PHRASES.update(words("not_quantities.txt"))
    _TEXT_PHRASES.update(words("not_quantities_in_text.txt"))


_load()
_BUILT_IN_UNITS = dict(_UNITS)
_BUILT_IN_PHRASES = frozenset(_PHRASES)
_BUILT_IN_TEXT_PHRASES = frozenset(_TEXT_PHRASES)


def units() -> Mapping[str, Unit]:
    """The unit table, surface form -> :class:`Unit` (read-only view)."""
    return MappingProxyType(_UNITS)


def add_unit(surface: str, canonical: str | None = None, factor: int | str | Decimal = 1,
             after_chinese: bool = True, in_text: bool = True) -> Unit:
    """Add (or replace) a unit: ``add_unit("兆瓦", "兆瓦")``, ``add_unit("万千瓦时", "千瓦时", 10000)``.

    ``canonical`` defaults to the surface form; ``in_text=False`` keeps the unit out of
    :func:`~govreport.numbers.find_quantities` (read only by ``parse_quantity``). Returns the new
    :class:`Unit`.

    The addition is process-wide: every plugin in this process reads the new unit (and
    :func:`govreport.to_bag` ships it to Dask workers). To report one plugin's own figures
    in another unit (``斤`` as ``吨``), declare a conversion in that plugin's indicator table
    instead (the ``conversions`` column, see :func:`govreport.extractors.load_indicator_table`).
    """
    global _version
    if not surface or any(c.isspace() for c in surface):
        raise ValueError(f"bad unit surface form: {surface!r}")
    unit = Unit(surface, canonical or surface, Decimal(str(factor)), after_chinese, in_text)
    _UNITS[surface] = unit
    _version += 1
    return unit


def canonical_unit(surface: str) -> str | None:
    """The canonical unit of a surface form, or None if the table does not know it."""
    unit = _UNITS.get(surface)
    return unit.canonical if unit else None


def non_quantity_phrases(in_text: bool = True) -> frozenset[str]:
    """Phrases whose numerals are not quantities: in running text (十三五, 一带一路, 四川, 五角大楼 ...), or
    with ``in_text=False`` those that are no quantity even read alone (十三五, 一带一路)."""
    return frozenset(_PHRASES | _TEXT_PHRASES) if in_text else frozenset(_PHRASES)


def add_non_quantity_phrases(*phrases: str, in_text_only: bool = False) -> None:
    """Add phrases whose numerals ``find_quantities`` must skip (a plugin's own slogans, place names);
    ``parse_quantity`` refuses them too unless ``in_text_only`` (a word that read alone is a figure)."""
    global _version
    for p in phrases:
        if not p or not isinstance(p, str):
            raise ValueError(f"bad phrase: {p!r}")
        (_TEXT_PHRASES if in_text_only else _PHRASES).add(p)
    _version += 1


def version() -> int:
    return _version


def additions() -> tuple[tuple[Unit, ...], tuple[str, ...], tuple[str, ...]]:
    """What :func:`add_unit` and :func:`add_non_quantity_phrases` changed in this process:
    the units that differ from the built-in table, the phrases it lacks, and the phrases it
    lacks that are no quantity in running text only. Worker processes replay them
    (:func:`replay`) so that a batch reads numbers as the caller's process does."""
    units = tuple(unit for surface, unit in _UNITS.items() if _BUILT_IN_UNITS.get(surface) != unit)
    return (units, tuple(sorted(_PHRASES - _BUILT_IN_PHRASES)),
            tuple(sorted(_TEXT_PHRASES - _BUILT_IN_TEXT_PHRASES)))


def replay(units: tuple[Unit, ...], phrases: tuple[str, ...], text_phrases: tuple[str, ...] = ()) -> None:
    """Apply :func:`additions` of another process here; what is already here is left alone
    (so replaying for every task costs a few dictionary lookups)."""
    for unit in units:
        if _UNITS.get(unit.surface) != unit:
            add_unit(unit.surface, unit.canonical, unit.factor, unit.after_chinese, unit.in_text)
    missing = [phrase for phrase in phrases if phrase not in _PHRASES]
    if missing:
        add_non_quantity_phrases(*missing)
    missing = [phrase for phrase in text_phrases if phrase not in _TEXT_PHRASES]
    if missing:
        add_non_quantity_phrases(*missing, in_text_only=True)
