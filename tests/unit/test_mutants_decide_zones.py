"""The zone rules of ``decide.py`` in detail (issue 16): page furniture between removed blocks, same-site lines,
distributor names, the head and tail zones of weak evidence, and the guard against user rules that take prose.
What the mutation run found unpinned; each test asserts an outcome on invented text."""

from __future__ import annotations

import pytest

from cleantext.decide import (
    MAX_SAME_SITE_LINE,
    MAX_SAME_SITE_REST,
    bare_name,
    decide,
    distributor_lines,
    refuse_prose_takers,
    same_site_lines,
    site_of,
)
from cleantext.evidence import Evidence, Strength

PROSE = "今年各项工作稳步推进，群众满意度持续提升，全年目标全部完成。"
SITE = "本站网址 example-novel.com"
QR, BANNER, RULE = "![](qr.png)", "![](banner.png)", "———"


def removed(lines: list[str], evidence: list[Evidence]) -> dict[int, str]:
    d = decide(lines, "\n".join(lines), evidence)
    return {i: e.rule for i, e in sorted(d.removed.items())}


def site_lines(lines: list[str]) -> list[Evidence]:
    return [Evidence(i, "site.visit", "site") for i, line in enumerate(lines) if line == SITE]


# --- zone.in-block: page furniture


def test_a_run_of_furniture_between_two_removed_blocks_goes_whole() -> None:
    # Regression: each image saw the other as a kept neighbour, so a QR code and a banner together both stayed.
    lines = [SITE, QR, BANNER, SITE, "年度总结", PROSE, PROSE]
    assert removed(lines, site_lines(lines)) == {0: "site.visit", 1: "zone.in-block", 2: "zone.in-block",
                                                 3: "site.visit"}


def test_a_run_of_furniture_at_the_document_s_edge_above_a_removed_line_goes() -> None:
    lines = [QR, "", BANNER, SITE, "年度总结", PROSE, PROSE]
    assert removed(lines, site_lines(lines)) == {0: "zone.in-block", 2: "zone.in-block", 3: "site.visit"}
    lines = [PROSE, PROSE, SITE, RULE, QR]  # the same at the bottom, an image and a rule line
    assert removed(lines, site_lines(lines)) == {2: "site.visit", 3: "zone.in-block", 4: "zone.in-block"}


def test_a_run_of_furniture_next_to_a_kept_line_stays() -> None:
    lines = [SITE, QR, BANNER, "年度总结", PROSE, PROSE]
    assert removed(lines, site_lines(lines)) == {0: "site.visit"}
    lines = [QR, BANNER, "年度总结", PROSE, PROSE]  # the edge alone is no removed neighbour
    assert removed(lines, []) == {}


def test_furniture_between_body_anchors_stays_even_between_removed_lines() -> None:
    lines = ["年度总结", PROSE, SITE, QR, SITE, PROSE]
    assert removed(lines, site_lines(lines)) == {2: "site.visit", 4: "site.visit"}


def test_a_rule_line_that_closes_a_header_or_opens_a_footer_goes_even_under_a_kept_line() -> None:
    lines = [SITE, RULE, "年度总结", PROSE, PROSE]
    assert removed(lines, site_lines(lines)) == {0: "site.visit", 1: "zone.in-block"}
    lines = [PROSE, PROSE, "作者：林间", RULE, SITE, "", SITE]
    assert removed(lines, site_lines(lines)) == {3: "zone.in-block", 4: "site.visit", 6: "site.visit"}


def test_a_rule_line_between_kept_lines_stays() -> None:
    assert removed(["年度总结", RULE, "副标题", PROSE, PROSE], []) == {}
    assert removed([RULE, "年度总结", PROSE, PROSE], []) == {}  # nothing above it is no removed header
    assert removed([PROSE, PROSE, "作者：林间", RULE], []) == {}


def test_an_image_with_a_removed_line_on_one_side_and_a_kept_one_on_the_other_stays() -> None:
    lines = [SITE, QR, "年度总结", PROSE, PROSE]
    assert removed(lines, site_lines(lines)) == {0: "site.visit"}
    lines = ["年度总结", QR, SITE, PROSE, PROSE]  # the kept line above is the document's first
    assert removed(lines, site_lines(lines)) == {2: "site.visit"}
    lines = [PROSE, PROSE, RULE, "作者：林间", SITE]  # a kept line right under a rule line: it opens no footer
    assert removed(lines, site_lines(lines)) == {4: "site.visit"}


