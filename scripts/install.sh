#!/usr/bin/env bash
# Create .venv and install govreport in editable mode. The govreport distribution bundles its
# first-party plugins (plugins/economy, plugins/environment, plugins/livelihood), so this one
# editable install gives all three, each registered once. An argument names extras to add
# (e.g. `bash scripts/install.sh pandas,parquet`; scripts/test.sh uses test,docs).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# up to 0.1 each plugin was installed as its own editable distribution: drop those
.venv/bin/python -m pip uninstall -q -y govreport-economy govreport-environment govreport-livelihood \
    >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".${1:+[$1]}"
