"""Shared fixtures: paths to our own fixtures and to ../shared (skipped when absent)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles: ``ci`` (default, quick, the same inputs on every run so that CI is reproducible) and
# ``long`` (≥ 100 000 generated inputs over the property tests),
# chosen with --hypothesis-profile=long or CLEANTEXT_HYPOTHESIS_PROFILE=long.
PROFILE_ENV = "CLEANTEXT_HYPOTHESIS_PROFILE"
LONG_EXAMPLES_PER_TEST = 20_000

settings.register_profile(
    "ci", max_examples=120, deadline=None, print_blob=True, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "long", max_examples=LONG_EXAMPLES_PER_TEST, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

if os.environ.get(PROFILE_ENV):
    settings.load_profile(os.environ[PROFILE_ENV])
elif settings.get_current_profile_name() == "default":
    # Only when nobody chose a profile: --hypothesis-profile is applied by the plugin before or after this file.
    settings.load_profile("ci")


ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def cleaner():
    from cleantext import Cleaner

    return Cleaner()


@pytest.fixture(scope="session")
def lookalike() -> tuple[str, dict]:
    text = (FIXTURES / "lookalike.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / "lookalike.expected.json").read_text(encoding="utf-8"))
    return text, expected


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when the folder is not there (a fresh clone)."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is absent (../shared is only on development machines)")
    return p


def nonblank(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _explode(self: object, data: object) -> None:
    raise KeyError("a planted bug")


class PlantedBug:
    """A planted bug for the tests of "a bug is data at the edge, its traceback in the debug log": patch
    ``Cleaner.clean`` with :attr:`clean`, then ask :meth:`traced` whether the log holds the trace."""

    clean = staticmethod(_explode)

    @staticmethod
    def traced(caplog: pytest.LogCaptureFixture) -> bool:
        import logging
        import traceback

        for rec in caplog.records:
            if rec.name.startswith("cleantext") and rec.levelno == logging.DEBUG and rec.exc_info:
                if "_explode" in "".join(traceback.format_exception(*rec.exc_info)):
                    return True
        return False


@pytest.fixture
def planted() -> type[PlantedBug]:
    return PlantedBug
