#!/usr/bin/env bash
# Install govreport (which bundles its first-party plugins) into .venv and run the whole test
# suite, the docs build (warnings are errors) and the docs' doctests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh test,docs
. .venv/bin/activate
# the browser test and the docs' screenshot use Debian's Chromium; install it where we can
# (as root with apt-get); elsewhere the browser test is skipped and says why
bash scripts/chromium.sh || echo "scripts/test.sh: Chromium not installed; the browser test will be skipped" >&2
python -m pytest
# every benchmark script on tiny inputs, targets not enforced (--check is run by hand)
for bench in benchmarks/bench_*.py; do
    python "$bench" --smoke
done
# static checks: types (mypy, default mode), the linter's rule set and the import layers
# (all configured in pyproject.toml), and code written twice (pylint's duplicate-code)
python -m mypy
python -m ruff check
python -m pylint govreport benchmarks scripts tests examples/govreport-transport/govreport_transport \
    plugins/economy/govreport_economy plugins/environment/govreport_environment \
    plugins/livelihood/govreport_livelihood
if [ -f docs/conf.py ]; then
    python -m sphinx -W --keep-going -q -b html docs docs/_build/html
    python -m sphinx -W --keep-going -q -b doctest docs docs/_build/doctest
fi
if [ -f .importlinter ] || grep -q "importlinter.contracts" pyproject.toml; then
    lint-imports
fi
