"""Command-line conventions (issue 18, points 2-5) and the collection profile, through the real console script."""

from __future__ import annotations

import json
import os
import random
import subprocess
from pathlib import Path

import pytest

from cleantext.cli import render

from .documents import SPORTS, SPORTS_CLEAN, console_script, make_tree

HEADER = "青柠书坊收录 馆藏号QN12345678"  # an invented distributor's stamp that no bundled rule knows
WORDS = "山川河流草木花鸟春夏秋冬风雨雷电日月星辰城乡街巷楼台亭阁书画琴棋诗酒茶"


def run(*args: str, cwd: Path, input: bytes | None = None, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([console_script(), *args], cwd=cwd, input=input, capture_output=True, timeout=120,
                          env={**os.environ, **(env or {})})


def err_of(proc: subprocess.CompletedProcess[bytes]) -> str:
    return proc.stderr.decode("utf-8")


def collection(root: Path, n: int = 10, copies: int = 0) -> Path:
    """``n`` invented documents with distinct bodies, each headed by HEADER (and ``copies`` extra copies of the
    first one under another name)."""
    rng = random.Random(7)
    root.mkdir()
    for i in range(n):
        body = "\n".join(f"第{j + 1}段，{''.join(rng.choice(WORDS) for _ in range(30))}。" for j in range(6))
        (root / f"doc{i:02d}.txt").write_text(f"{HEADER.replace('12345678', str(12345678 + i))}\n林间小记之{i}\n"
                                             f"{body}\n", encoding="utf-8")
    for k in range(copies):
        (root / f"copy{k}.txt").write_bytes((root / "doc00.txt").read_bytes())
    return root


# -- 2. `-` and single files ----------------------------------------------------------------------------------


def test_one_file_without_o_or_with_o_dash_prints_to_stdout(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(SPORTS, encoding="utf-8")
    for extra in ((), ("-o", "-")):
        proc = run("clean", "doc.txt", *extra, cwd=tmp_path)
        assert proc.returncode == 0, err_of(proc)
        assert proc.stdout.decode("utf-8") == SPORTS_CLEAN
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]  # no folder named "-", no manifest


def test_several_inputs_to_stdout_are_refused_clearly(tmp_path):
    make_tree(tmp_path)
    proc = run("clean", "in", "-o", "-", cwd=tmp_path)
    assert proc.returncode == 2 and "-o OUTDIR is required" in err_of(proc)
    assert not (tmp_path / "-").exists()


def test_detect_reads_stdin_and_walks_folders_as_clean_does(tmp_path):
    make_tree(tmp_path)
    gbk = (tmp_path / "in" / "school" / "2025" / "sports.txt").read_bytes()
    proc = run("detect", "-", cwd=tmp_path, input=gbk)
    assert proc.stdout.decode().startswith("<stdin>: "), err_of(proc)
    proc = run("detect", "in", cwd=tmp_path)
    named = [line.split(":")[0] for line in proc.stdout.decode("utf-8").splitlines()]
    assert "in/school/2025/sports.txt" in named and "in/village/library.TXT" in named
    assert proc.returncode == 1 and "in/village/photo.txt" in err_of(proc)  # a PNG: reported, the rest printed


# -- 3. silent mistakes are usage errors ----------------------------------------------------------------------


@pytest.mark.parametrize(("args", "says"), [
    (("--disable", "nosuchid"), "--disable nosuchid: no loaded pattern"),
    (("--disable", "nosuchcategory."), "--disable nosuchcategory."),
    (("--no-bundled",), "--no-bundled without --patterns"),
    (("--field", "body"), "--field does not apply without --jsonl"),
    (("--resume",), "--resume does not apply when one file is cleaned to stdout"),
])
def test_useless_options_on_files_are_usage_errors(tmp_path, args, says):
    (tmp_path / "doc.txt").write_text(SPORTS, encoding="utf-8")
    proc = run("clean", "doc.txt", *args, cwd=tmp_path)
    assert proc.returncode == 2 and says in err_of(proc), err_of(proc)
    assert proc.stdout == b""


def test_glob_on_named_files_only_is_a_usage_error(tmp_path):
    (tmp_path / "doc.txt").write_text(SPORTS, encoding="utf-8")
    proc = run("clean", "doc.txt", "-o", "out", "--glob", "*.md", cwd=tmp_path)
    assert proc.returncode == 2 and "--glob does not apply to files named" in err_of(proc)
    assert not (tmp_path / "out").exists()


def test_a_known_id_and_category_are_accepted(tmp_path):
    (tmp_path / "doc.txt").write_text(SPORTS, encoding="utf-8")
    proc = run("clean", "doc.txt", "--disable", "watermark.", "--disable", "disclaimer.", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.decode("utf-8").startswith("仅供学习 禁止外传 用后删除\n")


@pytest.mark.parametrize("args", [("--format", "json"), ("--glob", "*.md"), ("--resume",), ("--manifest", "m.jsonl")])
def test_options_that_jsonl_ignores_are_usage_errors(tmp_path, args):
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": SPORTS}, ensure_ascii=False) + "\n", encoding="utf-8")
    proc = run("clean", "--jsonl", "a.jsonl", *args, cwd=tmp_path)
    assert proc.returncode == 2 and f"{args[0]} does not apply with --jsonl" in err_of(proc)


def test_decoding_advice_names_options_not_python_keywords(tmp_path):
    (tmp_path / "bad.txt").write_bytes("正文，第一段。".encode() + b"\xff\xfe\xfa" * 40)
    proc = run("clean", "bad.txt", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout == b""
    assert "Use --encoding CODEC" in err_of(proc) and "encoding=" not in err_of(proc)
    proc = run("clean", "bad.txt", "--encoding", "utf-8", "--decode-errors", "replace", cwd=tmp_path)
    assert proc.returncode == 0 and "正文，第一段。" in proc.stdout.decode("utf-8")


# -- 4. --resume by resolved path, size and mtime -------------------------------------------------------------


def test_resume_matches_inputs_however_their_path_was_typed(tmp_path):
    src = make_tree(tmp_path)
    first = run("clean", str(src.resolve()), "-o", "out", "-j", "1", cwd=tmp_path)
    assert first.returncode == 1, err_of(first)  # photo.txt is a PNG
    again = run("clean", "in", "-o", "out", "-j", "1", "--resume", cwd=tmp_path)
    assert "skipped 4 (4 unchanged since the last run: same resolved path, size and mtime)" in err_of(again)
    sports = src / "school" / "2025" / "sports.txt"
    stamp = sports.stat()
    sports.write_bytes(sports.read_bytes() + "补记。\n".encode("gb18030"))
    os.utime(sports, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same mtime, other size: still a change
    third = run("clean", "./in", "-o", "out", "-j", "1", "--resume", cwd=tmp_path)
    assert "skipped 3 (3 unchanged" in err_of(third)
    assert "1 file(s) cleaned again because the input changed" in err_of(third)
    assert (tmp_path / "out" / "school" / "2025" / "sports.txt").read_text(encoding="utf-8").endswith("补记。\n")


# -- 5. pipes, colour, -v, --diff -----------------------------------------------------------------------------


def test_a_closed_pipe_ends_quietly(tmp_path):
    (tmp_path / "doc.txt").write_text(SPORTS, encoding="utf-8")
    for args in (("explain", "doc.txt"), ("clean", "doc.txt"), ("clean", "doc.txt", "--diff")):
        proc = subprocess.Popen([console_script(), *args], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # the reader has gone before the first write (as `| head` does after its lines)
        err = proc.stderr.read().decode("utf-8")
        assert proc.wait(timeout=120) == 141 and err == "", err


def _on_a_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    proc = subprocess.Popen([console_script(), *args], cwd=cwd, stdout=follower, stderr=subprocess.DEVNULL,
                            env={**os.environ, **env})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_follows_the_terminal_no_color_and_the_option(tmp_path):
    (tmp_path / "doc.txt").write_text(SPORTS, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[" in _on_a_terminal(["explain", "doc.txt"], tmp_path, {"NO_COLOR": ""})
    assert "\x1b[" not in _on_a_terminal(["explain", "doc.txt"], tmp_path, {"NO_COLOR": "1"})
    assert "\x1b[" in run("explain", "doc.txt", "--color", "always", cwd=tmp_path, env=env).stdout.decode()
    plain = run("explain", "doc.txt", cwd=tmp_path, env=env).stdout.decode()
    assert "\x1b[" not in plain and "\x1b[" not in run("explain", "doc.txt", "--color", "never",
                                                        cwd=tmp_path).stdout.decode()


def test_use_color_honours_no_color_on_a_terminal(monkeypatch):
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert render.use_color("auto", Tty()) and not render.use_color("never", Tty())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not render.use_color("auto", Tty()) and render.use_color("always", Tty())


def test_verbose_says_each_removal_and_diff_shows_the_change(tmp_path):
    (tmp_path / "doc.txt").write_text(SPORTS, encoding="utf-8")
    proc = run("clean", "doc.txt", "-v", cwd=tmp_path)
    assert proc.stdout.decode("utf-8") == SPORTS_CLEAN
    said = err_of(proc).splitlines()
    assert any(line.startswith("doc.txt:1: ") and "仅供学习 禁止外传 用后删除" in line for line in said), said
    assert said[-1].startswith("doc.txt: utf-8, ")
    diff = run("clean", "doc.txt", "--diff", cwd=tmp_path).stdout.decode("utf-8")
    assert diff.startswith("--- doc.txt (input)\n+++ doc.txt (clean)\n")
    assert "\n-仅供学习 禁止外传 用后删除\n" in diff
    assert run("explain", "--diff", "doc.txt", cwd=tmp_path).stdout.decode("utf-8") == diff
    batch = run("clean", "doc.txt", "-o", "out", "-v", cwd=tmp_path)
    assert any(line.startswith("doc.txt: utf-8, ") for line in err_of(batch).splitlines()), err_of(batch)


# -- the collection profile -----------------------------------------------------------------------------------


def test_the_profile_removes_a_stamp_no_rule_knows_and_no_profile_keeps_it(tmp_path):
    collection(tmp_path / "coll", copies=2)
    with_profile = run("clean", "coll", "-o", "a", "-j", "2", cwd=tmp_path)
    assert with_profile.returncode == 0, err_of(with_profile)
    assert "profile: 12 document(s)" in err_of(with_profile) and "2 duplicate document(s)" in err_of(with_profile)
    text = (tmp_path / "a" / "doc03.txt").read_text(encoding="utf-8")
    assert text.startswith("林间小记之3\n第1段，") and "青柠书坊" not in text
    records = {r["path"]: r for r in map(json.loads, (tmp_path / "a" / "manifest.jsonl").read_text().splitlines())}
    assert records["copy0.txt"]["copies"] == 3 and records["doc03.txt"]["copies"] is None
    without = run("clean", "coll", "-o", "b", "-j", "2", "--no-profile", cwd=tmp_path)
    assert "profile:" not in err_of(without)
    assert (tmp_path / "b" / "doc03.txt").read_text(encoding="utf-8").startswith("青柠书坊收录 馆藏号QN12345681\n")


def test_too_few_files_learn_no_profile(tmp_path):
    collection(tmp_path / "coll", n=5)
    proc = run("clean", "coll", "-o", "a", "-j", "1", cwd=tmp_path)
    assert "profile:" not in err_of(proc)
    assert (tmp_path / "a" / "doc01.txt").read_text(encoding="utf-8").startswith("青柠书坊收录")


def test_a_profile_file_is_written_then_reused(tmp_path):
    collection(tmp_path / "coll")
    first = run("clean", "coll", "-o", "a", "-j", "1", "--profile", "coll.profile.json", cwd=tmp_path)
    assert "saved in coll.profile.json" in err_of(first)
    saved = (tmp_path / "coll.profile.json").read_text(encoding="utf-8")
    assert json.loads(saved)
    # One new document: too few to learn from, but the saved profile knows the stamp.
    (tmp_path / "new.txt").write_text(f"{HEADER}\n新来的一篇\n第1段，{WORDS}。\n", encoding="utf-8")
    reused = run("clean", "new.txt", "--profile", "coll.profile.json", cwd=tmp_path)
    assert reused.stdout.decode("utf-8") == f"新来的一篇\n第1段，{WORDS}。\n", err_of(reused)
    plain = run("clean", "new.txt", cwd=tmp_path)
    assert plain.stdout.decode("utf-8").startswith(HEADER)
    assert (tmp_path / "coll.profile.json").read_text(encoding="utf-8") == saved  # reused, not relearned
    missing = run("clean", "new.txt", "--profile", "nothere.json", cwd=tmp_path)
    assert missing.returncode == 2 and "one document cannot teach a profile" in err_of(missing)


def test_jsonl_from_a_file_learns_the_profile_from_its_records(tmp_path):
    coll = collection(tmp_path / "coll")
    lines = [json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}, ensure_ascii=False)
             for p in sorted(coll.iterdir())]
    (tmp_path / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run("clean", "--jsonl", "docs.jsonl", "-o", "clean.jsonl", cwd=tmp_path)
    assert proc.returncode == 0 and "profile: 10 document(s)" in err_of(proc), err_of(proc)
    out = [json.loads(line) for line in (tmp_path / "clean.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all("青柠书坊" not in r["text"] and r["text"].startswith("林间小记之") for r in out)
    kept = run("clean", "--jsonl", "docs.jsonl", "--no-profile", cwd=tmp_path)
    assert all(json.loads(line)["text"].startswith("青柠书坊") for line in kept.stdout.decode("utf-8").splitlines())
