"""The docs' jq example: the CLI's JSONL mode piped through jq gives what cleantext.clean gives."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import NOTE, REPORT, doc_example, expected_row

if shutil.which("jq") is None:
    pytest.skip("jq is not installed", allow_module_level=True)
if importlib.util.find_spec("cleantext.cli.main") is None:
    pytest.skip("the cleantext CLI is not part of this checkout", allow_module_level=True)
BIN = str(Path(sys.executable).parent)
if shutil.which("cleantext", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}") is None:
    pytest.skip("the cleantext command is not installed (pip install -e .)", allow_module_level=True)


def test_jq_example(tmp_path: Path) -> None:
    records = [{"id": 1, "text": REPORT}, {"id": 2, "text": NOTE}, {"id": 3, "text": 31415926}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                       encoding="utf-8")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = subprocess.run(["bash", "-c", doc_example("jq")], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=60)
    out = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["id"] for r in out] == [1, 2]  # the bad record is passed through by the CLI, then dropped by jq
    assert "bad record" in run.stderr
    for row, doc in zip(out, [REPORT, NOTE], strict=True):
        want = expected_row(doc)
        assert row == {"id": row["id"], "text": want["text"], "title": want["title"],
                       "qq": want["contacts"]["qq"], "removed": want["removed"]}
    assert out[0]["qq"] == ["31415926"]
