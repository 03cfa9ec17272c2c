"""Behaviour of ``text/normalize.py`` that the mutation run found unpinned by the unit tests (issue 16): the notes
on removed format controls, the second pass when one step's output feeds an earlier one, and the steps recorded."""

from __future__ import annotations

import importlib.util
import unicodedata

import pytest

from cleantext.text.normalize import has_mojibake, normalize_text

GOOD = "西山区：年度工作总结，“不忘初心”。"
BROKEN = GOOD.encode("utf-8").decode("latin-1")  # UTF-8 read as Latin-1: the commonest mojibake


def test_format_controls_go_and_the_note_names_each_with_its_count() -> None:
    out = normalize_text("仅供\u202e学习\u2066交流\u202e。")
    assert out.text == "仅供学习交流。"
    assert out.steps == ("remove_format_controls",)
    assert out.notes == ("removed 3 invisible format control(s): U+202E RIGHT-TO-LEFT OVERRIDE ×2, "
                         "U+2066 LEFT-TO-RIGHT ISOLATE ×1",)


def test_no_note_without_format_controls() -> None:
    out = normalize_text("仅供学习交流\u200b。")
    assert out.notes == ()
    assert out.steps == ("remove_zero_width",)


def test_a_control_inside_mojibake_is_repaired_on_the_second_pass() -> None:
    # The first pass repairs around the LRM and removes it; only then is the whole run mojibake that the second
    # pass repairs. The steps are recorded once each, in order; normalizing again changes nothing.
    raw = BROKEN[:2] + "\u200e" + BROKEN[2:]
    out = normalize_text(raw)
    assert out.text == GOOD
    assert out.steps == ("fix_mojibake", "fix_mojibake.ftfy", "remove_format_controls")
    assert out.notes == ("removed 1 invisible format control(s): U+200E LEFT-TO-RIGHT MARK ×1",)
    assert normalize_text(out.text).text == out.text


def test_zero_width_characters_inside_mojibake_are_repaired_too() -> None:
    out = normalize_text("\u200b".join(BROKEN))
    assert out.text == GOOD
    assert "remove_zero_width" in out.steps and "fix_mojibake" in out.steps


def test_blank_runs_follow_max_blank_lines() -> None:
    text = "甲\n\n\n\n乙\n\n丙"
    assert normalize_text(text, 0).text == "甲\n乙\n丙"
    assert normalize_text(text, 1).text == "甲\n\n乙\n\n丙"
    assert normalize_text(text, 2).text == "甲\n\n\n乙\n\n丙"
    assert normalize_text(text, -1).text == text  # negative: blank runs are kept
    assert normalize_text(text, 3).steps == ()


def test_each_step_that_changed_something_is_named_in_order() -> None:
    raw = "\ufeff\r\n标题  \r\n\r\n\r\n\r\n正\u200b文\u3000\r第二段\t \n\n\n"
    out = normalize_text(raw)
    assert out.text == "标题\n\n正文\n第二段"
    assert out.steps == ("fix_line_endings", "remove_zero_width", "strip_trailing_space", "collapse_blank_lines",
                         "strip_blank_edges")


def test_one_blank_line_too_many_is_collapsed_and_edges_strip_only_newlines() -> None:
    out = normalize_text("甲\n\n\n乙")
    assert (out.text, out.steps) == ("甲\n\n乙", ("collapse_blank_lines",))
    out = normalize_text("\nXX 标题 XX\n")
    assert (out.text, out.steps) == ("XX 标题 XX", ("strip_blank_edges",))


def test_mojibake_that_only_nfc_completes_is_repaired_in_the_same_pass() -> None:
    # GBK bytes read as Latin-1, then decomposed (NFD): no signal until NFC composes the letters again.
    good = "第一章 旧书店"
    raw = unicodedata.normalize("NFD", good.encode("gbk").decode("latin-1"))
    assert not has_mojibake(raw)
    out = normalize_text(raw)
    assert (out.text, out.steps) == (good, ("nfc", "fix_mojibake"))


def test_mojibake_that_only_zero_width_removal_completes_is_repaired_in_the_same_pass() -> None:
    # UTF-8 bytes read as GBK with a zero-width space after the first character: the signal appears once it goes.
    good = "你好世界"
    broken = good.encode("utf-8").decode("gbk", errors="replace")
    raw = broken[:1] + "\u200b" + broken[1:]
    assert not has_mojibake(raw)
    out = normalize_text(raw)
    assert (out.text, out.steps) == (good, ("remove_zero_width", "fix_mojibake"))


