"""Plugin discovery: extractors registered under the ``govreport.extractors`` entry points.

First-party plugins register exactly as a third party does. A plugin that fails to load is
logged and skipped (its error is kept in :func:`load_failures`); two plugins that claim the
same name or the same indicator id are an error that names both. The environment variable
``GOVREPORT_PLUGINS`` (comma-separated names) limits which plugins load at all.
"""
from __future__ import annotations

import logging
import os
from importlib import metadata
from typing import Iterable, Sequence

import attrs

from govreport._errors import PluginConflictError, PluginError, UnknownPluginError
from govreport.extractors import ENTRY_POINT_GROUP, Extractor

__all__ = ["plugins", "get_plugin", "select_plugins", "load_failures", "register", "PluginInfo",
           "ALLOWLIST_ENV"]

logger = logging.getLogger("govreport.plugins")

#: Comma-separated plugin names: when set, only these plugins are loaded.
ALLOWLIST_ENV = "GOVREPORT_PLUGINS"


@attrs.frozen
class PluginInfo:
    """Where a loaded plugin came from (for ``govreport plugins`` and error messages)."""

    name: str
    origin: str  # "package==version:entry point", or "registered in code"


_registered: dict[str, Extractor] = {}
_cache: dict[str, tuple[Extractor, PluginInfo]] | None = None
_failures: list[PluginError] = []


def _allowlist() -> set[str] | None:
    value = os.environ.get(ALLOWLIST_ENV)
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


def _discover() -> dict[str, tuple[Extractor, PluginInfo]]:
    global _cache
    if _cache is not None:
        return _cache
    allow = _allowlist()
    found: dict[str, tuple[Extractor, PluginInfo]] = {}
    _failures.clear()
    for entry_point in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        if allow is not None and entry_point.name not in allow:
            continue
        dist = getattr(entry_point, "dist", None)
        origin = f"{dist.name}=={dist.version}:{entry_point.value}" if dist else entry_point.value
        try:
            loaded = entry_point.load()
            extractor = loaded() if isinstance(loaded, type) else loaded
            _check_extractor(extractor, origin)
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not stop the others
            failure = PluginError(f"plugin {entry_point.name!r} ({origin}) failed to load: {exc}")
            _failures.append(failure)
            logger.warning("%s", failure)
            continue
        _add(found, extractor, PluginInfo(name=extractor.name, origin=origin))
    for name, extractor in _registered.items():
        if allow is None or name in allow:
            _add(found, extractor, PluginInfo(name=name, origin="registered in code"))
    _check_indicator_ids(found)
    _cache = found
    return found


def _check_extractor(extractor: object, origin: str) -> None:
    missing = [attr for attr in ("name", "domain", "version", "indicators", "extract")
               if not hasattr(extractor, attr)]
    if missing:
        raise PluginError(f"{origin} is not an extractor (lacks {', '.join(missing)})")


def _add(found: dict[str, tuple[Extractor, PluginInfo]], extractor: Extractor, info: PluginInfo) -> None:
    if extractor.name in found:
        if found[extractor.name][0] is extractor:
            # one plugin reached twice: the govreport distribution bundles the first-party
            # plugins, and a plugin's own distribution (plugins/economy) may be installed too
            return
        other = found[extractor.name][1]
        raise PluginConflictError(
            f"two plugins are named {extractor.name!r}: {other.origin} and {info.origin}")
    found[extractor.name] = (extractor, info)


def _check_indicator_ids(found: dict[str, tuple[Extractor, PluginInfo]]) -> None:
    owner: dict[str, str] = {}
    for name, (extractor, info) in found.items():
        for indicator in extractor.indicators:
            if indicator.id in owner and owner[indicator.id] != name:
                first = found[owner[indicator.id]][1]
                raise PluginConflictError(
                    f"indicator id {indicator.id!r} is declared by two plugins: "
                    f"{owner[indicator.id]!r} ({first.origin}) and {name!r} ({info.origin})")
            owner[indicator.id] = name


def refresh() -> None:
    """Forget what was discovered (after installing a plugin or changing the allowlist)."""
    global _cache
    _cache = None


def register(extractor: Extractor) -> None:
    """Register an extractor from code, without an entry point (for notebooks and tests)."""
    _check_extractor(extractor, repr(extractor))
    _registered[extractor.name] = extractor
    refresh()


def unregister(name: str) -> None:
    """Remove an extractor registered with :func:`register`."""
    _registered.pop(name, None)
    refresh()


def plugins() -> list[Extractor]:
    """Every extractor plugin that loaded, sorted by name."""
    return [extractor for _name, (extractor, _info) in sorted(_discover().items())]


def plugin_info(name: str) -> PluginInfo:
    """Where the plugin ``name`` came from."""
    return _lookup(name)[1]


def get_plugin(name: str) -> Extractor:
    """The plugin called ``name``; an unknown name lists the available ones."""
    return _lookup(name)[0]


def _lookup(name: str) -> tuple[Extractor, PluginInfo]:
    found = _discover()
    if name not in found:
        available = ", ".join(sorted(found)) or "none installed"
        raise UnknownPluginError(f"no extractor plugin named {name!r} (available: {available})")
    return found[name]


def select_plugins(names: Iterable[str] | str | None) -> list[Extractor]:
    """The plugins to run: all when ``names`` is None, else exactly those named."""
    if names is None:
        found = plugins()
        if not found:
            raise PluginError(_nothing_installed())
        return found
    if isinstance(names, str):
        names = [names]
    return [get_plugin(name) for name in names]


def _nothing_installed() -> str:
    """Why there is no plugin to run, and what to do about it."""
    failures = "".join(f"; {failure}" for failure in _failures)
    if _allowlist() is not None:
        installed = sorted({e.name for e in metadata.entry_points(group=ENTRY_POINT_GROUP)})
        return (f"no extractor plugin is allowed by {ALLOWLIST_ENV}="
                f"{os.environ.get(ALLOWLIST_ENV, '')!r} (installed: "
                f"{', '.join(installed) or 'none'}){failures}")
    return ("no extractor plugin is installed" + failures + "; the govreport distribution "
            "includes economy, environment and livelihood: reinstall it (python -m pip install "
            "<govreport source>, or bash scripts/install.sh in a clone) or install a plugin")


def load_failures() -> Sequence[PluginError]:
    """The plugins that failed to load in the last discovery, as errors."""
    _discover()
    return tuple(_failures)
