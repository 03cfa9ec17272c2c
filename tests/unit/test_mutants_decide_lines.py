"""The session-8 survivors of ``decide.py`` (issue 16, run on f1a8669): the value lines under a removed contact line
or label (``contact_value_lines``), the "来源：<号名>" line under a head nag (``head_source_lines``), both as
``decide`` names them, a same-site line after a body line that names the site, and what ``across`` may add.
Each test asserts an outcome on invented text."""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set

from cleantext.decide import contact_value_lines, decide, head_source_lines, same_site_lines
from cleantext.evidence import Evidence, Strength

PROSE = "今年各项工作稳步推进，群众满意度持续提升，全年目标全部完成。"
QQ, MAIL, WX = "QQ：31415926", "邮箱：reader@example.com", "微信：xinghe_shouji"
NAG = "点击上方蓝字关注星河手记"
SOURCE = "来源：星河手记"


def qq(i: int) -> Evidence:
    return Evidence(i, "contact.qq", "contact")


# --- contact_value_lines


def test_the_contact_lines_under_a_removed_contact_line_go_one_after_the_other() -> None:
    lines = ["星河手记", QQ, MAIL, WX, PROSE]
    assert contact_value_lines(lines, {1: qq(1)}, {}) == [2, 3]


def test_a_removed_label_that_points_down_takes_its_value() -> None:
    lines = ["星河手记", "投稿邮箱：", MAIL, PROSE]
    assert contact_value_lines(lines, {1: Evidence(1, "promo.submit", "promo")}, {}) == [2]


def test_a_removed_line_that_is_neither_contact_nor_label_takes_nothing_but_the_next_one_walks_on() -> None:
    lines = ["仅供学习交流", QQ, MAIL, PROSE]
    removed = {0: Evidence(0, "watermark.study-only", "watermark"), 1: qq(1)}
    assert contact_value_lines(lines, removed, {}) == [2]


def test_a_blank_line_between_a_contact_line_and_its_value_is_skipped() -> None:
    assert contact_value_lines(["星河手记", QQ, "", MAIL], {1: qq(1)}, {}) == [3]


def test_a_code_fence_between_a_contact_line_and_its_value_is_skipped() -> None:
    assert contact_value_lines(["星河手记", QQ, "```", MAIL, "```", PROSE], {1: qq(1)}, {}) == [3]


def test_the_walk_stops_at_the_next_removed_line_which_walks_on_itself() -> None:
    lines = ["星河手记", QQ, "", WX, MAIL]
    assert contact_value_lines(lines, {1: qq(1), 3: Evidence(3, "contact.wx", "contact")}, {}) == [4]


def test_a_contact_line_with_an_inline_cut_ends_the_walk() -> None:
    lines = ["星河手记", QQ, MAIL, WX]
    assert contact_value_lines(lines, {1: qq(1)}, {2: [Evidence(2, "ad.x", "ad", span=(0, 3))]}) == []


def test_decide_names_a_contact_value_line_by_its_zone_rule() -> None:
    lines = ["星河手记", PROSE, QQ, MAIL]
    d = decide(lines, "\n".join(lines), [qq(2)])
    assert d.removed == {2: qq(2), 3: Evidence(3, "zone.contact-value", "contact", anchors=False)}


# --- head_source_lines


def test_a_source_line_directly_under_a_removed_head_line_goes() -> None:
    lines = [NAG, SOURCE, "年度总结", PROSE]
    assert head_source_lines(lines, {0: Evidence(0, "social.follow", "social")}, (3, 3)) == [1]


def test_the_walk_up_from_a_source_line_passes_blank_lines_only() -> None:
    lines = ["星河手记", "青禾读书", NAG, "", SOURCE, PROSE]
    assert head_source_lines(lines, {2: Evidence(2, "social.follow", "social")}, (5, 5)) == [4]
    lines = ["星河手记", NAG, "", SOURCE, PROSE]
    assert head_source_lines(lines, {1: Evidence(1, "social.follow", "social")}, (4, 4)) == [3]


