"""Shapes of regex that backtrack exponentially, found by reading the regex rather than by running it.

Running a regex on made-up inputs (``patterns._adversarial_inputs``) misses a rule whose bad input it did not
guess: ``下载(?:[a-z]|[a-z0-9])+完`` passes that and backtracks 2^n ways on ``下载`` + n letters. So the source is
also read, and two shapes are refused, whatever the engine would do with them today:

- inside a repeat (``+``, ``*``, ``{n,}``, or five times or more), an unbounded repeat that can also take what comes
  next (in the body, or the body's next round), unless every round must take a character the inner repeat cannot:
  ``(a+)+``, ``(\\d+\\s?)+x``, ``(.*a){12}``, ``(x+x+)+y``, ``(?:\\w*\\d*)+`` are refused; the bundled style
  ``(?:\\s*(?:写留言|精选留言))+`` is not (each round needs 写 or 精, which ``\\s*`` cannot take);
- a repeat around alternatives that can start with the same character: ``(a|aa)+``, ``(?:[a-z]|[a-z0-9])+``,
  ``(?:ab|ac)+`` (a common prefix).

The reader knows the syntax of the ``regex`` module's V0 flavour well enough to find groups, classes, escapes and
quantifiers; it never raises (an unreadable source is left to the compiler and the run-time check).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import regex

# A repeat counts as "many" from this bound on: (x*){5} already tries n^5 ways to split n characters.
NESTED_BOUND = 5
# Overlapping alternatives under a bounded repeat cost up to 2^bound: refused from this bound on.
ALTERNATION_BOUND = 12
_SAMPLES = ("".join(chr(c) for c in range(32, 127)) + "\t\n\u3000　，。、：；！？“”（）《》【】"
            "０９ＡＺａｚ中一二三的了是在文章下载群号微信公众")


_GROUP_HEAD = regex.compile(r"\?(?:P?<[A-Za-z_]\w*>|P=\w+\)|[=!]|<[=!]|>|:|[a-zA-Z\-]*[:)])")
_BRACES = regex.compile(r"\{(\d*)(,?)(\d*)\}")


@dataclass(slots=True)
class Item:
    """One quantified piece of a regex: a character atom (``text``), a group (``alts``), or a zero-width one."""

    text: str = ""
    alts: list[list[Item]] = field(default_factory=list)
    group: bool = False
    zero_width: bool = False
    lo: int = 1
    hi: int | None = 1  # None: unbounded
    first: frozenset[str] | None = None  # memo of _first_of
    empty: bool | None = None  # memo of _nullable

    @property
    def unbounded(self) -> bool:
        return self.hi is None


class _Reader:
    """A recursive-descent reader of a regex source into nested lists of :class:`Item`."""

    def __init__(self, source: str) -> None:
        self.s, self.i = source, 0

    def alternatives(self) -> list[list[Item]]:
        alts = [self.sequence()]
        while self.i < len(self.s) and self.s[self.i] == "|":
            self.i += 1
            alts.append(self.sequence())
        return alts

    def sequence(self) -> list[Item]:
        items: list[Item] = []
        while self.i < len(self.s) and self.s[self.i] not in "|)":
            item = self.atom()
            if item is not None:
                self.quantifier(item)
                items.append(item)
        return items

    def atom(self) -> Item | None:
        s, i = self.s, self.i
        c = s[i]
        if c == "(":
            return self.group()
        if c == "[":
            j = i + 1
            j += s[j : j + 1] == "^"
            j += s[j : j + 1] == "]"
            while j < len(s) and s[j] != "]":
                if s.startswith("[:", j) and (k := s.find(":]", j + 2)) != -1:
                    j = k + 2
                    continue
                j += 2 if s[j] == "\\" else 1
            self.i = j + 1
            return Item(text=s[i : j + 1])
        if c == "\\":
            j = i + 2
            nxt = s[i + 1 : i + 2]
            if nxt in ("p", "P", "N", "x", "u", "U") and s[j : j + 1] == "{":
                j = s.find("}", j) + 1 or len(s)
            elif nxt == "x":
                j += 2
            elif nxt == "u":
                j += 4
            elif nxt == "U":
                j += 8
            self.i = j
            if nxt in ("A", "Z", "z", "b", "B", "G") or nxt.isdigit():
                return Item(text=s[i:j], zero_width=True)
            return Item(text=s[i:j])
        self.i += 1
        if c in "^$":
            return Item(text=c, zero_width=True)
        return Item(text=c)

    def group(self) -> Item | None:
        s = self.s
        self.i += 1
        zero_width = False
        if s.startswith("?#", self.i):  # a comment
            self.i = s.find(")", self.i) + 1 or len(s)
            return None
        if s.startswith("?", self.i):
            head = _GROUP_HEAD.match(s, self.i)
            if head is None:
                self.i += 1
            else:
                token = head.group()
                self.i += len(token)
                if token.endswith(")"):  # inline flags (?i), or a named back reference
                    return None
                zero_width = token in ("?=", "?!", "?<=", "?<!")
        alts = self.alternatives()
        self.i += 1  # the closing parenthesis
        return Item(alts=alts, group=True, zero_width=zero_width)

    def quantifier(self, item: Item) -> None:
        s, i = self.s, self.i
        if i >= len(s):
            return
        c = s[i]
        if c in "*+?":
            item.lo, item.hi = (0, None) if c == "*" else (1, None) if c == "+" else (0, 1)
            self.i += 1
        elif c == "{" and (m := _BRACES.match(s, i)) and (m.group(1) or m.group(3)):
            lo = int(m.group(1) or 0)
            item.lo, item.hi = lo, (int(m.group(3)) if m.group(3) else (None if m.group(2) else lo))
            self.i += len(m.group())
        else:
            return
        if self.i < len(s) and s[self.i] in "?+":  # lazy or possessive: the same shape for our purpose
            self.i += 1


@functools.lru_cache(maxsize=4096)
def _takes(atom: str) -> frozenset[str]:
    """The sample characters one character atom matches (all of them when it cannot be compiled alone)."""
    if atom == ".":
        return frozenset(_SAMPLES) - {"\n"}
    try:
        compiled = regex.compile(atom, regex.V0)
    except regex.error:
        return frozenset(_SAMPLES)
    return frozenset(c for c in _SAMPLES if compiled.fullmatch(c))


def _first(seq: list[Item]) -> frozenset[str]:
    """The sample characters a sequence can start with."""
    found: set[str] = set()
    for item in seq:
        if item.zero_width:
            continue
        found |= _first_of(item)
        if item.lo > 0 and not _nullable(item):
            break
    return frozenset(found)


def _first_of(item: Item) -> frozenset[str]:
    if item.first is None:
        item.first = _takes(item.text) if not item.group else frozenset().union(*(_first(alt) for alt in item.alts))
    return item.first


def _nullable(item: Item) -> bool:
    if item.empty is None:
        item.empty = item.zero_width or item.lo == 0 or (
            item.group and any(all(_nullable(i) for i in alt) for alt in item.alts))
    return item.empty


def _shown(item: Item) -> str:
    if not item.group:
        return item.text + ("+" if item.lo else "*")
    return "(…)" + ("+" if item.lo else "*")


@functools.lru_cache(maxsize=2048)
def exponential_shapes(source: str) -> tuple[str, ...]:
    """Why ``source`` (macros already expanded) can backtrack exponentially; empty when no known shape is there.
    Cached: every Cleaner checks the same bundled sources again."""
    try:
        reader = _Reader(source)
        tree = reader.alternatives()
    except (IndexError, ValueError, regex.error):
        return ()
    problems: list[str] = []

    def sequence(seq: list[Item], after: frozenset[str], anchors: list[Item] | None) -> None:
        """Check each item of ``seq``; ``after``: what can follow the sequence; ``anchors``: inside a group that
        repeats many times, the characters each required piece of its body needs."""
        follows: list[frozenset[str]] = [after] * len(seq)  # what can come after each item, from the end back
        acc = after
        for k in range(len(seq) - 1, -1, -1):
            follows[k] = acc
            if not seq[k].zero_width or seq[k].group:
                acc = _first_of(seq[k]) | (acc if _nullable(seq[k]) else frozenset())
        for k, item in enumerate(seq):
            if item.zero_width and not item.group:
                continue
            follow = follows[k]
            # The same text splits many ways when what the repeat takes can also come next, unless a required
            # piece of the repeated body takes none of it (a separator that pins each round: \s*群 repeated).
            if anchors is not None and item.unbounded and (common := _first_of(item) & follow) \
                    and not any(a is not item and _needs_other(a, _first_of(item)) for a in anchors):
                problems.append(f"nested quantifiers: inside a repeated group, the unbounded repeat {_shown(item)} "
                                f"can take {_sample(common)}, which can also come next, so the same text splits "
                                "in exponentially many ways")
            if not item.group:
                continue
            many = not item.zero_width and (item.hi is None or item.hi >= NESTED_BOUND)
            if not item.zero_width and (item.hi is None or item.hi >= ALTERNATION_BOUND) and len(item.alts) > 1:
                firsts = [_first(a) for a in item.alts]
                pairs = [(a, b) for a in range(len(firsts)) for b in range(a + 1, len(firsts)) if firsts[a] & firsts[b]]
                if pairs:
                    a, b = pairs[0]
                    problems.append(f"overlapping alternatives under a repeat: alternatives {a + 1} and {b + 1} can "
                                    f"both start with {_sample(firsts[a] & firsts[b])} (a common prefix?), so each "
                                    "repeat can be tried two ways")
            # After the group's body comes what follows the group, or (when it repeats) the body again.
            inner_after = follow | (_first_of(item) if item.hi is None or item.hi > 1 else frozenset())
            for alt in item.alts:
                sequence(alt, inner_after, _required(alt) if many else anchors)

    for alt in tree:
        sequence(alt, frozenset(), None)
    return tuple(dict.fromkeys(problems))


def _required(seq: list[Item]) -> list[Item]:
    r"""The pieces a sequence cannot do without (a group of one alternative that does not repeat is looked into,
    so that (?:\s*群) counts 群 as its own piece)."""
    found: list[Item] = []
    for item in seq:
        if item.zero_width or _nullable(item):
            continue
        if item.group and len(item.alts) == 1 and item.hi == 1:
            found.extend(_required(item.alts[0]))
        else:
            found.append(item)
    return found


def _needs_other(piece: Item, chars: frozenset[str]) -> bool:
    r"""True when ``piece`` must take a character outside ``chars``: then a repeated body holding it cannot be made of
    ``chars`` alone, and each round of the repeat is pinned by that character (\s* before a required 群)."""
    if not piece.group:
        return _takes(piece.text).isdisjoint(chars)
    return all(any(_needs_other(p, chars) for p in _required(alt)) for alt in piece.alts)


def _sample(chars: frozenset[str]) -> str:
    return repr("".join(sorted(chars))[:8])
