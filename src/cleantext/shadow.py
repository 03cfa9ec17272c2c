"""Shadow matching: catch watermarks written to dodge literal rules (``ｗＷw．exＡmpleＴXT.cＯm``,
``e x a m p l e . c o m``, ``示!例!小!说!网``).

Computing a shadow for every line would cost a pass over the whole text, so a cheap trigger — full-width Latin
letters or digits, or single characters strung together with separators — picks the few lines worth it. Rules with
``shadow = true`` then judge those lines' shadows; the cut is still the original whole line.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

import regex

from cleantext.errors import RuleTimeoutError
from cleantext.match import Hit
from cleantext.patterns import RUN_TIMEOUT, Pattern, shadow_of

_TRIGGER = regex.compile(r"[Ａ-Ｚａ-ｚ０-９．]|(?:[\p{L}\p{N}][ \t.．·!！_~～|/\\*\-]){3,}[\p{L}\p{N}]")


def find_shadow_hits(patterns: Sequence[Pattern], lines: Sequence[str], text: str,
                     taken: set[int]) -> dict[int, Hit]:
    """Whole-line hits of shadow rules on triggered lines not already decided."""
    rules = [p for p in patterns if p.shadow]
    if not rules or not _TRIGGER.search(text):
        return {}
    starts = list(accumulate((len(l) + 1 for l in lines[:-1]), initial=0))
    candidates = sorted({bisect_right(starts, m.start()) - 1 for m in _TRIGGER.finditer(text)} - taken)
    hits: dict[int, Hit] = {}
    for i in candidates:
        line = lines[i]
        shadow = shadow_of(line)
        if not shadow:
            continue
        for p in rules:
            if not any(k.lower() in shadow for k in p.keywords):
                continue
            try:
                m = p.matches_line(line)
            except (TimeoutError, RuleTimeoutError):
                raise RuleTimeoutError(p.id, RUN_TIMEOUT, i + 1) from None
            if m is not None:
                hits[i] = Hit(p, i, 0, len(line), m)
                break
    return hits
