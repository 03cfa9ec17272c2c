"""Bugs the property tests found in code outside this folder, each pinned by a strict xfail in test_regressions.py
or test_bad_input.py.

A property test skips (``assume``) exactly the inputs that hit one of these bugs, so that it keeps guarding
everything else. When a bug is fixed its xfail turns into an XPASS failure: delete the xfail marker and the
predicate here together.
"""

from __future__ import annotations

from cleantext.text.normalize import normalize_text


def output_not_normalized(text: str) -> bool:
    """Normalizing the clean text changes it: NFC or zero-width removal created a mojibake signal after the
    mojibake gate (bug 2), or a cut glued a base character to a combining mark."""
    return normalize_text(text).text != text
