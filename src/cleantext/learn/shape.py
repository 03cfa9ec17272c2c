"""Line shapes for ``cleantext learn``: what stays the same when a distributor stamps one line on many documents.

A shape is the line NFKC-folded, with whitespace dropped (one space kept between two ASCII words) and the parts
that vary from copy to copy masked: URLs, e-mail addresses, WeChat-id-like tokens (``wx_12345``), digit runs (short
numbers and long, QQ-like numbers apart). Each mask is one private-use character, so a shape is a plain string whose
characters are its tokens. :func:`name_variants` also masks one CJK run at a time, so that the same credit line
with different short brand names shares a shape.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from dataclasses import dataclass

import regex

from cleantext.evidence.patterns import MACROS

URL, EMAIL, WXID, NUM, LONGNUM, NAME = "\ue001", "\ue002", "\ue003", "\ue004", "\ue005", "\ue006"
MASKS = frozenset({URL, EMAIL, WXID, NUM, LONGNUM, NAME})
CONTACT_MASKS = frozenset({URL, EMAIL, WXID, LONGNUM})
MASK_NAMES = {URL: "<URL>", EMAIL: "<EMAIL>", WXID: "<ID>", NUM: "<N>", LONGNUM: "<QQ>", NAME: "<NAME>"}
MAX_NAME = 8

# Masks (stdlib ``re``: these shapes need nothing more, and it is the faster engine here). The costly e-mail and
# URL alternatives run only on lines that hold an ``@``-like sign or a dot.
_EMAIL, _URL = "(?P<email>" + MACROS["EMAIL"] + ")", "(?P<url>" + MACROS["URL"] + ")"
_CHEAP = r"(?P<wxid>(?<![A-Za-z0-9])[A-Za-z]{1,12}_[0-9]{2,12}(?![A-Za-z0-9]))|(?P<num>[0-9](?:[ \-]?[0-9])*)"
_MASKERS = {(e, u): re.compile("|".join(([_EMAIL] if e else []) + ([_URL] if u else []) + [_CHEAP]))
            for e in (False, True) for u in (False, True)}
_SPACES = re.compile(r"\s+")
_WIDE = re.compile("[\uff01-\uff5e\u3000]+")
_NARROW = str.maketrans({chr(i): chr(i - 0xFEE0) for i in range(0xFF01, 0xFF5F)} | {"\u3000": " "})
_HAN_RUN = regex.compile(r"\p{Han}+")
_WORDISH = re.compile(r"[A-Za-z0-9\ue001-\ue006]")


def _mask(m: re.Match[str]) -> str:
    kind = m.lastgroup
    if kind == "num":
        return LONGNUM if sum(c.isdigit() for c in m.group()) >= 5 else NUM
    return {"email": EMAIL, "url": URL}.get(kind or "", WXID)


@dataclass(frozen=True, slots=True)
class Shape:
    """A line's shape (``key``, one character per token) and ``gaps``: key positions preceded by whitespace in
    this line (the regex allows whitespace only there)."""

    key: str
    gaps: frozenset[int]


def fold(line: str) -> str:
    """NFKC: full-width letters, digits and punctuation become ASCII, so ``ＱＱ：１２３`` and ``QQ:123`` agree."""
    if line.isascii():
        return line
    line = _WIDE.sub(lambda m: m.group().translate(_NARROW), line)  # the common case, without NFKC's cost
    return line if unicodedata.is_normalized("NFKC", line) else unicodedata.normalize("NFKC", line)


def shape_of(line: str) -> Shape:
    """The shape of one (stripped) line.

    >>> display(shape_of("资料整理：文海 扣扣：３８６７０１ 4102").key)
    '资料整理:文海扣扣:<QQ>'
    >>> display(shape_of("Visit  www.example.com for 2 more").key)
    'Visit <URL> for <N> more'
    """
    folded = fold(line).strip()
    masker = _MASKERS["@" in folded or "(" in folded or "艾特" in folded, "." in folded]
    pieces = _SPACES.split(masker.sub(_mask, folded))
    key = pieces[0]
    gaps: set[int] = set()
    for piece in pieces[1:]:
        if _WORDISH.match(key[-1:]) and _WORDISH.match(piece):
            key += " "
        else:
            gaps.add(len(key))
        key += piece
    return Shape(key, frozenset(gaps))


def name_variants(shape: Shape) -> list[tuple[str, str]]:
    """``(variant, name)`` pairs: the key with one CJK run of 2–8 characters (whitespace ends a run) masked as a
    name. Only when the rest still holds at least two letters, so that a bare name never becomes a shape."""
    key = shape.key
    out: list[tuple[str, str]] = []
    letters = sum(map(str.isalpha, key))  # masks are private-use characters, not letters
    if letters < 4:  # two for the name, two for the rest
        return out
    gaps = sorted(shape.gaps)
    for m in _HAN_RUN.finditer(key):
        cuts = [m.start()] + [g for g in gaps if m.start() < g < m.end()] + [m.end()]
        for start, end in itertools.pairwise(cuts):
            if 2 <= end - start <= MAX_NAME and letters - (end - start) >= 2:
                out.append((key[:start] + NAME + key[end:], key[start:end]))
    return out


def digest(key: str) -> int:
    """A stable 64-bit hash of a shape (stable across runs, unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


def display(key: str) -> str:
    """A shape for people: masks spelled out."""
    return "".join(MASK_NAMES.get(c, c) for c in key)


_LITERAL_RUN = regex.compile(r"\p{Han}+|[A-Za-z]+")


def literal_runs(key: str) -> list[str]:
    """The literal pieces of a shape that a keyword can come from: runs of CJK or of ASCII letters."""
    return _LITERAL_RUN.findall(key)
