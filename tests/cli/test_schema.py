"""The JSON that cleantext writes, checked through the console script against the schemas it ships (`cleantext
schema`): one file with --format json, a folder with its manifest, a JSONL stream; and the audit replayed from the
JSON alone (--with-normalized)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cleantext import SCHEMA_VERSION
from cleantext.audit import replay
from cleantext.schema import schema, schema_text

from .documents import console_script

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed (pip install -e '.[test]')")

# Invented documents: a watermark line, a credit line with a contact, an inline ad, blank runs, a body sentence
# that mentions 公众号 and must stay.
DOC_A = ("仅供学习交流使用，请勿外传\n星河文库整理 QQ：12345678\n\n\n第一章 春天\n\n"
         "小明关注了学校的公众号，每天读一篇文章。\n他说：“读书使人快乐。”\n\n\n\n本文由星河文库收集整理，更多资料请访问"
         " www.example-novel.com\n")
DOC_B = "年度工作总结\n\n今年，我们完成了（全部）任务。\n明年继续努力。\n"




def _run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([console_script(), *args], cwd=cwd, input=stdin, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, env=env)


def _validator(what: str) -> Any:
    return jsonschema.Draft202012Validator(schema(what))


def _check_result(d: dict[str, Any], with_normalized: bool) -> None:
    _validator("result").validate(d)
    assert d["schema_version"] == SCHEMA_VERSION
    assert ("normalized" in d) is with_normalized
    if with_normalized:
        assert replay(d["normalized"], d["removed"]) == d["text"]


def test_schema_command_prints_the_shipped_schemas_and_they_are_valid(tmp_path: Path) -> None:
    for what in ("result", "manifest"):
        proc = _run("schema", "--what", what, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == schema_text(what)
        jsonschema.Draft202012Validator.check_schema(json.loads(proc.stdout))
    assert _run("schema", cwd=tmp_path).stdout == schema_text("result")
    bad = _run("schema", "--what", "nosuch", cwd=tmp_path)
    assert bad.returncode == 2 and "nosuch" in bad.stderr


def test_the_schema_rejects_what_it_should(tmp_path: Path) -> None:
    # A schema that accepts anything would pass every other test here.
    proc = _run("clean", "-", "--format", "json", cwd=tmp_path, stdin=DOC_A)
    good = json.loads(proc.stdout)
    _validator("result").validate(good)
    for broken in ({k: v for k, v in good.items() if k != "schema_version"}, {**good, "schema_version": 99},
                   {**good, "extra": 1}, {**good, "removed": [{"rule": "x"}]},
                   {**good, "metadata": {**good["metadata"], "lines_in": "3"}}):
        assert not _validator("result").is_valid(broken)


def test_one_file_as_json_validates_and_replays(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(DOC_A.encode("gb18030"))
    plain = _run("clean", "a.txt", "--format", "json", cwd=tmp_path)
    assert plain.returncode == 0, plain.stderr
    _check_result(json.loads(plain.stdout), with_normalized=False)
    full = _run("clean", "a.txt", "--format", "json", "--with-normalized", cwd=tmp_path)
    d = json.loads(full.stdout)
    _check_result(d, with_normalized=True)
    assert d["removed"] and "小明关注了学校的公众号，每天读一篇文章。" in d["text"]
    assert {k: v for k, v in d.items() if k != "normalized"} == json.loads(plain.stdout)


def test_with_normalized_needs_json_output(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DOC_A, encoding="utf-8")
    proc = _run("clean", "a.txt", "--with-normalized", cwd=tmp_path)
    assert proc.returncode == 2 and "--format json or --jsonl" in proc.stderr


def test_a_folder_as_json_and_its_manifest_validate(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_bytes(DOC_A.encode("gb18030"))
    (src / "sub" / "b.txt").write_text(DOC_B, encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
    proc = _run("clean", "in", "-o", "out", "--format", "json", "--with-normalized", "-j", "1", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr  # the PNG fails; the others are cleaned
    out = tmp_path / "out"
    for name in ("a.txt.json", "sub/b.txt.json", "empty.txt.json"):
        _check_result(json.loads((out / name).read_text(encoding="utf-8")), with_normalized=True)
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["status"] for r in records) == ["empty", "failed", "ok", "ok"]
    manifest = _validator("manifest")
    for rec in records:
        manifest.validate(rec)
        assert rec["schema_version"] == SCHEMA_VERSION
    assert not manifest.is_valid({**records[0], "status": "done"})
    # --resume reads those records back and writes them again: still valid.
    again = _run("clean", "in", "-o", "out", "--format", "json", "--resume", "-j", "1", cwd=tmp_path)
    assert again.returncode == 1, again.stderr
    for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        manifest.validate(json.loads(line))


def test_jsonl_audit_validates_and_replays(tmp_path: Path) -> None:
    lines = [json.dumps({"id": 1, "text": DOC_A}, ensure_ascii=False), json.dumps({"id": 2, "text": DOC_B},
                                                                                  ensure_ascii=False)]
    (tmp_path / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for flags, with_normalized in (((), False), (("--with-normalized",), True)):
        proc = _run("clean", "--jsonl", "docs.jsonl", "--meta-key", "ct", *flags, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        records = [json.loads(line) for line in proc.stdout.splitlines()]
        assert [r["id"] for r in records] == [1, 2]
        for rec in records:
            # The field holds the text, the meta key the rest of the result: together, one result dict.
            _check_result({**rec["ct"], "text": rec["text"]}, with_normalized)
        assert records[0]["ct"]["removed"]
