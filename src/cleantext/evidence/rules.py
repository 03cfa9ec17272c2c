"""Pattern rules as evidence: a ``PatternSet`` × normalized lines → whole-line and inline proposals. Pure: it never
edits the text.

One keyword scan over the whole text finds every keyword occurrence and so the candidate lines; only there do the
full regexes run, and only the regexes whose keywords occur on that line. The cost is flat in the number of patterns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex

from cleantext.errors import RuleTimeoutError
from cleantext.evidence import Evidence
from cleantext.evidence.keyscan import KeywordScanner
from cleantext.evidence.patterns import CONTACT_GROUPS, RUN_TIMEOUT, Pattern
from cleantext.text.markup import breaks_markup, read_through


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
        index: dict[str, list[int]] = {}
        body: dict[str, list[int]] = {}
        for i, p in enumerate(self.patterns):
            for kw in p.keywords:
                index.setdefault(kw.lower(), []).append(i)
                if p.scope not in _EDGE_SCOPES:
                    body.setdefault(kw.lower(), []).append(i)
        self._scanner = KeywordScanner(index) if index else None
        # Head and tail rules only ever judge the few lines of the head and the tail: the scan of the whole text
        # looks for the keywords of the other rules, and the edge lines are scanned again for all keywords. (Not
        # when a keyword of an edge rule could sit on a blank line, which has no rank: then one scan does it all.)
        edge_blank = any(not k.strip() for k in index if k not in body)
        self._body = self._scanner if len(body) == len(index) or edge_blank else KeywordScanner(body) if body else None
        # The whole-line rules that can name a contact (the harvest of a removed line asks only these).
        self._contact_rules = frozenset(i for i, p in enumerate(self.patterns) if p.scope != "inline"
                                        and CONTACT_GROUPS & p.groups)
        # Short lines recur (a distributor's stamp on every file): their verdicts are kept, see ``find_hits``.
        self.verdicts: dict[tuple[Any, ...], tuple[Any, ...] | None] = {}

    def __len__(self) -> int:
        return len(self.patterns)

    def __reduce__(self) -> tuple[Any, ...]:
        return (PatternSet, (self.patterns,))

    def contact_rules_for(self, line: str) -> list[Pattern]:
        """The whole-line rules that can name a contact and whose keywords occur in ``line``, in file order."""
        assert self._scanner is not None
        rules = self._contact_rules
        return [self.patterns[i] for i in sorted(self._scanner.ids_in(line)) if i in rules]

    def patterns_for(self, line: str) -> list[Pattern]:
        """The patterns whose keywords occur in ``line``, in file order."""
        assert self._scanner is not None
        return [self.patterns[i] for i in sorted(self._scanner.ids_in(line))]

    def candidates(self, lines: Sequence[str], text: str, window: _Window) -> Iterator[tuple[int, Sequence[int]]]:
        """(line index, ids of the patterns that can decide it, in file order) for every line holding a keyword,
        in line order: a body line gets the ids of its keywords' non-edge rules, an edge line those of all rules."""
        if self._scanner is None:
            return
        # A short document is mostly head and tail: one scan for all keywords is cheaper than two.
        if self._body is self._scanner or len(lines) <= _SPLIT_LINES_PER_EDGE_LINE * window.size():
            found = self._scanner.lines(text)
            order: Iterable[int] = found
        else:
            found = self._body.lines(text) if self._body is not None else {}
            for i in window.edge_lines():
                edge_ids = self._scanner.ids_in(lines[i])
                if edge_ids:
                    found[i] = edge_ids
            order = sorted(found)
        for i in order:
            ids = found[i]
            yield i, ids if type(ids) is tuple else sorted(ids)


_EDGE_SCOPES = ("head", "tail")
# A line this short is looked up in (and its verdict stored to) ``PatternSet.verdicts``; at most this many kept.
VERDICT_CHARS = 64
VERDICT_LIMIT = 8192
_SPLIT_LINES_PER_EDGE_LINE = 10


