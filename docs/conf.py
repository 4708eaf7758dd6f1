"""Sphinx configuration of the govreport documentation."""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

import logging  # noqa: E402

import govreport  # noqa: E402  (the installed library is what the docs describe)

# jieba (used by Sphinx's Chinese search and by govreport) logs its dictionary loading at DEBUG
try:
    import jieba

    jieba.setLogLevel(logging.WARNING)
except ImportError:  # pragma: no cover - Sphinx then indexes Chinese without segmentation
    pass

project = "govreport"
author = "the govreport authors"
copyright = "2026, the govreport authors"
release = govreport.__version__
version = release
language = "en"  # the prose is English; the reports it quotes are Chinese

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "govreport_docs",
    "govreport_figures",
]

exclude_patterns = ["_build", "_generated", "screenshots", "Thumbs.db", ".DS_Store", "**/*.rst.inc"]
templates_path: list[str] = []

# autodoc: members in source order, type hints in the description (not the signature)
autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": False}
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# doctest: every example in the docs runs against the installed library
# Examples run from the top of the repository, where tests/data/ holds the example report.
doctest_global_setup = f"""
import os
os.chdir({str(HERE.parent)!r})
from decimal import Decimal
import govreport
"""
doctest_test_doctest_blocks = "default"

html_theme = "furo"
html_title = f"govreport {release}"
html_static_path: list[str] = []
html_theme_options = {"navigation_with_keys": True}
# search: Sphinx segments Chinese with jieba (a dependency of govreport), so 轨道交通 is one word
html_search_language = "zh"
