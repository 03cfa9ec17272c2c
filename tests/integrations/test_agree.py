"""Every installed adapter, run on the same invented documents, gives the same column names, types and values.

The reference is ``clean_batch``: its ``cleantext_*`` columns in :data:`COLUMNS` order. Each adapter is asked to put
the clean text into ``cleantext_text`` (``into=``), so that every one of them adds exactly those columns; columnar
engines are compared on their Arrow types (``large_string`` counts as ``string``: pandas' string dtype exports it),
Python-level ones (``clean_batch``, Dask bags) on the Python type of every value.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from cleantext.integrations import COLUMN_TYPES, COLUMNS, clean_batch
from cleantext.result import CONTACT_KINDS

from .conftest import RAW_DOCS, assert_like_clean, local_spark, plain

DOCS: list[bytes | None] = list(RAW_DOCS.values())  # several encodings, an empty one, three bad records
NAMES = [f"cleantext_{c}" for c in COLUMNS]
INTO = "cleantext_text"


def _installed(*modules: str) -> bool:
    return all(importlib.util.find_spec(m) is not None for m in modules)


def _java() -> bool:
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


def _declared_arrow() -> dict[str, str]:
    from cleantext.integrations.frame import ARROW_TYPES

    return {f"cleantext_{c}": str(ARROW_TYPES[COLUMN_TYPES[c]]) for c in COLUMNS}


def _canonical(arrow_type: Any) -> str:
    import pyarrow as pa

    def walk(t: Any) -> Any:
        if pa.types.is_large_string(t):
            return pa.string()
        if pa.types.is_large_list(t) or pa.types.is_list(t):
            return pa.list_(walk(t.value_type))
        if pa.types.is_struct(t):
            return pa.struct([pa.field(f.name, walk(f.type)) for f in t])
        return t

    return str(walk(arrow_type))


def _python_type_ok(kind: str, value: Any) -> bool:
    if value is None:
        return True
    if kind == "string":
        return isinstance(value, str)
    if kind == "int64":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "list<string>":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    assert kind == "contacts"
    return (isinstance(value, dict) and list(value) == list(CONTACT_KINDS)
            and all(_python_type_ok("list<string>", v) for v in value.values()))


# Each adapter: (modules it needs, run(docs) -> (column names in order, {column: type}, rows as dicts)).
Run = Callable[[list[Any]], tuple[list[str], dict[str, str] | None, list[dict[str, Any]]]]


def _rows(columns: dict[str, list]) -> list[dict[str, Any]]:
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def run_batch(docs: list[Any]) -> tuple[list[str], None, list[dict[str, Any]]]:
    columns = clean_batch(docs)
    return list(columns), None, _rows(columns)


def run_arrow(docs: list[Any]) -> tuple[list[str], dict[str, str], list[dict[str, Any]]]:
    import pyarrow as pa

    from cleantext.integrations.frame import clean_table

    out = clean_table(pa.table({"raw": pa.array(docs, type=pa.binary())}), "raw", into=INTO, chunk_size=3)
    return out.column_names[1:], {f.name: _canonical(f.type) for f in out.schema}, out.to_pylist()


def run_pandas(docs: list[Any]) -> tuple[list[str], dict[str, str], list[dict[str, Any]]]:
    import pandas as pd
    import pyarrow as pa

    from cleantext.integrations.frame import clean_frame

    out = clean_frame(pd.DataFrame({"raw": pd.Series(docs, dtype=object)}), "raw", into=INTO, chunk_size=3)
    schema = pa.Schema.from_pandas(out.drop(columns=["raw"]), preserve_index=False)
    return list(out.columns[1:]), {f.name: _canonical(f.type) for f in schema}, out.to_dict("records")


def _datasets(by_hand: bool) -> Run:
    def run(docs: list[Any]) -> tuple[list[str], dict[str, str], list[dict[str, Any]]]:
        import datasets

        from cleantext.integrations.hf import clean_dataset, clean_examples

        datasets.disable_progress_bars()
        ds = datasets.Dataset.from_dict({"raw": docs}, features=datasets.Features({"raw": datasets.Value("binary")}))
        if by_hand:
            out = ds.map(clean_examples, batched=True, batch_size=3, fn_kwargs={"column": "raw", "into": INTO})
        else:
            out = clean_dataset(ds, "raw", into=INTO, batch_size=3)
        schema = out.features.arrow_schema
        return out.column_names[1:], {f.name: _canonical(f.type) for f in schema}, out.to_list()

    return run


def run_dask_bag(docs: list[Any]) -> tuple[list[str], None, list[dict[str, Any]]]:
    import dask.bag as db

    from cleantext.integrations.dask import clean_texts

    records = clean_texts(db.from_sequence(docs, npartitions=3)).compute(scheduler="synchronous")
    assert all(list(r) == list(records[0]) for r in records)
    return list(records[0]), None, records


def run_dask_frame(docs: list[Any]) -> tuple[list[str], dict[str, str], list[dict[str, Any]]]:
    import dask
    import dask.dataframe as dd
    import pandas as pd
    import pyarrow as pa

    from cleantext.integrations.dask import clean_dataframe

    with dask.config.set({"dataframe.convert-string": False}):  # keep the bytes as bytes
        ddf = dd.from_pandas(pd.DataFrame({"raw": pd.Series(docs, dtype=object)}), npartitions=3)
        lazy = clean_dataframe(ddf, "raw", into=INTO, chunk_size=2)
        out = lazy.compute(scheduler="synchronous")
    assert lazy.dtypes.to_dict() == out.dtypes.to_dict()  # the declared meta is what the partitions give
    schema = pa.Schema.from_pandas(out.drop(columns=["raw"]), preserve_index=False)
    return list(out.columns[1:]), {f.name: _canonical(f.type) for f in schema}, out.to_dict("records")


@pytest.fixture(scope="module")
def spark_session() -> Iterator[Callable[[], Any]]:
    """A local Spark session, started only when a test asks for it (it takes seconds)."""
    stack: list[Any] = []

    def get() -> Any:
        if not stack:
            context = local_spark("cleantext-agree")
            stack.append((context, context.__enter__()))
        return stack[0][1]

    yield get
    if stack:
        stack[0][0].__exit__(None, None, None)


ADAPTERS: dict[str, tuple[tuple[str, ...], Any]] = {
    "clean_batch": ((), run_batch),
    "arrow": (("pyarrow",), run_arrow),
    "pandas": (("pandas", "pyarrow"), run_pandas),
    "datasets": (("datasets",), _datasets(by_hand=False)),
    "datasets-map-by-hand": (("datasets",), _datasets(by_hand=True)),
    "dask-bag": (("dask", "pandas", "pyarrow"), run_dask_bag),
    "dask-frame": (("dask", "pandas", "pyarrow"), run_dask_frame),
    "spark": (("pyspark", "pandas", "pyarrow"), None),
}


def run_spark(session: Any, docs: list[Any]) -> tuple[list[str], dict[str, str], list[dict[str, Any]]]:
    from pyspark.sql.pandas.types import to_arrow_schema

    from cleantext.integrations.spark import clean_spark

    df = session.createDataFrame([(i, d) for i, d in enumerate(docs)], "id long, raw binary").repartition(2)
    out = clean_spark(df, "raw", into=INTO)
    rows = [r.asDict(recursive=True) for r in sorted(out.collect(), key=lambda r: r["id"])]
    schema = to_arrow_schema(out.drop("id", "raw").schema)
    return out.columns[2:], {f.name: _canonical(f.type) for f in schema}, rows


@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
@pytest.mark.parametrize("adapter", list(ADAPTERS))
def test_every_adapter_gives_the_columns_types_and_values_of_clean_batch(adapter: str, spark_session: Any) -> None:
    modules, run = ADAPTERS[adapter]
    if not _installed(*modules):
        pytest.skip(f"{adapter}: {', '.join(modules)} not installed")
    if adapter == "spark":
        if not _java():
            pytest.skip("no Java runtime (java on PATH or JAVA_HOME): Spark needs Java 17")
        names, types, rows = run_spark(spark_session(), DOCS)
    else:
        names, types, rows = run(DOCS)
    assert names == NAMES
    if types is None:  # Python values: each of the declared kind
        for row in rows:
            for c in COLUMNS:
                assert _python_type_ok(COLUMN_TYPES[c], row[f"cleantext_{c}"]), (adapter, c, row[f"cleantext_{c}"])
    else:
        assert {n: types[n] for n in NAMES} == _declared_arrow()
    reference = _rows(clean_batch(DOCS))
    assert [{n: plain(row[n]) for n in NAMES} for row in rows] == reference
    assert_like_clean(rows, DOCS)
