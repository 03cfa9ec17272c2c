"""Repetition inside one document as evidence: what a site repeats through a long text is not the text's prose.

A pirate site glues the same tag to the end of every chapter, splices another book's title before the full stop of
hundreds of story lines, or repeats a footer line after every chapter. No rule knows that site; the repetition
gives it away. Three proposals, all STRONG, all category ``site``:

- ``repeat.line``: a whole line that recurs (digits aside) through the document;
- ``repeat.suffix`` / ``repeat.prefix``: the same string at the end (before the final punctuation) or at the start
  of many *different* lines; the span covers only that string, the rest of each line stays.

How a repeated site string is told apart from repeated prose (the heart of it):

- **Length floor**: a document of fewer than ``MIN_LINES`` non-blank lines yields nothing.
- **Many and spread**: at least ``MIN_REPEATS`` occurrences, from first to last over at least ``SPREAD`` of the
  document (a list or a table repeats its words in one place; a site repeats them everywhere).
- **Not prose**: the repeated string must carry a *site marker* (a domain or URL, or a site phrase such as 首发,
  本站, 请记住, 最新章节, 勿转载), or else be unmistakable without one: a whole line of ``LONG`` letters or more,
  written as a sentence, recurring ``MANY_REPEATS`` times; or a string of three letters or more spliced between
  the prose and the final punctuation of ``SPLICE_SHARE`` of the document's prose lines (a foreign title in every
  paragraph). The unmarked routes are off in a document that repeats itself (more than ``DUPLICATED`` of its
  distinct long lines occur twice: a duplicated body, not furniture). An unmarked tag glued after the sentences
  (not spliced into them) is left alone: prose refrains look just like it.
- **Only at the edge**: a string that also occurs inside lines is a word of the text (了起来, 说道), not a tag:
  at least ``AT_EDGE`` of its occurrences in the document must be the ones at the line's end (or start).
- **Where a tag starts**: the shared suffixes are found at their branch points (where the characters before them
  start to vary: there a glued string meets the many different lines). Punctuation on the prose side (。, …, a
  closing quote) stays with the prose. When the lines also share some prose before the tag ("…个时辰。" + tag),
  a marked tag starts at the bracket or the punctuation before its first marker. A tag glued after a sentence
  takes its own final punctuation; a spliced one leaves the sentence's 。 in place.
- **Never**: dialogue lines (“嗯。”), lines with fewer than ``MIN_LINE_LETTERS`` letters or digits (markup such as
  ```, ---, **, blank-ish lines), chapter titles and numbered headings (第12章 …, 一、, 1.), list items, a line
  varying only in its digits unless it is nothing but a web address.

Pure and fast: counts over the lines, then the lines sorted on their reversed ends (their starts, for prefixes);
groups sharing an affix are runs of that order (an LCP interval walk), and only groups of at least ``MIN_REPEATS``
lines are looked at. Lean on a large document (a fraction of its size, ``test_repetition_memory.py``): the lines
are read where they are (an array of indexes, no stripped copies, no joined text), exact counts come from a table
of hash counts and a second pass over the candidates, and only the pool's line ends are kept.
"""

from __future__ import annotations

import functools
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from typing import Any

import regex

from cleantext.domains import alternation
from cleantext.evidence import Evidence
from cleantext.evidence.keyscan import pair_scan

# A document needs this many non-blank lines before repetition counts (a short text repeats by accident).
MIN_LINES = 100
# Occurrences needed for a string that carries a site marker.
MIN_REPEATS = 5
# Occurrences needed for a whole line without a marker (a sentence the document says again and again).
MANY_REPEATS = 20
# Letters such a line needs.
LONG = 16
# First to last occurrence must cover this share of the document's non-blank lines.
SPREAD = 0.5
# "Most": the share of a group that decides (tag glued after punctuation; spliced right after a letter).
DOMINANT = 0.8
# An unmarked string spliced before the final punctuation of this share of the prose lines is foreign to them.
SPLICE_SHARE = 0.3
# Share of a string's occurrences in the document that must be at the line's edge (the rest: it is a word).
AT_EDGE = 0.8
# A repeated line needs this many letters or digits (dialogue interjections, markup and rules have fewer).
MIN_LINE_LETTERS = 4
# Letters (not digits) of its own a line needs, besides a spliced string, to count as prose around it.
PROSE = 10
# Suffixes and prefixes are followed this far into a line at most.
MAX_AFFIX = 80
# A document whose distinct long lines recur this often repeats itself (a duplicated body): unmarked routes off.
DUPLICATED = 0.2

