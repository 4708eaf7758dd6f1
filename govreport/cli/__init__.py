"""The ``govreport`` command line.

Each subcommand lives in its own module of this package and exposes two functions:
``add_parser(subparsers)`` (declares its arguments) and ``run(args) -> int`` (the exit status).
The core library never imports this package. Errors end a command with one line on stderr
(``govreport: error: ...``), never a traceback: govreport's own errors, filesystem errors
(a full disk, a read-only folder) and Ctrl-C (status 130).
"""
from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

# subcommand name -> module (imported only when the command line is built)
SUBCOMMANDS: dict[str, str] = {
    "inspect": "govreport.cli._inspect",
    "extract": "govreport.cli._extract",
    "plugins": "govreport.cli._plugins",
    "attention": "govreport.cli._attention",
    "batch": "govreport.cli._batch",
    "show": "govreport.cli._show",
    "panel": "govreport.cli._panel",
}


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand that is installed."""
    from govreport import __version__

    parser = argparse.ArgumentParser(
        prog="govreport",
        description="Turn Chinese government work reports into data.",
    )
    parser.add_argument("--version", action="version", version=f"govreport {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in SUBCOMMANDS.values():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        sub = module.add_parser(subparsers)
        sub.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``govreport`` console script; returns the exit status."""
    from govreport._errors import GovReportError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args._run(args) or 0)
    except GovReportError as exc:
        print(f"govreport: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `govreport extract ... | head`
        return 0
    except OSError as exc:  # a full disk, a read-only folder...: one line, not a traceback
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"govreport: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C (or a plugin raising KeyboardInterrupt: the same to us)
        print("govreport: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
