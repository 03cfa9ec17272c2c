"""The tail block, body anchors and ``decide``'s own options in detail (issue 16): the contact lines under a block's
contact ad, the length bounds of slogans, anchors and weak lines, folded distributor names and the default edge
windows. What the mutation run found unpinned; each test asserts an outcome on invented text."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleantext.decide import MAX_BYLINE_CHARS, MAX_WEAK_LINE, MAX_ZONE_LINE, MIN_ANCHOR_CHARS, decide, is_anchor
from cleantext.decide import tail_block_lines as block
from cleantext.evidence import Evidence, Strength

BODY = "他把信折好，放进抽屉里，然后关上了灯。窗外的雨一直没有停，街上的行人越来越少，只剩下路灯还亮着。"
PROSE = "今年各项工作稳步推进，群众满意度持续提升，全年目标全部完成。"
QQ_AD = "QQ群：12345678 入群领资料"
CREDIT = "本书由星河文库整理发布"
MAIL = "邮箱：help@example-novel.com"


def ads(contact: bool = True) -> dict[int, Evidence]:
    return {1: Evidence(1, "contact.qq-group", "contact" if contact else "ad"), 3: Evidence(3, "credit.x", "credit")}


# --- the contact lines under a block's contact ad


def test_contact_only_lines_under_a_block_with_a_contact_ad_go_with_it() -> None:
    lines = [BODY, QQ_AD, "好书推荐", CREDIT, MAIL, "", "QQ：87654321"]
    assert block(lines, ads(), {}) == [2, 4, 6]


def test_without_a_contact_ad_the_contact_lines_below_stay() -> None:
    lines = [BODY, QQ_AD, "好书推荐", CREDIT, MAIL]
    assert block(lines, ads(contact=False), {}) == [2]


def test_a_signature_among_the_lines_below_keeps_them_all() -> None:
    lines = [BODY, QQ_AD, "好书推荐", CREDIT, MAIL, "作者：林间"]
    assert block(lines, ads(), {}) == [2]


def test_with_nothing_below_the_block_only_its_slogans_go() -> None:
    lines = [BODY, QQ_AD, "好书推荐", CREDIT, ""]
    assert block(lines, ads(), {}) == [2]


def test_a_slogan_of_exactly_the_zone_line_length_goes_one_longer_stays() -> None:
    exact = "好" * MAX_ZONE_LINE
    assert block([BODY, QQ_AD, exact, CREDIT], ads(), {}) == [2]
    assert block([BODY, QQ_AD, exact + "好", CREDIT], ads(), {}) == []


# --- body anchors


def test_a_link_line_anchors_no_body_however_many_letters_it_shows() -> None:
    assert not is_anchor("[星河文库全本小说免费阅读下载](https://example-novel.com/)")
    assert not is_anchor("![星河文库全本小说免费阅读下载的二维码](qr.png)")


def test_an_anchor_needs_at_least_min_anchor_chars_letters() -> None:
    assert is_anchor("今" * MIN_ANCHOR_CHARS)
    assert not is_anchor("今" * (MIN_ANCHOR_CHARS - 1) + "，。")


def test_a_dated_line_anchors_only_when_longer_than_a_byline() -> None:
    date = "2024年5月1日"  # 9 letters and digits
    byline = "作" * (MAX_BYLINE_CHARS - 9) + date
    assert not is_anchor(byline)
    assert is_anchor("作" + byline)


# --- weak lines


def test_a_weak_line_of_exactly_max_weak_line_characters_goes() -> None:
    lines = ["年度总结", PROSE, PROSE, "关注" + "～" * (MAX_WEAK_LINE - 2)]
    d = decide(lines, "\n".join(lines), [Evidence(3, "structure.cta", "social", Strength.WEAK)])
    assert list(d.removed) == [3]


# --- the line numbers of zone evidence


def test_every_zone_rule_names_the_line_it_takes() -> None:
    lines = [PROSE, PROSE, "本站网址 www.example-novel.com", "好书推荐", "星河文库", "客服：help@example-novel.com",
             "本书由星河文库整理发布"]
    m = regex.search(r"本书由(?P<distributor>星河文库)整理发布", lines[6])
    evidence = [Evidence(2, "site.visit", "site", match=regex.search(r"www\.example-novel\.com", lines[2])),
                Evidence(6, "credit.x", "credit", match=m)]
    d = decide(lines, "\n".join(lines), evidence)
    assert {i: (e.line, e.rule) for i, e in d.removed.items() if e.rule.startswith("zone.")} == {
        3: (3, "zone.tail-block"), 4: (4, "zone.distributor-name"), 5: (5, "zone.same-site")}


# --- folded documents: distributor names in both scripts


def test_a_folded_document_finds_a_traditional_distributor_name_in_its_simplified_lines() -> None:
    original = "本書由星河書庫整理發布"
    m = regex.search(r"本書由(?P<distributor>星河書庫)整理發布", original)
    lines = [PROSE, PROSE, "星河书库", "本书由星河书库整理发布"]  # the fold of the document
    ev = [Evidence(3, "credit.x", "credit", match=m, source=original)]
    assert decide(lines, "\n".join(lines), ev, folded=True).removed[2].rule == "zone.distributor-name"
    # Unfolded lines are read as they are: only the name as written counts.
    assert 2 not in decide(lines, "\n".join(lines), ev).removed


# --- the default edge windows


class EdgeProbe:
    """A probe whose head and tail rules take every line reading "点击关注"; no cuts."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines

    def edge(self, i: int, scope: str) -> Evidence | None:
        return Evidence(i, f"social.{scope}", "social", where=scope) if self.lines[i] == "点击关注" else None

    def emptied(self, i: int, rest: str) -> bool:
        return False

    def recut(self, i: int, segments: Sequence[tuple[int, int]]) -> list[Evidence]:
        return []

    def edge_rest(self, i: int, scope: str, segments: Sequence[tuple[int, int]]) -> Evidence | None:
        return None

    def reread(self, i: int, segments: Sequence[tuple[int, int]]) -> bool:
        return False


def test_by_default_the_head_window_is_ten_lines_and_the_tail_window_fifteen() -> None:
    # One removed head line moves the 11th non-blank line into the head window; one removed tail line the 16th from
    # the bottom into the tail window. Between them the body.
    head = ["本站网址 example-novel.com"] + [f"第{i}行" for i in range(9)] + ["点击关注"]
    tail = ["点击关注"] + [f"尾{i}行" for i in range(14)] + ["本站网址 example-novel.com"]
    lines = [*head, PROSE, PROSE, *tail]
    ev = [Evidence(0, "site.visit", "site"), Evidence(len(lines) - 1, "site.visit", "site")]
    d = decide(lines, "\n".join(lines), ev, probe=EdgeProbe(lines))  # type: ignore[arg-type]
    assert d.removed[10].rule == "social.head" and d.removed[13].rule == "social.tail"
    assert sorted(d.removed) == [0, 10, 13, len(lines) - 1]
