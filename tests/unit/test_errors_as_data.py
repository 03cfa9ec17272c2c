"""Errors stay data until the edge (issue 16): manifest and audit records keep the error's type and fields, an
unexpected exception's traceback reaches the debug log, every error cleantext raises on purpose is a
CleantextError, and ``max_bytes`` holds whatever form the input takes."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from cleantext import Cleaner
from cleantext.audit import AuditMismatchError, replay
from cleantext.errors import (
    CleantextError,
    DecodingError,
    InputTooLargeError,
    NotTextError,
    PatternError,
    RuleTimeoutError,
    error_record,
)
from cleantext.integrations.batch import clean_row
from cleantext.report.auditfile import read_audit
from cleantext.result import Removal
from cleantext.run.batch import BatchBusyError, BatchSetupError, DiscoveryError, clean_folder
from cleantext.run.stream import clean_jsonl
from cleantext.schema import schema

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def test_each_error_keeps_its_fields_as_data() -> None:
    assert error_record(RuleTimeoutError("ad.slow", 1.0, 7)) == {
        "type": "RuleTimeoutError", "message": str(RuleTimeoutError("ad.slow", 1.0, 7)), "rule_id": "ad.slow",
        "seconds": 1.0, "line": 7, "document": False}
    decoding = error_record(DecodingError("no codec fits", best_guess="gb18030", bad_bytes=12))
    assert (decoding["type"], decoding["best_guess"], decoding["bad_bytes"]) == ("DecodingError", "gb18030", 12)
    assert error_record(NotTextError("an image", kind="png"))["kind"] == "png"
    pattern = error_record(PatternError([("a.toml", "ad.x", "bad regex"), ("b.toml", None, "not TOML")]))
    assert (pattern["file"], pattern["rule_id"], pattern["reason"]) == ("a.toml", "ad.x", "bad regex")
    assert pattern["problems"][1] == {"file": "b.toml", "rule_id": None, "reason": "not TOML"}
    assert error_record(InputTooLargeError("too big", size=30, limit=10)) | {"message": ""} == {
        "type": "InputTooLargeError", "message": "", "size": 30, "limit": 10}
    oserror = error_record(FileNotFoundError(2, "No such file or directory", "notes/a.txt"))
    assert oserror == {"type": "FileNotFoundError", "message": "No such file or directory", "errno": 2,
                       "file": "notes/a.txt"}
    assert error_record(KeyError("x")) == {"type": "KeyError", "message": "'x'"}
    json.dumps([decoding, pattern, oserror])  # JSON-ready


def test_the_batch_and_audit_errors_are_cleantext_errors_and_still_value_errors() -> None:
    for cls in (AuditMismatchError, BatchSetupError, BatchBusyError):
        assert issubclass(cls, CleantextError) and issubclass(cls, ValueError)
    assert issubclass(DiscoveryError, CleantextError)
    with pytest.raises(CleantextError):
        replay("正文", [Removal("a.b", "ad", 1, 0, 2, "别的")])


def _valid_manifest_record(record: object) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed (pip install -e '.[test]')")
    jsonschema.Draft202012Validator(schema("manifest")).validate(record)


def _manifest(outdir: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (outdir / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def test_a_failed_file_keeps_its_error_as_data_in_the_manifest_and_the_audit(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("标题\n正文，第一段。", encoding="utf-8")
    (src / "b.txt").write_bytes(PNG)
    clean_folder([src], tmp_path / "out")
    records = {r["path"]: r for r in _manifest(tmp_path / "out")}
    failed = records["b.txt"]
    assert failed["status"] == "failed" and isinstance(failed["error"], str)  # the words stay
    detail = failed["error_detail"]
    assert detail["type"] == "NotTextError" and detail["message"] == failed["error"]  # type: ignore[index]
    assert "kind" in detail  # type: ignore[operator]
    assert records["a.txt"]["error_detail"] is None
    for record in records.values():
        _valid_manifest_record(record)
    audit = {r["path"]: r for r in read_audit(tmp_path / "out" / "audit.jsonl")}
    assert audit["b.txt"]["error_detail"]["type"] == "NotTextError"


def test_a_timeout_names_its_rule_and_line_in_the_manifest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("正文。", encoding="utf-8")

    def slow(self: Cleaner, data: object) -> None:
        raise RuleTimeoutError("ad.slow-rule", 1.0, 3)

    monkeypatch.setattr(Cleaner, "clean", slow)
    clean_folder([tmp_path / "a.txt"], tmp_path / "out")
    [record] = _manifest(tmp_path / "out")
    detail = record["error_detail"]
    assert detail["rule_id"] == "ad.slow-rule" and detail["line"] == 3  # type: ignore[index]
    _valid_manifest_record(record)


def test_an_input_over_the_limit_is_recorded_with_its_size(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("正文。".encode() * 10)
    clean_folder([tmp_path / "a.txt"], tmp_path / "out", Cleaner(max_bytes=20))
    [record] = _manifest(tmp_path / "out")
    assert record["error_detail"] | {"message": ""} == {  # type: ignore[operator]
        "type": "InputTooLargeError", "message": "", "size": 90, "limit": 20}


def test_a_bug_in_a_batch_is_a_failed_record_and_a_traceback_in_the_debug_log(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, planted: Any) -> None:
    (tmp_path / "a.txt").write_text("正文。", encoding="utf-8")
    monkeypatch.setattr(Cleaner, "clean", planted.clean)
    with caplog.at_level(logging.DEBUG, logger="cleantext"):
        clean_folder([tmp_path / "a.txt"], tmp_path / "out")
    [record] = _manifest(tmp_path / "out")
    assert record["error_detail"]["type"] == "KeyError"  # type: ignore[index]
    assert planted.traced(caplog)


def test_a_bug_in_a_stream_or_an_adapter_reaches_the_debug_log(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, planted: Any) -> None:
    monkeypatch.setattr(Cleaner, "clean", planted.clean)
    reports: list[tuple[int, str]] = []
    with caplog.at_level(logging.DEBUG, logger="cleantext"):
        stats = clean_jsonl(['{"text": "正文。"}\n'], io.StringIO().write, Cleaner.__new__(Cleaner),
                            report=lambda n, why: reports.append((n, why)))
    assert stats.bad == 1 and "KeyError" in reports[0][1]
    assert planted.traced(caplog)
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="cleantext"):
        row = clean_row(Cleaner.__new__(Cleaner), "正文。")
    assert row[-1].startswith("KeyError")
    assert planted.traced(caplog)


def test_a_deliberate_error_is_not_logged_as_a_bug(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="cleantext"):
        row = clean_row(Cleaner(), PNG)
    assert row[-1].startswith("NotTextError")
    assert not [r for r in caplog.records if r.exc_info]


def test_the_datatrove_step_keeps_the_error_detail() -> None:
    pytest.importorskip("datatrove")
    from cleantext.integrations.datatrove import CleantextFormatter

    text, entry = CleantextFormatter(max_bytes=8).clean_document("正文，第一段。")
    assert text is None
    assert entry["error_detail"]["type"] == "InputTooLargeError" and entry["error_detail"]["limit"] == 8


@pytest.mark.parametrize("data", ["正文。" * 10, memoryview("正文。".encode() * 10), bytearray(b"a" * 31),
                                  "a" * 31, "字" * 8])
def test_max_bytes_holds_for_every_form_of_input(data: str | bytes | bytearray | memoryview) -> None:
    with pytest.raises(InputTooLargeError) as info:
        Cleaner(max_bytes=23).clean(data)  # type: ignore[arg-type]
    assert info.value.limit == 23 and info.value.size is not None and info.value.size > 23


@pytest.mark.parametrize("data", ["字" * 7, "a" * 23, memoryview(b"a" * 23)])
def test_an_input_at_the_limit_is_cleaned(data: str | memoryview) -> None:
    assert Cleaner(max_bytes=23).clean(data).text  # type: ignore[arg-type]
