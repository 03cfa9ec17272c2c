"""``cleantext clean`` reads URLs through fsspec (``s3://…``, ``hf://…``): a remote folder is walked as a local one,
one remote file goes to stdout, --resume knows a remote input, and a missing one is a usage error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

fsspec = pytest.importorskip("fsspec")

WATERMARK = "仅供学习 禁止外传 用后删除"
DOCS = {"a.txt": f"{WATERMARK}\n年度总结\n今年完成了全部任务。\n",
        "sub/b.txt": "星河文库QQ：12345678\n读书笔记\n小城的春天来得很早。\n",
        "sub/skip.md": "不在 --glob 之内\n"}


@pytest.fixture
def bucket() -> str:
    fs = fsspec.filesystem("memory")
    root = "/cleantext-test-bucket"
    if fs.exists(root):
        fs.rm(root, recursive=True)
    for rel, text in DOCS.items():
        fs.pipe_file(f"{root}/{rel}", text.encode("utf-8"))
    return f"memory://{root}"


def test_a_remote_folder_is_cleaned_like_a_local_one(invoke, bucket: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("clean", bucket, "-o", str(out), "-q")
    assert result.exit_code == 0, result.stderr
    assert (out / "a.txt").read_text(encoding="utf-8") == "年度总结\n今年完成了全部任务。\n"
    assert (out / "sub" / "b.txt").read_text(encoding="utf-8") == "读书笔记\n小城的春天来得很早。\n"
    assert not (out / "sub" / "skip.md").exists()
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["path"], r["status"], r["input"]) for r in records] == [
        ("a.txt", "ok", f"{bucket}/a.txt"), ("sub/b.txt", "ok", f"{bucket}/sub/b.txt")]
    again = invoke("clean", bucket, "-o", str(out), "--resume")
    assert again.exit_code == 0
    assert "skipped 2" in again.stderr


def test_one_remote_file_goes_to_stdout(invoke, bucket: str) -> None:
    result = invoke("clean", f"{bucket}/a.txt")
    assert result.exit_code == 0
    assert result.stdout == "年度总结\n今年完成了全部任务。\n"


def test_a_missing_remote_input_is_a_usage_error(invoke, bucket: str, tmp_path: Path) -> None:
    result = invoke("clean", f"{bucket}/nothing-here", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


def test_the_console_script_reads_a_file_url(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for rel, text in DOCS.items():
        (src / rel).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "cleantext", "clean", src.as_uri(), "-o", str(out), "-q"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")) == ["a.txt", "sub/b.txt"]
    unknown = subprocess.run([sys.executable, "-m", "cleantext", "clean", "nosuch://x/y", "-o", str(out)],
                             capture_output=True, text=True, timeout=120)
    assert unknown.returncode == 2 and "nosuch" in unknown.stderr and "Traceback" not in unknown.stderr


def test_the_collection_profile_is_learned_from_a_remote_folder(invoke, tmp_path: Path) -> None:
    fs = fsspec.filesystem("memory")
    root = "/cleantext-test-profile"
    if fs.exists(root):
        fs.rm(root, recursive=True)
    for n in range(10):
        text = f"蓝鲸文稿 整理分享 编号{n}\n第{n}次班会记录\n同学们讨论了春游的路线。\n"
        fs.pipe_file(f"{root}/{n:02d}.txt", text.encode())
    out = tmp_path / "out"
    result = invoke("clean", f"memory://{root}", "-o", str(out), "--no-bundled", "-q")  # the profile alone
    assert result.exit_code == 0, result.stderr
    assert (out / "03.txt").read_text(encoding="utf-8") == "第3次班会记录\n同学们讨论了春游的路线。\n"
