"""Hugging Face datasets: a batched ``Dataset.map`` function that cleans one column and keeps the others.

``clean_examples`` is the function to hand to ``map(..., batched=True)`` yourself (it also works on an
``IterableDataset``); ``clean_dataset`` calls ``map`` with the output features declared, so that the shards of
``num_proc > 1`` agree on the schema even when one of them holds only failed records.

``clean_dataset`` learns the collection profile once over the whole column first (read a batch at a time, counts
only), with the rule of ``clean_batch``: ``profile=True`` (the default) with at least ``MIN_DOCS`` rows, ``False``
to switch it off, a ``Profile`` to reuse; ``clean_examples`` alone learns one per batch unless given one.
"""

from __future__ import annotations

from typing import Any

from cleantext.cleaner import CleanerConfig
from cleantext.evidence.profile import MIN_DOCS, Profile
from cleantext.integrations import missing_engine
from cleantext.integrations.batch import (
    COLUMN_TYPES,
    COLUMNS,
    DEFAULT_PREFIX,
    batch_profile,
    clean_batch,
    cleaner_for,
    output_names,
)

try:
    import datasets
except ImportError as err:  # pragma: no cover - exercised in a subprocess without the engine
    raise missing_engine("datasets", "datasets") from err

DEFAULT_BATCH_SIZE = 1000


def clean_examples(batch: dict[str, list[Any]], column: str = "text", into: str | None = None,
                   prefix: str = DEFAULT_PREFIX, config: CleanerConfig | None = None,
                   **options: Any) -> dict[str, list[Any]]:
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


def learn_profile_dataset(dataset: datasets.Dataset, column: str = "text", batch_size: int = DEFAULT_BATCH_SIZE,
                          config: CleanerConfig | None = None, **options: Any) -> Profile:
    """The profile of a dataset's column, read ``batch_size`` rows at a time (partial profiles merged)."""
    cfg = cleaner_for(config, **options).config
    profile = Profile()
    for batch in dataset.select_columns([column]).iter(batch_size=batch_size):
        profile = Profile.merge(profile, batch_profile(batch[column], cfg))
    return profile


def clean_dataset(dataset: datasets.Dataset, column: str = "text", *, into: str | None = None,
                  prefix: str = DEFAULT_PREFIX, num_proc: int | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                  config: CleanerConfig | None = None, profile: Profile | bool = True,
                  **options: Any) -> datasets.Dataset:
    """``dataset.map`` with :func:`clean_examples` and declared output features; ``num_proc`` worker processes
    each build their own Cleaner once. ``profile``: see the module docstring."""
    if column not in dataset.column_names:
        raise ValueError(f"no column {column!r} to clean; the dataset has {dataset.column_names}")
    names = output_names(column, into, prefix)
    if profile is True and isinstance(dataset, datasets.Dataset):  # (an IterableDataset: a profile per batch)
        profile = (learn_profile_dataset(dataset, column, batch_size, config, **options)
                   if len(dataset) >= MIN_DOCS else False)
    if isinstance(profile, Profile):
        profile.verdicts()  # once, before the workers receive it
    options["profile"] = profile
    return dataset.map(
        clean_examples, batched=True, batch_size=batch_size, num_proc=num_proc,
        fn_kwargs={"column": column, "into": into, "prefix": prefix, "config": config, **options},
        features=output_features(dataset.features, names), desc="cleantext",
    )
