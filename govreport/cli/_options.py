"""Options shared by the subcommands that run extractor plugins."""
from __future__ import annotations

import argparse


def add_extraction_options(parser: argparse.ArgumentParser, *, strict_help: str) -> None:
    """``--plugin``, ``--indicators``, ``--encoding`` and ``--strict``, as every command has them."""
    parser.add_argument("--plugin", action="append", dest="plugins", metavar="NAME",
                        help="run only this plugin (repeatable; default: all)")
    parser.add_argument("--indicators", metavar="TSV",
                        help="your own indicator table: extra aliases or indicators")
    parser.add_argument("--encoding", help="the files' encoding (default: detected per file)")
    parser.add_argument("--strict", action="store_true", help=strict_help)
