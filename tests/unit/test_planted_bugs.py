"""Tests aimed at the bugs issue 16 planted in the core, one per bug, each at the unit the bug lives in.

Each test fails on the planted version of its unit (checked by planting the bug in a scratch copy) and passes on
the real one. All examples are invented.
"""

from __future__ import annotations

import pytest

from cleantext.audit import AuditMismatchError, replay
from cleantext.decide import merge_spans, tail_block_lines
from cleantext.evidence import Evidence
from cleantext.evidence.keyscan import KeywordScanner
from cleantext.extract import ContactBook
from cleantext.result import Removal


# (1) merge_spans: a span that overlaps the previous one and reaches further must extend it.
def test_merge_spans_extends_an_overlapping_span_to_the_later_end() -> None:
    first = Evidence(0, "ad.first", "ad", span=(0, 6))
    later = Evidence(0, "ad.later", "ad", span=(4, 11))
    merged = merge_spans([later, first])
    assert [e.span for e in merged] == [(0, 11)]
    assert merged[0].rule == "ad.first"  # the earlier span names the cut


def test_merge_spans_keeps_a_contained_span_inside_and_a_disjoint_one_apart() -> None:
    spans = [Evidence(0, "a.x", "ad", span=(0, 10)), Evidence(0, "b.y", "ad", span=(2, 5)),
             Evidence(0, "c.z", "ad", span=(10, 12))]
    assert [e.span for e in merge_spans(spans)] == [(0, 10), (10, 12)]


# (2) tail_block_lines: the block must be mostly boilerplate; more slogans than boilerplate lines is no footer.
_BODY = "他把信折好，放进抽屉里，然后关上了灯。窗外的雨一直没有停，街上的行人越来越少，只剩下路灯还亮着。"


def _tail(slogans: int) -> tuple[list[str], dict[int, Evidence]]:
    slogan_lines = [f"好书推荐第{k}期" for k in range(slogans)]
    lines = [_BODY, "本书由星河文库整理发布", *slogan_lines, "更多精彩请访问example-novel.com"]
    last = len(lines) - 1
    removed = {1: Evidence(1, "credit.uploaded-by", "credit"), last: Evidence(last, "site.visit", "site")}
    return lines, removed


def test_tail_block_takes_the_slogans_between_two_boilerplate_lines() -> None:
    lines, removed = _tail(2)
    assert tail_block_lines(lines, removed, {}) == [2, 3]


def test_tail_block_is_not_a_footer_when_slogans_outnumber_its_boilerplate_lines() -> None:
    lines, removed = _tail(3)
    assert tail_block_lines(lines, removed, {}) == []


# (3) ContactBook.add: a QQ number has 5 to 11 digits; a longer run of digits is no QQ number.
@pytest.mark.parametrize("kind", ["qq", "qq_group"])
def test_qq_numbers_outside_five_to_eleven_digits_are_dropped(kind: str) -> None:
    book = ContactBook()
    for value in ("1234", "12345", "12345678901", "123456789012", "1234567890123"):
        book.add(kind, value)
    assert book.values[kind] == ["12345", "12345678901"]


# (4) audit.replay: a removal whose text is not what stands at its span belongs to another text.
def test_replay_raises_when_the_removed_text_does_not_match_the_line() -> None:
    normalized = "标题\n正文（星河文库）。"
    good = Removal("ad.brand", "ad", 2, 2, 8, "（星河文库）")
    assert replay(normalized, [good]) == "标题\n正文。"
    with pytest.raises(AuditMismatchError, match="audit says"):
        replay(normalized, [Removal("ad.brand", "ad", 2, 2, 8, "（月光书屋）")])
    with pytest.raises(AuditMismatchError):
        replay(normalized, [{"line": 2, "start": 2, "end": 8, "text": "正文（星河文"}])


# (5) keyscan: keywords starting inside another keyword's match (offset 1 included) are found too.
@pytest.mark.parametrize("text", ["vxq", "加vxq", "VXQ"])
def test_keyscan_finds_a_keyword_starting_one_character_into_another(text: str) -> None:
    scanner = KeywordScanner({"vx": [0], "xq": [1]}, fast=False)
    assert scanner.ids_in(text) == {0, 1}
    assert {k: set(v) for k, v in scanner.lines(f"正文\n{text}").items()} == {1: {0, 1}}
