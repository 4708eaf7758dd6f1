"""Where many fixed phrases occur in a text: the longest at each position, in linear time.

The matcher looks for every written form of every indicator name at every position of a
report: a few hundred forms for the first-party plugins, hundreds of thousands with a
large user table. A regex alternation of the forms tries them branch by branch, so its
cost at each position grows with their number (200k forms: half a minute a report).
Here the forms are a set grouped by their first two characters: one scan (in C) finds the
positions where some form can start (a first character followed by a second character of
some form), and at each only the lengths of the forms that share its first two characters
are tried, longest first. Building is linear in the total length of the forms; a search is
linear in the text (times the number of distinct lengths of the forms sharing a prefix,
bounded by the longest form).
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

__all__ = ["PhraseScanner"]


class PhraseScanner:
    """The longest of ``phrases`` that starts at each position of a text (overlapping)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = frozenset(p for p in phrases if p)
        if not self.phrases:
            raise ValueError("PhraseScanner needs at least one non-empty phrase")
        lengths: dict[str, set[int]] = {}
        for phrase in self.phrases:
            lengths.setdefault(phrase[:2], set()).add(len(phrase))
        # key: a phrase's first two characters (one for one-character phrases)
        self._lengths = {key: sorted(found, reverse=True) for key, found in lengths.items()}
        self._singles = frozenset(p for p in self.phrases if len(p) == 1)
        # where some phrase can start: its first two characters fit (a phrase of two or more
        # characters), or a one-character phrase stands there. The standard library's re
        # scans a character class several times faster than the regex module.
        firsts = {phrase[0] for phrase in self.phrases if len(phrase) > 1}
        seconds = {phrase[1] for phrase in self.phrases if len(phrase) > 1}
        branches = []
        if firsts:
            branches.append(f"{_class(firsts)}(?={_class(seconds)})")
        if self._singles:
            branches.append(_class(self._singles))
        self._heads = re.compile("|".join(branches))

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of the longest phrase starting at each position, in order."""
        phrases, lengths, singles, n = self.phrases, self._lengths, self._singles, len(text)
        for head in self._heads.finditer(text):
            i = head.start()
            for length in lengths.get(text[i:i + 2], ()):
                if i + length <= n and text[i:i + length] in phrases:  # a slice past the end is short
                    yield i, i + length
                    break
            else:
                if text[i] in singles:
                    yield i, i + 1


def _class(characters: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(characters)) + "]"
