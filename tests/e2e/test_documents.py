"""Whole documents in every encoding: the user's example (from ../shared, skipped when absent) and our own
look-alike fixture (invented brand, number and text), which tests the same behaviour on a fresh clone."""

from __future__ import annotations

import json

import pytest

from cleantext import clean

from ..conftest import nonblank, shared_path

VARIANTS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-sig+crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8-sig"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
    "utf-16": lambda t: t.encode("utf-16"),
    "utf-16-le-no-bom": lambda t: t.encode("utf-16-le"),
}
FAMILY = {"utf-8": "utf-8", "utf-8-sig+crlf": "utf-8-sig", "gb18030": "gb18030", "gbk": "gb18030",
          "utf-16": "utf-16", "utf-16-le-no-bom": "utf-16-le"}


@pytest.mark.parametrize("variant", VARIANTS)
def test_lookalike_document(cleaner, lookalike, variant):
    text, expected = lookalike
    result = cleaner.clean(VARIANTS[variant](text))
    assert nonblank(result.text) == expected["body"]
    md = result.metadata
    assert md.title == expected["title"]
    assert md.encoding == FAMILY[variant]
    assert md.contacts["qq"] == expected["qq"]
    assert expected["distributor"] in md.distributors
    assert len(result.removed) == expected["boilerplate_lines"]


def _seed():
    folder = shared_path("seed")
    raw = next(folder.glob("*.txt")).read_bytes()
    expected = json.loads(next(folder.glob("*.expected.json")).read_text(encoding="utf-8"))
    return raw.decode("utf-8"), expected


@pytest.mark.parametrize("variant", VARIANTS)
def test_users_example(cleaner, variant):
    text, expected = _seed()
    result = cleaner.clean(VARIANTS[variant](text))
    assert nonblank(result.text) == expected["body"].splitlines()
    assert result.metadata.title == expected["title"]
    assert result.metadata.contacts["qq"] == expected["contacts"]["qq"]
    assert set(expected["distributors"]) <= set(result.metadata.distributors)
    removed_lines = sorted({r.line for r in result.removed})
    original = text.splitlines()
    must_go = {original[i - 1].strip() for i in expected["boilerplate_lines"]}
    assert {r.text.strip() for r in result.removed} == must_go
    assert removed_lines


def test_body_lines_that_mention_group_words_stay(cleaner, lookalike):
    text, _ = lookalike
    out = cleaner.clean(text).text
    for word in ("微信群", "公众号", "关注", "学习"):
        assert any(word in line for line in out.splitlines()), word
    doc = ("社区工作简报\n"
           "为方便联络，社区建立了居民QQ群和微信群，网格员每天在群内发布通知。\n"
           "请居民朋友关注“幸福社区”公众号，及时了解活动安排。\n"
           "志愿者们坚持学习，不断提升服务能力。")
    assert clean(doc).text == doc
