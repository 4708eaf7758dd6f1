"""Full-width forms (０-９, Ａ-Ｚ, ％, （, the ideographic space) folded to ASCII, one character
for one, so that an offset in the folded text is the same offset in the original.

This module imports nothing of govreport: every layer may use it.
"""
from __future__ import annotations

__all__ = ["FULLWIDTH", "fold_width"]

#: code point -> code point: U+FF01..U+FF5E to U+0021..U+007E, U+3000 to a space
FULLWIDTH: dict[int, int] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
FULLWIDTH[0x3000] = 0x20


def fold_width(text: str) -> str:
    """Fold full-width ASCII forms to half-width, keeping every offset."""
    return text.translate(FULLWIDTH)
