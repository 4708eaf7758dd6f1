#!/usr/bin/env bash
# Install govreport with its first-party plugins into .venv and run the whole test suite,
# the docs build (warnings are errors) and the docs' doctests.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q -e ".[test,docs]" -e plugins/economy -e plugins/environment -e plugins/livelihood
python -m pytest
if [ -f docs/conf.py ]; then
    python -m sphinx -W --keep-going -q -b html docs docs/_build/html
    python -m sphinx -W --keep-going -q -b doctest docs docs/_build/doctest
fi
if [ -f .importlinter ] || grep -q "importlinter.contracts" pyproject.toml; then
    lint-imports
fi
