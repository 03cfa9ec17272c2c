"""JSONL streams: one field of each record cleaned, the audit added beside it, bad records reported and passed
through or left out. Records go in bounded batches over a :class:`~cleantext.run.pool.WorkerPool`."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Any

from cleantext.cleaner import Cleaner
from cleantext.errors import CleantextError
from cleantext.run.pool import WorkerPool


class RecordWorker:
    """Cleans the ``field`` of one JSONL record: returns (output line, None), or (None, why the record is bad)."""

    def __init__(self, cleaner: Cleaner, field: str = "text", meta_key: str = "cleantext") -> None:
        self.cleaner, self.field, self.meta_key = cleaner, field, meta_key

    def __call__(self, line: str) -> tuple[str | None, str | None]:
        if _UNDECODED.search(line):
            return None, "not valid UTF-8"
        try:
            record = json.loads(line)
        except ValueError as err:
            return None, f"invalid JSON: {err}"
        if not isinstance(record, dict):
            return None, f"not a JSON object but {type(record).__name__}"
        if self.field not in record:
            return None, f"missing field {self.field!r}"
        value = record[self.field]
        if not isinstance(value, str):
            return None, f"field {self.field!r} is {type(value).__name__}, not a string"
        try:
            result = self.cleaner.clean(value)
        except CleantextError as err:
            return None, str(err).splitlines()[0]
        except Exception as err:  # a bug must not stop the stream; the report names it
            return None, f"unexpected {type(err).__name__}: {err}"
        audit = result.to_dict()
        record[self.field] = audit.pop("text")
        record[self.meta_key] = audit
        return json.dumps(record, ensure_ascii=False) + "\n", None


# Input is read with errors="surrogateescape": bytes that are not UTF-8 become these code points (and pass through).
_UNDECODED = re.compile("[\udc80-\udcff]")


@dataclass(slots=True)
class StreamStats:
    """What a JSONL stream did: records seen, cleaned, bad (each reported), and wall time."""

    records: int = 0
    cleaned: int = 0
    bad: int = 0
    elapsed: float = 0.0


def clean_jsonl(lines: Iterable[str], write: Callable[[str], Any], cleaner: Cleaner | None = None, *,
                field: str = "text", meta_key: str = "cleantext", on_bad: str = "pass", workers: int = 1,
                report: Callable[[int, str], None] | None = None) -> StreamStats:
    """Stream JSONL records from ``lines`` to ``write``: the field is replaced by its clean text and the audit
    (``metadata``, ``removed``) is added under ``meta_key``. A bad record is reported to ``report(line_no, why)``
    and then written unchanged (``on_bad="pass"``) or left out (``"skip"``). Blank lines are not records. Records
    are read in bounded batches, so memory stays flat however long the stream."""
    if on_bad not in ("pass", "skip"):
        raise ValueError(f"on_bad must be pass or skip, not {on_bad!r}")
    started = time.monotonic()
    stats = StreamStats()
    numbered = ((n, line) for n, line in enumerate(lines, 1) if line.strip())
    with WorkerPool(RecordWorker(cleaner or Cleaner(), field, meta_key), workers) as pool:
        while batch := list(islice(numbered, 256 * max(1, workers))):
            for (n, line), (out, why) in zip(batch, pool.map([line for _, line in batch]), strict=True):
                stats.records += 1
                if why is None:
                    stats.cleaned += 1
                    write(out)
                    continue
                stats.bad += 1
                if report:
                    report(n, why)
                if on_bad == "pass":
                    write(line if line.endswith("\n") else line + "\n")
    stats.elapsed = time.monotonic() - started
    return stats
