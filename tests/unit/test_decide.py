"""The decision stage on hand-made evidence: what strong and weak evidence may take, and where."""

from __future__ import annotations

from cleantext.decide import MAX_WEAK_LINE, decide, merge_spans
from cleantext.evidence import Evidence, Strength

PROSE = "今年各项工作稳步推进，群众满意度持续提升，全年目标全部完成。"
CTA = "喜欢就点个在看吧"


def _weak(i: int) -> Evidence:
    return Evidence(i, "structure.cta", "social", Strength.WEAK)


def test_weak_evidence_counts_only_outside_the_body():
    lines = [CTA, "标题", PROSE, CTA, PROSE, CTA]
    d = decide(lines, "\n".join(lines), [_weak(0), _weak(3), _weak(5)])
    # Before the first and after the last body anchor it goes; between two paragraphs it stays.
    assert sorted(d.removed) == [0, 5]
    assert d.removed[5].rule == "structure.cta"


def test_strong_evidence_takes_a_line_between_paragraphs():
    lines = ["标题", PROSE, "本文由示例文库整理", PROSE]
    d = decide(lines, "\n".join(lines), [Evidence(2, "credit.x", "credit")])
    assert sorted(d.removed) == [2]


def test_weak_evidence_never_takes_a_long_line():
    long_line = "欢迎关注" + "长" * MAX_WEAK_LINE
    lines = ["标题", PROSE, long_line]
    d = decide(lines, "\n".join(lines), [_weak(2)])
    assert d.removed == {}


def test_weak_evidence_needs_a_body_anchor():
    # A document of short lines (a list, a poem) has no body anchor: weak evidence takes nothing.
    lines = ["春眠不觉晓", "处处闻啼鸟", CTA]
    assert decide(lines, "\n".join(lines), [_weak(2)]).removed == {}


def test_a_named_line_is_no_anchor():
    # The prose-length disclaimer below the body carries evidence, so it does not end the tail zone.
    lines = ["标题", PROSE, "声明：" + PROSE, CTA]
    ev = [Evidence(2, "disclaimer.x", "disclaimer"), _weak(3)]
    assert sorted(decide(lines, "\n".join(lines), ev).removed) == [2, 3]


def test_whole_line_evidence_beats_spans_on_the_same_line():
    lines = ["标题", PROSE + "（示例网首发）"]
    ev = [Evidence(1, "site.tag", "site", span=(len(PROSE), len(lines[1]))), Evidence(1, "ad.x", "ad")]
    d = decide(lines, "\n".join(lines), ev)
    assert sorted(d.removed) == [1] and d.cuts == {}


def test_overlapping_spans_merge():
    a = Evidence(0, "a.x", "ad", span=(2, 6))
    b = Evidence(0, "b.x", "ad", span=(4, 9))
    c = Evidence(0, "c.x", "ad", span=(12, 14))
    assert [e.span for e in merge_spans([c, b, a])] == [(2, 9), (12, 14)]
    assert merge_spans([c, b, a])[0].rule == "a.x"


def test_image_between_removed_lines_goes_with_them():
    img = "![](https://example.com/qr.png)"
    lines = ["标题", PROSE, "长按识别二维码", img, "关注我们，获取更多资料", "", img]
    ev = [Evidence(2, "social.qr", "social"), Evidence(4, "promo.x", "promo")]
    d = decide(lines, "\n".join(lines), ev)
    assert sorted(d.removed) == [2, 3, 4, 6]
    assert d.removed[3].rule == "zone.in-block"


def test_content_image_stays():
    img = "![](https://example.com/chart.png)"
    lines = ["标题", PROSE, img, PROSE, img, "本文由示例文库整理"]
    d = decide(lines, "\n".join(lines), [Evidence(5, "credit.x", "credit")])
    # The first image sits between paragraphs; the second is in the tail but has a body paragraph above it.
    assert sorted(d.removed) == [5]


def test_same_site_takes_an_address_not_a_page_of_the_site():
    lines = ["标题", PROSE, "> https://www.example.com/question/123", PROSE, "官网：www.example.com",
             "本站网址 www.example.com 请收藏"]
    m = __import__("regex").search(r"www\.example\.com", lines[5])
    ev = [Evidence(5, "site.x", "site", match=m, source=lines[5])]
    d = decide(lines, "\n".join(lines), ev)
    assert sorted(d.removed) == [4, 5] and d.removed[4].rule == "zone.same-site"


def test_rule_line_between_removed_lines_goes_with_them():
    # Both removed lines come from one rule, so this is no tail block: the rule line goes as furniture.
    lines = ["标题", PROSE, "本文由示例文库整理", "——————————", "本文由示例文库整理"]
    ev = [Evidence(2, "credit.x", "credit"), Evidence(4, "credit.x", "credit")]
    d = decide(lines, "\n".join(lines), ev)
    assert sorted(d.removed) == [2, 3, 4] and d.removed[3].rule == "zone.in-block"


def test_a_dated_byline_is_no_anchor():
    # The nag under the byline is still in the head zone.
    lines = ["标题", "示例读书会 2026-03-02 08:00 发表于浙江", CTA, PROSE, PROSE]
    assert sorted(decide(lines, "\n".join(lines), [_weak(2)]).removed) == [2]


def test_weak_evidence_keeps_to_its_zone():
    # A link list found in the head is not taken when its evidence says it belongs to the tail.
    lines = ["往期推荐", "标题", PROSE, PROSE]
    ev = [Evidence(0, "structure.tail-links", "nav", Strength.WEAK, where="tail")]
    assert decide(lines, "\n".join(lines), ev).removed == {}


def test_a_rule_line_that_opens_a_footer_goes_with_it():
    lines = ["标题", PROSE, "————————————————", "版权声明：本文为博主原创文章，转载请附上原文出处链接。", "原文链接：https://example.com/p/1"]
    ev = [Evidence(3, "disclaimer.x", "disclaimer"), Evidence(4, "disclaimer.y", "disclaimer")]
    d = decide(lines, "\n".join(lines), ev)
    assert sorted(d.removed) == [2, 3, 4]
    # A rule line between two paragraphs is the article's own.
    lines = ["标题", PROSE, "————————————————", PROSE]
    assert decide(lines, "\n".join(lines), []).removed == {}


def test_a_reprint_notice_does_not_make_its_platform_a_site_to_remove():
    lines = ["标题", PROSE, "https://www.example.com", PROSE, "来源：示例网 www.example.com 著作权归作者所有"]
    m = __import__("regex").search(r"www\.example\.com", lines[4])
    ev = [Evidence(4, "disclaimer.x", "disclaimer", match=m, source=lines[4])]
    assert sorted(decide(lines, "\n".join(lines), ev).removed) == [4]
