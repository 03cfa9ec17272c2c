"""A collection profile: what a first pass over many documents learned about their heads and tails.

A distributor that nobody wrote a rule for still gives itself away by saying the same thing on every file. The
profile counts, over a collection, the *shape* of every line (:func:`cleantext.learn.shape.shape_of`: numbers, URLs
and ids masked) at the head and the tail of each document (the first and last ``EDGE_LINES`` non-blank lines, at
most a third of a short document), how many *distinct bodies* it was seen with, and how often the shape occurs in
the middle. Then :func:`profile_evidence` proposes, for the lines of one document:

- ``profile.head-line`` / ``profile.tail-line``: a line whose exact shape (no mask) recurs at that edge;
- ``profile.template``: a line whose shape recurs with numbers, addresses or one short name varying.

A shape is learned only when it was seen at an edge with at least ``MIN_DOCS`` distinct bodies, at least
``MIN_EDGE_SHARE`` of its occurrences are at an edge (dialogue such as "“嗯。”" recurs in the middle too), it is
not a heading ("第12章 …", "一、…"), and it is no hard negative. It then counts in a document only when the line
lies in that document's head or tail window. Strength (see ``cleantext.decide``):

- STRONG when the shape carries evidence of boilerplate by itself (a masked contact, a lexicon word such as 整理,
  仅供, 关注, or a decorated frame; :func:`cleantext.learn.rules.evidence`), so it goes wherever the window is;
- WEAK otherwise (a bare slogan, a brand): it is proposed only when it sits inside a run of strong profile lines
  in this document (in the head between two, in the tail below one and above another or the end), and ``decide``
  still needs the zone to agree. A recurring title or closing sentence never sits in such a run.

Guards against duplicates: a line that recurs because whole documents are copies is not boilerplate. Each
document has a body fingerprint (:func:`body_fingerprint`: its longest lines that carry no boilerplate sign, so
that two copies under different wrappers agree), and a shape needs ``MIN_DOCS`` *distinct* fingerprints. The
profile reports the copies (:attr:`Profile.duplicates`, :meth:`Profile.duplicate_groups`).

The profile is a plain value that merges exactly (``Profile.merge(a, b)`` learned on two shards equals the profile
learned on both, as long as neither pruned its table): edge counts add, distinct bodies are kept as the
``SKETCH`` smallest fingerprint hashes (a k-minimum-values sketch, exact up to ``SKETCH``), middle counts live in
a count-min sketch (added cell by cell; it can only overestimate, which only makes the profile more careful).
Memory is bounded: counts only, never the texts; at most ``max_keys`` shapes (the rarest are pruned past that).

Cost: learning shapes only the edge lines and the short middle lines, and remembers (``MEMO_LINES``) what a line
gives, since the lines that recur are the ones it is for; the fingerprint tests lines for boilerplate only until it
has its two prefixes. The folder pass (:func:`learn_and_prepare`) reads each file once, decodes and normalizes it as
the Cleaner would (:func:`cleantext.cleaner.prepare`), and keeps what it prepared, up to ``KEEP_BYTES`` of text, for
the clean pass (:class:`PreparedFiles`): within the budget no file is read or decoded twice. When cleaning, the
literal scan that spares most lines the shape reads a cheap form of the head and tail (:func:`scan_form`: no fold
of full-width punctuation) through one trie regex. ``benchmarks/profile_overhead.py`` measures learning + cleaning
with the profile against cleaning alone.
"""

from __future__ import annotations

import base64
import bisect
import heapq
import itertools
import json
import re
import unicodedata
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from cleantext.evidence import Evidence, Strength
from cleantext.evidence.patterns import load_negatives
from cleantext.learn.build import category_of
from cleantext.learn.rules import LEXICON, learnable
from cleantext.learn.rules import evidence as _evidence_of
from cleantext.learn.shape import (
    _NARROW,  # the table ``fold`` narrows with (see ``_fold_all``)
    CONTACT_MASKS,
    MASKS,
    NAME,
    URL,
    digest,
    display,
    literal_runs,
    name_variants,
    shape_of,
)
from cleantext.text.fold import ASTRAL, char_classes