def test_zone_evidence_names_its_line_and_category_and_anchors_no_block() -> None:
    lines = [SITE, QR, SITE, "年度总结", PROSE, PROSE]
    d = decide(lines, "\n".join(lines), site_lines(lines))
    assert d.removed[1] == Evidence(1, "zone.in-block", "social", anchors=False)


# --- zone.same-site


SITES = {"example-novel.com"}


def same_site(*lines: str, taken: set[int] | None = None) -> list[int]:
    return same_site_lines(list(lines), "\n".join(lines), SITES, taken or set())


def test_site_of_keeps_the_registrable_part_of_a_host() -> None:
    assert site_of("www.a.Example-Novel.COM") == "example-novel.com"
    assert site_of("example.com.cn") == "example.com.cn"
    assert site_of("a.b.example.com.cn") == "example.com.cn"
    assert site_of("news.example.gov.cn") == "example.gov.cn"
    assert site_of("example.cn") == "example.cn"
    # A second-level label counts only under a two-letter country code, and only as the label before it.
    assert site_of("mirror.net.top") == "net.top"
    assert site_of("www.example.cn.com") == "cn.com"
    assert site_of("www.com.example.cn") == "example.cn"


def test_an_address_line_of_the_site_goes_in_any_case() -> None:
    assert same_site("客服：HELP@EXAMPLE-NOVEL.COM", "网址：www.example-novel.com") == [0, 1]


def test_a_line_already_taken_or_too_long_is_not_a_same_site_line() -> None:
    line = "网址：www.example-novel.com"
    assert same_site(line, taken={0}) == []
    exact = line + "～" * (MAX_SAME_SITE_LINE - len(line))
    assert same_site(exact) == [0]
    assert same_site(exact + "～") == []


def test_a_line_that_also_names_another_site_stays_and_the_lines_after_it_are_still_read() -> None:
    assert same_site("网址：www.example-novel.com 备用：www.other-novel.net", "客服：help@example-novel.com") == [1]


def test_a_link_to_one_page_of_the_site_stays_and_the_lines_after_it_are_still_read() -> None:
    assert same_site("www.example-novel.com/book/12345678", "客服：help@example-novel.com") == [1]


def test_the_words_around_the_address_are_bounded() -> None:
    words = "星河文库官方网站客服邮箱地址"  # 14 letters
    assert same_site(f"{words}：help@example-novel.com") == [0]
    assert same_site(f"{words}两字：help@example-novel.com") == [0]  # exactly MAX_SAME_SITE_REST
    assert len(words) + 2 == MAX_SAME_SITE_REST
    assert same_site(f"{words}三个字：help@example-novel.com") == []


# --- zone.distributor-name


def test_bare_name_strips_punctuation_and_symbols_from_the_edges_only() -> None:
    assert bare_name("【星河文库】") == "星河文库"
    assert bare_name(" ——星河·文库！ ") == "星河·文库"


def test_a_line_that_is_only_the_distributor_s_name_goes() -> None:
    lines = [PROSE, "【星河文库】", "星河文库的书真多", "星河文库"]
    assert distributor_lines(lines, "\n".join(lines), ["星河文库", ""], set()) == [1, 3]
    assert distributor_lines(lines, "\n".join(lines), ["星河文库"], {1}) == [3]
    assert distributor_lines(lines, "\n".join(lines), [""], set()) == []


# --- weak evidence and its zones


def test_weak_evidence_for_the_head_stays_in_the_tail_and_between_anchors() -> None:
    lines = ["年度总结", PROSE, "喜欢就点个在看吧", PROSE, "喜欢就点个在看吧"]
    ev = [Evidence(i, "social.head-only", "social", Strength.WEAK, where="head") for i in (2, 4)]
    assert removed(lines, ev) == {}
    lines = ["喜欢就点个在看吧", "年度总结", PROSE, PROSE]
    assert removed(lines, [Evidence(0, "social.head-only", "social", Strength.WEAK, where="head")]) == {
        0: "social.head-only"}


