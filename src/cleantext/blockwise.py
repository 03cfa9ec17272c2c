"""Block-wise cleaning of one huge UTF-8 file: the same output, audit and metadata as ``Cleaner.clean``, in a
fraction of its memory (issue 13 point 7, issue 17: peak RSS ≤ 3 × the document).

``Cleaner.clean`` holds the input bytes, the decoded text, its normalized copy, the list of lines, the evidence of
every line, the kept lines and the joined output at once (about 10 × a CJK document). Here:

1. The file is read in chunks of ``READ_BYTES``, each cut at a line break between two lines with letters (a split
   there cannot change decoding or normalization: no blank run, no edge, no line ending or NFC sequence crosses
   it); each chunk is decoded and normalized on its own and only its lines are kept: one copy of the document.
2. The repetition detector runs once over all the lines (it needs counts over the whole document).
3. The lines are cleaned in blocks of ``BLOCK_LINES``, each with ``MARGIN_LINES`` of context on both sides (the
   structure detector and the zones look at neighbours); only the first block has a head, only the last a tail.
   Each block's kept lines are written as they are decided; the audit keeps global line numbers.

Results are identical to cleaning the file whole, or this module declines (``clean_file`` returns None and writes
nothing) and the caller cleans it whole. It declines when the whole-document path could decide differently:
a file that is not plain UTF-8 (a BOM, NUL, ESC, C0 controls, invalid bytes), mojibake or format controls to
repair (their repair and its notes are per document), a forced encoding, a collection profile or user pattern
files (the profile reads the document's edges, the prose guard weighs the whole document's prose), a block whose
margins hold no plain line of prose (the zones could reach past it), a head or tail block with too few kept lines,
distributor names whose order in one block is not the order of its evidence, or a line elsewhere that the
names or sites revealed in one block would take. The structure detector is assumed to look no further than
``MARGIN_LINES`` / 2 lines around a line (true of its reprint blocks, link lists and calls to action as written).

Callers: the batch worker (``run/batch.py``) tries ``clean_file(cleaner, src, out)`` for a text-format job of at
least ``BLOCKWISE_MIN_BYTES`` before reading the file, and records ``result.audit_record(rel)`` as the file's audit
line; one file to stdout (``cli/main.py``, ``_in_blocks``) cleans it with ``clean_file`` into a temporary file,
then copies that to stdout (as ``clean_file_to`` does, but with a failed write told apart from a failed clean). On
None, both go on as before. JSON output (``--format json``), ``--diff`` and ``-v`` need the whole clean's result:
they stay on the whole path.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

import regex

from cleantext.cleaner import Cleaner, _Probe
from cleantext.decide import (
    SITE_NAMING,
    Decision,
    _slogan_like,
    decide,
    distributor_lines,
    is_anchor,
    judge_rests,
    same_site_lines,
    sites_in,
)
from cleantext.errors import InputTooLargeError
from cleantext.evidence import Evidence, Strength
from cleantext.evidence.patterns import document_budget
from cleantext.evidence.repetition import find_repetition
from cleantext.evidence.structure import find_structure, find_structure_across
from cleantext.extract import ContactBook, distributors_of, find_title
from cleantext.report.auditfile import excerpt_of_lines
from cleantext.result import Metadata, Removal
from cleantext.run.atomic import atomic_output
from cleantext.text.decode import decode
from cleantext.text.fold import fold, needs_fold
from cleantext.text.normalize import normalize_text

# Files of at least this many bytes are cleaned in blocks (below it the whole-document path is cheap enough).
BLOCKWISE_MIN_BYTES = 64 << 20
# Lines decided per block, and lines of context read on each side of a block.
BLOCK_LINES = 50_000
MARGIN_LINES = 400
# Bytes read from the file at a time (the chunk is then cut at the last safe line break).
READ_BYTES = 8 << 20
# How many line breaks back from the end of a chunk a safe one is looked for before more is read.
_SPLIT_TRIES = 2000
_LETTER = regex.compile(r"[\p{L}\p{N}]")
# Characters that normalization could change across a line break, or that end a line early.
_UNSAFE = regex.compile(r"[\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029\p{Cf}]|^\s|\s$")
TITLE_LOOKAHEAD = 64


class _DeclineError(Exception):
    """The file cannot be cleaned block-wise with results identical to the whole-document path (the reason)."""


@dataclass
class BlockwiseResult:
    """What a block-wise clean returns instead of a ``CleanResult``: the text went to the output file as it was
    decided, and neither it nor the normalized text is held. ``removed`` has the lines of the normalized text;
    the rest is what the batch's audit file records of a document (``audit_record``)."""

    metadata: Metadata
    removed: tuple[Removal, ...]  # empty when they went to a spool (``clean_file``'s ``spool``)
    blocks: int
    body_chars: int  # len(CleanResult.text)
    body_hash: str | None  # auditfile.body_hash of the text, None when it is blank
    chars: int  # len(CleanResult.normalized)
    lines: int  # lines of the normalized text
    excerpt: list[list[Any]] | None  # auditfile.excerpt of the normalized text, None without removals or spooled
    removal_count: int = 0  # len(removed) of the whole clean, spooled or not
    categories: dict[str, int] = dataclasses.field(default_factory=dict)  # its removals by category, first seen first

    def audit_record(self, path: str, status: str = "ok") -> dict[str, Any]:
        """``auditfile.audit_record(path, result, status=status)`` of the whole clean's result (a block-wise
        document is never short enough for its whole normalized text to be kept)."""
        return {"path": path, "status": status, "encoding": self.metadata.encoding, "error": None,
                "result": {"metadata": self.metadata.to_dict(), "removed": [r.to_dict() for r in self.removed]},
                "body": {"chars": self.body_chars, "hash": self.body_hash}, "chars": self.chars,
                "lines": self.lines, "normalized": None, "excerpt": self.excerpt}


