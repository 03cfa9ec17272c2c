"""audit.replay and collapse_blank_lines: every way a removal can fail to fit its text is an AuditMismatchError."""

from __future__ import annotations

import pytest

from cleantext import Cleaner
from cleantext.audit import AuditMismatchError, collapse_blank_lines, replay
from cleantext.result import Removal

TEXT = "星河文库首发\n\n第一章\n他推开门（广告）走了进去。\n\n\n\n下一章更精彩"


def test_replay_cuts_whole_lines_and_spans_and_normalizes_blank_runs() -> None:
    removed = [Removal("a", "credit", 1, 0, 6, "星河文库首发"), Removal("b", "ad", 4, 4, 8, "（广告）"),
               Removal("c", "promo", 8, 0, 6, "下一章更精彩")]
    assert replay(TEXT, removed) == "第一章\n他推开门走了进去。"
    assert replay(TEXT, [r.to_dict() for r in removed]) == "第一章\n他推开门走了进去。"


def test_replay_right_strips_what_a_cut_leaves_and_drops_a_line_left_blank() -> None:
    assert replay("正文 星河文库\n尾", [Removal("a", "ad", 1, 3, 7, "星河文库")]) == "正文\n尾"
    assert replay("正文\n星河 文库\n尾", [Removal("a", "ad", 2, 0, 2, "星河"), Removal("b", "ad", 2, 3, 5, "文库")]) \
        == "正文\n尾"


@pytest.mark.parametrize(("removal", "message"), [
    (Removal("a", "ad", 0, 0, 1, "星"), "line 0"),
    (Removal("a", "ad", 9, 0, 1, "星"), "line 9"),
    (Removal("a", "ad", 1, 4, 9, "首发"), "outside line 1"),
    (Removal("a", "ad", 1, 3, 2, ""), "outside line 1"),
    (Removal("a", "ad", 1, -1, 2, "星河"), "outside line 1"),
    (Removal("a", "ad", 1, 0, 2, "月光"), "audit says"),
])
def test_a_removal_that_does_not_fit_the_text_is_a_mismatch(removal: Removal, message: str) -> None:
    with pytest.raises(AuditMismatchError, match=message):
        replay(TEXT, [removal])


def test_overlapping_removals_are_a_mismatch() -> None:
    with pytest.raises(AuditMismatchError, match="overlap on line 4"):
        replay(TEXT, [Removal("a", "ad", 4, 3, 5, "门（"), Removal("b", "ad", 4, 4, 8, "（广告）")])


def test_touching_removals_do_not_overlap() -> None:
    assert replay("ab星河文库cd", [Removal("a", "ad", 1, 2, 4, "星河"), Removal("b", "ad", 1, 4, 6, "文库")]) == "abcd"


def test_empty_text_with_no_removals_replays_to_empty() -> None:
    assert replay("", []) == ""
    with pytest.raises(AuditMismatchError):
        replay("", [Removal("a", "ad", 1, 0, 0, "")])


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("\n\na\n\n\nb\n\n", 1, "a\n\nb"),
    ("a\n\n\n\nb", 2, "a\n\n\nb"),
    ("a\n\nb", 0, "a\nb"),
    ("a\n\n\n\nb", -1, "a\n\n\n\nb"),
    ("a\nb", 1, "a\nb"),
])
def test_collapse_blank_lines(text: str, limit: int, expected: str) -> None:
    assert collapse_blank_lines(text, limit) == expected


def test_replay_of_a_real_cleaning_gives_its_text() -> None:
    doc = "本书由星河文库整理发布\n第一章 雨夜\n他把信折好，放进抽屉里（关注公众号星河文库）。\n" \
          "窗外的雨一直没有停。\n更多精彩请访问 www.example-novel.com\n"
    result = Cleaner().clean(doc)
    assert result.removed, "the invented boilerplate should have been found"
    assert replay(result.normalized, result.removed) == result.text
    assert replay(result.normalized, [r.to_dict() for r in result.removed]) == result.text


def test_collapse_defaults_to_one_blank_line_and_strips_only_newlines_at_the_edges() -> None:
    assert collapse_blank_lines("a\n\n\nb") == "a\n\nb"
    assert collapse_blank_lines("\n  缩进的第一行\nX\n") == "  缩进的第一行\nX"


def test_replay_keeps_as_many_blank_lines_as_asked() -> None:
    text = "甲\n\n\n\n乙"
    assert replay(text, []) == "甲\n\n乙"
    assert replay(text, [], max_blank_lines=2) == "甲\n\n\n乙"


def test_an_empty_removal_fits_anywhere_on_its_line() -> None:
    assert replay("星河", [Removal("a", "ad", 1, 1, 1, "")]) == "星河"
