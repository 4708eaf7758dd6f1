"""Read the tables in ``govreport/data/``: kept as files so that users and plugin authors
can read, review and extend them without touching code."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["data_lines"]


@lru_cache(maxsize=None)
def data_lines(name: str) -> tuple[str, ...]:
    """The lines of ``govreport/data/<name>``, without blank lines and ``#`` comments."""
    text = resources.files("govreport.data").joinpath(name).read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
