"""`cleantext learn … -o -` through the console script: the TOML goes to stdout (no file named `-`), the summary to
stderr, and what was printed is a pattern file that cleans the collection."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleantext import Cleaner
from cleantext.evidence.patterns import load_file

from .collection import make_collection

DOCS = make_collection(40, seed=5)


def _script() -> str:
    beside = Path(sys.executable).parent / "cleantext"
    found = str(beside) if beside.exists() else shutil.which("cleantext")
    if not found:
        pytest.skip("the cleantext console script is not installed (pip install -e .)")
    return found


def _collection(root: Path) -> Path:
    folder = root / "in"
    folder.mkdir()
    for i, d in enumerate(DOCS):
        (folder / f"{i:03d}.txt").write_text(d.text, encoding="utf-8")
    return folder


def test_learn_dash_o_writes_the_toml_to_stdout(tmp_path: Path) -> None:
    _collection(tmp_path)
    proc = subprocess.run([_script(), "learn", "in", "-o", "-", "--no-bundled"], cwd=tmp_path, capture_output=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert not (tmp_path / "-").exists()
    stderr = proc.stderr.decode("utf-8")
    assert "40 documents read" in stderr and "→ <stdout>" in stderr
    to_file = subprocess.run([_script(), "learn", "in", "-o", "file.toml", "--no-bundled", "-q"], cwd=tmp_path,
                             capture_output=True, timeout=300)
    assert to_file.returncode == 0 and to_file.stdout == b""
    assert proc.stdout == (tmp_path / "file.toml").read_bytes()  # the same TOML as -o FILE writes
    saved = tmp_path / "learned.toml"
    saved.write_bytes(proc.stdout)
    assert load_file(saved)
    cleaned = Cleaner(bundled=False, patterns=(str(saved),)).clean(DOCS[0].text).text
    assert [line for line in cleaned.splitlines() if line] == DOCS[0].body


def test_learn_refuses_two_outputs_on_stdout(tmp_path: Path) -> None:
    _collection(tmp_path)
    proc = subprocess.run([_script(), "learn", "in", "-o", "-", "--report", "-"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 2 and "name a file for one" in proc.stderr
    assert proc.stdout == "" and not (tmp_path / "-").exists()