_LETTER = regex.compile(r"[\p{L}\p{N}]")
_PROSE_LETTER = regex.compile(r"\p{L}")
_PROSE_AT_LEAST = {k: regex.compile(r"(?:\P{L}*\p{L}){" + str(k) + "}") for k in (PROSE,)}
_AT_LEAST = {k: regex.compile(r"(?:[^\p{L}\p{N}]*[\p{L}\p{N}]){" + str(k) + "}")
             for k in (2, 3, MIN_LINE_LETTERS, PROSE)}
_SITE_ADDRESS = r"(?:https?://|www\.|wap\.|(?:[a-z0-9-]+\.)+" + alternation() + r"(?![a-z]))"
_SITE_WORDS = (
    r"首[发發]|本站|本[书書]由|域名|[网網]址|小[说說][网網]|文[学學][网網]|[书書][网網]|手[机機](?:版|[阅閱][读讀]|用[户戶])"
    r"|百度搜索|[请請]?[记記]住|天才一秒|收藏本站|加入[书書][签籤]|最新章[节節]|(?:全文|免[费費]|在[线線]|正常)[阅閱][读讀]"
    r"|[无無][弹彈]窗|更新最快|勿[转轉][载載]|禁止[转轉][载載]|[转轉][载載][请請]注明|[谢謝]绝[转轉][载載]")
_SITE_MARKER = regex.compile(_SITE_ADDRESS + "|" + _SITE_WORDS, regex.I)
_SITE_ADDRESS_RE = regex.compile(_SITE_ADDRESS, regex.I)
# Sentence punctuation and spaces; with closing (opening) brackets they stay on the prose side of a suffix (prefix).
_SPACE = " \t\u3000"
_SENT_END = "。！？!?…"
_SENT = _SPACE + _SENT_END + "，,、；;：:—～~.．·"
_CLOSERS = "”’」』》）)]】〕"
_OPENERS = "“‘「『《（([【〔"
# What may end a line after a spliced string: the final punctuation, kept with the prose.
_MIRROR = str.maketrans(_CLOSERS + _OPENERS, _OPENERS + _CLOSERS)
_FINAL = "。！？!?…~～.．”’\"'」』"
_DIALOGUE = regex.compile(r"^[“「『\"‘]|[”」』\"’]$")
_HEADING = regex.compile(
    r"^(?:第[\s\d０-９一二三四五六七八九十百千万零〇两]+[章节節回卷集部篇幕话話]|[一二三四五六七八九十百]+[、.．]"
    r"|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．)]|[-*+>#|]|(?:chapter|part)\s*\d)", regex.I)
_DIGITS = regex.compile(r"\d+")
_HOST = regex.compile(r"((?:[a-z0-9-]+\.)+[a-z]{2,6})(?![a-z0-9-])", regex.I)
_ADDRESS = regex.compile(r"(?:https?://|www\.|wap\.|m\.)[\w./?%&=#:~+-]+|[\w-]+(?:\.[\w-]+)+/[\w./?%&=#:~+-]*", regex.I)


def _boundary(c: str) -> bool:
    """The line's edge ("") or punctuation: what stands between a glued tag and the sentence before it."""
    return not c or c in _SENT or c in _CLOSERS or c in _OPENERS


def _at_least(s: str, k: int) -> bool:
    """Whether ``s`` holds ``k`` letters or digits (stops counting there: lines of prose are long)."""
    return len(s) >= k and _AT_LEAST[k].match(s) is not None


def _letters(s: str) -> int:
    return len(_LETTER.findall(s))


def _prose_at_least(s: str, k: int) -> bool:
    """Whether ``s`` holds ``k`` letters (digits do not count: a date is not prose)."""
    return len(s) >= k and _PROSE_AT_LEAST[k].match(s) is not None


