"""Fixtures shared by the test modules."""
from __future__ import annotations

import pytest

from govreport import _registry


@pytest.fixture
def clean_registry(monkeypatch):
    """No allowlist, and no plugin registered in code after the test (the installed ones stay)."""
    monkeypatch.delenv(_registry.ALLOWLIST_ENV, raising=False)
    _registry.refresh()
    yield
    for name in list(_registry._registered):
        _registry.unregister(name)
    _registry.refresh()
