"""``CleanerConfig`` and ``Cleaner``: the stages wired together, patterns compiled once.

The orchestration stays one readable method, :meth:`Cleaner.clean` (decode → normalize → match → zones → apply →
extract); each stage is a function of its own module.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleantext.audit import collapse_blank_lines
from cleantext.text.decode import decode
from cleantext.errors import CleantextError, RuleTimeoutError
from cleantext.extract import ContactBook, distributors_of, find_title
from cleantext.text.fold import fold, needs_fold
from cleantext.evidence.rules import Hit, PatternSet, find_hits
from cleantext.text.normalize import normalize_text
from cleantext.evidence.patterns import CONTACT_GROUPS, Pattern, builtin_pattern_files, load_patterns
from cleantext.result import CleanResult, Metadata, Removal
from cleantext.evidence.shadow import find_shadow_hits
from cleantext.decide import distributor_lines, same_site_lines, sites_in, tail_block_lines

DEFAULT_MAX_BYTES = 1 << 30
TITLE_LOOKAHEAD = 64
ZONE_CATEGORY = {"zone.distributor-name": "brand", "zone.tail-block": "promo", "zone.same-site": "site"}


def _first_kept(lines: list[str], gone: set[int] | Any, order: range, n: int) -> list[int]:
    """Of the first ``n`` non-blank lines in ``order`` that are not ``gone`` (a walk from one end), those that
    were not already among the first ``n`` non-blank lines of the input: the matcher judged those."""
    found: list[int] = []
    kept = rank = 0
    for i in order:
        if kept >= n:
            break
        if not lines[i].strip():
            continue
        if i not in gone:
            kept += 1
            if rank >= n:
                found.append(i)
        rank += 1
    return found


def _rest_after(line: str, hits: list[Hit]) -> str:
    """What inline cuts leave of a line."""
    pieces, last = [], 0
    for h in hits:
        pieces.append(line[last : h.start])
        last = h.end
    pieces.append(line[last:])
    return "".join(pieces)


def join_kept(kept: list[str | None], max_blank_lines: int) -> str:
    """The kept lines as text, with the blank runs and edges that removals left behind normalized again (the lines
    themselves are already normalized): exactly what replaying the audit gives (``audit.replay``)."""
    return collapse_blank_lines("\n".join(line for line in kept if line is not None), max_blank_lines)


class InputTooLargeError(CleantextError):
    """The input is larger than ``CleanerConfig.max_bytes``."""


@dataclass(frozen=True)
class CleanerConfig:
    """Every option of a Cleaner, with its default. Change one with ``dataclasses.replace(config, ...)``.

    - ``patterns``: extra pattern files or folders, loaded after the bundled ones.
    - ``bundled``: load the bundled ``patterns/`` (set False to use only your own).
    - ``disable``: pattern ids to switch off; an entry ending in ``.`` (``"ad."``) switches off a whole category.
    - ``encoding``: force a codec instead of detecting one; ``decode_errors``: ``tolerant`` | ``strict`` | ``replace``.
    - ``max_blank_lines``: runs of blank lines are shrunk to this many.
    - ``head_lines``/``tail_lines``: how many non-blank lines count as the head/tail for head/tail patterns.
    - ``zones``: apply the zone rules (distributor names, tail block).
    - ``max_bytes``: refuse larger inputs with a clear error instead of exhausting memory.
    """

    patterns: tuple[str, ...] = ()
    bundled: bool = True
    disable: tuple[str, ...] = ()
    encoding: str | None = None
    decode_errors: str = "tolerant"
    max_blank_lines: int = 1
    head_lines: int = 10
    tail_lines: int = 15
    zones: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES
    extra: tuple[Pattern, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        if self.decode_errors not in ("tolerant", "strict", "replace"):
            raise ValueError(f"decode_errors must be tolerant, strict or replace, not {self.decode_errors!r}")
        for name in ("patterns", "disable"):
            value = getattr(self, name)
            if isinstance(value, (str, Path)):
                object.__setattr__(self, name, (str(value),))
            else:
                object.__setattr__(self, name, tuple(str(v) for v in value))


def _disabled(pattern_id: str, disable: Sequence[str]) -> bool:
    return any(pattern_id == d or (d.endswith(".") and pattern_id.startswith(d)) for d in disable)


def build_pattern_set(config: CleanerConfig) -> tuple[PatternSet, tuple[Pattern, ...]]:
    """Load bundled and user patterns (all checked), drop the disabled ones, and split them: ordinary rules are
    indexed by keyword; shadow rules only ever judge lines that look obfuscated (see ``shadow.py``)."""
    paths: list[str | Path] = list(builtin_pattern_files()) if config.bundled else []
    paths.extend(config.patterns)
    patterns = [p for p in load_patterns(paths) + list(config.extra) if not _disabled(p.id, config.disable)]
    return PatternSet([p for p in patterns if not p.shadow]), tuple(p for p in patterns if p.shadow)


class Cleaner:
    """A reusable cleaner: patterns are loaded, checked and compiled once, then used for any number of documents.

    Picklable: it travels to worker processes with its compiled patterns, without reading pattern files again.

    >>> Cleaner().clean("仅供学习 禁止外传 用后删除\\n标题\\n正文，第一段。").text
    '标题\\n正文，第一段。'
    """

    def __init__(self, config: CleanerConfig | None = None, **options: Any) -> None:
        if "extra_patterns" in options:
            options["patterns"] = tuple(options.pop("extra_patterns"))
        self.config = dataclasses.replace(config or CleanerConfig(), **options)
        self.pattern_set, self.shadow_rules = build_pattern_set(self.config)

    @classmethod
    def _restore(cls, config: CleanerConfig, pattern_set: PatternSet, shadow_rules: tuple[Pattern, ...]) -> Cleaner:
        self = cls.__new__(cls)
        self.config = config
        self.pattern_set = pattern_set
        self.shadow_rules = shadow_rules
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Cleaner._restore, (self.config, self.pattern_set, self.shadow_rules))

    @property
    def patterns(self) -> tuple[Pattern, ...]:
        """Every active rule, ordinary and shadow."""
        return self.pattern_set.patterns + self.shadow_rules

    @staticmethod
    def _source(lines: list[str], hit: Hit) -> str | None:
        """The original text a hit's match ran on: the stripped line for whole-line rules, the line for inline
        ones, nothing for shadow rules (their matched string is the shadow)."""
        if hit.pattern.shadow:
            return None
        line = lines[hit.line]
        return line if hit.pattern.scope == "inline" else line.strip()

    def _assemble_line(self, i: int, lines: list[str], mlines: list[str], removed: dict[int, Hit | str],
                       inline: dict[int, list[Hit]], folded: bool, audit: list[Removal], contacts: ContactBook,
                       kept: list[str | None]) -> None:
        """Record what happens to decided line ``i``: the audit entries, its contacts, what is kept of it."""
        line = lines[i]
        verdict = removed.get(i)
        if verdict is not None:
            rule, category = ((verdict.pattern.id, verdict.pattern.category) if isinstance(verdict, Hit)
                              else (verdict, ZONE_CATEGORY[verdict]))
            audit.append(Removal(rule, category, i + 1, 0, len(line), line))
            if isinstance(verdict, Hit):
                contacts.add_match(verdict.match, self._source(lines, verdict))
                self._harvest(mlines[i], verdict.pattern, contacts, line)
            contacts.add_free_text(line)
            kept[i] = None
            return
        segments, last = [], 0  # the (start, end) pieces of the line that the cuts leave
        for h in inline[i]:
            segments.append((last, h.start))
            cut = line[h.start : h.end]
            audit.append(Removal(h.pattern.id, h.pattern.category, i + 1, h.start, h.end, cut))
            contacts.add_match(h.match, line)
            contacts.add_free_text(cut)
            last = h.end
        segments.append((last, len(line)))
        rest = "".join(line[s:e] for s, e in segments)
        if not rest.strip():
            kept[i] = None  # nothing but ads: the line goes, the paragraph around it stays whole
            return
        # What the cuts leave may be boilerplate of its own ("<brand>出品【<site>首发】").
        second = self._whole_line_hit(fold(rest) if folded else rest)
        if second is None:
            kept[i] = rest.rstrip()
            return
        p, m = second
        audit.extend(Removal(p.id, p.category, i + 1, s, e, line[s:e]) for s, e in segments if line[s:e].strip())
        contacts.add_match(m, rest.strip())
        kept[i] = None

    def _edge_rules_on_kept_lines(self, mlines: list[str], whole: dict[int, Hit], inline: dict[int, list[Hit]],
                                  removed: set[int]) -> bool:
        """Head and tail rules judge the first and last lines of what is *kept*, not of the input: when other rules
        removed a stack of head lines, the follow-us prompt below them is still at the head (and cleaning the
        output again finds nothing new). ``removed`` holds the lines already going (rules and zones). Returns
        whether it found anything; repeats until no edge line changes (at most head + tail rounds)."""
        cfg = self.config
        if not self.pattern_set.patterns or not any(p.scope in ("head", "tail") for p in self.pattern_set.patterns):
            return False
        # Lines that inline cuts empty, or leave as boilerplate of its own, are dropped too: they do not count.
        emptied = {i for i, hits in inline.items()
                   if not (rest := _rest_after(mlines[i], hits)).strip() or self._whole_line_hit(rest) is not None}
        found = False
        changed = True
        while changed:
            changed = False
            gone = whole.keys() | emptied | removed
            edges = [(i, "head") for i in _first_kept(mlines, gone, range(len(mlines)), cfg.head_lines)]
            edges += [(i, "tail") for i in _first_kept(mlines, gone, range(len(mlines) - 1, -1, -1), cfg.tail_lines)]
            for i, scope in edges:
                if i in whole or i in inline:
                    continue
                try:
                    for p in self.pattern_set.patterns_for(mlines[i]):
                        if p.scope == scope:
                            m = p.matches_line(mlines[i])
                            if m is not None:
                                whole[i] = Hit(p, i, 0, len(mlines[i]), m)
                                changed = found = True
                                break
                except RuleTimeoutError as err:
                    raise RuleTimeoutError(err.rule, err.seconds, i + 1) from None
        return found

    def _whole_line_hit(self, line: str) -> tuple[Pattern, Any] | None:
        """The first whole-line rule (scope ``line``) that removes ``line``, with its match."""
        if not self.pattern_set.patterns or not line.strip():
            return None
        for p in self.pattern_set.patterns_for(line):
            if p.scope == "line":
                m = p.matches_line(line)
                if m is not None:
                    return p, m
        return None

    def _harvest(self, line: str, winner: Pattern, contacts: ContactBook, original: str) -> None:
        """Contacts named by other whole-line rules that also match a removed line: the first rule that matched
        decided the removal, but a later one may be the one that knows where the 公众号 name or QQ number sits."""
        if not self.pattern_set.patterns:
            return
        for p in self.pattern_set.patterns_for(line):
            if p is winner or p.scope == "inline" or not (CONTACT_GROUPS & set(p.compiled.groupindex)):
                continue
            m = p.matches_line(line)
            if m is not None:
                contacts.add_match(m, original.strip())

    def __repr__(self) -> str:
        return f"Cleaner({len(self.patterns)} patterns)"

    def clean(self, data: bytes | str) -> CleanResult:
        """Clean one document (bytes of any encoding, or str): the clean body, its metadata, the audit."""
        cfg = self.config
        if isinstance(data, (bytes, bytearray)) and len(data) > cfg.max_bytes:
            raise InputTooLargeError(f"the input is {len(data) / 1e6:.0f} MB, over the limit of "
                                     f"{cfg.max_bytes / 1e6:.0f} MB (CleanerConfig.max_bytes)")
        text, enc = decode(data, cfg.encoding, cfg.decode_errors)
        norm = normalize_text(text, cfg.max_blank_lines)
        del text  # a large document should not be held twice
        lines = norm.text.split("\n") if norm.text else []
        # Rules are written in simplified characters; traditional text is matched on its fold (same offsets).
        folded = needs_fold(norm.text)
        mtext = fold(norm.text) if folded else norm.text
        mlines = mtext.split("\n") if folded and mtext else lines

        whole, inline = find_hits(self.pattern_set, mlines, mtext, cfg.head_lines, cfg.tail_lines)
        whole.update(find_shadow_hits(self.shadow_rules, mlines, mtext, set(whole)))
        while True:  # zones, then head/tail rules on the edges of what is kept; again if those found more
            hits = [*whole.values(), *(h for hs in inline.values() for h in hs)]
            distributors = distributors_of((h.match, self._source(lines, h)) for h in hits)
            removed: dict[int, Hit | str] = dict(whole)
            if cfg.zones:
                names = distributors + [fold(n) for n in distributors] if folded else distributors
                for i in distributor_lines(mlines, mtext, names, set(removed)):
                    removed[i] = "zone.distributor-name"
                sites = sites_in(h.match.group() for h in hits)
                for i in same_site_lines(mlines, mtext, sites, set(removed)):
                    removed[i] = "zone.same-site"
                for i in tail_block_lines(mlines, removed, inline):
                    removed[i] = "zone.tail-block"
            if not self._edge_rules_on_kept_lines(mlines, whole, inline, set(removed)):
                break

        # Assemble: only the decided lines are visited; the others are kept as they are.
        audit: list[Removal] = []
        contacts = ContactBook()
        kept: list[str | None] = list(lines)
        for i in sorted(set(removed) | set(inline)):
            try:
                self._assemble_line(i, lines, mlines, removed, inline, folded, audit, contacts, kept)
            except RuleTimeoutError as err:
                raise RuleTimeoutError(err.rule, err.seconds, i + 1) from None

        audit.sort(key=lambda r: (r.line, r.start))
        out = norm.text if not audit else join_kept(kept, cfg.max_blank_lines)
        n_out = out.count("\n") + 1 if out else 0
        warnings = list(enc.warnings)
        if "fix_mojibake" in norm.steps:
            warnings.append("mojibake repaired (ftfy)")
        metadata = Metadata(
            title=find_title(out.split("\n", TITLE_LOOKAHEAD)[:TITLE_LOOKAHEAD]), encoding=enc.encoding,
            confidence=round(enc.confidence, 4), contacts=contacts.as_dict(), distributors=distributors,
            lines_in=len(lines), lines_out=n_out, warnings=warnings)
        return CleanResult(out, metadata, tuple(audit), norm.text)


_default: Cleaner | None = None


def default_cleaner() -> Cleaner:
    """The process-wide Cleaner with default settings (built on first use)."""
    global _default
    if _default is None:
        _default = Cleaner()
    return _default


def clean(data: bytes | str, **options: Any) -> CleanResult:
    """Clean one document with the bundled patterns; options are those of :class:`CleanerConfig`.

    >>> r = clean("仅供学习 禁止外传 用后删除\\n年度总结\\n今年完成了全部任务。".encode("gb18030"))
    >>> r.text, r.metadata.title, r.metadata.encoding
    ('年度总结\\n今年完成了全部任务。', '年度总结', 'gb18030')
    """
    cleaner = Cleaner(**options) if options else default_cleaner()
    return cleaner.clean(data)
