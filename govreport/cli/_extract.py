"""``govreport extract``: the facts of one or more reports as JSON lines, CSV or a table."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from govreport.cli._options import add_extraction_options


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "extract", help="extract facts from reports",
        description="Extract the facts of each report (facts.md records).")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files")
    parser.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl")
    add_extraction_options(parser, strict_help="exit with status 1 when a plugin fails on a report")
    return parser


def _table(extraction: Any) -> str:
    rows = [("indicator", "kind", "period", "value", "value_max", "unit", "qualifier", "text")]
    for f in extraction.facts:
        rows.append((f.indicator, f.kind, f.period, str(f.value),
                     "" if f.value_max is None else str(f.value_max), f.unit, f.qualifier or "",
                     f.text if len(f.text) <= 40 else f.text[:39] + "…"))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1]
             for row in rows]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    import govreport
    from govreport._errors import GovReportError

    status = 0
    header_written = False
    for path in args.paths:
        try:
            report = govreport.load(path, encoding=args.encoding)
            extraction = report.extract(plugins=args.plugins, indicators=args.indicators)
        except GovReportError as exc:
            print(f"govreport: error: {exc}", file=sys.stderr)
            status = 1
            continue
        for failure in extraction.failures:
            print(f"govreport: {failure}", file=sys.stderr)
            if args.strict:
                status = 1
        if args.format == "jsonl":
            sys.stdout.write(extraction.to_jsonl())
        elif args.format == "csv":
            text = extraction.to_csv()
            if header_written:
                text = text.split("\n", 1)[1]
            header_written = True
            sys.stdout.write(text)
        else:
            if len(args.paths) > 1:
                sys.stdout.write(f"== {path}\n")
            sys.stdout.write(_table(extraction))
    return status
