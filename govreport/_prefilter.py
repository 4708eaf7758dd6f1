"""A pattern's matches found faster: only where its first two characters can stand.

The ``regex`` module tries every branch of an alternation at every position of a text; a
pattern of many branches (the context's times: years, spans, plans, phrases) spends most
of its time failing at positions where no branch can start. :class:`Prefiltered` asks the
compiled pattern itself, with partial matching, which characters can start a match and
which can follow each of them; one scan of the standard library's ``re`` then finds the
positions where such a pair stands, and the pattern is tried there only. The matches are
those of ``pattern.finditer`` (tests/test_fast_paths.py compares them).

The pairs are probed over the characters of the pattern's source, the characters of its
ranges, the digits and a few characters no table holds (a digit, a letter and an ideograph of
other scripts, a private-use character): a position where one of those can match is one
where any character can, and gets no filter. A pattern that can match one character alone,
or start with any character, or that tests what stands before a match (a positive lookbehind,
a word boundary), is searched as it is.

This module imports nothing of govreport: every layer may use it.
"""
from __future__ import annotations

import re
from typing import Iterator

import regex

__all__ = ["Prefiltered"]

#: characters that stand for every character a pattern does not name: another script's
#: digit, letter and ideograph, a private-use character, a separator
_FOREIGN = "\u0663\u00df\u9f98\ue000\u2028"
_RANGE = regex.compile(r"(?<!\\)(.)-(.)")
# what a probe cannot see: a word boundary or a positive lookbehind depends on the text
# before a match (a negative lookbehind passes at a probe's start, as it may in the text)
_LOOKS_BEFORE = regex.compile(r"\(\?<=|\\[bBGK]")
_MAX_RANGE = 5000


class Prefiltered:
    """``pattern.finditer`` tried only where a match can start (see the module's docstring)."""

    def __init__(self, pattern: "regex.Pattern[str]") -> None:
        self.pattern = pattern
        self._candidates: re.Pattern[str] | None = None
        if pattern.flags & regex.IGNORECASE or _LOOKS_BEFORE.search(pattern.pattern):
            return  # cases other than the source's, or a test of the text before: no filter
        alphabet = self._alphabet(pattern.pattern)
        if any(pattern.match(c, partial=True) for c in _FOREIGN):
            return  # any character can start a match: no filter
        branches = []
        for first in sorted(c for c in alphabet if pattern.match(c, partial=True)):
            if pattern.match(first) is not None or any(pattern.match(first + c, partial=True) for c in _FOREIGN):
                branches.append(re.escape(first))  # one character matches, or any may follow
                continue
            seconds = [c for c in alphabet if pattern.match(first + c, partial=True)]
            if seconds:
                branches.append(f"{re.escape(first)}(?=[{''.join(map(re.escape, seconds))}])")
        self._candidates = re.compile("|".join(branches)) if branches else None

    @staticmethod
    def _alphabet(source: str) -> list[str]:
        found = set(source) | set("0123456789")
        for low, high in _RANGE.findall(source):
            if 0 < ord(high) - ord(low) <= _MAX_RANGE:
                found.update(chr(c) for c in range(ord(low), ord(high) + 1))
        return sorted(found)

    def finditer(self, text: str) -> Iterator["regex.Match[str]"]:
        """The matches of the pattern in ``text``, as ``pattern.finditer(text)`` gives them."""
        if self._candidates is None:
            yield from self.pattern.finditer(text)
            return
        match_at, after = self.pattern.match, 0
        for candidate in self._candidates.finditer(text):
            start = candidate.start()
            if start < after:
                continue
            found = match_at(text, start)  # lookbehinds see the text before ``start``
            if found is not None:
                yield found
                after = found.end()
