"""``govreport plugins``: the extractor plugins installed, and any that failed to load."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("plugins", help="list extractor plugins",
                                   description="List the installed extractor plugins.")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def run(args: argparse.Namespace) -> int:
    from govreport._registry import load_failures, plugin_info, plugins

    rows = [{"name": p.name, "version": p.version, "domain": p.domain,
             "indicators": len(p.indicators), "origin": plugin_info(p.name).origin}
            for p in plugins()]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for row in rows:
            print(f"{row['name']}=={row['version']}  domain={row['domain']}  "
                  f"indicators={row['indicators']}  ({row['origin']})")
    for failure in load_failures():
        print(f"govreport: {failure}", file=sys.stderr)
    return 0
