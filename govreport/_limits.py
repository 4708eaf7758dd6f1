"""The limits that keep one hostile input from stopping a batch, and their defaults.

Each is an option (``None`` lifts it) of :func:`govreport.load`, :func:`govreport.extract_many`
and the command line; a file over a limit fails alone, with an error naming the limit and
the option that raises it. Defaults are far above any real report and far below what
would exhaust a machine.
"""
from __future__ import annotations

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_EXPANDED_BYTES", "DEFAULT_TIMEOUT"]

#: bytes read from a file or given as bytes (``max_bytes``, ``--max-bytes``): 256 MiB, so a
#: real 100 MB report still loads, while ``/dev/zero`` or a runaway download does not fill
#: memory (the document model takes several times its input)
DEFAULT_MAX_BYTES = 256 * 2**20

#: what a Word file's parts unpack to, or the text taken out of a PDF
#: (``max_expanded_bytes``, ``--max-expanded-bytes``): 128 MiB; a real report's unpack to a
#: few MB, a zip bomb to gigabytes
DEFAULT_MAX_EXPANDED_BYTES = 128 * 2**20

#: seconds one file may take in a batch (``timeout``, ``--timeout``): five minutes, several
#: times what the largest real report takes
DEFAULT_TIMEOUT = 300.0
