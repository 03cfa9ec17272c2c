"""pandas and Arrow: clean one column of a DataFrame or a ``pyarrow.Table``, chunk by chunk.

The result is a new frame or table: every input column is kept, the clean text replaces the source column (or
goes to ``into``), and the metadata is added in prefixed columns typed as :data:`~cleantext.integrations.COLUMN_TYPES`
says, in native types: Arrow strings, int64, ``list<string>`` and a struct of lists for the contacts; in pandas the
nullable ``string`` and ``Int64`` dtypes and ``pd.ArrowDtype`` for the list and the struct. An all-error chunk has
the same schema as any other.

The collection profile is learned once over the whole column (not per chunk), with the rule of ``clean_batch``:
``profile=True`` (the default) with at least ``MIN_DOCS`` rows, ``False`` to switch it off, a ``Profile`` to reuse.
"""

from __future__ import annotations

import math
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
    import pandas as pd
    import pyarrow as pa
except ImportError as err:  # pragma: no cover - exercised in a subprocess without the engine
    raise missing_engine(err.name or "pandas", "pandas") from err

DEFAULT_CHUNK_SIZE = 1000
CONTACTS_TYPE = pa.struct([pa.field(kind, pa.list_(pa.string())) for kind in CONTACT_KINDS])
ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(), "int64": pa.int64(), "list<string>": pa.list_(pa.string()), "contacts": CONTACTS_TYPE,
}
PANDAS_DTYPES: dict[str, Any] = {
    "string": "string", "int64": "Int64", "list<string>": pd.ArrowDtype(ARROW_TYPES["list<string>"]),
    "contacts": pd.ArrowDtype(CONTACTS_TYPE),
}


def arrow_array(column: str, values: list[Any]) -> pa.Array:
    """One output column's values as an Arrow array of its declared type (``column`` is a canonical name)."""
    return pa.array(values, type=ARROW_TYPES[COLUMN_TYPES[column]])


def pandas_series(column: str, values: list[Any], index: pd.Index) -> pd.Series:
    """One output column's values as a pandas Series of its declared dtype (nested ones backed by Arrow)."""
    dtype = PANDAS_DTYPES[COLUMN_TYPES[column]]
    if isinstance(dtype, pd.ArrowDtype):
        return pd.Series(pd.arrays.ArrowExtensionArray(arrow_array(column, values)), index=index)
    return pd.Series(values, index=index, dtype=dtype)


def arrow_fields(names: dict[str, str]) -> list[pa.Field]:
    """The added Arrow fields, in :data:`COLUMNS` order, under their output names."""
    return [pa.field(names[c], ARROW_TYPES[COLUMN_TYPES[c]]) for c in COLUMNS]


def output_schema(schema: pa.Schema, names: dict[str, str]) -> pa.Schema:
    """``schema`` with the output columns: one already there is replaced in place, the others are appended."""
    fields = {f.name: f for f in schema}
    for field in arrow_fields(names):
        fields[field.name] = field
    return pa.schema(list(fields.values()))


def _missing_to_none(value: Any) -> Any:
    """pandas spells a missing value NaN or NA; the cleaner is given ``None`` for all of them."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def whole_profile(values: list[Any], profile: Profile | bool, config: CleanerConfig | None = None,
                  **options: Any) -> Profile | bool:
    """The profile every chunk of ``values`` is cleaned with: learned once over all of them when ``profile`` is
    True and there are at least ``MIN_DOCS`` (else False); a given Profile or False as it is."""
    if profile is not True:
        return profile
    if len(values) < MIN_DOCS:
        return False
    return batch_profile(values, cleaner_for(config, **options).config)


def clean_record_batch(batch: pa.RecordBatch, column: str, names: dict[str, str],
                       config: CleanerConfig | None = None, **options: Any) -> pa.RecordBatch:
    """One Arrow record batch with its ``column`` cleaned (the unit of :func:`clean_table` and of Spark)."""
    rows = clean_rows(batch.column(column).to_pylist(), config, **options)
    arrays = {name: batch.column(name) for name in batch.schema.names}
    for i, c in enumerate(COLUMNS):
        arrays[names[c]] = arrow_array(c, [row[i] for row in rows])
    return pa.RecordBatch.from_arrays(list(arrays.values()), schema=output_schema(batch.schema, names))


def clean_table(table: pa.Table, column: str = "text", *, into: str | None = None, prefix: str = DEFAULT_PREFIX,
                chunk_size: int = DEFAULT_CHUNK_SIZE, config: CleanerConfig | None = None,
                profile: Profile | bool = True, **options: Any) -> pa.Table:
    """A new table with ``column`` (string or binary) cleaned, ``chunk_size`` rows at a time."""
    names = output_names(column, into, prefix)
    if profile is True and table.num_rows > chunk_size:  # one profile for the table (a chunk learns alone)
        profile = whole_profile(table.column(column).to_pylist(), profile, config, **options)
    batches = [clean_record_batch(b, column, names, config, profile=profile, **options)
               for b in table.to_batches(max_chunksize=chunk_size)]
    return pa.Table.from_batches(batches, schema=output_schema(table.schema, names))


def clean_frame(df: pd.DataFrame, column: str = "text", *, into: str | None = None, prefix: str = DEFAULT_PREFIX,
                chunk_size: int = DEFAULT_CHUNK_SIZE, config: CleanerConfig | None = None,
                profile: Profile | bool = True, **options: Any) -> pd.DataFrame:
    """A new DataFrame with ``column`` (str or bytes values) cleaned, ``chunk_size`` rows at a time; the index is
    kept. Also the partition function of the Dask adapter: an empty frame gives the typed, empty result."""
    names = output_names(column, into, prefix)
    values = [_missing_to_none(v) for v in df[column].tolist()]
    profile = whole_profile(values, profile, config, **options)
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(values), chunk_size):
        rows.extend(clean_rows(values[start : start + chunk_size], config, profile=profile, **options))
    out = df.copy(deep=False)
    for i, c in enumerate(COLUMNS):
        out[names[c]] = pandas_series(c, [row[i] for row in rows], df.index)
    return out
