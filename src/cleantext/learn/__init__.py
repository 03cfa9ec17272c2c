"""``cleantext learn``: discover a collection's boilerplate from the collection itself, and propose patterns.

One streaming pass: each document is decoded and normalized by the core pipeline (and, by default, cleaned with the
bundled patterns first, so that only what they leave is learned); every line up to 120 characters is reduced to its
shape (:mod:`cleantext.learn.shape`) and counted with its position — head (first K non-blank lines; K is
``edge_lines``, at most a third of a short document), tail (last K) or middle — in a bounded table
(:mod:`cleantext.learn.count`). Small samples are kept on the side: the head and tail
shapes of some documents, body lines (for ``keep`` examples) and whole documents (for the report). Then
:func:`cleantext.learn.propose.propose` applies the rules of :mod:`cleantext.learn.rules` and writes patterns.

>>> docs = [f"星河文稿整理 QQ：{31415926 + i}\\n第{i}号文件\\n正文第{i}段，内容各不相同{'甲乙丙丁'[i % 4]}。"
...         for i in range(6)]
>>> result = learn(docs, LearnConfig(bundled=False))
>>> [p.shape for p in result.proposals]
['星河文稿整理QQ:<QQ>']
"""

from __future__ import annotations

import dataclasses
import fnmatch
import json
import random
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleantext.cleaner import Cleaner
from cleantext.errors import CleantextError
from cleantext.evidence.patterns import DEFAULT_MAX_LENGTH, Pattern
from cleantext.learn.count import Reservoir, ShapeTable, Sighting
from cleantext.learn.rules import LEXICON, Signature
from cleantext.learn.shape import digest, name_variants, shape_of
from cleantext.text.decode import decode
from cleantext.text.normalize import normalize_text

MAX_VARIANTS = 6
BODY_SAMPLE = 400
BODY_PER_WORD = 8
REPORT_DOCS = 20
REPORT_DOC_CHARS = 20_000


@dataclass(frozen=True)
class LearnConfig:
    """Options of a learning run.

    - ``min_docs``: a shape must occur in at least this many documents (None: max(3, 0.2 % of the documents)).
    - ``min_share``: share of its occurrences at heads/tails (and, for an unevident line, inside boilerplate).
    - ``edge_lines``: K, the non-blank lines that count as a document's head and tail (fewer in short documents).
    - ``bundled``/``patterns``: clean each document with these patterns first, and learn only what they leave.
    - ``max_shapes``: cap of the counting table; ``sample_docs``: documents whose edges are kept for the rules.
    """

    min_docs: int | None = None
    min_share: float = 0.8
    edge_lines: int = 8
    bundled: bool = True
    patterns: tuple[str, ...] = ()
    max_shapes: int = 200_000
    sample_docs: int = 5_000
    seed: int = 0


@dataclass
class Proposal:
    """One learned pattern with the evidence a reviewer needs."""

    pattern: Pattern
    shape: str
    rule: str
    reason: str
    docs: int
    head: int
    tail: int
    middle: int
    confidence: float

    @property
    def occurrences(self) -> int:
        return self.head + self.tail + self.middle


@dataclass
class LearnResult:
    """Proposals (sorted by confidence), the shapes dropped on the way with the reason, and what was read."""

    proposals: list[Proposal]
    dropped: list[tuple[str, int, str]]
    documents: int
    errors: int
    lines: int
    min_docs: int
    table_size: int
    floor: int
    samples: list[str] = field(default_factory=list)