# Session 8 (f1a8669): the counts of a lossy repair in the notes, and what a repair brings back that another step
# removes. UTF-8 read as GBK loses bytes; guessing them back needs jieba's word counts.
needs_jieba = pytest.mark.skipif(importlib.util.find_spec("jieba") is None, reason="guesses need jieba's word counts")
HOLE = "\ufffd"
AGED = "爷爷活到八十岁，身体还很硬朗。"  # 八 and 六 differ only in the lost last byte: left as U+FFFD
MEETING = "今天下午三点在会议室开会，请大家准时参加。"
# A line separator, a zero-width space and an isolate inside the text that was damaged: the repair brings them back.
HIDDEN = "今天下午三点在会议室\u2028开会，请大家\u200b准时参加\u2066。"


def utf8_as_gbk(s: str) -> str:
    """UTF-8 read as GBK: each byte that cannot be paired becomes U+FFFD."""
    return s.encode("utf-8").decode("gbk", "replace")


def spaced(s: str, sep: str) -> str:
    """Three ``sep`` between characters: no two damaged characters stand close enough for the mojibake signal."""
    return (sep * 3).join(s)


@needs_jieba
def test_a_lossy_repair_is_noted_with_what_it_guessed_and_left() -> None:
    out = normalize_text(utf8_as_gbk(AGED))
    assert out.text == "爷爷活到" + HOLE + "十岁，身体还很硬朗。"
    assert out.steps == ("fix_mojibake", "fix_mojibake.utf8-as-gbk")
    assert out.notes == ("mojibake repair: 1 character(s) guessed from lost bytes, 1 left as U+FFFD",)


@needs_jieba
def test_a_lossy_repair_that_format_controls_hid_is_made_and_counted_on_the_second_pass() -> None:
    raw = spaced(utf8_as_gbk(AGED), "\u200e")
    assert not has_mojibake(raw)
    out = normalize_text(raw)
    assert out.text == "爷爷活到" + HOLE + "十岁，身体还很硬朗。"
    assert out.steps == ("remove_format_controls", "fix_mojibake", "fix_mojibake.utf8-as-gbk")
    assert out.notes == ("removed 69 invisible format control(s): U+200E LEFT-TO-RIGHT MARK ×69",
                         "mojibake repair: 1 character(s) guessed from lost bytes, 1 left as U+FFFD")


@needs_jieba
def test_the_counts_of_both_passes_add_up_and_each_step_is_named_once() -> None:
    # The first line is repaired at once; the second only once its zero-width spaces are gone, on the next pass
    # (not by the late repair of the first pass, which runs only when no repair was made before it).
    raw = utf8_as_gbk(AGED) + "\n" + spaced(utf8_as_gbk(MEETING), "\u200b")
    out = normalize_text(raw)
    assert out.text == "爷爷活到" + HOLE + "十岁，身体还很硬朗。\n" + MEETING
    assert out.steps == ("fix_mojibake", "fix_mojibake.utf8-as-gbk", "remove_zero_width")
    assert out.notes == ("mojibake repair: 3 character(s) guessed from lost bytes, 1 left as U+FFFD",)


@needs_jieba
def test_the_late_repair_counts_its_guesses_and_cleans_what_it_brings_back() -> None:
    # Zero-width spaces hide the damage until they go; the late repair then brings back a line separator and a
    # zero-width space, which it turns into a line break and removes; the isolate goes on the next pass.
    raw = spaced(utf8_as_gbk(HIDDEN), "\u200b")
    assert not has_mojibake(raw)
    out = normalize_text(raw)
    assert out.text == "今天下午三点在会议室\n开会，请大家准时参加。"
    assert out.steps == ("remove_zero_width", "fix_mojibake", "remove_format_controls")
    assert out.notes == ("mojibake repair: 4 character(s) guessed from lost bytes, 0 left as U+FFFD",)


@needs_jieba
def test_what_an_early_repair_brings_back_goes_on_the_next_pass() -> None:
    # The damaged text holds none of the characters the cheap pre-check looks for, so the line-ending, zero-width
    # and format-control steps of the first pass are skipped; the second pass does them, after the first pass's
    # blank-edge strip, and the steps say so in that order.
    raw = utf8_as_gbk(HIDDEN) + "\n"
    out = normalize_text(raw)
    assert out.text == "今天下午三点在会议室\n开会，请大家准时参加。"
    assert out.steps == ("fix_mojibake", "fix_mojibake.utf8-as-gbk", "strip_blank_edges", "fix_line_endings",
                         "remove_zero_width", "remove_format_controls")
    assert out.notes == ("mojibake repair: 4 character(s) guessed from lost bytes, 0 left as U+FFFD",)
