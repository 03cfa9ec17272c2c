"""``CleanerConfig`` and ``Cleaner``: the stages wired together, patterns compiled once.

The orchestration stays one readable method, :meth:`Cleaner.clean` (decode → normalize → match → zones → apply →
extract); each stage is a function of its own module. :meth:`Cleaner.prepare` is its first two stages alone: a pass
that reads every document before cleaning (the collection profile) keeps the :class:`Prepared` document and hands it
to ``clean``, so that no document is decoded and normalized twice.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from cleantext.decide import Decision, decide, judge_rests, kept_segments
from cleantext.errors import InputTooLargeError, PatternError, RuleTimeoutError
from cleantext.evidence import Evidence
from cleantext.evidence.patterns import (
    DOCUMENT_BUDGET,
    Pattern,
    builtin_pattern_dir,
    builtin_pattern_files,
    document_budget,
    load_patterns,
)
from cleantext.evidence.repetition import find_repetition
from cleantext.evidence.rules import PatternSet, RuleProbe, find_hits, hit_evidence, whole_line_rule
from cleantext.evidence.shadow import find_shadow_hits
from cleantext.evidence.structure import find_structure, find_structure_across
from cleantext.extract import ContactBook, find_title
from cleantext.result import CleanResult, EncodingInfo, Metadata, Removal
from cleantext.spans import join_pieces
from cleantext.text.decode import decode
from cleantext.text.fold import fold, needs_fold
from cleantext.text.normalize import Normalized, normalize_text

if TYPE_CHECKING:
    from cleantext.evidence.profile import Profile

DEFAULT_MAX_BYTES = 1 << 30
TITLE_LOOKAHEAD = 64


def size_over(data: bytes | bytearray | memoryview | str, limit: int) -> int | None:
    """The input's size in bytes when it is over ``limit``, else None. A ``str`` counts as its UTF-8 (a lower bound
    when its length alone is over), encoded only when its length cannot tell; a ``memoryview`` as its bytes."""
    if isinstance(data, str):
        if len(data) > limit:
            return len(data)
        if len(data) * 4 <= limit:  # no character takes more than 4 bytes
            return None
        size = len(data.encode("utf-8", "surrogatepass"))
    elif isinstance(data, memoryview):
        size = data.nbytes
    elif isinstance(data, (bytes, bytearray)):
        size = len(data)
    else:
        return None  # not an input at all: decoding refuses it with a TypeError that says so
    return size if size > limit else None


def join_kept(kept: list[str | None], max_blank_lines: int) -> str:
    """The kept lines as text, with the blank runs and edges that removals left behind normalized again (the lines
    themselves are already normalized): exactly what replaying the audit gives (``audit.replay``), i.e.
    ``text.blanks.collapse_blank_lines("\\n".join(kept lines), max_blank_lines)`` (``tests/reliability/test_memory``
    holds them equal on random input), but built in one join: on a large document the joined text and its
    collapsed copy would be two more copies of the body at once."""
    out: list[str] = []
    blank = 0  # empty lines met since the last non-empty one
    for line in kept:
        if line is None:
            continue
        if not line:
            blank += 1
            continue
        if blank and out:  # blank lines at the top are dropped, as collapse_blank_lines strips the edges
            out.extend([""] * (blank if max_blank_lines < 0 else min(blank, max_blank_lines)))
        blank = 0
        out.append(line)
    return "\n".join(out)  # blank lines at the bottom are dropped: they are only appended before a line


def rest_rule(pset: PatternSet, shadow_rules: Sequence[Pattern], rest: str) -> tuple[Pattern, Any] | None:
    """The whole-line rule (ordinary or shadow) that takes what inline cuts leave of a line, with its match: the
    rest is judged as a line of its own, as a second clean would judge it."""
    found = whole_line_rule(pset, rest)
    if found is None and shadow_rules and rest.strip():
        hit = find_shadow_hits(shadow_rules, [rest], rest, set()).get(0)
        if hit is not None:
            found = hit.pattern, hit.match
    return found


@dataclass(frozen=True, slots=True, eq=False)
class Prepared:
    """A document decoded and normalized as :meth:`Cleaner.clean` does before any rule looks at it (made by
    :meth:`Cleaner.prepare`). ``size``: the input's bytes (``None`` for a str), which ``clean`` checks against its
    own ``max_bytes``; ``settings``: the options that shaped the text (``encoding``, ``decode_errors``,
    ``max_blank_lines``): a Cleaner with other ones refuses it, as it would have read the input otherwise."""

    norm: Normalized
    encoding: EncodingInfo
    size: int | None
    settings: tuple[str | None, str, int]


def _reading_settings(config: CleanerConfig) -> tuple[str | None, str, int]:
    """The options that decide how input becomes normalized text (what a :class:`Prepared` must agree with)."""
    return config.encoding, config.decode_errors, config.max_blank_lines


def _too_large(size: int, limit: int) -> str:
    return f"the input is {size / 1e6:.0f} MB, over the limit of {limit / 1e6:.0f} MB (CleanerConfig.max_bytes)"


def _decode(data: bytes | str, config: CleanerConfig) -> tuple[str, EncodingInfo]:
    """Decode one input within ``max_bytes``: the first stage of :meth:`Cleaner.clean` and of :func:`prepare`."""
    if (size := size_over(data, config.max_bytes)) is not None:
        raise InputTooLargeError(_too_large(size, config.max_bytes), size=size, limit=config.max_bytes)
    return decode(data, config.encoding, config.decode_errors)


def prepare(data: bytes | str, config: CleanerConfig) -> Prepared:
    """One document decoded and normalized as a Cleaner of ``config`` would (only its reading options matter:
    no pattern is needed, so the profile pass prepares files without loading any); raises what ``clean`` raises
    for an input that is too large or not text."""
    size = None if isinstance(data, str) else data.nbytes if isinstance(data, memoryview) else len(data)
    text, enc = _decode(data, config)
    del data
    return Prepared(normalize_text(text, config.max_blank_lines), enc, size, _reading_settings(config))




class _Probe(RuleProbe):
    """The rule probe, also asked about what inline cuts leave of a line (see ``decide.recut``): the inline rules
    find a tag that could end the line only once the tag after it is cut, and a head or tail rule judges the rest
    of a cut line at an edge, as a second clean would."""

    def __init__(self, pset: PatternSet, mlines: Sequence[str], lines: Sequence[str],
                 shadow_rules: Sequence[Pattern]) -> None:
        super().__init__(pset, mlines, lines)
        self.shadow_rules = shadow_rules

    def emptied(self, i: int, rest: str) -> bool:
        if not rest.strip():
            return True
        try:
            return rest_rule(self.pset, self.shadow_rules, rest) is not None
        except RuleTimeoutError as err:
            raise err.at_line(i + 1) from None

    def recut(self, i: int, segments: Sequence[tuple[int, int]]) -> list[Evidence]:
        line, source = self.mlines[i], self.lines[i]
        rest = join_pieces(line, segments)
        original = join_pieces(source, segments)  # the fold keeps offsets: contacts read from this
        try:
            rules = [p for p in self.pset.patterns_for(rest) if p.scope == "inline"]
            return [Evidence(i, p.id, p.category, span=(m.start(), m.end()), anchors=p.strong, origin=p.path,
                             match=m, source=original) for p in rules for m in p.spans(rest)]
        except RuleTimeoutError as err:
            raise err.at_line(i + 1) from None

    def reread(self, i: int, segments: Sequence[tuple[int, int]]) -> bool:
        rest = join_pieces(self.lines[i], segments).rstrip()
        if rest.isascii():
            return False  # ASCII reads the same wherever it is cut; Han may not: UTF-8 read as GBK is all Han, and
            # a cut can bring damaged characters together into mojibake that a second clean repairs
        return normalize_text(rest).text != rest

    def edge_rest(self, i: int, scope: str, segments: Sequence[tuple[int, int]]) -> Evidence | None:
        if not self._edges:
            return None
        rest = join_pieces(self.mlines[i], segments)
        try:
            found = whole_line_rule(self.pset, rest, (scope,))
        except RuleTimeoutError as err:
            raise err.at_line(i + 1) from None
        if found is None:
            return None
        p, m = found
        original = join_pieces(self.lines[i], segments)
        return Evidence(i, p.id, p.category, where=scope, anchors=p.strong, origin=p.path, match=m,
                        source=original.strip())


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
    - ``rule_budget``: seconds all rules together may take on one document of up to 1 MB (more in proportion for
      larger ones) before ``RuleTimeoutError``; ``None`` for no budget (each regex call still has its timeout).
    - ``extra``: rules built in code (``cleantext.learn``'s proposals, a test's), added after the files. They are
      compiled already and not verified again (their builder ran their examples, or means them to fail, as a test
      of the timeouts does); their ids must still be unique, as every rule's are.
    """

    # Any sequence (the README passes lists), or one path or id; kept as a tuple of str (a config is hashable).
    patterns: Sequence[str | Path] = ()
    bundled: bool = True
    disable: Sequence[str] = ()
    encoding: str | None = None
    decode_errors: str = "tolerant"
    max_blank_lines: int = 1
    head_lines: int = 10
    tail_lines: int = 15
    zones: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES
    rule_budget: float | None = DOCUMENT_BUDGET
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


