"""Read the tables in ``govreport/numbers/data/``: one idea each, kept as data so that they can be read,
reviewed and extended without touching the grammar."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from govreport._tsv import rows as tsv_rows


def _text(name: str) -> str:
    return (resources.files("govreport.numbers") / "data" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The tab-separated rows of a data file, comments and blank lines skipped."""
    return tuple(tuple(cells) for _number, cells in tsv_rows(_text(name).splitlines()))


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """The first field of each line of a one-word-a-line data file (``#`` starts a comment)."""
    found = (line.split("#", 1)[0].strip() for line in _text(name).splitlines())
    return tuple(word for word in found if word)
