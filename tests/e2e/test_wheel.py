"""The wheel carries the patterns: built with ``python -m build``, installed into a fresh venv, it cleans a document
from another directory (no source checkout in sight)."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_installed_in_a_fresh_venv_cleans_with_bundled_patterns(tmp_path: Path) -> None:
    pytest.importorskip("build")
    pytest.importorskip("hatchling")
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(dist.glob("cleantext_zh-*.whl"))
    with zipfile.ZipFile(wheel) as zf:  # the typing marker and the JSON Schemas ship with the package
        names = set(zf.namelist())
    shipped = {"cleantext/py.typed", "cleantext/schema/result.schema.json", "cleantext/schema/manifest.schema.json"}
    assert shipped <= names
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)
    # Dependencies come from this environment's site-packages through PYTHONPATH (no .pth files are read there,
    # so the editable source install of cleantext stays invisible): only the wheel provides cleantext.
    deps = sysconfig.get_paths()["purelib"]
    doc = tmp_path / "elsewhere" / "doc.txt"
    doc.parent.mkdir()
    doc.write_bytes("仅供学习 禁止外传 用后删除\n年度总结\n今年完成了全部任务。\n".encode("gb18030"))
    script = ("import json, sys, cleantext, cleantext.evidence.patterns as p\n"
              "r = cleantext.clean(open(sys.argv[1], 'rb').read())\n"
              "print(json.dumps({'text': r.text, 'file': cleantext.__file__, 'patterns': str(p.builtin_pattern_dir()),"
              " 'n': len(p.builtin_pattern_files())}))")
    out = subprocess.run([str(py), "-c", script, str(doc)], cwd=doc.parent, check=True, capture_output=True,
                         text=True, env={"PYTHONPATH": deps, "PATH": "/usr/bin:/bin"}).stdout
    got = json.loads(out)
    assert got["text"] == "年度总结\n今年完成了全部任务。"
    assert str(env_dir) in got["file"] and str(env_dir) in got["patterns"]
    assert got["n"] >= 20
