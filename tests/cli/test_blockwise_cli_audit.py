"""``cleantext clean DIR -o OUTDIR`` on a huge file cleans it block by block and writes the audit file and manifest
the whole clean writes, byte for byte, although the block-wise worker spools the removals to disk and never holds
the audit line (``cleantext.run.auditspool``). Through the console script, with the block sizes lowered by the
``sitecustomize`` hook of ``test_blockwise_cli.py``; documents of invented prose (``tests/unit/test_blockwise.py``)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from .test_blockwise_cli import document, run


def _batch(tmp_path: Path, src: Path, out: Path, threshold: int) -> tuple[bytes, bytes, list[str]]:
    """(audit file, manifest, block-wise log) of one batch run into ``out``, emptied first."""
    shutil.rmtree(out, ignore_errors=True)
    proc, log = run(tmp_path, str(src), "-o", str(out), "-q", threshold=threshold)
    assert proc.returncode == 0, proc.stderr
    return (out / "audit.jsonl").read_bytes(), (out / "manifest.jsonl").read_bytes(), log


@pytest.mark.parametrize(("seed", "name", "options"), [
    (21, b"novel.txt", {}),
    (22, b"novel.txt", {"traditional": True}),
    (23, b"\xffnovel.txt", {}),  # a file name that is not UTF-8: the whole audit line falls back to \\u escapes
])
def test_a_block_wise_batch_writes_the_audit_and_manifest_of_the_whole_clean(tmp_path: Path, seed: int,
                                                                              name: bytes, options: dict) -> None:
    src = tmp_path / "in"
    src.mkdir()
    path = os.path.join(os.fsencode(src), name)
    with open(path, "wb") as f:
        f.write(document(seed, 2500, **options).encode("utf-8"))
    big = os.stat(path).st_size
    out = tmp_path / "out"
    whole_audit, whole_manifest, log = _batch(tmp_path, src, out, threshold=big + 1)
    assert log == []  # the whole path
    left = set(os.listdir(tempfile.gettempdir()))
    audit, manifest, log = _batch(tmp_path, src, out, threshold=0)
    assert len(log) == 1 and log[0].endswith(" blocks") and int(log[0].split()[0]) >= 5  # the block-wise path
    assert audit == whole_audit
    assert manifest == whole_manifest
    assert not {n for n in set(os.listdir(tempfile.gettempdir())) - left if n.startswith("cleantext-audit-")}
    # The test means something: many removals in every block, an excerpt reaching the end, counts in the manifest.
    record = json.loads(audit)
    assert len(record["result"]["removed"]) > 50 and record["excerpt"][-1][0] > 2000
    assert json.loads(manifest)["removed"] == len(record["result"]["removed"])
    assert audit.isascii() == (name != b"novel.txt")


def test_a_block_wise_batch_without_removals_or_audit(tmp_path: Path) -> None:
    """No removal: the record has neither excerpt nor removals; ``--no-audit``: no audit file, the same manifest."""
    src = tmp_path / "in"
    src.mkdir()
    body = [f"第{n}夜，老周沿着河岸慢慢走了很久，想起了十年前的那个冬天。" for n in range(3000)]
    (src / "plain.txt").write_text("\n".join(["长河夜行", "", *body]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    whole_audit, whole_manifest, _ = _batch(tmp_path, src, out, threshold=1 << 30)
    audit, manifest, log = _batch(tmp_path, src, out, threshold=0)
    assert log and log[0].endswith(" blocks")
    assert (audit, manifest) == (whole_audit, whole_manifest)
    record = json.loads(audit)
    assert record["result"]["removed"] == [] and record["excerpt"] is None
    shutil.rmtree(out)
    proc, log = run(tmp_path, str(src), "-o", str(out), "-q", "--no-audit", threshold=0)
    assert proc.returncode == 0 and log and not (out / "audit.jsonl").exists()
    assert (out / "manifest.jsonl").read_bytes() == whole_manifest