class ConfigOptions(TypedDict, total=False):
    """The fields of :class:`CleanerConfig` as keyword options (see there): what ``clean()`` and ``Cleaner()``
    accept, so that a type checker reports a misspelt or mistyped option."""

    patterns: Sequence[str | Path]
    bundled: bool
    disable: Sequence[str]
    encoding: str | None
    decode_errors: str
    max_blank_lines: int
    head_lines: int
    tail_lines: int
    zones: bool
    max_bytes: int
    rule_budget: float | None
    extra: tuple[Pattern, ...]


class CleanerOptions(ConfigOptions, total=False):
    """:class:`ConfigOptions`, and ``extra_patterns``, the deprecated older name of ``patterns``."""

    extra_patterns: Sequence[str | Path]


def renamed_options(options: dict[str, Any]) -> dict[str, Any]:
    """``options`` with the deprecated ``extra_patterns`` given its current name, ``patterns`` (with a
    DeprecationWarning): the one place that knows the old name, for ``Cleaner()`` and the adapters."""
    if "extra_patterns" in options:
        warnings.warn("extra_patterns is deprecated: pass patterns=... (the same files)", DeprecationWarning,
                      stacklevel=3)
        options["patterns"] = tuple(options.pop("extra_patterns"))
    return options


def _disabled(pattern_id: str, disable: Sequence[str]) -> bool:
    return any(pattern_id == d or (d.endswith(".") and pattern_id.startswith(d)) for d in disable)


