"""The sidecar audit file ``audit.jsonl`` a batch writes next to its manifest, and how a report reads it back.

One JSON object per line, one line per file, in the manifest's order::

    {"path": "a/b.txt", "status": "ok", "encoding": "gb18030", "error": null,
     "result": {"metadata": {...}, "removed": [{"rule", "category", "line", "start", "end", "text", "why"}]},
     "body": {"chars": 1234, "hash": "…"}, "chars": 1500, "lines": 40,
     "normalized": "the text the removals refer to", "excerpt": null}

Only what a review needs, because a batch of 200 000 files writes one line each and every line crosses a process
boundary: the removals and metadata of ``CleanResult.to_dict()`` but not the clean body (it is the output file;
``body`` keeps its length and a hash, which finds duplicate bodies), and of the normalized text only what a file
view shows. A short document with removals (at most ``FULL_LINES`` lines and ``FULL_CHARS`` characters) keeps its
whole ``normalized`` text; a longer one keeps an ``excerpt``: ``[[line number, text], …]`` of its lines that have a
removal and ``CONTEXT`` lines around each (a context line cut at ``CONTEXT_CHARS``); a document without removals
keeps neither (no sample ever links to it). ``result`` is null for a file that was not cleaned (failed, skipped).
A record written by an older version, with ``result.text`` and a full ``normalized``, reads the same.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from cleantext.result import CleanResult

AUDIT_NAME = "audit.jsonl"
FULL_LINES = 150        # = Limits.full_view_lines: a longer document is viewed as its removed lines with context
FULL_CHARS = 100_000    # a short document with very long lines is kept as an excerpt too
CONTEXT = 2             # = Limits.context: kept lines kept around each removed line
CONTEXT_CHARS = 1_000   # a context line is cut here (the page shows at most Limits.line_chars of a line)


def body_hash(text: str) -> str:
    """The hash by which the report groups identical clean bodies."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def excerpt(normalized: str, removed: Iterable[Mapping[str, Any]], context: int = CONTEXT,
            cut: int = CONTEXT_CHARS) -> list[list[Any]]:
    """``[[number, text], …]``: the lines of ``normalized`` (1-based) that a removal points at, whole, and
    ``context`` lines on each side of them, cut at ``cut`` characters."""
    return list(excerpt_of_lines(normalized.split("\n"), (int(r["line"]) for r in removed), context, cut))


def excerpt_of_lines(lines: Sequence[str], marked: Iterable[int], context: int = CONTEXT,
                     cut: int = CONTEXT_CHARS) -> Iterator[list[Any]]:
    """The pieces of ``excerpt``, one at a time, read from the lines themselves and the line numbers the removals
    point at (a block-wise clean never joins its normalized text, and spools the pieces as they come)."""
    marked = {n for n in marked if 1 <= n <= len(lines)}
    keep = sorted({n for m in marked for n in range(m - context, m + context + 1) if 1 <= n <= len(lines)})
    return ([n, lines[n - 1] if n in marked else lines[n - 1][:cut]] for n in keep)


