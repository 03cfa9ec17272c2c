"""The inline re-judging helpers of ``decide.py`` in detail (issue 16): which pieces of a line its cuts leave
(``kept_segments``, ``_rest_after``), how a span found in those pieces maps back onto the line (``map_back``), and
the fixed point of ``recut``. What the mutation run found unpinned; each test asserts an outcome on invented text."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleantext.decide import _rest_after, kept_segments, map_back, recut
from cleantext.evidence import Evidence, Strength


def cut(start: int, end: int, rule: str = "ad.tag") -> Evidence:
    return Evidence(0, rule, "ad", span=(start, end))


def pieces(line: str, segments: Sequence[tuple[int, int]]) -> list[str]:
    return [line[s:e] for s, e in segments]


# --- kept_segments and _rest_after: what the cuts leave


def test_the_pieces_between_cuts_are_kept_in_order() -> None:
    line = "星河★甲★文库★乙★首页"
    segments = kept_segments(line, [cut(2, 5), cut(7, 10)])
    assert segments == [(0, 2), (5, 7), (10, 12)]
    assert pieces(line, segments) == ["星河", "文库", "首页"]
    assert _rest_after(line, [cut(2, 5), cut(7, 10)]) == "星河文库首页"


def test_a_cut_at_either_edge_or_two_touching_cuts_leave_no_empty_piece() -> None:
    line = "★甲★星河文库★乙★★丙★"
    cuts = [cut(0, 3), cut(7, 10), cut(10, 13)]
    assert kept_segments(line, cuts) == [(3, 7)]
    assert _rest_after(line, cuts) == "星河文库"


def test_a_line_without_cuts_is_one_piece_and_an_empty_line_none() -> None:
    assert kept_segments("星河文库", []) == [(0, 4)]
    assert _rest_after("星河文库", []) == "星河文库"
    assert kept_segments("", []) == []
    assert kept_segments("★甲★", [cut(0, 3)]) == []
    assert _rest_after("★甲★", [cut(0, 3)]) == ""


# --- map_back: a span of the joined rest as spans of the line


def test_a_span_over_three_pieces_maps_to_one_cut_per_piece_skipping_the_cuts_between() -> None:
    line = "0123456789"
    segments = [(0, 2), (4, 6), (8, 10)]  # joined: "014589"
    joined = "".join(pieces(line, segments))
    m = regex.search("1458", joined)
    assert m is not None
    ev = Evidence(0, "site.notice", "site", Strength.WEAK, span=m.span(), where="tail", why="notice",
                  anchors=False, origin="mine.toml", match=m, source=joined)
    got = map_back(ev, segments)
    assert [e.span for e in got] == [(1, 2), (4, 6), (8, 9)]
    assert "".join(line[s:e] for s, e in (e.span for e in got)) == "1458"  # type: ignore[misc]
    # Every other field is the evidence's own; only the first piece carries the match (its contacts are read once).
    assert all(replace_span(e) == replace_span(ev) for e in got)
    assert got[0].match is m and got[0].source == joined
    assert [e.match for e in got[1:]] == [None, None] and [e.source for e in got[1:]] == [None, None]


def replace_span(e: Evidence) -> tuple[object, ...]:
    return (e.line, e.rule, e.category, e.strength, e.where, e.why, e.anchors, e.origin)


def test_a_span_inside_one_later_piece_maps_into_that_piece_only() -> None:
    segments = [(0, 3), (5, 9)]  # joined offsets 0-2 are the first piece, 3-6 the second
    assert [e.span for e in map_back(cut(4, 6), segments)] == [(6, 8)]
    assert [e.span for e in map_back(cut(0, 3), segments)] == [(0, 3)]  # exactly the first piece, not the next
    assert [e.span for e in map_back(cut(3, 7), segments)] == [(5, 9)]  # exactly the second piece
    assert [e.span for e in map_back(cut(2, 4), segments)] == [(2, 3), (5, 6)]  # one character on each side


def test_the_first_piece_that_carries_the_match_is_the_first_covered_not_the_first_segment() -> None:
    m = regex.search("b", "ab")
    got = map_back(Evidence(0, "ad.tag", "ad", span=(1, 2), match=m, source="ab"), [(0, 1), (3, 4)])
    assert [e.span for e in got] == [(3, 4)]
    assert got[0].match is m and got[0].source == "ab"


# --- recut: the inline rules again on what the cuts leave, until nothing more is found


class Rules:
    """Inline rules as regexes on the joined rest, recording every rest they were asked about."""

    def __init__(self, line: str, *patterns: tuple[str, str]) -> None:
        self.line, self.patterns, self.asked = line, patterns, []  # type: ignore[var-annotated]

    def __call__(self, segments: Sequence[tuple[int, int]]) -> list[Evidence]:
        rest = "".join(self.line[s:e] for s, e in segments)
        self.asked.append(rest)
        return [Evidence(0, rule, "ad", span=m.span(), match=m, source=rest)
                for rule, source in self.patterns for m in regex.finditer(source, rest)]


def test_a_notice_that_must_end_the_line_is_cut_once_the_tag_after_it_is() -> None:
    line = "他关上了门。本书由星河文库首发★无弹窗★"
    rules = Rules(line, ("site.first", "本书由星河文库首发$"), ("ad.tag", "★无弹窗★$"))
    got = recut(line, [cut(15, 20)], rules)
    assert [(e.rule, line[e.span[0]:e.span[1]]) for e in got] == [  # type: ignore[index]
        ("site.first", "本书由星河文库首发"), ("ad.tag", "★无弹窗★")]
    assert rules.asked == ["他关上了门。本书由星河文库首发", "他关上了门。"]  # asked again until nothing is found


def test_a_chain_of_tags_is_cut_one_round_at_a_time() -> None:
    line = "正文【甲】【乙】【丙】"
    rules = Rules(line, ("ad.tag", "【[甲乙丙]】$"))
    got = recut(line, [cut(8, 11)], rules)
    assert [e.span for e in got] == [(2, 5), (5, 8), (8, 11)]
    assert len(rules.asked) == 3


def test_a_tag_split_by_a_cut_is_cut_in_the_pieces_around_it() -> None:
    line = "正文本站首★甲★发"
    rules = Rules(line, ("site.first", "本站首发"))
    got = recut(line, [cut(5, 8)], rules)
    assert [(e.rule, e.span) for e in got] == [("site.first", (2, 5)), ("ad.tag", (5, 8)), ("site.first", (8, 9))]
    assert _rest_after(line, got) == "正文"


def test_a_line_the_cuts_leave_blank_is_not_asked_again() -> None:
    line = "★甲★  "
    rules = Rules(line, ("ad.blank", r"\s+"))
    assert recut(line, [cut(0, 3)], rules) == [cut(0, 3)]
    assert rules.asked == []


def test_an_empty_or_spanless_finding_cuts_nothing_and_ends_the_search() -> None:
    line = "星河文库正文★甲★"

    def find(segments: Sequence[tuple[int, int]]) -> list[Evidence]:
        return [Evidence(0, "ad.empty", "ad", span=(2, 2)), Evidence(0, "ad.whole", "ad")]

    assert recut(line, [cut(6, 9)], find) == [cut(6, 9)]


def test_overlapping_findings_of_one_round_merge_before_they_map_back() -> None:
    line = "正文甲乙丙★"
    rules = Rules(line, ("ad.one", "甲乙"), ("ad.two", "乙丙"))
    got = recut(line, [cut(5, 6)], rules)
    assert [(e.rule, e.span) for e in got] == [("ad.one", (2, 5)), ("ad.tag", (5, 6))]
