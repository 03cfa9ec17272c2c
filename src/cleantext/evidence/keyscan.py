"""Find every keyword of a pattern set in a text in one pass: which lines hold keywords, and which patterns those
keywords trigger.

The keywords become one trie-shaped regex for the standard library's ``re``: its first level is a plain
alternation of literals, so ``re`` skips in C every position whose character starts no keyword, and the keyword
scan runs several times faster than with ``regex`` and ``IGNORECASE``. Case is still ignored exactly as ``regex``
ignores it (simple case folding, ``K`` for ``k`` included): each keyword character stands for the set of its cases
as ``regex`` computes it, so the same text matches the same keywords.

What counts is every keyword occurrence, overlapping ones included (``微信搜索`` holds ``微信``, ``微信搜索`` and
``搜索``). The scan finds, at each position where a keyword starts, the longest one starting there; a keyword is
triggered with all the keywords that are its prefixes. A non-overlapping scan misses only the keywords that start
inside a match, so each match is followed by an anchored try at the positions inside it where a keyword could start.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import regex
from regex import _regex

from cleantext.evidence import fastscan

_CACHE_LIMIT = 4096


def cases_of(ch: str) -> list[str]:
    """``ch`` and every character that ``regex`` with ``IGNORECASE`` (simple case folding) takes for it."""
    # regex's C module is private and types-regex does not describe it (get_all_cases returns a list of int).
    others = {chr(c) for c in _regex.get_all_cases(regex.IGNORECASE, ord(ch))}  # type: ignore[attr-defined]
    return [ch, *sorted(others - {ch})]


@functools.lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """One representative of the characters ``regex`` IGNORECASE takes for each other (s, S and ſ share one)."""
    return min(cases_of(ch))


@functools.lru_cache(maxsize=8192)
def case_key(text: str) -> str:
    """``text`` with every character replaced by its case representative: two strings that regex IGNORECASE takes
    for each other get one key (``str.lower`` keeps ſ apart from s, and K apart from k)."""
    return "".join(map(_fold_char, text))


def _class(ch: str) -> str:
    variants = cases_of(ch)
    if len(variants) == 1:
        return re.escape(ch)
    return "[" + "".join(re.escape(v) for v in variants) + "]"


# Roughly the most frequent characters of English and Chinese text, most frequent first. The scan tries the first
# level's literals in order at every position that starts a keyword, so the common ones go first: with thousands of
# keywords, a position holding a common character then costs a few comparisons, not thousands.
_COMMON = (
    "etaoinshrdlcumwfgypbvkjxqzETAOINSHRDLCUMWFGYPBVKJXQZ0123456789 .,-—:：，。、"
    "的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天"
    "而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与"
    "高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东"
    "政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张"
    "活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接"
    "它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言"
    "权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令"
)
_RANK = {ch: i for i, ch in reversed(list(enumerate(_COMMON)))}


def _by_frequency(branch: tuple[str, str]) -> tuple[int, str]:
    return (_RANK.get(branch[0], len(_RANK)), branch[0])


def trie_source(words: Sequence[str]) -> str:
    """One regex for many literals, factored on common prefixes, longest keyword first at each position. The first
    level spells each case variant as its own literal (so ``re`` can skip positions fast); deeper levels use classes.
    """
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict[str, Any], top: bool) -> str:
        branches = []
        firsts: list[tuple[str, str]] = []
        for ch, child in sorted((k, v) for k, v in node.items() if k):
            rest = emit(child, False)
            if top:
                firsts.extend((v, re.escape(v) + rest) for v in cases_of(ch))
            else:
                branches.append(_class(ch) + rest)
        if top:
            # Each character starts at most one branch (unless two keyword characters share a case, as s and ſ do,
            # where the order decides which match wins): then the order is free, and common characters go first.
            if len({v for v, _ in firsts}) == len(firsts):
                firsts.sort(key=_by_frequency)
            branches = [b for _, b in firsts]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(trie, True)


class KeywordScanner:
    """Keywords (lower-cased) → the pattern indexes each one triggers, found in text in one pass."""

    def __init__(self, index: Mapping[str, Sequence[int]], *, fast: bool | None = None) -> None:
        """``fast``: scan with the compiled extra (``fastscan.py``); None picks it when it is installed."""
        # A keyword spanning a line break can never match within a line, which is where its patterns run.
        words = sorted(k for k in index if k and "\n" not in k)
        # A keyword also fires every keyword that is its prefix (the scan reports only the longest at a position).
        self.triggers: dict[str, frozenset[int]] = {}
        for kw in words:
            found = {i for n in range(1, len(kw) + 1) for i in index.get(kw[:n], ())}
            self.triggers[kw] = frozenset(found)
        # The pure scan works on case keys: keywords that regex IGNORECASE takes for each other (sx and ſx) are one
        # trie entry, so the longest match at a position is found whichever case the text writes.
        by_key: dict[str, set[int]] = {}
        for kw in words:
            by_key.setdefault(case_key(kw), set()).update(index[kw])
        self._by_key: dict[str, frozenset[int]] = {
            key: frozenset(i for n in range(1, len(key) + 1) for i in by_key.get(key[:n], ())) for key in by_key}
        keywords, words = words, sorted(by_key)
        # Keywords that start with a character of one case (CJK, most punctuation) are found by the pair scan;
        # the others (ASCII, cased letters) by the trie. A position's keywords all share its first character, so
        # each position is judged by exactly one of the two, with the same longest-match rule.
        paired = [w for w in words if not w[0].isascii() and len(cases_of(w[0])) == 1]
        trie_words = [w for w in words if w[0].isascii() or len(cases_of(w[0])) > 1]
        self._trie_words, self._paired = trie_words, paired  # compiled on first use (see ``_regex``)
        # An empty keyword (possible only for patterns built in code) occurs in every line, blank ones included.
        self._always = frozenset(index.get("", ()))
        self._starts = frozenset(v for w in trie_words for v in cases_of(w[0]))
        self._cache: dict[str, tuple[frozenset[int], tuple[int, ...], tuple[int, ...]]] = {}
        use_fast = fastscan.available() if fast is None else fast
        self._fast = fastscan.build(keywords, self.triggers, cases_of) if use_fast and keywords else None

    # The pure scan's two compiled forms are built when a scan first needs them: with the compiled extra that is
    # only for a text it cannot take (a lone surrogate), and building them is a fifth of building a Cleaner.
    @functools.cached_property
    def _regex(self) -> re.Pattern[str] | None:
        return re.compile(trie_source(self._trie_words)) if self._trie_words else None

    @functools.cached_property
    def _pairs(self) -> _PairScan | None:
        return _PairScan(self._paired) if self._paired else None

    @property
    def backend(self) -> str:
        """``hyperscan`` or ``python``: which scan runs."""
        return "python" if self._fast is None else "hyperscan"

    def _info(self, found: str) -> tuple[frozenset[int], tuple[int, ...], tuple[int, ...]]:
        """For a matched string: the pattern ids it triggers, the offsets inside it where a keyword may start, and
        the ids again as a sorted tuple (shared by every line where this is the only keyword: no set per line)."""
        info = self._cache.get(found)
        if info is None:
            inner = tuple(j for j in range(1, len(found)) if found[j] in self._starts)
            ids = self._by_key.get(case_key(found), frozenset())
            info = (ids, inner, tuple(sorted(ids)))
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[found] = info
        return info

    def _inner(self, text: str, start: int, offsets: tuple[int, ...], ids: set[int]) -> None:
        """Add the keywords that start inside the match at ``start`` (the overlapping ones)."""
        anchored = self._regex.match  # type: ignore[union-attr]
        by_key = self._by_key
        for j in offsets:
            m = anchored(text, start + j)
            if m is not None:
                ids.update(by_key.get(case_key(m.group()), ()))

    def _pair_hits(self, text: str) -> Iterator[tuple[int, tuple[frozenset[int], tuple[int, ...], tuple[int, ...]]]]:
        """(position, info) of the longest paired keyword at every position where one starts."""
        assert self._pairs is not None
        tries = self._pairs.tries
        for m in self._pairs.regex.finditer(text):
            start = m.start()
            k = (tries.get(text[start]) or self._pairs.trie(text[start])).match(text, start)
            if k is not None:
                found = k.group()
                info = self._cache.get(found) or self._info(found)
                yield start, (info[0], (), info[2])  # every position is visited: no inner tries

    def _trie_hits(self, text: str) -> Iterator[tuple[int, tuple[frozenset[int], tuple[int, ...], tuple[int, ...]]]]:
        if self._regex is None:
            return
        cache = self._cache
        for m in self._regex.finditer(text):
            found = m.group()
            yield m.start(), cache.get(found) or self._info(found)

    def ids_in(self, line: str) -> set[int]:
        """Pattern ids triggered by the keywords of one line."""
        if self._fast is not None and (found := self._fast.ids_in(line)) is not None:
            return found | self._always if self._always else found
        ids: set[int] = set(self._always)
        for hits in (self._trie_hits(line), self._pair_hits(line) if self._pairs else ()):
            for start, info in hits:
                ids.update(info[0])
                if info[1]:
                    self._inner(line, start, info[1], ids)
        return ids

    def lines(self, text: str) -> dict[int, tuple[int, ...] | set[int]]:
        """Line index (of ``text`` split on ``\\n``) → pattern ids triggered there (a sorted tuple, or a set when
        several keywords share the line), for lines with a keyword, in line order."""
        if self._fast is not None and not self._always and (fast := self._fast.lines(text)) is not None:
            return fast  # type: ignore[return-value]
        out: dict[int, tuple[int, ...] | set[int]] = {}
        if self._always and text:
            out = {i: set(self._always) for i in range(text.count("\n") + 1)}
        count = text.count
        scans = [self._trie_hits(text)] + ([self._pair_hits(text)] if self._pairs else [])
        for n, hits in enumerate(scans):
            line = last = 0
            current = -1 if n == 0 else -2  # the second scan may meet lines the first one filled
            for start, info in hits:
                if start != last:
                    line += count("\n", last, start)
                    last = start
                have = out.get(line)
                if line != current:
                    current = line
                    if have is None and not info[1]:
                        out[line] = info[2]
                        continue
                if type(have) is tuple:
                    if have is info[2] and not info[1]:
                        continue
                if type(have) is not set:
                    have = out[line] = set(have or ())
                have.update(info[0])
                if info[1]:
                    self._inner(text, start, info[1], have)
        if len(scans) > 1:
            out = {i: out[i] for i in sorted(out)}
        return out


def pair_scan(words: Sequence[str]) -> re.Pattern[str]:
    """A regex that finds, in C, every position where one of ``words`` (each starting with a caseless character)
    may start: its first character is a one-character word, or it and the next one could be the first two of a
    longer word. The standard library scans such a leading class fast; a position found is only a candidate."""

    def chars(cs: set[str]) -> str:
        return "[" + "".join(re.escape(c) for c in sorted(cs)) + "]"

    singles = {w for w in words if len(w) == 1}
    longer = {w[0] for w in words if len(w) > 1}
    seconds = {v for w in words if len(w) > 1 for v in cases_of(w[1])}
    if singles and longer:
        return re.compile(chars(singles | longer) + "(?:(?<=" + chars(singles) + ")|(?=" + chars(seconds) + "))")
    return re.compile(chars(singles) if singles else chars(longer) + "(?=" + chars(seconds) + ")")


class _PairScan:
    """Finds every position where a keyword starting with a caseless character may start (:func:`pair_scan`); a
    small trie per first character then gives the longest keyword there."""

    def __init__(self, words: Sequence[str]) -> None:
        self.regex = pair_scan(words)
        self.by_first: dict[str, list[str]] = {}
        for w in words:
            self.by_first.setdefault(w[0], []).append(w)
        self.tries: dict[str, re.Pattern[str]] = {}

    def trie(self, first: str) -> re.Pattern[str]:
        """The compiled trie of the keywords starting with ``first`` (built on first use)."""
        found = self.tries.get(first)
        if found is None:
            found = self.tries[first] = re.compile(trie_source(self.by_first[first]))
        return found
