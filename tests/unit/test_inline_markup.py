"""Inline rules cut words, never markup: an image, a link or an HTML tag is cut inside its text or left whole, and
an account written in source code stays (all names and numbers invented)."""

from __future__ import annotations

import pytest

from cleantext import clean

BODY = "今天我们整理了这学期的课堂笔记，内容包括函数、数列和几何三个部分。"


def _middle(line: str) -> tuple[str, list[tuple[str, str]]]:
    out = clean(f"{BODY}\n{line}\n{BODY}")
    lines = out.text.split("\n")
    return (lines[1] if len(lines) == 3 else ""), [(r.rule, r.text) for r in out.removed]


@pytest.mark.parametrize(("line", "kept"), [
    ("参考资料见 [课程讲义（加微信xinghe2020）](https://example.com/a) 这一篇，写得很清楚。",
     "参考资料见 [课程讲义](https://example.com/a) 这一篇，写得很清楚。"),
    ("下面是讲义封面：![讲义（公众号：星河学堂）](https://example.com/qr.png) 仅作示意。",
     "下面是讲义封面：![讲义](https://example.com/qr.png) 仅作示意。"),
    ('<a href="https://example.com/x">讲义（公众号：星河学堂）</a> 这是正文里的一句话，内容很长很长。',
     '<a href="https://example.com/x">讲义</a> 这是正文里的一句话，内容很长很长。'),
])
def test_a_tag_inside_a_links_text_is_cut_and_the_link_stays_whole(line: str, kept: str) -> None:
    text, removed = _middle(line)
    assert text == kept and [rule for rule, _ in removed] == ["ad.course-tag-bracket"]


@pytest.mark.parametrize("line", [
    "讲义封面 ![加微信xinghe2020 领取讲义](https://example.com/qr.png) 在这里。",  # the bracket is the image's
    '        System.out.println("公众号：星河学堂");',  # a call's parentheses
    '        String name = names["加微信xinghe2020"];',  # an index
    "参考【JavaScript 入门教程】和【wxPython 入门教程】两本书。",  # a V or wx inside a word
])
def test_markup_and_code_are_not_cut_into(line: str) -> None:
    assert _middle(line) == (line, [])