def build_pattern_set(config: CleanerConfig) -> tuple[PatternSet, tuple[Pattern, ...]]:
    """Load bundled and user patterns (all checked), drop the disabled ones, and split them: ordinary rules are
    indexed by keyword; shadow rules only ever judge lines that look obfuscated (see ``shadow.py``)."""
    # The bundled rules are verified by the test suite and by ``cleantext patterns check`` (running every example
    # and adversarial input of 300+ rules takes seconds): only the user's files are verified at load.
    seen: dict[str, str] = {}
    loaded = load_patterns(builtin_pattern_files(), verify=False, seen=seen) if config.bundled else []
    loaded += load_patterns(config.patterns, seen=seen)
    for p in config.extra:  # compiled and verified by whoever built them; their ids still must be unique
        if p.id in seen:
            raise PatternError([(p.path or "CleanerConfig.extra", p.id, f"duplicate id (also in {seen[p.id]})")])
        seen[p.id] = p.path or "CleanerConfig.extra"
    patterns = [p for p in loaded + list(config.extra) if not _disabled(p.id, config.disable)]
    return PatternSet([p for p in patterns if not p.shadow]), tuple(p for p in patterns if p.shadow)


def _user_files(patterns: Sequence[Pattern]) -> frozenset[str]:
    """The pattern files of the user's own (not bundled): the decision refuses one that would take a document's
    prose (see ``decide.refuse_prose_takers``)."""
    bundled = str(builtin_pattern_dir())
    return frozenset(p.path for p in patterns if p.path and not p.path.startswith(bundled))


