"""cleantext as a step inside other data tools: Hugging Face datasets, pandas/Arrow, Dask, Spark and datatrove.

``clean_batch`` (a list of documents → a dict of columns) is the shared core; each adapter is a thin layer that
feeds it the engine's batches. The engines do the scheduling: partitions are spread over their workers, and each
worker process builds one ``Cleaner`` (cached per configuration) that it reuses for every batch it gets.

Importing this package imports no engine. Each adapter module needs its engine and says which extra installs it:

- ``cleantext.integrations.hf`` — ``pip install 'cleantext-zh[datasets]'``
- ``cleantext.integrations.frame`` — ``pip install 'cleantext-zh[pandas]'`` (pandas and pyarrow)
- ``cleantext.integrations.dask`` — ``pip install 'cleantext-zh[dask]'``
- ``cleantext.integrations.spark`` — ``pip install 'cleantext-zh[spark]'`` (and a Java 17 runtime)
- ``cleantext.integrations.datatrove`` — ``pip install 'cleantext-zh[datatrove]'``

Every adapter gives the columns of :func:`clean_batch` (``cleantext_text``, ``cleantext_title``, …, the text in the
source column or ``into=`` where there is one), in the native types of :data:`COLUMN_TYPES`.
"""

from __future__ import annotations

from cleantext.integrations.batch import (
    COLUMN_TYPES,
    COLUMNS,
    DEFAULT_PREFIX,
    clean_batch,
    clean_paths,
    cleaner_for,
    output_names,
)

__all__ = [
    "COLUMNS", "COLUMN_TYPES", "DEFAULT_PREFIX", "clean_batch", "clean_paths", "cleaner_for", "missing_engine",
    "output_names",
]


def missing_engine(module: str, extra: str) -> ImportError:
    """The error an adapter raises at import when its engine is absent: it names the extra that installs it."""
    top = module.partition(".")[0]
    return ImportError(f"this cleantext adapter needs {top}, which is not installed: "
                       f"pip install 'cleantext-zh[{extra}]'",
                       name=top)
