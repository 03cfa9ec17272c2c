"""Hypothesis profiles for the reliability tests, and a count of the inputs they generate.

``ci`` (the default) is quick; ``long`` generates well over 100 000 inputs in total. Select it with
``pytest tests/reliability --hypothesis-profile=long`` (this folder must be on the command line, so that this file is
read before hypothesis loads the profile) or, from anywhere, with ``CLEANTEXT_HYPOTHESIS_PROFILE=long``.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
from hypothesis import HealthCheck, settings

PROFILE_ENV = "CLEANTEXT_HYPOTHESIS_PROFILE"
LONG_EXAMPLES_PER_TEST = 20_000

settings.register_profile(
    "ci", max_examples=120, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "long", max_examples=LONG_EXAMPLES_PER_TEST, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

if os.environ.get(PROFILE_ENV):
    settings.load_profile(os.environ[PROFILE_ENV])
elif settings.get_current_profile_name() == "default":
    # Only when nobody chose a profile: --hypothesis-profile is applied by the plugin before or after this file.
    settings.load_profile("ci")

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
