"""Read the tables in ``govreport/numbers/data/``: one idea each, kept as data so that they can be read,
reviewed and extended without touching the grammar."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("govreport.numbers").joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(line.rstrip("\r\n"))
    return out


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The tab-separated rows of a data file, comments and blank lines skipped."""
    return tuple(tuple(field.strip() for field in line.split("\t")) for line in _lines(name))


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """The first field of each line of a one-word-a-line data file."""
    return tuple(line.split("#", 1)[0].strip() for line in _lines(name) if line.split("#", 1)[0].strip())
