"""A human-readable account of one cleaning: every line of the normalized text and what happened to it.

Linear in the size of the text and of the audit: the text is split into lines once, however many removals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from cleantext.result import CleanResult, Removal

# click.style's arguments for each kind of row (the CLI decides whether colour is on: --color, NO_COLOR, a tty).
_RED: dict[str, Any] = {"fg": "red"}
_GREEN: dict[str, Any] = {"fg": "green"}
_YELLOW: dict[str, Any] = {"fg": "yellow"}
_DIM: dict[str, Any] = {"dim": True}


def render_explanation(result: CleanResult, color: bool = False) -> str:
    """One row per line: ``-`` removed (rule, category), ``~`` kept with inline cuts, ``+`` kept; then metadata."""
    def paint(style: dict[str, Any], s: str) -> str:
        return click.style(s, **style) if color else s

    # One split of the text for the whole report: the rows and the whole-line test both index these lines, so
    # the work grows with the text plus the removals, not with their product.
    lines = result.normalized.split("\n") if result.normalized else []
    whole: dict[int, Removal] = {}
    cuts: dict[int, list[str]] = {}
    for r in result.removed:
        if r.start == 0 and 0 < r.line <= len(lines) and r.text == lines[r.line - 1]:
            whole[r.line] = r
    for r in result.removed:
        if r.line not in whole:
            why = f" ({r.why})" if r.why else ""
            cuts.setdefault(r.line, []).append(f"{r.rule} [{r.category}] cut {r.text!r}{why}")
    rows = []
    width = len(str(len(lines)))
    for n, line in enumerate(lines, 1):
        if n in whole:
            r = whole[n]
            why = f": {r.why}" if r.why else ""
            rows.append(paint(_RED, f"{n:>{width}} - {line}") + "  " + paint(_DIM, f"← {r.rule} [{r.category}]{why}"))
        elif n in cuts:
            rows.append(paint(_YELLOW, f"{n:>{width}} ~ {line}") + "  " + paint(_DIM, "; ".join(cuts[n])))
        elif line.strip():
            rows.append(paint(_GREEN, f"{n:>{width}} + ") + line)
        else:
            rows.append(f"{n:>{width}}")
    md = result.metadata
    contacts = {k: v for k, v in md.contacts.items() if v}
    rows += ["", f"title:        {md.title}", f"encoding:     {md.encoding} (confidence {md.confidence:.2f})",
             f"contacts:     {contacts or '-'}", f"distributors: {', '.join(md.distributors) or '-'}",
             f"lines:        {md.lines_in} in, {md.lines_out} out, {len(result.removed)} removals"]
    if md.warnings:
        rows.append("warnings:     " + "; ".join(md.warnings))
    return "\n".join(rows)

