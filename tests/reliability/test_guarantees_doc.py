"""docs/reliability.md tells the truth: its table of guarantees is the one generated from the tests' docstrings."""

from __future__ import annotations

import pytest

from . import guarantees


@pytest.mark.skipif(not guarantees.DOC.is_file(), reason="docs/ not shipped here")
def test_the_table_of_guarantees_is_generated_from_the_tests() -> None:
    """Guarantee (13.11): the table of guarantees in docs/reliability.md is exactly the one generated from the tests
    that prove them, and the page names no strict xfail that does not exist."""
    assert guarantees.collect(), "no test states a guarantee"
    assert guarantees.current() == guarantees.block(), (
        "docs/reliability.md is out of date: run python -m tests.reliability.guarantees --write")


@pytest.mark.skipif(not guarantees.DOC.is_file(), reason="docs/ not shipped here")
def test_the_page_claims_no_strict_xfail_that_does_not_exist() -> None:
    text = guarantees.DOC.read_text(encoding="utf-8").lower()
    pending = [test for _, _, test, xfail in guarantees.collect() if xfail]
    assert text.count("strict xfail until") == len(pending)
    assert "open bug" not in text