class _Window:
    """Whether a line is in the head (first ``head`` non-blank lines) or the tail (last ``tail`` ones), found by
    walking in from each end only as far as needed instead of ranking every line of a large document."""

    def __init__(self, lines: Sequence[str], head: int, tail: int) -> None:
        self.lines, self.head, self.tail = lines, head, tail
        self._head_from: int | None = None
        self._tail_until: int | None = None
        self._enough_for_tail = False

    def _nonblank(self, n: int, backwards: bool) -> list[int]:
        """Indexes of the first (or last) ``n`` non-blank lines, in the order walked."""
        lines = self.lines
        out: list[int] = []
        if n <= 0:
            return out
        for i in (range(len(lines) - 1, -1, -1) if backwards else range(len(lines))):
            if lines[i].strip():
                out.append(i)
                if len(out) == n:
                    break
        return out

    def past_head(self, i: int) -> bool:
        """rank(i) >= head, where rank counts non-blank lines from the top and a blank line ranks -1 (so it is
        never past the head, unless ``head`` is negative)."""
        if not self.lines[i].strip():
            return -1 >= self.head
        if self.head <= 0:
            return True
        if self._head_from is None:
            found = self._nonblank(self.head + 1, backwards=False)
            self._head_from = found[-1] if len(found) == self.head + 1 else len(self.lines)
        return i >= self._head_from

    def before_tail(self, i: int) -> bool:
        """rank(i) < n_nonblank - tail, where a blank line ranks -1."""
        if self.tail <= 0:
            return True  # rank < n always, and a blank line's -1 < n - tail as n >= 0
        if self._tail_until is None:
            found = self._nonblank(self.tail, backwards=True)
            self._enough_for_tail = len(found) == self.tail
            self._tail_until = found[-1] if self._enough_for_tail else -1
        if not self.lines[i].strip():
            return self._enough_for_tail
        return i < self._tail_until

    def size(self) -> int:
        """How many lines the head and the tail take at most."""
        return max(self.head, 0) + max(self.tail, 0)

    def edge_lines(self) -> list[int]:
        """The non-blank lines where a head or a tail rule may apply."""
        return sorted(set(self._nonblank(self.head, False)) | set(self._nonblank(self.tail, True)))


def find_hits(pset: PatternSet, lines: Sequence[str], text: str, head_lines: int = 10,
              tail_lines: int = 15) -> tuple[dict[int, Hit], dict[int, list[Hit]]]:
    """Whole-line hits (line → hit) and inline hits (line → spans, possibly overlapping).

    ``text`` must be ``"\\n".join(lines)``: the keyword scan runs over it once.
    """
    window = _Window(lines, head_lines, tail_lines)
    patterns = pset.patterns
    whole: dict[int, Hit] = {}
    inline: dict[int, list[Hit]] = {}
    current = ["?"]  # the rule running, for the timeout's message
    verdicts = pset.verdicts
    for i, ids in pset.candidates(lines, text, window):
        line = lines[i]
        key = None
        if len(line) <= VERDICT_CHARS:
            # A verdict depends only on the line, its rules and whether it sits in the head or the tail.
            key = (line, tuple(ids), window.past_head(i), window.before_tail(i))
            if key in verdicts:
                _record(verdicts[key], i, len(line), whole, inline)
                continue
        try:
            verdict = _verdict(patterns, ids, line, i, window, current)
        except RuleTimeoutError as err:
            raise err.at_line(i + 1) from None
        except TimeoutError:
            raise RuleTimeoutError(current[0], RUN_TIMEOUT, i + 1) from None
        if key is not None:
            if len(verdicts) >= VERDICT_LIMIT:
                verdicts.clear()
            verdicts[key] = verdict
        _record(verdict, i, len(line), whole, inline)
    return whole, inline


def _verdict(patterns: Sequence[Pattern], ids: Sequence[int], line: str, i: int, window: _Window,
             current: list[str]) -> tuple[Any, ...] | None:
    """What the rules say of line ``i``: ``(pattern, match)`` when a whole-line rule takes it, else the inline
    spans as ``((pattern, start, end, match), ...)``, or None when no rule has anything to say."""
    m_p = _whole_line(patterns, ids, line, i, window, current)
    spans: list[tuple[Pattern, int, int, Any]] = []
    if m_p is not None:
        cut = _ad_before_story(m_p[0], line)
        if cut is None:
            return m_p
        spans.append((m_p[0], cut.start(), cut.end(), cut))  # the ad goes, the story glued after it stays
    elif (seen := read_through(line)) != line.strip():
        # Markdown is read through: a rule judges ``> **点击上方蓝字**`` as the words a reader sees.
        m_p = _whole_line(patterns, ids, seen, i, window, current)
        if m_p is not None:
            return m_p
    for j in ids:
        p = patterns[j]
        if p.scope == "inline":
            current[0] = p.id
            # A cut that would break a link's or an image's syntax, or an HTML tag, is left out (the words a
            # reader sees are judged with the markup read through above).
            spans.extend((p, m.start(), m.end(), m) for m in p.spans(line)
                         if not breaks_markup(line, m.start(), m.end()))
    return (tuple(spans),) if spans else None


# A sentence end, with the closing quotes or brackets that belong to it.
_SENTENCE_END = regex.compile(r"[。！？!?…]+[”」』\"）)]*")
# What a story sentence glued after an ad needs: this many Han characters, and a sentence end of its own.
MIN_GLUED_STORY = 8
_HAN = regex.compile(r"\p{Han}")
# A story sentence ends as Chinese prose does (full-width marks; a slogan's "!" is not one) and holds no menu
# separator ("| 帮助中心 …" after a site's slogan is more chrome, not a sentence) and no emoji.
_STORY_END = regex.compile(r"[。！？…][”」』）]*$")
_NOT_STORY = regex.compile(r"[|｜]|\p{So}")


# A sentence with a word of boilerplate (转载, 版权, 关注…; ``learn.rules.LEXICON``) is no story glued to an ad but
# more of it ("…来源：<平台>著作权归作者所有。商业转载请联系作者…"): the line goes whole, as before.
@lru_cache(maxsize=1)
def _boiler_words() -> Any:
    from cleantext.learn.rules import LEXICON  # cleantext.learn imports the cleaner, which imports this module

    return regex.compile("|".join(regex.escape(w.lower()) for ws in LEXICON.values() for w in ws))


