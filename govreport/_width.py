"""Full-width forms (０-９, Ａ-Ｚ, ％, （, the ideographic space) folded to ASCII, one character
for one, so that an offset in the folded text is the same offset in the original.

This module imports nothing of govreport: every layer may use it.
"""
from __future__ import annotations

import re

__all__ = ["FULLWIDTH", "fold_width"]

#: code point -> code point: U+FF01..U+FF5E to U+0021..U+007E, U+3000 to a space
FULLWIDTH: dict[int, int] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
FULLWIDTH[0x3000] = 0x20

_FOLDED = {chr(code): chr(folded) for code, folded in FULLWIDTH.items()}
# the standard library's re: one character class, no Unicode property needed
_FULL_WIDTH_CHARACTER = re.compile("[\u3000\uff01-\uff5e]")


def _fold(match: "re.Match[str]") -> str:
    return _FOLDED[match.group()]


#: characters folded at a time: a substitution holds a piece of its text per match until
#: it joins them, twice the text at its peak; a long text is folded a piece at a time
_PIECE = 1 << 16


def fold_width(text: str) -> str:
    """Fold full-width ASCII forms to half-width, keeping every offset.

    Only the full-width characters are visited (``str.translate`` looks every character of
    a Chinese text up in its table: three to four times slower on a report).
    """
    if len(text) <= _PIECE:
        return _FULL_WIDTH_CHARACTER.sub(_fold, text)
    return "".join([_FULL_WIDTH_CHARACTER.sub(_fold, text[i:i + _PIECE]) for i in range(0, len(text), _PIECE)])
