"""Turn a learned shape into an ordinary pattern: regex, keyword, category, examples (``cleantext learn``).

The regex is the shape with its literal parts escaped (ASCII punctuation and letters also accept their full-width
forms, since shapes are NFKC-folded and documents are not), whitespace allowed where the observed lines had it,
and each mask replaced by the class it stands for. It is a whole-line rule: it removes a line only when it matches
all of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import regex

from cleantext.learn.rules import LEXICON, lexicon_hits, words_of
from cleantext.learn.shape import EMAIL, LONGNUM, NAME, NUM, URL, WXID, literal_runs, shape_of

MASK_REGEX = {
    URL: "%URL%",
    EMAIL: "%EMAIL%",
    WXID: r"[A-Za-z]{1,12}_[0-9]{2,12}",
    NUM: r"[0-9０-９](?:[ \-]?[0-9０-９]){0,3}",
    LONGNUM: r"[0-9０-９](?:[ 　\-－]?[0-9０-９]){4,19}",
}
NAME_REGEX = r"\p{Han}{2,8}"
FALLBACK_KEYWORDS = ("www", "http", "@", ".com", ".cn", "QQ")
_FULLWIDTH_OFFSET = 0xFEE0


def gaps_of(key: str, lines: Iterable[str]) -> set[int]:
    """Positions of ``key`` where one of the observed lines had whitespace (mapped through a masked name)."""
    gaps: set[int] = set()
    name_at = key.find(NAME)
    for line in lines:
        shape = shape_of(line)
        if name_at < 0:
            if shape.key == key:
                gaps |= shape.gaps
            continue
        suffix = len(key) - name_at - 1
        end = len(shape.key) - suffix
        if shape.key[:name_at] != key[:name_at] or shape.key[end:] != key[name_at + 1 :]:
            continue
        for g in shape.gaps:
            if g <= name_at:
                gaps.add(g)
            elif g >= end:
                gaps.add(g - end + name_at + 1)
    return gaps


def _literal(c: str, lines: Sequence[str]) -> str:
    """One literal character; an ASCII one also matches its full-width twin (always for punctuation)."""
    if "!" <= c <= "~":
        wide = chr(ord(c) + _FULLWIDTH_OFFSET)
        if not c.isalnum() or any(wide in line for line in lines):
            return "[" + regex.escape(c) + wide + "]"
    return regex.escape(c)


def build_regex(key: str, lines: Sequence[str], distributor: bool) -> str:
    """The whole-line regex of a shape, given the lines it was seen on."""
    gaps = gaps_of(key, lines)
    parts = ["^"]
    for i, c in enumerate(key):
        if i in gaps:
            parts.append(r"\s*")
        if c == " ":
            parts.append(r"\s+")
        elif c == NAME:
            parts.append(f"(?P<distributor>{NAME_REGEX})" if distributor else NAME_REGEX)
        elif c in MASK_REGEX:
            parts.append(MASK_REGEX[c])
        else:
            parts.append(_literal(c, lines))
    parts.append("$")
    return "".join(parts)


def category_of(key: str) -> str:
    """Guessed from the lexicon words the shape holds (first category that has one), else ``ad``."""
    for cat, _ in lexicon_hits(key):
        if cat != "page" or NUM in key:
            return cat
    return "site" if URL in key else "ad"


def keyword_for(key: str, lines: Sequence[str]) -> str | None:
    """A literal word present in every observed line (the prefilter): a lexicon word if one is, else the longest
    literal run, else a fragment of a masked address."""
    lows = [line.lower() for line in lines]
    runs = literal_runs(key)
    words = words_of(key).lower()
    lexicon = [w for ws in LEXICON.values() for w in ws if w.lower() in words]
    pool = lexicon + sorted((r for r in runs if len(r) >= 2), key=len, reverse=True) + list(FALLBACK_KEYWORDS) + runs
    for word in pool:
        if all(word.lower() in low for low in lows):
            at = lows[0].find(word.lower())
            found = lines[0][at : at + len(word)]
            return found if found.lower() == word.lower() else word  # spelled as the lines spell it
    return None


def keep_examples(keyword: str, test: Callable[[str], Any], body_lines: Iterable[str], limit: int = 2) -> list[str]:
    """Body lines holding the keyword that the pattern leaves alone (``test`` is its whole-line match); a written
    sentence when the collection has none."""
    out: list[str] = []
    for line in body_lines:
        if keyword.lower() in line.lower() and line not in out and not test(line):
            out.append(line)
            if len(out) >= limit:
                return out
    if not out:
        for written in (f"会议记录中提到“{keyword}”一词，与会同志围绕它谈了各自的看法。",
                        f"The minutes mention the word “{keyword}” in passing; the members discussed it briefly."):
            if not test(written):
                out.append(written)
                break
    return out
