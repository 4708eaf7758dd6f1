"""Options shared by the subcommands that run extractor plugins."""
from __future__ import annotations

import argparse
import re

from govreport._limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_EXPANDED_BYTES

_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?", re.I)
_FACTORS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}


def size(text: str) -> int | None:
    """A byte count as written on a command line: ``300M``, ``1.5G``, ``4096``; ``0``: no limit."""
    match = _SIZE.fullmatch(text.strip())
    if match is None:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (write e.g. 4096, 300M or 2G; 0 for no limit)")
    value = int(float(match.group(1)) * _FACTORS[match.group(2).upper()])
    return value or None


def seconds(text: str) -> float | None:
    """A time limit in seconds; ``0``: no limit."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if value < 0 or value != value:
        raise argparse.ArgumentTypeError(f"a time limit is 0 (none) or more seconds, not {text!r}")
    return value or None


def add_extraction_options(parser: argparse.ArgumentParser, *, strict_help: str) -> None:
    """``--plugin``, ``--indicators``, ``--encoding``, ``--strict`` and the input limits."""
    parser.add_argument("--plugin", action="append", dest="plugins", metavar="NAME",
                        help="run only this plugin (repeatable; default: all)")
    parser.add_argument("--indicators", metavar="TSV",
                        help="your own indicator table: extra aliases or indicators")
    parser.add_argument("--encoding", help="the files' encoding (default: detected per file)")
    parser.add_argument("--strict", action="store_true", help=strict_help)
    parser.add_argument("--max-bytes", type=size, default=DEFAULT_MAX_BYTES, metavar="SIZE",
                        help=f"refuse a file larger than this (default: {DEFAULT_MAX_BYTES // 2**20}M; "
                             f"0: no limit)")
    parser.add_argument("--max-expanded-bytes", type=size, default=DEFAULT_MAX_EXPANDED_BYTES,
                        metavar="SIZE",
                        help=f"refuse a Word file that unpacks to more, or a PDF with more text "
                             f"(default: {DEFAULT_MAX_EXPANDED_BYTES // 2**20}M; 0: no limit)")
