"""``govreport panel``: the region x year table of targets and results, with its companions."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from govreport.cli._options import add_extraction_options


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "panel", help="build the region x year panel of targets and results",
        description="Extract every report (files, folders searched recursively, globs) and write "
                    "one row per region and year: for each headline indicator the target set by "
                    "that year's report (stated, none_set or not_found) and the result stated by "
                    "the next year's report. Beside OUT go OUT's stem + .plans (multi-year "
                    "periods) and + .sources (the file and span of every cell).")
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="report files, folders or globs")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="the panel to write: .csv or .parquet (parquet needs the parquet extra)")
    parser.add_argument("--format", choices=("csv", "parquet"), help="default: from OUT's suffix")
    parser.add_argument("--jobs", "-j", type=int, metavar="N",
                        help="worker processes (default: the CPU count)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_extraction_options(parser, strict_help="exit with status 1 when a plugin fails on a report")
    return parser


def run(args: argparse.Namespace) -> int:
    from govreport._batch import expand_inputs, extract_many
    from govreport._errors import GovReportError
    from govreport._panel import panel
    from govreport._registry import select_plugins
    from govreport.cli._progress import progress

    out = Path(args.output)
    if not out.parent.is_dir():
        raise GovReportError(f"{out.parent}: no such folder for the output")
    select_plugins(args.plugins)
    files = expand_inputs(args.inputs)
    if not files:
        raise GovReportError("no input files")
    bar = progress(len(files), not args.no_progress)
    results = []
    status = 0
    try:
        for result in extract_many(files, jobs=args.jobs, plugins=args.plugins,
                                   indicators=args.indicators, encoding=args.encoding,
                                   max_bytes=args.max_bytes, max_expanded_bytes=args.max_expanded_bytes):
            if bar is not None:
                bar.update(1)
            if not result.ok:
                print(f"govreport: error: {result.error}", file=sys.stderr)
                status = 1
            for failure in result.failures:
                print(f"govreport: {failure}", file=sys.stderr)
                status = 1 if args.strict else status
            results.append(result)
    finally:
        if bar is not None:
            bar.close()
    order = {file: i for i, file in enumerate(files)}
    results.sort(key=lambda r: order.get(r.file, len(order)))
    table = panel(results)
    for file, reason in table.skipped:
        if "region and year" in reason:
            print(f"govreport: {file}: left out of the panel: {reason}", file=sys.stderr)
    written = table.write(out, args.format)
    regions = len({(r["region_code"], r["region"]) for r in table.rows})
    print(f"govreport panel: {len(files)} files, {len(table.rows)} rows ({regions} regions), "
          f"{len(table.plans)} plan rows -> {', '.join(map(str, written))}", file=sys.stderr)
    return status
