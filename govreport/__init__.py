"""govreport: Chinese government work reports (政府工作报告) as data.

The pipeline is ``load -> clean -> structure -> numbers -> extract -> export``; each step
lives in a private module and the public names are re-exported here. Names are imported
on first use, so ``import govreport`` stays fast and never loads jieba's dictionary.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

# public name -> private module that defines it
_EXPORTS: dict[str, str] = {
    # errors
    "GovReportError": "govreport._errors",
    "LoadError": "govreport._errors",
    "ReportNotFoundError": "govreport._errors",
    "EmptyReportError": "govreport._errors",
    "DecodeError": "govreport._errors",
    "UnsupportedFormatError": "govreport._errors",
    "NotAReportError": "govreport._errors",
    "LimitExceededError": "govreport._errors",
    "ReportTimeoutError": "govreport._errors",
    "NumberFormatError": "govreport._errors",
    "PluginError": "govreport._errors",
    "UnknownPluginError": "govreport._errors",
    "PluginConflictError": "govreport._errors",
    "InvalidFactError": "govreport._errors",
    # load -> clean -> structure: the document model
    "load": "govreport._load",
    "parse": "govreport._load",
    "Report": "govreport._model",
    "Meta": "govreport._model",
    "Section": "govreport._model",
    "Paragraph": "govreport._model",
    "Sentence": "govreport._model",
    # numbers
    "Quantity": "govreport.numbers",
    # extract -> export
    "Fact": "govreport._facts",
    "Evidence": "govreport._facts",
    "Extraction": "govreport._facts",
    "PluginFailure": "govreport._facts",
    "attention": "govreport._attention",
    "Attention": "govreport._attention",
    "extract_many": "govreport._batch",
    "ReportResult": "govreport._batch",
    "ExtractionPlan": "govreport._plan",
    "compare": "govreport._compare",
    "panel": "govreport._panel",
    "Panel": "govreport._panel",
    "to_bag": "govreport._dask",
    "Extractor": "govreport.extractors",
    "plugins": "govreport._registry",
    "get_plugin": "govreport._registry",
}

# literal, so that type checkers and IDEs read the public API without running this module
__all__ = [
    "Attention",
    "DecodeError",
    "EmptyReportError",
    "Evidence",
    "Extraction",
    "ExtractionPlan",
    "Extractor",
    "Fact",
    "GovReportError",
    "InvalidFactError",
    "LimitExceededError",
    "LoadError",
    "Meta",
    "NotAReportError",
    "NumberFormatError",
    "Panel",
    "Paragraph",
    "PluginConflictError",
    "PluginError",
    "PluginFailure",
    "Quantity",
    "Report",
    "ReportNotFoundError",
    "ReportResult",
    "ReportTimeoutError",
    "Section",
    "Sentence",
    "UnknownPluginError",
    "UnsupportedFormatError",
    "attention",
    "compare",
    "extract_many",
    "get_plugin",
    "load",
    "panel",
    "parse",
    "plugins",
    "to_bag",
    "__version__",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'govreport' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from govreport._errors import (
        DecodeError, EmptyReportError, GovReportError, InvalidFactError, LimitExceededError, LoadError,
        NotAReportError, NumberFormatError, PluginConflictError, PluginError,
        ReportNotFoundError, ReportTimeoutError, UnknownPluginError, UnsupportedFormatError,
    )
    from govreport._attention import Attention, attention
    from govreport._batch import ReportResult, extract_many
    from govreport._compare import compare
    from govreport._panel import Panel, panel
    from govreport._dask import to_bag
    from govreport._facts import Evidence, Extraction, Fact, PluginFailure
    from govreport._load import load, parse
    from govreport._model import Meta, Paragraph, Report, Section, Sentence
    from govreport._plan import ExtractionPlan
    from govreport._registry import get_plugin, plugins
    from govreport.extractors import Extractor
    from govreport.numbers import Quantity
