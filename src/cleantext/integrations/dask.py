"""Dask: clean a bag of texts or of file paths, or one column of a dask DataFrame, a partition at a time.

Each partition is one call of :func:`~cleantext.integrations.clean_batch` in whichever worker Dask picks, and each
worker process keeps one Cleaner. File paths are read inside the workers, so the encoding detector sees the raw
bytes and the documents never pass through the client.

The collection profile (:mod:`cleantext.evidence.profile`) is one aggregation in the same graph: each partition
learns a :class:`~cleantext.evidence.profile.Profile`, a reduction merges them (the same value as learning in one
process), and the merged value is handed to every cleaning task as one shared key of the graph (broadcast, not
copied into each task). On by default when the collection holds at least ``MIN_DOCS`` records (the rule of
``clean_batch``), ``profile=False`` to switch it off, a ``Profile`` to reuse one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from cleantext.cleaner import CleanerConfig
from cleantext.evidence.profile import MIN_DOCS, Profile, _learn_paths
from cleantext.integrations import missing_engine
from cleantext.integrations.batch import (
    DEFAULT_PREFIX,
    batch_profile,
    clean_batch,
    clean_paths,
    cleaner_for,
)

try:
    import dask
    import dask.bag as db
    import dask.dataframe as dd
except ImportError as err:  # pragma: no cover - exercised in a subprocess without the engine
    raise missing_engine(err.name or "dask", "dask") from err

from cleantext.integrations.frame import DEFAULT_CHUNK_SIZE, _missing_to_none, clean_frame


def _records(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


# What a partition contributes to the profile: its record count and the profile of its documents.
Part = tuple[int, Profile]


def _text_part(texts: Iterable[Any], config: CleanerConfig | None, options: dict[str, Any]) -> Part:
    docs = list(texts)
    return len(docs), batch_profile(docs, cleaner_for(config, **options).config)


def _path_part(paths: Iterable[Any], config: CleanerConfig | None, options: dict[str, Any]) -> Part:
    names = [str(p) for p in paths]
    return len(names), _learn_paths(names)


def _merge_parts(parts: Iterable[Part]) -> Part:
    records, profile = 0, Profile()
    for n, p in parts:
        records, profile = records + n, Profile.merge(profile, p)
    return records, profile


def _chosen(part: Part) -> Profile | bool:
    """The rule of ``clean_batch``: the learned profile when there were enough records to learn from."""
    records, profile = part
    if records < MIN_DOCS:
        return False
    profile.verdicts()  # once, before the value is shipped to the cleaning tasks
    return profile


def learn_profile(bag: db.Bag, *, paths: bool = False, config: CleanerConfig | None = None,
                  **options: Any) -> Any:
    """A lazy ``(records, profile)`` of a bag of documents (or of file paths, read by the workers): one
    reduction, a profile per partition merged on the way (``.compute()`` it to look at the profile)."""
    part = functools.partial(_path_part if paths else _text_part, config=config, options=options)
    return bag.reduction(part, _merge_parts, split_every=8)


def _shared(profile: Profile | bool, learn: Callable[[], Any]) -> Any:
    """What every cleaning task gets: ``False``, the given Profile, or the lazy choice from ``learn()``."""
    return dask.delayed(_chosen)(learn()) if profile is True else profile


def _clean_text_partition(texts: Iterable[Any], config: CleanerConfig | None = None,
                          **options: Any) -> list[dict[str, Any]]:
    return _records(clean_batch(list(texts), config, **options))


def _clean_path_partition(paths: Iterable[Any], config: CleanerConfig | None = None,
                          **options: Any) -> list[dict[str, Any]]:
    return _records(clean_paths(list(paths), config, **options))


def clean_texts(bag: db.Bag, config: CleanerConfig | None = None, *, profile: Profile | bool = True,
                prefix: str = DEFAULT_PREFIX, **options: Any) -> db.Bag:
    """A bag of ``str``/``bytes`` documents → a bag of dicts with the columns of ``clean_batch`` (``cleantext_text``,
    ``cleantext_title``, …), same order. ``profile``: learned over the whole bag first (``True``, with at least
    ``MIN_DOCS`` records), ``False``, or a given ``Profile``."""
    shared = _shared(profile, lambda: learn_profile(bag, config=config, **options))
    return bag.map_partitions(_clean_text_partition, config=config, profile=shared, prefix=prefix, **options)


def clean_files(bag: db.Bag, config: CleanerConfig | None = None, *, profile: Profile | bool = True,
                prefix: str = DEFAULT_PREFIX, **options: Any) -> db.Bag:
    """A bag of file paths → a bag of dicts: ``path`` and the columns of ``clean_batch``. The workers read the
    files (once to learn the profile, once to clean), so the paths must be readable where the workers run."""
    shared = _shared(profile, lambda: learn_profile(bag, paths=True, config=config, **options))
    return bag.map_partitions(_clean_path_partition, config=config, profile=shared, prefix=prefix, **options)


def _frame_part(df: Any, column: str, config: CleanerConfig | None, options: dict[str, Any]) -> Part:
    return _text_part((_missing_to_none(v) for v in df[column].tolist()), config, options)


def clean_dataframe(df: dd.DataFrame, column: str = "text", *, into: str | None = None,
                    prefix: str = DEFAULT_PREFIX, chunk_size: int = DEFAULT_CHUNK_SIZE,
                    config: CleanerConfig | None = None, profile: Profile | bool = True,
                    **options: Any) -> dd.DataFrame:
    """``df`` with ``column`` cleaned as :func:`~cleantext.integrations.frame.clean_frame` does, partition by
    partition; the output's ``meta`` is declared from the empty frame, so Dask never runs a guess on sample data.
    ``profile``: learned over the whole column first, as in :func:`clean_texts`."""
    kwargs: dict[str, Any] = {"into": into, "prefix": prefix, "chunk_size": chunk_size, "config": config, **options}
    meta = clean_frame(df._meta, column, profile=False, **kwargs)

    def learn() -> Any:
        parts = [dask.delayed(_frame_part)(p, column, config, options) for p in df.to_delayed()]
        return dask.delayed(_merge_parts)(parts)

    shared = _shared(profile, learn)
    return df.map_partitions(clean_frame, column, meta=meta, profile=shared, **kwargs)
