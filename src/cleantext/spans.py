"""Cutting character spans out of a line: the one definition that the decision, the cleaner, the pattern examples
and the audit replay share, since what each of them says is left of a line must agree character for character."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["Span", "SpanOverlapError", "cut", "join_pieces", "kept_pieces"]

Span = tuple[int, int]


class SpanOverlapError(ValueError):
    """A span to cut starts before the previous one ends: the cuts are not sorted and disjoint."""

    def __init__(self, position: int) -> None:
        super().__init__(f"two spans to cut overlap at character {position}")
        self.position = position


def kept_pieces(length: int, cuts: Iterable[Span]) -> list[Span]:
    """The ``(start, end)`` pieces of a text of ``length`` characters that ``cuts`` leave, empty pieces dropped.

    ``cuts`` must be sorted and disjoint (touching is fine: two rules may cut side by side); a cut that starts
    before the previous one ends raises :class:`SpanOverlapError` rather than repeating text.

    >>> kept_pieces(10, [(2, 4), (4, 6), (9, 10)])
    [(0, 2), (6, 9)]
    """
    pieces: list[Span] = []
    last = 0
    for start, end in cuts:
        if start < last:
            raise SpanOverlapError(start)
        if start > last:
            pieces.append((last, start))
        last = end
    if last < length:
        pieces.append((last, length))
    return pieces


def join_pieces(text: str, pieces: Sequence[Span]) -> str:
    """The pieces of ``text`` (as :func:`kept_pieces` gives them) joined: what is left once the cuts are gone."""
    return "".join(text[s:e] for s, e in pieces)


def cut(text: str, cuts: Iterable[Span]) -> str:
    """``text`` with the sorted, disjoint ``cuts`` taken out (see :func:`kept_pieces`).

    >>> cut("正文（广告）。", [(2, 6)])
    '正文。'
    """
    return join_pieces(text, kept_pieces(len(text), cuts))
