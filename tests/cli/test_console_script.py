"""The installed `cleantext` console script, run as a user would, on a tree of awkward inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .documents import PLAIN, SPORTS_CLEAN, console_script, lookalike_text, make_tree


def test_console_script_cleans_a_tree(tmp_path):
    src = make_tree(tmp_path)
    proc = subprocess.run([console_script(), "clean", "in", "-o", "out", "-j", "2"], cwd=tmp_path, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 1, proc.stderr  # photo.txt is a PNG
    out = tmp_path / "out"
    assert (out / "school" / "2025" / "sports.txt").read_text(encoding="utf-8") == SPORTS_CLEAN
    health = (out / "school" / "health.txt").read_text(encoding="utf-8")
    assert health.startswith("南河镇卫生院2023年度公共卫生服务工作总结\n") and "3141 5926" not in health
    assert "3141 5926" in lookalike_text()
    assert (out / "village" / "library.TXT").read_text(encoding="utf-8") == PLAIN
    assert (out / "village" / "empty.txt").read_bytes() == b""
    outputs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert outputs == ["audit.jsonl", "manifest.jsonl", "school/2025/sports.txt", "school/health.txt",
                       "village/empty.txt", "village/library.TXT"]

    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    status = {r["path"]: (r["status"], r["encoding"]) for r in manifest}
    assert status == {
        "school/2025/sports.txt": ("ok", "gb18030"), "school/health.txt": ("ok", "utf-16"),
        "village/library.TXT": ("ok", "utf-8"), "village/empty.txt": ("empty", "utf-8"),
        "village/photo.txt": ("failed", None)}
    for r in manifest:
        assert set(r) >= {"path", "output", "status", "encoding", "title", "lines_in", "lines_out", "removed", "error"}

    assert proc.stdout == ""
    err = proc.stderr.splitlines()
    assert err[0] == f"cleantext: failed: {Path('in', 'village', 'photo.txt')}: this is not a text document: " \
                     "it looks like a PNG image (4 NUL bytes without a UTF-16 pattern)."
    assert err[1].startswith("cleaned 4 file(s) (1 empty), failed 1, skipped 0 · ") and err[1].endswith(" s")
    assert err[2].startswith("left alone 2 file(s) ") and err[2].endswith("; --glob '*.md' takes them")
    assert err[3].startswith("removals ") and "watermark" in err[3]
    assert src.exists() and (src / "village" / "notes.md").exists()


def test_python_dash_m_runs_the_same_command_line():
    proc = subprocess.run([sys.executable, "-m", "cleantext", "--version"], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("cleantext-zh ")
