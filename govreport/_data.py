"""Read the tables in ``govreport/data/``: kept as files so that users and plugin authors
can read, review and extend them without touching code."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from govreport._tsv import rows

__all__ = ["data_lines", "data_rows"]


@lru_cache(maxsize=None)
def data_lines(name: str) -> tuple[str, ...]:
    """The lines of ``govreport/data/<name>``, without blank lines and ``#`` comments."""
    text = resources.files("govreport.data").joinpath(name).read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=None)
def data_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The tab-separated rows of ``govreport/data/<name>`` (one reader: :mod:`govreport._tsv`)."""
    return tuple(tuple(cells) for _number, cells in rows(data_lines(name)))