# 2: the body fingerprint orders prefixes by CRC-32 (cheaper than the shapes' digest), so its values changed.
FORMAT_VERSION = 2
# A shape is learned only when seen at an edge with at least this many distinct document bodies: fewer copies of
# a line are as likely a shared title or a standard sentence as a distributor's stamp.
MIN_DOCS = 8
# Share of a shape's occurrences that must be at a head or a tail (the rest: the middle of documents).
MIN_EDGE_SHARE = 0.8
# The non-blank lines that count as a document's head and tail while learning (at most a third of a short one);
# when cleaning, a line counts as at the edge within EDGE_LINES + EDGE_SLACK (stacked wrappers shift it).
EDGE_LINES = 8
EDGE_SLACK = 3
# Longer lines are never learned (prose; also the cap of ``cleantext learn``).
MAX_LINE = 120
# Distinct bodies and distinct names are counted exactly up to this many (k-minimum-values sketches).
SKETCH = 16
# A name template ("<NAME>文库整理") needs at least two names, and fewer than SKETCH: a title template whose name
# differs in every document ("《<NAME>》读后感") is not a distributor's line.
MIN_NAMES = 2
MAX_VARIANTS = 6
# Name templates are tried only on lines up to this long (credit and contact lines are short; it saves time).
MAX_NAMED_LINE = 50
# Body fingerprint: of the lines (at least FINGERPRINT_MIN_CHARS long) without a boilerplate sign, the
# FINGERPRINT_LINES whose first FINGERPRINT_PREFIX characters hash lowest (CRC-32) (a min-hash: copies that were edited
# later in a line, or lost or gained a few other lines, mostly still agree).
FINGERPRINT_LINES = 2
FINGERPRINT_MIN_CHARS = 16
FINGERPRINT_PREFIX = 12
# A line without a boilerplate sign must have been seen with about as many distinct bodies as documents: a title
# met in 18 documents with 8 bodies belongs to near-copies of one document, not to a distributor.
MIN_WEAK_BODY_SHARE = 0.75
# Count-min sketch of middle occurrences: DEPTH rows of 2**WIDTH_BITS cells.
WIDTH_BITS = 18
DEPTH = 2
# Shapes a profile holds at most (past it the rarest are pruned down to half). Measured on generated 20 KB records
# (benchmarks/memory.py's stream): about 590 bytes a row (key, example line, counts, sketches) and 80 bytes a cell
# of the middle sketch (at most DEPTH << WIDTH_BITS = 524 288 cells, 41 MB). 60 000 rows are about 35 MB, so that
# learning and cleaning a 1 GB JSONL stream (12 new shapes a record) stays under 200 MB in all: with 100 000 its
# peak RSS was 205 MB; the 300 000 before reached 329 MB on its way to about 180 MB of rows alone.
DEFAULT_MAX_KEYS = 60_000
# Lines whose lookup a profile remembers (then it starts again).
MEMO_LINES = 1 << 16

# Lines of the middle longer than this are not counted there: long lines hardly recur in the middle of distinct
# bodies, and counting only short ones keeps the profile pass cheap.
MAX_MIDDLE_LINE = 40

HEAD, TAIL = 1, 2
# Row of a shape: [docs at the head, docs at the tail, distinct-body sketch, name sketch, example line, docs].
_H, _T, _B, _N, _X, _D = range(6)


# What any boilerplate sign needs: a contact mask, a lexicon word, or a decorated first character. Cheap tests
# (substring searches) that spare most body lines the full one.
_WORDS = tuple(sorted({w.lower() for ws in LEXICON.values() for w in ws}))
_DECOR = frozenset("-—=*~★☆◆◇●■▲#【[")
_RAW_CONTACT = re.compile(r"[0-9０-９]{5}|@|＠")


_WORD_SCAN = re.compile("|".join(re.escape(w) for w in sorted(_WORDS, key=len, reverse=True)))


def _has_word(text: str) -> bool:
    return _WORD_SCAN.search(text.lower()) is not None


@lru_cache(maxsize=1 << 16)
def boilerplate_sign(key: str) -> str | None:
    """Why a shape reads as boilerplate by itself (:func:`cleantext.learn.rules.evidence`), or None."""
    if CONTACT_MASKS & set(key) or key[:1] in _DECOR or _has_word(key):
        return _evidence_of(key)
    return None


def _plain(line: str) -> bool:
    """A line with no sign of boilerplate on its face (no lexicon word, long number, e-mail or frame)."""
    return line[:1] not in _DECOR and not _RAW_CONTACT.search(line) and not _has_word(line)


def _kmv_add(sketch: list[int], value: int) -> None:
    """Keep the SKETCH smallest distinct values (sorted)."""
    if len(sketch) < SKETCH:
        if value not in sketch:
            bisect.insort(sketch, value)
    elif value < sketch[-1] and value not in sketch:
        sketch.pop()
        bisect.insort(sketch, value)


def _kmv_merge(a: list[int], b: list[int]) -> list[int]:
    return heapq.nsmallest(SKETCH, set(a) | set(b))


def body_fingerprint(lines: Sequence[str]) -> int:
    """A hash of a document's body that its copies share even under another distributor's wrapper, or edited a
    little (see ``FINGERPRINT_LINES``); a document with fewer than two lines of prose is fingerprinted whole (only
    exact copies then agree)."""
    # The prefixes of the long lines, lowest hash first; a prefix counts when one of its lines is plain. Testing
    # plainness lazily, in that order, spares most lines the test (the result is that of testing every line).
    groups: dict[str, list[str]] = {}
    for s in lines:
        if len(s) >= FINGERPRINT_MIN_CHARS:
            groups.setdefault(s[:FINGERPRINT_PREFIX], []).append(s)
    prefixes = list(groups)
    # The order of _order (CRC-32 of the UTF-8), computed without a Python call per prefix; ties keep the
    # insertion order, as a stable sort on _order does.
    order = sorted(zip(map(zlib.crc32, map(str.encode, prefixes)), itertools.count()))
    chosen: list[str] = []
    for _, i in order:
        prefix = prefixes[i]
        if any(map(_plain, groups[prefix])):
            chosen.append(prefix)
            if len(chosen) == FINGERPRINT_LINES:
                break
    if len(chosen) < 2:
        return digest("\n".join(lines))
    return digest("\n".join(chosen))


