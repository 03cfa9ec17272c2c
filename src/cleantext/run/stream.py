"""JSONL streams: one field of each record cleaned, the audit added beside it, bad records reported and passed
through or left out. Records go in bounded batches over a :class:`~cleantext.run.pool.WorkerPool`."""

from __future__ import annotations

import codecs
import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import IO, Any

from cleantext.cleaner import Cleaner
from cleantext.errors import CleantextError, InputTooLargeError, RecordError, error_record
from cleantext.run.pool import WorkerPool

# Where an unexpected exception's traceback goes: the report names the bad record, the debug log the bug behind it.
log = logging.getLogger(__name__)


class BadRecord(str):
    """Why one record is bad, both ways: the string is the words a report always gave (``missing field 'text'``),
    ``detail`` the error as data, as :func:`~cleantext.errors.error_record` gives it (``type``, ``message``, and the
    fields the error carries: ``rule_id`` and ``line`` of a timeout, ``size`` and ``limit`` of a record too large,
    ``column`` of invalid JSON…), plus ``record_line`` (the record's 1-based line in the stream) and ``source``
    (the stream's name) once :func:`clean_jsonl` knows them. A report callback that only wants the words reads
    a ``str``, as before."""

    detail: dict[str, Any]

    def __new__(cls, message: str, detail: dict[str, Any]) -> BadRecord:
        why = super().__new__(cls, message)
        why.detail = detail
        return why

    def __reduce__(self) -> tuple[Any, ...]:  # from a worker process, with its detail
        return BadRecord, (str(self), self.detail)

    def at(self, record_line: int, source: str | None = None) -> BadRecord:
        """The same report, told where the record is."""
        where: dict[str, Any] = {"record_line": record_line}
        if source is not None:
            where["source"] = source
        return BadRecord(str(self), self.detail | where)

    def to_dict(self) -> dict[str, Any]:
        """The bad record as one JSON-ready record: ``error`` (the words) and ``error_detail`` (the data), as a
        manifest keeps a failed file's; :func:`json_line` of it is one line of a bad-records JSONL file."""
        return {"error": str(self), "error_detail": dict(self.detail)}


def _bad(message: str, err: BaseException) -> BadRecord:
    return BadRecord(message, error_record(err))


class RecordWorker:
    """Cleans the ``field`` of one JSONL record: returns (output line, None), or (None, why the record is bad)."""

    def __init__(self, cleaner: Cleaner, field: str = "text", meta_key: str = "cleantext",
                 with_normalized: bool = False) -> None:
        self.cleaner, self.field, self.meta_key = cleaner, field, meta_key
        self.with_normalized = with_normalized

    def __call__(self, line: str) -> tuple[str | None, BadRecord | None]:
        try:
            return self._clean(line)
        except Exception as err:  # whatever one record does, the stream goes on and the report names it
            log.debug("unexpected error on a record", exc_info=True)
            return None, _bad(f"unexpected {type(err).__name__}: {str(err)[:200]}", err)

    def _clean(self, line: str) -> tuple[str | None, BadRecord | None]:
        if isinstance(line, OversizeLine):
            limit = self.cleaner.config.max_bytes
            return None, _bad(f"the record is {line.size / 1e6:.0f} MB, over the limit (CleanerConfig.max_bytes)",
                              InputTooLargeError(f"the record is {line.size} bytes, over the limit of {limit}",
                                                 size=line.size, limit=limit))
        if _UNDECODED.search(line):
            return None, _bad("not valid UTF-8", _decode_error(line))
        try:
            record = json.loads(line)
        except ValueError as err:
            return None, _bad(f"invalid JSON: {err}", err)
        except RecursionError as err:
            return None, _bad("invalid JSON: nested too deeply", err)
        if not isinstance(record, dict):
            why = f"not a JSON object but {type(record).__name__}"
            return None, _bad(why, RecordError(why, reason="not-object", found=type(record).__name__))
        if self.field not in record:
            why = f"missing field {self.field!r}"
            return None, _bad(why, RecordError(why, reason="missing-field", field=self.field))
        value = record[self.field]
        if not isinstance(value, str):
            why = f"field {self.field!r} is {type(value).__name__}, not a string"
            return None, _bad(why, RecordError(why, reason="not-string", field=self.field,
                                               found=type(value).__name__))
        try:
            result = self.cleaner.clean(value)
        except CleantextError as err:
            return None, _bad(str(err).splitlines()[0], err)
        except Exception as err:  # a bug must not stop the stream; the report names it
            log.debug("unexpected error cleaning a record", exc_info=True)
            return None, _bad(f"unexpected {type(err).__name__}: {err}", err)
        audit: dict[str, Any] = dict(result.to_dict(include_normalized=self.with_normalized))
        record[self.field] = audit.pop("text")
        record[self.meta_key] = audit
        return json_line(record), None