@dataclass(frozen=True, slots=True)
class _Doc:
    """What every proposal needs to know about the document: its non-blank lines in order and their rank. Held
    compactly (a large document must not be copied): the non-blank lines are an array of indexes into ``lines``,
    stripped on demand (``str.strip`` returns the line itself when there is nothing to strip)."""

    lines: Sequence[str]
    index: array[int]  # the indexes of the non-blank lines, ascending: a line's rank is its position here
    prose: int  # non-blank lines with at least PROSE letters: the denominator of SPLICE_SHARE
    duplicated: bool
    marked: frozenset[int]  # lines that hold a site marker
    holders: dict[str, array[int]] = field(default_factory=dict)  # a tag counted → the lines that hold it

    def stripped(self) -> Iterator[tuple[int, str]]:
        """(line index, the line without surrounding spaces) of the non-blank lines, in order."""
        lines = self.lines
        return ((i, lines[i].strip()) for i in self.index)

    def spread(self, group: Sequence[int]) -> bool:
        # Ranks grow with line indexes: the first and last line of the group are its extremes.
        first, last = bisect_left(self.index, min(group)), bisect_left(self.index, max(group))
        return last - first >= SPREAD * len(self.index)

    def count(self, tag: str) -> int:
        """Occurrences of ``tag`` in the stripped non-blank lines (none spans two lines: a tag holds no line break),
        counted on joined chunks of lines: C speed without a copy of the whole text. A tag that neither starts nor
        ends with a space occurs in a line exactly where it occurs in the stripped line, and never in a blank line
        (it has letters): the lines are then joined as they are, without a Python step per line.

        Only the lines that can hold it are read: those that hold the longest tag already counted which ``tag``
        starts or ends with (a line holding "prose + tag" holds "tag"), all of them otherwise; and the lines that
        hold ``tag`` are remembered for the next one. After a tag is rejected, each "prose + tag" ending of its
        group is looked at in turn: counted over the whole document, that was quadratic on a huge one."""
        known = self._narrowest(tag)
        lines = self.lines
        if tag[0].isspace() or tag[-1].isspace():
            n = 0
            for chunk in _chunks(self.index if known is None else known, _CHUNK):
                n += "\n".join(lines[i].strip() for i in chunk).count(tag)
            self.holders[tag] = self._holding(tag, known)
            return n
        n = 0
        holders = array("q")
        for first, raw in self._raw_chunks(known):
            text = "\n".join(raw)
            found = text.count(tag)
            if found:
                n += found
                holders.extend(_holding_in(text, raw, tag, first))
        self.holders[tag] = holders
        return n

    def _narrowest(self, tag: str) -> array[int] | None:
        """The lines holding the longest tag already counted that ``tag`` starts or ends with (None: none was)."""
        best: array[int] | None = None
        for k in range(len(tag) - 1, 0, -1):
            for part in (tag[-k:], tag[:k]):
                got = self.holders.get(part)
                if got is not None and (best is None or len(got) < len(best)):
                    best = got
            if best is not None:
                return best  # a longer part's holders are a subset of a shorter one's
        return None

    def _raw_chunks(self, known: array[int] | None) -> Iterator[tuple[array[int] | int, list[str]]]:
        """(where the chunk's lines are: their indexes, or the index of the first, the lines as they are)."""
        lines = self.lines
        if known is None:
            for start in range(0, len(lines), _CHUNK):
                yield start, list(lines[start:start + _CHUNK])
        else:
            for chunk in _chunks(known, _CHUNK):
                yield chunk, [lines[i] for i in chunk]

    def _holding(self, tag: str, known: array[int] | None) -> array[int]:
        holders = array("q")
        for first, chunk in self._raw_chunks(known):
            text = "\n".join(chunk)
            if tag in text:
                holders.extend(_holding_in(text, chunk, tag, first))
        return holders


def _holding_in(text: str, chunk: list[str], tag: str, first: array[int] | int) -> list[int]:
    """The indexes of the lines of ``chunk`` (joined: ``text``) that hold ``tag``, each once, in order."""
    starts = list(accumulate((len(s) + 1 for s in chunk), initial=0))
    out: list[int] = []
    at = text.find(tag)
    while at >= 0:
        j = bisect_right(starts, at) - 1
        out.append(first + j if isinstance(first, int) else first[j])
        at = text.find(tag, starts[j + 1])  # the next line: each holder once
    return out


