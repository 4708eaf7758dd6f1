"""Converters shared by govreport's frozen value classes.

This module imports nothing of govreport: every layer may use it.
"""
from __future__ import annotations

from typing import Any, Iterable

__all__ = ["to_tuple"]


def to_tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    """Any iterable as a tuple: the converter of every sequence field of a frozen class
    (``tuple`` itself would do, but a type checker reads its generic signature as a
    constraint on the field's items)."""
    return items if isinstance(items, tuple) else tuple(items)