class RemovalSink(Protocol):
    """Where a block-wise clean can send its removals instead of keeping them (``run.auditspool.AuditSpool``)."""

    def add(self, removals: Iterable[Removal]) -> None: ...

    def add_excerpt(self, lines: Sequence[str]) -> None: ...


def clean_file(cleaner: Cleaner, src: str | Path, out: str | Path,
               spool: RemovalSink | None = None) -> BlockwiseResult | None:
    """Clean the file ``src`` into ``out`` (UTF-8 text and a final newline, as ``cleantext clean`` writes it,
    atomically) block by block; None, with nothing written, when the file is under ``BLOCKWISE_MIN_BYTES`` or
    when the result could differ from ``cleaner.clean(src.read_bytes())`` (see the module docstring): then the
    caller cleans it whole. With ``spool``, each block's removals go there as they are decided (and the excerpt
    once at the end) instead of into the result, so that their memory stays one block's; a decline can come
    after some went there: the caller then drops the spool."""
    size = os.stat(src).st_size
    if size > cleaner.config.max_bytes:
        raise InputTooLargeError(f"the input is {size / 1e6:.0f} MB, over the limit of "
                                 f"{cleaner.config.max_bytes / 1e6:.0f} MB (CleanerConfig.max_bytes)",
                                 size=size, limit=cleaner.config.max_bytes)
    if size < BLOCKWISE_MIN_BYTES or not _eligible(cleaner):
        return None
    try:
        lines, folded = read_lines(src, cleaner)
        if len(lines) <= BLOCK_LINES + MARGIN_LINES:
            return None
        with atomic_output(Path(out), "w", encoding="utf-8", newline="") as f:
            return _clean_lines(cleaner, lines, folded, f, spool)
    except _DeclineError:
        return None