# Lines joined at once where a scan runs at C speed over many lines (markers, a tag's occurrences).
_CHUNK = 4096


def _chunks(index: array[int], size: int) -> Iterator[array[int]]:
    for start in range(0, len(index), size):
        yield index[start:start + size]


def _frequent(keys: Callable[[], Iterable[str]], n: int, at_least: int) -> Counter[str]:
    """Exact counts of the strings that ``keys()`` yields at least ``at_least`` times (``n``: about how many it
    yields). A Counter of every line would hold a dict entry per distinct line, as large as the lines themselves:
    a first pass counts hashes in a table of a few bytes per line (saturating at 255), and only the strings whose
    bucket is full enough are counted for real in a second pass (collisions only make a string a candidate)."""
    size = 1 << max(10, (4 * n).bit_length())
    mask = size - 1
    table = bytearray(size)
    for s in keys():
        k = hash(s) & mask
        if table[k] < 255:
            table[k] += 1
    counts = Counter(s for s in keys() if table[hash(s) & mask] >= at_least)
    return Counter({s: c for s, c in counts.items() if c >= at_least})


@functools.cache
def _word_starts() -> re.Pattern[str]:
    """Where a site word may start: the keyword scan's pair scan over the two characters each word can begin with
    (each word has two characters or more, none of them with case). ``regex`` tried the whole alternation at every
    position, and the words' first characters (在, 小, 文…) are common in prose."""
    word = regex.compile(_SITE_WORDS)
    chars = sorted({c for c in _SITE_WORDS if ord(c) > 0x7F})
    if any(c.lower() != c or c.upper() != c or word.fullmatch(c) for c in chars):
        raise AssertionError("a site word of one character or with case: the pair scan would miss it")
    first = [a for a in chars if word.fullmatch(a, partial=True)]
    return pair_scan([a + b for a in first for b in chars if word.fullmatch(a + b, partial=True)])


def _marked(lines: Sequence[str], index: array[int]) -> frozenset[int]:
    """The lines that hold a site marker, by one scan per chunk of joined lines (a marker never spans a line
    break): the addresses as they are, the words at the candidates of :func:`_word_starts` (the same lines as
    scanning for the whole marker; 0.21 -> 0.08 s on a 5 MB document)."""
    marked: list[int] = []
    starts_of, match = _word_starts().finditer, _SITE_MARKER.match
    for chunk in _chunks(index, _CHUNK):
        stripped = [lines[i].strip() for i in chunk]
        starts = list(accumulate((len(s) + 1 for s in stripped), initial=0))
        text = "\n".join(stripped)
        found = {bisect_right(starts, m.start()) - 1 for m in _SITE_ADDRESS_RE.finditer(text)}
        found.update(bisect_right(starts, p) - 1 for p in (m.start() for m in starts_of(text)) if match(text, p))
        marked.extend(chunk[k] for k in found)
    return frozenset(marked)


def _profile(lines: Sequence[str]) -> _Doc | None:
    index = array("q", (i for i, line in enumerate(lines) if not line.isspace() and line))
    if len(index) < MIN_LINES:
        return None
    long_index = array("q", (i for i in index if _at_least(lines[i].strip(), PROSE)))
    long_repeats = _frequent(lambda: (lines[i].strip() for i in long_index), len(long_index), 2)
    distinct = len(long_index) - sum(c - 1 for c in long_repeats.values())
    duplicated = bool(long_index) and len(long_repeats) > DUPLICATED * distinct
    return _Doc(lines, index, len(long_index), duplicated, _marked(lines, index))


def _why(kind: str, n: int, group: Sequence[int]) -> str:
    return f"{kind} recurs {n} times, lines {min(group) + 1}–{max(group) + 1}"