def _ad_before_story(p: Pattern, line: str) -> Any:
    """When a whole-line rule takes a line that is an ad with a story sentence glued after it ("关注公众号…免费领取。
    他推开门走了进去。"), the match of the rule on the ad alone (offsets in ``line``), else None. A rule with an open
    tail (``[^\n]{0,40}``) would take the sentence with the ad; the sentence must read as one of its own (enough
    Han characters, a full-width sentence end, no menu separator, emoji or boilerplate word) and not be taken by the
    same rule on its own."""
    if p.shadow:
        return None
    body = line.rstrip()
    lead = len(body) - len(body.lstrip())
    for end_mark in _SENTENCE_END.finditer(body, lead):
        end = end_mark.end()
        rest = body[end:].strip()
        if len(_HAN.findall(rest)) < MIN_GLUED_STORY:
            break  # what follows is too short to be a sentence of its own (later ends leave less still)
        if (_STORY_END.search(rest) is None or _NOT_STORY.search(rest) or _boiler_words().search(rest.lower())
                or p.matches_line(rest) is not None):
            continue
        cut = p.matches_between(line, lead, end)
        if cut is not None:
            return cut
    return None


def _record(verdict: tuple[Any, ...] | None, i: int, size: int, whole: dict[int, Hit],
            inline: dict[int, list[Hit]]) -> None:
    """Enter a line's verdict (see ``_verdict``) as its hits."""
    if verdict is None:
        return
    if len(verdict) == 2:
        whole[i] = Hit(verdict[0], i, 0, size, verdict[1])
    else:
        inline[i] = [Hit(p, i, start, end, m) for p, start, end, m in verdict[0]]  # overlaps: the decision's


def _whole_line(patterns: Sequence[Pattern], ids: Sequence[int], line: str, i: int, window: _Window,
                current: list[str]) -> tuple[Pattern, Any] | None:
    """The first whole-line rule among ``ids`` that takes ``line`` (line ``i``), with its match."""
    size = -1  # the stripped line's length, measured once: a rule never takes a line over its max_length
    for j in ids:
        p = patterns[j]
        current[0] = p.id
        scope = p.scope
        if scope == "inline":
            continue
        if scope == "head" and window.past_head(i):
            continue
        if scope == "tail" and window.before_tail(i):
            continue
        if not p.shadow:
            if size < 0:
                size = len(line.strip())
            if size == 0 or size > p.max_length:
                continue
        m = p.matches_line(line)
        if m is not None:
            return p, m
    return None


def hit_evidence(hit: Hit, lines: Sequence[str]) -> Evidence:
    """A rule's hit as evidence. ``lines`` are the original lines: a match made on the traditional→simplified fold
    (same offsets) reads its groups from them; a shadow rule's match ran on the shadow and has no source."""
    p = hit.pattern
    line = lines[hit.line]
    if p.scope == "inline" or (hit.start, hit.end) != (0, len(line)):  # a whole-line rule cut only its ad
        return Evidence(hit.line, p.id, p.category, span=(hit.start, hit.end), anchors=p.strong, origin=p.path,
                        match=hit.match, source=line)
    return Evidence(hit.line, p.id, p.category, where=p.scope if p.scope in _EDGE_SCOPES else "any",
                    anchors=p.strong, origin=p.path, match=hit.match, source=None if p.shadow else line.strip())


def whole_line_rule(pset: PatternSet, line: str, scopes: tuple[str, ...] = ("line",)) -> tuple[Pattern, Any] | None:
    """The first rule of one of ``scopes`` that removes ``line`` whole, with its match (a line that moved into the
    head or tail as others went, or what inline cuts leave of a line)."""
    if not pset.patterns or not line.strip():
        return None
    candidates = [p for p in pset.patterns_for(line) if p.scope in scopes]
    seen = read_through(line)
    for text in (line, seen) if seen != line.strip() else (line,):
        for p in candidates:
            m = p.matches_line(text)
            if m is not None:
                return p, m
    return None


class RuleProbe:
    """The rules' answer to the decision stage's first late question (see ``cleantext.decide.Probe``): a head or
    tail rule on a line that moved to an edge. The cleaner's probe adds the questions about what cuts leave."""

    def __init__(self, pset: PatternSet, mlines: Sequence[str], lines: Sequence[str]) -> None:
        self.pset, self.mlines, self.lines = pset, mlines, lines
        self._edges = any(p.scope in _EDGE_SCOPES for p in pset.patterns)

    def edge(self, i: int, scope: str) -> Evidence | None:
        if not self._edges:
            return None
        try:
            found = whole_line_rule(self.pset, self.mlines[i], (scope,))
        except RuleTimeoutError as err:
            raise err.at_line(i + 1) from None
        if found is None:
            return None
        p, m = found
        return hit_evidence(Hit(p, i, 0, len(self.mlines[i]), m), self.lines)

