"""What a batch runs on every report, resolved once and shipped to the workers as data.

A worker process, a Dask worker or a Spark executor does not share the caller's memory:
plugins ``register()``-ed in a notebook, a user's indicator table, units added with
:func:`govreport.numbers.add_unit` and the ``GOVREPORT_PLUGINS`` allowlist exist only in the
process that set them up. So the caller resolves them into an :class:`ExtractionPlan`, the
plugin objects themselves and the unit additions, and the plan travels with the work: a
worker runs exactly the plugins the caller selected, whatever is installed or set there.
"""
from __future__ import annotations

import os
import pickle
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

import attrs

from govreport._errors import PluginError
from govreport._extract import check_indicators, run_plugins, with_user_indicators
from govreport._registry import select_plugins
from govreport.extractors import Extractor
from govreport.numbers import _units
from govreport._values import to_tuple

if TYPE_CHECKING:  # pragma: no cover
    from govreport._facts import Extraction
    from govreport._indicators import Indicator
    from govreport._model import Report

__all__ = ["ExtractionPlan"]


@attrs.frozen(eq=False)
class ExtractionPlan:
    """The plugins to run (user tables merged in) and the unit table additions to apply.

    Build one with :meth:`resolve` in the calling process; it pickles, so it can be sent to
    any worker (the plugins' packages must be importable there, as for any pickled object).
    :func:`govreport.extract_many` and :func:`govreport.to_bag` make and ship one for you;
    build your own for another scheduler (see :doc:`/howto/corpus`).
    """

    plugins: tuple[Extractor, ...] = attrs.field(converter=to_tuple)
    units: tuple[_units.Unit, ...] = attrs.field(default=(), converter=to_tuple)
    non_quantities: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    non_quantities_in_text: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    @classmethod
    def resolve(
        cls,
        plugins: Iterable[str] | str | None = None,
        *,
        indicators: str | os.PathLike[str] | Sequence["Indicator"] | None = None,
    ) -> "ExtractionPlan":
        """The plan of this process: the named plugins (default: every plugin the registry
        and the allowlist give here), extended by the user table ``indicators``, and the
        units and non-quantity phrases added here. An unknown plugin name raises
        :class:`~govreport.UnknownPluginError` at once, a table row of a domain no plugin
        has a :class:`~govreport.PluginError`."""
        chosen = select_plugins(plugins)
        extra = () if indicators is None else check_indicators(indicators, chosen)
        selected = with_user_indicators(chosen, extra)
        units, phrases, text_phrases = _units.additions()
        return cls(plugins=selected, units=units, non_quantities=phrases, non_quantities_in_text=text_phrases)

    def run(self, report: "Report") -> "Extraction":
        """Extract ``report`` with the plan's plugins, after applying its unit additions to
        this process (once: applying them again changes nothing)."""
        _units.replay(self.units, self.non_quantities, self.non_quantities_in_text)
        return run_plugins(report, self.plugins)

    def check_shippable(self, dumps: Callable[[object], bytes] = pickle.dumps) -> None:
        """Raise :class:`~govreport.PluginError` naming the plugin that cannot be pickled with
        ``dumps`` (worker processes need a copy of every plugin)."""
        for plugin in self.plugins:
            try:
                dumps(plugin)
            except Exception as exc:  # pickling errors come in many types
                raise PluginError(f"plugin {plugin.name!r} cannot be sent to worker processes: "
                                  f"{type(exc).__name__}: {exc}") from exc
