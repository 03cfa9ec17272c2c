"""UTF-8 read as GBK with lost bytes, as whole documents show it (text of our own, damaged the same way): GBK's own
"?" for a lost byte, lines too short to prove the damage alone, how a heading, a list item or a rule line ends, the
shape of numbers and words jieba lacks. Undamaged text, symbols and rare characters included, is never changed."""

from __future__ import annotations

import importlib.util

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleantext.text.mojibake import quality, repair

HAS_JIEBA = importlib.util.find_spec("jieba") is not None
needs_jieba = pytest.mark.skipif(not HAS_JIEBA, reason="the guesses below need jieba's word counts")


def utf8_as_gbk(s: str) -> str:
    """UTF-8 read as GBK: each byte that cannot be paired becomes U+FFFD."""
    return s.encode("utf-8").decode("gbk", "replace")


def saved_as_gbk(s: str) -> str:
    """The same damage saved again in GBK, which has no U+FFFD: each lost byte became "?"."""
    return utf8_as_gbk(s).encode("gbk", "replace").decode("gbk")


@pytest.mark.parametrize("text", ["今天下午三点在会议室开会，请大家准时参加。", "小明每天放学后都去图书馆看书。"])
def test_a_question_mark_saved_for_a_lost_byte_is_filled_back(text: str) -> None:
    broken = saved_as_gbk(text)
    assert "?" in broken and "\ufffd" not in broken
    fixed = repair(broken)
    assert fixed.forms == ("utf8-as-gbk",)
    if HAS_JIEBA:
        assert fixed.text == text
    else:
        assert len(fixed.text) == len(text) and quality(fixed.text) >= 0.8


def test_a_real_question_mark_in_undamaged_text_stays() -> None:
    text = "请问这是什么?真的吗??"
    assert repair(text).text == text


def test_short_lines_of_a_damaged_document_are_repaired_with_it() -> None:
    lines = ["星河文库整理的会议纪要，供各位参考。", "\u3000", "WeChat：xinghe_12345"]
    broken = "\n".join(utf8_as_gbk(x) for x in lines)
    assert repair(broken).text == "\n".join(lines)


def test_a_short_damaged_line_alone_proves_nothing_and_stays() -> None:
    alone = utf8_as_gbk("\u3000")  # 銆 and a lost byte: too little to tell from a rare character
    assert repair(alone).text == alone


@pytest.mark.parametrize("heading", ["\u3000\u3000一、基本情况\u3000", "二、存在的问题\u3000",
                                     "（三）下一步打算\u3000"])
def test_a_numbered_heading_ends_in_a_space_not_a_full_stop(heading: str) -> None:
    broken = utf8_as_gbk(heading)
    assert broken.endswith("\ufffd")  # 　 and 。 differ only in the lost last byte
    assert repair(broken).text == heading


@pytest.mark.parametrize("item", ["1. 由星河街道牵头，会同各社区，在月底前完成摸底登记；",
                                  "2. 由办公室负责，十日前完成材料汇总；"])
def test_a_list_item_ends_in_a_semicolon(item: str) -> None:
    assert repair(utf8_as_gbk(item)).text == item


@pytest.mark.parametrize("rule", ["——————————", "—— END ——", "作者：星河——2024年"])
def test_dashes_come_back_in_pairs(rule: str) -> None:
    assert repair(utf8_as_gbk(rule)).text == rule


@needs_jieba
@pytest.mark.parametrize("text", [
    "已完成城区二百一十个路段的改造任务。",  # a digit between place values, then a counter
    "下面，我从五个方面向大家汇报。",  # a counter after a number, though 一方面 is a word
    "优秀率较上年提高了七个百分点。",  # two digits side by side are not a number
    "二是工作还不够及时，个别小区反映较多。",  # 个别: two guesses side by side, chosen together
    "居民可以加入社区微信群，及时了解通知。",  # 微信: a word jieba's dictionary is older than
])
def test_guesses_follow_numbers_and_words(text: str) -> None:
    broken = utf8_as_gbk(text)
    assert "\ufffd" in broken
    assert repair(broken).text == text


@needs_jieba
@pytest.mark.parametrize("text", [
    "客服QQ：12345678",  # a colon, not a comma, between a label and its value
    "联系电话：138-0000-1234",
    "星河书苑  QQ：１２３４５６７８９",  # full-width digits run together
    "今年，2024年是关键的一年。",  # a comma before a number in a sentence stays a comma
])
def test_contact_lines_and_numbers_keep_their_marks(text: str) -> None:
    assert repair(utf8_as_gbk(text)).text == text


SYMBOLS = "≤≥×√±°¥€—·…“”‘’（），：；！？《》【】「」、。　?&%#@"
RARE = "璀璨憔悴耄耋饕餮魑魅魍魉龘靐齉爩罍彧弢翀昶炜犇骉猋麤鱻淼焱垚赟燚浠婂ぉ锛銆鍥鏈鎯鐨嶆缁涓鈥斺"
COMMON = "的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对"
undamaged_doc = st.lists(
    st.text(alphabet=st.one_of(st.sampled_from(SYMBOLS), st.sampled_from(RARE), st.sampled_from(COMMON),
                               st.sampled_from("abcXYZ0189 .,:-"),
                               st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)), max_size=30),
    max_size=8,
).map("\n".join)


@given(undamaged_doc)
def test_property_an_undamaged_document_with_symbols_and_short_rare_lines_is_never_changed(text: str) -> None:
    assert repair(text).text == text
