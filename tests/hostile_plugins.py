"""A misbehaving extractor plugin for the hostile-input tests, and a CLI that has it.

The plugin's behaviour is chosen by a word in the report's file name, so one batch can
hold files that make it sleep, exit, or raise what plugins must not raise. Run as a script
(``python tests/hostile_plugins.py batch ...``) it is the ``govreport`` command with the
plugin registered, for tests that need a real process to kill.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

#: environment variable naming a folder where the plugin leaves a file per process it
#: runs in (``<pid>.pid``), so a test can find the worker processes
PID_FOLDER_ENV = "GOVREPORT_TEST_PID_FOLDER"
#: environment variable: the plugin raises RuntimeError on files whose name contains its value
FAIL_ENV = "GOVREPORT_TEST_PLUGIN_FAILS"


class Hostile:
    """Does nothing on most reports; on a report whose file name contains ...

    ``sleep``: sleeps for an hour; ``exit``: ends its process with ``os._exit(7)``;
    ``sysexit``: raises ``SystemExit(2)``; ``interrupt``: raises ``KeyboardInterrupt``;
    the value of :data:`FAIL_ENV`: raises ``RuntimeError`` (a plugin bug that a later
    version fixes, for ``--resume``).
    """

    name = "hostile"
    domain = "test"
    version = "0"
    indicators = ()

    def extract(self, report):
        name = os.path.basename(report.source or "")
        folder = os.environ.get(PID_FOLDER_ENV)
        if folder:
            Path(folder, f"{os.getpid()}.pid").write_text(name, encoding="utf-8")
        fails = os.environ.get(FAIL_ENV)
        if fails and fails in name:
            raise RuntimeError("this plugin fails on this file today")
        if "sysexit" in name:
            raise SystemExit(2)
        if "interrupt" in name:
            raise KeyboardInterrupt
        if "sleep" in name:
            time.sleep(3600)
        if "exit" in name:
            os._exit(7)
        return []


if __name__ == "__main__":
    from govreport._registry import register
    from govreport.cli import main

    register(Hostile())
    sys.exit(main(sys.argv[1:]))
