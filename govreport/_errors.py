"""Exceptions raised by govreport.

Every error the library raises on purpose is a :class:`GovReportError`, so that a batch
can catch exactly the failures of one report and go on with the next.
"""
from __future__ import annotations

__all__ = [
    "GovReportError",
    "LoadError",
    "ReportNotFoundError",
    "EmptyReportError",
    "DecodeError",
    "UnsupportedFormatError",
    "NotAReportError",
    "LimitExceededError",
    "ReportTimeoutError",
    "NumberFormatError",
    "PluginError",
    "UnknownPluginError",
    "PluginConflictError",
    "InvalidFactError",
]


class GovReportError(Exception):
    """Base class of every error govreport raises on purpose."""


class LoadError(GovReportError):
    """A source could not be turned into text.

    ``source`` names the file (or ``"<bytes>"`` / ``"<text>"``) so that a message in a
    batch log says which input failed.
    """

    def __init__(self, message: str, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class ReportNotFoundError(LoadError, FileNotFoundError):
    """The path given does not exist or is not a file."""


class EmptyReportError(LoadError):
    """The source holds no text at all (an empty or whitespace-only file)."""


class DecodeError(LoadError):
    """The bytes are not text in any encoding govreport tried (the message lists them)."""


class UnsupportedFormatError(LoadError):
    """The source is a binary format (PDF, Word, image...) that cannot be read as text here."""


class NotAReportError(LoadError):
    """The text decodes but holds nothing that looks like a government work report."""


class LimitExceededError(LoadError):
    """A source is larger than a limit: the bytes read (``max_bytes``) or what a Word file
    unpacks to or a PDF's text (``max_expanded_bytes``). The message names the limit and
    how to raise it; the limits exist so that one absurd file (``/dev/zero``, a zip bomb)
    cannot exhaust a machine's memory in the middle of a batch."""


class ReportTimeoutError(GovReportError):
    """A report took longer than the per-file time limit of a batch (``timeout``).

    Never raised inside the worker that was running it: the worker is stopped and replaced,
    and the file's :class:`~govreport.ReportResult` carries this class's name as its
    ``error_type``.
    """


class NumberFormatError(GovReportError, ValueError):
    """A string given to the number parser is not a number or quantity."""


class PluginError(GovReportError):
    """A plugin could not be loaded or failed while extracting."""


class UnknownPluginError(PluginError, KeyError):
    """A plugin name that is not registered; the message lists the available names."""

    def __str__(self) -> str:  # KeyError would otherwise print the repr of the message
        return str(self.args[0]) if self.args else ""


class PluginConflictError(PluginError):
    """Two plugins declare the same name or indicator id."""


class InvalidFactError(PluginError):
    """A plugin returned something that is not a valid fact of the report it was given
    (a span outside the text, a value that is not a finite number, an undeclared indicator
    or unit). The plugin fails on that report; the other plugins' facts are kept."""