def find_repetition(lines: Sequence[str]) -> list[Evidence]:
    """STRONG ``site`` evidence for lines, suffixes and prefixes a long document repeats (see the module docstring).

    >>> who = "老周 小林 阿青 他们 先生 船夫 姑娘 孩子 掌柜 客人".split()
    >>> what = "走进雨里 点起灯 沉默良久 望着河面 笑了笑".split()
    >>> body = [f"{who[n % 10]}在第{n}天{what[n % 5]}，又过了{n % 7 + 1}个时辰。" for n in range(200)]
    >>> find_repetition(body)
    []
    >>> tagged = [l + "本书由星河文库首发，请勿转载！" if n % 8 == 7 else l for n, l in enumerate(body)]
    >>> found = find_repetition(tagged)
    >>> len(found), found[0].rule, tagged[found[0].line][slice(*found[0].span)]
    (25, 'repeat.suffix', '本书由星河文库首发，请勿转载！')
    """
    doc = _profile(lines)
    if doc is None:
        return []
    found = _repeated_lines(doc)
    taken = {e.line for e in found}
    for suffix in (True, False):
        found.extend(_affixes(doc, taken, suffix))
        taken |= {e.line for e in found}  # a line cut by a suffix is not searched for a prefix
    return found


def _repeated_lines(doc: _Doc) -> list[Evidence]:
    """``repeat.line``: the same line again and again through the document. A line that is only a web address may
    vary in its digits (a link to each chapter's page) when its site is named by a line the document repeats word
    for word (a reference list of links to one site stays); any other line must recur exactly."""
    frequent = _frequent(lambda: (s for _, s in doc.stripped()), len(doc.index), MIN_REPEATS)
    exact: dict[str, list[int]] = defaultdict(list)
    varying: dict[str, list[int]] = defaultdict(list)
    for i, s in doc.stripped():
        if s in frequent:
            exact[s].append(i)
        elif "." in s and len(s) <= MAX_AFFIX and _address_only(s):
            varying[_DIGITS.sub("0", s)].append(i)
    found: list[Evidence] = []
    sites: set[str] = set()
    for key, group in exact.items():
        if not _furniture(doc, key, group):
            continue
        marked = _SITE_MARKER.search(key) is not None
        sentence = any(c in key for c in "，。！？；,;!?")
        if marked or (sentence and not doc.duplicated and len(group) >= MANY_REPEATS and _letters(key) >= LONG):
            why = _why("line", len(group), group)
            found.extend(Evidence(i, "repeat.line", "site", why=why, anchors=marked) for i in group)
            sites |= _sites(key)
    for key, group in varying.items():
        if _furniture(doc, key, group) and _sites(key) & sites:
            why = _why("address line", len(group), group)
            found.extend(Evidence(i, "repeat.line", "site", why=why) for i in group)
    return found


def _furniture(doc: _Doc, key: str, group: list[int]) -> bool:
    """Enough occurrences, spread, and not a line the guards keep (dialogue, heading, list item, markup)."""
    if len(group) < MIN_REPEATS or not _at_least(key, MIN_LINE_LETTERS) or _DIALOGUE.search(key):
        return False
    return _HEADING.match(key) is None and doc.spread(group)


def _sites(s: str) -> set[str]:
    """The registrable parts of the host names in ``s`` (``www.example.com`` → ``example.com``)."""
    out = set()
    for m in _HOST.finditer(s):
        labels = m.group(1).lower().split(".")
        keep = 3 if len(labels) >= 3 and labels[-2] in ("com", "net", "org", "gov", "edu") else 2
        out.add(".".join(labels[-keep:]))
    return out


def _address_only(s: str) -> bool:
    """A line that is a web address and at most a bracket or a word around it."""
    return "." in s and _ADDRESS.search(s) is not None and not _at_least(_ADDRESS.sub("", s), MIN_LINE_LETTERS)


def _edge(line: str, s: str, suffix: bool) -> tuple[str, int, str]:
    """The part of a line (``s``: stripped) an affix is looked for in, where it ends (suffix) or starts (prefix) in
    the line, and, for a suffix, the final punctuation after it."""
    lead = 0 if line[0] == s[0] else len(line) - len(line.lstrip())
    if not suffix:
        return s, lead, ""
    core = s.rstrip(_FINAL)
    return core, lead + len(core), s[len(core):]


