"""Issue 13, tried as a hostile user would: each test is the smallest case that broke a promise, through the public
API or the real console script. A test whose docstring starts with ``Guarantee (13.N):`` is listed in the table of
guarantees of docs/reliability.md (``python -m tests.reliability.guarantees --write`` regenerates it)."""

from __future__ import annotations

import fcntl
import hashlib
import itertools
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
import regex

from cleantext import Cleaner, CleanerConfig, PatternError, clean
from cleantext.errors import RuleTimeoutError
from cleantext.evidence.patterns import Pattern, builtin_pattern_files, document_budget, load_patterns, prose_problems
from cleantext.run.batch import clean_folder
from cleantext.text.normalize import normalize_text

WATERMARK = "仅供学习 禁止外传 用后删除"
BODY = "星河文稿第{n}号：本周学习小组继续讨论第三章的内容。\n"


def cli(*args: str | Path, stdin: int | bytes | None = None, stdout: int | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the real command; ``stdin``/``stdout`` may be a file descriptor (or ``subprocess.DEVNULL``)."""
    kwargs: dict = {"stderr": subprocess.PIPE, "timeout": 120, "cwd": cwd}
    if isinstance(stdin, bytes):
        kwargs["input"] = stdin
    elif stdin is not None:
        kwargs["stdin"] = stdin
    kwargs["stdout"] = stdout if stdout is not None else subprocess.PIPE
    return subprocess.run([sys.executable, "-m", "cleantext", *map(str, args)], **kwargs)


def doc(n: int, lines: int = 3) -> bytes:
    return (f"{WATERMARK}\n第{n}号通知\n" + "".join(BODY.format(n=j) for j in range(lines))).encode("utf-8")


def snapshot(root: Path) -> dict[str, str]:
    """Every path under ``root`` (links not followed) with the hash of its content or its link target."""
    found: dict[str, str] = {}
    for top, dirs, files in os.walk(root):
        for name in dirs + files:
            p = Path(top, name)
            if p.is_symlink():
                found[p.relative_to(root).as_posix()] = "link:" + os.readlink(p)
            elif p.is_file():
                found[p.relative_to(root).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return found


def one_clear_line(res: subprocess.CompletedProcess[bytes]) -> str:
    """The command's stderr, which must be one line without a traceback."""
    err = res.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, err
    return err.strip()


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes(doc(1))
    (src / "b.txt").write_bytes(doc(2))
    return src


# --- 1. the manifest -------------------------------------------------------------------------------------------


def test_a_manifest_named_as_an_input_is_refused(inputs: Path, tmp_path: Path) -> None:
    """Guarantee (13.1): `--manifest` naming an input file is a usage error (exit 2); the input is untouched."""
    before = snapshot(tmp_path)
    res = cli("clean", inputs, "-o", tmp_path / "out", "--manifest", inputs / "b.txt", "-q")
    assert res.returncode == 2
    assert b"is an input file" in res.stderr and b"Traceback" not in res.stderr
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("target", ["input", "outside"])
def test_a_manifest_that_is_a_symbolic_link_is_never_written_through(inputs: Path, tmp_path: Path,
                                                                      target: str) -> None:
    """Guarantee (13.1): a `manifest.jsonl` in OUTDIR that is a symbolic link (to an input or to any file outside
    OUTDIR) is refused, and the file it points to keeps its bytes."""
    out = tmp_path / "out"
    out.mkdir()
    victim = inputs / "a.txt" if target == "input" else tmp_path / "elsewhere.txt"
    if target == "outside":
        victim.write_text("别人的文件，不能被改写。\n", encoding="utf-8")
    (out / "manifest.jsonl").symlink_to(victim)
    before = snapshot(tmp_path)
    res = cli("clean", inputs, "-o", out, "-q")
    assert res.returncode == 2 and b"symbolic link" in res.stderr
    assert snapshot(tmp_path) == before


def test_an_input_that_is_the_manifest_is_never_replaced(tmp_path: Path) -> None:
    """Guarantee (13.1): `cleantext clean m/manifest.jsonl -o m` refuses to run (exit 2): the input named like the
    manifest is not overwritten."""
    m = tmp_path / "m"
    m.mkdir()
    (m / "manifest.jsonl").write_bytes(doc(3))
    before = snapshot(tmp_path)
    res = cli("clean", m / "manifest.jsonl", "-o", m, "-q")
    assert res.returncode == 2 and b"Traceback" not in res.stderr
    assert snapshot(tmp_path) == before


def test_the_manifest_is_replaced_atomically_not_written_through_a_hard_link(inputs: Path, tmp_path: Path) -> None:
    """Guarantee (13.1): the manifest is written under its own name and put in place whole: a hard link that stood
    there keeps its old bytes elsewhere."""
    out = tmp_path / "out"
    out.mkdir()
    keep = tmp_path / "keep.jsonl"
    keep.write_text('{"old": true}\n', encoding="utf-8")
    os.link(keep, out / "manifest.jsonl")
    res = cli("clean", inputs, "-o", out, "-q")
    assert res.returncode == 0, res.stderr
    assert keep.read_text(encoding="utf-8") == '{"old": true}\n'
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["path"] for r in records] == ["a.txt", "b.txt"]


