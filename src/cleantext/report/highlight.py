"""Split a document's lines into kept and removed segments, for the report's file views and the playground."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# Evidence that proposes on structure, repetition or a collection profile rather than a specific rule: the report
# lists what it took apart, since that is where a false positive hides.
WEAK_PREFIXES: tuple[str, ...] = ("structure.", "repeat.", "profile.")


def is_weak(rule: str) -> bool:
    """Was this removal decided on weak evidence (structure, repetition, profile)?"""
    return rule.startswith(WEAK_PREFIXES)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of one line's characters: kept (``rule`` None) or removed by ``rule``."""

    text: str
    rule: str | None = None
    category: str | None = None
    why: str = ""


@dataclass(frozen=True, slots=True)
class ViewLine:
    """One line of the normalized text: its number (1-based), its segments, and whether it went whole."""

    number: int
    segments: tuple[Segment, ...]
    whole: bool

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.number, "whole": self.whole,
                "segs": [[s.text, s.rule, s.category, s.why] for s in self.segments]}


def line_segments(line: str, removals: Iterable[Mapping[str, Any]]) -> tuple[tuple[Segment, ...], bool]:
    """``line`` cut at the spans of its removals (sorted, overlaps ignored); whole when one span covers it all."""
    spans = sorted(((int(r["start"]), int(r["end"]), r) for r in removals), key=lambda s: (s[0], -s[1]))
    out: list[Segment] = []
    pos = 0
    whole = False
    for start, end, r in spans:
        start, end = max(start, pos), min(end, len(line))
        if end <= start:
            continue
        if start > pos:
            out.append(Segment(line[pos:start]))
        out.append(Segment(line[start:end], str(r["rule"]), str(r.get("category", "")), str(r.get("why") or "")))
        pos = end
        if start == 0 and end >= len(line.rstrip()) and line.strip():
            whole = True
    if pos < len(line):
        out.append(Segment(line[pos:]))
    if not line and any(True for _ in spans):
        whole = True
    return tuple(out), whole


def view_lines(normalized: str, removed: Iterable[Mapping[str, Any]]) -> list[ViewLine]:
    """Every line of ``normalized`` with its removals marked. Removals whose text does not fit the line (an audit
    from another version) are shown as removed whole lines rather than dropped silently."""
    by_line: dict[int, list[Mapping[str, Any]]] = {}
    for r in removed:
        by_line.setdefault(int(r["line"]), []).append(r)
    lines = normalized.split("\n") if normalized else []
    out: list[ViewLine] = []
    for i, line in enumerate(lines, start=1):
        segs, whole = line_segments(line, by_line.get(i, ()))
        out.append(ViewLine(i, segs, whole))
    for n in sorted(k for k in by_line if k > len(lines)):
        for r in by_line[n]:
            out.append(ViewLine(n, (Segment(str(r.get("text", "")), str(r["rule"]), str(r.get("category", ""))),),
                                True))
    return out
