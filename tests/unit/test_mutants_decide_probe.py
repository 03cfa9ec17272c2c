"""``decide`` with a probe, and ``judge_rests`` (issue 16): the late questions the decision asks the rules — a head
or tail rule on a line that moved to an edge, what inline cuts leave of a line — and the structure detector's word
on those rests. A hand-made probe stands in for the rules: it judges text (a regex on the line or the rest), not
line numbers, so each test states what the rules would see."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleantext.decide import MAX_WEAK_LINE, Decision, decide, judge_rests
from cleantext.evidence import Evidence, Strength

PROSE = "今年各项工作稳步推进，群众满意度持续提升，全年目标全部完成。"
PROSE2 = "他把信折好，放进抽屉里，然后关上了灯，窗外的雨一直没有停。"
FOLLOW = "点击关注星河手记"
TAG = "★无弹窗★"


class Probe:
    """Rules as regexes: ``edge`` (scope → pattern a head or tail line matches whole), ``inline`` (tags cut from
    what the cuts leave), ``emptied`` (a rest that is boilerplate of its own). Records every question."""

    def __init__(self, lines: Sequence[str], *, edge: dict[str, str] | None = None,
                 inline: Sequence[tuple[str, str, str]] = (), emptied: str | None = None,
                 reread: str | None = None) -> None:
        self.lines, self.edges, self.inline, self.empty = lines, edge or {}, inline, emptied
        self.reread_as = reread
        self.asked: list[tuple[str, int, str]] = []

    def _rest(self, i: int, segments: Sequence[tuple[int, int]]) -> str:
        return "".join(self.lines[i][s:e] for s, e in segments)

    def _edge(self, i: int, scope: str, text: str) -> Evidence | None:
        source = self.edges.get(scope)
        if source is None or not regex.fullmatch(source, text):
            return None
        return Evidence(i, f"social.{scope}-rule", "social", where=scope)

    def edge(self, i: int, scope: str) -> Evidence | None:
        self.asked.append(("edge", i, scope))
        return self._edge(i, scope, self.lines[i])

    def emptied(self, i: int, rest: str) -> bool:
        self.asked.append(("emptied", i, rest))
        return not rest.strip() or (self.empty is not None and regex.fullmatch(self.empty, rest) is not None)

    def recut(self, i: int, segments: Sequence[tuple[int, int]]) -> list[Evidence]:
        rest = self._rest(i, segments)
        self.asked.append(("recut", i, rest))
        return [Evidence(i, rule, "ad", span=m.span(), origin=origin, match=m, source=rest)
                for rule, source, origin in self.inline for m in regex.finditer(source, rest)]

    def edge_rest(self, i: int, scope: str, segments: Sequence[tuple[int, int]]) -> Evidence | None:
        rest = self._rest(i, segments)
        self.asked.append(("edge_rest", i, rest))
        return self._edge(i, scope, rest)

    def reread(self, i: int, segments: Sequence[tuple[int, int]]) -> bool:
        rest = self._rest(i, segments)
        self.asked.append(("reread", i, rest))
        return self.reread_as is not None and regex.fullmatch(self.reread_as, rest) is not None


def tag_cut(lines: Sequence[str], i: int, rule: str = "ad.tag", origin: str = "") -> Evidence:
    start = lines[i].index(TAG)
    return Evidence(i, rule, "ad", span=(start, start + len(TAG)), origin=origin)


def whole(i: int, rule: str = "site.visit", origin: str = "") -> Evidence:
    return Evidence(i, rule, "site", origin=origin)


def run(lines: list[str], evidence: list[Evidence], probe: Probe, **options: object) -> Decision:
    return decide(lines, "\n".join(lines), evidence, probe=probe, **options)  # type: ignore[arg-type]


# --- recut through decide


def test_the_probe_cuts_what_a_tag_hid_and_the_cut_names_its_rule() -> None:
    lines = ["年度总结", PROSE, f"他关上了门。本书由星河文库首发{TAG}", PROSE2]
    probe = Probe(lines, inline=[("site.first", "本书由星河文库首发$", "")])
    d = run(lines, [tag_cut(lines, 2)], probe)
    assert [(e.rule, lines[2][e.span[0]:e.span[1]]) for e in d.cuts[2]] == [  # type: ignore[index]
        ("site.first", "本书由星河文库首发"), ("ad.tag", TAG)]
    assert d.removed == {} and d.leftover == {}


def test_without_a_probe_only_the_evidence_given_is_cut() -> None:
    lines = ["年度总结", PROSE, f"他关上了门。本书由星河文库首发{TAG}", PROSE2]
    d = decide(lines, "\n".join(lines), [tag_cut(lines, 2)])
    assert [e.rule for e in d.cuts[2]] == ["ad.tag"]


def test_a_refused_user_file_cuts_nothing_on_a_second_look_either() -> None:
    # mine.toml would take three prose lines whole: it is refused, and what it finds in a rest is dropped too.
    lines = [PROSE, PROSE2, PROSE + "。", f"他关上了门。星河{TAG}", PROSE2 + "。"]
    evidence = [whole(0, "mine.prose", "mine.toml"), whole(1, "mine.prose", "mine.toml"),
                whole(2, "mine.prose", "mine.toml"), tag_cut(lines, 3)]
    probe = Probe(lines, inline=[("mine.tail", "星河$", "mine.toml"), ("ad.tag", "关上了门。$", "")])
    d = run(lines, evidence, probe, guarded=frozenset({"mine.toml"}))
    assert d.warnings and "mine.toml" in d.warnings[0]
    assert 0 not in d.removed
    assert [e.rule for e in d.cuts[3]] == ["ad.tag"]  # the user's tag is not cut, so 关上了门。 does not end the line


def test_a_guarded_file_that_takes_little_prose_is_applied_on_the_second_look() -> None:
    lines = ["年度总结", PROSE, f"他关上了门。星河{TAG}", PROSE2]
    probe = Probe(lines, inline=[("mine.tail", "星河$", "mine.toml")])
    d = run(lines, [tag_cut(lines, 2)], probe, guarded=frozenset({"mine.toml"}))
    assert d.warnings == []
    assert [e.rule for e in d.cuts[2]] == ["mine.tail", "ad.tag"]


# --- the edge round: head and tail rules on lines that moved to an edge


def test_a_line_that_moved_into_the_head_window_is_asked_and_taken() -> None:
    lines = ["本站网址 example-novel.com", "星河文库 首页", FOLLOW, "年度总结", PROSE, PROSE2]
    probe = Probe(lines, edge={"head": FOLLOW})
    d = run(lines, [whole(0), whole(1)], probe, head_lines=2, tail_lines=1)
    assert sorted(d.removed) == [0, 1, 2]
    assert d.removed[2].rule == "social.head-rule" and d.removed[2].where == "head"
    # Line 2 was the third non-blank line: outside the first two the rules judged, so it is asked now.
    assert ("edge", 2, "head") in probe.asked


def test_the_line_at_exactly_the_head_window_s_size_is_asked() -> None:
    lines = ["本站网址 example-novel.com", "年度总结", "第二行", FOLLOW, PROSE, PROSE2]
    probe = Probe(lines, edge={"head": FOLLOW})
    d = run(lines, [whole(0)], probe, head_lines=3, tail_lines=1)
    assert sorted(d.removed) == [0, 3]


def test_lines_the_head_rules_already_judged_are_not_asked_again() -> None:
    lines = ["本站网址 example-novel.com", FOLLOW, "年度总结", PROSE, PROSE2]
    probe = Probe(lines, edge={"head": FOLLOW})
    d = run(lines, [whole(0)], probe, head_lines=3, tail_lines=1)
    assert sorted(d.removed) == [0]  # line 1 was among the first three: its rules ran on it up front
    assert not any(q[0] == "edge" and q[1] in (1, 2) for q in probe.asked)


def test_taking_one_edge_line_brings_the_next_one_in() -> None:
    lines = ["本站网址 example-novel.com", FOLLOW, FOLLOW, FOLLOW, "年度总结", PROSE]
    probe = Probe(lines, edge={"head": FOLLOW})
    d = run(lines, [whole(0)], probe, head_lines=1, tail_lines=1)
    assert sorted(d.removed) == [0, 1, 2, 3]


def test_blank_lines_do_not_count_towards_the_window() -> None:
    lines = ["本站网址 example-novel.com", "", "", FOLLOW, "年度总结", PROSE]
    probe = Probe(lines, edge={"head": FOLLOW})
    d = run(lines, [whole(0)], probe, head_lines=1, tail_lines=1)
    assert sorted(d.removed) == [0, 3]


def test_a_line_that_moved_into_the_tail_window_is_asked_with_the_tail_scope() -> None:
    lines = ["年度总结", PROSE, PROSE2, "星河文库 www.example-novel.com", "本书完", "本站网址 example-novel.com"]
    probe = Probe(lines, edge={"tail": "星河文库 www.example-novel.com", "head": ".*"})
    d = run(lines, [whole(5)], probe, head_lines=1, tail_lines=2)
    assert sorted(d.removed) == [3, 4, 5]
    assert d.removed[3].where == "tail"
    assert d.removed[4].rule == "zone.tail-block"  # the zone rules run again on what the edge round took
    assert ("edge", 3, "tail") in probe.asked and ("edge", 3, "head") not in probe.asked


def test_the_rest_of_a_cut_line_at_the_edge_is_judged_even_inside_the_window() -> None:
    # Line 0 is among the first lines the rules judged, but they judged it with its tag: what the cut leaves is new.
    lines = [f"{FOLLOW}{TAG}", "年度总结", PROSE, PROSE2]
    probe = Probe(lines, edge={"head": FOLLOW})
    d = run(lines, [tag_cut(lines, 0)], probe, head_lines=3, tail_lines=1)
    assert d.removed == {}
    assert d.leftover[0].rule == "social.head-rule"
    assert ("edge_rest", 0, FOLLOW) in probe.asked
    assert ("edge", 0, "head") not in probe.asked  # the whole line is not the question


def test_a_rest_the_probe_calls_emptied_lets_the_next_line_reach_the_edge() -> None:
    lines = [f"星河文库{TAG}", FOLLOW, "年度总结", PROSE, PROSE2]
    probe = Probe(lines, edge={"head": FOLLOW}, emptied="星河文库")
    d = run(lines, [tag_cut(lines, 0)], probe, head_lines=1, tail_lines=1)
    assert ("emptied", 0, "星河文库") in probe.asked  # asked about what the cut leaves, not the whole line
    assert sorted(d.removed) == [1]
    assert 0 not in d.leftover  # an emptied rest is not asked at the edge: the assembly takes it


def test_a_rest_that_is_not_boilerplate_holds_the_edge() -> None:
    lines = [f"星河文库{TAG}", FOLLOW, "年度总结", PROSE, PROSE2]
    probe = Probe(lines, edge={"head": FOLLOW}, emptied="别的")
    d = run(lines, [tag_cut(lines, 0)], probe, head_lines=1, tail_lines=1)
    assert d.removed == {} and d.leftover == {}


def test_a_line_taken_at_the_edge_opens_the_tail_for_the_zone_rules_again() -> None:
    # The edge round took the tail's site line: the weak call to action above it is now after the last anchor.
    site = "星河文库全本小说免费阅读下载尽在本站欢迎收藏"  # long enough to anchor the body until it goes
    lines = ["年度总结", PROSE, PROSE2, "喜欢就点个在看吧", site, "本站网址 example-novel.com"]
    weak = Evidence(3, "structure.cta", "social", Strength.WEAK)
    probe = Probe(lines, edge={"tail": site})
    d = run(lines, [whole(5), weak], probe, head_lines=1, tail_lines=1)
    assert sorted(d.removed) == [3, 4, 5]
    assert d.removed[3].rule == "structure.cta" and d.removed[4].rule == "social.tail-rule"
    without = decide(lines, "\n".join(lines), [whole(5), weak])
    assert sorted(without.removed) == [5]  # between two anchors the weak line stays


def test_zones_off_still_asks_the_edge_rules() -> None:
    lines = ["本站网址 example-novel.com", FOLLOW, "年度总结", PROSE]
    probe = Probe(lines, edge={"head": FOLLOW})
    d = run(lines, [whole(0)], probe, head_lines=1, tail_lines=1, zones=False)
    assert sorted(d.removed) == [0, 1]


# --- judge_rests: the structure detector on what the cuts leave


def detector(pattern: str, where: str = "any", span: bool = False):  # type: ignore[no-untyped-def]
    """A whole-line detector flagging each view line the pattern matches whole; records the views it saw."""
    seen: list[list[str]] = []

    def detect(view: Sequence[str]) -> list[Evidence]:
        seen.append(list(view))
        return [Evidence(i, "structure.cta", "social", Strength.WEAK, span=(0, 1) if span else None, where=where)
                for i, line in enumerate(view) if regex.fullmatch(pattern, line)]

    detect.seen = seen  # type: ignore[attr-defined]
    return detect


def cut_decision(cut_lines: Sequence[int], removed: Sequence[int] = ()) -> Decision:
    return Decision({i: whole(i) for i in removed}, {i: [Evidence(i, "ad.tag", "ad", span=(0, 1))] for i in cut_lines})


def test_the_rest_of_a_cut_line_in_the_head_is_taken_on_weak_terms() -> None:
    view = ["关注我们", "年度总结", PROSE, PROSE2]
    d = cut_decision([0])
    detect = detector("关注我们")
    judge_rests(view, d, detect)
    assert d.leftover[0].rule == "structure.cta"
    assert detect.seen == [view]  # type: ignore[attr-defined]


def test_the_rest_of_a_cut_line_in_the_tail_is_taken_too() -> None:
    view = ["年度总结", PROSE, PROSE2, "关注我们"]
    d = cut_decision([3])
    judge_rests(view, d, detector("关注我们"))
    assert list(d.leftover) == [3]


def test_a_cut_line_between_anchors_is_not_asked() -> None:
    view = ["年度总结", PROSE, "关注我们", PROSE2]
    d = cut_decision([2])
    detect = detector("关注我们")
    judge_rests(view, d, detect)
    assert d.leftover == {}


def test_only_cut_lines_are_judged_not_the_lines_around_them() -> None:
    view = ["关注我们", "关注我们", "年度总结", PROSE, PROSE2]
    d = cut_decision([1])
    judge_rests(view, d, detector("关注我们"))
    assert list(d.leftover) == [1]


def test_a_rest_the_detector_would_cut_a_span_of_is_not_taken_whole() -> None:
    view = ["关注我们", "年度总结", PROSE, PROSE2]
    d = cut_decision([0])
    judge_rests(view, d, detector("关注我们", span=True))
    assert d.leftover == {}


def test_the_detector_s_where_is_honoured() -> None:
    view = ["关注我们", "年度总结", PROSE, PROSE2, "关注我们"]
    d = cut_decision([0, 4])
    judge_rests(view, d, detector("关注我们", where="tail"))
    assert list(d.leftover) == [4]


def test_a_long_rest_or_a_heading_is_never_taken() -> None:
    long_rest = "关注我们" + "～" * (MAX_WEAK_LINE - 3)  # few letters: no body anchor of its own
    for rest in (long_rest, "第一章 关注我们", "## 关注我们", "一、关注我们"):
        view = [rest, "年度总结", PROSE, PROSE2]
        d = cut_decision([0])
        judge_rests(view, d, detector(regex.escape(rest)))
        assert d.leftover == {}, rest
    view = ["关注我们" + "～" * (MAX_WEAK_LINE - 4), "年度总结", PROSE, PROSE2]  # exactly MAX_WEAK_LINE: taken
    d = cut_decision([0])
    judge_rests(view, d, detector(regex.escape(view[0])))
    assert list(d.leftover) == [0]


def test_a_leftover_already_decided_is_kept_and_not_asked_again() -> None:
    view = ["", "关注我们", "年度总结", PROSE, PROSE2]
    d = cut_decision([0, 1])
    first = Evidence(0, "social.head-rule", "social", where="head")
    d.leftover[0] = first
    judge_rests(view, d, detector(".*"))
    assert d.leftover[0] is first
    assert d.leftover[1].rule == "structure.cta"


def test_removed_lines_and_emptied_rests_are_not_asked() -> None:
    view = ["", "关注我们", "", "年度总结", PROSE, PROSE2]  # line 0 emptied by its cuts, line 1 removed whole
    d = cut_decision([0, 1], removed=[1])
    detect = detector(".*")
    judge_rests(view, d, detect)
    assert d.leftover == {}
    assert detect.seen == []  # type: ignore[attr-defined]  # no open cut: the detector is not even run


def test_without_a_body_anchor_nothing_is_judged() -> None:
    view = ["关注我们", "春眠不觉晓", "处处闻啼鸟"]
    d = cut_decision([0])
    detect = detector("关注我们")
    judge_rests(view, d, detect)
    assert d.leftover == {}


# --- more of the edge round: the window's end, leftovers, the walk up from the bottom


def test_the_head_window_ends_after_its_size_in_kept_lines() -> None:
    lines = ["本站网址 example-novel.com", "年度总结", "副标题", "第三行", FOLLOW, PROSE, PROSE2]
    probe = Probe(lines, edge={"head": FOLLOW})
    d = run(lines, [whole(0)], probe, head_lines=2, tail_lines=1)
    assert sorted(d.removed) == [0]  # line 4 is the fourth kept line: outside a window of two


def test_a_leftover_taken_at_the_edge_brings_the_next_line_in() -> None:
    lines = [f"{FOLLOW}{TAG}", FOLLOW, "年度总结", PROSE, PROSE2]
    probe = Probe(lines, edge={"head": FOLLOW})
    d = run(lines, [tag_cut(lines, 0)], probe, head_lines=1, tail_lines=1)
    assert list(d.leftover) == [0]
    assert sorted(d.removed) == [1]


def test_the_tail_walk_reaches_the_first_lines_of_a_short_document() -> None:
    lines = ["年度总结", "星河文库 www.example-novel.com", "本站网址 example-novel.com"]
    probe = Probe(lines, edge={"tail": "星河文库 www.example-novel.com"})
    d = run(lines, [whole(2)], probe, head_lines=1, tail_lines=1)
    assert sorted(d.removed) == [1, 2]


def test_the_walks_ask_only_about_lines_of_the_document() -> None:
    site = "本站网址 example-novel.com"
    lines = [site, "年度总结", site]
    probe = Probe(lines, edge={"tail": site, "head": site})
    d = run(lines, [whole(0), whole(2)], probe, head_lines=2, tail_lines=2)
    assert sorted(d.removed) == [0, 2]
    assert all(0 <= q[1] < len(lines) for q in probe.asked)


def test_each_rest_is_judged_against_the_zone_without_it_but_with_the_other_cut_lines() -> None:
    # Line 0 is a cut line the detector does not name: it anchors the body, so the call to action below it is
    # between anchors and stays (a second clean would see it there).
    view = [PROSE, "关注我们", PROSE2]
    d = cut_decision([0, 1])
    judge_rests(view, d, detector("关注我们"))
    assert d.leftover == {}


def test_a_line_in_both_windows_is_taken_by_the_first_rule_that_takes_it() -> None:
    # A short document: line 1 is at the head and at the tail at once. The head rule takes it; the tail rule is not
    # asked to take it again (its evidence would replace the head rule's in the audit).
    site = "本站网址 example-novel.com"
    lines = [site, FOLLOW, site]
    probe = Probe(lines, edge={"head": FOLLOW, "tail": FOLLOW})
    d = run(lines, [whole(0), whole(2)], probe, head_lines=1, tail_lines=1)
    assert sorted(d.removed) == [0, 1, 2]
    assert d.removed[1].rule == "social.head-rule"
    assert ("edge", 1, "tail") not in probe.asked


def test_a_cut_whose_rest_a_second_clean_would_read_differently_is_not_made() -> None:
    lines = [PROSE, f"甲{TAG}乙", f"丙{TAG}丁", PROSE]
    probe = Probe(lines, reread="甲乙")
    d = decide(lines, "\n".join(lines), [tag_cut(lines, 1), tag_cut(lines, 2)], probe=probe)  # type: ignore[arg-type]
    assert 1 not in d.cuts and [e.span for e in d.cuts[2]] == [(1, 1 + len(TAG))]
    assert ("reread", 1, "甲乙") in probe.asked and ("reread", 2, "丙丁") in probe.asked
    assert d.warnings == ["line 2: an inline cut was not made: what it left would read as other text"]
