"""Shadow matching: catch watermarks written to dodge literal rules (``ｗＷw．exＡmpleＴXT.cＯm``,
``e x a m p l e . c o m``, ``示!例!小!说!网``).

Computing a shadow for every line would cost a pass over the whole text, so a cheap trigger — full-width Latin
letters or digits, or single characters strung together with separators — picks the few lines worth it. Rules with
``shadow = true`` then judge those lines' shadows; the cut is still the original whole line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import regex

from cleantext.errors import RuleTimeoutError
from cleantext.evidence.patterns import RUN_TIMEOUT, Pattern, shadow_of
from cleantext.evidence.rules import Hit

_TRIGGER = regex.compile(r"[Ａ-Ｚａ-ｚ０-９．]|(?:[\p{L}\p{N}][ \t.．·!！_~～|/\\*\-]){3,}[\p{L}\p{N}]")
# The trigger's two halves, found fast by ``re`` (which skips in C the characters a class cannot start with): a
# full-width letter, digit or dot; and, as a necessary condition of a spaced-out run (X s Y s Z s W), two single
# characters each between separators. A line with such a pair is then confirmed with the trigger itself.
_SEPARATORS = " \t.．·!！_~～|/\\*-"
_FULL_WIDTH = re.compile("[Ａ-Ｚａ-ｚ０-９．]")
_SPACED = re.compile("[{s}][^\\s{s}][{s}][^\\s{s}][{s}]".format(s=re.escape(_SEPARATORS)))


def triggered_lines(lines: Sequence[str], text: str) -> set[int]:
    """Lines (of ``text`` split on ``\\n``) where the trigger matches: those with a full-width letter or digit,
    and those with a spaced-out run of single characters. Neither half of the trigger matches across a line break."""
    found: set[int] = set()
    for pattern in (_FULL_WIDTH, _SPACED):
        line = last = pos = 0
        while (m := pattern.search(text, pos)) is not None:
            start = m.start()
            line += text.count("\n", last, start)
            last = start
            if line not in found and (pattern is _FULL_WIDTH or _TRIGGER.search(lines[line])):
                found.add(line)
            pos = text.find("\n", start) + 1  # one hit decides a line: go on from the next one
            if pos == 0:
                break
    return found


def find_shadow_hits(patterns: Sequence[Pattern], lines: Sequence[str], text: str,
                     taken: set[int]) -> dict[int, Hit]:
    """Whole-line hits of shadow rules on triggered lines not already decided."""
    rules = [p for p in patterns if p.shadow]
    if not rules:
        return {}
    candidates = sorted(triggered_lines(lines, text) - taken)
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
            except RuleTimeoutError as err:
                raise err.at_line(i + 1) from None
            except TimeoutError:
                raise RuleTimeoutError(p.id, RUN_TIMEOUT, i + 1) from None
            if m is not None:
                hits[i] = Hit(p, i, 0, len(line), m)
                break
    return hits
