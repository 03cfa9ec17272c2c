"""The rules that separate learned boilerplate from legitimate repeated lines."""

from __future__ import annotations

from cleantext.learn.build import category_of
from cleantext.learn.rules import attachment, evidence, in_run, is_heading, learnable, slogan_like
from cleantext.learn.shape import shape_of


def key(line: str) -> str:
    return shape_of(line).key


def category_for_test(line: str) -> str:
    return category_of(key(line))


def test_evidence_of_boilerplate():
    assert evidence(key("星河文稿整理，咨询QQ：31415926")) == "contact mask"
    assert evidence(key("更多精彩资料请关注星河文稿")) is not None          # 关注
    assert evidence(key("★ 星河文稿 ★")) is not None                 # a decorated frame
    assert evidence(key("基本情况")) is None
    assert evidence(key("以上报告，请予审议。")) is None


def test_words_of_an_ad_spliced_into_prose_are_not_the_lines_evidence():
    assert evidence(key("她把信折好放进口袋，【星河文稿首发】转身走进了雨里。")) is None
    assert evidence(key("我们去了河边。回来的路上，大家约好下周关注天气再出发。")) is None  # two sentences: prose


def test_headings_and_letterless_lines_are_not_learnable():
    assert is_heading(key("一、基本情况")) and is_heading(key("（三）做好汛期准备")) and is_heading(key("第12章 归途"))
    assert not learnable(key("一、基本情况"))
    assert not learnable(key("* * *"))
    assert learnable(key("—— 完 ——"))  # one letter is enough inside a decorated frame
    assert learnable(key("www.fanwen42.com"))


def test_slogan_like():
    assert slogan_like(key("星河文稿 版权所有"))
    assert not slogan_like(key("入夏以来，我们抓紧推进了各项重点任务。"))


def test_category_guess():
    assert category_for_test("星河文稿整理，咨询QQ：31415926") == "contact"
    assert category_for_test("本文档由远山文库提供") == "credit"
    assert category_for_test("仅供参考 禁止转发") == "watermark"
    assert category_for_test("更多精彩资料请关注星河文稿") == "promo"
    assert category_for_test("www.fanwen42.com") == "site"
    assert category_for_test("第 3 页 共 12 页") == "page"
    assert category_for_test("星河出品 必属精品") == "credit"
    assert category_for_test("天天向上 好好学习") == "ad"


S, W, O = (1,), (2,), (9,)  # line hashes: evident boilerplate, an unevident candidate, an ordinary line


def _share(head: list[tuple[int, ...]], tail: list[tuple[int, ...]]) -> float:
    return attachment([(head, tail)], anchors={1}, weak={2})[2].share


def test_unevident_line_inside_head_boilerplate_is_attached():
    assert _share([S, W, S, O, O], [O, O]) == 1.0


def test_unevident_line_after_the_head_boilerplate_is_not():
    # A title or a standard heading right after the head boilerplate: nothing evident between it and the body.
    assert _share([S, W, O, O], [O, O]) == 0.0
    # At the very top with evidence only below it (a title above a credit line): not attached either.
    assert _share([W, S, O, O], [O, O]) == 0.0


def test_unevident_line_in_the_tail():
    assert _share([O, O], [O, S, W]) == 1.0           # a slogan after a footer, last line
    assert _share([O, O], [O, S, W, S]) == 1.0        # between two footer lines
    assert _share([O, O], [O, W, S, S]) == 0.0        # a standard closing line above the footer
    assert _share([O, O], [O, O, W]) == 0.0           # the last body line


def _run_share(head: list[tuple[int, ...]], tail: list[tuple[int, ...]], links: set[int] = frozenset()) -> float:
    return in_run([(head, tail)], anchors={1}, links=set(links))[1].share


def test_evident_line_must_lie_in_the_edge_run():
    assert _run_share([S, O, O], [O, O]) == 1.0
    assert _run_share([O, S, O], [O, O]) == 1.0          # after the title: a credit line under it
    assert _run_share([O, O, S, O], [O, O]) == 0.0       # after the title and a body line: a body line
    assert _run_share([O, W, S, O], [O, O]) == 0.0       # W does not link until it is itself accepted
    assert _run_share([O, W, S, O], [O, O], links={2}) == 1.0
    assert _run_share([O, O], [O, S, O]) == 0.0          # the tail run has no title to skip