def audit_record(path: str, result: CleanResult | None, *, status: str = "ok", encoding: str | None = None,
                 error: str | None = None, error_detail: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The record of one file, as the batch writes it and :func:`build_report` takes it (see the module). A file
    that failed may carry its ``error_detail`` (the error as data, as in the manifest)."""
    if result is None:
        record: dict[str, Any] = {"path": path, "status": status, "encoding": encoding, "error": error, "result": None}
        if error_detail is not None:
            record["error_detail"] = dict(error_detail)
        return record
    if encoding is None:
        encoding = result.metadata.encoding
    removed = [r.to_dict() for r in result.removed]
    normalized = result.normalized
    n_lines = normalized.count("\n") + 1 if normalized else 0
    short = n_lines <= FULL_LINES and len(normalized) <= FULL_CHARS
    return {"path": path, "status": status, "encoding": encoding, "error": error,
            "result": {"metadata": result.metadata.to_dict(), "removed": removed},
            "body": {"chars": len(result.text), "hash": body_hash(result.text) if result.text.strip() else None},
            "chars": len(normalized), "lines": n_lines,
            "normalized": normalized if removed and short else None,
            "excerpt": excerpt(normalized, removed) if removed and not short else None}


def audit_line(path: str, result: CleanResult | None, **kwargs: Any) -> bytes:
    """One record as a line of the file (UTF-8 JSON and a newline): what a batch worker sends to its parent."""
    return json_line(audit_record(path, result, **kwargs))


def json_line(record: Mapping[str, Any]) -> bytes:
    """A record as one UTF-8 line; text that is not valid Unicode (a non-UTF-8 file name kept as surrogates) is
    written \\u-escaped rather than failing."""
    line = json.dumps(record, ensure_ascii=False) + "\n"
    try:
        return line.encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record) + "\n").encode("ascii")


def write_audit_record(fh: IO[str], path: str, result: CleanResult | None, *, status: str = "ok",
                       encoding: str | None = None, error: str | None = None) -> None:
    """Append one file's record to an open text file."""
    fh.write(json.dumps(audit_record(path, result, status=status, encoding=encoding, error=error),
                        ensure_ascii=False) + "\n")


def read_audit(path: str | Path) -> Iterator[dict[str, Any]]:
    """The records of an audit file; a torn last line (a run killed mid-write) is skipped, not an error."""
    return (rec for _, rec in _records_at(path))


def _records_at(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(byte offset, record) of each record of an audit file."""
    offset = 0
    with open(path, "rb") as fh:
        for raw in fh:
            at, offset = offset, offset + len(raw)
            rec = _parse(raw)
            if rec is not None:
                yield at, rec


def _parse(raw: bytes) -> dict[str, Any] | None:
    line = raw.decode("utf-8", "surrogateescape").strip()
    if not line:
        return None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError:
        return None
    return rec if isinstance(rec, dict) and "path" in rec else None


def _manifest_records(manifest: Path) -> Iterator[dict[str, Any]]:
    with open(manifest, encoding="utf-8", errors="surrogateescape") as fh:
        for line in fh:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(rec, dict):
                yield rec


def count_record(rec: Mapping[str, Any]) -> dict[str, Any]:
    """The record a report can make of a manifest line alone: status, encoding, error and removals by category."""
    return {"path": rec.get("path") or rec.get("input") or "?", "status": rec.get("status", "?"),
            "encoding": rec.get("encoding"), "error": rec.get("error"), "result": None,
            "categories": rec.get("categories") or {}}


class AuditSource:
    """The records of a batch, read from disk when iterated, so that a 200 000-file audit is never held in memory:
    a report reads them once to summarize, then :meth:`pick` reads back only the few files that may get a view."""

    def __init__(self, manifest: str | Path) -> None:
        self.manifest = Path(manifest)
        if not self.manifest.is_file():
            raise FileNotFoundError(f"no manifest at {self.manifest}")
        self.audit = self.manifest.with_name(AUDIT_NAME)
        self.has_audit = self.audit.is_file()
        self.source = (str(self.audit) if self.has_audit else
                       f"{self.manifest} (no {AUDIT_NAME} next to it: removals are counted by category only)")

        self._offsets: list[int] | None = None

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if not self.has_audit:
            yield from (count_record(rec) for rec in _manifest_records(self.manifest))
            return
        offsets: list[int] = []
        for at, rec in _records_at(self.audit):
            offsets.append(at)
            yield rec
        self._offsets = offsets  # where each record starts, once a pass has read them all

    def pick(self, indices: Iterable[int]) -> dict[int, dict[str, Any]]:
        """The records at these positions (in the order iteration gives them), read by offset after a full pass
        (a second pass otherwise)."""
        wanted = set(indices)
        if self._offsets is None or not self.has_audit:
            return {i: rec for i, rec in enumerate(self) if i in wanted}
        found: dict[int, dict[str, Any]] = {}
        with open(self.audit, "rb") as fh:
            for i in sorted(k for k in wanted if 0 <= k < len(self._offsets)):
                fh.seek(self._offsets[i])
                rec = _parse(fh.readline())
                if rec is not None:
                    found[i] = rec
        return found


def records_for_manifest(manifest: str | Path) -> tuple[list[dict[str, Any]], str]:
    """The records a report of this batch is built from, and where they came from.

    The audit file next to the manifest when there is one; otherwise the manifest alone (status, encoding and
    errors per file, no removals: the report then says the audit is missing). :class:`AuditSource` reads the
    same without holding them in memory."""
    src = AuditSource(manifest)
    return list(src), src.source