class _Edges:
    """``_edge`` of each line, taken when asked (for a suffix or a prefix): nothing is kept per line."""

    def __init__(self, doc: _Doc, suffix: bool) -> None:
        self.doc, self.suffix = doc, suffix

    def __call__(self, i: int) -> tuple[str, int, str]:
        line = self.doc.lines[i]
        return _edge(line, line.strip(), self.suffix)

    def cores(self, taken: set[int], holding: Iterable[str] = (), among: array[int] | None = None
              ) -> Iterator[tuple[int, str]]:
        """(line index, core) of the non-blank lines not taken whose core is not empty, in order; with ``holding``,
        only lines that contain one of those strings (a cheap C-speed test before the core is taken); with
        ``among``, only those lines (ascending)."""
        lines, suffix, wanted = self.doc.lines, self.suffix, tuple(holding)
        for i in self.doc.index if among is None else among:
            line = lines[i]
            if wanted and not any(w in line for w in wanted):
                continue
            if i not in taken:
                core = _edge(line, line.strip(), suffix)[0]
                if core:
                    yield i, core


def _common(a: str, b: str) -> int:
    """Length of the common prefix of two strings (binary search on slices: C speed on long lines)."""
    n = min(len(a), len(b))
    if not n or a[0] != b[0]:
        return 0
    if a[:n] == b[:n]:
        return n
    if n > 4 and a[:4] != b[:4]:  # most neighbours share a character or two: no search for them
        return 1 + (a[1] == b[1]) + (a[1] == b[1] and a[2] == b[2])
    lo, hi = 1, n  # a[:lo] == b[:lo], a[:hi] != b[:hi]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid
    return lo


def _walk(cores: dict[int, str], suffix: bool) -> list[tuple[str, list[int]]]:
    """Groups of at least ``MIN_REPEATS`` lines sharing an affix, each taken at a branch point (where one more
    character is no longer shared by all of them). The lines are sorted on their (reversed, for a suffix) edge;
    the groups are the intervals of that order over which neighbours share at least so many characters."""
    keys = {i: c[: -MAX_AFFIX - 1: -1] if suffix else c[:MAX_AFFIX] for i, c in cores.items()}
    order = sorted(keys, key=keys.__getitem__)
    shared = [0] + [_common(keys[a], keys[b]) for a, b in pairwise(order)] + [0]
    out: list[tuple[str, list[int]]] = []
    stack: list[tuple[int, int]] = [(0, 0)]  # (shared length, first position) of the open intervals
    for j in range(1, len(order) + 1):
        first = j - 1
        while shared[j] < stack[-1][0]:
            k, first = stack.pop()
            if j - first >= MIN_REPEATS:
                key = keys[order[first]][:k]
                out.append((key[::-1] if suffix else key, order[first:j]))
        if shared[j] > stack[-1][0]:
            stack.append((shared[j], first))
    return out


def _trim(affix: str, suffix: bool) -> str:
    """The affix without what belongs to the prose beside it: for a suffix the punctuation before it (。 ending the
    sentence, a closing quote, a space); for a prefix the spaces and opening brackets after it."""
    return affix.lstrip(_SENT + _CLOSERS) if suffix else affix.rstrip(_SPACE + _OPENERS)


def _outside(edge: _Edges, affix: str, group: list[int], suffix: bool) -> bool | None:
    """Whether the prose side of a shared affix is punctuation (or the line's edge) in most of its lines; None
    when that does not matter (an affix without a site marker is only trimmed)."""
    if _SITE_MARKER.search(affix) is None:
        return None
    sides = [_before(edge(i)[0], affix, suffix) for i in group]
    return sum(1 for c in sides if _boundary(c)) >= DOMINANT * len(group)


