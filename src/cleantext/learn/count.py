"""Bounded counting for ``cleantext learn``: shape statistics, example lines and samples whose memory does not grow
with the collection.

:class:`ShapeTable` counts, per shape hash, the documents it occurs in and where (head, tail, middle). When the table
passes its cap it forgets the rarest shapes (lossy counting: a shape forgotten and met again restarts from zero, so
a count may be short by at most :attr:`ShapeTable.floor`). Example lines are kept (at most five distinct ones per
shape, a reservoir) only for shapes met in two documents or more, at an edge or repeated within a document, and for
at most a quarter of the table.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

# Columns of a table row.
DOCS, HEAD, TAIL, MIDDLE, OCC, REPEAT = range(6)
MAX_EXAMPLES = 5
MAX_NAMES = 4


class Reservoir(Generic[T]):
    """A uniform sample of at most ``size`` items from a stream of unknown length (algorithm R)."""

    def __init__(self, size: int, rng: random.Random) -> None:
        self.size, self.rng, self.seen = size, rng, 0
        self.items: list[T] = []

    def offer(self, item: T) -> None:
        self.seen += 1
        if len(self.items) < self.size:
            self.items.append(item)
            return
        j = self.rng.randrange(self.seen)
        if j < self.size:
            self.items[j] = item


@dataclass(slots=True)
class Sighting:
    """One shape in one document: how often and where, and one of its lines (plus the masked name, if any)."""

    key: str
    line: str
    name: str | None = None
    count: int = 0
    head: int = 0
    tail: int = 0
    middle: int = 0


@dataclass
class ShapeTable:
    """Shape hash → ``[docs, head, tail, middle, occurrences, docs where it repeats]``, at most ``cap`` rows."""

    cap: int = 200_000
    seed: int = 0
    rows: dict[int, list[int]] = field(default_factory=dict)
    examples: dict[int, tuple[str, list[str], list[int]]] = field(default_factory=dict)
    names: dict[int, set[str]] = field(default_factory=dict)
    floor: int = 0
    prunes: int = 0

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, h: int, s: Sighting) -> None:
        """Count one document's sightings of one shape."""
        row = self.rows.get(h)
        if row is None:
            row = self.rows[h] = [0, 0, 0, 0, 0, 0]
        row[DOCS] += 1
        row[HEAD] += s.head
        row[TAIL] += s.tail
        row[MIDDLE] += s.middle
        row[OCC] += s.count
        row[REPEAT] += s.count > 1
        # Examples only where a pattern may come of it: at an edge, or repeated within a document.
        if row[DOCS] >= 2 and (s.head or s.tail or s.count > 1 or h in self.examples):
            self._sample(h, s.key, s.line)
        if s.name is not None:
            names = self.names.setdefault(h, set())
            if len(names) < MAX_NAMES:
                names.add(s.name)
        if len(self.rows) > self.cap:
            self.prune()
        if len(self.examples) > self.cap // 4:
            self._trim_examples()

    def _trim_examples(self) -> None:
        """Keep the examples of the most frequent half; the others start again when their shapes recur."""
        ranked = sorted(self.examples, key=lambda h: self.rows[h][DOCS], reverse=True)
        self.examples = {h: self.examples[h] for h in ranked[: self.cap // 8]}

    def _sample(self, h: int, key: str, line: str) -> None:
        entry = self.examples.get(h)
        if entry is None:
            self.examples[h] = (key, [line], [1])
            return
        lines, seen = entry[1], entry[2]
        if line in lines:
            return
        seen[0] += 1
        if len(lines) < MAX_EXAMPLES:
            lines.append(line)
        else:
            j = self.rng.randrange(seen[0])
            if j < MAX_EXAMPLES:
                lines[j] = line

    def prune(self) -> None:
        """Forget the rarest shapes until the table is at most half full; raise :attr:`floor` accordingly."""
        hist = Counter(row[DOCS] for row in self.rows.values())
        keep, threshold = len(self.rows), 0
        for docs in sorted(hist):
            if keep <= self.cap // 2:
                break
            keep -= hist[docs]
            threshold = docs
        self.rows = {h: row for h, row in self.rows.items() if row[DOCS] > threshold}
        self.examples = {h: e for h, e in self.examples.items() if h in self.rows}
        self.names = {h: n for h, n in self.names.items() if h in self.rows}
        self.floor = max(self.floor, threshold)
        self.prunes += 1

    def key_of(self, h: int) -> str | None:
        entry = self.examples.get(h)
        return entry[0] if entry else None

    def lines_of(self, h: int) -> list[str]:
        entry = self.examples.get(h)
        return list(entry[1]) if entry else []
