"""The documentation covers the public API: every public name has a docstring and a place
in the reference, and ``govreport.__all__`` is exactly the intended API.

These tests read the docs' sources; building the site (``sphinx -W``) is done by
``scripts/test.sh`` after the test suite.
"""
from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

import govreport
import govreport.extractors
import govreport.numbers

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "docs" / "reference"

PUBLIC_API = sorted([
    # document model
    "load", "parse", "Report", "Meta", "Section", "Paragraph", "Sentence",
    # numbers
    "Quantity",
    # facts, plugins, corpora, attention
    "Fact", "Evidence", "Extraction", "PluginFailure", "Extractor", "plugins", "get_plugin",
    "extract_many", "ReportResult", "ExtractionPlan", "compare", "panel", "Panel", "to_bag",
    "attention", "Attention",
    # errors
    "GovReportError", "LoadError", "ReportNotFoundError", "EmptyReportError", "DecodeError",
    "UnsupportedFormatError", "NotAReportError", "LimitExceededError", "ReportTimeoutError",
    "NumberFormatError", "PluginError", "UnknownPluginError", "PluginConflictError", "InvalidFactError",
]) + ["__version__"]

MODULES = {
    "govreport": ("api.rst", govreport),
    "govreport.numbers": ("numbers.rst", govreport.numbers),
    "govreport.extractors": ("extractors.rst", govreport.extractors),
}


def test_public_api_is_exactly_the_intended_one():
    assert govreport.__all__ == PUBLIC_API
    assert sorted(govreport._EXPORTS) + ["__version__"] == PUBLIC_API  # every name resolves
    for name in govreport.__all__:
        assert getattr(govreport, name) is not None


def public_names():
    for module_name, (_page, module) in MODULES.items():
        for name in module.__all__:
            if name != "__version__":
                yield module_name, name


def own_docstring(obj) -> str | None:
    if inspect.isclass(obj):
        return obj.__dict__.get("__doc__")
    return getattr(obj, "__doc__", None)


@pytest.mark.parametrize("module_name, name", list(public_names()))
def test_public_name_has_a_docstring(module_name, name):
    obj = getattr(importlib.import_module(module_name), name)
    if inspect.isclass(obj) or callable(obj):
        doc = own_docstring(obj)
        assert doc and doc.strip(), f"{module_name}.{name} has no docstring"
    else:  # data: documented by a '#:' comment next to it or in the reference page
        source = inspect.getsource(inspect.getmodule(obj) or importlib.import_module(module_name))
        page = (REFERENCE / MODULES[module_name][0]).read_text(encoding="utf-8")
        assert "#: " in source and re.search(rf"#:.*\n{name}\b", source) or \
            re.search(rf"^\.\. (auto)?data:: (\S+\.)?{re.escape(name)}$", page, re.M), \
            f"{module_name}.{name} is data without documentation"


def automodule_options(page: str, module_name: str) -> set[str] | None:
    match = re.search(rf"^\.\. automodule:: {re.escape(module_name)}\n((?:   :.*\n)*)", page, re.M)
    if not match:
        return None
    return {line.strip().split(":")[1] for line in match.group(1).splitlines()}


@pytest.mark.parametrize("module_name, name", list(public_names()))
def test_public_name_is_in_the_reference(module_name, name):
    page = (REFERENCE / MODULES[module_name][0]).read_text(encoding="utf-8")
    obj = getattr(importlib.import_module(module_name), name)
    # named by an explicit directive ...
    directive = rf"^\.\. (auto)?(function|class|exception|data|module)?:: (\S+\.)?{re.escape(name)}$"
    if re.search(directive, page, re.M):
        return
    # ... or documented by an automodule that takes every member with a docstring
    options = automodule_options(page, module_name) or set()
    assert "members" in options, f"{module_name}.{name} is not in docs/reference/{MODULES[module_name][0]}"
    defined_here = getattr(obj, "__module__", module_name) == module_name
    assert defined_here or "imported-members" in options, \
        f"{module_name}.{name} is imported into {module_name}; the automodule needs :imported-members:"
    assert name not in page.split("exclude-members:")[-1].split("\n")[0]


def test_the_reference_lists_the_public_api_pages():
    index = (ROOT / "docs" / "index.rst").read_text(encoding="utf-8")
    for page in ("reference/api", "reference/numbers", "reference/extractors", "reference/cli",
                 "reference/facts", "reference/indicators", "reference/number-tables"):
        assert page in index


def test_fact_record_page_names_every_field():
    from govreport._facts import FACT_FIELDS

    page = (REFERENCE / "facts.rst").read_text(encoding="utf-8")
    for field in FACT_FIELDS:
        assert f"``{field}``" in page


def test_fact_record_page_follows_the_shared_spec():
    spec = ROOT.parent / "shared" / "spec" / "facts.md"
    if not spec.exists():
        pytest.skip("the shared specification is not next to this clone")
    page = (REFERENCE / "facts.rst").read_text(encoding="utf-8")
    fields = re.findall(r"^\| `([a-z_]+)`", spec.read_text(encoding="utf-8"), re.M)
    assert fields
    for field in fields:
        assert f"``{field}``" in page


def test_every_hook_of_the_plugin_interface_is_documented():
    """What a plugin implements or overrides has a docstring and a place in the docs."""
    from govreport.extractors import Extractor, TableExtractor

    hooks = {
        Extractor: ("indicators", "extract"),
        TableExtractor: ("from_package", "indicators", "with_indicators", "extract", "refine"),
    }
    tutorial = (ROOT / "docs" / "tutorials" / "plugin.rst").read_text(encoding="utf-8")
    for cls, names in hooks.items():
        for name in names:
            member = getattr(cls, name)
            doc = getattr(member, "__doc__", None) or getattr(getattr(member, "fget", None), "__doc__", None)
            assert doc and doc.strip(), f"{cls.__name__}.{name} has no docstring"
    # the protocol's attributes are described in its docstring, the override hook in the tutorial
    for attribute in ("name", "version", "domain"):
        assert f"``{attribute}``" in Extractor.__doc__
    assert "refine" in tutorial
    assert "govreport.extractors" in tutorial  # the entry-point group a plugin registers under


def test_the_package_is_typed():
    # PEP 561: type checkers of users' code read govreport's annotations only with py.typed
    assert (ROOT / "govreport" / "py.typed").is_file()
    assert 'govreport = ["py.typed"]' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
