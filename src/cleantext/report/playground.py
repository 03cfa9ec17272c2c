"""What the playground computes: a document cleaned with rules switched off or edited, and an edited TOML checked.

Kept apart from the HTTP server (:mod:`cleantext.report.serve`) so that it is tested without a socket.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Sequence
from typing import Any

from cleantext.cleaner import Cleaner
from cleantext.errors import CleantextError
from cleantext.evidence.patterns import Pattern, _build, apply_inline, parse_toml
from cleantext.evidence.rules import PatternSet
from cleantext.report.highlight import view_lines

# A pasted or opened document larger than this is refused (the playground is for looking, `clean` is for bulk).
MAX_DOCUMENT_BYTES = 1_000_000
MAX_TOML_BYTES = 300_000
EDITED_PATH = "<edited>"


class PlaygroundInputError(ValueError):
    """A request the playground refuses, with a message for the page."""


def _off(rule: str, disable: Sequence[str]) -> bool:
    return any(rule == d or (d.endswith(".") and rule.startswith(d)) for d in disable)


def _example_results(p: Pattern) -> list[dict[str, Any]]:
    """Each example of a pattern and whether this pattern does what it promises on it."""
    out: list[dict[str, Any]] = []
    try:
        for text in p.match:
            hit = bool(p.spans(text) if p.scope == "inline" else p.matches_line(text))
            out.append({"kind": "match", "text": text, "ok": hit})
        for text, clean in p.examples:
            got = apply_inline(p, text) if p.scope == "inline" else ("" if p.matches_line(text) else text)
            out.append({"kind": "example", "text": text, "ok": got == clean, "got": got, "want": clean})
        for text in p.keep:
            hit = bool(p.spans(text) if p.scope == "inline" else p.matches_line(text))
            out.append({"kind": "keep", "text": text, "ok": not hit})
    except CleantextError as err:
        out.append({"kind": "error", "text": str(err), "ok": False})
    return out


def _compiled_entries(toml: str) -> list[Pattern]:
    """Every entry of a pattern file whose regex compiles, sound or not, so that the page can show each example's
    result even for a rule that fails its checks (``parse_toml`` keeps only the sound ones)."""
    try:
        entries = tomllib.loads(toml).get("pattern", [])
    except tomllib.TOMLDecodeError:
        return []
    if not isinstance(entries, list):
        return []
    built = (_build(entry, EDITED_PATH, i)[0] for i, entry in enumerate(entries))
    return [p for p in built if p is not None]


class Playground:
    """A base cleaner (built once: loading and checking the bundled rules takes seconds) and cheap variants of it."""

    def __init__(self, cleaner: Cleaner) -> None:
        self.base = cleaner

    def rules(self) -> list[dict[str, str]]:
        return [{"id": p.id, "category": p.category, "path": p.path} for p in self.base.patterns]

    def check(self, toml: str) -> dict[str, Any]:
        """Parse an edited pattern file; every problem (a bad regex, a failing example) and each example's result."""
        if len(toml.encode("utf-8", "surrogatepass")) > MAX_TOML_BYTES:
            raise PlaygroundInputError(f"the pattern file is over {MAX_TOML_BYTES} bytes")
        _, problems = parse_toml(toml, EDITED_PATH)
        return {"ok": not problems,
                "problems": [{"id": pid, "reason": why} for _, pid, why in problems],
                "patterns": [{"id": p.id, "category": p.category, "scope": p.scope, "examples": _example_results(p)}
                             for p in _compiled_entries(toml)]}

    def _variant(self, disable: Sequence[str], edited: Sequence[Pattern]) -> Cleaner:
        """The base cleaner without the switched-off rules, the edited patterns replacing those of the same id."""
        replaced = {p.id for p in edited}
        keep = [p for p in self.base.patterns if p.id not in replaced] + list(edited)
        keep = [p for p in keep if not _off(p.id, disable) and not _off(p.category + ".", disable)]
        config = dataclasses.replace(self.base.config, disable=tuple(disable))
        return Cleaner._restore(config, PatternSet([p for p in keep if not p.shadow]),
                                tuple(p for p in keep if p.shadow), self.base.profile)

    def clean(self, text: str, disable: Sequence[str] = (), toml: str | None = None) -> dict[str, Any]:
        """The document cleaned: its lines with removals marked, the clean text, and which rules fired.

        Pattern rules that are switched off are not run. Other evidence (structure, repetition, zones, profile)
        is not a pattern: switching it off puts back what it took after the decision, and the page says so."""
        if len(text.encode("utf-8", "surrogatepass")) > MAX_DOCUMENT_BYTES:
            raise PlaygroundInputError(f"the document is over {MAX_DOCUMENT_BYTES // 1000} kB: the playground is for "
                                       "one document at a time; clean large files with `cleantext clean`")
        disable = [str(d) for d in disable]
        edited: list[Pattern] = []
        problems: list[dict[str, Any]] = []
        if toml:
            checked = self.check(toml)
            problems = checked["problems"]
            edited, _ = parse_toml(toml, EDITED_PATH)
            bad = {p["id"] for p in problems}
            edited = [p for p in edited if p.id not in bad]
        result = self._variant(disable, edited).clean(text)
        removed = [r.to_dict() for r in result.removed]
        fired = sorted({(r["rule"], r["category"]) for r in removed})
        put_back = [r for r in removed if _off(r["rule"], disable) or _off(r["category"] + ".", disable)]
        shown = [r for r in removed if r not in put_back]
        return {"lines": [v.to_dict() for v in view_lines(result.normalized, shown)],
                "text": result.text, "title": result.metadata.title, "encoding": result.metadata.encoding,
                "fired": [{"id": rid, "category": cat} for rid, cat in fired],
                "put_back": len(put_back), "problems": problems}
