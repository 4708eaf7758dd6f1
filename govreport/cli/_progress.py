"""Progress bars of the commands that read many files.

tqdm is a dependency (small, pure Python, quick to import, and it already handles terminal
width, rates and ETAs): a bar is shown by default when stderr is a terminal, never in a pipe
or a log file, and ``--no-progress`` turns it off.
"""
from __future__ import annotations

import sys
from typing import Any


def progress(total: int, enabled: bool = True, *, unit: str = "file") -> Any:
    """A tqdm bar on stderr, or ``None`` when turned off or stderr is not a terminal."""
    if not enabled or total < 2 or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, dynamic_ncols=True, file=sys.stderr, leave=False)
