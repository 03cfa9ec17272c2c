"""Replay an audit: the normalized text minus its recorded removals gives the clean text again.

Like ftfy's ``apply_plan``, this turns the record of what was done back into the result, so that anyone holding
``result.normalized`` and ``result.removed`` (or their JSON, ``to_dict()["removed"]``) can check that nothing was
lost: every character of the input is either in the clean text or in a removal. The property tests hold
``replay(result.normalized, result.removed) == result.text`` for arbitrary input.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cleantext.errors import CleantextError
from cleantext.spans import SpanOverlapError, cut
from cleantext.text.blanks import collapse_blank_lines

__all__ = ["AuditMismatchError", "collapse_blank_lines", "replay"]


class AuditMismatchError(CleantextError, ValueError):
    """A removal does not fit the text it is replayed on (wrong line, span out of range, different text, or two
    removals overlapping): the audit belongs to another text. Also a ``ValueError``, as it always was."""


def _fields(removal: Any) -> tuple[int, int, int, str]:
    """(line, start, end, text) of a ``Removal`` or of its ``to_dict()`` form."""
    if isinstance(removal, Mapping):
        return int(removal["line"]), int(removal["start"]), int(removal["end"]), str(removal["text"])
    return int(removal.line), int(removal.start), int(removal.end), str(removal.text)


def replay(normalized: str, removed: Iterable[Any], max_blank_lines: int = 1) -> str:
    """Apply the removals of an audit to the normalized text it refers to and return the clean text.

    Each removal (a :class:`~cleantext.result.Removal` or its dict) names a 1-based ``line`` of ``normalized`` and
    the character span ``start:end`` that went, with the removed ``text``. On each line the spans are cut and the
    rest is right-stripped; a line left blank by its removals is dropped (a whole-line removal spans the whole
    line). Blank runs and edges are then normalized as the cleaner does. Raises :class:`AuditMismatchError` when a
    removal does not fit ``normalized``.

    >>> from cleantext.result import Removal
    >>> replay("仅供学习\\n标题\\n正文（广告）。", [Removal("a.x", "ad", 1, 0, 4, "仅供学习"),
    ...                                         Removal("b.y", "ad", 3, 2, 6, "（广告）")])
    '标题\\n正文。'
    """
    lines = normalized.split("\n") if normalized else []
    spans: dict[int, list[tuple[int, int]]] = {}
    for removal in removed:
        line, start, end, text = _fields(removal)
        if not 1 <= line <= len(lines):
            raise AuditMismatchError(f"removal on line {line}, but the text has {len(lines)} line(s)")
        source = lines[line - 1]
        if not 0 <= start <= end <= len(source):
            raise AuditMismatchError(f"span {start}:{end} is outside line {line} ({len(source)} characters)")
        if source[start:end] != text:
            raise AuditMismatchError(f"line {line}[{start}:{end}] is {source[start:end]!r}, the audit says {text!r}")
        spans.setdefault(line - 1, []).append((start, end))

    kept: list[str] = []
    for i, source in enumerate(lines):
        cuts = spans.get(i)
        if not cuts:
            kept.append(source)
            continue
        try:
            rest = cut(source, sorted(cuts)).rstrip()
        except SpanOverlapError as err:
            raise AuditMismatchError(f"two removals overlap on line {i + 1} at character {err.position}") from None
        if rest:
            kept.append(rest)
    return collapse_blank_lines("\n".join(kept), max_blank_lines)
