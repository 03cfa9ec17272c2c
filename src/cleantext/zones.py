"""Zones: decisions about lines no pattern names, taken from the labels of the lines around them.

Two rules, each with its own id in the audit:

- ``zone.distributor-name``: a line that is nothing but a distributor's name (revealed by a credit pattern's
  ``distributor`` group) goes wherever it stands.
- ``zone.tail-block``: after the last body paragraph, a block of boilerplate anchored by a strong pattern takes
  with it the short slogan lines sandwiched between its boilerplate lines. The block must be mostly boilerplate
  from at least two different rules (a mark repeated between paragraphs is not a footer), lines before its first
  or after its last boilerplate line stay (a signature, a date, "（全书完）"), and a long line, a sentence or a
  heading is never taken.

The head gets no block rule on purpose: the title sits among the head boilerplate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import regex

from cleantext.match import Hit

# A zone takes a line only if it is short and reads like a slogan, not like a sentence or a heading.
MAX_ZONE_LINE = 30
_EDGE_PUNCT = regex.compile(r"^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$")
_SENTENCE_END = regex.compile(r"[。.;；:：]$")
_HEADING = regex.compile(r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]\s*\S|第\S{1,6}[章节回卷篇部])")


def bare_name(line: str) -> str:
    """The line without surrounding spaces, punctuation and symbols (【名称】 → 名称)."""
    return _EDGE_PUNCT.sub("", line)


def distributor_lines(lines: Sequence[str], names: Iterable[str], taken: set[int]) -> list[int]:
    """Lines that are only a distributor's name."""
    wanted = {n for n in names if n}
    if not wanted:
        return []
    return [i for i, l in enumerate(lines) if i not in taken and l.strip() and bare_name(l) in wanted]


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
    block.reverse()
    hits = [removed[i] for i in block if isinstance(removed.get(i), Hit)]
    if not any(h.pattern.strong for h in hits) or len({h.pattern.id for h in hits}) < 2:  # type: ignore[union-attr]
        return []
    taken = [i for i in block if i in removed]
    first, last = taken[0], taken[-1]
    slogans = [i for i in block if first < i < last and i not in removed and lines[i].strip()]
    return slogans if len(slogans) <= len(taken) else []
