"""Spark: clean one column of a DataFrame with ``mapInArrow``, with the output schema declared up front.

The column may be a string column or the binary ``content`` column of ``spark.read.format("binaryFile")``, so the
encoding detector sees the files' raw bytes. Spark cuts the DataFrame into partitions and sends them to its Python
workers as Arrow record batches; each worker process builds one Cleaner and reuses it for every batch.

The collection profile (:mod:`cleantext.evidence.profile`) is learned first, as one aggregation pass: each
partition learns a :class:`~cleantext.evidence.profile.Profile` (``mapPartitions``), the driver merges them
(``reduce(Profile.merge)``: the same value as learning in one process), broadcasts it, and every batch is cleaned
with it. On by default when the column holds at least ``MIN_DOCS`` records (the rule of ``clean_batch``),
``profile=False`` to switch it off, a ``Profile`` to reuse one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

from cleantext.cleaner import CleanerConfig
from cleantext.evidence.profile import MIN_DOCS, Profile
from cleantext.integrations import missing_engine
from cleantext.integrations.batch import COLUMN_TYPES, COLUMNS, DEFAULT_PREFIX, batch_profile, cleaner_for, output_names

try:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import ArrayType, DataType, LongType, StringType, StructField, StructType
except ImportError as err:  # pragma: no cover - exercised in a subprocess without the engine
    raise missing_engine(err.name or "pyspark", "spark") from err

from cleantext.integrations.frame import clean_record_batch
from cleantext.result import CONTACT_KINDS

SPARK_TYPES: dict[str, DataType] = {
    "string": StringType(), "int64": LongType(), "list<string>": ArrayType(StringType(), containsNull=True),
    "contacts": StructType([StructField(kind, ArrayType(StringType(), containsNull=True), nullable=True)
                            for kind in CONTACT_KINDS]),
}
ArrowBatches = Iterator[pa.RecordBatch]


def output_schema(schema: StructType, names: dict[str, str]) -> StructType:
    """``schema`` with the output columns: one already there is replaced in place, the others are appended."""
    fields = {f.name: f for f in schema.fields}
    for c in COLUMNS:
        fields[names[c]] = StructField(names[c], SPARK_TYPES[COLUMN_TYPES[c]], nullable=True)
    return StructType(list(fields.values()))


def read_files(spark: SparkSession, folder: str, globs: tuple[str, ...] = ("*.txt",)) -> DataFrame:
    """The files under ``folder`` as ``binaryFile`` rows (``path``, ``modificationTime``, ``length``, ``content``),
    subfolders included as ``cleantext clean`` walks them (``recursiveFileLookup``), names matching ``globs``.

    Spark's name filter is case-sensitive (the CLI's is not) and lists no empty file; ``folder`` is resolved by
    the JVM, so pass an absolute path or a URL (``s3a://…``, ``hdfs://…``)."""
    pattern = globs[0] if len(globs) == 1 else "{" + ",".join(globs) + "}"
    return (spark.read.format("binaryFile").option("recursiveFileLookup", "true").option("pathGlobFilter", pattern)
            .load(str(folder)))


def clean_arrow_batches(batches: ArrowBatches, column: str = "text", into: str | None = None,
                        prefix: str = DEFAULT_PREFIX, config: CleanerConfig | None = None,
                        profile: Profile | bool | Any = True, **options: Any) -> ArrowBatches:
    """The body of a ``mapInArrow`` function: each record batch with ``column`` cleaned. ``profile``: as in
    ``clean_batch`` (``True``: each batch learns its own), or a broadcast variable holding a ``Profile``."""
    names = output_names(column, into, prefix)
    if not isinstance(profile, (bool, Profile)):
        profile = profile.value  # a Broadcast: deserialized once per worker process
    for batch in batches:
        yield clean_record_batch(batch, column, names, config, profile=profile, **options)


def arrow_function(column: str = "text", *, into: str | None = None, prefix: str = DEFAULT_PREFIX,
                   config: CleanerConfig | None = None, **options: Any) -> Callable[[ArrowBatches], ArrowBatches]:
    """A function to hand to ``df.mapInArrow(fn, schema)`` yourself (with :func:`output_schema` as the schema)."""
    return functools.partial(clean_arrow_batches, column=column, into=into, prefix=prefix, config=config, **options)


def _partition_profile(rows: Iterator[Any], config: CleanerConfig | None, options: dict[str, Any]) -> Iterator[
        tuple[int, Profile]]:
    """One partition's part of the aggregation: its record count and the profile of its documents."""
    docs = [bytes(v) if isinstance(v, bytearray) else v for v in (row[0] for row in rows)]  # binary: bytearray
    yield len(docs), batch_profile(docs, cleaner_for(config, **options).config)


def _add(a: tuple[int, Profile], b: tuple[int, Profile]) -> tuple[int, Profile]:
    return a[0] + b[0], Profile.merge(a[1], b[1])


def learn_profile_spark(df: DataFrame, column: str = "text", config: CleanerConfig | None = None,
                        **options: Any) -> tuple[int, Profile]:
    """``(records, profile)`` of ``column`` in one aggregation pass: a profile per partition, merged on the way
    to the driver (equal to the profile learned from the same documents in one process)."""
    if column not in df.columns:
        raise ValueError(f"no column {column!r} to learn from; the DataFrame has {df.columns}")
    parts = df.select(column).rdd.mapPartitions(functools.partial(_partition_profile, config=config,
                                                                  options=options))
    folded: tuple[int, Profile] = parts.fold((0, Profile()), _add)
    return folded


def clean_spark(df: DataFrame, column: str = "text", *, into: str | None = None, prefix: str = DEFAULT_PREFIX,
                config: CleanerConfig | None = None, profile: Profile | bool = True, **options: Any) -> DataFrame:
    """``df`` with ``column`` (string or binary) cleaned: the clean text replaces it (or goes to ``into``) and
    the metadata columns are added, all under a declared schema; a bad record fills ``cleantext_error``.

    ``profile``: ``True`` (the default) learns the collection profile first (a Spark job of its own, see the
    module docstring) when there are at least ``MIN_DOCS`` records; ``False`` cleans each document on its own;
    a :class:`~cleantext.evidence.profile.Profile` is used as it is."""
    if column not in df.columns:
        raise ValueError(f"no column {column!r} to clean; the DataFrame has {df.columns}")
    names = output_names(column, into, prefix)
    if profile is True:
        records, learned = learn_profile_spark(df, column, config, **options)
        profile = learned if records >= MIN_DOCS else False
    shared: Any = profile
    if isinstance(profile, Profile):
        profile.verdicts()  # computed once here, so that the workers receive them
        shared = df.sparkSession.sparkContext.broadcast(profile)
    fn = arrow_function(column, into=into, prefix=prefix, config=config, profile=shared, **options)
    return df.mapInArrow(fn, output_schema(df.schema, names))
