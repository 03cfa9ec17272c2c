"""Spark: clean one column of a DataFrame with ``mapInArrow``, with the output schema declared up front.

The column may be a string column or the binary ``content`` column of ``spark.read.format("binaryFile")``, so the
encoding detector sees the files' raw bytes. Spark cuts the DataFrame into partitions and sends them to its Python
workers as Arrow record batches; each worker process builds one Cleaner and reuses it for every batch.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

from cleantext.cleaner import CleanerConfig
from cleantext.integrations import missing_engine
from cleantext.integrations.batch import COLUMN_TYPES, COLUMNS, DEFAULT_PREFIX, output_names

try:
    import pyarrow as pa
    from pyspark.sql import DataFrame
    from pyspark.sql.types import DataType, LongType, StringType, StructField, StructType
except ImportError as err:  # pragma: no cover - exercised in a subprocess without the engine
    raise missing_engine(err.name or "pyspark", "spark") from err

from cleantext.integrations.frame import clean_record_batch

SPARK_TYPES: dict[str, DataType] = {"string": StringType(), "int64": LongType()}
ArrowBatches = Iterator[pa.RecordBatch]


def output_schema(schema: StructType, names: dict[str, str]) -> StructType:
    """``schema`` with the output columns: one already there is replaced in place, the others are appended."""
    fields = {f.name: f for f in schema.fields}
    for c in COLUMNS:
        fields[names[c]] = StructField(names[c], SPARK_TYPES[COLUMN_TYPES[c]], nullable=True)
    return StructType(list(fields.values()))


def clean_arrow_batches(batches: ArrowBatches, column: str = "text", into: str | None = None,
                        prefix: str = DEFAULT_PREFIX, config: CleanerConfig | None = None,
                        **options: Any) -> ArrowBatches:
    """The body of a ``mapInArrow`` function: each record batch with ``column`` cleaned."""
    names = output_names(column, into, prefix)
    for batch in batches:
        yield clean_record_batch(batch, column, names, config, **options)


def arrow_function(column: str = "text", *, into: str | None = None, prefix: str = DEFAULT_PREFIX,
                   config: CleanerConfig | None = None, **options: Any) -> Callable[[ArrowBatches], ArrowBatches]:
    """A function to hand to ``df.mapInArrow(fn, schema)`` yourself (with :func:`output_schema` as the schema)."""
    return functools.partial(clean_arrow_batches, column=column, into=into, prefix=prefix, config=config, **options)


def clean_spark(df: DataFrame, column: str = "text", *, into: str | None = None, prefix: str = DEFAULT_PREFIX,
                config: CleanerConfig | None = None, **options: Any) -> DataFrame:
    """``df`` with ``column`` (string or binary) cleaned: the clean text replaces it (or goes to ``into``) and
    the metadata columns are added, all under a declared schema; a bad record fills ``cleantext_error``."""
    if column not in df.columns:
        raise ValueError(f"no column {column!r} to clean; the DataFrame has {df.columns}")
    names = output_names(column, into, prefix)
    fn = arrow_function(column, into=into, prefix=prefix, config=config, **options)
    return df.mapInArrow(fn, output_schema(df.schema, names))
