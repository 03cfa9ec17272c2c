"""Matching: a ``PatternSet`` × normalized lines → removals with spans. Pure: it never edits the text.

One keyword prefilter pass over the whole text finds the candidate lines; only there do the full regexes run, and
only the regexes whose keywords occur on that line. The cost is flat in the number of patterns.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

import regex

from cleantext.errors import RuleTimeoutError
from cleantext.patterns import RUN_TIMEOUT, Pattern


def _trie_regex(words: Iterable[str]) -> str:
    """One regex for many literals, factored on common prefixes so that the scan is fast for thousands of words."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [regex.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


@dataclass(frozen=True, slots=True)
class Hit:
    """A pattern decided something on one line: a whole line (``start``/``end`` cover it) or an inline span."""

    pattern: Pattern
    line: int
    start: int
    end: int
    match: Any = field(compare=False)


class PatternSet:
    """Patterns compiled once and indexed by keyword. Picklable (compiled regexes travel as their source)."""

    def __init__(self, patterns: Sequence[Pattern]) -> None:
        self.patterns: tuple[Pattern, ...] = tuple(patterns)
        self.by_id = {p.id: p for p in self.patterns}
        index: dict[str, list[int]] = {}
        for i, p in enumerate(self.patterns):
            for kw in p.keywords:
                index.setdefault(kw.lower(), []).append(i)
        # A scan finds the longest keyword at each position; a shorter keyword that is its prefix must still fire.
        self._triggers: dict[str, tuple[int, ...]] = {}
        for kw in index:
            found = {i for k, ids in index.items() if kw.startswith(k) for i in ids}
            self._triggers[kw] = tuple(sorted(found))
        source = _trie_regex(sorted(index))
        self._prefilter = regex.compile(source, regex.IGNORECASE) if source else None

    def __len__(self) -> int:
        return len(self.patterns)

    def __reduce__(self) -> tuple[Any, ...]:
        return (PatternSet, (self.patterns,))

    def candidate_lines(self, text: str, line_starts: Sequence[int]) -> list[int]:
        """Indexes of the lines holding at least one keyword, in one scan of the whole text."""
        if self._prefilter is None:
            return []
        found: list[int] = []
        last = -1
        pos = 0
        search = self._prefilter.search
        n = len(line_starts)
        while True:
            m = search(text, pos)
            if m is None:
                break
            line = bisect_right(line_starts, m.start()) - 1
            if line != last:
                found.append(line)
                last = line
            # Skip to the next line: one hit is enough to make a line a candidate.
            if line + 1 >= n:
                break
            pos = line_starts[line + 1]
        return found

    def patterns_for(self, line: str) -> list[Pattern]:
        """The patterns whose keywords occur in ``line``, in file order."""
        assert self._prefilter is not None
        ids: set[int] = set()
        for m in self._prefilter.finditer(line, overlapped=True):
            ids.update(self._triggers.get(m.group().lower(), ()))
        return [self.patterns[i] for i in sorted(ids)]


def find_hits(pset: PatternSet, lines: Sequence[str], text: str, head_lines: int = 10,
              tail_lines: int = 15) -> tuple[dict[int, Hit], dict[int, list[Hit]]]:
    """Whole-line hits (line → hit) and inline hits (line → sorted, non-overlapping spans)."""
    starts = list(accumulate((len(l) + 1 for l in lines[:-1]), initial=0))
    nonblank = [i for i, l in enumerate(lines) if l.strip()]
    rank = {line: r for r, line in enumerate(nonblank)}
    n_nonblank = len(nonblank)
    whole: dict[int, Hit] = {}
    inline: dict[int, list[Hit]] = {}
    for i in pset.candidate_lines(text, starts):
        line = lines[i]
        candidates = pset.patterns_for(line)
        r = rank.get(i, -1)
        current = "?"
        try:
            for p in candidates:
                current = p.id
                if p.scope == "inline":
                    continue
                if p.scope == "head" and r >= head_lines:
                    continue
                if p.scope == "tail" and r < n_nonblank - tail_lines:
                    continue
                m = p.matches_line(line)
                if m is not None:
                    whole[i] = Hit(p, i, 0, len(line), m)
                    break
            else:
                spans: list[Hit] = []
                for p in candidates:
                    if p.scope == "inline":
                        current = p.id
                        spans.extend(Hit(p, i, m.start(), m.end(), m) for m in p.spans(line))
                if spans:
                    inline[i] = _non_overlapping(spans)
        except TimeoutError:
            raise RuleTimeoutError(current, RUN_TIMEOUT, i + 1) from None
    return whole, inline


def _non_overlapping(spans: list[Hit]) -> list[Hit]:
    spans.sort(key=lambda h: (h.start, -h.end))
    out: list[Hit] = []
    for h in spans:
        if out and h.start < out[-1].end:
            if h.end > out[-1].end:
                prev = out[-1]
                out[-1] = Hit(prev.pattern, prev.line, prev.start, h.end, prev.match)
            continue
        out.append(h)
    return out