# --- 2. symbolic link loops ------------------------------------------------------------------------------------


def test_a_symbolic_link_loop_is_one_failed_record_and_the_batch_goes_on(inputs: Path, tmp_path: Path) -> None:
    """Guarantee (13.2): two file links pointing at each other give one `failed` record each ("a symbolic link
    loop"); every other file is cleaned; exit 1."""
    (inputs / "x.txt").symlink_to("y.txt")
    (inputs / "y.txt").symlink_to("x.txt")
    out = tmp_path / "out"
    res = cli("clean", inputs, "-o", out, "-q")
    assert res.returncode == 1 and b"Traceback" not in res.stderr
    records = {r["path"]: r for r in map(json.loads, (out / "manifest.jsonl").read_text("utf-8").splitlines())}
    assert {p: r["status"] for p, r in records.items()} == {"a.txt": "ok", "b.txt": "ok", "x.txt": "failed",
                                                            "y.txt": "failed"}
    assert "symbolic link loop" in records["x.txt"]["error"]
    assert (out / "a.txt").read_text(encoding="utf-8").startswith("第1号通知")


# --- 3. JSONL records ------------------------------------------------------------------------------------------


def test_every_bad_jsonl_record_is_one_error_and_every_good_one_comes_out_as_utf8(tmp_path: Path) -> None:
    """Guarantee (13.3): lone surrogates in another field, 100 000 nested brackets and a bare CR between tokens
    neither stop the stream nor shift line numbers; with -o the output is written, valid UTF-8 JSON Lines, every
    good record in order."""
    good = [json.dumps({"id": i, "text": f"{WATERMARK}\n第{i}号\n正文，第{i}段。"}, ensure_ascii=False)
            for i in range(4)]
    lines = [
        good[0],
        '{"id": 10, "text": "正文。", "note": "\\ud800"}',  # a lone high surrogate in another field
        "[" * 100_000,  # nested too deeply for any parser
        '{"id": 11, "text": "正文。", "note": "\\udc80"}',  # a lone low surrogate, once written as a raw 0x80
        '{"id": 12,\r "text": "正文。"}',  # a bare CR is JSON whitespace, not a line break
        good[1],
        "{not json",
        good[2],
    ]
    src = tmp_path / "in.jsonl"
    src.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    out = tmp_path / "out.jsonl"
    res = cli("clean", "--jsonl", src, "-o", out, "--on-bad-record", "skip")
    err = res.stderr.decode("utf-8")
    assert res.returncode == 1 and "Traceback" not in err
    bad = [line for line in err.splitlines() if "bad record" in line]
    assert [re.search(r"\.jsonl:(\d+): ", line).group(1) for line in bad] == ["3", "7"], err  # by line number
    text = out.read_bytes().decode("utf-8")  # strict: valid UTF-8
    records = [json.loads(line) for line in text.splitlines()]
    assert [r["id"] for r in records] == [0, 10, 11, 12, 1, 2]
    assert records[1]["note"] == "\ud800" and records[2]["note"] == "\udc80"  # kept, as \u escapes
    assert all(WATERMARK not in r["text"] for r in records)


# --- 4. concurrent runs ----------------------------------------------------------------------------------------


def test_a_second_run_into_a_locked_outdir_says_so_and_writes_nothing(inputs: Path, tmp_path: Path) -> None:
    """Guarantee (13.4): while another run holds OUTDIR's lock, `cleantext clean` exits 1 at once with one line
    saying another run is writing there, and writes nothing."""
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        res = cli("clean", inputs, "-o", out, "-q")
    finally:
        os.close(fd)
    assert res.returncode == 1
    assert "another cleantext run is writing into" in one_clear_line(res)
    assert list(out.iterdir()) == []


