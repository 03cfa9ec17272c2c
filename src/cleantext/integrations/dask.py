"""Dask: clean a bag of texts or of file paths, or one column of a dask DataFrame, a partition at a time.

Each partition is one call of :func:`~cleantext.integrations.clean_batch` in whichever worker Dask picks, and each
worker process keeps one Cleaner. File paths are read inside the workers, so the encoding detector sees the raw
bytes and the documents never pass through the client.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cleantext.cleaner import CleanerConfig
from cleantext.integrations import missing_engine
from cleantext.integrations.batch import DEFAULT_PREFIX, clean_batch, clean_paths

try:
    import dask.bag as db
    import dask.dataframe as dd
except ImportError as err:  # pragma: no cover - exercised in a subprocess without the engine
    raise missing_engine(err.name or "dask", "dask") from err

from cleantext.integrations.frame import DEFAULT_CHUNK_SIZE, clean_frame


def _records(columns: dict[str, list]) -> list[dict[str, Any]]:
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def _clean_text_partition(texts: Iterable[Any], config: CleanerConfig | None = None,
                          **options: Any) -> list[dict[str, Any]]:
    return _records(clean_batch(list(texts), config, **options))


def _clean_path_partition(paths: Iterable[Any], config: CleanerConfig | None = None,
                          **options: Any) -> list[dict[str, Any]]:
    return _records(clean_paths(list(paths), config, **options))


def clean_texts(bag: db.Bag, config: CleanerConfig | None = None, **options: Any) -> db.Bag:
    """A bag of ``str``/``bytes`` documents → a bag of dicts with the columns of ``clean_batch``, same order."""
    return bag.map_partitions(_clean_text_partition, config=config, **options)


def clean_files(bag: db.Bag, config: CleanerConfig | None = None, **options: Any) -> db.Bag:
    """A bag of file paths → a bag of dicts: ``path`` and the columns of ``clean_batch``. The workers read the
    files, so the paths must be readable where the workers run."""
    return bag.map_partitions(_clean_path_partition, config=config, **options)


def clean_dataframe(df: dd.DataFrame, column: str = "text", *, into: str | None = None,
                    prefix: str = DEFAULT_PREFIX, chunk_size: int = DEFAULT_CHUNK_SIZE,
                    config: CleanerConfig | None = None, **options: Any) -> dd.DataFrame:
    """``df`` with ``column`` cleaned as :func:`~cleantext.integrations.frame.clean_frame` does, partition by
    partition; the output's ``meta`` is declared from the empty frame, so Dask never runs a guess on sample data."""
    kwargs: dict[str, Any] = {"into": into, "prefix": prefix, "chunk_size": chunk_size, "config": config, **options}
    meta = clean_frame(df._meta, column, **kwargs)
    return df.map_partitions(clean_frame, column, meta=meta, **kwargs)