@lru_cache(maxsize=MEMO_LINES)
def _name_hash(name: str) -> int:
    """The digest of a name in a template (remembered: a distributor's names recur on every file)."""
    return digest(name)


def _order(prefix: str) -> int:
    """The min-hash order of the fingerprint's prefixes: CRC-32, stable across runs and far cheaper than blake2b."""
    return zlib.crc32(prefix.encode("utf-8"))


@lru_cache(maxsize=MEMO_LINES)
def _edge_keys(line: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """What learning counts for a line at an edge: its shape, and its name variants (``(variant, name)``) when
    the shape reads as boilerplate. Remembered: the lines that recur at the edges are the ones the profile is for."""
    shape = shape_of(line)
    if len(shape.key) > MAX_NAMED_LINE or boilerplate_sign(shape.key) is None:
        return shape.key, ()
    return shape.key, tuple(name_variants(shape)[:MAX_VARIANTS])


@lru_cache(maxsize=MEMO_LINES)
def _middle_cells(line: str) -> tuple[int, ...]:
    """The count-min cells of a (short) middle line's shape; remembered, as dialogue and list markers recur."""
    return _cells(shape_of(line).key)


def _cells(key: str) -> tuple[int, ...]:
    h = digest(key)
    mask = (1 << WIDTH_BITS) - 1
    return tuple((d << WIDTH_BITS) + ((h >> (d * WIDTH_BITS)) & mask) for d in range(DEPTH))


def _cell_array(cells: dict[int, int]) -> array[int]:
    """The count-min sketch as the saved format holds it: every cell, in order (DEPTH rows of 2**WIDTH_BITS)."""
    out = array("I", bytes(4 * DEPTH << WIDTH_BITS))
    for c, n in cells.items():
        out[c] = n
    return out


def _edge_k(n: int) -> int:
    return min(EDGE_LINES, max(1, -(-n // 3)))


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the profile says about one learned shape."""

    rule: str  # profile.template, or "" for an exact line (head-line / tail-line depending on where it stands)
    strength: Strength
    category: str
    sides: int  # HEAD | TAIL: the edges it was learned at
    why: str


@dataclass(eq=False)
class Profile:
    """Counts learned from a collection (see the module docstring). Build with :meth:`learn` or :meth:`add`,
    combine with :meth:`merge`, save with :meth:`to_json`. Two profiles are equal when their counts are."""

    documents: int = 0
    rows: dict[str, list[Any]] = field(default_factory=dict)
    # Count-min cells that are not zero (cell → count): a collection touches few of the DEPTH << WIDTH_BITS cells,
    # so merging adds only those (adding two full arrays cell by cell cost more than learning a chunk).
    middle: dict[int, int] = field(default_factory=dict)
    bodies: Counter[int] = field(default_factory=Counter)
    pruned: int = 0
    max_keys: int = DEFAULT_MAX_KEYS
    _verdicts: dict[str, Verdict] | None = field(default=None, repr=False)
    _scan: Any = field(default=None, repr=False)
    _memo: dict[str, tuple[str, Verdict] | None] = field(default_factory=dict, repr=False)

    # -- learning ---------------------------------------------------------------------------------------------

    @classmethod
    def learn(cls, texts: Iterable[str], max_keys: int = DEFAULT_MAX_KEYS) -> Profile:
        """Learn from normalized texts (one at a time: nothing but counts is kept)."""
        profile = cls(max_keys=max_keys)
        for text in texts:
            profile.add(text)
        return profile

    def add(self, text: str) -> None:
        """Count one normalized document."""
        self._verdicts = self._scan = None
        self._memo = {}
        lines = [s for s in map(str.strip, text.split("\n")) if s]
        if not lines:
            return
        self.documents += 1
        fp = body_fingerprint(lines)
        self.bodies[fp] += 1
        n, k = len(lines), _edge_k(len(lines))
        middle = self.middle
        for line in lines[k : n - k]:
            if len(line) <= MAX_MIDDLE_LINE:
                for c in _middle_cells(line):
                    middle[c] = middle.get(c, 0) + 1
        seen: dict[str, int] = {}
        names: dict[str, set[str]] = {}
        examples: dict[str, str] = {}
        # The head, then the tail (a line of a short document in both is counted at the head), in document order.
        for side, edge in ((HEAD, lines[:k]), (TAIL, lines[max(k, n - k) :])):
            for line in edge:
                if len(line) > MAX_LINE:
                    continue
                key, variants = _edge_keys(line)
                seen[key] = seen.get(key, 0) | side
                if key not in examples:
                    examples[key] = line
                for variant, name in variants:
                    seen[variant] = seen.get(variant, 0) | side
                    names.setdefault(variant, set()).add(name)
                    if variant not in examples:
                        examples[variant] = line
        rows = self.rows
        for key, sides in seen.items():
            example = examples[key]
            row = rows.get(key)
            if row is None:
                row = rows[key] = [0, 0, [], [], example, 0]
            elif example < row[_X]:
                row[_X] = example
            if sides & HEAD:
                row[_H] += 1
            if sides & TAIL:
                row[_T] += 1
            row[_D] += 1
            _kmv_add(row[_B], fp)
            if key in names:
                for name in names[key]:
                    _kmv_add(row[_N], _name_hash(name))
        if len(self.rows) > self.max_keys:
            self._prune()

    def middle_count(self, key: str) -> int:
        """Occurrences of ``key`` in the middle of documents (an overestimate at worst)."""
        return min(self.middle.get(c, 0) for c in _cells(key))

    def _prune(self) -> None:
        """Forget shapes seen with a single body until the table is at most half full (then the rarest next)."""
        limit = 1
        while len(self.rows) > self.max_keys // 2:
            self.rows = {k: r for k, r in self.rows.items() if len(r[_B]) > limit}
            limit += 1
        self.pruned += 1

    # -- combining and saving ---------------------------------------------------------------------------------

    @classmethod
    def merge(cls, a: Profile, b: Profile) -> Profile:
        """The profile of both collections (a new value; neither input changes)."""
        out = cls(documents=a.documents, max_keys=a.max_keys, pruned=a.pruned, bodies=Counter(a.bodies),
                  middle=dict(a.middle),
                  rows={k: [r[_H], r[_T], list(r[_B]), list(r[_N]), r[_X], r[_D]] for k, r in a.rows.items()})
        out.absorb(b)
        return out

    def absorb(self, other: Profile, consume: bool = False) -> None:
        """Add ``other``'s counts to this profile, in place: what :meth:`merge` does without copying the
        accumulated table, so that merging many chunks costs the size of the chunks. ``other`` does not change,
        unless ``consume`` (a partial profile thrown away after): then its rows are taken over, not copied."""
        self._verdicts = self._scan = None
        self._memo = {}
        self.documents += other.documents
        self.max_keys = max(self.max_keys, other.max_keys)
        self.pruned += other.pruned
        self.bodies.update(other.bodies)
        middle = self.middle
        for c, count in other.middle.items():
            middle[c] = middle.get(c, 0) + count
        rows = self.rows
        for key, rb in other.rows.items():
            ra = rows.get(key)
            if ra is None:
                rows[key] = rb if consume else [rb[_H], rb[_T], list(rb[_B]), list(rb[_N]), rb[_X], rb[_D]]
                continue
            rows[key] = [ra[_H] + rb[_H], ra[_T] + rb[_T], _kmv_merge(ra[_B], rb[_B]),
                         _kmv_merge(ra[_N], rb[_N]), min(ra[_X], rb[_X]), ra[_D] + rb[_D]]
        if len(rows) > self.max_keys:
            self._prune()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Profile):
            return NotImplemented
        return (self.documents, self.rows, self.middle, +self.bodies, self.pruned) == (
            other.documents, other.rows, other.middle, +other.bodies, other.pruned)

    def to_json(self) -> str:
        """The profile as JSON (``format``: the version; the sketch of middle counts compressed)."""
        return json.dumps({
            "format": "cleantext-profile", "version": FORMAT_VERSION, "documents": self.documents,
            "pruned": self.pruned, "max_keys": self.max_keys,
            "settings": {"min_docs": MIN_DOCS, "edge_lines": EDGE_LINES, "width_bits": WIDTH_BITS, "depth": DEPTH},
            "duplicates": self.duplicates,
            "bodies": {f"{h:016x}": c for h, c in sorted(self.bodies.items())},
            "middle": base64.b64encode(zlib.compress(_cell_array(self.middle).tobytes(), 6)).decode("ascii"),
            "rows": [[k, *r] for k, r in sorted(self.rows.items())],
        }, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Profile:
        """Read :meth:`to_json`'s output; a wrong format or version gives a ``ValueError`` that says so."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise ValueError(f"not a cleantext profile (invalid JSON: {err})") from None
        if not isinstance(data, dict) or data.get("format") != "cleantext-profile":
            raise ValueError("not a cleantext profile (no \"format\": \"cleantext-profile\" field)")
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"profile format version {data.get('version')!r} is not supported (this cleantext "
                             f"reads version {FORMAT_VERSION}): learn the profile again")
        settings = data.get("settings", {})
        if (settings.get("width_bits"), settings.get("depth")) != (WIDTH_BITS, DEPTH):
            raise ValueError("profile was learned with another sketch size: learn the profile again")
        cells = array("I")
        cells.frombytes(zlib.decompress(base64.b64decode(data["middle"])))
        if len(cells) != DEPTH << WIDTH_BITS:
            raise ValueError("profile was learned with another sketch size: learn the profile again")
        middle = {c: n for c, n in enumerate(cells) if n}
        rows = {r[0]: [int(r[1]), int(r[2]), [int(x) for x in r[3]], [int(x) for x in r[4]], str(r[5]), int(r[6])]
                for r in data["rows"]}
        return cls(documents=int(data["documents"]), rows=rows, middle=middle,
                   bodies=Counter({int(h, 16): int(c) for h, c in data["bodies"].items()}),
                   pruned=int(data.get("pruned", 0)), max_keys=int(data.get("max_keys", DEFAULT_MAX_KEYS)))

    # -- what it learned ---------------------------------------------------------------------------------------

    @property
    def duplicates(self) -> int:
        """Documents that are a copy (or a re-wrapped copy) of an earlier one."""
        return sum(c - 1 for c in self.bodies.values())

    def duplicate_groups(self) -> list[tuple[str, int]]:
        """``(fingerprint, copies)`` for each body met more than once, most copies first."""
        groups = [(f"{h:016x}", c) for h, c in self.bodies.items() if c > 1]
        return sorted(groups, key=lambda g: (-g[1], g[0]))

    def copies_of(self, text: str) -> int:
        """How many documents of the profiled collection share this (normalized) document's body."""
        lines = [s for s in (line.strip() for line in text.split("\n")) if s]
        return self.bodies.get(body_fingerprint(lines), 0) if lines else 0

    def verdicts(self) -> dict[str, Verdict]:
        """The learned shapes (computed once per value; see the module docstring for the rules)."""
        if self._verdicts is None:
            self._verdicts = self._compute_verdicts()
            self._scan = _literal_scan(self._verdicts)
        return self._verdicts

    def learned(self) -> list[dict[str, Any]]:
        """What the profile would remove, for review (``cleantext learn``) and reports: one plain record per
        learned shape, the most widespread first."""
        out = [{"shape": display(key), "rule": v.rule or ("profile.head-line" if v.sides & HEAD else
                                                          "profile.tail-line"),
                "strength": v.strength.name.lower(), "category": v.category, "documents": self.rows[key][_D],
                "bodies": len(self.rows[key][_B]), "example": self.rows[key][_X], "why": v.why}
               for key, v in self.verdicts().items()]
        return sorted(out, key=lambda r: (-r["documents"], r["shape"]))

    def lookup(self, line: str) -> tuple[str, Verdict] | None:
        """The learned shape (and its verdict) a stripped line has, or None. Remembered per line: the lines that
        recur across documents are the ones asked about again."""
        if line in self._memo:
            return self._memo[line]
        hit = _lookup(self.verdicts(), line) if self.may_match(line) else None
        if len(self._memo) >= MEMO_LINES:
            self._memo.clear()
        self._memo[line] = hit
        return hit

    def may_match(self, line: str) -> bool:
        """Whether a (stripped) line can have a learned shape: it holds the literal run that one of them needs
        (one scan, so that most lines of a document skip the shape)."""
        self.verdicts()
        return self._scan is None or self._scan.search(scan_form(line)) is not None

    def lookup_all(self, lines: Sequence[str]) -> list[tuple[str, Verdict] | None]:
        """:meth:`lookup` of each (stripped, single) line, with one literal scan over all the lines not yet
        remembered instead of one per line (the result is the same)."""
        memo = self._memo
        out: dict[str, tuple[str, Verdict] | None] = {}
        todo: list[str] = []
        for s in dict.fromkeys(lines):
            if s in memo:
                out[s] = memo[s]
            else:
                todo.append(s)
        if todo:
            table = self.verdicts()
            if self._scan is None:
                maybe = set(todo)
            else:
                # The scan form works character by character (NFKC composes nothing across a line break), and
                # no literal run holds a line break: a run found in the joined text lies in one line, and every
                # line's first run is found (the matches of one line end before its break).
                joined = scan_form("\n".join(todo))
                starts = list(itertools.accumulate((len(s) + 1 for s in joined.split("\n")), initial=0))
                maybe = {todo[bisect.bisect_right(starts, m.start()) - 1] for m in self._scan.finditer(joined)}
            if len(memo) + len(todo) > MEMO_LINES:
                memo.clear()
            for s in todo:
                out[s] = memo[s] = _lookup(table, s) if s in maybe else None
        return [out[s] for s in lines]

    def _compute_verdicts(self) -> dict[str, Verdict]:
        out: dict[str, Verdict] = {}
        banned = _negative_shapes()
        for key, row in self.rows.items():
            bodies = len(row[_B])
            if bodies < MIN_DOCS or key in banned or not learnable(key):
                continue
            edge = row[_H] + row[_T]
            middle = self.middle_count(key)
            if edge < MIN_EDGE_SHARE * (edge + middle):
                continue
            named = NAME in key
            if named and not MIN_NAMES <= len(row[_N]) < SKETCH:
                continue
            sign = boilerplate_sign(key)
            if sign is None and (named or (bodies < SKETCH and bodies < MIN_WEAK_BODY_SHARE * row[_D])):
                continue
            sides = (HEAD if row[_H] else 0) | (TAIL if row[_T] else 0)
            more = "+" if bodies >= SKETCH else ""
            where = " and ".join(f"the {w} of {row[i]}" for w, i in (("head", _H), ("tail", _T)) if row[i])
            why = (f"recurs at {where} of {self.documents} documents ({bodies}{more} distinct bodies; "
                   f"{middle} times in the middle): {display(key)}")
            rule = "profile.template" if MASKS & set(key) else ""
            strength = Strength.STRONG if sign else Strength.WEAK
            out[key] = Verdict(rule, strength, _category(key), sides, why)
        return out


def _fold_all(text: str) -> str:
    """:func:`cleantext.learn.shape.fold` of a whole text in one step: the full-width characters it narrows run by
    run are the only keys of its table, so translating the whole text is the same (and C speed)."""
    if text.isascii():
        return text
    text = text.translate(_NARROW)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


# Code points below which every character with a decomposition lies (the last is U+2FA1D; a unit test checks).
_DECOMPOSABLE_BELOW = 0x30000
# Full-width punctuation and digits (U+FF01–FF5E but the letters) and U+3000: NFKC narrows them, but no literal
# run holds one (runs are CJK or ASCII letters), so the scan need not fold them.
_WIDE_NOT_LETTERS = frozenset(chr(c) for c in [*range(0xFF01, 0xFF21), *range(0xFF3B, 0xFF41), *range(0xFF5B, 0xFF5F),
                                               0x3000])


@lru_cache(maxsize=1)
def _other_compat() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Characters that have a decomposition (so NFKC may change them), but full-width punctuation and digits, as
    two classes: those of the BMP (which ``re`` tests with a bitmap) and the others (a list of ranges, tested only
    on a text that holds a character beyond the BMP). Built on first use."""
    chars = [c for c in map(chr, range(0x80, _DECOMPOSABLE_BELOW))
             if c not in _WIDE_NOT_LETTERS and unicodedata.decomposition(c)]
    return char_classes(chars)


def _needs_fold(text: str) -> bool:
    """Whether ``text`` holds a character (but full-width punctuation and digits) that NFKC may change."""
    bmp, astral = _other_compat()
    return bmp.search(text) is not None or (ASTRAL.search(text) is not None and astral.search(text) is not None)


def scan_form(text: str) -> str:
    """What the literal scan reads of a text: its fold (:func:`_fold_all`) without whitespace other than line
    breaks, except that full-width punctuation and digits may stay wide: no literal run holds one (runs are CJK or
    ASCII letters), and skipping them spares the fold of nearly every Chinese line. A line holds a learned shape's
    literal run in this form whenever it holds it in the full fold: without any other decomposable character, all
    NFKC can do is narrow those and compose a letter with a following mark (which only takes a letter away from a
    run, so that the scan may find more, never less; :func:`_lookup` decides)."""
    if not text.isascii() and _needs_fold(text):
        text = _fold_all(text)
    # str.split() drops what re's \s matches (str.isspace), line by line: the breaks stay.
    return "\n".join(["".join(s.split()) for s in text.split("\n")])


def _trie_source(words: Sequence[str]) -> str:
    """One regex for many literals, factored on common prefixes (an alternation of hundreds of literals makes
    ``re`` try each at every position; a trie tries one branch per character)."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        if "" in node:
            return ""  # a literal ends here: any longer one through this node holds it, and one match is enough
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(trie)


def _literal_scan(verdicts: dict[str, Verdict]) -> Any:
    """One scan for each learned shape's longest literal run (None: some shape has none, so every line must be
    looked up). Which line holds a run is all it answers, so a literal that holds another is dropped."""
    runs = set()
    for key in verdicts:
        longest = max(literal_runs(key), key=len, default="")
        if len(longest) < 2:
            return None
        runs.add(longest)
    return re.compile(_trie_source(sorted(runs))) if runs else None


def _category(key: str) -> str:
    """A masked number, id or e-mail makes a contact line; otherwise the lexicon decides (as ``cleantext learn``)."""
    if (CONTACT_MASKS - {URL}) & set(key):
        return "contact"
    return category_of(key)


@lru_cache(maxsize=1)
def _negative_lines() -> frozenset[str]:
    return frozenset(s.strip() for s in load_negatives())


@lru_cache(maxsize=1)
def _negative_shapes() -> frozenset[str]:
    """Shapes (and name variants) of the shared hard negatives: never learned."""
    out: set[str] = set()
    for line in _negative_lines():
        shape = shape_of(line)
        out.add(shape.key)
        out.update(v for v, _ in name_variants(shape))
    return frozenset(out)


def _lookup(table: dict[str, Verdict], line: str) -> tuple[str, Verdict] | None:
    shape = shape_of(line)
    v = table.get(shape.key)
    if v is not None:
        return shape.key, v
    if len(shape.key) > MAX_NAMED_LINE or boilerplate_sign(shape.key) is None:
        return None
    for variant, _ in name_variants(shape)[:MAX_VARIANTS]:
        v = table.get(variant)
        if v is not None:
            return variant, v
    return None


def _edge_window(lines: Sequence[str], w: int) -> tuple[list[int], list[int]]:
    """The first ``w`` and the last ``w`` non-blank lines (each in document order), found by walking in from each
    end: a large document's middle is never looked at."""
    head: list[int] = []
    for i, line in enumerate(lines):
        if line.strip():
            head.append(i)
            if len(head) == w:
                break
    tail: list[int] = []
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].strip():
            tail.append(i)
            if len(tail) == w:
                break
    tail.reverse()
    return head, tail


def profile_evidence(profile: Profile, lines: Sequence[str]) -> list[Evidence]:
    """Evidence for the lines of one document from what ``profile`` learned (see the module docstring)."""
    table = profile.verdicts()
    if not table:
        return []
    head, tail = _edge_window(lines, EDGE_LINES + EDGE_SLACK)
    if not head:
        return []
    first, last = head[0], tail[-1]
    at: dict[int, int] = {}  # line → the edges whose window holds it (both, in a short document)
    for i in head:
        at[i] = HEAD
    for i in tail:
        at[i] = at.get(i, 0) | TAIL
    negatives = _negative_lines()
    asked = {i: s for i, s in ((i, lines[i].strip()) for i in at) if len(s) <= MAX_LINE and s not in negatives}
    hits = profile.lookup_all(list(asked.values()))
    found: dict[int, tuple[Verdict, int]] = {}
    for (i, _), hit in zip(asked.items(), hits, strict=True):
        sides = at[i]
        if hit is not None and hit[1].sides & sides:
            both = hit[1].sides & sides
            # In a short document both windows hold the line: the nearer edge names it.
            side = both if both != HEAD | TAIL else (HEAD if i - first <= last - i else TAIL)
            found[i] = (hit[1], side)
    if not found:
        return []
    strong = {i for i, (v, _) in found.items() if v.strength is Strength.STRONG}
    out = []
    for i, (v, side) in sorted(found.items()):
        if v.strength is Strength.WEAK:
            above = any(j < i for j in strong if found[j][1] == side)
            below = any(j > i for j in strong if found[j][1] == side)
            if not (above and (below or (side == TAIL and i == last))):
                continue
        rule = v.rule or ("profile.head-line" if side == HEAD else "profile.tail-line")
        out.append(Evidence(i, rule, v.category, v.strength, where="head" if side == HEAD else "tail", why=v.why,
                            anchors=v.strength is Strength.STRONG))
    return out


def document_text(data: bytes | str, encoding: str | None = None, decode_errors: str = "tolerant",
                  max_blank_lines: int = 1) -> str | None:
    """A document as the profile learns it: decoded and normalized as the Cleaner does (``None`` when it cannot
    be decoded: such a document is cleaned, and reported, by the cleaning pass)."""
    from cleantext.errors import CleantextError
    from cleantext.text.decode import decode
    from cleantext.text.normalize import normalize_text

    try:
        return normalize_text(decode(data, encoding, decode_errors)[0], max_blank_lines).text
    except CleantextError:
        return None


def learn_documents(documents: Iterable[bytes | str], **decoding: Any) -> Profile:
    """Learn from raw documents (bytes of any encoding, or str), one at a time; ``decoding``: the Cleaner's
    ``encoding``, ``decode_errors`` and ``max_blank_lines``."""
    return Profile.learn(t for t in (document_text(d, **decoding) for d in documents) if t is not None)


# Files per task of the parallel profile pass: each worker returns one partial profile per chunk.
PATH_CHUNK = 256
# What the profile pass may keep of the files it prepared, for the clean pass (bytes of normalized text, all
# workers together; see :class:`PreparedFiles`). 10 000 files of 2 KB of Chinese text take about 15 MB.
KEEP_BYTES = 256 << 20


def _read_bounded(path: str, limit: int) -> bytes | None:
    """The bytes of a file or URL (fsspec) the profile may learn from; None when it is over ``limit`` (the
    cleaner's max_bytes: the clean pass refuses it too) — its size is checked before it is read."""
    return _read_stamped(path, limit)[0]


def _read_stamped(path: str, limit: int) -> tuple[bytes | None, tuple[int, int] | None]:
    """:func:`_read_bounded`, and the ``(size, mtime_ns)`` of a local file as it was read (None for a URL)."""
    import os

    from cleantext.run import remote

    if remote.is_remote(path):
        return remote.read_remote(path, limit), None
    with open(path, "rb") as f:
        info = os.fstat(f.fileno())
        if info.st_size > limit:
            return None, None
        data = f.read(limit + 1)
    return (data, (info.st_size, info.st_mtime_ns)) if len(data) <= limit else (None, None)


@dataclass
class PreparedFiles:
    """The files the profile pass read, decoded and normalized, kept for the clean pass so that it does not read
    and decode them again: :meth:`take` gives a file's :class:`cleantext.cleaner.Prepared` document once, and only
    while the file is as it was read (same size and modification time). At most a budget of text is kept (see
    ``KEEP_BYTES``): the files past it are read again by the clean pass."""

    docs: dict[str, tuple[tuple[int, int], Any]] = field(default_factory=dict)
    kept_bytes: int = 0

    def __len__(self) -> int:
        return len(self.docs)

    def take(self, path: Any, stamp: tuple[int, int] | None = None) -> Any:
        """The prepared document of file ``path`` (forgotten once taken), or None when it was not kept or has
        changed since; ``stamp``: its ``(size, mtime_ns)`` when the caller has them (else the file is stat'ed)."""
        import os

        entry = self.docs.pop(str(path), None)
        if entry is None:
            return None
        if stamp is None:
            try:
                info = os.stat(path)
            except OSError:
                return None
            stamp = (info.st_size, info.st_mtime_ns)
        return entry[1] if entry[0] == stamp else None


def _text_bytes(text: str) -> int:
    """The memory a str holds (what the keep budget counts)."""
    import sys

    return sys.getsizeof(text)


@dataclass(frozen=True)
class _PathLearner:
    """A worker's part of :func:`learn_and_prepare`: a chunk of files, each read once, prepared as ``config``
    reads (the Cleaner's encoding, decode_errors, max_blank_lines and max_bytes) and counted; the prepared documents
    of local files are kept up to ``keep`` bytes for the clean pass. Unreadable, too large or undecodable files
    are skipped (the clean pass reports them)."""

    config: Any  # CleanerConfig: only what reads a file (no patterns: a worker needs none to learn)
    keep: int = 0

    def __call__(self, paths: Sequence[str]) -> tuple[Profile, PreparedFiles]:
        from cleantext.cleaner import prepare
        from cleantext.errors import CleantextError

        profile, kept = Profile(), PreparedFiles()
        limit = self.config.max_bytes
        for p in paths:
            try:
                data, stamp = _read_stamped(str(p), limit)
                if data is None:
                    continue
                doc = prepare(data, self.config)
            except (OSError, CleantextError):
                continue
            del data
            profile.add(doc.norm.text)
            if stamp is not None and kept.kept_bytes < self.keep:
                cost = _text_bytes(doc.norm.text)
                if kept.kept_bytes + cost <= self.keep:
                    kept.docs[str(p)] = (stamp, doc)
                    kept.kept_bytes += cost
        return profile, kept


def _reading_config(config: Any = None) -> Any:
    """The part of a CleanerConfig that reads a file (what the profile pass ships to its workers)."""
    from cleantext.cleaner import CleanerConfig

    if config is None:
        return CleanerConfig(bundled=False)
    return CleanerConfig(bundled=False, encoding=config.encoding, decode_errors=config.decode_errors,
                         max_blank_lines=config.max_blank_lines, max_bytes=config.max_bytes)


def _learn_paths(paths: Sequence[str]) -> Profile:
    """The profile of some files, each read once and decoded with the default settings (one worker's part of
    :func:`learn_profile_from_paths`; the Dask adapter's task)."""
    return _PathLearner(_reading_config())(paths)[0]


def learn_and_prepare(paths: Iterable[Any], config: Any = None, workers: int = 1,
                      keep: int = KEEP_BYTES) -> tuple[Profile, PreparedFiles]:
    """The profile of a folder's files (``paths``: file names), and what the clean pass can take of what it read
    (:class:`PreparedFiles`, at most ``keep`` bytes of text). Each file is read once, as ``config`` (a
    CleanerConfig; default: the defaults) reads it; ``workers`` processes learn chunks of ``PATH_CHUNK`` files
    whose partial profiles are merged (the same value as one pass)."""
    from cleantext.run.pool import WorkerPool

    names = [str(p) for p in paths]
    if workers <= 1:
        chunks = [tuple(names)]  # in-process: one pass, nothing to merge
    else:
        chunk = max(1, min(PATH_CHUNK, -(-len(names) // workers)))
        chunks = [tuple(names[i : i + chunk]) for i in range(0, len(names), chunk)]
    # Each chunk may keep its share of the budget (what a worker sends back is bounded before it is sent).
    share = keep * max((len(c) for c in chunks), default=0) // max(1, len(names))
    profile, kept = Profile(), PreparedFiles()
    with WorkerPool(_PathLearner(_reading_config(config), share), workers) as pool:
        for part, docs in pool.map(chunks):
            profile.absorb(part, consume=True)
            kept.docs.update(docs.docs)
            kept.kept_bytes += docs.kept_bytes
    return profile, kept


def learn_profile_from_paths(paths: Iterable[Any], workers: int = 1, config: Any = None) -> Profile:
    """The profile of a folder's files (see :func:`learn_and_prepare`), nothing kept for the clean pass."""
    return learn_and_prepare(paths, config, workers, keep=0)[0]