def test_two_concurrent_runs_never_tear_the_manifest(tmp_path: Path) -> None:
    """Guarantee (13.4): two runs started together into one OUTDIR: one finishes, the other either waits its turn
    or is refused with the lock message; the manifest is whole (one record per input, every line JSON)."""
    src = tmp_path / "in"
    src.mkdir()
    for n in range(150):
        (src / f"d{n:03d}.txt").write_bytes(doc(n, 30))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "cleantext", "clean", str(src), "-o", str(out), "-q", "-j", "1"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [(p.wait(timeout=120), p.stderr.read().decode("utf-8")) for p in procs]  # type: ignore[union-attr]
    assert any(rc == 0 for rc, _ in results), results
    for rc, err in results:
        assert rc == 0 or "another cleantext run is writing into" in err, err
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["path"] for r in records) == sorted(f"d{n:03d}.txt" for n in range(150))


# --- 5. time budget per document, exponential shapes -----------------------------------------------------------


SLOW = r"下载(?:[a-z]|[a-z0-9])+完"  # the rule: about 0.15 s per line of 下载 + 17 letters


def _slow_rule() -> Pattern:
    """The issue's slow rule, built directly (``patterns check`` would now refuse it)."""
    return Pattern(id="promo.slow-download", category="promo", scope="line", keywords=("下载",), source=SLOW,
                   compiled=regex.compile(SLOW, regex.V0))


SLOW_DOC = "标题\n" + "\n".join(f"下载{'a' * 17}x第{n}行" for n in range(120))


def test_all_rules_of_a_document_share_one_time_budget() -> None:
    """Guarantee (13.5): under `document_budget(1.0)` a rule that takes 0.15 s on each of 120 lines (18 s in all,
    never over the 1 s per-call timeout) stops after about 1 s with `RuleTimeoutError`."""
    cleaner = Cleaner(CleanerConfig(extra=(_slow_rule(),)))
    started = time.monotonic()
    with document_budget(1.0), pytest.raises(RuleTimeoutError) as err:
        cleaner.clean(SLOW_DOC)
    elapsed = time.monotonic() - started
    # The rule named is whichever ran when the budget ran out (the slow one, or one after it on the same line).
    assert err.value.line is not None and err.value.line < 60
    assert elapsed < 4.0, f"{elapsed:.1f}s"


def test_the_cleaner_applies_its_rule_budget_to_each_document() -> None:
    """Guarantee (13.5): `CleanerConfig(rule_budget=…)` bounds every document's rules, with no `with` needed."""
    cleaner = Cleaner(CleanerConfig(extra=(_slow_rule(),), rule_budget=1.0))  # type: ignore[call-arg]
    started = time.monotonic()
    with pytest.raises(RuleTimeoutError) as err:
        cleaner.clean(SLOW_DOC)
    assert time.monotonic() - started < 4.0
    assert err.value.document and "budget for all rules" in str(err.value)  # kept when the cleaner adds the line


def _pattern_file(tmp_path: Path, rx: str, match: list[str], keywords: list[str]) -> Path:
    f = tmp_path / "user.toml"
    f.write_text("[[pattern]]\n" + "\n".join([
        'id = "promo.user-rule"', 'category = "promo"', 'scope = "line"',
        f"keywords = {json.dumps(keywords, ensure_ascii=False)}", f"regex = {json.dumps(rx, ensure_ascii=False)}",
        f"match = {json.dumps(match, ensure_ascii=False)}", 'keep = ["第一章 开端"]']) + "\n", encoding="utf-8")
    return f


@pytest.mark.parametrize("rx,match,keywords", [
    (r"(a+)+完", ["aaa完", "a完"], ["完"]),  # nested quantifiers
    (r"(\d+\s?)+号", ["12 34号", "5号"], ["号"]),
    (r"(x+x+)+y", ["xxy", "xxxxy"], ["y"]),  # overlapping quantifiers in one body
    (r"(?:.*?，){11}完", ["，" * 11 + "完", "a，" * 11 + "完"], ["完"]),  # a lazy dot repeated before a literal
    (r"(a|aa)+完", ["aa完", "a完"], ["完"]),  # overlapping alternatives
    (r"QQ(?:[0-9]|[0-9０-９])+", ["QQ12345", "QQ１２３"], ["QQ"]),
    (SLOW, ["下载abc完", "下载a1完"], ["下载"]),  # the documented style
    (r"(?:下载ab|下载ac)+完", ["下载ab完", "下载ac完"], ["下载"]),  # a common prefix under +
], ids=["a-plus-plus", "digits-space", "x-plus-x-plus", "lazy-dot-11", "a-or-aa", "qq-digit-classes",
        "slow-download", "common-prefix"])
