"""Mojibake repair: one test per damaged form (text of our own), and the property that undamaged text is never
changed."""

from __future__ import annotations

import importlib.util

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.text.mojibake import looks_damaged, quality, repair
from cleantext.text.normalize import normalize_text

SPRING = "春天来了，公园里的花都开了。我们一起去湖边散步，看见许多孩子在放风筝。"
LIBRARY = "小明每天放学后都去图书馆看书。"
HAS_JIEBA = importlib.util.find_spec("jieba") is not None


def utf8_as_gbk(s: str) -> str:
    """What a tool does that reads UTF-8 as GBK (each byte it cannot pair becomes U+FFFD) and saves the result."""
    return s.encode("utf-8").decode("gbk", "replace")


def test_utf8_read_as_gbk_without_lost_bytes_comes_back_exactly() -> None:
    damaged = "今天".encode().decode("gbk")  # 浠婂ぉ: this pair of characters loses nothing
    text = f"第一段{damaged}的会议纪要，由星河文库整理。"
    assert "\ufffd" not in damaged
    broken = text.encode().decode("gbk", "replace")
    fixed = repair(broken)
    assert fixed.forms == ("utf8-as-gbk",)
    assert fixed.text == text


@pytest.mark.parametrize("text", [LIBRARY, "春天来了，公园里的花都开了。", "会议由办公室主任主持，全体员工参加。"])
def test_utf8_read_as_gbk_with_lost_bytes_is_filled_back(text: str) -> None:
    broken = utf8_as_gbk(text)
    assert "\ufffd" in broken  # the damaged form loses bytes: each U+FFFD stands for one
    fixed = repair(broken)
    assert fixed.forms == ("utf8-as-gbk",)
    if HAS_JIEBA:
        assert fixed.text == text
    else:  # without a word list the guess is rougher, but the line reads as Chinese and keeps its length
        assert len(fixed.text) == len(text) and quality(fixed.text) >= 0.8


def test_a_lost_byte_the_repair_cannot_know_still_gives_a_readable_line() -> None:
    text = "我们明天早上八点在学校门口集合，请大家准时到达。"
    fixed = repair(utf8_as_gbk(text)).text
    same = sum(a == b for a, b in zip(fixed, text, strict=True))
    assert same >= len(text) - 2  # 八/六 differ only in the lost byte: at most a character or two are guessed wrong


def test_a_lost_closing_bracket_is_preferred_over_a_full_stop() -> None:
    text = "【本资料仅供星河文库会员学习使用，请勿外传】"
    broken = utf8_as_gbk(text)
    assert broken.endswith("\ufffd")  # 】 and 。 differ only in the lost last byte
    assert repair(broken).text == text


def test_gbk_read_as_latin1_comes_back_exactly() -> None:
    broken = SPRING.encode("gbk").decode("latin-1")
    assert looks_damaged(broken)
    fixed = repair(broken)
    assert fixed.text == SPRING and fixed.forms == ("gbk-as-latin1",)


def test_gbk_read_as_cp1252_with_replaced_bytes_comes_back_exactly() -> None:
    text = "廣場上的燈都亮了，大家一起看煙火。"  # 廣 has a byte (0x8F) that cp1252 leaves undefined
    broken = text.encode("gbk").decode("cp1252", "replace")
    assert "\ufffd" in broken
    assert repair(broken).text == text


def test_utf8_read_as_cp1252_with_replaced_bytes_comes_back_exactly() -> None:
    broken = SPRING.encode("utf-8").decode("cp1252", "replace")
    assert "\ufffd" in broken
    fixed = repair(broken)
    assert fixed.text == SPRING and fixed.forms == ("utf8-as-cp1252",)


def test_double_encoded_utf8_comes_back_exactly() -> None:
    broken = SPRING.encode("utf-8").decode("latin-1").encode("utf-8").decode("latin-1")
    fixed = repair(broken)
    assert fixed.text == SPRING and "ftfy" in fixed.forms


