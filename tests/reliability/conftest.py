"""Hypothesis profiles for the reliability tests, and a count of the inputs they generate.

The profiles themselves are registered in ``tests/conftest.py`` (read before hypothesis loads a profile):
``ci`` (the default) is quick; ``long`` generates well over 100 000 inputs in total
(``pytest --hypothesis-profile=long`` or ``CLEANTEXT_HYPOTHESIS_PROFILE=long``).
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import settings

_inputs: Counter[str] = Counter()


@pytest.fixture(scope="session")
def generated() -> Counter[str]:
    """Per-test count of the inputs hypothesis fed to the property tests (reported at the end of the run)."""
    return _inputs


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _inputs:
        profile = settings.get_current_profile_name()
        terminalreporter.write_sep("-", f"hypothesis inputs generated (profile {profile}): {sum(_inputs.values())}")
        for name, n in sorted(_inputs.items()):
            terminalreporter.write_line(f"{n:>8}  {name}")
