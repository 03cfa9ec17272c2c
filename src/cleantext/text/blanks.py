"""Blank-line runs: the one definition of how they shrink, shared by normalization, the cleaner's output and the
audit replay, which must agree on it for the replay to give the clean text back exactly."""

from __future__ import annotations

import re

__all__ = ["collapse_blank_lines", "collapse_blank_runs"]


def collapse_blank_runs(text: str, max_blank_lines: int = 1) -> str:
    """Shrink every run of more than ``max_blank_lines`` blank lines to that many; a negative bound keeps them.

    >>> collapse_blank_runs("甲\\n\\n\\n\\n乙", 1)
    '甲\\n\\n乙'
    """
    if max_blank_lines < 0:
        return text
    limit = max_blank_lines + 1  # line breaks in a row that leave max_blank_lines blank lines between two lines
    if "\n" * (limit + 1) not in text:
        return text
    # \n\n\n+ rather than \n{3,}: the same matches, and a literal prefix that re finds fast.
    return re.sub("\n" * limit + "\n+", "\n" * limit, text)


def collapse_blank_lines(text: str, max_blank_lines: int = 1) -> str:
    """:func:`collapse_blank_runs`, and blank lines at both edges dropped: what removals leave behind is normalized
    the way the normalizer leaves its output."""
    return collapse_blank_runs(text, max_blank_lines).strip("\n")