def test_only_the_damaged_lines_change() -> None:
    good = "第二行是正常的中文，包含（括号）和“引号”。"
    text = "\n".join([utf8_as_gbk(LIBRARY), good, "English line: café, naïve.", SPRING.encode("gbk").decode("latin-1")])
    lines = repair(text).text.split("\n")
    assert lines[1:3] == [good, "English line: café, naïve."]
    assert lines[3] == SPRING


def test_crlf_lines_keep_their_carriage_return() -> None:
    broken = SPRING.encode("gbk").decode("latin-1") + "\r\n" + "第二行\r\n"
    assert repair(broken).text == SPRING + "\r\n第二行\r\n"


def test_normalize_records_the_repair_and_its_form() -> None:
    result = normalize_text(SPRING.encode("gbk").decode("latin-1") + "\n")
    assert result.text == SPRING
    assert "fix_mojibake" in result.steps and "fix_mojibake.gbk-as-latin1" in result.steps


@pytest.mark.parametrize("text", [
    "Café crème, naïve résumé — “quoted” façade. Ça coûte très cher à Noël.",
    "Größe, Übermaß und Äpfel schmecken süß.",
    "日本語のテキストもそのまま残ります。",
    "한국어 문장은 바뀌지 않습니다.",
    "璀璨的星空下，她憔悴的面容显得格外安静。",  # real words made of the rare characters the GBK form is made of
    "龘靐齉爩，魑魅魍魉。",
    "——————————",  # cp1252 has the em dash: a rule line must not be read as GBK bytes
    "“……”——《》‘’",
])
def test_undamaged_text_of_other_scripts_and_rare_characters_is_left_alone(text: str) -> None:
    assert repair(text).text == text


COMMON_TEXT = "的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对"
RARE_TEXT = "璀璨憔悴耄耋饕餮魑魅魍魉龘靐齉爩罍彧弢翀昶炜犇骉猋麤鱻淼焱垚赟燚浠婂ぉ锛銆鍥鏈鎯鐨嶆缁涓"
TRADITIONAL_TEXT = "們說國學會發體這裡麵點廣東話鳥飛書馬車門開關燈電腦網絡黨員區議會報導"
PUNCT_TEXT = "，。、：；！？“”‘’（）《》【】—…·　０１２ＡＢＣ"
chinese_like = st.text(
    alphabet=st.one_of(
        st.sampled_from(COMMON_TEXT), st.sampled_from(RARE_TEXT), st.sampled_from(TRADITIONAL_TEXT),
        st.sampled_from(PUNCT_TEXT), st.sampled_from("abcXYZ019 .,:-\n"),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),
    ),
    max_size=80,
)


@given(chinese_like)
def test_property_undamaged_chinese_is_never_changed(text: str) -> None:
    """Real-looking Chinese (common, rare, traditional characters, full-width punctuation) passes unchanged."""
    assert repair(text).text == text


def _signal_alphabet() -> list[str]:
    from cleantext.text import mojibake as m

    return [*m._UTF8_AS_GBK_CHARS[::97], m.HOLE, "\n", " ", "a", "中", "文", "“", "”", "…", "—", "é", "Ã", "\u00a0",
            "\u0152", "\u20ac", "\u2122", "\u00ff"]


@given(st.lists(st.sampled_from(_signal_alphabet()), max_size=30).map("".join))
@settings(max_examples=500, deadline=None)
def test_the_fast_signals_find_what_the_written_out_ones_find(text: str) -> None:
    """The signals are written for ``re``'s fast scan; they must say what their plain forms (an alternation, a
    repeat) say, at the same place."""
    import re

    from cleantext.text import mojibake as m

    a = "[" + re.escape(m._UTF8_AS_GBK_CHARS) + "]"
    plain_gbk = re.compile(a + "[^\n]{0,2}[" + re.escape(m._UTF8_AS_GBK_CHARS) + m.HOLE + "]|" + m.HOLE + a)
    plain_latin = re.compile("[\u00a0-\u00fe" + m._CP1252_HIGH + m.HOLE + "]{4}")
    assert m._utf8_as_gbk_signal(text) == (plain_gbk.search(text) is not None)
    fast, plain = m._GBK_AS_LATIN_SIGNAL.search(text), plain_latin.search(text)
    assert (fast and fast.span()) == (plain and plain.span())
