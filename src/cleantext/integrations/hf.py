"""Hugging Face datasets: a batched ``Dataset.map`` function that cleans one column and keeps the others.

``clean_examples`` is the function to hand to ``map(..., batched=True)`` yourself: on a ``Dataset`` it returns an
Arrow table (the input columns as they were, the output ones typed as :data:`~cleantext.integrations.COLUMN_TYPES`
says), so a hand-written ``map`` gets the same native feature types as ``clean_dataset`` (strings, int64, a
``List`` of strings, a struct of lists for the contacts) even when a batch holds only failed records; on an
``IterableDataset`` (plain dict batches) it returns lists. ``clean_dataset`` calls ``map`` with the output features
declared besides, so that the shards of ``num_proc > 1`` agree on the schema.

``clean_dataset`` learns the collection profile once over the whole column first (read a batch at a time, counts
only), with the rule of ``clean_batch``: ``profile=True`` (the default) with at least ``MIN_DOCS`` rows, ``False``
to switch it off, a ``Profile`` to reuse; ``clean_examples`` alone learns one per batch unless given one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cleantext.cleaner import CleanerConfig
from cleantext.evidence.profile import MIN_DOCS, Profile
from cleantext.integrations import missing_engine
from cleantext.integrations.batch import (
    COLUMN_TYPES,
    COLUMNS,
    DEFAULT_PREFIX,
    batch_profile,
    clean_rows,
    cleaner_for,
    output_names,
)
from cleantext.result import CONTACT_KINDS

try:
    import datasets
    import pyarrow as pa
except ImportError as err:  # pragma: no cover - exercised in a subprocess without the engine
    raise missing_engine(err.name or "datasets", "datasets") from err

from cleantext.integrations.frame import arrow_array

DEFAULT_BATCH_SIZE = 1000


_LIST = getattr(datasets, "List", None) or datasets.Sequence  # List since datasets 4; Sequence before
FEATURES: dict[str, Any] = {
    "string": datasets.Value("string"), "int64": datasets.Value("int64"),
    "list<string>": _LIST(datasets.Value("string")),
    "contacts": {kind: _LIST(datasets.Value("string")) for kind in CONTACT_KINDS},
}


def _input_table(batch: Any) -> pa.Table | None:
    """The Arrow table behind a batch: the batch itself (``with_format("arrow")``) or the table of the lazy batch
    that ``Dataset.map`` hands over; None for a plain dict (an ``IterableDataset``)."""
    if isinstance(batch, pa.Table):
        return batch
    table = getattr(batch, "pa_table", None)
    return table if isinstance(table, pa.Table) else None


def clean_examples(batch: Any, column: str = "text", into: str | None = None,
                   prefix: str = DEFAULT_PREFIX, config: CleanerConfig | None = None,
                   drop_columns: Sequence[str] = (), **options: Any) -> pa.Table | dict[str, list[Any]]:
    """For ``Dataset.map(clean_examples, batched=True, fn_kwargs={"column": ...})``: the clean text (replacing
    ``column``, or in ``into``) and the prefixed metadata columns, every other column kept. On a ``Dataset`` the
    result is an Arrow table with the output columns in their declared types (``map`` writes it as it is); on a
    plain dict batch, lists (``map`` keeps the other columns).

    ``map(remove_columns=...)`` does not apply to a returned table (datasets only trims what it merges itself):
    name the columns to leave out in ``drop_columns`` instead, or call ``.remove_columns`` on the result."""
    names = output_names(column, into, prefix)
    table = _input_table(batch)
    values = table.column(column).to_pylist() if table is not None else list(batch[column])
    if table is not None and drop_columns:
        table = table.drop_columns([c for c in drop_columns if c in table.column_names and c not in names.values()])
    rows = clean_rows(values, config, **options)
    if table is None:
        return {names[c]: [row[i] for row in rows] for i, c in enumerate(COLUMNS)}
    for i, c in enumerate(COLUMNS):
        array = arrow_array(c, [row[i] for row in rows])
        if names[c] in table.column_names:
            table = table.set_column(table.column_names.index(names[c]), names[c], array)
        else:
            table = table.append_column(names[c], array)
    return table


def output_features(features: datasets.Features, names: dict[str, str]) -> datasets.Features:
    """``features`` with the output columns declared in native types (all nullable in Arrow)."""
    out = datasets.Features(features)
    for c in COLUMNS:
        out[names[c]] = FEATURES[COLUMN_TYPES[c]]
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
