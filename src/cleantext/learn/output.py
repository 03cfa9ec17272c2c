"""What ``cleantext learn`` writes: the pattern file (ordinary TOML, as ``patterns check`` and ``--patterns`` read
it) and the Markdown report a person reviews before applying it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cleantext.learn import LearnResult

REPORT_EXAMPLES = 3
REPORT_SAMPLE_DOCS = 10


def toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, except DEL, which TOML wants escaped too)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_regex(source: str) -> str:
    """A regex as a TOML literal string (no escaping to read through), or a basic string when it cannot be."""
    if "'''" not in source and "\n" not in source and not source.endswith("'"):
        return "'''" + source + "'''"
    return toml_string(source)


def _array(items: Sequence[str]) -> str:
    return "[" + ", ".join(toml_string(s) for s in items) + "]"


def pattern_toml(pid: str, category: str, scope: str, keywords: Sequence[str], source: str,
                 match: Sequence[str], keep: Sequence[str], description: str = "") -> str:
    """One ``[[pattern]]`` table."""
    lines = ["[[pattern]]"]
    if description:
        lines.append(f"description = {toml_string(description)}")
    lines += [f'id = "{pid}"', f'category = "{category}"', f'scope = "{scope}"', f"keywords = {_array(keywords)}",
              f"regex = {toml_regex(source)}", f"match = {_array(match)}", f"keep = {_array(keep)}"]
    return "\n".join(lines) + "\n"


def to_toml(result: LearnResult) -> str:
    """The whole learned pattern file."""
    head = [
        "# Learned by `cleantext learn`: review every pattern (see the report) before you apply it with",
        "# `cleantext clean --patterns THIS_FILE`. Delete a [[pattern]] table to drop a proposal.",
        "[meta]",
        f"title = {toml_string('learned boilerplate')}",
        f"description = {toml_string(_summary(result))}",
        "",
    ]
    body = []
    for p in result.proposals:
        pat = p.pattern
        body.append(pattern_toml(pat.id, pat.category, pat.scope, pat.keywords, pat.source, pat.match, pat.keep,
                                 f"{p.rule} ({p.reason}); confidence {p.confidence}; in {p.docs} documents; "
                                 f"shape {p.shape}"))
    return "\n".join(head) + "\n".join(body)


def _summary(result: LearnResult) -> str:
    return (f"{len(result.proposals)} patterns learned from {result.documents} documents "
            f"({result.lines} non-blank lines); a shape had to occur in at least {result.min_docs} documents")


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f} %" if b else "-"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_report(result: LearnResult, removals: Sequence[tuple[int, list[tuple[str, str]]]] = ()) -> str:
    """The review report: proposals by confidence with their figures and examples, what they would remove on a
    sample of documents (``removals``: document index → (rule, line)), and the frequent shapes left out and why."""
    out = ["# Learned boilerplate: review before applying", "", _summary(result) + ".", "",
           f"Documents that could not be read: {result.errors}. Counting table: {result.table_size} shapes "
           f"(counts may be short by at most {result.floor}).", "",
           "| # | id | category | scope | documents | head | tail | middle | confidence | rule |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for i, p in enumerate(result.proposals, 1):
        n = p.occurrences
        out.append(f"| {i} | `{p.pattern.id}` | {p.pattern.category} | {p.pattern.scope} | {p.docs} | "
                   f"{_pct(p.head, n)} | {_pct(p.tail, n)} | {_pct(p.middle, n)} | {p.confidence} | {p.rule} |")
    for i, p in enumerate(result.proposals, 1):
        out += ["", f"## {i}. `{p.pattern.id}`", "", f"- shape: `{_cell(p.shape)}`",
                f"- why: {p.rule} — {p.reason}", f"- regex: `{_cell(p.pattern.source)}`", "- examples:"]
        out += [f"  - {_cell(m)}" for m in p.pattern.match[:REPORT_EXAMPLES]]
        out += [f"- kept: {_cell(k)}" for k in p.pattern.keep]
    out += ["", "## What the learned patterns remove on a sample of documents", ""]
    if not removals:
        out.append("(nothing removed on the sample)")
    for doc, removed in removals[:REPORT_SAMPLE_DOCS]:
        out.append(f"- sample document {doc + 1}:")
        out += [f"  - `{rule}`: {_cell(line)}" for rule, line in removed]
    if result.dropped:
        out += ["", "## Frequent shapes not proposed", "", "| shape | documents | why not |", "|---|---|---|"]
        out += [f"| {_cell(shape)} | {docs} | {_cell(why)} |" for shape, docs, why in result.dropped]
    return "\n".join(out) + "\n"
