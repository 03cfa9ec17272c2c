"""The ``learn`` click command: files and folders, JSONL, the report, and usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleantext import Cleaner
from cleantext.evidence.patterns import load_file
from cleantext.learn.cli import learn_command

from .collection import make_collection

DOCS = make_collection(60, seed=11)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    for i, d in enumerate(DOCS):
        sub = root / f"part{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        data = d.text.encode("gb18030" if i % 2 else "utf-8")   # mixed encodings, decoded by the core pipeline
        (sub / f"{i:03d}.txt").write_bytes(data)
    (root / "notes.md").write_text("这个文件不是 .txt，不会被读取。", encoding="utf-8")
    return root


def run(*args: str):
    return CliRunner().invoke(learn_command, list(args), catch_exceptions=False)


def test_learn_from_a_folder_writes_a_loadable_file_and_a_report(folder, tmp_path):
    out, report = tmp_path / "learned.toml", tmp_path / "report.md"
    res = run(str(folder), "-o", str(out), "--report", str(report), "--no-bundled")
    assert res.exit_code == 0, res.output
    assert "60 documents read" in res.output
    patterns = load_file(out)
    assert any(p.matches_line("星河文稿整理，完整版请联系QQ：27182818") for p in patterns)
    text = report.read_text(encoding="utf-8")
    assert all(f"`{p.id}`" in text for p in patterns)
    cleaned = Cleaner(bundled=False, patterns=(str(out),)).clean(DOCS[0].text).text
    assert [line for line in cleaned.splitlines() if line] == DOCS[0].body


def test_glob_selects_files(folder, tmp_path):
    out = tmp_path / "none.toml"
    res = run(str(folder), "-o", str(out), "--glob", "*.md", "--no-bundled")
    assert res.exit_code == 0
    assert "1 documents read" in res.output and load_file(out) == []


def test_learn_from_jsonl(tmp_path):
    src = tmp_path / "docs.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for i, d in enumerate(DOCS):
            f.write(json.dumps({"id": i, "content": d.text}, ensure_ascii=False) + "\n")
        f.write("not json\n")
        f.write(json.dumps({"id": "no field"}) + "\n")
    out = tmp_path / "learned.toml"
    res = run("--jsonl", str(src), "--field", "content", "-o", str(out), "--no-bundled", "--min-docs", "5")
    assert res.exit_code == 0, res.output
    assert "60 documents read" in res.output
    assert any(p.matches_line("更多精彩资料请关注星河文稿") for p in load_file(out))


def test_extra_pattern_files_clean_before_learning(folder, tmp_path):
    first = tmp_path / "first.toml"
    assert run(str(folder), "-o", str(first), "--no-bundled", "-q").exit_code == 0
    again = tmp_path / "again.toml"
    res = run(str(folder), "-o", str(again), "--no-bundled", "--patterns", str(first))
    assert res.exit_code == 0
    assert load_file(again) == []   # everything learned the first time is already removed


def test_usage_errors(tmp_path):
    res = CliRunner().invoke(learn_command, ["-o", str(tmp_path / "x.toml")])
    assert res.exit_code == 2 and "INPUT" in res.output
    bad = tmp_path / "bad.toml"
    bad.write_text("[[pattern]]\nid = 1\n", encoding="utf-8")
    res = CliRunner().invoke(learn_command, [str(tmp_path), "-o", str(tmp_path / "x.toml"), "--patterns", str(bad)])
    assert res.exit_code == 1 and "bad.toml" in res.output