class Learner:
    """Feed documents one by one with :meth:`add`; :meth:`finish` gives the proposals. Memory stays bounded."""

    def __init__(self, config: LearnConfig | None = None, **options: Any) -> None:
        self.config = cfg = dataclasses.replace(config or LearnConfig(), **options)
        self.cleaner = Cleaner(bundled=cfg.bundled, patterns=cfg.patterns) if cfg.bundled or cfg.patterns else None
        self.table = ShapeTable(cap=cfg.max_shapes, seed=cfg.seed)
        rng = random.Random(cfg.seed)
        self.signatures: Reservoir[tuple[array[int], bytes, int]] = Reservoir(cfg.sample_docs, rng)
        self.body: Reservoir[str] = Reservoir(BODY_SAMPLE, rng)
        words = sorted({w.lower() for ws in LEXICON.values() for w in ws}, key=len, reverse=True)
        self.body_by_word: dict[str, Reservoir[str]] = {w: Reservoir(BODY_PER_WORD, rng) for w in words}
        self._lexicon = re.compile("|".join(map(re.escape, words)), re.I)
        self.texts: Reservoir[str] = Reservoir(REPORT_DOCS, rng)
        self.documents = self.errors = self.lines = 0

    def text_of(self, data: bytes | str) -> str:
        """The document as the learner sees it: normalized, and cleaned first when patterns are on."""
        if self.cleaner is not None:
            return self.cleaner.clean(data).text
        return normalize_text(decode(data)[0]).text

    def add(self, data: bytes | str) -> None:
        """Count one document (an undecodable one is counted as an error and skipped)."""
        try:
            text = self.text_of(data)
        except CleantextError:
            self.errors += 1
            return
        self.documents += 1
        lines = [s for s in (line.strip() for line in text.split("\n")) if s]
        self.lines += len(lines)
        n = len(lines)
        k = min(self.config.edge_lines, max(1, -(-n // 3)))
        window = self.config.edge_lines + 3
        sightings: dict[int, Sighting] = {}
        signature: list[tuple[int, ...]] = []
        for i, line in enumerate(lines):
            near_edge = i < window or i >= n - window
            if len(line) > DEFAULT_MAX_LENGTH:
                if near_edge:
                    signature.append(())
                continue
            where = "head" if i < k else "tail" if i >= n - k else "middle"
            shape = shape_of(line)
            key = shape.key
            hashes = [self._see(sightings, key, line, where, None)]
            if near_edge:
                for variant, name in name_variants(shape)[:MAX_VARIANTS]:
                    hashes.append(self._see(sightings, variant, line, where, name))
                signature.append(tuple(hashes))
            if where == "middle":
                self._offer_body(line)
        for h, s in sightings.items():
            self.table.add(h, s)
        split = window if n > 2 * window else (n + 1) // 2
        # Packed (8 bytes a hash): this sample is the largest thing kept besides the table.
        self.signatures.offer((array("Q", [h for hs in signature for h in hs]), bytes(map(len, signature)), split))
        if len(text) <= REPORT_DOC_CHARS:
            self.texts.offer(text)

    @staticmethod
    def _see(sightings: dict[int, Sighting], key: str, line: str, where: str, name: str | None) -> int:
        h = digest(key)
        s = sightings.get(h)
        if s is None:
            s = sightings[h] = Sighting(key, line, name)
        s.count += 1
        setattr(s, where, getattr(s, where) + 1)
        return h

    def _offer_body(self, line: str) -> None:
        self.body.offer(line)
        for word in {m.group().lower() for m in self._lexicon.finditer(line)}:
            self.body_by_word[word].offer(line)

    def edge_samples(self) -> list[Signature]:
        """The sampled documents as (head lines, tail lines), each line the tuple of its shape hashes."""
        out: list[Signature] = []
        for flat, sizes, split in self.signatures.items:
            lines, at = [], 0
            for size in sizes:
                lines.append(tuple(flat[at : at + size]))
                at += size
            out.append((lines[:split], lines[split:]))
        return out

    def body_lines(self) -> list[str]:
        """Sampled body lines, those holding a lexicon word first."""
        seen: dict[str, None] = {}
        for reservoir in self.body_by_word.values():
            seen.update(dict.fromkeys(reservoir.items))
        seen.update(dict.fromkeys(self.body.items))
        return list(seen)

    def finish(self) -> LearnResult:
        from cleantext.learn.propose import propose

        return propose(self)


def learn(documents: Iterable[bytes | str], config: LearnConfig | None = None, **options: Any) -> LearnResult:
    """Learn from an iterable of documents (bytes of any encoding, or str)."""
    learner = Learner(config, **options)
    for doc in documents:
        learner.add(doc)
    return learner.finish()


def iter_files(inputs: Sequence[str | Path], globs: Sequence[str] = ("*.txt",)) -> Iterator[Path]:
    """Files named directly, and files under folders (recursive, sorted) whose name matches one of ``globs``."""
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and any(fnmatch.fnmatch(f.name, g) for g in globs):
                    yield f
        else:
            yield p


def iter_documents(inputs: Sequence[str | Path], globs: Sequence[str] = ("*.txt",)) -> Iterator[bytes]:
    """The bytes of every input file."""
    for f in iter_files(inputs, globs):
        yield f.read_bytes()


def iter_jsonl(path: str | Path, field_name: str = "text") -> Iterator[str]:
    """The ``field_name`` of every JSON record of a JSONL file (records without it, or not JSON, are skipped)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            value = record.get(field_name) if isinstance(record, dict) else None
            if isinstance(value, str):
                yield value


def sample_removals(result: LearnResult) -> list[tuple[int, list[tuple[str, str]]]]:
    """What the proposals remove from the sampled documents: ``(index, [(rule, line), ...])`` for each document
    that loses something."""
    if not result.proposals:
        return []
    cleaner = Cleaner(bundled=False, extra=tuple(p.pattern for p in result.proposals))
    out = []
    for i, text in enumerate(result.samples):
        removed = [(r.rule, r.text) for r in cleaner.clean(text).removed]
        if removed:
            out.append((i, removed))
    return out
