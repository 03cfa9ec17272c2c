#!/usr/bin/env bash
# The full mutation run of the core ([tool.mutmut] in pyproject.toml) on a `git archive HEAD` snapshot, so that
# edits in the working tree do not disturb it. Slow (an hour or more on 2 cores): not for CI, not in pytest.
# Usage: tests/mutation/run_full.sh [DIR]   (default /tmp/cleantext-mutmut-full; rerun to resume, results kept)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${1:-/tmp/cleantext-mutmut-full}"
mkdir -p "$WORK"
[ -d "$WORK/src" ] || git -C "$REPO" archive HEAD | tar -x -C "$WORK"
cd "$WORK"
mutmut run --max-children "${JOBS:-2}" || true
mutmut results | grep -E ": (survived|timeout|suspicious|segfault)" || true
echo "inspect one: (cd $WORK && mutmut show <name>)"