class Cleaner:
    """A reusable cleaner: patterns are loaded, checked and compiled once, then used for any number of documents.

    Picklable: it travels to worker processes with its compiled patterns, without reading pattern files again.

    >>> Cleaner().clean("仅供学习 禁止外传 用后删除\\n标题\\n正文，第一段。").text
    '标题\\n正文，第一段。'
    """

    def __init__(self, config: CleanerConfig | None = None, *, profile: Profile | None = None,
                 **options: Unpack[CleanerOptions]) -> None:
        fields: ConfigOptions = renamed_options(dict(options))  # type: ignore[assignment]
        self.config = dataclasses.replace(config or CleanerConfig(), **fields)
        self.pattern_set, self.shadow_rules = build_pattern_set(self.config)
        self.profile = profile
        self.user_files = _user_files(self.patterns)

    @classmethod
    def _restore(cls, config: CleanerConfig, pattern_set: PatternSet, shadow_rules: tuple[Pattern, ...],
                 profile: Profile | None = None) -> Cleaner:
        self = cls.__new__(cls)
        self.config = config
        self.pattern_set = pattern_set
        self.shadow_rules = shadow_rules
        self.profile = profile
        self.user_files = _user_files(self.patterns)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Cleaner._restore, (self.config, self.pattern_set, self.shadow_rules, self.profile))

    @property
    def patterns(self) -> tuple[Pattern, ...]:
        """Every active rule, ordinary and shadow."""
        return self.pattern_set.patterns + self.shadow_rules

    def _assemble_line(self, i: int, lines: list[str], mlines: list[str], decision: Decision, folded: bool,
                       audit: list[Removal], contacts: ContactBook, kept: list[str | None]) -> None:
        """Record what happens to decided line ``i``: the audit entries, its contacts, what is kept of it."""
        line = lines[i]
        verdict = decision.removed.get(i)
        if verdict is not None:
            audit.append(Removal(verdict.rule, verdict.category, i + 1, 0, len(line), line, verdict.why))
            if verdict.match is not None:
                contacts.add_match(verdict.match, verdict.source)
                self._harvest(mlines[i], verdict.rule, contacts, line)
            contacts.add_free_text(line)
            kept[i] = None
            return
        cuts = decision.cuts[i]
        for ev in cuts:
            start, end = ev.span  # type: ignore[misc]
            cut = line[start:end]
            audit.append(Removal(ev.rule, ev.category, i + 1, start, end, cut, ev.why))
            if ev.match is not None:
                contacts.add_match(ev.match, ev.source if ev.source is not None else line)
            contacts.add_free_text(cut)
        segments = kept_segments(line, cuts)  # the (start, end) pieces of the line that the cuts leave
        rest = join_pieces(line, segments)
        if not rest.strip():
            kept[i] = None  # nothing but ads: the line goes, the paragraph around it stays whole
            return
        # What the cuts leave may be boilerplate of its own ("<brand>出品【<site>首发】"), or a head or tail line.
        leftover = decision.leftover.get(i)
        if leftover is not None:
            rule, category, why = leftover.rule, leftover.category, leftover.why
            match, source = leftover.match, leftover.source
        else:
            second = rest_rule(self.pattern_set, self.shadow_rules, fold(rest) if folded else rest)
            if second is None:
                kept[i] = rest.rstrip()
                return
            rule, category, why, match, source = second[0].id, second[0].category, "", second[1], rest.strip()
        audit.extend(Removal(rule, category, i + 1, s, e, line[s:e], why) for s, e in segments if line[s:e].strip())
        if match is not None:
            contacts.add_match(match, source)
        kept[i] = None

    @staticmethod
    def _rest_view(mlines: list[str], decision: Decision, probe: _Probe | None) -> list[str]:
        """The lines as a second clean would see them: what the cuts leave of a cut line (blank when nothing, or
        boilerplate of its own, is left), removed lines blank."""
        view = list(mlines)
        for i in decision.removed:
            view[i] = ""
        for i, cuts in decision.cuts.items():
            if i in decision.removed:
                continue
            rest = join_pieces(mlines[i], kept_segments(mlines[i], cuts)).rstrip()
            view[i] = "" if i in decision.leftover or (probe is not None and probe.emptied(i, rest)) else rest
        return view

    def _harvest(self, line: str, winner: str, contacts: ContactBook, original: str) -> None:
        """Contacts named by other whole-line rules that also match a removed line: the evidence that decided the
        removal may not be the rule that knows where the 公众号 name or QQ number sits."""
        if not self.pattern_set.patterns or winner.startswith("zone."):
            return
        for p in self.pattern_set.contact_rules_for(line):
            if p.id == winner:
                continue
            m = p.matches_line(line)
            if m is not None:
                contacts.add_match(m, original.strip())

    def _rule_evidence(self, lines: list[str], mlines: list[str], mtext: str) -> list[Evidence]:
        """The pattern rules' proposals: what the document's rule budget is spent on."""
        cfg = self.config
        whole, inline = find_hits(self.pattern_set, mlines, mtext, cfg.head_lines, cfg.tail_lines)
        whole.update(find_shadow_hits(self.shadow_rules, mlines, mtext, set(whole)))
        evidence = [hit_evidence(h, lines) for h in whole.values()]
        evidence.extend(hit_evidence(h, lines) for hs in inline.values() for h in hs)
        return evidence

    def _other_evidence(self, lines: list[str], mlines: list[str]) -> list[Evidence]:
        """The proposals of the detectors that run no rule (structure, repetition, profile): outside the rule
        budget, which would otherwise run out on a large document of a loaded machine with no slow rule at all."""
        evidence = find_structure(mlines)  # whole lines only: the fold (關注 → 关注) keeps their indexes
        evidence.extend(find_repetition(lines))
        if self.profile is not None:
            from cleantext.evidence.profile import profile_evidence  # here: the profile module imports learn/

            evidence.extend(profile_evidence(self.profile, lines))
        return evidence

    def __repr__(self) -> str:
        return f"Cleaner({len(self.patterns)} patterns)"

    def prepare(self, data: bytes | str) -> Prepared:
        """Decode and normalize one document as :meth:`clean` would, for ``clean`` to take later (see
        :class:`Prepared` and :func:`prepare`)."""
        return prepare(data, self.config)

    def _prepared(self, doc: Prepared) -> tuple[Normalized, EncodingInfo]:
        """A prepared document's text, once it is known to be what this Cleaner would have made of the input."""
        cfg = self.config
        if doc.settings != _reading_settings(cfg):
            raise ValueError(f"this document was prepared with encoding, decode_errors, max_blank_lines = "
                             f"{doc.settings}, and this Cleaner reads with {_reading_settings(cfg)}: prepare it "
                             "with this Cleaner")
        if doc.size is not None and doc.size > cfg.max_bytes:
            raise InputTooLargeError(_too_large(doc.size, cfg.max_bytes), size=doc.size, limit=cfg.max_bytes)
        return doc.norm, doc.encoding

    def clean(self, data: bytes | str | Prepared) -> CleanResult:
        """Clean one document (bytes of any encoding, or str, or a :class:`Prepared` one): the clean body, its
        metadata, the audit. A prepared document cleans exactly as the input it was prepared from."""
        cfg = self.config
        if isinstance(data, Prepared):
            norm, enc = self._prepared(data)
        else:
            text, enc = _decode(data, cfg)
            del data  # the bytes go now, unless the caller still holds them (``clean(read(path))`` lets them go)
            norm = normalize_text(text, cfg.max_blank_lines)
            del text  # a large document should not be held twice
        lines = norm.text.split("\n") if norm.text else []
        # Rules are written in simplified characters; traditional text is matched on its fold (same offsets).
        folded = needs_fold(norm.text)
        mtext = fold(norm.text) if folded else norm.text
        mlines = mtext.split("\n") if folded and mtext else lines

        # One time budget for all rules on this document (a per-call timeout alone lets a slow rule take its
        # timeout on each of thousands of lines); it grows with the document, and decoding is not charged to it.
        budget = cfg.rule_budget * max(1.0, len(norm.text) / 1e6) if cfg.rule_budget else None
        evidence = self._other_evidence(lines, mlines)
        with document_budget(budget):
            evidence[:0] = self._rule_evidence(lines, mlines, mtext)  # the rules' evidence first, as it always was
            probe = _Probe(self.pattern_set, mlines, lines, self.shadow_rules) if self.pattern_set.patterns else None
            decision = decide(mlines, mtext, evidence, head_lines=cfg.head_lines, tail_lines=cfg.tail_lines,
                              zones=cfg.zones, probe=probe, folded=folded, guarded=self.user_files,
                              across=find_structure_across)
            del evidence

            if decision.cuts:
                # The structure detector judges cut lines of the head and tail as a second clean would see them.
                judge_rests(self._rest_view(mlines, decision, probe), decision, find_structure)

            # Assemble: only the decided lines are visited; the others are kept as they are.
            audit: list[Removal] = []
            contacts = ContactBook()
            kept: list[str | None] = list(lines)
            for i in sorted(decision.removed.keys() | decision.cuts.keys()):
                try:
                    self._assemble_line(i, lines, mlines, decision, folded, audit, contacts, kept)
                except RuleTimeoutError as err:
                    raise err.at_line(i + 1) from None

        audit.sort(key=lambda r: (r.line, r.start))
        del mtext, mlines, probe  # the fold of a traditional document is a copy of it: not needed to build the output
        out = norm.text if not audit else join_kept(kept, cfg.max_blank_lines)
        del kept
        n_out = out.count("\n") + 1 if out else 0
        warnings = list(enc.warnings)
        warnings.extend(norm.notes)
        warnings.extend(decision.warnings)
        forms = [s.split(".", 1)[1] for s in norm.steps if s.startswith("fix_mojibake.")]
        if forms or "fix_mojibake" in norm.steps:
            warnings.append(f"mojibake repaired ({', '.join(forms) or 'ftfy'})")
        metadata = Metadata(
            title=find_title(out.split("\n", TITLE_LOOKAHEAD)[:TITLE_LOOKAHEAD], decision.distributors),
            encoding=enc.encoding,
            confidence=round(enc.confidence, 4), contacts=contacts.as_dict(), distributors=decision.distributors,
            lines_in=len(lines), lines_out=n_out, warnings=warnings)
        return CleanResult(out, metadata, tuple(audit), norm.text)


_default: Cleaner | None = None


def default_cleaner() -> Cleaner:
    """The process-wide Cleaner with default settings (built on first use)."""
    global _default
    if _default is None:
        _default = Cleaner()
    return _default


def clean(data: bytes | str, **options: Unpack[CleanerOptions]) -> CleanResult:
    """Clean one document with the bundled patterns; options are those of :class:`CleanerConfig`.

    >>> r = clean("仅供学习 禁止外传 用后删除\\n年度总结\\n今年完成了全部任务。".encode("gb18030"))
    >>> r.text, r.metadata.title, r.metadata.encoding
    ('年度总结\\n今年完成了全部任务。', '年度总结', 'gb18030')
    """
    cleaner = Cleaner(**options) if options else default_cleaner()
    return cleaner.clean(data)