def test_patterns_check_refuses_exponential_shapes(tmp_path: Path, rx: str, match: list[str],
                                                   keywords: list[str]) -> None:
    """Guarantee (13.5): a regex with nested or overlapping quantifiers, or alternatives with a common prefix under a
    repeat, is refused as "catastrophic backtracking" even when it runs fast on the check's own inputs."""
    f = _pattern_file(tmp_path, rx, match, keywords)
    with pytest.raises(PatternError) as err:
        Cleaner(CleanerConfig(patterns=(str(f),)))
    assert "catastrophic backtracking" in str(err.value)


def test_separated_repeats_are_not_mistaken_for_exponential_ones(tmp_path: Path) -> None:
    """A repeat pinned by a required separator (the bundled style ``(?:\\s*(?:写留言|精选留言))*``) stays allowed."""
    f = _pattern_file(tmp_path, r"(?:\s*(?:写留言|精选留言))+", ["写留言", "写留言 精选留言"], ["留言"])
    assert Cleaner(CleanerConfig(patterns=(str(f),), bundled=False)).patterns


def test_patterns_check_names_the_slow_rule_on_the_command_line(tmp_path: Path) -> None:
    """The documented style of the issue is refused by `cleantext patterns check`, exit 1."""
    f = _pattern_file(tmp_path, SLOW, ["下载abc完", "下载a1完"], ["下载"])
    res = cli("patterns", "check", f)
    assert res.returncode == 1 and b"catastrophic backtracking" in res.stdout


# --- 6. rules that take prose ----------------------------------------------------------------------------------


def test_patterns_check_refuses_a_rule_that_takes_prose(tmp_path: Path) -> None:
    """Guarantee (13.6): `.*[。，].*` passes its own examples but removes running prose: `patterns check` refuses it
    ("takes body text"), exit 1."""
    f = _pattern_file(tmp_path, r".*[。，].*", ["星河文库，欢迎下载。", "更多资料，请访问。"], ["。", "，"])
    res = cli("patterns", "check", f)
    assert res.returncode == 1
    assert b"takes body text: it would remove running prose" in res.stdout
    assert b"it would remove a hard negative" in res.stdout


def test_no_bundled_rule_takes_our_prose_or_the_hard_negatives() -> None:
    """Guarantee (13.6): the bundled rules leave every line of our running prose and of the hard negatives alone."""
    taken = {p.id: prose_problems(p) for p in load_patterns(builtin_pattern_files())}
    assert {pid: why for pid, why in taken.items() if why} == {}


# --- 7. memory -------------------------------------------------------------------------------------------------


PEAK_RSS = """
import resource, subprocess, sys
res = subprocess.run(sys.argv[1:], capture_output=True)
sys.stderr.buffer.write(res.stderr)
print(res.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _peak(cmd: list[str]) -> tuple[int, int, str]:
    """(exit code, peak RSS in MB, stderr) of a command run alone under a fresh parent."""
    res = subprocess.run([sys.executable, "-c", PEAK_RSS, *cmd], capture_output=True, text=True, timeout=120)
    rc, kb = map(int, res.stdout.split())
    return rc, kb // 1024, res.stderr


def test_a_file_over_max_bytes_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """Guarantee (13.7): a 2 GB (sparse) input, over the default 1 GiB `max_bytes`, is a `failed` record ("over the
    limit") at once, with a peak RSS of the whole command under 150 MB."""
    src = tmp_path / "in"
    src.mkdir()
    with open(src / "huge.txt", "wb") as f:
        f.truncate(2_000_000_000)
    (src / "small.txt").write_bytes(doc(1))
    rc, peak, err = _peak([sys.executable, "-m", "cleantext", "clean", str(src), "-o", str(tmp_path / "out"), "-q"])
    assert rc == 1 and "over the limit" in err and "Traceback" not in err
    assert peak < 150, f"peak RSS {peak} MB"
    assert (tmp_path / "out" / "small.txt").is_file()


class _Timed(Cleaner):
    """A Cleaner that notes when each document starts and ends (in a file per document) and takes 0.3 s."""

    log: str = ""

    def clean(self, data: bytes | str):  # type: ignore[override]
        start = time.monotonic()
        time.sleep(0.3)
        result = super().clean(data)
        name = hashlib.sha256(bytes(data) if not isinstance(data, str) else data.encode()).hexdigest()[:12]
        Path(self.log, name).write_text(f"{len(data)} {start} {time.monotonic()}", encoding="utf-8")
        return result


def test_workers_share_one_memory_budget(tmp_path: Path) -> None:
    """Guarantee (13.7): with -j 3, documents larger than a third of the memory budget are never cleaned at the same
    time, while small ones still run side by side."""
    src, log = tmp_path / "in", tmp_path / "log"
    src.mkdir()
    log.mkdir()
    for n in range(3):
        (src / f"big{n}.txt").write_bytes(doc(n, 1200))  # about 60 kB each
    for n in range(6):
        (src / f"small{n}.txt").write_bytes(doc(10 + n))
    cleaner = _Timed()
    cleaner.log = str(log)
    summary = clean_folder([src], tmp_path / "out", cleaner, workers=3, memory_budget=100_000)
    assert summary.counts["ok"] == 9
    spans = [tuple(map(float, f.read_text().split())) for f in log.iterdir()]
    big = sorted((a, b) for size, a, b in spans if size > 50_000)
    small = sorted((a, b) for size, a, b in spans if size < 1000)
    assert len(big) == 3 and len(small) == 6
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(big)), big  # one big document at a time
    assert any(a2 < b1 for (_, b1), (a2, _) in itertools.pairwise(small)), small  # small ones overlap


