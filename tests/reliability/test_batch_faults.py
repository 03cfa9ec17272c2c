"""Batch faults: `cleantext clean` killed mid-run, an unusable OUTDIR, OUTDIR inside the input, awkward file names
and symbolic links. Each runs the real command in a subprocess; no input is ever modified, nothing is written
outside OUTDIR."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from cleantext import Cleaner
from cleantext.run.batch import FileWorker, Job

WATERMARK = "仅供学习 禁止外传 用后删除"
BODY = "星河文稿第{n}号：关注学习，会员编号31415926。\n"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleantext", "clean", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=120)


def doc(n: int, lines: int = 3) -> bytes:
    return (f"{WATERMARK}\n第{n}号通知\n" + "".join(BODY.format(n=j) for j in range(lines))).encode("utf-8")


def snapshot(root: Path) -> dict[str, str]:
    """Every path under ``root`` (links not followed) with the hash of its content or its link target."""
    found: dict[str, str] = {}
    for top, dirs, files in os.walk(root):
        for name in dirs + files:
            p = Path(top, name)
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                found[rel] = "link:" + os.readlink(p)
            elif p.is_file():
                found[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
            else:
                found[rel] = "dir"
    return found


def outputs(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and p.name not in ("manifest.jsonl", "audit.jsonl")}


def manifest(out: Path) -> list[dict]:
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """Three hundred documents slow enough (1 500 lines each) that a kill lands mid-run, and their clean outputs."""
    root = tmp_path_factory.mktemp("big")
    src = root / "in"
    for n in range(300):
        folder = src / f"组{n % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"doc{n:03d}.txt").write_bytes(doc(n, 1500))
    before = snapshot(src)
    reference = root / "reference"
    assert run(src, "-o", reference, "-j", "2", "-q").returncode == 0
    return src, reference, before


@pytest.mark.parametrize("sig,whole_group", [(signal.SIGINT, False), (signal.SIGKILL, False), (signal.SIGKILL, True)],
                         ids=["sigint", "sigkill", "sigkill-group"])
def test_a_killed_batch_leaves_only_complete_outputs_and_resume_finishes_it(big, tmp_path, sig, whole_group):
    src, reference, before = big
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "cleantext", "clean", str(src), "-o", str(out), "-j", "2"]
    # A shell's background job inherits SIGINT ignored (and Python then keeps it so): give the command Ctrl-C back.
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while len(list(out.rglob("*.txt"))) < 10 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "the batch ended before it could be killed"
    (os.killpg if whole_group else os.kill)(proc.pid, sig)
    # communicate() returns only when every holder of the pipes is gone: the workers end with their parent.
    _, err = proc.communicate(timeout=30)
    stderr = err.decode("utf-8")
    if sig == signal.SIGINT:
        assert proc.returncode == 130
        assert "interrupted:" in stderr and "--resume" in stderr and "Traceback" not in stderr
    else:
        assert proc.returncode == -signal.SIGKILL
    done = outputs(out)
    ref = outputs(reference)
    assert 0 < len(done) < len(ref)
    assert all(done[name] == ref[name] for name in done), "a partial output"  # no temp files either
    assert not [p for p in out.rglob("*") if p.name.startswith(".") or p.name.endswith(".cleantext-tmp")]

    res = run(src, "-o", out, "-j", "2", "--resume")
    assert res.returncode == 0, res.stderr
    assert outputs(out) == ref
    records = manifest(out)
    assert len(records) == 300 and {r["status"] for r in records} <= {"ok", "skipped"}
    assert all(r["title"] and r["removed"] == 1 for r in records)  # skipped ones keep what the first run knew
    assert snapshot(src) == before


def test_an_output_folder_under_a_file_is_a_clear_error(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes(doc(1))
    (tmp_path / "file.txt").write_text("不是文件夹", encoding="utf-8")
    before = snapshot(tmp_path)
    res = run(src, "-o", tmp_path / "file.txt" / "out")
    assert res.returncode in (1, 2) and "Traceback" not in res.stderr
    assert "file.txt" in res.stderr and ("Not a directory" in res.stderr or "not a folder" in res.stderr)
    assert snapshot(tmp_path) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permissions")
def test_a_read_only_output_folder_is_a_clear_error(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_bytes(doc(1))
    out.mkdir(mode=0o500)
    try:
        res = run(src, "-o", out)
    finally:
        out.chmod(0o700)
    assert res.returncode in (1, 2) and "Traceback" not in res.stderr and "Permission denied" in res.stderr
    assert list(out.iterdir()) == []


def test_an_output_folder_inside_the_input_is_never_an_input(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes(doc(1))
    out = src / "cleaned"
    for _ in range(2):
        res = run(src, "-o", out, "-j", "1")
        assert res.returncode == 0, res.stderr
    assert [r["path"] for r in manifest(out)] == ["a.txt"]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["a.txt", "audit.jsonl", "manifest.jsonl"]


AWKWARD = [
    "a..b.txt", "..foo/c.txt", "..txt", "...txt", "line\nbreak.txt", "tab\tand space .txt",
    "x" * 251 + ".txt",                      # 255 bytes, the longest name most file systems take
    "文" * 83 + ".txt",                       # 253 bytes of UTF-8
    unicodedata.normalize("NFD", "café-é.txt"), unicodedata.normalize("NFC", "café-é.txt"),
    "emoji-😀👩‍👩‍👧.txt", "ＦＵＬＬ－ｗｉｄｔｈ（全角）.txt", "Ｘ.txt", "-o.txt", "--resume.txt",
]


def test_awkward_names_are_cleaned_and_mirrored_inside_outdir(tmp_path):
    src, out = tmp_path / "in", tmp_path / "in-clean"
    for n, name in enumerate(AWKWARD):
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_bytes(doc(n))
    (src / os.fsdecode(b"\xc4\xe3\xba\xc3.txt")).write_bytes(doc(99))  # a GBK name: not UTF-8
    before, around = snapshot(src), sorted(p.name for p in tmp_path.iterdir())
    res = run(src, "-o", out, "-j", "2")
    assert res.returncode == 0, res.stderr
    names = [*AWKWARD, os.fsdecode(b"\xc4\xe3\xba\xc3.txt")]
    for n, name in enumerate(names):
        text = (out / name).read_text(encoding="utf-8")
        assert text.startswith(f"第{99 if n == len(AWKWARD) else n}号通知\n") and WATERMARK not in text
    raw = (out / "manifest.jsonl").read_bytes()
    assert raw.decode("utf-8") and raw.count(b"\n") == len(names)  # valid UTF-8, one record per line
    assert sorted(r["path"] for r in manifest(out)) == sorted(names)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*around, "in-clean"])  # nothing beside OUTDIR
    assert len([p for p in out.rglob("*") if p.is_file()]) == len(names) + 2  # and the manifest, the audit
    assert snapshot(src) == before


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """An input tree with links: to a file and a folder outside it, inside it, to nothing, and a loop."""
    src, outside = tmp_path / "in", tmp_path / "outside"
    (src / "sub").mkdir(parents=True)
    (outside / "deep").mkdir(parents=True)
    (src / "a.txt").write_bytes(doc(1))
    (outside / "secret.txt").write_bytes(doc(2))
    (outside / "deep" / "more.txt").write_bytes(doc(3))
    (src / "out-file.txt").symlink_to(outside / "secret.txt")
    (src / "out-dir").symlink_to(outside, target_is_directory=True)
    (src / "in-file.txt").symlink_to(src / "a.txt")
    (src / "sub" / "loop").symlink_to(src, target_is_directory=True)
    (src / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(src / "pipe.txt")  # reading a FIFO would block the batch for ever
    (src / "folder.txt").mkdir()  # a folder named like a document: walked like any folder
    (src / "folder.txt" / "inner.txt").write_bytes(doc(4))
    return src, outside


def test_links_out_of_the_tree_are_skipped_and_the_batch_goes_on(linked, tmp_path):
    src, outside = linked
    before, before_outside = snapshot(src), snapshot(outside)
    out = tmp_path / "out"
    res = run(src, "-o", out, "-j", "2")
    assert res.returncode == 1 and "Traceback" not in res.stderr  # 1: the broken link and the FIFO failed
    records = {r["path"]: r for r in manifest(out)}
    assert set(records) == {"a.txt", "in-file.txt", "folder.txt/inner.txt", "out-file.txt", "out-dir", "broken.txt",
                            "pipe.txt"}
    for path in ("a.txt", "in-file.txt", "folder.txt/inner.txt"):
        assert records[path]["status"] == "ok"
    for path in ("out-file.txt", "out-dir"):
        assert records[path]["status"] == "skipped" and "outside the input folder" in records[path]["error"]
        assert f"skipped: {src / path}: a symbolic link to" in res.stderr
    assert records["broken.txt"]["status"] == "failed" and "broken symbolic link" in records["broken.txt"]["error"]
    assert records["pipe.txt"]["status"] == "failed" and records["pipe.txt"]["error"] == "not a regular file"
    assert f"failed: {src / 'broken.txt'}: a broken symbolic link" in res.stderr
    assert sorted(outputs(out)) == ["a.txt", "folder.txt/inner.txt", "in-file.txt"]
    assert snapshot(src) == before and snapshot(outside) == before_outside


def test_links_are_followed_when_asked_and_loops_end(linked, tmp_path):
    src, outside = linked
    out = tmp_path / "out"
    res = run(src, "-o", out, "-j", "1", "--follow-symlinks")
    assert res.returncode == 1  # the broken link and the FIFO still fail
    assert sorted(outputs(out)) == ["a.txt", "folder.txt/inner.txt", "in-file.txt", "out-dir/deep/more.txt",
                                    "out-dir/secret.txt", "out-file.txt"]
    assert (out / "out-file.txt").read_bytes() == (out / "out-dir" / "secret.txt").read_bytes()
    assert not (outside / "out").exists() and sorted(p.name for p in outside.iterdir()) == ["deep", "secret.txt"]


def test_a_folder_where_a_file_is_expected_fails_that_job_only(tmp_path):
    (tmp_path / "d.txt").mkdir()
    job = Job(str(tmp_path / "d.txt"), "d.txt", str(tmp_path / "out" / "d.txt"))
    rec = FileWorker(Cleaner(bundled=False))(job)
    assert (rec.status, rec.error) == ("failed", "a folder, not a file")
    assert not (tmp_path / "out").exists()
