"""Shared fixtures: paths to our own fixtures and to ../shared (skipped when absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
