"""pandas and Arrow: a cleaned column equals cleantext.clean record by record, other columns untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

pd = pytest.importorskip("pandas", reason="pandas is not installed (pip install 'cleantext-zh[pandas]')")
pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'cleantext-zh[pandas]')")

from cleantext.integrations import output_names  # noqa: E402
from cleantext.integrations.frame import clean_frame, clean_table  # noqa: E402

from .conftest import MIXED_DOCS, NOTE, RAW_DOCS, assert_like_clean, run_doc_example  # noqa: E402


def test_clean_frame_adds_typed_columns_and_keeps_the_rest() -> None:
    docs = list(MIXED_DOCS.values())
    df = pd.DataFrame({"id": list(MIXED_DOCS), "text": pd.Series(docs, dtype=object)})
    df.index = range(100, 100 + len(docs))
    out = clean_frame(df, "text", chunk_size=3)
    names = output_names("text")
    assert list(out.columns) == ["id", "text", *list(names.values())[1:]]
    assert list(out.index) == list(df.index) and list(out["id"]) == list(df["id"])
    assert df["text"].tolist() == docs  # the input frame is not changed
    assert str(out["cleantext_removed"].dtype) == "Int64" and str(out["cleantext_title"].dtype) == "string"
    assert_like_clean(out.to_dict("records"), docs, names)


def test_missing_values_in_pandas_are_missing_records() -> None:
    out = clean_frame(pd.DataFrame({"text": [NOTE, float("nan"), pd.NA]}, dtype=object), into="clean")
    assert out["text"].tolist()[0] == NOTE  # with into=, the source column stays
    assert out["cleantext_error"].tolist()[1:] == ["TypeError: cleantext cleans bytes or str, not NoneType"] * 2


def test_empty_frame_gives_the_typed_empty_result() -> None:
    out = clean_frame(pd.DataFrame({"text": pd.Series([], dtype=object)}))
    assert len(out) == 0
    assert str(out["cleantext_removed"].dtype) == "Int64"


def test_clean_table_in_chunks_on_a_binary_column() -> None:
    docs = list(RAW_DOCS.values())
    table = pa.table({"id": pa.array(range(len(docs))), "raw": pa.array(docs, type=pa.binary())})
    out = clean_table(table, "raw", into="text", chunk_size=2)
    assert out.column_names[:3] == ["id", "raw", "text"]
    assert out.schema.field("text").type == pa.string() and out.schema.field("cleantext_removed").type == pa.int64()
    assert out.column("raw").to_pylist() == docs
    assert out.column("id").num_chunks == 4  # processed two rows at a time
    assert_like_clean(out.to_pylist(), docs, output_names("raw", into="text"))


def test_clean_table_on_a_string_column_replaces_it() -> None:
    table = pa.table({"text": pa.array([NOTE, None], type=pa.large_string())})
    out = clean_table(table)
    assert out.schema.field("text").type == pa.string()
    assert_like_clean(out.to_pylist(), [NOTE, None], output_names("text"))


def test_docs_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ns = run_doc_example("pandas", tmp_path, monkeypatch)
    assert ns["df"]["text"].tolist()[0] == "读书笔记\n这本书讲的是一座小城四十年的变化。"
    assert ns["df"]["cleantext_error"].tolist()[1].startswith("NotTextError")
    table = ns["table"].to_pylist()
    assert table[0]["text"] == ns["df"]["text"].tolist()[0] and table[1]["text"] is None
    assert table[1]["cleantext_error"] == ns["df"]["cleantext_error"].tolist()[1]
