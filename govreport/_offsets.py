"""Compact offset maps: where each character of a report's clean text came from in its input.

The clean text is the input with line edges, blank lines, noise lines and invisible
characters left out: long runs of it are copied unchanged, character ``k`` of a run taken
from input offset ``s + k``. An :class:`OffsetMap` keeps one ``(index, value)`` pair per run,
in two ``array('q')``, instead of one integer per character: a report of plain lines is
one run whatever its size, an indented one a run or two a line. Reading one offset is a
binary search over the runs.

This module imports nothing of govreport: every layer may use it.
"""
from __future__ import annotations

import bisect
from array import array
from typing import Iterator, Sequence, overload

__all__ = ["OffsetMap", "OffsetMapBuilder", "SpanMapBuilder"]


class OffsetMap(Sequence[int]):
    """An immutable sequence of ints stored as runs of consecutive values.

    ``keys[j]`` is the index where run ``j`` starts and ``values[j]`` its first value; the
    run holds ``values[j] + 0, values[j] + 1, ...`` up to the next key (or the length).
    """

    __slots__ = ("_keys", "_values", "_length")

    def __init__(self, keys: array, values: array, length: int) -> None:
        if len(keys) != len(values) or (length and (not keys or keys[0] != 0)):
            raise ValueError("an OffsetMap needs one value per key, the first key at 0")
        self._keys, self._values, self._length = keys, values, length

    @classmethod
    def of(cls, values: Sequence[int]) -> "OffsetMap":
        """The map holding ``values`` (any sequence of ints)."""
        builder = OffsetMapBuilder()
        for value in values:
            builder.add(value, 1)
        return builder.build()

    @property
    def runs(self) -> int:
        """How many runs the map holds (its size in memory is 16 bytes a run)."""
        return len(self._keys)

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("offset map index out of range")
        j = bisect.bisect_right(self._keys, index) - 1
        return self._values[j] + index - self._keys[j]

    def __iter__(self) -> Iterator[int]:
        keys, values, length = self._keys, self._values, self._length
        for j, key in enumerate(keys):
            stop = keys[j + 1] if j + 1 < len(keys) else length
            yield from range(values[j], values[j] + stop - key)

    def __repr__(self) -> str:
        return f"<OffsetMap of {self._length:,} offsets in {self.runs:,} runs>"

    def __reduce__(self) -> tuple[type, tuple[array, array, int]]:
        return (OffsetMap, (self._keys, self._values, self._length))

    def iter_runs(self) -> Iterator[tuple[int, int, int]]:
        """``(index, value, count)`` of each run, in order."""
        keys, values, length = self._keys, self._values, self._length
        for j, key in enumerate(keys):
            stop = keys[j + 1] if j + 1 < len(keys) else length
            yield key, values[j], stop - key

    def through(self, outer: "OffsetMap", shift: int = 0) -> "OffsetMap":
        """The map ``i -> outer[self[i] + shift]``, run by run (linear in the runs of both):
        chains the clean text's map into a page's text with the page's map into its HTML."""
        builder = OffsetMapBuilder()
        okeys, ovalues, olength = outer._keys, outer._values, outer._length
        for _index, value, count in self.iter_runs():
            position, left = value + shift, count
            if position < 0 or position + count > olength:
                raise IndexError("offset map index out of range")
            j = bisect.bisect_right(okeys, position) - 1
            while left:
                stop = okeys[j + 1] if j + 1 < len(okeys) else olength
                take = min(left, stop - position)
                builder.add(ovalues[j] + position - okeys[j], take)
                position, left, j = position + take, left - take, j + 1
        return builder.build()


class OffsetMapBuilder:
    """Builds an :class:`OffsetMap` by appending runs; a run that continues the last one
    joins it."""

    __slots__ = ("_keys", "_values", "_length", "_next")

    def __init__(self) -> None:
        self._keys = array("q")
        self._values = array("q")
        self._length = 0
        self._next: int | None = None  # the value that would continue the last run

    def add(self, value: int, count: int) -> None:
        """Append ``value, value + 1, ..., value + count - 1``."""
        if count <= 0:
            return
        if value != self._next:
            self._keys.append(self._length)
            self._values.append(value)
        self._length += count
        self._next = value + count

    def __len__(self) -> int:
        return self._length

    def build(self) -> OffsetMap:
        return OffsetMap(self._keys, self._values, self._length)


class SpanMapBuilder:
    """The start and the end map of a text built piece by piece: each piece is ``count``
    characters whose input spans are ``(start + k, end + k)``."""

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts = OffsetMapBuilder()
        self.ends = OffsetMapBuilder()

    def add(self, count: int, start: int, end: int) -> None:
        self.starts.add(start, count)
        self.ends.add(end, count)

    def build(self) -> tuple[OffsetMap, OffsetMap]:
        return self.starts.build(), self.ends.build()