def _narrow(affix: str, outside: bool | None, suffix: bool) -> str:
    """A marked tag inside a shared affix. When the prose side of the affix is punctuation in most lines
    (``outside``: glued after a sentence), all of it is the tag. Otherwise the affix may reach into prose that the
    lines share too ("…个时辰。" + tag): a suffix tag then begins at an opening bracket still open at its first site
    marker, else after the last punctuation mark before that marker, else at the marker itself; a prefix tag ends
    at the first boundary after its last marker."""
    marks = list(_SITE_MARKER.finditer(affix))
    if outside or not marks:
        return _trim(affix, suffix)
    if suffix:
        first = marks[0].start()
        depth, opener, after = 0, -1, -1
        for j, c in enumerate(affix[:first]):
            if c in _OPENERS:
                depth, opener = depth + 1, (j if depth == 0 else opener)
            elif c in _CLOSERS:
                depth = max(depth - 1, 0)
            if c in _SENT_END or c in _CLOSERS or c in "，,；;：:":
                after = j + 1
        start = opener if depth > 0 else after if after >= 0 else first
        return _trim(affix[start:], True)
    last = marks[-1].end()
    depth = 0
    for c in affix[:last]:
        depth = depth + 1 if c in _OPENERS else max(depth - 1, 0) if c in _CLOSERS else depth
    end = last
    for j in range(last, len(affix) + 1):
        if depth == 0 and (j == len(affix) or affix[j] in _SPACE or affix[j] in _OPENERS
                           or affix[j - 1] in _SENT_END or affix[j - 1] in _CLOSERS):
            end = j
            break
        if j < len(affix):
            depth = depth + 1 if affix[j] in _OPENERS else depth - 1 if affix[j] in _CLOSERS else depth
    return _trim(affix[:end], False)


def _affixes(doc: _Doc, taken: set[int], suffix: bool) -> list[Evidence]:
    """``repeat.suffix`` / ``repeat.prefix`` evidence; a line that is nothing but the tag goes whole."""
    # The lines are not copied without their final punctuation all at once (a large document would be held twice):
    # each line's edge is taken again where it is needed; only the pool's are kept.
    edge = _Edges(doc, suffix)
    rule = "repeat.suffix" if suffix else "repeat.prefix"
    found: list[Evidence] = []
    done: set[int] = set()
    accepted: list[str] = []
    rejected: set[str] = set()
    # Only lines that could carry a tag are grouped: those with a site marker, and (suffixes) those whose ending
    # closes enough prose lines to be spliced in.
    pool = {i: c for i, c in edge.cores(taken) if i in doc.marked}
    if suffix and not doc.duplicated:
        ends = Counter(c[-3:] for _, c in edge.cores(taken))
        common = {e for e, n in ends.items() if n >= SPLICE_SHARE * doc.prose}
        if common:
            pool.update((i, c) for i, c in edge.cores(taken, common) if c[-3:] in common)
        del ends
    # Shorter affixes first: a tag is accepted at its branch point, and a longer affix holding it (prose + tag)
    # must not be accepted after it.
    for affix, group in sorted(_walk(pool, suffix), key=lambda g: len(g[0])):
        if done:
            group = [i for i in group if i not in done]
        if len(group) < MIN_REPEATS or not _worth_a_look(doc, affix, len(group), suffix):
            continue
        tag = _narrow(affix, _outside(edge, affix, group, suffix), suffix)
        if not tag or tag in rejected or any((tag.endswith(a) if suffix else tag.startswith(a)) for a in accepted):
            continue
        if not _is_tag(doc, tag, group, edge, suffix):
            rejected.add(tag)  # the same words reached from another branch (after 。 or after ”) fail again
            continue
        accepted.append(tag)
        # Every line that carries the tag, also those of branches too small to follow (a dialogue line + tag):
        # looked for among the lines its count found holding it, not in the whole document once per tag.
        group = [i for i, c in edge.cores(taken, (tag,), doc.holders.get(tag))
                 if i not in done and (c.endswith(tag) if suffix else c.startswith(tag))]
        why = _why(rule.split(".")[1], len(group), group)
        marked = _SITE_MARKER.search(tag) is not None
        for i in group:
            found.append(_cut(i, tag, edge(i), suffix, rule, why, marked))
            done.add(i)
    return found


def _worth_a_look(doc: _Doc, affix: str, n: int, suffix: bool) -> bool:
    """The cheap first test of a shared affix: a marker, or enough lines to be spliced into the prose."""
    if _SITE_MARKER.search(affix):
        return True
    return suffix and not doc.duplicated and n >= SPLICE_SHARE * doc.prose


