"""Fixtures of the command-line tests: a temporary tree of inputs and an in-process runner of the command."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleantext.cli.main import cli

from .documents import make_tree


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_tree(tmp_path)


@pytest.fixture
def invoke():
    """Run the click command in-process; stdout and stderr are kept apart."""
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()

    def run(*args: str, input: bytes | str | None = None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return run