def clean_file_to(cleaner: Cleaner, src: str | Path, stream: IO[bytes]) -> BlockwiseResult | None:
    """``clean_file`` for one file to stdout: the text goes to a temporary file first (a decline can come after
    some blocks are written), then to ``stream`` in pieces; None, with nothing written, as ``clean_file``."""
    with tempfile.TemporaryDirectory(prefix="cleantext-blocks-") as tmp:
        out = Path(tmp) / "out.txt"
        result = clean_file(cleaner, src, out)
        if result is not None:
            with open(out, "rb") as f:
                shutil.copyfileobj(f, stream, 1 << 20)
        return result


def why_not(cleaner: Cleaner, src: str | Path) -> str | None:
    """Why ``clean_file`` would decline ``src`` before cleaning it (None: it can be read block-wise; the cleaning
    stage may still decline). For tests, benchmarks and ``--verbose``; it reads the file."""
    if not _eligible(cleaner):
        return "a forced encoding, a collection profile or user pattern files"
    if os.stat(src).st_size < BLOCKWISE_MIN_BYTES:
        return f"under {BLOCKWISE_MIN_BYTES >> 20} MB (BLOCKWISE_MIN_BYTES): cleaned whole"
    try:
        read_lines(src, cleaner)
    except _DeclineError as err:
        return str(err)
    return None


def _eligible(cleaner: Cleaner) -> bool:
    return cleaner.config.encoding is None and cleaner.profile is None and not cleaner.user_files


# -- 1. reading: chunks cut at safe line breaks, decoded and normalized one at a time ---------------------------


def _safe(line: bytes) -> bool:
    """A line next to which a chunk may be cut: letters of its own, no line-ending or invisible character, no
    space at either end (so normalization leaves it non-blank and changes nothing across the break)."""
    try:
        s = line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return _LETTER.search(s) is not None and _UNSAFE.search(s) is None


def _split_at(buf: bytes) -> int:
    """The position of a line break in ``buf`` between two complete safe lines, the last one found; -1 if none."""
    end = buf.rfind(b"\n")  # the line after a candidate break must be complete
    for _ in range(_SPLIT_TRIES):
        if end <= 0:
            return -1
        at = buf.rfind(b"\n", 0, end)
        if at < 0:
            return -1
        before = buf.rfind(b"\n", 0, at) + 1
        if _safe(buf[at + 1:end]) and _safe(buf[before:at]):
            return at
        end = at
    return -1


def _chunks(src: str | Path) -> Iterator[bytes]:
    """The file's bytes in pieces that end at safe line breaks (the break itself dropped), the last piece whole."""
    buf = b""
    with open(src, "rb") as f:
        while True:
            more = f.read(READ_BYTES)
            if not more:
                break
            buf += more
            at = _split_at(buf)
            if at >= 0:
                yield buf[:at]
                buf = buf[at + 1:]
    yield buf


def read_lines(src: str | Path, cleaner: Cleaner) -> tuple[list[str], bool]:
    """The normalized lines of the file, and whether the text needs the traditional→simplified fold; raises
    _DeclineError when a chunk's decoding or normalization is not plain (its result could depend on the whole)."""
    cfg = cleaner.config
    lines: list[str] = []
    folded = False
    for n, data in enumerate(_chunks(src)):
        if b"\x00" in data or b"\x1b" in data:
            raise _DeclineError("NUL or ESC bytes: another decoding path")
        text, enc = decode(data, None, cfg.decode_errors)
        del data
        if enc.encoding != "utf-8" or enc.confidence != 1.0 or enc.warnings:
            raise _DeclineError(f"chunk {n}: decoded as {enc.encoding} {enc.confidence} {list(enc.warnings)}")
        norm = normalize_text(text, cfg.max_blank_lines)
        del text
        if norm.notes or any(s.startswith("fix_mojibake") for s in norm.steps):
            raise _DeclineError(f"chunk {n}: {'format controls' if norm.notes else 'mojibake'} to repair")
        folded = folded or needs_fold(norm.text)
        lines.extend(norm.text.split("\n") if norm.text else [])
    return lines, folded


# -- 3. cleaning: blocks with margins, output written as decided -------------------------------------------------


