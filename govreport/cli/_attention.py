"""``govreport attention``: domain attention indices of reports (per report and section)."""
from __future__ import annotations

import argparse
from pathlib import Path
import csv
import json
import sys
from decimal import Decimal
from typing import Any

COLUMNS = ("file", "domain", "plugin", "scope", "tokens", "hits", "chars", "sentences",
           "sentences_with_hit", "share_of_tokens", "hits_per_1000_chars",
           "share_of_sentences", "lexicon_sha256")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "attention", help="attention indices of reports",
        description="Share of jieba tokens in each domain's lexicon, per report and section.")
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    parser.add_argument("--plugin", action="append", dest="plugins", metavar="NAME")
    parser.add_argument("--no-sections", action="store_true", help="whole reports only")
    return parser


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def run(args: argparse.Namespace) -> int:
    import govreport
    from govreport._attention import attention
    from govreport._errors import GovReportError

    status = 0
    writer = csv.writer(sys.stdout, lineterminator="\n") if args.format == "csv" else None
    if writer:
        writer.writerow(COLUMNS)
    for path in args.paths:
        try:
            report = govreport.load(Path(path))
        except GovReportError as exc:
            print(f"govreport: error: {exc}", file=sys.stderr)
            status = 1
            continue
        for index in attention(report, args.plugins, by_section=not args.no_sections):
            record = {"file": path, **index.to_record()}
            if writer:
                writer.writerow([_plain(record[c]) for c in COLUMNS])
            else:
                print(json.dumps({k: _plain(v) for k, v in record.items()}, ensure_ascii=False))
    return status
