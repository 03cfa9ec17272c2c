"""decide.merge_spans and decide.tail_block_lines in detail: which evidence names a merged cut, and which lines a
tail block may hold (what mutation testing of the two found unpinned)."""

from __future__ import annotations

from cleantext.decide import MAX_ZONE_LINE, merge_spans, tail_block_lines
from cleantext.evidence import Evidence, Strength

BODY = "他把信折好，放进抽屉里，然后关上了灯。窗外的雨一直没有停，街上的行人越来越少，只剩下路灯还亮着。"


def test_a_merged_span_keeps_every_field_of_the_evidence_that_starts_it() -> None:
    first = Evidence(3, "ad.first", "ad", Strength.WEAK, (0, 6), "tail", "an ad", False, source="原文")
    merged = merge_spans([Evidence(3, "ad.later", "promo", span=(4, 11)), first])
    assert merged == [Evidence(3, "ad.first", "ad", Strength.WEAK, (0, 11), "tail", "an ad", False)]
    assert merged[0].source == "原文"


def test_of_two_spans_from_the_same_start_the_longer_names_the_cut() -> None:
    short = Evidence(0, "ad.short", "ad", span=(2, 5))
    long = Evidence(0, "ad.long", "ad", span=(2, 9))
    for order in ([short, long], [long, short]):
        assert [(e.rule, e.span) for e in merge_spans(order)] == [("ad.long", (2, 9))]


def test_a_tail_block_may_hold_long_boilerplate_lines_other_rules_removed() -> None:
    long_site = "更多精彩小说请访问星河文库官方网站 www.example-novel.com 每日更新不断" + "，" * MAX_ZONE_LINE
    lines = [BODY, long_site, "好书推荐", "本书由星河文库整理发布"]
    removed = {1: Evidence(1, "site.visit", "site"), 3: Evidence(3, "credit.uploaded-by", "credit")}
    assert tail_block_lines(lines, removed, {}) == [2]


def test_a_tail_block_needs_two_rules_and_an_anchor() -> None:
    lines = [BODY, "本书由星河文库整理发布", "好书推荐", "本书由星河文库整理发布"]
    same_rule = {1: Evidence(1, "credit.x", "credit"), 3: Evidence(3, "credit.x", "credit")}
    assert tail_block_lines(lines, same_rule, {}) == []
    no_anchor = {1: Evidence(1, "credit.x", "credit", anchors=False), 3: Evidence(3, "site.y", "site", anchors=False)}
    assert tail_block_lines(lines, no_anchor, {}) == []
    assert tail_block_lines(lines, {1: same_rule[1], 3: Evidence(3, "site.y", "site")}, {}) == [2]


def test_zone_evidence_does_not_count_as_a_rule_of_the_block() -> None:
    lines = [BODY, "星河文库", "好书推荐", "本书由星河文库整理发布"]
    removed = {1: Evidence(1, "zone.distributor-name", "brand"), 3: Evidence(3, "credit.x", "credit")}
    assert tail_block_lines(lines, removed, {}) == []


def test_the_block_runs_from_its_first_to_its_last_boilerplate_line_and_no_further() -> None:
    lines = [BODY, "本书由星河文库整理发布", "好书推荐", "星河文库", "每日更新", "更多精彩请访问example-novel.com",
             "作者：林间"]
    removed = {1: Evidence(1, "credit.x", "credit"), 3: Evidence(3, "brand.y", "brand"),
               5: Evidence(5, "site.z", "site")}
    assert tail_block_lines(lines, removed, {}) == [2, 4]