class _Writer:
    """``cleaner.join_kept`` as a stream: the kept lines of every block in, the same text out (blank runs shrunk,
    blank lines at both edges dropped), with the final newline the CLI adds; keeps the first lines for the title."""

    def __init__(self, f: IO[str], max_blank_lines: int) -> None:
        self.f, self.max_blank = f, max_blank_lines
        self.n = 0  # lines written
        self.chars = 0  # characters of the text, without the final newline
        self.blank = 0
        self.head: list[str] = []
        self.hash = hashlib.blake2b(digest_size=12)  # = auditfile.body_hash of the text
        self.visible = False  # whether the text is more than white space

    def _emit(self, line: str) -> None:
        if self.n:
            self.f.write("\n")
            self.hash.update(b"\n")
            self.chars += 1
        self.f.write(line)
        self.hash.update(line.encode("utf-8", "surrogatepass"))
        self.chars += len(line)
        self.visible = self.visible or (bool(line) and not line.isspace())
        self.n += 1
        if len(self.head) < TITLE_LOOKAHEAD:
            self.head.append(line)

    def add(self, kept: Sequence[str | None]) -> None:
        for line in kept:
            if line is None:
                continue
            if not line:
                self.blank += 1
                continue
            if self.blank and self.n:
                for _ in range(self.blank if self.max_blank < 0 else min(self.blank, self.max_blank)):
                    self._emit("")
            self.blank = 0
            self._emit(line)

    def close(self) -> None:
        if self.n:
            self.f.write("\n")


@dataclass
class _Block:
    """One block: the lines it decides [start, end) and the window [lo, hi) the detectors see."""

    start: int
    end: int
    lo: int
    hi: int
    first: bool
    last: bool


def _blocks(n: int) -> Iterator[_Block]:
    for start in range(0, n, BLOCK_LINES):
        end = min(start + BLOCK_LINES, n)
        if n - end < BLOCK_LINES // 4:  # a short last block would have a thin tail: it joins this one
            end = n
        yield _Block(start, end, max(0, start - MARGIN_LINES), min(n, end + MARGIN_LINES), start == 0, end == n)
        if end == n:
            return


def _by_window(evidence: list[Evidence]) -> dict[int, list[Evidence]]:
    """The repetition evidence by line, in the order the detector gave it."""
    out: dict[int, list[Evidence]] = {}
    for ev in evidence:
        out.setdefault(ev.line, []).append(ev)
    return out


def _clean_lines(cleaner: Cleaner, lines: list[str], folded: bool, f: IO[str],
                 spool: RemovalSink | None = None) -> BlockwiseResult:
    cfg = cleaner.config
    repetition = _by_window(find_repetition(lines))
    variants = {  # the cleaner with the head and tail of each kind of block (the compiled rules are shared)
        (h, t): Cleaner._restore(dataclasses.replace(cfg, head_lines=h, tail_lines=t), cleaner.pattern_set,
                                 cleaner.shadow_rules)
        for h in (0, cfg.head_lines) for t in (0, cfg.tail_lines)}
    writer = _Writer(f, cfg.max_blank_lines)
    audit: list[Removal] = []
    contacts = ContactBook()
    first_seen: dict[str, tuple[int, ...]] = {}  # distributor name → where the whole document would first see it
    sites: set[str] = set()
    removed_lines: set[int] = set()
    categories: Counter[str] = Counter()
    count = 0
    blocks = 0
    for block in _blocks(len(lines)):
        blocks += 1
        c = variants[(cfg.head_lines if block.first else 0, cfg.tail_lines if block.last else 0)]
        decision, kept, block_audit, keys = _clean_block(c, lines, block, blocks, folded, repetition, contacts)
        for name, key in keys.items():
            if name not in first_seen or key < first_seen[name]:
                first_seen[name] = key
        found = [e for e in decision.removed.values() if e.match is not None]
        found += [e for es in decision.cuts.values() for e in es if e.match is not None]
        sites |= sites_in(e.match.group() for e in found if e.category in SITE_NAMING)
        removed_lines.update(block.lo + i for i in decision.removed if block.start <= block.lo + i < block.end)
        count += len(block_audit)
        categories.update(r.category for r in block_audit)
        if spool is None:
            audit.extend(block_audit)
        else:
            spool.add(block_audit)
        del block_audit
        writer.add(kept)
    writer.close()
    distributors = sorted(first_seen, key=first_seen.__getitem__)
    if cfg.zones and (distributors or sites):
        _check_names(lines, folded, distributors, sites, removed_lines)
    metadata = Metadata(
        title=find_title(writer.head, distributors), encoding="utf-8", confidence=1.0, contacts=contacts.as_dict(),
        distributors=distributors, lines_in=len(lines), lines_out=writer.n, warnings=[])
    if spool is not None and count:
        spool.add_excerpt(lines)
    return BlockwiseResult(metadata, tuple(audit), blocks, writer.chars,
                           writer.hash.hexdigest() if writer.visible else None,
                           sum(map(len, lines)) + len(lines) - 1, len(lines),
                           _excerpt(lines, audit) if audit else None, count, dict(categories))


