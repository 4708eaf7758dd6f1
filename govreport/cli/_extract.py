"""``govreport extract``: the facts of one or more reports as JSON lines, CSV or a table.

Paths may be files, folders (walked recursively for report files, as ``batch`` does) and
globs. When the command reads more than one file, or a folder, every CSV row and JSON line
starts with a ``file`` field, so facts from different reports stay apart. Reports are read
one after the other in this process; for a corpus, ``govreport batch`` runs them in parallel
and can resume.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

from govreport.cli._options import add_extraction_options


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "extract", help="extract facts from reports",
        description="Extract the facts of each report (facts.md records). A folder is searched "
                    "recursively for report files; with more than one file, each record starts "
                    "with a `file` field. For a whole corpus (parallel, resumable) use "
                    "`govreport batch`.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files, folders or globs")
    parser.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl")
    parser.add_argument("--no-progress", action="store_true",
                        help="no progress bar (shown on a terminal when the output is not)")
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


def _files(paths: list[str]) -> tuple[list[str], list[str]]:
    """The files to read, and the errors of folders and globs that hold no report file."""
    from govreport._batch import REPORT_SUFFIXES, expand_inputs

    files: list[str] = []
    errors: list[str] = []
    for path in paths:
        found = expand_inputs([path])
        if not found:
            errors.append(f"{path}: no report files here ({', '.join(sorted(REPORT_SUFFIXES))})")
        files.extend(f for f in found if f not in files)
    return files, errors


def _csv_rows(records: list[dict[str, Any]], fields: tuple[str, ...], header: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(fields)
    for record in records:
        writer.writerow(["" if record[f] is None else record[f] for f in fields])
    return buffer.getvalue()


def run(args: argparse.Namespace) -> int:
    import govreport
    from govreport._errors import GovReportError
    from govreport._facts import FACT_FIELDS, _json_default
    from govreport._registry import select_plugins
    from govreport.cli._progress import progress

    from govreport._extract import check_indicators

    selected = select_plugins(args.plugins)  # no plugin, or a misspelt one, fails before any file is read
    if args.indicators:
        check_indicators(args.indicators, selected)  # so does a broken table: one error, not one a file
    files, errors = _files(args.paths)
    status = 0
    for error in errors:
        print(f"govreport: error: {error}", file=sys.stderr)
        status = 1
    several = len(files) > 1 or any(os.path.isdir(p) or p not in files for p in args.paths)
    fields = (("file",) if several else ()) + FACT_FIELDS
    bar = progress(len(files), not args.no_progress and not sys.stdout.isatty())
    header_written = False
    try:
        for path in files:
            if bar is not None:
                bar.update(1)
            try:
                report = govreport.load(Path(path), encoding=args.encoding, max_bytes=args.max_bytes,
                                        max_expanded_bytes=args.max_expanded_bytes)
                extraction = report.extract(plugins=args.plugins, indicators=args.indicators)
            except GovReportError as exc:
                print(f"govreport: error: {exc}", file=sys.stderr)
                status = 1
                continue
            for failure in extraction.failures:
                print(f"govreport: {failure}", file=sys.stderr)
                if args.strict:
                    status = 1
            records = [({"file": path} if several else {}) | r for r in extraction.to_records()]
            if args.format == "jsonl":
                sys.stdout.write("".join(json.dumps(r, ensure_ascii=False, default=_json_default) + "\n"
                                         for r in records))
            elif args.format == "csv":
                sys.stdout.write(_csv_rows(records, fields, header=not header_written))
                header_written = True
            else:
                if several:
                    sys.stdout.write(f"== {path}\n")
                sys.stdout.write(_table(extraction))
    finally:
        if bar is not None:
            bar.close()
    return status
