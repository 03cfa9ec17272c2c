"""A real batch writes the audit a report needs: `cleantext clean DIR -o OUT [--report FILE]` through the installed
console script, then `cleantext report OUT/manifest.jsonl`. Every document here is invented."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .documents import PNG, SPORTS, console_script

# Invented documents: a study-only watermark over short notices, a novel chapter with a site credit at its head and
# a long body (so that its audit keeps an excerpt, not the whole text), a note whose 公众号 sentence must stay.
NOTICE = ("仅供学习 禁止外传 用后删除\n第{n}号通知\n本周六上午九点在星河广场举行读书会（请带上借书证）。\n"
          "欢迎关注学校公众号，了解更多活动安排。\n")
CHAPTER = ("本文来自星河文库 www.example-novel.com 更多精彩请访问\n第{n}章 远行\n"
           + "".join(f"他沿着河岸走了第{k}里路，风从芦苇丛里吹过来，带着一点凉意。\n" for k in range(1, 181))
           + "本文来自星河文库 www.example-novel.com 更多精彩请访问\n")




def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([console_script(), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=180)


def make_batch(root: Path) -> Path:
    """Nine inputs: five notices, two chapters, the sports summary (GB18030) and a PNG named .txt (fails)."""
    src = root / "in"
    (src / "notices").mkdir(parents=True)
    (src / "novel").mkdir()
    for n in range(1, 6):
        (src / "notices" / f"n{n}.txt").write_text(NOTICE.format(n=n), encoding="utf-8")
    for n in (1, 2):
        (src / "novel" / f"ch{n}.txt").write_text(CHAPTER.format(n=n), encoding="utf-8")
    (src / "sports.txt").write_bytes(SPORTS.encode("gb18030"))
    (src / "photo.txt").write_bytes(PNG)
    return src


def manifest(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def audit(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "audit.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def batch(tmp_path: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    make_batch(tmp_path)
    return tmp_path, run("clean", "in", "-o", "out", "-j", "2", "--report", "report.html", cwd=tmp_path)


def test_a_batch_writes_one_audit_record_per_file_in_manifest_order(batch) -> None:
    root, proc = batch
    assert proc.returncode == 1, proc.stderr  # photo.txt is a PNG
    out = root / "out"
    records, lines = audit(out), manifest(out)
    assert [r["path"] for r in records] == [m["path"] for m in lines] and len(records) == 9
    by_path = {r["path"]: r for r in records}
    for m in lines:
        rec = by_path[m["path"]]
        assert rec["status"] == m["status"] and rec["encoding"] == m["encoding"]
        if m["status"] == "ok":
            removed = rec["result"]["removed"]
            assert len(removed) == m["removed"] and {r["category"] for r in removed} == set(m["categories"])
            # The clean body is the output file; the audit keeps its length and the text removals point into.
            body = (out / m["path"]).read_text(encoding="utf-8")
            assert rec["body"]["chars"] == len(body.removesuffix("\n")) and "text" not in rec["result"]
    assert by_path["photo.txt"]["status"] == "failed" and by_path["photo.txt"]["result"] is None
    assert "PNG" in by_path["photo.txt"]["error"]
    notice = by_path["notices/n1.txt"]
    assert notice["normalized"].startswith("仅供学习") and notice["excerpt"] is None
    assert "欢迎关注学校公众号" not in [r["text"] for r in notice["result"]["removed"]]  # a legitimate sentence stays
    # A long chapter keeps an excerpt: its removed lines whole, two kept lines of context each, nothing more.
    chapter = by_path["novel/ch1.txt"]
    assert chapter["normalized"] is None and chapter["lines"] > 150
    numbers = [n for n, _ in chapter["excerpt"]]
    marked = {r["line"] for r in chapter["result"]["removed"]}
    assert marked <= set(numbers) and len(numbers) <= 5 * len(marked)
    assert "report of 9 files" in proc.stderr and (root / "report.html").is_file()


def _removed_lines_of_view(page: str, index: int) -> set[int]:
    """The line numbers a file view highlights (a removed line or a cut span in it)."""
    section = re.search(rf'<section class="file" id="f{index}">(.*?)</section>', page, re.S)
    assert section, f"no view of file {index}"
    found = set()
    for m in re.finditer(rf'<div class="line[^"]*" id="f{index}-l(\d+)">(.*?)</div>', section.group(1), re.S):
        if 'class="rm"' in m.group(2):
            found.add(int(m.group(1)))
    return found


def test_the_report_of_a_real_batch_has_rule_samples_and_file_views_that_match_the_audit(batch) -> None:
    root, _ = batch
    page = (root / "report.html").read_text(encoding="utf-8")
    records = audit(root / "out")
    rules = {r["rule"]: r["text"] for rec in records if rec["result"] for r in rec["result"]["removed"]}
    assert rules
    for rule, text in rules.items():
        block = re.search(rf'<details class="rule-samples[^"]*" id="rule-{re.escape(rule)}">(.*?)</details>', page,
                          re.S)
        assert block and html.escape(text) in block.group(1), rule
    views = [int(i) for i in re.findall(r'<section class="file" id="f(\d+)">', page)]
    assert views and any(records[i]["excerpt"] for i in views)  # a long chapter is among them
    for i in views:
        assert _removed_lines_of_view(page, i) == {r["line"] for r in records[i]["result"]["removed"]}
    # Every linked sample points at a highlighted line of a view on the page.
    for file, line in re.findall(r'<a class="sample" href="#f(\d+)-l(\d+)">', page):
        assert int(line) in _removed_lines_of_view(page, int(file))
    assert "欢迎关注学校公众号，了解更多活动安排。" in page  # kept, shown as it is
    again = run("report", "out/manifest.jsonl", "-o", "later.html", cwd=root)
    assert again.returncode == 0, again.stderr
    assert (root / "later.html").read_bytes() == (root / "report.html").read_bytes()


def test_resume_after_a_partial_run_leaves_one_record_per_file(batch) -> None:
    root, _ = batch
    out = root / "out"
    first = (out / "audit.jsonl").read_bytes().splitlines(keepends=True)
    # What a run killed after its checkpoint of three files leaves: a short manifest, an audit with a torn line.
    lines = (out / "manifest.jsonl").read_bytes().splitlines(keepends=True)
    (out / "manifest.jsonl").write_bytes(b"".join(lines[:3]))
    (out / "audit.jsonl").write_bytes(b"".join(first[:4]) + first[4][:30])
    (root / "in" / "notices" / "n9.txt").write_text(NOTICE.format(n=9), encoding="utf-8")  # and a new input
    proc = run("clean", "in", "-o", "out", "-j", "2", "--resume", cwd=root)
    assert proc.returncode == 1, proc.stderr
    records = audit(out)
    paths = [r["path"] for r in records]
    assert paths == [m["path"] for m in manifest(out)] and len(paths) == len(set(paths)) == 10
    assert "notices/n9.txt" in paths
    statuses = {m["path"]: m["status"] for m in manifest(out)}
    done_before = [json.loads(line)["path"] for line in lines[:3] if json.loads(line)["status"] == "ok"]
    assert done_before and [p for p, s in statuses.items() if s == "skipped"] == done_before
    by_path = {json.loads(line)["path"]: line for line in first}
    now = (out / "audit.jsonl").read_bytes().splitlines(keepends=True)
    for line in now:
        rec = json.loads(line)
        if statuses[rec["path"]] == "skipped":
            assert line == by_path[rec["path"]]  # the last run's record, byte for byte
        elif statuses[rec["path"]] == "ok":  # cleaned (again): a fresh record of its output
            body = (out / rec["path"]).read_text(encoding="utf-8").removesuffix("\n")
            assert rec["result"]["removed"] and rec["body"]["chars"] == len(body)


def test_a_symlinked_audit_file_is_refused_like_the_manifest(tmp_path: Path) -> None:
    make_batch(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("不能被覆盖的文件\n", encoding="utf-8")
    (out / "audit.jsonl").symlink_to(victim)
    proc = run("clean", "in", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 2 and "audit file" in proc.stderr and "symbolic link" in proc.stderr, proc.stderr
    assert victim.read_text(encoding="utf-8") == "不能被覆盖的文件\n"
    assert sorted(p.name for p in out.iterdir()) == ["audit.jsonl"]  # nothing was cleaned
    # Without the audit the link is left alone and the batch runs.
    proc = run("clean", "in", "-o", "out", "--no-audit", "-q", cwd=tmp_path)
    assert proc.returncode == 1 and (out / "manifest.jsonl").is_file(), proc.stderr
    assert (out / "audit.jsonl").is_symlink() and victim.read_text(encoding="utf-8") == "不能被覆盖的文件\n"


def test_an_input_named_audit_jsonl_is_never_overwritten(tmp_path: Path) -> None:
    src = make_batch(tmp_path)
    (src / "audit.jsonl").write_text("仅供学习 禁止外传 用后删除\n一条输入。\n", encoding="utf-8")
    proc = run("clean", "in", "-o", "in", "--glob", "*.jsonl", cwd=tmp_path)
    assert proc.returncode == 2 and "OUTDIR" in proc.stderr
    proc = run("clean", "in", "-o", "out", "--glob", "*.jsonl", "--glob", "*.txt", cwd=tmp_path)
    rec = {m["path"]: m for m in manifest(tmp_path / "out")}["audit.jsonl"]
    assert rec["status"] == "failed" and "the audit file" in rec["error"], proc.stderr
    assert [r["path"] for r in audit(tmp_path / "out")].count("audit.jsonl") == 1


@pytest.mark.parametrize("args,words", [
    (["in", "-o", "out", "--report", "r.html", "--no-audit"], "drop --no-audit"),
    (["in/sports.txt", "--report", "r.html"], "--report does not apply when one file is cleaned to stdout"),
    (["--jsonl", "docs.jsonl", "-o", "o.jsonl", "--report", "r.html"], "--report does not apply with --jsonl"),
    (["in", "-o", "out", "--report", "in/sports.txt"], "is the input"),
    (["in", "-o", "out", "--report", "out/manifest.jsonl"], "is the manifest"),
    (["in", "-o", "out", "--report", "out/notices/n1.txt"], "is the output of"),
    (["in", "-o", "out", "--report", "in"], "is a directory"),
])
def test_report_options_that_cannot_work_are_usage_errors(tmp_path: Path, args: list[str], words: str) -> None:
    make_batch(tmp_path)
    (tmp_path / "docs.jsonl").write_text('{"text": "正文。"}\n', encoding="utf-8")
    before = (tmp_path / "in" / "sports.txt").read_bytes()
    proc = run("clean", *args, cwd=tmp_path)
    assert proc.returncode == 2 and words in proc.stderr, proc.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "r.html").exists()
    assert (tmp_path / "in" / "sports.txt").read_bytes() == before


def test_no_audit_writes_no_audit_and_the_report_says_it_has_counts_only(tmp_path: Path) -> None:
    make_batch(tmp_path)
    assert run("clean", "in", "-o", "out", "-q", cwd=tmp_path).returncode == 1
    assert (tmp_path / "out" / "audit.jsonl").is_file()
    proc = run("clean", "in", "-o", "out", "--no-audit", "-q", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert not (tmp_path / "out" / "audit.jsonl").exists()  # the last run's audit would be stale: removed
    got = run("report", "out/manifest.jsonl", "-o", "r.html", cwd=tmp_path)
    assert got.returncode == 0 and "no audit.jsonl" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_the_audit_of_a_batch_into_a_custom_manifest_goes_beside_it(tmp_path: Path) -> None:
    make_batch(tmp_path)
    (tmp_path / "logs").mkdir()
    proc = run("clean", "in", "-o", "out", "--manifest", "logs/run.jsonl", "-q", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert len(audit(tmp_path / "logs")) == 9 and not (tmp_path / "out" / "audit.jsonl").exists()
    assert not [p for p in (tmp_path / "logs").iterdir() if p.name.startswith(".")]  # no temporary file left
