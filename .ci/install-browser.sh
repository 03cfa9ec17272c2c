#!/usr/bin/env bash
# CI: Debian's Chromium (apt) and Playwright's Python API (pip) for the browser tests in tests/report/.
# Idempotent and quick when both are present; never runs `playwright install` (the tests drive /usr/bin/chromium).
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
if ! python -c "import playwright.sync_api" >/dev/null 2>&1; then
    python -m pip install -q playwright
fi
