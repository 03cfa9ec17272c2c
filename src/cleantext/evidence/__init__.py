"""Detectors: each proposes evidence about lines; none edits the text and none sees another's output.

Every detector returns :class:`Evidence` records. ``cleantext.decide`` is the one place that weighs them and turns
them into verdicts (keep, remove the whole line, cut spans), so a new kind of evidence is a new module here plus a
line in ``decide``.

Strength is ordinal, never a score:

- ``STRONG``: a specific rule that knows this kind of line; it takes the line wherever it stands (within its
  ``where``).
- ``WEAK``: a generic sign (a call to action, a repetition, a Markdown banner); it takes the line only where the
  zone agrees: the line must lie in the head or the tail of what is kept, outside the body (see ``decide``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Strength(IntEnum):
    """How much a piece of evidence can take on its own."""

    WEAK = 1
    STRONG = 2


# Where a line must lie, in what is kept, for the evidence to count. ``any``: anywhere; ``head``/``tail``: among
# the first/last ``head_lines``/``tail_lines`` non-blank lines kept; ``edge``: either.
WHERE = frozenset({"any", "head", "tail", "edge"})


@dataclass(frozen=True, slots=True)
class Evidence:
    """One detector's proposal about one line.

    ``span`` is ``None`` when the whole line should go, or the ``(start, end)`` characters to cut from it (the rest
    stays). ``rule`` is the id the audit will name (``social.star-follow``, ``structure.tail-links``,
    ``repeat.suffix``); ``why`` is a short human reason for ``explain``. ``match`` carries a regex match whose
    named groups name contacts and distributors (``None`` when the detector has none), and ``source`` the original
    text its offsets stand for (``None`` when it ran on a derived string, such as a shadow). ``anchors``: the line
    can anchor a boilerplate block in the tail (a specific rule, not a generic end marker or page number).
    ``origin``: the pattern file a rule came from (the decision can refuse a user file that takes prose).
    """

    line: int
    rule: str
    category: str
    strength: Strength = Strength.STRONG
    span: tuple[int, int] | None = None
    where: str = "any"
    why: str = ""
    anchors: bool = True
    origin: str = ""
    match: Any = field(default=None, compare=False, repr=False)
    source: str | None = field(default=None, compare=False, repr=False)

    @property
    def whole(self) -> bool:
        return self.span is None
