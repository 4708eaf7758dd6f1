#!/usr/bin/env bash
# Make sure Debian's Chromium, its WebDriver and a CJK font are installed (for the browser test
# of `govreport show` and the screenshot in the docs). Browsers come from the system's
# packages, never from pip. Exits non-zero when they are missing and cannot be installed.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "chromium.sh: Chromium is missing and apt-get cannot run here (needs root on Debian)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-noto-cjk >/dev/null
