"""Aggregate a batch's records into what the report shows, with every list bounded (see ``Limits``).

Sampling keeps the page small whatever the batch size: per rule the ``frequent`` most frequent distinct lines and
``random`` lines drawn by a seeded reservoir (the same batch gives the same page); a bounded number of files get a
per-file view, rendered in order (the first sample of each rule, the files with the most removed share, the weak
samples, then the other samples) until the views' byte budget is spent; a long document's view shows only its
removed lines with a little context, and a very long line is cut. A sample whose file has no view is
listed without a link.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cleantext.report.auditfile import body_hash
from cleantext.report.highlight import is_weak


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds of a report page; the defaults keep a 50 000-file batch under 5 MB."""

    frequent: int = 8          # most frequent distinct lines per rule
    random: int = 8            # random lines per rule
    weak: int = 150            # lines taken on weak evidence, listed apart
    top_files: int = 40        # files with the highest removed share
    duplicates: int = 40       # groups of identical bodies
    failures: int = 200        # failed files listed (all are counted)
    view_bytes: int = 3_000_000  # bytes of HTML over all file views
    full_view_lines: int = 150   # a longer document is shown as its removed lines with context
    context: int = 2             # kept lines shown around a removed line in a shortened view
    line_chars: int = 400        # a longer line is shown cut, with a note


DEFAULT_LIMITS = Limits()


@dataclass(slots=True)
class Sample:
    """One removed line shown under a rule: the file index, its line number, the text, how often it was met."""

    file: int
    line: int
    text: str
    count: int = 1


@dataclass(slots=True)
class RuleStats:
    """A rule's count of removals and its samples."""

    rule: str
    category: str
    count: int = 0
    chars: int = 0
    frequent: list[Sample] = field(default_factory=list)
    random: list[Sample] = field(default_factory=list)


@dataclass(slots=True)
class FileInfo:
    """What the report keeps of one file."""

    path: str
    status: str
    encoding: str | None
    error: str | None
    chars: int = 0
    removed_chars: int = 0
    removals: int = 0

    @property
    def share(self) -> float:
        return self.removed_chars / self.chars if self.chars else 0.0


@dataclass(slots=True)
class Summary:
    """Everything the page shows."""

    files: list[FileInfo]
    statuses: Counter[str]
    categories: Counter[str]
    rules: list[RuleStats]
    weak: list[Sample]
    weak_rules: dict[int, str]
    top_files: list[int]
    duplicates: list[list[int]]
    encodings: Counter[str]
    failures: list[int]
    failure_reasons: Counter[str]
    views: set[int]               # the files that have a view on the page (chosen when it is rendered)
    lines_removed: int = 0
    chars_in: int = 0
    chars_removed: int = 0
    source: str = ""


def _reason(error: str | None) -> str:
    """An error message without its file-specific tail, so that like failures count together."""
    text = (error or "unknown error").split(":", 1)[0].strip()
    return text[:120] or "unknown error"


class _Reservoir:
    """A fixed-size uniform sample of a stream (Algorithm R), seeded for a reproducible page."""

    def __init__(self, size: int, seed: str) -> None:
        self.size, self.seen, self.items = size, 0, []  # type: ignore[var-annotated]
        self.rng = random.Random(seed)

    def offer(self, item: Any) -> None:
        self.seen += 1
        if len(self.items) < self.size:
            self.items.append(item)
        else:
            j = self.rng.randrange(self.seen)
            if j < self.size:
                self.items[j] = item