def _excerpt(lines: list[str], removed: list[Removal]) -> list[list[Any]]:
    """``auditfile.excerpt`` read from the lines (the normalized text is never joined here)."""
    return list(excerpt_of_lines(lines, (r.line for r in removed)))


def _clean_block(cleaner: Cleaner, lines: list[str], block: _Block, number: int, folded: bool,
                 repetition: dict[int, list[Evidence]], contacts: ContactBook
                 ) -> tuple[Decision, list[str | None], list[Removal], dict[str, tuple[int, ...]]]:
    """Decide the window of one block as ``Cleaner.clean`` decides a document (same stages, same order), and
    assemble the lines of the block itself: (the decision, the kept lines of the block, its audit, where the
    whole document would first see each distributor name the block reveals)."""
    cfg = cleaner.config
    lo, hi = block.lo, block.hi
    wl = lines[lo:hi]
    wml = [fold(line) for line in wl] if folded else wl
    wtext = "\n".join(wml)
    evidence = find_structure(wml)
    evidence.extend(dataclasses.replace(ev, line=ev.line - lo)
                    for i in range(lo, hi) for ev in repetition.get(i, ()))
    budget = cfg.rule_budget * max(1.0, len(wtext) / 1e6) if cfg.rule_budget else None
    with document_budget(budget):
        evidence[:0] = cleaner._rule_evidence(wl, wml, wtext)
        _check_margins(wl, block, evidence)
        probe = _Probe(cleaner.pattern_set, wml, wl, cleaner.shadow_rules) if cleaner.pattern_set.patterns else None
        decision = decide(wml, wtext, evidence, head_lines=cfg.head_lines, tail_lines=cfg.tail_lines,
                          zones=cfg.zones, probe=probe, folded=folded, guarded=cleaner.user_files,
                          across=find_structure_across)
        keys = _name_keys(cleaner, decision, evidence, lo, number)
        del evidence
        if decision.cuts:
            judge_rests(cleaner._rest_view(wml, decision, probe), decision, find_structure)
        _check_edges(wl, block, decision, cfg.head_lines, cfg.tail_lines)
        audit: list[Removal] = []
        kept: list[str | None] = list(wl)
        start, end = block.start - lo, block.end - lo
        for i in sorted(decision.removed.keys() | decision.cuts.keys()):
            if start <= i < end:
                cleaner._assemble_line(i, wl, wml, decision, folded, audit, contacts, kept)
    audit.sort(key=lambda r: (r.line, r.start))
    return decision, kept[start:end], [dataclasses.replace(r, line=r.line + lo) for r in audit], keys


