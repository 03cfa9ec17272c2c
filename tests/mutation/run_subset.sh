#!/usr/bin/env bash
# CI-sized mutation run (a few minutes on 2 cores): mutmut on audit.py, on what its replay is built of (spans.py,
# text/blanks.py) and on the two decision helpers the planted bugs of issue 16 hit (decide.merge_spans,
# decide.tail_block_lines), against the fast unit tests that target them.
# Not part of the default pytest run. Works on a `git archive HEAD` snapshot in a temporary folder, so commit first.
# Exit status: non-zero when more mutants survive than MAX_SURVIVORS (default: the equivalent ones found so far).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cleantext-mutmut.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# The equivalent mutants known (see tests/mutation/README.md): blanks.collapse_blank_runs__mutmut_9,
# tail_block_lines__mutmut_11, _47, _48, merge_spans__mutmut_20.
MAX_SURVIVORS="${MAX_SURVIVORS:-5}"
git -C "$REPO" archive HEAD | tar -x -C "$WORK"
cd "$WORK"
python - <<'PY'
import re, pathlib
p = pathlib.Path("pyproject.toml")
text = p.read_text(encoding="utf-8")
head = text[: text.index("[tool.mutmut]")]
p.write_text(head + '''[tool.mutmut]
source_paths = ["src/"]
only_mutate = ["src/cleantext/audit.py", "src/cleantext/spans.py", "src/cleantext/text/blanks.py",
               "src/cleantext/decide.py"]
also_copy = ["patterns/"]
pytest_add_cli_args_test_selection = ["tests/unit/test_audit.py", "tests/unit/test_one_mechanism.py",
                                      "tests/unit/test_planted_bugs.py",
                                      "tests/unit/test_decide_helpers.py", "tests/unit/test_decide.py",
                                      "tests/unit/test_tail_contacts.py", "tests/unit/test_mutants_decide_block.py"]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-o", "addopts=", "--import-mode=importlib",
                       "-k", "not real_cleaning"]
''', encoding="utf-8")
PY
# Only the mutants of audit.py and of the two decide helpers (mutmut names them module.x_function__mutmut_N).
mutmut run --max-children "${JOBS:-2}" "cleantext.audit.*" "cleantext.spans.*" "cleantext.text.blanks.*" \
  "cleantext.decide.x_merge_spans*" \
  "cleantext.decide.x_tail_block_lines*" > run.log 2>&1 || { tail -40 run.log; exit 2; }
mutmut results > results.txt 2>&1 || true
grep -E ": (survived|timeout|suspicious|segfault)" results.txt || true
survived=$(grep -c ": survived" results.txt || true)
echo "survived: $survived (allowed: $MAX_SURVIVORS)"
[ "$survived" -le "$MAX_SURVIVORS" ]