def _decode_error(line: str) -> UnicodeError:
    """The error strict UTF-8 gives on the bytes of a line read with ``surrogateescape`` (where they break); a
    line given as a ``str`` with other lone surrogates fails already to encode."""
    try:
        line.encode("utf-8", "surrogateescape").decode("utf-8")
    except UnicodeError as err:
        return err
    return UnicodeError("not valid UTF-8")  # pragma: no cover - only called on a line that holds such bytes


def json_line(record: Any) -> str:
    """One JSON Lines record that is always valid UTF-8: characters as they are, except that a record holding a
    lone surrogate (``"\\ud800"`` in the input, or a field the cleaner passed through) is written ``\\u``-escaped."""
    line = json.dumps(record, ensure_ascii=False)
    if not line.isascii() and _SURROGATE.search(line):
        line = json.dumps(record)
    return line + "\n"


_SURROGATE = re.compile("[\ud800-\udfff]")


class OversizeLine(str):
    """Stands for a line longer than the limit, which was skipped without being held in memory."""

    size: int

    def __new__(cls, size: int) -> OversizeLine:
        line = super().__new__(cls, "<oversize record>")
        line.size = size
        return line

    def __reduce__(self) -> tuple[Any, ...]:
        return OversizeLine, (self.size,)


def read_lines(raw: IO[bytes], limit: int) -> Iterator[str]:
    """The lines of a binary JSONL stream, split at ``\\n`` only (a bare ``\\r`` is JSON whitespace inside a record,
    not a line end), decoded with ``surrogateescape`` so that bytes that are not UTF-8 survive a pass-through. A
    line over ``limit`` bytes is skipped in bounded reads and comes out as an :class:`OversizeLine`."""
    first = True
    while chunk := raw.readline(limit + 2):
        if first and chunk.startswith(codecs.BOM_UTF8):
            chunk = chunk[len(codecs.BOM_UTF8):]
        first = False
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            size = len(chunk)
            while chunk and not chunk.endswith(b"\n"):
                chunk = raw.readline(1 << 20)
                size += len(chunk)
            yield OversizeLine(size)
            continue
        yield chunk.decode("utf-8", "surrogateescape")


def encode_line(line: str) -> bytes:
    """A line to write: UTF-8, with the undecodable bytes of a passed-through bad record given back as they came."""
    return line.encode("utf-8", "surrogateescape")


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
                report: Callable[[int, str], None] | None = None, with_normalized: bool = False,
                source: str | None = None) -> StreamStats:
    """Stream JSONL records from ``lines`` to ``write``: the field is replaced by its clean text and the audit
    (``schema_version``, ``metadata``, ``removed``, and ``normalized`` when ``with_normalized``) is added under
    ``meta_key``. A bad record is reported to ``report(line_no, why)`` and then written unchanged
    (``on_bad="pass"``) or left out (``"skip"``): ``why`` is a :class:`BadRecord`, the words of the report as a
    ``str`` with the error as data in ``why.detail`` (its ``type``, ``message`` and fields, ``record_line``, and
    ``source`` when the stream is named by ``source``). Blank lines are not records. Records are read in bounded
    batches, so memory stays flat however long the stream."""
    if on_bad not in ("pass", "skip"):
        raise ValueError(f"on_bad must be pass or skip, not {on_bad!r}")
    started = time.monotonic()
    stats = StreamStats()
    numbered = ((n, line) for n, line in enumerate(lines, 1) if line.strip())
    with WorkerPool(RecordWorker(cleaner or Cleaner(), field, meta_key, with_normalized), workers) as pool:
        while batch := list(islice(numbered, 256 * max(1, workers))):
            for (n, line), (out, why) in zip(batch, pool.map([line for _, line in batch]), strict=True):
                stats.records += 1
                if why is None:
                    stats.cleaned += 1
                    write(out)
                    continue
                stats.bad += 1
                if report:
                    report(n, why.at(n, source))
                if on_bad == "pass" and not isinstance(line, OversizeLine):
                    write(line if line.endswith("\n") else line + "\n")
    stats.elapsed = time.monotonic() - started
    return stats


def field_texts(lines: Iterable[str], field: str) -> Iterator[str]:
    """The normalized text of ``field`` of each good record (bad records are left to the cleaning pass, which
    reports them): what a collection profile learns from a JSONL file."""
    from cleantext.evidence.profile import document_text

    for line in lines:
        if isinstance(line, OversizeLine) or not line.strip() or _UNDECODED.search(line):
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(record, dict) and isinstance(value := record.get(field), str):
            if (text := document_text(value)) is not None:
                yield text
