"""Errors stay data in the adapters (issue 16): a row that fails keeps the words in ``cleantext_error`` and names
the exception's class in ``cleantext_error_type``, a string column declared like the others; an exception that is
no CleantextError (a bug) leaves its traceback in the debug log. Each engine's test skips when it is absent; Spark's
is in ``test_spark.py`` (its session is started once there)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from cleantext import Cleaner
from cleantext.integrations import COLUMN_TYPES, COLUMNS, clean_batch, clean_paths

from .conftest import NOTE

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
LONG = "正文，第一段。" * 200  # over max_bytes=1000
DOCS: list[Any] = [NOTE, None, PNG, LONG, 12345678]
TYPES = [None, "TypeError", "NotTextError", "InputTooLargeError", "TypeError"]


def _check(types: list[Any], errors: list[Any]) -> None:
    assert types == TYPES
    for kind, words in zip(types, errors, strict=True):
        assert (words is None) == (kind is None)
        if kind is not None:
            assert words.startswith(f"{kind}: ") and len(words) > len(kind) + 2  # the words stay beside the type


def test_the_error_type_is_a_declared_string_column_beside_the_error() -> None:
    assert COLUMNS[-2:] == ("error", "error_type") and COLUMN_TYPES["error_type"] == "string"


def test_clean_batch_names_each_failed_rows_error_type() -> None:
    cols = clean_batch(DOCS, max_bytes=1000, profile=False)
    _check(cols["cleantext_error_type"], cols["cleantext_error"])
    assert cols["cleantext_text"][0] and all(t is None for t in cols["cleantext_text"][1:])


def test_an_unreadable_file_is_an_os_error_row(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NOTE, encoding="utf-8")
    cols = clean_paths([tmp_path / "a.txt", tmp_path / "missing.txt", tmp_path])
    assert cols["cleantext_error_type"] == [None, "FileNotFoundError", "IsADirectoryError"]


def test_a_bug_is_a_row_with_its_type_and_a_traceback_in_the_debug_log(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, planted: Any) -> None:
    monkeypatch.setattr(Cleaner, "clean", planted.clean)
    with caplog.at_level(logging.DEBUG, logger="cleantext"):
        cols = clean_batch(["正文。"], profile=False)
    assert cols["cleantext_error_type"] == ["KeyError"] and cols["cleantext_error"] == ["KeyError: 'a planted bug'"]
    assert planted.traced(caplog)


def test_a_deliberate_error_leaves_no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    """A CleantextError is the input's fault, said in the row: the debug log is for bugs."""
    with caplog.at_level(logging.DEBUG, logger="cleantext"):
        cols = clean_batch([PNG], profile=False)
    assert cols["cleantext_error_type"] == ["NotTextError"]
    assert not [r for r in caplog.records if r.name.startswith("cleantext") and r.exc_info]


def test_pandas_and_arrow_type_the_column_as_strings_even_when_every_row_failed(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, planted: Any) -> None:
    pd = pytest.importorskip("pandas", reason="pandas is not installed (pip install 'cleantext-zh[pandas]')")
    pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'cleantext-zh[pandas]')")
    from cleantext.integrations.frame import clean_frame, clean_table

    df = clean_frame(pd.DataFrame({"text": pd.Series(DOCS, dtype=object)}), max_bytes=1000, chunk_size=2)
    assert str(df["cleantext_error_type"].dtype) == "string"
    _check([None if v is pd.NA else v for v in df["cleantext_error_type"]],
           [None if v is pd.NA else v for v in df["cleantext_error"]])
    table = clean_table(pa.table({"text": pa.array([None, PNG], type=pa.binary())}))  # an all-error chunk
    assert table.schema.field("cleantext_error_type").type == pa.string()
    assert table.column("cleantext_error_type").to_pylist() == ["TypeError", "NotTextError"]
    monkeypatch.setattr(Cleaner, "clean", planted.clean)
    with caplog.at_level(logging.DEBUG, logger="cleantext"):
        df = clean_frame(pd.DataFrame({"text": ["正文。"]}), profile=False)
    assert df["cleantext_error_type"].tolist() == ["KeyError"] and planted.traced(caplog)


def test_datasets_declares_the_column_and_fills_it() -> None:
    datasets = pytest.importorskip("datasets", reason="datasets is not installed (pip install cleantext-zh[datasets])")
    from cleantext.integrations.hf import clean_dataset

    datasets.disable_progress_bars()
    ds = datasets.Dataset.from_dict({"raw": [NOTE.encode("gb18030"), None, PNG]},
                                    features=datasets.Features({"raw": datasets.Value("binary")}))
    out = clean_dataset(ds, "raw", batch_size=2)
    assert out.features["cleantext_error_type"] == datasets.Value("string")
    assert out["cleantext_error_type"] == [None, "TypeError", "NotTextError"]


def test_dask_declares_the_column_in_its_meta_and_fills_it() -> None:
    pytest.importorskip("dask", reason="dask is not installed (pip install 'cleantext-zh[dask]')")
    pd = pytest.importorskip("pandas", reason="pandas is not installed (pip install 'cleantext-zh[dask]')")
    import dask.bag as db
    import dask.dataframe as dd

    from cleantext.integrations.dask import clean_dataframe, clean_texts

    records = clean_texts(db.from_sequence(DOCS, npartitions=2), max_bytes=1000).compute(scheduler="synchronous")
    _check([r["cleantext_error_type"] for r in records], [r["cleantext_error"] for r in records])
    ddf = dd.from_pandas(pd.DataFrame({"text": ["正文。", "", "标题\n正文。"]}), npartitions=2)
    lazy = clean_dataframe(ddf, "text", profile=False)
    assert str(lazy.dtypes["cleantext_error_type"]) == "string"
    assert lazy.compute(scheduler="synchronous")["cleantext_error_type"].isna().all()
