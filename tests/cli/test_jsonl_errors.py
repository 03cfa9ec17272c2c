"""Errors stay data in a JSONL stream (issue 16): each bad record's report is the words it always was and, beside
them, the error as data (``BadRecord.detail``: type, message, the error's fields, the record's line, the source).

The console script is run as a user runs it; the Python API is ``clean_jsonl`` with a report callback."""

from __future__ import annotations

import io
import json
import pickle
import subprocess
from pathlib import Path

import regex

from cleantext import Cleaner, CleanerConfig
from cleantext.evidence.patterns import Pattern
from cleantext.run.stream import BadRecord, RecordWorker, clean_jsonl, json_line, read_lines

from .documents import console_script

GOOD = json.dumps({"id": 1, "text": "仅供学习交流使用\n星河文库年度总结\n今年完成了全部任务。"}, ensure_ascii=False)
# Line 2: not JSON; 3: a lone surrogate as raw bytes (ED A0 80 is not UTF-8); 4: nested too deeply; 5: no field.
STREAM = b"\n".join([
    GOOD.encode("utf-8"),
    b"{not json",
    b'{"id": 2, "text": "\xed\xa0\x80\xe6\xad\xa3\xe6\x96\x87"}',
    b"[" * 100_000,
    b'{"id": 3, "body": "\xe6\xad\xa3\xe6\x96\x87"}',
    b'{"id": 4, "text": 12345678}',
]) + b"\n"


def _reports(lines: list[str], cleaner: Cleaner | None = None, **kwargs: object) -> dict[int, BadRecord]:
    got: dict[int, BadRecord] = {}

    def report(n: int, why: str) -> None:
        assert isinstance(why, BadRecord)
        got[n] = why

    clean_jsonl(lines, io.StringIO().write, cleaner or Cleaner(bundled=False), report=report, **kwargs)  # type: ignore[arg-type]
    return got


def _stream_lines() -> list[str]:
    return list(read_lines(io.BytesIO(STREAM), 1 << 20))


def test_each_bad_record_names_its_error_type_and_line_beside_the_old_words() -> None:
    got = _reports(_stream_lines(), source="in.jsonl")
    assert sorted(got) == [2, 3, 4, 5, 6]
    words = {n: str(why) for n, why in got.items()}
    assert words[2].startswith("invalid JSON: ") and words[3] == "not valid UTF-8"  # the words a report gave
    assert words[4] == "invalid JSON: nested too deeply" and words[5] == "missing field 'text'"
    assert words[6] == "field 'text' is int, not a string"
    types = {n: why.detail["type"] for n, why in got.items()}
    assert types == {2: "JSONDecodeError", 3: "UnicodeDecodeError", 4: "RecursionError", 5: "RecordError",
                     6: "RecordError"}
    for n, why in got.items():
        assert why.detail["record_line"] == n and why.detail["source"] == "in.jsonl"
        assert isinstance(why.detail["message"], str) and why.detail["message"]
        json.dumps(why.to_dict())  # JSON-ready
    assert got[2].detail["column"] == 2 and got[2].detail["position"] == 1  # where the JSON broke
    assert (got[3].detail["start"], got[3].detail["end"]) == (19, 20)  # 0xED, after the 19 bytes '{"id": 2, "text": "'
    assert got[5].detail | {"message": ""} == {
        "type": "RecordError", "message": "", "reason": "missing-field", "field": "text", "found": None,
        "record_line": 5, "source": "in.jsonl"}
    assert (got[6].detail["reason"], got[6].detail["found"]) == ("not-string", "int")


def test_a_record_that_is_json_but_no_object_says_what_it_is() -> None:
    [why] = _reports(['"just a string"\n']).values()
    assert why == "not a JSON object but str"
    assert (why.detail["reason"], why.detail["found"], "source" in why.detail) == ("not-object", "str", False)


def test_an_escaped_lone_surrogate_in_the_text_is_cleaned_not_bad() -> None:
    """``"\\ud800"`` is valid JSON: the cleaner replaces the lone surrogate (with a warning), the record is good."""
    out = io.StringIO()
    reports: list[object] = []
    stats = clean_jsonl(['{"text": "\\ud800正文。"}\n'], out.write, Cleaner(bundled=False),
                        report=lambda n, why: reports.append(why))
    assert stats.cleaned == 1 and reports == []
    assert json.loads(out.getvalue())["text"] == "\ufffd正文。"


def test_a_text_over_the_limit_reports_its_size_and_the_limit() -> None:
    text = "正文，第一段。" * 20  # 140 characters, 420 bytes of UTF-8
    [why] = _reports([json.dumps({"text": text}, ensure_ascii=False) + "\n"], Cleaner(max_bytes=100)).values()
    assert why.detail["type"] == "InputTooLargeError"
    assert (why.detail["limit"], why.detail["record_line"]) == (100, 1)
    assert why.detail["size"] == 140  # at least that much: a str's length is a lower bound of its bytes


