"""`cleantext clean --jsonl`: a pipeline step that streams records, and reports bad ones by line number."""

from __future__ import annotations

import json

from cleantext import Cleaner
from cleantext.run.stream import clean_jsonl

from .documents import PLAIN, SPORTS, SPORTS_CLEAN

RECORDS = [
    json.dumps({"id": 1, "text": SPORTS}, ensure_ascii=False),
    json.dumps({"id": 2, "body": "没有 text 字段"}, ensure_ascii=False),
    "",
    "{not json",
    json.dumps({"id": 3, "text": 31415926}),
    "[1, 2]",
    json.dumps({"id": 4, "text": PLAIN}, ensure_ascii=False),
]
STREAM = "\n".join(RECORDS) + "\n"


def _records(text: str) -> list[dict | str]:
    out = []
    for line in text.splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            out.append(line)
    return out


def test_bad_records_are_reported_and_passed_through(invoke):
    res = invoke("clean", "--jsonl", "-", input=STREAM.encode("utf-8"))
    assert res.exit_code == 1
    got = _records(res.stdout)
    assert len(got) == 6  # the blank line is not a record
    assert got[0]["id"] == 1 and got[0]["text"] + "\n" == SPORTS_CLEAN
    audit = got[0]["cleantext"]
    assert set(audit) == {"schema_version", "metadata", "removed"}
    assert audit["metadata"]["title"] == "青石镇中学2025年春季运动会总结"
    assert [r["category"] for r in audit["removed"]] == ["watermark", "credit", "promo"]
    assert got[1:5] == [json.loads(RECORDS[1]), "{not json", {"id": 3, "text": 31415926}, [1, 2]]
    assert got[5]["text"] + "\n" == PLAIN
    err = res.stderr
    assert "<stdin>:2: missing field 'text' (passed through)" in err
    assert "<stdin>:4: invalid JSON" in err
    assert "<stdin>:5: field 'text' is int, not a string" in err
    assert "<stdin>:6: not a JSON object but list" in err
    assert "records 6: cleaned 2, bad 4 (passed through)" in err


def test_bad_records_can_be_skipped_and_go_to_a_file(tmp_path, invoke):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(STREAM, encoding="utf-8")
    res = invoke("clean", "--jsonl", str(src), "-o", str(out), "--on-bad-record", "skip", "--field", "text",
                 "--meta-key", "audit")
    assert res.exit_code == 1 and res.stdout == ""
    got = _records(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in got] == [1, 4] and "audit" in got[0] and "cleantext" not in got[0]
    assert f"{src}:2: missing field 'text' (skipped)" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]  # no temporary file left


def test_a_clean_stream_exits_0_and_two_workers_agree(invoke):
    good = "\n".join(json.dumps({"n": i, "text": SPORTS if i % 2 else PLAIN}, ensure_ascii=False)
                     for i in range(40)) + "\n"
    one = invoke("clean", "--jsonl", "-", "-j", "1", input=good.encode("utf-8"))
    two = invoke("clean", "--jsonl", "-", "-j", "2", "-q", input=good.encode("utf-8"))
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 40
    assert two.stderr == ""


def test_output_file_must_not_be_the_input(tmp_path, invoke):
    src = tmp_path / "in.jsonl"
    src.write_text(STREAM, encoding="utf-8")
    res = invoke("clean", "--jsonl", str(src), "-o", str(src))
    assert res.exit_code == 2 and src.read_text(encoding="utf-8") == STREAM


def test_undecodable_bytes_make_a_bad_record_that_passes_through_byte_for_byte(invoke):
    raw = b'{"text": "\xff\xfe bad"}\n' + json.dumps({"text": PLAIN}).encode() + b"\n"
    res = invoke("clean", "--jsonl", "-", input=raw)
    assert res.stdout_bytes.startswith(b'{"text": "\xff\xfe bad"}\n')
    assert "<stdin>:1: not valid UTF-8" in res.stderr


def test_the_stream_is_consumed_lazily():
    """Output is written long before the input is exhausted: memory stays flat however long the stream."""
    consumed = 0
    first_write_at: list[int] = []

    def lines():
        nonlocal consumed
        for i in range(2000):
            consumed += 1
            yield json.dumps({"text": f"第{i}段正文。"}, ensure_ascii=False) + "\n"

    def write(line: str) -> None:
        if not first_write_at:
            first_write_at.append(consumed)

    stats = clean_jsonl(lines(), write, Cleaner(bundled=False))
    assert stats.records == stats.cleaned == 2000
    assert first_write_at[0] <= 300
