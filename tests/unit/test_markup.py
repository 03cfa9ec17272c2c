"""Markdown read-through: what a reader sees of a line, for matching. Every example is invented."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.text.markup import breaks_markup, heading_text, is_image_line, is_link_line, is_rule_line, read_through


@pytest.mark.parametrize(
    ("line", "seen"),
    [
        ("> 点击上方蓝字关注我们", "点击上方蓝字关注我们"),
        ("> > 引用里的引用", "引用里的引用"),
        ("## 第一节 安装", "第一节 安装"),
        ("### 小结 ###", "小结"),
        ("- 第一项", "第一项"),
        ("* 第二项", "第二项"),
        ("+ 第三项", "第三项"),
        ("1. 准备材料", "准备材料"),
        ("2.关注公众号", "关注公众号"),
        ("- **往期精彩推荐**", "往期精彩推荐"),
        ("**设为星标**", "设为星标"),
        ("__重要提示__", "重要提示"),
        ("*本文保存时间：2025-01-02*", "本文保存时间：2025-01-02"),
        ("_斜体说明_", "斜体说明"),
        # unbalanced fragments, as saved WeChat Markdown splits a bold run over lines
        ("点击上方“**蓝色字体**", "点击上方“蓝色字体"),
        ("”，选择“**设为星标**", "”，选择“设为星标"),
        ("**申明****：仅供交流", "申明：仅供交流"),
        ("[星河手记的一篇文章](https://example.com/p/1)", "星河手记的一篇文章"),
        ("[[置顶]年度总结](https://example.com/p/2 \"标题\")", "[置顶]年度总结"),
        ("见 [文档][doc-1] 第二节", "见 文档 第二节"),
        ("![](https://example.com/qr.png)关注我们", "关注我们"),
        ("![示意图](https://example.com/a.png \"\")", ""),
        ("一&nbsp;二 &gt; 三", "一 二 > 三"),
        ("  前后的空格  ", "前后的空格"),
    ],
)
def test_read_through(line: str, seen: str) -> None:
    assert read_through(line) == seen


@pytest.mark.parametrize(
    "line",
    [
        "他说：“你好，（真的）世界！”——然后走了。",
        "数据见表1：增长率为3.14%，同比上升。",
        "3.14是圆周率的近似值",
        "2024.05.01 发布",
        "计算 2**8 的值",
        "姓名：______ 班级：______",
        "-1 是负数",
        "+86 的号码",
        "#话题# 今天的讨论",
        "链接参数 https://example.com/s?__biz=abc&para=1&mid=2",
    ],
)
def test_read_through_leaves_text_alone(line: str) -> None:
    assert read_through(line) == line.strip()


def test_cjk_punctuation_survives_emphasis() -> None:
    assert read_through("**（一）总体要求：“稳中求进”，不折不扣。**") == "（一）总体要求：“稳中求进”，不折不扣。"


def test_fast_path_is_a_plain_strip() -> None:
    line = "　今年的工作取得了很大进展，群众满意度持续提升。 "
    assert read_through(line) == line.strip()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("![](https://example.com/qr.png)", True),
        ("  ![二维码](https://example.com/qr.png \"\")  ", True),
        ("> ![a](https://example.com/a.png) ![b](https://example.com/b.png)", True),
        ("**![](https://example.com/banner.gif)**", True),
        ("[![](https://example.com/qr.png)](https://example.com/follow)", True),
        ('<img src="https://example.com/a.png" />', True),
        ("![](https://example.com/qr.png) 长按识别二维码", False),
        ("![没有地址的图", False),
        ("普通的一行字", False),
    ],
)
def test_is_image_line(line: str, expected: bool) -> None:
    assert is_image_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("[星河手记第一期](https://example.com/p/1)", True),
        ("- [第二期](https://example.com/p/2)", True),
        ("1. [第三期](https://example.com/p/3)", True),
        ("\t\t[ 第四期 ](https://example.com/p/4)", True),
        ("[上一篇](https://example.com/p/1) | [下一篇](https://example.com/p/3)", True),
        ("https://example.com/p/1", True),
        ("> <https://example.com/p/1>", True),
        ("**[加粗的链接](https://example.com/p/5)**", True),
        ("详见：[官方文档](https://example.com/doc)", False),
        ("访问 https://example.com 了解更多", False),
        ("[没有地址的方括号]", False),
        ("![](https://example.com/qr.png)", False),
        ("普通的一行字", False),
    ],
)
def test_is_link_line(line: str, expected: bool) -> None:
    assert is_link_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("---", True),
        ("* * *", True),
        ("___", True),
        ("————————————", True),
        ("─────────", True),
        ("=====", True),
        ("--", False),
        ("——", False),
        ("- 列表项", False),
        ("——摘自某书", False),
        ("", False),
    ],
)
def test_is_rule_line(line: str, expected: bool) -> None:
    assert is_rule_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("# 星河手记：一次部署的复盘", "星河手记：一次部署的复盘"),
        ("##  **工具介绍**  ", "工具介绍"),
        ("### 小结 ###", "小结"),
        ("#话题#", None),
        ("#", None),
        ("# ", None),
        ("正文里的 # 号", None),
        ("#!/bin/bash", None),
    ],
)
def test_heading_text(line: str, expected: str | None) -> None:
    assert heading_text(line) == expected


def test_pathological_markup_is_fast() -> None:
    import time

    nasty = ["[" * 2000 + "a", "*" * 5000 + "a", "_a" * 3000, "](" * 2000, "![](" * 1500 + "x", "&" * 4000 + ";"]
    start = time.perf_counter()
    for line in nasty:
        read_through(line)
        is_image_line(line)
        is_link_line(line)
        is_rule_line(line)
        heading_text(line)
    assert time.perf_counter() - start < 1.0


# --- properties -----------------------------------------------------------------------------------------------------


_MARKUP = st.sampled_from(["**", "*", "_", "__", "[", "]", "(", ")", "![", "](", "> ", "# ", "- ", "1. ", "&nbsp;",
                           "&gt;", "<img src=x>", "```", "---", "https://example.com/p?a_b=1&c=2", " ", "\t"])
_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_LINES = st.lists(st.one_of(_MARKUP, _TEXT), max_size=20).map("".join)
# Chinese prose with full-width punctuation and no Markdown character at all.
_PROSE = st.text(alphabet="星河手记今天的工作很好我们关注公众号转载版权学习（），：“”《》！？、。；一二三四五",
                 min_size=1, max_size=60)


@settings(max_examples=150, deadline=None)
@given(line=_LINES)
def test_never_raises_and_returns_one_line(line: str) -> None:
    seen = read_through(line)
    assert seen == seen.strip()
    for check in (is_image_line, is_link_line, is_rule_line):
        assert isinstance(check(line), bool)
    text = heading_text(line)
    assert text is None or (text and text == text.strip())


@settings(max_examples=150, deadline=None)
@given(line=_PROSE)
def test_chinese_prose_is_read_as_is(line: str) -> None:
    assert read_through(line) == line.strip()
    assert not is_image_line(line) and not is_link_line(line) and not is_rule_line(line)
    assert heading_text(line) is None


def test_the_remembered_read_through_is_the_read_through_and_keeps_no_long_line() -> None:
    from cleantext.text import markup

    lines = ["> - 点击上方“**蓝色字体**", "[往期回顾](https://example.com/p/1)&nbsp;", "  普通的一行正文。 ", "",
             "**加粗**" * 40, "正文" * 150 + "**尾巴**"]
    for line in lines * 2:  # the second time from the cache, for the short ones
        assert markup.read_through(line) == markup.read_through_uncached(line)
    before = markup._read_through_short.cache_info().currsize
    long_line = "很长的一行" * 60 + str(before)
    assert len(long_line) > markup._CACHED_CHARS
    markup.read_through(long_line)
    assert markup._read_through_short.cache_info().currsize == before
    assert markup._read_through_short.cache_info().maxsize == 4096


@given(st.text(alphabet=" \t\n>#*_[!&+-<~•·0123456789正文aA（）：“”", max_size=12))
@settings(max_examples=400, deadline=None)
def test_the_gate_is_its_written_out_alternation(line: str) -> None:
    import re

    from cleantext.text import markup

    plain = re.compile(r"[>#*_\[!&+\-<~•·]|^\s*\d")
    fast = markup._TRIGGER_CHAR.search(line) is not None or markup._LEADING_DIGIT.match(line) is not None
    assert fast == (plain.search(line) is not None)


IMAGE = "![星河手记 公众号](https://example.com/qr.png)"
ANCHOR = '<a href="https://example.com/x">讲义</a>'


@pytest.mark.parametrize(("line", "piece", "breaks"), [
    (IMAGE, "[星河手记 公众号]", True),  # the alt text with its brackets: "!(https://…)" would be left
    (IMAGE, "公众号", False),  # words inside the alt text
    (IMAGE, IMAGE, False),  # the whole image
    (IMAGE, "(https://example.com/qr.png)", True),
    (IMAGE, "example.com", True),  # inside the destination
    ("看 [讲义（加微信xinghe2020）](https://example.com/a) 这篇", "（加微信xinghe2020）", False),
    ("看 [讲义](https://example.com/a) 这篇", "看 [讲义", True),
    (ANCHOR + " 加微信xinghe2020", "加微信xinghe2020", False),
    (ANCHOR, 'href="https://example.com/x"', True),
    (ANCHOR, "讲义", False),  # the text between the tags
    (ANCHOR, ANCHOR, False),
    ("正文一句话（加微信xinghe2020）。", "（加微信xinghe2020）", False),  # no markup at all
])
def test_a_cut_breaks_markup_only_when_it_takes_part_of_its_syntax(line: str, piece: str, breaks: bool) -> None:
    start = line.index(piece)
    assert breaks_markup(line, start, start + len(piece)) is breaks