def test_a_line_over_the_limit_is_an_input_too_large_record_with_its_size() -> None:
    lines = list(read_lines(io.BytesIO(b'{"text": "' + "正文".encode() * 100 + b'"}\n'), 100))
    [why] = _reports(lines, Cleaner(bundled=False, max_bytes=100)).values()
    assert why.startswith("the record is ") and why.detail["type"] == "InputTooLargeError"
    assert why.detail["size"] == 613 and why.detail["limit"] == 100


SLOW = r"下载(?:[a-z]|[a-z0-9])+完"  # backtracks: about 0.15 s a line of 下载 and 17 letters
SLOW_DOC = "标题\n" + "\n".join(f"下载{'a' * 17}x第{n}行" for n in range(60))


def test_a_rule_timeout_names_the_rule_and_the_line_of_the_text() -> None:
    rule = Pattern(id="promo.slow-download", category="promo", scope="line", keywords=("下载",), source=SLOW,
                   compiled=regex.compile(SLOW, regex.V0))
    cleaner = Cleaner(CleanerConfig(extra=(rule,), rule_budget=0.3))  # type: ignore[call-arg]
    lines = [json.dumps({"text": "正文。"}) + "\n", json.dumps({"text": SLOW_DOC}, ensure_ascii=False) + "\n"]
    got = _reports(lines, cleaner, source="<stdin>")
    [(n, why)] = got.items()
    assert n == 2 and why.detail["type"] == "RuleTimeoutError"
    assert isinstance(why.detail["rule_id"], str) and why.detail["rule_id"]  # whichever ran when the budget ran out
    assert isinstance(why.detail["line"], int) and 2 <= why.detail["line"] <= 61  # a line of the text
    assert why.detail["record_line"] == 2 and why.detail["document"] is True
    assert str(why) == why.detail["message"].splitlines()[0]


def test_a_bad_record_keeps_its_detail_across_a_worker_process() -> None:
    worker = RecordWorker(Cleaner(bundled=False))
    _, why = worker('{"id": 1}\n')
    assert why is not None
    back = pickle.loads(pickle.dumps(why))
    assert isinstance(back, BadRecord) and back == why and back.detail == why.detail
    twice = _reports(['{"id": 1}\n', '{"id": 2}\n'] * 300, workers=2)  # more than one batch, two processes
    assert len(twice) == 600 and twice[599].detail == twice[1].detail | {"record_line": 599}


def test_a_bad_record_as_data_is_one_json_line() -> None:
    why = BadRecord("missing field 'text'", {"type": "RecordError", "message": "missing field 'text'"}).at(7, "a.jsonl")
    line = json_line(why.to_dict())
    assert line.endswith("\n") and json.loads(line) == {
        "error": "missing field 'text'",
        "error_detail": {"type": "RecordError", "message": "missing field 'text'", "record_line": 7,
                         "source": "a.jsonl"}}


def test_the_console_script_reports_each_bad_record_with_its_line_and_passes_it_through(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(STREAM)
    proc = subprocess.run([console_script(), "clean", "--jsonl", str(src)], capture_output=True, timeout=120)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1 and "Traceback" not in err
    bad = {line.split(f"{src}:", 1)[1].split(":", 1)[0]: line for line in err.splitlines() if "bad record" in line}
    assert sorted(bad, key=int) == ["2", "3", "4", "5", "6"]
    assert "invalid JSON: Expecting" in bad["2"] and "not valid UTF-8" in bad["3"]
    assert "nested too deeply" in bad["4"] and "missing field 'text'" in bad["5"]
    out = proc.stdout.splitlines()
    assert len(out) == 6 and out[1:] == STREAM.splitlines()[1:]  # passed through byte for byte
    assert "星河文库年度总结" in json.loads(out[0])["text"] and "仅供学习" not in json.loads(out[0])["text"]


def test_the_console_script_writes_each_bad_record_as_data(tmp_path: Path) -> None:
    src, errors = tmp_path / "in.jsonl", tmp_path / "bad.jsonl"
    src.write_bytes(STREAM)
    proc = subprocess.run([console_script(), "clean", "--jsonl", str(src), "--bad-records", str(errors)],
                          capture_output=True, timeout=120)
    assert proc.returncode == 1
    records = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [(r["error_detail"]["record_line"], r["error_detail"]["type"]) for r in records] == [
        (2, "JSONDecodeError"), (3, "UnicodeDecodeError"), (4, "RecursionError"), (5, "RecordError"),
        (6, "RecordError")]
    assert all(r["error_detail"]["source"] == str(src) for r in records)


def test_bad_records_may_not_be_the_input(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(STREAM)
    link = tmp_path / "link.jsonl"
    link.symlink_to(src)
    for target in (src, link):
        proc = subprocess.run([console_script(), "clean", "--jsonl", str(src), "--bad-records", str(target)],
                              capture_output=True, timeout=120)
        assert proc.returncode == 2 and b"is the input or the output file" in proc.stderr
        assert src.read_bytes() == STREAM  # untouched


def test_bad_records_needs_jsonl(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("正文第一段。", encoding="utf-8")
    proc = subprocess.run([console_script(), "clean", str(doc), "--bad-records", str(tmp_path / "bad.jsonl")],
                          capture_output=True, timeout=120)
    assert proc.returncode == 2 and b"without --jsonl" in proc.stderr