def test_a_source_line_under_a_kept_line_stays_even_with_a_removed_line_higher_up() -> None:
    lines = [NAG, "青禾读书", "", SOURCE, PROSE]
    assert head_source_lines(lines, {0: Evidence(0, "social.follow", "social")}, (4, 4)) == []


def test_a_source_line_at_the_top_or_under_the_title_is_a_byline_and_stays() -> None:
    assert head_source_lines([SOURCE, "年度总结", PROSE], {}, (2, 2)) == []
    assert head_source_lines(["年度总结", SOURCE, PROSE], {}, (2, 2)) == []


def test_only_the_head_zone_is_asked_for_a_source_line() -> None:
    lines = [NAG, SOURCE, PROSE, NAG, "来源：青禾读书", PROSE]
    removed = {0: Evidence(0, "social.follow", "social"), 3: Evidence(3, "social.follow", "social")}
    assert head_source_lines(lines, removed, (2, 5)) == [1]
    assert head_source_lines(lines, removed, None) == []


def test_decide_names_a_head_source_line_by_its_zone_rule() -> None:
    lines = [NAG, SOURCE, "年度总结", PROSE]
    follow = Evidence(0, "social.follow", "social")
    d = decide(lines, "\n".join(lines), [follow])
    assert d.removed == {0: follow, 1: Evidence(1, "zone.head-source", "credit", anchors=False)}


# --- same_site_lines


def test_a_body_line_that_names_the_site_does_not_end_the_look_at_the_next_lines() -> None:
    lines = ["正文写到这里。www.example.com 下一句接着写。", "联系：help@example.com"]
    assert same_site_lines(lines, "\n".join(lines), {"example.com"}, set()) == [1]


# --- what ``across`` adds


def _across(*found: Evidence) -> Callable[[Sequence[str], Set[int]], list[Evidence]]:
    def across(lines: Sequence[str], removed: Set[int]) -> list[Evidence]:
        return list(found)
    return across


def test_a_span_from_across_is_not_taken_for_a_whole_line() -> None:
    lines = ["欢迎来到星河手记", PROSE, PROSE]
    ev = Evidence(0, "structure.split-call", "social", span=(0, 4))
    d = decide(lines, "\n".join(lines), [], across=_across(ev))
    assert d.removed == {} and d.cuts == {}


def test_across_does_not_replace_the_weak_evidence_a_line_already_has() -> None:
    lines = ["欢迎来到星河手记", PROSE, PROSE]
    cta = Evidence(0, "social.cta", "social", Strength.WEAK)
    split = Evidence(0, "structure.split-call", "social")
    d = decide(lines, "\n".join(lines), [cta], across=_across(split))
    assert d.removed == {0: cta}


def test_what_across_adds_is_weighed_as_weak_evidence() -> None:
    lines = ["欢迎来到星河手记", PROSE, PROSE]
    split = Evidence(0, "structure.split-call", "social")
    d = decide(lines, "\n".join(lines), [], across=_across(split))
    assert d.removed == {0: Evidence(0, "structure.split-call", "social", Strength.WEAK)}
    assert d.removed[0].strength is Strength.WEAK


# --- the zone loop of ``decide``


def test_a_zone_line_a_later_round_no_longer_takes_stays_named_and_the_loop_ends() -> None:
    # Round 1: the 20-character slogan is the last body anchor and the tail block takes it. Round 2, with it named,
    # the weak label above goes (tail zone), the block reaches up to it, holds more slogans than boilerplate and
    # takes nothing, and the label's value goes as zone.contact-value. Were the slogan no longer named, it would
    # anchor again and the two rounds would follow each other for ever.
    lines = [PROSE, "投稿邮箱：", MAIL, "好书推荐", "每日更新", "本站网址 example-novel.com",
             "星河手记陪你读好书每天一篇不见不散欢迎常来", "仅供学习交流"]
    label = Evidence(1, "promo.submit", "promo", Strength.WEAK)
    site, mark = Evidence(5, "site.visit", "site"), Evidence(7, "watermark.study-only", "watermark")
    d = decide(lines, "\n".join(lines), [label, site, mark])
    assert d.removed == {1: label, 2: Evidence(2, "zone.contact-value", "contact", anchors=False), 5: site, 7: mark}
