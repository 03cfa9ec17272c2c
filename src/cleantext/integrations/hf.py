"""Hugging Face datasets: a batched ``Dataset.map`` function that cleans one column and keeps the others.

``clean_examples`` is the function to hand to ``map(..., batched=True)`` yourself (it also works on an
``IterableDataset``); ``clean_dataset`` calls ``map`` with the output features declared, so that the shards of
``num_proc > 1`` agree on the schema even when one of them holds only failed records.
"""

from __future__ import annotations

from typing import Any

from cleantext.cleaner import CleanerConfig
from cleantext.integrations import missing_engine
from cleantext.integrations.batch import COLUMN_TYPES, COLUMNS, DEFAULT_PREFIX, clean_batch, output_names

try:
    import datasets
except ImportError as err:  # pragma: no cover - exercised in a subprocess without the engine
    raise missing_engine("datasets", "datasets") from err

DEFAULT_BATCH_SIZE = 1000


def clean_examples(batch: dict[str, list], column: str = "text", into: str | None = None,
                   prefix: str = DEFAULT_PREFIX, config: CleanerConfig | None = None,
                   **options: Any) -> dict[str, list]:
    """For ``Dataset.map(clean_examples, batched=True, fn_kwargs={"column": ...})``: the clean text (replacing
    ``column``, or in ``into``) and the prefixed metadata columns; ``map`` keeps every other column."""
    names = output_names(column, into, prefix)
    cols = clean_batch(batch[column], config, **options)
    return {names[c]: cols[c] for c in COLUMNS}


def output_features(features: datasets.Features, names: dict[str, str]) -> datasets.Features:
    """``features`` with the output columns declared (strings and int64, all nullable in Arrow)."""
    out = datasets.Features(features)
    for c in COLUMNS:
        out[names[c]] = datasets.Value(COLUMN_TYPES[c])
    return out


def clean_dataset(dataset: datasets.Dataset, column: str = "text", *, into: str | None = None,
                  prefix: str = DEFAULT_PREFIX, num_proc: int | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                  config: CleanerConfig | None = None, **options: Any) -> datasets.Dataset:
    """``dataset.map`` with :func:`clean_examples` and declared output features; ``num_proc`` worker processes
    each build their own Cleaner once."""
    if column not in dataset.column_names:
        raise ValueError(f"no column {column!r} to clean; the dataset has {dataset.column_names}")
    names = output_names(column, into, prefix)
    return dataset.map(
        clean_examples, batched=True, batch_size=batch_size, num_proc=num_proc,
        fn_kwargs={"column": column, "into": into, "prefix": prefix, "config": config, **options},
        features=output_features(dataset.features, names), desc="cleantext",
    )
