#!/usr/bin/env bash
# One core module at a time (issue 16): mutmut on MODULE only, against the given test files only, on a
# `git archive HEAD` snapshot. Slow but bounded; the work folder is kept so that `mutmut show NAME` works after.
# Usage: tests/mutation/run_module.sh MODULE TEST_FILE...   e.g.  run_module.sh evidence/keyscan tests/unit/test_keyscan.py
# MODULE is a path under src/cleantext without .py. WORK (default /tmp/cleantext-mutmut-<module>) is rebuilt each run.
# ONLY=FILE: run only the mutants named in FILE (one a line, e.g. the survivors of an earlier run on the same
# source): the re-check after new tests, minutes instead of an hour. Names are stable while the module is unchanged.
# REV=COMMIT: snapshot that commit instead of HEAD (others commit while a run starts; the measured tree is named).
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,5p "$0"; exit 64; }
MODULE="$1"; shift
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${WORK:-/tmp/cleantext-mutmut-${MODULE//\//-}}"
rm -rf "$WORK"; mkdir -p "$WORK"
git -C "$REPO" archive "${REV:-HEAD}" | tar -x -C "$WORK"
git -C "$REPO" rev-parse --short "${REV:-HEAD}" > "$WORK/COMMIT"
cd "$WORK"
TESTS="$(printf '"%s", ' "$@")"
python - "$MODULE" "$TESTS" <<'PY'
import pathlib, sys
module, tests = sys.argv[1], sys.argv[2]
p = pathlib.Path("pyproject.toml")
text = p.read_text(encoding="utf-8")
head = text[: text.index("[tool.mutmut]")]
p.write_text(head + f'''[tool.mutmut]
source_paths = ["src/"]
only_mutate = ["src/cleantext/{module}.py"]
also_copy = ["patterns/", "docs/", "README.md", "examples/", "benchmarks/"]
pytest_add_cli_args_test_selection = [{tests}]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-o", "addopts=", "-m", "not slow", "--import-mode=importlib"]
''', encoding="utf-8")
PY
DOTTED="cleantext.${MODULE//\//.}"
if [ -n "${ONLY:-}" ]; then mapfile -t NAMES < "$ONLY"; else NAMES=("$DOTTED.*"); fi
mutmut run --max-children "${JOBS:-1}" "${NAMES[@]}" > run.log 2>&1 || { tail -40 run.log; exit 2; }
mutmut results --all true > results.txt 2>&1 || mutmut results > results.txt 2>&1 || true
echo "commit $(cat COMMIT), module $MODULE"
# mutmut's own summary: done/total, then killed 🎉, no tests 🫥, timeout ⏰, suspicious 🤔, survived 🙁, skipped 🔇
tr '\r' '\n' < run.log | grep -E '🎉 [0-9]' | tail -1 || true
grep -E ": (survived|no tests|timeout|suspicious|segfault)" results.txt || true
