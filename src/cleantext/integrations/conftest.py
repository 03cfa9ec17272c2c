"""pytest (``--doctest-modules``): an adapter module is collected only when its engine can be imported, so that a
checkout without the extras still runs the suite; ``tests/integrations`` skips the adapters' tests the same way."""

from __future__ import annotations

import importlib.util

ENGINES: dict[str, tuple[str, ...]] = {
    "frame.py": ("pandas", "pyarrow"),
    "hf.py": ("datasets",),
    "dask.py": ("dask", "pandas", "pyarrow"),
    "spark.py": ("pyspark", "pandas", "pyarrow"),
    "datatrove.py": ("datatrove",),
}

collect_ignore = [name for name, modules in ENGINES.items()
                  if any(importlib.util.find_spec(m) is None for m in modules)]
