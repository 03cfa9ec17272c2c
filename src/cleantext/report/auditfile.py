"""The sidecar audit file ``audit.jsonl`` a batch writes next to its manifest, and how a report reads it back.

One JSON object per line, one line per file::

    {"path": "a/b.txt", "status": "ok", "encoding": "gb18030", "error": null,
     "result": {"text": ..., "metadata": {...},
                "removed": [{"rule", "category", "line", "start", "end", "text", "why"}]},
     "normalized": "the text the removals refer to"}

``result`` and ``normalized`` are null for a failed file. The manifest stays small; this file carries what a
review needs (the removals and the normalized text they point into).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from cleantext.result import CleanResult

AUDIT_NAME = "audit.jsonl"


def audit_record(path: str, result: CleanResult | None, *, status: str = "ok", encoding: str | None = None,
                 error: str | None = None) -> dict[str, Any]:
    """The record of one file, as :func:`build_report` takes it."""
    if result is not None and encoding is None:
        encoding = result.metadata.encoding
    return {"path": path, "status": status, "encoding": encoding, "error": error,
            "result": result.to_dict() if result is not None else None,
            "normalized": result.normalized if result is not None else None}


def write_audit_record(fh: IO[str], path: str, result: CleanResult | None, *, status: str = "ok",
                       encoding: str | None = None, error: str | None = None) -> None:
    """Append one file's record to an open text file (the batch calls this once per file, in order)."""
    fh.write(json.dumps(audit_record(path, result, status=status, encoding=encoding, error=error),
                        ensure_ascii=False) + "\n")


def read_audit(path: str | Path) -> Iterator[dict[str, Any]]:
    """The records of an audit file; a torn last line (a run killed mid-write) is skipped, not an error."""
    with open(path, encoding="utf-8", errors="surrogateescape") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(rec, dict) and "path" in rec:
                yield rec


def _manifest_records(manifest: Path) -> Iterator[dict[str, Any]]:
    with open(manifest, encoding="utf-8", errors="surrogateescape") as fh:
        for line in fh:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(rec, dict):
                yield rec


def records_for_manifest(manifest: str | Path) -> tuple[list[dict[str, Any]], str]:
    """The records a report of this batch is built from, and where they came from.

    The audit file next to the manifest when there is one; otherwise the manifest alone (status, encoding and
    errors per file, no removals: the report then says the audit is missing)."""
    manifest = Path(manifest)
    if not manifest.is_file():
        raise FileNotFoundError(f"no manifest at {manifest}")
    audit = manifest.with_name(AUDIT_NAME)
    if audit.is_file():
        return list(read_audit(audit)), f"{audit}"
    records = [{"path": rec.get("path") or rec.get("input") or "?", "status": rec.get("status", "?"),
                "encoding": rec.get("encoding"), "error": rec.get("error"), "result": None, "normalized": None,
                "categories": rec.get("categories") or {}}
               for rec in _manifest_records(manifest)]
    return records, f"{manifest} (no {AUDIT_NAME} next to it: removals are counted by category only)"
