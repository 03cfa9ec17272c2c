"""clean_batch and clean_paths, the shared core; the package imports no engine; a missing engine is named."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import cleantext
from cleantext import CleanerConfig
from cleantext.integrations import COLUMNS, batch, clean_batch, clean_paths, cleaner_for, output_names
from cleantext.result import CONTACT_KINDS

from .conftest import MIXED_DOCS, RAW_DOCS, assert_like_clean, expected_row, write_corpus

ENGINES = ("pandas", "pyarrow", "datasets", "dask", "pyspark", "datatrove", "fsspec")


def rows_of(columns: dict[str, list]) -> list[dict]:
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def test_clean_batch_equals_clean_record_by_record() -> None:
    docs = list(MIXED_DOCS.values())
    columns = clean_batch(docs)
    assert tuple(columns) == tuple("cleantext_" + c for c in COLUMNS)
    assert tuple(clean_batch(docs[:1], prefix="ct_")) == tuple("ct_" + c for c in COLUMNS)
    assert_like_clean(rows_of(columns), docs)


def test_bad_records_give_an_error_and_no_text() -> None:
    columns = clean_batch([RAW_DOCS["binary"], RAW_DOCS["undecodable"], None, 7, RAW_DOCS["empty"]])
    errors = [e.split(":")[0] if e else None for e in columns["cleantext_error"]]
    assert errors == ["NotTextError", "DecodingError", "TypeError", "TypeError", None]
    assert columns["cleantext_text"] == [None, None, None, None, ""]
    assert columns["cleantext_removed"][:4] == [None] * 4
    assert columns["cleantext_contacts"][:4] == [None] * 4


def test_contacts_and_distributors_are_native_values_not_json() -> None:
    columns = clean_batch([RAW_DOCS["gb18030"], RAW_DOCS["utf16"]])
    assert columns["cleantext_contacts"][0]["qq"] == ["31415926"]
    assert list(columns["cleantext_contacts"][1]) == list(CONTACT_KINDS)  # every kind, in order, even when empty
    assert columns["cleantext_distributors"] == [["星河文稿"], []]


def test_options_reach_the_cleaner() -> None:
    doc = RAW_DOCS["utf8"]
    without = clean_batch([doc], bundled=False)["cleantext_text"][0]
    assert without == cleantext.clean(doc, bundled=False).text
    assert without.startswith("仅供学习")  # no bundled rule, so the watermark stays
    assert clean_batch([doc], CleanerConfig(bundled=False))["cleantext_text"][0] == without
    assert clean_batch([doc])["cleantext_text"][0] == expected_row(doc)["text"] != without


def test_one_cleaner_per_configuration_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[CleanerConfig] = []
    real = batch.Cleaner

    def counting(config: CleanerConfig) -> object:
        built.append(config)
        return real(config)

    monkeypatch.setattr(batch, "_CLEANERS", {})
    monkeypatch.setattr(batch, "Cleaner", counting)
    for _ in range(3):
        clean_batch([RAW_DOCS["utf8"]])
        clean_batch([RAW_DOCS["utf8"]], CleanerConfig(zones=False))
    assert len(built) == 2
    assert cleaner_for() is cleaner_for(CleanerConfig())


def test_clean_paths_reads_raw_bytes_and_reports_unreadable_files(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path)
    missing = tmp_path / "gone.txt"
    columns = clean_paths([*paths.values(), missing])
    assert columns["path"] == [str(p) for p in paths.values()] + [str(missing)]
    rows = rows_of({c: columns[c] for c in columns if c != "path"})
    assert_like_clean(rows[:-1], [RAW_DOCS[name] for name in paths])
    assert rows[-1]["cleantext_text"] is None and rows[-1]["cleantext_error"].startswith("FileNotFoundError:")


def test_output_names_replace_the_source_or_go_to_into() -> None:
    assert output_names("text") == {"text": "text", **{c: "cleantext_" + c for c in COLUMNS[1:]}}
    assert output_names("content", into="body", prefix="ct_")["text"] == "body"
    assert output_names(None) == {c: "cleantext_" + c for c in COLUMNS}  # no source column: a bag of documents
    with pytest.raises(ValueError, match="collide"):
        output_names("title", prefix="")


def test_package_imports_no_engine_and_adapters_name_their_extra() -> None:
    script = f"""
import importlib, json, sys
import cleantext.integrations, cleantext.run.remote
loaded = sorted(m for m in {ENGINES!r} if m in sys.modules)
for m in {ENGINES!r}:
    sys.modules[m] = None  # as if not installed
messages = {{}}
for adapter in ("hf", "frame", "dask", "spark", "datatrove"):
    try:
        importlib.import_module("cleantext.integrations." + adapter)
        messages[adapter] = "imported"
    except ImportError as err:
        messages[adapter] = str(err)
print(json.dumps({{"loaded": loaded, "messages": messages}}))
"""
    out = json.loads(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                    check=True).stdout)
    assert out["loaded"] == []
    extras = {"hf": "datasets", "frame": "pandas", "dask": "dask", "spark": "spark", "datatrove": "datatrove"}
    for adapter, extra in extras.items():
        assert f"pip install 'cleantext-zh[{extra}]'" in out["messages"][adapter]
