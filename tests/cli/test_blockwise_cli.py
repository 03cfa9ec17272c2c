"""``cleantext clean FILE`` to stdout cleans a huge text file block by block (``cleantext.blockwise``) and prints
the bytes the whole clean prints. Run through the installed console script, with the block sizes lowered by a
``sitecustomize`` module on ``PYTHONPATH`` (it also records each block-wise clean, so the test knows the path was
taken); the documents are the invented novels of ``tests/unit/test_blockwise.py``."""

from __future__ import annotations

import importlib.util
import os
import subprocess
from pathlib import Path

import pytest

from cleantext.cleaner import Cleaner

from .documents import console_script


def _generator():  # the tests folders are not packages: the unit test's generator is loaded from its file
    spec = importlib.util.spec_from_file_location("_blockwise_docs", Path(__file__).parents[1] / "unit" /
                                                  "test_blockwise.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.document


document = _generator()

# Small blocks, and a line per block-wise clean in $BLOCKWISE_LOG: how many blocks, or "declined".
SITECUSTOMIZE = """
import os
from cleantext import blockwise
blockwise.BLOCKWISE_MIN_BYTES = int(os.environ["BLOCKWISE_MIN_BYTES"])
blockwise.BLOCK_LINES, blockwise.MARGIN_LINES, blockwise.READ_BYTES = 400, 60, 8192
_real = blockwise.clean_file

def _logged(*args):
    res = _real(*args)
    with open(os.environ["BLOCKWISE_LOG"], "a") as f:
        f.write(("declined" if res is None else f"{res.blocks} blocks") + "\\n")
    return res

blockwise.clean_file = _logged
"""


def run(tmp_path: Path, *args: str, threshold: int = 0, stdout: int | None = subprocess.PIPE
        ) -> tuple[subprocess.CompletedProcess[bytes], list[str]]:
    """The console script with ``args``; (the process, the lines the block-wise path logged)."""
    hook = tmp_path / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "blockwise.log"
    log.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(hook), "BLOCKWISE_MIN_BYTES": str(threshold), "BLOCKWISE_LOG": str(log)}
    proc = subprocess.run([console_script(), "clean", *args], env=env, stdout=stdout, stderr=subprocess.PIPE,
                          timeout=300)
    return proc, log.read_text().splitlines() if log.exists() else []


@pytest.mark.parametrize(("seed", "options"), [(1, {}), (2, {"crlf": True}), (3, {"traditional": True})])
def test_a_file_over_the_threshold_prints_the_bytes_of_the_whole_clean(tmp_path: Path, seed: int,
                                                                        options: dict) -> None:
    src = tmp_path / "novel.txt"
    src.write_text(document(seed, 2500, **options), encoding="utf-8", newline="")
    whole = Cleaner().clean(src.read_bytes())
    proc, log = run(tmp_path, str(src))
    assert proc.returncode == 0, proc.stderr
    assert len(log) == 1 and log[0].endswith(" blocks") and int(log[0].split()[0]) >= 5  # the block-wise path
    assert proc.stdout == (whole.text + "\n").encode("utf-8")
    assert proc.stderr == b""
    assert len(whole.removed) > 50  # the test means something: much was removed, in every block


def test_under_the_threshold_json_diff_and_verbose_stay_on_the_whole_path(tmp_path: Path) -> None:
    src = tmp_path / "novel.txt"
    src.write_text(document(4, 1500), encoding="utf-8")
    whole = Cleaner().clean(src.read_bytes())
    proc, log = run(tmp_path, str(src), threshold=src.stat().st_size + 1)
    assert (proc.returncode, log) == (0, []) and proc.stdout == (whole.text + "\n").encode("utf-8")
    for extra in (["--format", "json"], ["--diff"], ["-v"]):
        proc, log = run(tmp_path, str(src), *extra)
        assert (proc.returncode, log) == (0, []), (extra, proc.stderr)
        assert proc.stdout


def test_a_declined_file_is_cleaned_whole_with_the_same_bytes(tmp_path: Path) -> None:
    src = tmp_path / "novel.txt"
    src.write_bytes(b"\xef\xbb\xbf" + document(5, 2500).encode("utf-8"))  # a BOM: block-wise declines
    proc, log = run(tmp_path, str(src))
    assert log == ["declined"]
    assert proc.returncode == 0 and proc.stdout == (Cleaner().clean(src.read_bytes()).text + "\n").encode("utf-8")


def test_a_file_that_is_no_text_is_still_one_line_and_exit_1(tmp_path: Path) -> None:
    src = tmp_path / "photo.txt"
    src.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 400)  # NUL bytes: declined, then refused whole
    proc, log = run(tmp_path, str(src))
    assert proc.returncode == 1 and log == ["declined"] and proc.stdout == b""
    err = proc.stderr.decode()
    assert err.startswith(f"cleantext: failed: {src}: this is not a text document") and err.count("\n") == 1


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_on_stdout_is_one_clear_line(tmp_path: Path) -> None:
    src = tmp_path / "novel.txt"
    src.write_text(document(7, 2500), encoding="utf-8")
    with open("/dev/full", "wb") as full:
        proc, log = run(tmp_path, str(src), stdout=full.fileno())
    assert len(log) == 1 and log[0].endswith(" blocks")
    assert proc.returncode == 1 and proc.stderr.count(b"\n") == 1 and b"No space left on device" in proc.stderr
