"""The small error tree of cleantext.

Every error says what was wrong and where, and carries the same facts as fields so that a batch can record them.
"Nothing found" is never an error: an empty document gives an empty result.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["CleantextError", "DecodingError", "InputTooLargeError", "NotTextError", "PatternError", "RecordError",
           "RuleTimeoutError", "error_record"]


class CleantextError(Exception):
    """Base class of every error cleantext raises on purpose."""

    def fields(self) -> dict[str, Any]:
        """The facts this error carries beyond its message, as JSON-ready values (see :func:`error_record`)."""
        return {}


class DecodingError(CleantextError):
    """No candidate encoding decodes the bytes well enough.

    ``best_guess`` names the encoding that came closest (or ``None``), ``bad_bytes`` how many bytes it could not
    decode.
    """

    def __init__(self, message: str, *, best_guess: str | None = None, bad_bytes: int = 0) -> None:
        super().__init__(message)
        self.best_guess = best_guess
        self.bad_bytes = bad_bytes

    def fields(self) -> dict[str, Any]:
        return {"best_guess": self.best_guess, "bad_bytes": self.bad_bytes}


class NotTextError(DecodingError):
    """The input is binary data (an image, an archive, a PDF…), not a text document."""

    def __init__(self, message: str, *, kind: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind

    def fields(self) -> dict[str, Any]:
        return {"kind": self.kind}


class PatternError(CleantextError):
    """A pattern file is unusable. ``problems`` lists every problem found, each as (path, pattern id, reason)."""

    def __init__(self, problems: list[tuple[str, str | None, str]]) -> None:
        self.problems = list(problems)
        first = self.problems[0] if self.problems else ("?", None, "unknown problem")
        self.path, self.pattern_id, self.reason = first
        lines = [f"{p}: pattern {pid!r}: {why}" if pid else f"{p}: {why}" for p, pid, why in self.problems]
        more = f" ({len(lines)} problems)" if len(lines) > 1 else ""
        super().__init__("unusable pattern file" + more + ":\n  " + "\n  ".join(lines))

    def fields(self) -> dict[str, Any]:
        return {"file": self.path, "rule_id": self.pattern_id, "reason": self.reason,
                "problems": [{"file": p, "rule_id": pid, "reason": why} for p, pid, why in self.problems]}


class RuleTimeoutError(CleantextError):
    """A rule ran longer than its time budget on one document (a pathological input or regex): one call over
    ``patterns.RUN_TIMEOUT``, or (``document=True``) all rules together over the document's budget."""

    def __init__(self, rule: str, seconds: float, line: int | None = None, *, document: bool = False) -> None:
        where = f" on line {line}" if line is not None else ""
        what = f"ran out of the document's {seconds:g}s budget for all rules" if document else \
            f"exceeded its {seconds:g}s timeout"
        super().__init__(
            f"rule {rule!r} {what}{where}; the document was left uncleaned. "
            "Disable the rule (--disable) or report the input."
        )
        self.rule = rule
        self.seconds = seconds
        self.line = line
        self.document = document

    def __reduce__(self) -> tuple[object, ...]:  # keep the fields across a worker process
        return _rebuild_timeout, (self.rule, self.seconds, self.line, self.document)

    def fields(self) -> dict[str, Any]:
        return {"rule_id": self.rule, "seconds": self.seconds, "line": self.line, "document": self.document}

    def at_line(self, line: int) -> RuleTimeoutError:
        """The same timeout, told where it happened (1-based line of the normalized text)."""
        return RuleTimeoutError(self.rule, self.seconds, line, document=self.document)


def _rebuild_timeout(rule: str, seconds: float, line: int | None, document: bool) -> RuleTimeoutError:
    return RuleTimeoutError(rule, seconds, line, document=document)


class InputTooLargeError(CleantextError):
    """The input is larger than ``CleanerConfig.max_bytes`` (checked before it is read where it can be).

    ``size`` is its size in bytes when known (at least that much: reading stopped past the limit), ``limit`` the
    limit it is over."""

    def __init__(self, message: str, *, size: int | None = None, limit: int | None = None) -> None:
        super().__init__(message)
        self.size = size
        self.limit = limit

    def __reduce__(self) -> tuple[object, ...]:  # keep the fields across a worker process
        return _rebuild_too_large, (str(self), self.size, self.limit)

    def fields(self) -> dict[str, Any]:
        return {"size": self.size, "limit": self.limit}


def _rebuild_too_large(message: str, size: int | None, limit: int | None) -> InputTooLargeError:
    return InputTooLargeError(message, size=size, limit=limit)


class RecordError(CleantextError):
    """A JSONL record that is JSON but not one to clean: ``reason`` says why (``not-object``, ``missing-field``,
    ``not-string``), ``field`` names the field to clean, ``found`` the Python type of what was there instead."""

    def __init__(self, message: str, *, reason: str = "", field: str | None = None, found: str | None = None) -> None:
        super().__init__(message)
        self.reason, self.field, self.found = reason, field, found

    def __reduce__(self) -> tuple[object, ...]:  # keep the fields across a worker process
        return _rebuild_record, (str(self), self.reason, self.field, self.found)

    def fields(self) -> dict[str, Any]:
        return {"reason": self.reason, "field": self.field, "found": self.found}


def _rebuild_record(message: str, reason: str, field: str | None, found: str | None) -> RecordError:
    return RecordError(message, reason=reason, field=field, found=found)


def error_record(err: BaseException) -> dict[str, Any]:
    """An exception as data, for a manifest or audit record: ``type`` (its class name), ``message`` and the fields
    it carries (``rule_id``, ``line``, ``file``… of a :class:`CleantextError`; ``errno`` and ``file`` of an
    ``OSError``; ``column`` and ``position`` of a ``json.JSONDecodeError``; ``encoding``, ``start``, ``end`` and
    ``reason`` of a ``UnicodeDecodeError`` or ``UnicodeEncodeError``). What reads the record can tell one failure
    from another without parsing the message.

    >>> error_record(RuleTimeoutError("ad.slow", 1.0, 7))["line"]
    7
    """
    record: dict[str, Any] = {"type": type(err).__name__}
    if isinstance(err, OSError) and err.strerror:
        record["message"] = err.strerror
        record["errno"] = err.errno
        if err.filename is not None:
            record["file"] = str(err.filename)
        return record
    record["message"] = str(err)
    if isinstance(err, CleantextError):
        record.update(err.fields())
    elif isinstance(err, json.JSONDecodeError):  # where in the record the JSON broke (1-based column)
        record.update(column=err.colno, position=err.pos)
    elif isinstance(err, (UnicodeDecodeError, UnicodeEncodeError)):  # which bytes (characters) do not fit
        record.update(encoding=err.encoding, start=err.start, end=err.end, reason=err.reason)
    return record