def _before(core: str, tag: str, suffix: bool) -> str:
    """The character on the prose side of the tag, or "" at the line's edge."""
    if suffix:
        return core[-len(tag) - 1] if len(core) > len(tag) else ""
    return core[len(tag)] if len(core) > len(tag) else ""


def _is_tag(doc: _Doc, tag: str, group: list[int], edge: _Edges, suffix: bool) -> bool:
    """Whether a shared affix is a site's tag and not prose (see the module docstring). The cheap tests first: the
    count over the whole text runs only for the few groups that pass them."""
    n = len(group)
    if n < MIN_REPEATS or not _at_least(tag, 2) or not doc.spread(group):
        return False
    if _SITE_MARKER.search(tag) is None and not (suffix and _spliced(doc, tag, group, edge)):
        return False
    if not _mostly(group, lambda i: _leaves_text(edge(i)[0], tag, suffix)):
        return False  # lines that differ only in a number ("…/issues/1" + "23") carry no tag
    return doc.count(tag) * AT_EDGE <= n  # else it also stands inside lines: a word of the text


def _leaves_text(core: str, tag: str, suffix: bool) -> bool:
    """Whether cutting ``tag`` leaves a word of the line's own (or nothing: the line is the tag), without splitting
    a run of ASCII letters and digits or a web address (lines of links share ``https://``, ``![](https://`` or
    ``<a href="https://``: that is how a link is written, not a site's tag)."""
    at = len(core) - len(tag) if suffix else len(tag)
    rest = core[:at] if suffix else core[at:]
    if not rest.strip(_SENT):
        return True
    inner, edge = (rest[-1], tag[0]) if suffix else (rest[0], tag[-1])
    if inner.isascii() and inner.isalnum() and edge.isascii() and edge.isalnum():
        return False
    if _splits_address(core, at):
        return False
    return _PROSE_LETTER.search(rest) is not None


def _splits_address(core: str, at: int) -> bool:
    """Whether position ``at`` of ``core`` falls inside a web address (its scheme, host or path)."""
    start = max(0, at - MAX_AFFIX)
    return any(m.start() < at < m.end() for m in _ADDRESS.finditer(core, start, at + MAX_AFFIX))


def _spliced(doc: _Doc, tag: str, group: list[int], edge: _Edges) -> bool:
    """A string without a site marker spliced between the prose and the final punctuation of a large share of the
    prose lines: right after a letter, in lines that are prose of their own (a log whose entries end alike,
    "2024-01-02 巡查，未发现异常。", has no prose around the shared part)."""
    if doc.duplicated or len(group) < SPLICE_SHARE * doc.prose or not _at_least(tag, 3):
        return False

    def spliced(i: int) -> bool:
        core, _, final = edge(i)
        rest = core[: -len(tag)]
        return bool(final and _PROSE_LETTER.match(_before(core, tag, True)) and _prose_at_least(rest, PROSE))

    return _mostly(group, spliced)


def _mostly(group: list[int], test: Any) -> bool:
    """Whether ``test`` holds for ``DOMINANT`` of the group (stops as soon as too many have failed)."""
    allowed = len(group) - DOMINANT * len(group)
    failed = 0
    for i in group:
        if not test(i):
            failed += 1
            if failed > allowed:
                return False
    return True


def _cut(i: int, tag: str, edge: tuple[str, int, str], suffix: bool, rule: str, why: str,
         marked: bool) -> Evidence:
    core, at, final = edge
    rest = core[: len(core) - len(tag)] if suffix else core[len(tag):]
    if not rest.strip(_SENT):
        return Evidence(i, rule, "site", why=why, anchors=marked)  # nothing but the tag: the line goes
    if not suffix:
        return Evidence(i, rule, "site", span=(at, at + len(tag)), why=why, anchors=marked)
    # A site's tag glued after a full sentence takes its own final punctuation; a string spliced into the prose
    # (unmarked) leaves the sentence's 。 in place, also after a closing quote (…！”<title>。 → …！”。).
    glued = marked and (rest[-1] in _SENT or rest[-1] in _CLOSERS)
    return Evidence(i, rule, "site", span=(at - len(tag), at + (len(final) if glued else 0)), why=why, anchors=marked)
