"""``govreport inspect PATH``: the metadata and section tree of one report."""
from __future__ import annotations

import argparse
from pathlib import Path
import json
import sys
from typing import Any


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Declare ``inspect`` and its options; returns the subparser."""
    parser = subparsers.add_parser(
        "inspect", help="show a report's metadata and sections",
        description="Load a report (text or HTML, any supported encoding) and print its "
                    "metadata and section tree. Offsets index the clean text (Report.text).",
    )
    parser.add_argument("path", help="report file")
    parser.add_argument("--format", choices=("json", "text"), default="text")
    parser.add_argument("--encoding", default=None, help="decode with this encoding instead of detecting")
    return parser


def report_to_dict(report: Any) -> dict[str, Any]:
    """The JSON document ``inspect`` prints: ``{"meta": {...}, "sections": [...]}``."""
    from govreport._structure import section_to_dict

    return {"meta": report.meta.to_dict(),
            "sections": [section_to_dict(s) for s in report.iter_sections()]}


def run(args: argparse.Namespace) -> int:
    from govreport._load import load

    report = load(Path(args.path), encoding=args.encoding)
    out = sys.stdout
    if args.format == "json":
        json.dump(report_to_dict(report), out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    for key, value in report.meta.to_dict().items():
        out.write(f"{key:14} {'' if value is None else value}\n")
    out.write(f"{'characters':14} {len(report.text)} (raw {len(report.raw)})\n")
    out.write(f"{'paragraphs':14} {len(report.paragraphs)}\n")
    out.write("sections\n")
    for section in report.iter_sections():
        indent = "  " * section.depth
        out.write(f"{indent}{'.'.join(map(str, section.path)):8} {section.number} {section.title}"
                  f"  [{section.start}:{section.end}]\n")
    return 0
