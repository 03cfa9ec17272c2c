"""Dask: bags of file paths or texts and a DataFrame column give what cleantext.clean gives, bad records included."""

from __future__ import annotations

from pathlib import Path

import pytest

dask = pytest.importorskip("dask", reason="dask is not installed (pip install 'cleantext-zh[dask]')")
db = pytest.importorskip("dask.bag", reason="dask.bag is not installed (pip install 'cleantext-zh[dask]')")
dd = pytest.importorskip("dask.dataframe", reason="dask.dataframe is not installed (pip install 'cleantext-zh[dask]')")
pd = pytest.importorskip("pandas", reason="pandas is not installed (pip install 'cleantext-zh[dask]')")

from cleantext.integrations import COLUMNS, output_names  # noqa: E402
from cleantext.integrations.dask import clean_dataframe, clean_files, clean_texts  # noqa: E402

from .conftest import MIXED_DOCS, NOTE, RAW_DOCS, REPORT, assert_like_clean, run_doc_example, write_corpus  # noqa: E402


def test_clean_files_on_the_process_scheduler(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path)
    missing = tmp_path / "gone.txt"
    with dask.config.set(scheduler="processes", num_workers=2):
        records = clean_files(db.from_sequence([str(p) for p in paths.values()] + [str(missing)],
                                               npartitions=2)).compute()
    assert [r["path"] for r in records] == [str(p) for p in paths.values()] + [str(missing)]
    assert_like_clean(records[:-1], [RAW_DOCS[name] for name in paths])
    assert records[-1]["cleantext_text"] is None and records[-1]["cleantext_error"].startswith("FileNotFoundError:")
    assert list(records[0]) == ["path", *output_names(None).values()]


def test_clean_texts_keeps_order_across_partitions() -> None:
    docs = list(MIXED_DOCS.values())
    records = clean_texts(db.from_sequence(docs, npartitions=3)).compute(scheduler="synchronous")
    assert all(list(r) == ["cleantext_" + c for c in COLUMNS] for r in records)  # the keys of clean_batch
    assert_like_clean(records, docs)


@pytest.mark.parametrize("kind", ["str", "bytes"])
def test_clean_dataframe_declares_meta_that_the_partitions_match(kind: str) -> None:
    docs: list = [REPORT, NOTE, "", None] if kind == "str" else [d for d in MIXED_DOCS.values() if d != 31415926]
    frame = pd.DataFrame({"id": range(len(docs)), "text": pd.Series(docs, dtype=object)})
    # Dask turns object columns into Arrow strings by default, which would decode bytes as UTF-8 before we see them.
    with dask.config.set({"dataframe.convert-string": kind == "str"}):
        ddf = dd.from_pandas(frame, npartitions=3)
        out = clean_dataframe(ddf, column="text", into="clean", chunk_size=2)
        computed = out.compute(scheduler="synchronous")
    assert list(out.columns) == list(computed.columns)
    assert out.dtypes.to_dict() == computed.dtypes.to_dict()
    assert str(computed["cleantext_removed"].dtype) == "Int64"
    assert computed["id"].tolist() == list(range(len(docs)))
    assert_like_clean(computed.to_dict("records"), docs, output_names("text", into="clean"))


def test_docs_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_corpus(tmp_path / "corpus")
    ns = run_doc_example("dask", tmp_path, monkeypatch)
    by_name = {Path(r["path"]).stem: r for r in ns["records"]}
    assert sorted(by_name) == sorted(n for n, d in RAW_DOCS.items() if d is not None)
    assert_like_clean(list(by_name.values()), [RAW_DOCS[n] for n in by_name])
    assert ns["notes"][0]["cleantext_text"] == "读书笔记"
    assert ns["cleaned"]["cleantext_error"].tolist()[1] == "TypeError: cleantext cleans bytes or str, not NoneType"
