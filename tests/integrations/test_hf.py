"""Hugging Face datasets: Dataset.map(batched=True) with two processes equals cleantext.clean record by record."""

from __future__ import annotations

from pathlib import Path

import pytest

datasets = pytest.importorskip("datasets", reason="datasets is not installed (pip install 'cleantext-zh[datasets]')")

from cleantext.integrations import output_names  # noqa: E402
from cleantext.integrations.hf import clean_dataset, clean_examples  # noqa: E402

from .conftest import NOTE, RAW_DOCS, assert_like_clean, run_doc_example  # noqa: E402


@pytest.fixture(autouse=True)
def _quiet() -> None:
    datasets.disable_progress_bars()


def test_clean_dataset_with_two_processes_keeps_other_columns() -> None:
    docs = list(RAW_DOCS.values())
    features = datasets.Features({"id": datasets.Value("string"), "raw": datasets.Value("binary")})
    ds = datasets.Dataset.from_dict({"id": list(RAW_DOCS), "raw": docs}, features=features)
    out = clean_dataset(ds, "raw", into="text", num_proc=2, batch_size=2)
    names = output_names("raw", into="text")
    assert out.column_names == ["id", "raw", *names.values()]
    assert out["id"] == list(RAW_DOCS) and out["raw"] == docs
    assert out.features["text"] == datasets.Value("string")
    assert out.features["cleantext_removed"] == datasets.Value("int64")
    assert out.features["cleantext_distributors"] == datasets.List(datasets.Value("string"))
    assert out.features["cleantext_contacts"]["qq"] == datasets.List(datasets.Value("string"))
    assert_like_clean(out.to_list(), docs, names)


def test_declared_features_hold_even_when_every_record_fails() -> None:
    # Left to inference, an all-null column would be typed null and clash with the next dataset's string column.
    ds = datasets.Dataset.from_dict({"text": [None, None]})
    out = clean_dataset(ds, num_proc=2, batch_size=1)
    assert out.features["text"] == out.features["cleantext_title"] == datasets.Value("string")
    assert out.features["cleantext_removed"] == datasets.Value("int64")
    assert out["cleantext_error"] == ["TypeError: cleantext cleans bytes or str, not NoneType"] * 2


def test_clean_examples_by_hand_with_map() -> None:
    ds = datasets.Dataset.from_dict({"n": [1, 2], "body": [NOTE, ""]})
    out = ds.map(clean_examples, batched=True, fn_kwargs={"column": "body", "prefix": "ct_"})
    assert out.column_names == ["n", "body", "ct_title", "ct_encoding", "ct_contacts", "ct_distributors",
                                "ct_removed", "ct_error", "ct_error_type"]
    assert_like_clean(out.to_list(), [NOTE, ""], output_names("body", prefix="ct_"))
    with pytest.raises(ValueError, match="no column 'text'"):
        clean_dataset(ds)


@pytest.mark.parametrize("batch_size", [1, 3])
def test_map_by_hand_gets_the_features_of_clean_dataset(batch_size: int) -> None:
    # A first batch of failed records only would leave inference nothing to go by (a null column, then a clash).
    ds = datasets.Dataset.from_dict({"id": [1, 2, 3], "text": [None, NOTE, ""]})
    by_hand = ds.map(clean_examples, batched=True, batch_size=batch_size)
    declared = clean_dataset(ds, batch_size=batch_size)
    assert by_hand.features == declared.features
    assert by_hand.features["cleantext_title"] == datasets.Value("string")
    assert by_hand.to_list() == declared.to_list()
    arrow = ds.with_format("arrow").map(clean_examples, batched=True, batch_size=batch_size)
    assert arrow.features == declared.features


def test_columns_to_leave_out_by_hand() -> None:
    ds = datasets.Dataset.from_dict({"id": [1, 2], "raw": [NOTE, None], "extra": ["x", "y"]})
    out = ds.map(clean_examples, batched=True, fn_kwargs={"column": "raw", "into": "text",
                                                          "drop_columns": ["extra", "raw", "missing"]})
    assert out.column_names == ["id", "text", *list(output_names("raw", into="text").values())[1:]]
    assert out["text"][0] == "读书笔记\n这本书讲的是一座小城四十年的变化。"


def test_clean_examples_on_an_iterable_dataset_gives_the_same_values() -> None:
    ds = datasets.Dataset.from_dict({"id": [1, 2, 3], "text": [None, NOTE, ""]})
    streamed = list(ds.to_iterable_dataset().map(clean_examples, batched=True, batch_size=2))
    assert streamed == clean_dataset(ds).to_list()


def test_docs_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ns = run_doc_example("datasets", tmp_path, monkeypatch)
    texts = ns["ds"]["text"]
    assert_like_clean(ns["clean"].to_list(), texts, output_names("text"))
    assert ns["by_hand"].to_list() == ns["clean"].to_list()
    assert ns["clean"]["cleantext_contacts"][1] == {"qq": ["31415926"], "qq_group": [], "wechat": [],
                                                    "gongzhonghao": [], "phone": [], "email": [], "url": []}
