"""A lossy mojibake repair says so in the result's warnings: how many characters it guessed from lost bytes and how
many it left as U+FFFD (text of our own, damaged as UTF-8 read as GBK). A lossless repair and undamaged text give no
such warning, and undamaged text is never changed."""

from __future__ import annotations

import importlib.util
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleantext
from cleantext.text.mojibake import HOLE, repair, repair_note
from cleantext.text.normalize import normalize_text

needs_jieba = pytest.mark.skipif(importlib.util.find_spec("jieba") is None, reason="guesses need jieba's word counts")
_NOTE = re.compile(r"mojibake repair: (\d+) character\(s\) guessed from lost bytes, (\d+) left as U\+FFFD")

# 八 and 六 differ only in the lost last byte: no context tells them apart, so the digit is left as U+FFFD.
LINES = ["星河文库·会议纪要", "爷爷活到八十岁，身体还很硬朗。", "今天下午三点在会议室开会，请大家准时参加。"]


def utf8_as_gbk(s: str) -> str:
    """UTF-8 read as GBK: each byte that cannot be paired becomes U+FFFD."""
    return s.encode("utf-8").decode("gbk", "replace")


def lossy_notes(warnings: list[str] | tuple[str, ...]) -> list[tuple[int, int]]:
    return [(int(m[1]), int(m[2])) for w in warnings if (m := _NOTE.fullmatch(w))]


@needs_jieba
def test_a_lossy_repair_reports_what_it_guessed_and_left_in_the_warnings() -> None:
    broken = utf8_as_gbk("\n".join(LINES))
    fixed = repair(broken)
    assert fixed.left == 1 and fixed.guessed >= 1  # the counts the warning must carry
    result = cleantext.clean(broken.encode("utf-8"))
    assert lossy_notes(result.metadata.warnings) == [(fixed.guessed, fixed.left)]
    assert result.text.count(HOLE) == fixed.left  # the warning says what the reader sees
    assert "mojibake repaired (utf8-as-gbk)" in result.metadata.warnings
    assert result.to_dict()["metadata"]["warnings"] == list(result.metadata.warnings)


@needs_jieba
def test_each_damaged_line_adds_to_the_counts() -> None:
    first, second = LINES[2], LINES[2].replace("三", "四")
    alone = [repair(utf8_as_gbk(line)) for line in (first, second)]
    both = normalize_text(utf8_as_gbk(first + "\n" + second))
    assert both.text == first + "\n" + second and all(r.guessed >= 1 for r in alone)
    assert lossy_notes(both.notes) == [(sum(r.guessed for r in alone), 0)]


def test_a_lossless_repair_gives_no_lost_byte_warning() -> None:
    text = "今天下午三点在会议室开会，请大家准时参加。"
    result = cleantext.clean(text.encode("gbk").decode("latin-1").encode("utf-8"))  # GBK read as Latin-1
    assert result.text == text
    assert "mojibake repaired (gbk-as-latin1)" in result.metadata.warnings
    assert lossy_notes(result.metadata.warnings) == []


def test_the_note_names_both_counts_and_only_when_something_was_lost() -> None:
    assert repair_note(0, 0) is None
    assert lossy_notes([repair_note(4, 0) or ""]) == [(4, 0)]
    assert lossy_notes([repair_note(0, 2) or ""]) == [(0, 2)]


COMMON = "的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对"
RARE = "璀璨憔悴耄耋饕餮魑魅魍魉龘靐齉爩浠婂锛銆鍥鏈鎯鐨嶆缁涓"
PUNCT = "，。、：；！？“”‘’（）《》【】—…·　０１２ＡＢＣ"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(COMMON + RARE + PUNCT + "abc019 \n"), max_size=80))
def test_undamaged_text_is_never_changed_and_gives_no_repair_note(text: str) -> None:
    fixed = repair(text)
    assert fixed.text == text and fixed.note is None
    assert lossy_notes(normalize_text(text).notes) == []