def summarize(records: Iterable[Mapping[str, Any]], limits: Limits = DEFAULT_LIMITS, source: str = "") -> Summary:
    """One pass over the records: counts, samples and the lists the page shows."""
    files: list[FileInfo] = []
    statuses: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    encodings: Counter[str] = Counter()
    failure_reasons: Counter[str] = Counter()
    failures: list[int] = []
    rule_cat: dict[str, str] = {}
    rule_count: Counter[str] = Counter()
    rule_chars: Counter[str] = Counter()
    distinct: dict[str, dict[str, list[int]]] = {}  # rule → text → [count, first file, first line]
    reservoirs: dict[str, _Reservoir] = {}
    weak_distinct: dict[str, list[Any]] = {}
    bodies: dict[str, list[int]] = {}
    lines_removed = 0
    for idx, rec in enumerate(records):
        status = str(rec.get("status") or "?")
        info = FileInfo(str(rec.get("path", "?")), status, rec.get("encoding"), rec.get("error"))
        files.append(info)
        statuses[status] += 1
        if info.encoding:
            encodings[str(info.encoding)] += 1
        if status == "failed" or info.error:
            failure_reasons[_reason(info.error)] += 1
            if len(failures) < limits.failures:
                failures.append(idx)
        result = rec.get("result")
        if not result:
            categories.update(rec.get("categories") or {})
            continue
        removed = result.get("removed") or []
        normalized = rec.get("normalized")
        info.removals = len(removed)
        info.removed_chars = sum(len(r.get("text", "")) for r in removed)
        body = rec.get("body")
        if isinstance(body, Mapping):  # the batch's compact record: the body is the output file, not in the audit
            body_chars, digest = int(body.get("chars") or 0), str(body.get("hash") or "")
        else:
            text = str(result.get("text", ""))
            body_chars, digest = len(text), body_hash(text) if text.strip() else ""
        info.chars = int(rec.get("chars") or 0) or (len(normalized) if normalized else body_chars + info.removed_chars)
        if digest and body_chars:
            bodies.setdefault(digest, []).append(idx)
        for r in removed:
            rule, cat, line_text = str(r["rule"]), str(r.get("category", "")), str(r.get("text", ""))
            categories[cat] += 1
            lines_removed += 1
            rule_cat.setdefault(rule, cat)
            rule_count[rule] += 1
            rule_chars[rule] += len(line_text)
            seen = distinct.setdefault(rule, {})
            entry = seen.get(line_text)
            if entry is None:
                seen[line_text] = [1, idx, int(r.get("line", 0))]
            else:
                entry[0] += 1
            res = reservoirs.get(rule)
            if res is None:
                res = reservoirs[rule] = _Reservoir(limits.random, rule)
            res.offer((idx, int(r.get("line", 0)), line_text))
            if is_weak(rule):
                w = weak_distinct.get(line_text)
                if w is None:
                    weak_distinct[line_text] = [1, idx, int(r.get("line", 0)), rule]
                else:
                    w[0] += 1
    rules: list[RuleStats] = []
    for rule, count in sorted(rule_count.items(), key=lambda kv: (-kv[1], kv[0])):
        stats = RuleStats(rule, rule_cat[rule], count, rule_chars[rule])
        top = sorted(distinct[rule].items(), key=lambda kv: (-kv[1][0], kv[1][1]))[: limits.frequent]
        stats.frequent = [Sample(f, ln, t, c) for t, (c, f, ln) in top]
        shown = {(s.file, s.line) for s in stats.frequent}
        stats.random = [Sample(f, ln, t) for f, ln, t in sorted(reservoirs[rule].items) if (f, ln) not in shown]
        rules.append(stats)
    weak_top = sorted(weak_distinct.items(), key=lambda kv: (-kv[1][0], kv[1][1]))[: limits.weak]
    weak = [Sample(f, ln, t, c) for t, (c, f, ln, _) in weak_top]
    weak_rules = {i: v[3] for i, (_, v) in enumerate(weak_top)}
    with_text = [i for i, f in enumerate(files) if f.chars]
    top_files = sorted(with_text, key=lambda i: (-files[i].share, -files[i].removed_chars, i))[: limits.top_files]
    top_files = [i for i in top_files if files[i].removals]
    dups = sorted((g for g in bodies.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))[: limits.duplicates]
    summary = Summary(files=files, statuses=statuses, categories=categories, rules=rules, weak=weak,
                      weak_rules=weak_rules, top_files=top_files, duplicates=dups, encodings=encodings,
                      failures=failures, failure_reasons=failure_reasons, views=set(), lines_removed=lines_removed,
                      chars_in=sum(f.chars for f in files), chars_removed=sum(f.removed_chars for f in files),
                      source=source)
    return summary


def view_order(summary: Summary) -> list[int]:
    """The files that may get a view, in priority order, each once (the page renders them until its budget is
    spent)."""
    order: list[int] = [r.frequent[0].file for r in summary.rules if r.frequent]
    order += summary.top_files
    order += [s.file for s in summary.weak]
    order += [s.file for r in summary.rules for s in r.frequent[1:] + r.random]
    return list(dict.fromkeys(order))