# --- 8. every command-line path ends in one clear line ---------------------------------------------------------


@pytest.mark.parametrize("args", [("clean", "-"), ("clean", "--jsonl", "-"), ("explain", "-")],
                         ids=["clean", "jsonl", "explain"])
def test_a_closed_stdin_is_one_clear_line(args: tuple[str, ...]) -> None:
    """Guarantee (13.8): with stdin closed (`<&-`) every command that reads it exits 1 with one line, no
    traceback."""
    res = subprocess.run([sys.executable, "-m", "cleantext", *args], stdin=None, capture_output=True, timeout=60,
                         preexec_fn=lambda: os.close(0))
    assert res.returncode == 1
    assert "standard input is closed" in one_clear_line(res)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("clean", "-"), ("clean", "--jsonl", "-")], ids=["clean", "jsonl"])
def test_a_full_disk_on_stdout_is_one_clear_line(args: tuple[str, ...]) -> None:
    """Guarantee (13.8): writing to a full device (`> /dev/full`) exits 1 with one line naming the error."""
    data = json.dumps({"text": "正文，第一段。"}).encode() + b"\n" if "--jsonl" in args else doc(1)
    with open("/dev/full", "wb") as full:
        res = cli(*args, stdin=data, stdout=full.fileno())
    assert res.returncode == 1
    assert "No space left on device" in one_clear_line(res)


# --- 9. idempotence --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["a\u200d\u0301", "\x85\xadÂ¸Â", "正文e\u200b\u0301，第二句。"],
                         ids=["zwj-combining", "mojibake-twice", "zero-width-combining"])
def test_cleaning_twice_changes_nothing(text: str) -> None:
    """Guarantee (13.9): the clean text is NFC and a second clean leaves it as it is (no `assume` in the property
    test either)."""
    once = clean(text).text
    assert unicodedata.is_normalized("NFC", once)
    assert clean(once).text == once
    assert normalize_text(once).text == once


# --- 10. bidi and format controls ------------------------------------------------------------------------------

DISCLAIMER = "仅供学习交流使用"


@pytest.mark.parametrize("dirty", [DISCLAIMER + "\u200f", "\u202e" + DISCLAIMER, "仅供\u2066学习\u2069交流使用",
                                   "仅供学习\u200e交流\u061c使用"],
                         ids=["rlm-after", "rlo-before", "isolates", "lrm-alm"])
def test_format_controls_do_not_hide_boilerplate(dirty: str) -> None:
    """Guarantee (13.10): bidi marks, overrides and isolates inside a disclaimer do not stop its rule; the body
    line stays exactly as it was."""
    body = "正文第一段：他们沿着河岸一路向北走去（见图一）。"
    result = clean(f"{dirty}\n标题\n{body}")
    assert result.text == f"标题\n{body}"
    assert [r.line for r in result.removed] == [1]  # the disclaimer line, and only it


def test_normalization_names_the_controls_it_removed() -> None:
    """Guarantee (13.10): what normalization cut is named, with counts (`Normalized.notes`)."""
    notes = normalize_text("\u202e仅供学习\u2066交流\u2069使用\u202c").notes
    assert notes and "U+202E RIGHT-TO-LEFT OVERRIDE ×1" in notes[0] and "4 invisible format control" in notes[0]


def test_the_audit_says_which_controls_were_cut() -> None:
    """Guarantee (13.10): the result's warnings name the invisible controls that were removed."""
    result = clean("\u202e" + DISCLAIMER + "\n标题\n正文。")
    assert any("RIGHT-TO-LEFT OVERRIDE" in w for w in result.metadata.warnings)
