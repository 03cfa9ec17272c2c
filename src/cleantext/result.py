"""Frozen result types. Inside they are typed objects; ``to_dict()`` gives plain JSON types at the edge."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NotRequired, TypedDict

CONTACT_KINDS: tuple[str, ...] = ("qq", "qq_group", "wechat", "gongzhonghao", "phone", "email", "url")
# The version of the JSON shapes (result dict, JSONL audit, manifest record) described by the shipped JSON Schema
# (``cleantext schema``): raised when a field is removed or changes meaning, not when one is added.
SCHEMA_VERSION = 1


class RemovalDict(TypedDict):
    """``Removal.to_dict()``."""

    rule: str
    category: str
    line: int
    start: int
    end: int
    text: str
    why: str


class MetadataDict(TypedDict):
    """``Metadata.to_dict()``."""

    title: str | None
    encoding: str
    confidence: float
    contacts: dict[str, list[str]]
    distributors: list[str]
    lines_in: int
    lines_out: int
    warnings: list[str]


class ResultDict(TypedDict):
    """``CleanResult.to_dict()``: ``normalized`` only with ``include_normalized=True``."""

    schema_version: int
    text: str
    metadata: MetadataDict
    removed: list[RemovalDict]
    normalized: NotRequired[str]


@dataclass(frozen=True, slots=True)
class EncodingInfo:
    """How the bytes were decoded: a Python codec name in lower case, a confidence in [0, 1], and warnings
    (bytes replaced, a truncated sequence, mixed encodings) that a reader of the result should know about."""

    encoding: str
    confidence: float
    had_bom: bool = False
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed span. ``line`` is 1-based in the normalized text; ``start``/``end`` are character offsets in
    that line (a whole-line removal spans the whole line). ``rule`` is the id of the evidence that decided (a
    pattern, ``structure.*``, ``repeat.*``, ``profile.*`` or a ``zone.*``); ``why`` says why in a few words when the
    evidence carries a reason beyond its rule (how often a repeated line recurred, and where)."""

    rule: str
    category: str
    line: int
    start: int
    end: int
    text: str
    why: str = ""

    def to_dict(self) -> RemovalDict:
        return {"rule": self.rule, "category": self.category, "line": self.line, "start": self.start,
                "end": self.end, "text": self.text, "why": self.why}


@dataclass(frozen=True, slots=True)
class Metadata:
    """What was learned about the document. ``contacts`` maps each kind of ``CONTACT_KINDS`` to normalized values
    in order of first appearance; they come from removed boilerplate only, never from the body."""

    title: str | None
    encoding: str
    confidence: float
    contacts: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in CONTACT_KINDS})
    distributors: list[str] = field(default_factory=list)
    lines_in: int = 0
    lines_out: int = 0
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> MetadataDict:
        return {
            "title": self.title,
            "encoding": self.encoding,
            "confidence": float(self.confidence),
            "contacts": {k: list(self.contacts.get(k, [])) for k in CONTACT_KINDS},
            "distributors": list(self.distributors),
            "lines_in": self.lines_in,
            "lines_out": self.lines_out,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True, slots=True)
class CleanResult:
    """The clean body (title line included), its metadata and the audit of every removal.

    ``normalized`` is the text the removals refer to: its lines minus the removals give ``text``.
    """

    text: str
    metadata: Metadata
    removed: tuple[Removal, ...]
    normalized: str = field(default="", repr=False, compare=False)

    def to_dict(self, include_normalized: bool = False) -> ResultDict:
        """Plain JSON types: ``{"schema_version", "text", "metadata", "removed"}`` (the shape tools downstream rely
        on, described by ``cleantext schema``). ``include_normalized`` adds ``normalized``, the text that
        ``removed[].line`` refers to, so that ``cleantext.audit.replay(d["normalized"], d["removed"]) == d["text"]``
        from the JSON alone."""
        out: ResultDict = {"schema_version": SCHEMA_VERSION, "text": self.text, "metadata": self.metadata.to_dict(),
                           "removed": [r.to_dict() for r in self.removed]}
        if include_normalized:
            out["normalized"] = self.normalized
        return out

    def explain(self, color: bool = False) -> str:
        """A human-readable report: every line of the normalized text, kept or removed and by which rule."""
        from cleantext.explain import render_explanation

        return render_explanation(self, color=color)
