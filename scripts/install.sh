#!/usr/bin/env bash
# Create .venv and install govreport with its first-party plugins (economy, environment,
# livelihood) in editable mode. Extra arguments are passed to pip (e.g. ".[pandas]").
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e . -e plugins/economy -e plugins/environment -e plugins/livelihood "$@"
