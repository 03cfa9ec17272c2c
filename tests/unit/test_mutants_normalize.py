"""Behaviour of ``text/normalize.py`` that the mutation run found unpinned by the unit tests (issue 16): the notes
on removed format controls, the second pass when one step's output feeds an earlier one, and the steps recorded."""

from __future__ import annotations

import unicodedata

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