def test_weak_evidence_for_the_tail_stays_in_the_head_and_between_anchors() -> None:
    lines = ["喜欢就点个在看吧", "年度总结", PROSE, "喜欢就点个在看吧", PROSE, "喜欢就点个在看吧"]
    ev = [Evidence(i, "social.tail-only", "social", Strength.WEAK, where="tail") for i in (0, 3, 5)]
    assert removed(lines, ev) == {5: "social.tail-only"}


# --- refuse_prose_takers: a user file that would take the prose


SENTENCE20 = "今年工作稳步推进，群众满意度持续提升了。"  # 20 characters, the shortest prose line


def guarded(lines: list[str], evidence: list[Evidence]) -> tuple[list[Evidence], list[str]]:
    return refuse_prose_takers(lines, evidence, frozenset({"mine.toml"}))


def mine(i: int, span: tuple[int, int] | None = None) -> Evidence:
    return Evidence(i, "mine.rule", "ad", span=span, origin="mine.toml")


def test_a_file_taking_three_prose_lines_whole_is_refused_with_a_warning() -> None:
    lines = [PROSE, PROSE, PROSE, PROSE]
    kept, warnings = guarded(lines, [mine(0), mine(1), mine(2), Evidence(3, "ad.x", "ad")])
    assert [e.rule for e in kept] == ["ad.x"]
    assert warnings == ["rules of mine.toml would remove 3 of 4 prose lines (75% of the prose); not applied"]


def test_two_prose_lines_are_not_enough_to_refuse_a_file_however_much_they_hold() -> None:
    lines = [PROSE, PROSE, "年度总结"]
    evidence = [mine(0), mine(1)]
    assert guarded(lines, evidence) == (evidence, [])


def test_a_file_taking_a_small_share_of_three_prose_lines_is_applied() -> None:
    lines = [PROSE] * 5
    evidence = [mine(i, (0, 4)) for i in range(3)]  # 12 of 150 characters
    assert guarded(lines, evidence) == (evidence, [])


def test_spans_count_by_their_length_wherever_they_stand() -> None:
    lines = [PROSE] * 4  # 30 characters each: 120 in all, 30 % is 36
    late = [mine(i, (20, 30)) for i in range(3)]  # 30 characters, at the end of each line
    assert guarded(lines, late) == (late, [])
    long = [mine(i, (0, 13)) for i in range(3)]  # 39 characters
    assert guarded(lines, long)[0] == []


def test_of_two_cuts_on_one_line_the_longer_counts() -> None:
    lines = [PROSE] * 4
    evidence = [mine(0, (0, 30)), mine(0, (0, 2)), mine(1, (0, 2)), mine(2, (0, 2))]  # 30 + 2 + 2 = 34 < 36
    assert guarded(lines, evidence) == (evidence, [])
    evidence = [mine(0, (0, 30)), mine(0, (0, 2)), mine(1, (0, 2)), mine(2, (0, 6))]  # 30 + 2 + 6 = 38 > 36
    assert guarded(lines, evidence)[0] == []


def test_an_empty_match_takes_no_prose() -> None:
    lines = [SENTENCE20] * 3  # 60 characters: 30 % is 18
    evidence = [mine(0, (0, 9)), mine(1, (0, 9)), mine(2, (5, 5))]  # 18, not more than 18
    assert guarded(lines, evidence) == (evidence, [])


@pytest.mark.parametrize("line", [
    SENTENCE20,  # exactly MIN_PROSE_CHARS, ending like a sentence
    "今年各项工作稳步推进群众满意度持续提升了。",  # a sentence end and no clause mark
    "今年工作稳步推进，群众满意度持续提升，全年目标全部完成",  # two clause marks and no end
])
def test_lines_built_like_sentences_are_prose(line: str) -> None:
    lines = [line] * 3
    assert guarded(lines, [mine(0), mine(1), mine(2)])[0] == []


@pytest.mark.parametrize("line", [
    "好的，我知道了。",  # a sentence, but short
    "今年各项工作稳步推进群众满意度持续提升全年目标",  # long, but neither an end nor clause marks
    "XBOX游戏机打折促销，全场商品限时八折优惠中",  # one clause mark
])
def test_lines_not_built_like_sentences_are_not_prose(line: str) -> None:
    lines = [line] * 3 + [PROSE]
    evidence = [mine(0), mine(1), mine(2)]
    assert guarded(lines, evidence) == (evidence, [])
