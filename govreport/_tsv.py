"""Read the tab-separated tables govreport keeps as data: one reader for every table.

Indicator tables, the number tables, ``govreport/data/`` and the test spec files share one
format: UTF-8, one row a line, cells separated by tabs, no quoting, blank lines and lines
starting with ``#`` ignored. Cells are read by the :mod:`csv` module (tab dialect, no
quoting), so a stray quote character is a cell's text, never the start of a quoted cell.

This module imports nothing of govreport: every layer may use it.
"""
from __future__ import annotations

import csv
from typing import Iterable, Iterator

__all__ = ["Row", "TableError", "rows", "table"]

#: (line number, cells): line numbers count every line of the input, comments included.
Row = tuple[int, list[str]]


class TableError(ValueError):
    """A table lacks a column its reader needs (the message names where and which)."""


def _data_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def rows(lines: Iterable[str], *, strip: bool = True) -> Iterator[Row]:
    """The data rows of ``lines`` as (line number, cells); cells stripped unless ``strip`` is False."""
    numbered = list(_data_lines(lines))
    reader = csv.reader((line for _number, line in numbered), delimiter="\t",
                        quoting=csv.QUOTE_NONE, strict=True)
    for (number, _line), cells in zip(numbered, reader):
        yield number, [cell.strip() for cell in cells] if strip else cells


def table(lines: Iterable[str], *, where: str, required: Iterable[str] = (),
          strip: bool = True) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a table whose first data line is a header, as (line number, column -> cell).

    Missing trailing cells are empty strings. ``required`` columns must be in the header,
    else :class:`TableError` names ``where`` and the missing columns.
    """
    found = rows(lines, strip=strip)
    first = next(found, None)
    if first is None:
        return
    header_line, header = first
    header = [cell.strip() for cell in header]
    missing = [column for column in required if column not in header]
    if missing:
        raise TableError(f"{where}:{header_line}: header lacks columns {missing}")
    for number, cells in found:
        yield number, dict(zip(header, cells + [""] * (len(header) - len(cells))))
