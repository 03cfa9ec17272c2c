"""The keyword scan in compiled code, when the optional ``hyperscan`` extra is installed (``pip install
cleantext-zh[fast]``): every keyword occurrence of a text, overlapping ones included, in one pass over its UTF-8 bytes.

It gives exactly what the pure-Python scan of ``keyscan.py`` gives (the same keywords, each character standing for
the cases ``regex`` ignores with ``IGNORECASE``): the pure scan stays the reference and the fallback. Set
``CLEANTEXT_KEYSCAN=pure`` to switch this one off.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

try:  # the optional extra (imported by name: typed as Any whether or not it is installed)
    hyperscan: Any = importlib.import_module("hyperscan")
except ImportError:  # pragma: no cover - depends on the environment
    hyperscan = None


def available() -> bool:
    """True when hyperscan is importable and not switched off by ``CLEANTEXT_KEYSCAN=pure``."""
    return hyperscan is not None and os.environ.get("CLEANTEXT_KEYSCAN", "").lower() != "pure"


_MAX_SPELLINGS = 64  # a keyword with more case spellings than this (beyond ASCII case) keeps the Python scan


def spellings(word: str, cases_of: Callable[[str], list[str]]) -> list[str] | None:
    """The keyword's spellings that differ other than by ASCII case (which the caseless scan ignores): ``k`` also
    stands for the Kelvin sign, ``ſ`` for ``s``; None when there are too many of them."""
    out = [""]
    for ch in word:
        variants: list[str] = []
        for v in cases_of(ch):
            if not (v.isascii() and v.lower() in variants):
                variants.append(v.lower() if v.isascii() else v)
        out = [o + v for o in out for v in variants]
        if len(out) > _MAX_SPELLINGS:
            return None
    return out


def build(words: Sequence[str], triggers: Mapping[str, frozenset[int]],
          cases_of: Callable[[str], list[str]]) -> HyperScan | None:
    """The compiled scan of ``words``, or None when hyperscan is missing or a keyword has too many spellings."""
    if hyperscan is None:
        return None
    literals: list[bytes] = []
    ids: list[frozenset[int]] = []
    for w in words:
        found = spellings(w, cases_of)
        if found is None:
            return None
        literals.extend(s.encode("utf-8") for s in found)
        # Every spelling fires its keyword, as regex IGNORECASE and the Python scan have it (``ſ`` is an ``s``).
        ids.extend(triggers.get(w, frozenset()) for _ in found)
    return HyperScan(literals, ids)


_DATABASES: dict[tuple[bytes, ...], Any] = {}  # compiled once per keyword set (Cleaners share their keywords)


def _database(literals: tuple[bytes, ...]) -> Any:
    db = _DATABASES.get(literals)
    if db is None:
        assert hyperscan is not None
        db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        # Pure literals, ASCII case ignored: the other case variants are spelled out (see ``spellings``).
        db.compile(expressions=list(literals), ids=list(range(len(literals))), elements=len(literals),
                   flags=hyperscan.HS_FLAG_CASELESS, literal=True)
        if len(_DATABASES) >= 8:
            _DATABASES.clear()
        _DATABASES[literals] = db
    return db


class HyperScan:
    """A compiled database of literals; ``ids[k]`` are the pattern ids that literal ``k`` fires."""

    def __init__(self, literals: Sequence[bytes], ids: Sequence[frozenset[int]]) -> None:
        assert hyperscan is not None
        self._ids = list(ids)
        self._db = _database(tuple(literals))
        self._local = threading.local()  # a scan's scratch space is per thread: two threads at once would fail

    def _scan(self, data: bytes, on_match: Callable[..., None]) -> None:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(self._db)
        self._db.scan(data, match_event_handler=on_match, scratch=scratch)

    def lines(self, text: str) -> dict[int, set[int]] | None:
        """Line index (of ``text`` split on ``\\n``) → pattern ids fired there, for lines holding a keyword, in line
        order; None when the text cannot be encoded as UTF-8 (a lone surrogate): the caller then scans in Python."""
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return None
        out: dict[int, set[int]] = {}
        ids = self._ids
        state = [0, 0]  # the line reached, and the byte offset it was counted to
        count = data.count

        def on_match(k: int, start: int, end: int, flags: int, context: object) -> None:
            # A keyword holds no line break, so its end is on the line where it starts. Matches arrive by end offset.
            line = state[0] + count(b"\n", state[1], end)
            state[0], state[1] = line, end
            have = out.get(line)
            if have is None:
                out[line] = set(ids[k])  # possibly empty, like the Python scan's entry for a spelling that fires none
            else:
                have.update(ids[k])

        self._scan(data, on_match)
        return out

    def ids_in(self, line: str) -> set[int] | None:
        """Pattern ids fired by the keywords of one line (None as for :meth:`lines`)."""
        try:
            data = line.encode("utf-8")
        except UnicodeEncodeError:
            return None
        found: set[int] = set()
        ids = self._ids

        def on_match(k: int, start: int, end: int, flags: int, context: object) -> None:
            found.update(ids[k])

        self._scan(data, on_match)
        return found
