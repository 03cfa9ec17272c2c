#!/usr/bin/env bash
# Install the engines that tests/integrations exercise (pandas/pyarrow, datasets, Dask, Spark, datatrove, fsspec) into
# the active venv through the project's `all` extra, then check that each imports: a missing engine would only make
# its tests skip.
# Spark also needs a Java runtime (17), which is on these machines; the jq example test needs jq (skipped without).
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q -e '.[all]'
python - <<'PY'
import importlib, shutil, sys
missing = []
for name in ("pandas", "pyarrow", "datasets", "dask.bag", "dask.dataframe", "pyspark", "datatrove", "fsspec"):
    try:
        importlib.import_module(name)
    except ImportError as err:
        missing.append(f"{name} ({err})")
if missing:
    sys.exit("install-extras: these engines do not import: " + ", ".join(missing))
if shutil.which("java") is None:
    print("install-extras: no java on PATH: the Spark tests will skip (Spark 4 needs Java 17 or later)", file=sys.stderr)
else:
    import re, subprocess
    said = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    m = re.search(r'version "(\d+)', said)
    if m is None or int(m.group(1)) < 17:
        sys.exit(f"install-extras: Spark needs Java 17 or later; java -version says: {said.strip()[:120]}")
PY
