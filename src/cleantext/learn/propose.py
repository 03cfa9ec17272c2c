"""From counted shapes to checked patterns (``cleantext learn``).

Candidates come from :mod:`cleantext.learn.rules`. Accepted shapes that differ only by a short CJK stretch (the same
credit line with another brand name inside) are merged into one shape with a name mask. Each candidate is built into
a pattern (:mod:`cleantext.learn.build`), serialized to TOML and parsed back with
:func:`cleantext.evidence.patterns.parse_toml`, so a proposal exists only if the very text that will be written passes
:func:`cleantext.evidence.patterns.check_pattern`. The most frequent shapes are built first; a later one whose lines an
earlier pattern already removes is dropped as covered, as is a pattern that would remove a shared hard negative.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from cleantext.evidence.patterns import Pattern, expand_macros, load_negatives, parse_toml
from cleantext.learn.build import build_regex, category_of, keep_examples, keyword_for
from cleantext.learn.count import DOCS, HEAD, MIDDLE, OCC, REPEAT, TAIL
from cleantext.learn.output import pattern_toml
from cleantext.learn.rules import attachment, evidence, in_run, is_heading, learnable, slogan_like
from cleantext.learn.shape import MAX_NAME, NAME, digest, display, name_variants, shape_of

if TYPE_CHECKING:
    from cleantext.learn import Learner, LearnResult

AUTO_MIN_DOCS_SHARE = 0.002
MAX_DROPPED = 60
_HAN = regex.compile(r"\p{Han}+")


@dataclass
class Candidate:
    """An accepted shape: its figures, the lines it was seen on, and why it was accepted."""

    key: str
    lines: list[str]
    row: list[int]
    rule: str
    reason: str
    share: float
    hashes: set[int] = field(default_factory=set)


def auto_min_docs(documents: int) -> int:
    """The default ``min_docs``: 3, or 0.2 % of the documents when that is more."""
    return max(3, math.ceil(AUTO_MIN_DOCS_SHARE * documents))


def _candidates(learner: Learner, min_docs: int, dropped: list[tuple[str, int, str]]) -> list[Candidate]:
    """Every shape the rules of :mod:`cleantext.learn.rules` accept."""
    table, share_min = learner.table, learner.config.min_share
    found: dict[int, tuple[str, str]] = {}
    weak: set[int] = set()
    for h, row in table.rows.items():
        key = table.key_of(h)
        if row[DOCS] < min_docs or key is None or (NAME in key and len(table.names.get(h, ())) < 2):
            continue
        edge_share = (row[HEAD] + row[TAIL]) / row[OCC]
        if not learnable(key):
            if edge_share >= share_min:
                unfit = "a heading" if is_heading(key) else "too few letters for a pattern"
                dropped.append((display(key), row[DOCS], unfit))
            continue
        why = evidence(key)
        if edge_share >= share_min:
            if why:
                found[h] = ("edge", why)
            else:
                weak.add(h)
        elif row[REPEAT] >= 0.5 * row[DOCS] and row[OCC] >= 1.5 * row[DOCS] and (why or slogan_like(key)):
            found[h] = ("interleaved", why or "short line")
    sampled = learner.edge_samples()
    need = max(2, math.ceil(0.5 * min_docs * len(sampled) / max(learner.documents, 1)))
    edge = {h for h, (rule, _) in found.items() if rule == "edge"}
    interleaved = set(found) - edge
    # Evident lines anchor runs, accepted unevident lines link them; each decision feeds the other, so settle
    # them together (a few rounds reach a fixed point: a rejected body line stops anchoring titles, and so on).
    anchors = set(found)
    for _ in range(4):
        attached = attachment(sampled, anchors, weak)
        links = {h for h, a in attached.items() if a.share >= share_min and a.attached >= need}
        runs = in_run(sampled, anchors, links)
        settled = {h for h in edge & anchors if runs[h].share >= share_min} | interleaved
        if settled == anchors:
            break
        anchors = settled
    out = []
    for h in sorted(edge | weak | interleaved):
        key, row = table.key_of(h) or "", table.rows[h]
        rule, why = found.get(h, ("attached", ""))
        if h in anchors:
            share = (row[HEAD] + row[TAIL]) / row[OCC] if rule == "edge" else row[REPEAT] / row[DOCS]
            out.append(Candidate(key, table.lines_of(h), row, rule, why, share, {h}))
        elif h in links:
            why = f"inside boilerplate in {attached[h].attached}/{attached[h].seen} sampled sightings"
            out.append(Candidate(key, table.lines_of(h), row, "attached", why, attached[h].share, {h}))
        elif rule == "edge":
            a = runs.get(h) or in_run(sampled, {h}, links)[h]
            dropped.append((display(key), row[DOCS], f"{why}, but in the edge run in only {a.attached}/{a.seen} "
                            "sampled sightings (a body line near the top or bottom?)"))
        else:
            a = attached[h]
            dropped.append((display(key), row[DOCS], f"no evidence, and inside boilerplate in only {a.attached}/"
                            f"{a.seen} sampled sightings (a title, heading or standard sentence?)"))
    return out


def _name_merge(a: str, b: str) -> str | None:
    """The shape both keys share when they differ only by one CJK stretch of 2–8 characters inside them (text on
    both sides), with that stretch masked as a name; None otherwise.

    >>> from cleantext.learn.shape import display
    >>> display(_name_merge("本文档由远山文库提供", "本文档由白鹭书斋提供"))
    '本文档由<NAME>提供'
    >>> display(_name_merge("本文档由远山文库提供", "本文档由远水文库提供"))  # widened to two characters
    '本文档由<NAME>文库提供'
    >>> _name_merge("欢迎转发分享关注我们", "每日更新敬请关注我们") is None
    True
    """
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    # A name differing in one character still is a name: widen the stretch over the CJK characters around it.
    while p > 0 and min(len(a) - s - p, len(b) - s - p) < 2 and _HAN.fullmatch(a[p - 1]):
        p -= 1
    while s > 0 and min(len(a) - s - p, len(b) - s - p) < 2 and _HAN.fullmatch(a[len(a) - s]):
        s -= 1
    mid_a, mid_b = a[p : len(a) - s], b[p : len(b) - s]
    if p == 0 or s == 0:  # a name sits inside a sentence frame; two lines that only end alike are not one shape
        return None
    if not all(_HAN.fullmatch(m) and 2 <= len(m) <= MAX_NAME for m in (mid_a, mid_b)):
        return None
    merged = a[:p] + NAME + a[len(a) - s :]
    return merged if sum(c.isalpha() for c in merged if c != NAME) >= 4 else None


def _merge_names(cands: list[Candidate]) -> list[Candidate]:
    """Generalized candidates for groups of accepted shapes that differ only by a brand name."""
    plain = [c for c in cands if NAME not in c.key]
    merged: dict[str, list[Candidate]] = {}
    for i, a in enumerate(plain):
        for b in plain[i + 1 :]:
            if a.rule == b.rule:
                key = _name_merge(a.key, b.key)
                if key is not None:
                    group = merged.setdefault(key, [])
                    group += [c for c in (a, b) if c not in group]
    out = []
    for key, group in merged.items():
        row = [sum(c.row[i] for c in group) for i in range(len(group[0].row))]
        lines = [c.lines[0] for c in group][:5] + [line for c in group for line in c.lines[1:]]
        share = sum(c.share * c.row[DOCS] for c in group) / row[DOCS]
        reason = f"{group[0].reason}; {len(group)} shapes with different names"
        hashes = set().union(*(c.hashes for c in group))
        out.append(Candidate(key, lines[:5], row, group[0].rule, reason, share, hashes))
    return out


def _plain_body(learner: Learner, candidates: set[int]) -> list[str]:
    """Sampled body lines whose shape is no candidate: where ``keep`` examples come from."""
    out = []
    for line in learner.body_lines():
        shape = shape_of(line)
        hashes = [digest(shape.key)] + [digest(v) for v, _ in name_variants(shape)]
        if not candidates.intersection(hashes):
            out.append(line)
    return out


def _build(c: Candidate, active: list[Pattern], negatives: list[str], body: list[str]) -> tuple[Pattern | None, str]:
    """The checked pattern of one candidate, or None and why not."""
    category = category_of(c.key)
    source = build_regex(c.key, c.lines, distributor=category == "credit")
    compiled = regex.compile(expand_macros(source))
    matched = [line for line in c.lines if compiled.fullmatch(line.strip())]
    if not matched:
        return None, "the regex built from the shape matches none of its lines"
    for p in active:
        if all(p.matches_line(line) for line in matched):
            return None, f"covered by {p.id}"
    keyword = keyword_for(c.key, matched)
    if keyword is None:
        return None, "no literal word common to its lines for the keyword prefilter"
    if len(matched) == 1:
        matched.append("\u3000" + matched[0])  # the same line indented: a second, true, example
    keep = keep_examples(keyword, lambda s: compiled.fullmatch(s.strip()), body)
    row = c.row
    scope = "head" if row[TAIL] == row[MIDDLE] == 0 else "tail" if row[HEAD] == row[MIDDLE] == 0 else "line"
    if c.rule == "interleaved":
        scope = "line"
    pid = f"{category}.learned-{digest(c.key) & 0xFFFFFFFF:08x}"
    patterns, problems = parse_toml(pattern_toml(pid, category, scope, [keyword], source, matched, keep), "learned")
    if problems or not patterns:
        return None, "; ".join(why for _, _, why in problems) or "unusable"
    bad = [n for n in negatives if patterns[0].matches_line(n)]
    if bad:
        return None, f"would remove a shared hard negative: {bad[0]!r}"
    return patterns[0], ""


def propose(learner: Learner) -> LearnResult:
    """Proposals of one learning run (see the module docstring)."""
    from cleantext.learn import LearnResult, Proposal

    min_docs = learner.config.min_docs or auto_min_docs(learner.documents)
    dropped: list[tuple[str, int, str]] = []
    candidates = _candidates(learner, min_docs, dropped)
    body = _plain_body(learner, set().union(*(c.hashes for c in candidates)) if candidates else set())
    candidates += _merge_names(candidates)
    candidates.sort(key=lambda c: (-c.row[DOCS], NAME not in c.key, c.key))
    negatives = load_negatives()
    active: list[Pattern] = []
    proposals: list[Proposal] = []
    for c in candidates:
        pattern, why = _build(c, active, negatives, body)
        if pattern is None:
            dropped.append((display(c.key), c.row[DOCS], why))
            continue
        active.append(pattern)
        docs = c.row[DOCS]
        confidence = round(c.share * docs / (docs + min_docs), 3)
        proposals.append(Proposal(pattern, display(c.key), c.rule, c.reason, docs, c.row[HEAD], c.row[TAIL],
                                  c.row[MIDDLE], confidence))
    proposals.sort(key=lambda p: (-p.confidence, p.pattern.id))
    dropped.sort(key=lambda d: -d[1])
    return LearnResult(proposals, dropped[:MAX_DROPPED], learner.documents, learner.errors, learner.lines, min_docs,
                       len(learner.table), learner.table.floor, list(learner.texts.items))