def _name_keys(cleaner: Cleaner, decision: Decision, evidence: list[Evidence], lo: int,
               number: int) -> dict[str, tuple[int, ...]]:
    """For each distributor name of the block's decision, a key that orders it as the whole document's decision
    would (``decide``: names in order of first appearance among the removed lines' evidence, then the cuts'). The
    removed lines come first in the order of their evidence: whole-line rule hits by line, then shadow rules' hits
    by line, then what the edge rounds and the zones took (first and last block only); then the cut lines by
    line."""
    initial: dict[int, Evidence] = {}
    for ev in evidence:
        if ev.span is None and ev.strength >= Strength.STRONG:
            initial.setdefault(ev.line, ev)
    shadow = {p.id for p in cleaner.shadow_rules}
    keys: dict[str, tuple[int, ...]] = {}
    for pos, (i, ev) in enumerate(decision.removed.items()):
        if ev.match is not None:
            if initial.get(i) is ev:
                key: tuple[int, ...] = (0, ev.rule in shadow, lo + i, 0)
            else:
                key = (0, 2, number, pos)
            for name in distributors_of([(ev.match, ev.source)]):
                keys.setdefault(name, key)
    for i, cuts in decision.cuts.items():
        for k, ev in enumerate(cuts):
            if ev.match is not None:
                for name in distributors_of([(ev.match, ev.source)]):
                    keys.setdefault(name, (1, lo + i, k, 0))
    if sorted(keys, key=keys.__getitem__) != decision.distributors:
        raise _DeclineError("the block's distributor names are not in the order its evidence gives")
    return keys


def _plain_prose(line: str, named: set[int], j: int) -> bool:
    return j not in named and bool(line.strip()) and is_anchor(line) and not _slogan_like(line.strip())


def _check_margins(wl: list[str], block: _Block, evidence: list[Evidence]) -> None:
    """Each margin beside the block must hold, in its half next to the block, a line of prose no detector named:
    then the zones of the window (before its first and after its last anchor) lie outside the block, as the
    document's do, and the tail block stops there."""
    named = {ev.line for ev in evidence}
    reach = MARGIN_LINES // 2
    if not block.first:
        before = range(block.start - block.lo - 1, max(block.start - block.lo - reach, 0) - 1, -1)
        if not any(_plain_prose(wl[j], named, j) for j in before):
            raise _DeclineError(f"no plain prose line just before line {block.start + 1}")
    if not block.last:
        after = range(block.end - block.lo, min(block.end - block.lo + reach, len(wl)))
        if not any(_plain_prose(wl[j], named, j) for j in after):
            raise _DeclineError(f"no plain prose line just after line {block.end}")


def _check_edges(wl: list[str], block: _Block, decision: Decision, head: int, tail: int) -> None:
    """The head (tail) rules judge the first (last) kept lines: those must lie in the first (last) block."""
    def kept(rng: range) -> int:
        return sum(1 for i in rng if wl[i].strip() and i not in decision.removed)

    if block.first and not block.last and kept(range(0, block.end - block.lo)) <= head:
        raise _DeclineError("too few kept lines in the first block")
    if block.last and not block.first and kept(range(block.start - block.lo, len(wl))) <= tail:
        raise _DeclineError("too few kept lines in the last block")


def _check_names(lines: list[str], folded: bool, distributors: list[str], sites: set[str],
                 removed: set[int]) -> None:
    """A line the whole document would take for the names or sites revealed anywhere (a line that is nothing but
    a distributor's name, a short line of an address on such a site) must have been taken by its own block."""
    names = distributors + [fold(n) for n in distributors] if folded else distributors
    for start in range(0, len(lines), BLOCK_LINES):
        chunk = lines[start:start + BLOCK_LINES]
        ml = [fold(line) for line in chunk] if folded else chunk
        text = "\n".join(ml)
        taken = {i - start for i in removed if start <= i < start + len(chunk)}
        extra = distributor_lines(ml, text, names, taken) if names else []
        extra += same_site_lines(ml, text, sites, taken | set(extra)) if sites else []
        if extra:
            raise _DeclineError(f"line {start + extra[0] + 1} would go for a name or site found in another block")
