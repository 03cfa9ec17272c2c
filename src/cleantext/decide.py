"""Zones: decisions about lines no pattern names, taken from the labels of the lines around them.

Two rules, each with its own id in the audit:

- ``zone.distributor-name``: a line that is nothing but a distributor's name (revealed by a credit pattern's
  ``distributor`` group) goes wherever it stands.
- ``zone.tail-block``: after the last body paragraph, a block of boilerplate anchored by a strong pattern takes
  with it the short slogan lines sandwiched between its boilerplate lines. The block must be mostly boilerplate
  from at least two different rules (a mark repeated between paragraphs is not a footer), lines before its first
  or after its last boilerplate line stay (a signature, a date, "（全书完）"), and a long line, a sentence or a
  heading is never taken.

- ``zone.same-site``: a short line whose only content is an address or e-mail on a domain that removed
  boilerplate already named ("Contact: help@<site>" after "Downloaded from www.<site>") goes too.

The head gets no block rule on purpose: the title sits among the head boilerplate.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import accumulate
from typing import Any

import regex

from cleantext.evidence.rules import Hit

# A zone takes a line only if it is short and reads like a slogan, not like a sentence or a heading.
MAX_ZONE_LINE = 30
_EDGE_PUNCT = regex.compile(r"^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$")
_SENTENCE_END = regex.compile(r"[。.;；:：]$")
_HEADING = regex.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]\s*\S|第\S{1,6}[章节回卷篇部])")


@lru_cache(maxsize=256)
def _literal_scan(words: frozenset[str], ignore_case: bool) -> Any:
    """One compiled alternation per set of names (the same distributors recur across a collection)."""
    source = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(source, regex.I if ignore_case else 0)


def _lines_holding(lines: Sequence[str], text: str, scan: Any) -> list[int]:
    """Indexes (sorted) of the lines of ``text`` where ``scan`` finds something: one scan of the whole text."""
    positions = [m.start() for m in scan.finditer(text)]
    if not positions:
        return []
    starts = list(accumulate((len(l) + 1 for l in lines[:-1]), initial=0))
    return sorted({bisect_right(starts, pos) - 1 for pos in positions})


def bare_name(line: str) -> str:
    """The line without surrounding spaces, punctuation and symbols (【名称】 → 名称)."""
    return _EDGE_PUNCT.sub("", line)


def distributor_lines(lines: Sequence[str], text: str, names: Iterable[str], taken: set[int]) -> list[int]:
    """Lines that are only a distributor's name (one scan of the text for the names finds the candidates)."""
    wanted = {n for n in names if n}
    if not wanted:
        return []
    candidates = _lines_holding(lines, text, _literal_scan(frozenset(wanted), False))
    return [i for i in candidates if i not in taken and bare_name(lines[i]) in wanted]


_HOST = regex.compile(
    r"(?:https?://)?(?:[\w.+-]+@)?((?:[a-z0-9-]+\.)+(?:com|cn|net|org|cc|top|vip|info|me|io|xyz|tv|la|co|biz|site|club))"
    r"(?![a-z])", regex.I)
_SECOND_LEVEL = {"com", "net", "org", "gov", "edu", "ac"}
MAX_SAME_SITE_LINE = 80
MAX_SAME_SITE_REST = 16


def site_of(host: str) -> str:
    """The registrable part of a host name: ``www.a.example.com`` → ``example.com``, ``x.gov.cn`` → ``x.gov.cn``."""
    labels = host.lower().split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def sites_in(texts: Iterable[str]) -> set[str]:
    return {site_of(m.group(1)) for t in texts for m in _HOST.finditer(t)}


def same_site_lines(lines: Sequence[str], text: str, sites: set[str], taken: set[int]) -> list[int]:
    """Short lines that only give an address on one of ``sites`` (plus a label or a name). One scan of the text
    for the site names finds the few lines worth a look."""
    if not sites:
        return []
    found = []
    for i in _lines_holding(lines, text, _literal_scan(frozenset(sites), True)):
        line = lines[i]
        if i in taken or len(line) > MAX_SAME_SITE_LINE:
            continue
        hosts = [m for m in _HOST.finditer(line)]
        if not hosts or any(site_of(m.group(1)) not in sites for m in hosts):
            continue
        rest = _HOST.sub("", line)
        if len(regex.sub(r"[^\p{L}\p{N}]", "", rest)) <= MAX_SAME_SITE_REST:
            found.append(i)
    return found


def _slogan_like(line: str) -> bool:
    s = line.strip()
    return len(s) <= MAX_ZONE_LINE and not _SENTENCE_END.search(s) and not _HEADING.match(s)


def tail_block_lines(lines: Sequence[str], removed: dict[int, Hit | str], inline: dict[int, list[Hit]]) -> list[int]:
    """Unnamed slogan lines of the tail block (see the module docstring)."""
    block: list[int] = []
    for i in range(len(lines) - 1, -1, -1):
        s = lines[i].strip()
        if not s or i in removed:
            block.append(i)
            continue
        if i in inline or not _slogan_like(s):
            break
        block.append(i)
    else:
        return []  # no body paragraph above: a short document is not a footer
    block.reverse()
    hits = [removed[i] for i in block if isinstance(removed.get(i), Hit)]
    if not any(h.pattern.strong for h in hits) or len({h.pattern.id for h in hits}) < 2:  # type: ignore[union-attr]
        return []
    taken = [i for i in block if i in removed]
    first, last = taken[0], taken[-1]
    slogans = [i for i in block if first < i < last and i not in removed and lines[i].strip()]
    return slogans if len(slogans) <= len(taken) else []
