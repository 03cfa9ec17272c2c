"""Documents we wrote in shapes the dev corpus does not have (other sites, obfuscated watermarks, ps-notes that sell
an app, Markdown WeChat articles, a body full of group/account words). They guard generalisation: every brand,
number and sentence here is invented and appears in no pattern."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import nonblank

HERE = Path(__file__).parent / "heldout"
CASES = sorted(HERE.glob("*.expected.json"))


@pytest.mark.parametrize("expected_file", CASES, ids=lambda p: p.name.split(".")[0])
def test_heldout_document(cleaner, expected_file):
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    stem = expected_file.name[: -len(".expected.json")]
    source = next(p for p in HERE.glob(stem + ".*") if not p.name.endswith(".json"))
    text = source.read_text(encoding="utf-8")
    variants = [source.read_bytes(), text.encode("gb18030")] + [text.encode(e) for e in expected.get("encodings", [])]
    for data in variants:
        result = cleaner.clean(data)
        assert nonblank(result.text) == expected["body"]
        assert result.metadata.title == expected["title"]
        assert {k: v for k, v in result.metadata.contacts.items() if v} == expected["contacts"]
