"""``govreport show``: one report as a self-contained HTML page with its facts marked."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from govreport.cli._options import add_extraction_options


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "show", help="write a report as an HTML page with its facts marked",
        description="Write one report as a self-contained HTML page (no network needed): the "
                    "clean text with every fact marked at its span, the metadata, the section "
                    "outline and a table of the facts. Click a mark for its facts.")
    parser.add_argument("path", metavar="REPORT", help="a report file")
    parser.add_argument("-o", "--output", metavar="HTML",
                        help="the page to write (default: standard output)")
    add_extraction_options(parser, strict_help="exit with status 1 when a plugin fails on the report")
    return parser


def run(args: argparse.Namespace) -> int:
    import govreport

    report = govreport.load(Path(args.path), encoding=args.encoding, max_bytes=args.max_bytes,
                            max_expanded_bytes=args.max_expanded_bytes)
    extraction = report.extract(plugins=args.plugins, indicators=args.indicators)
    page = extraction.to_html()
    if args.output:
        Path(args.output).write_text(page, encoding="utf-8")
        print(f"govreport show: {len(extraction)} facts -> {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(page)
    for failure in extraction.failures:
        print(f"govreport: {failure}", file=sys.stderr)
    return 1 if args.strict and extraction.failures else 0
