"""Behaviour of ``evidence/rules.py`` that its mutation run (issue 16) found unpinned: which rule takes which line
in the head, the tail and the body of short and long documents, what a hit carries, the ad cut off a story
sentence glued after it, contacts of removed lines, and a tail rule on a line that moves into the tail.

Every rule and text here is invented (星河文库, 星河书友会). Each test builds its own PatternSet or Cleaner: a shared
one keeps line verdicts (``PatternSet.verdicts``) between tests, which hides the rules' code from the tests that
come later (and from mutmut's map of which test reaches which function)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleantext import Cleaner
from cleantext.errors import RuleTimeoutError
from cleantext.evidence.patterns import document_budget, parse_toml
from cleantext.evidence.rules import PatternSet, find_hits

RULES = """
[[pattern]]
id = "site.t-head"
category = "site"
scope = "head"
keywords = ["星河文库"]
regex = '''星河文库首页'''

[[pattern]]
id = "nav.t-tail"
category = "nav"
scope = "tail"
keywords = ["返回目录"]
regex = '''返回目录'''

[[pattern]]
id = "ad.t-line"
category = "ad"
scope = "line"
keywords = ["Vip"]
max_length = 8
regex = '''(?i)vip会员免费领'''

[[pattern]]
id = "ad.t-inline"
category = "ad"
scope = "inline"
keywords = ["星河文库"]
regex = '''【星河文库[^】]{0,6}】'''
"""
HEAD, MD_HEAD, TAIL, AD, TAG = "星河文库首页", "> **星河文库首页**", "返回目录", "VIP会员免费领", "【星河文库独家】"


def _pset(text: str = RULES) -> PatternSet:
    patterns, problems = parse_toml(text, "mine.toml", verify=False)
    assert not problems
    return PatternSet(patterns)


def _document(n_body: int) -> list[str]:
    """Head and tail lines at both ends and in the middle, ads and an inline tag in the body, blank lines."""
    body = [f"第{k}段，今年各项工作稳步推进，群众满意度持续提升。" for k in range(n_body)]
    mid = n_body // 2
    body[mid:mid] = [HEAD, TAIL, AD, f"正文开始{TAG}正文继续。", ""]
    return [HEAD, "", MD_HEAD, *body, TAIL, AD, "", TAIL, ""]


def _expected(lines: list[str], head: int, tail: int) -> tuple[dict[int, str], dict[int, list[tuple[int, int]]]]:
    """What the rules must decide, from the definition: rank = position among the non-blank lines; a head rule
    applies to rank < head, a tail rule to rank >= (non-blank lines) - tail, the others everywhere."""
    ranks = {i: r for r, i in enumerate(i for i, line in enumerate(lines) if line.strip())}
    n = len(ranks)
    whole: dict[int, str] = {}
    inline: dict[int, list[tuple[int, int]]] = {}
    for i, line in enumerate(lines):
        if line in (HEAD, MD_HEAD) and ranks[i] < head:
            whole[i] = "site.t-head"
        elif line == TAIL and ranks[i] >= n - tail:
            whole[i] = "nav.t-tail"
        elif line == AD:
            whole[i] = "ad.t-line"
        elif TAG in line:
            inline[i] = [(line.index(TAG), line.index(TAG) + len(TAG))]
    return whole, inline


@pytest.mark.parametrize("n_body", [6, 400])  # one keyword scan for all; a body scan plus the edge lines
@pytest.mark.parametrize("head,tail", [(10, 15), (0, 0), (1, 1), (2, 3), (3, 0), (0, 2), (60, 60)])
def test_each_rule_takes_the_lines_of_its_scope(n_body: int, head: int, tail: int) -> None:
    lines = _document(n_body)
    whole, inline = find_hits(_pset(), lines, "\n".join(lines), head, tail)
    want_whole, want_inline = _expected(lines, head, tail)
    assert {i: h.pattern.id for i, h in whole.items()} == want_whole
    assert {i: [(h.start, h.end) for h in hs] for i, hs in inline.items()} == want_inline


@pytest.mark.parametrize("lines", [[TAIL, HEAD, TAIL], [HEAD, TAIL, HEAD], ["", TAIL, "", HEAD, ""]])
@pytest.mark.parametrize("head,tail", [(1, 1), (2, 2), (3, 3), (4, 4), (2, 1), (1, 3)])
def test_a_document_shorter_than_its_head_or_tail(lines: list[str], head: int, tail: int) -> None:
    whole, inline = find_hits(_pset(), lines, "\n".join(lines), head, tail)
    assert {i: h.pattern.id for i, h in whole.items()} == _expected(lines, head, tail)[0] and inline == {}


def test_only_edge_rules_in_a_long_document() -> None:
    rules = RULES.split("[[pattern]]\nid = \"ad.t-line\"")[0]
    lines = _document(400)
    whole, inline = find_hits(_pset(rules), lines, "\n".join(lines), 2, 2)
    want = {i: rule for i, rule in _expected(lines, 2, 2)[0].items() if rule != "ad.t-line"}
    assert {i: h.pattern.id for i, h in whole.items()} == want and set(want.values()) == {"site.t-head", "nav.t-tail"}
    assert inline == {}


def test_a_hit_carries_its_line_its_offsets_and_its_match() -> None:
    lines = ["标题", f"正文开始{TAG}正文继续。", AD, "今年各项工作稳步推进。"]
    pset = _pset()
    for _ in range(2):  # the second time from the verdicts the first one stored
        whole, inline = find_hits(pset, lines, "\n".join(lines))
        (w,) = whole.values()
        assert (w.line, w.start, w.end, w.match.group(0)) == (2, 0, len(AD), AD)
        (h,) = inline[1]
        assert (h.line, h.start, h.end, h.match.group(0)) == (1, 4, 4 + len(TAG), TAG)


def test_a_line_as_long_as_max_length_is_taken_and_an_inline_rule_never_takes_a_line_whole() -> None:
    lines = ["标题", AD, TAG, "今年各项工作稳步推进。"]  # AD is exactly the max_length (8) of its rule
    whole, inline = find_hits(_pset(), lines, "\n".join(lines))
    assert {i: h.pattern.id for i, h in whole.items()} == {1: "ad.t-line"}
    assert [(h.start, h.end, h.pattern.id) for h in inline[2]] == [(0, len(TAG), "ad.t-inline")]


def test_a_rule_out_of_time_is_named_with_its_line() -> None:
    lines = ["标题", "今年各项工作稳步推进。", AD]
    with document_budget(1e-9), pytest.raises(RuleTimeoutError) as err:
        find_hits(_pset(), lines, "\n".join(lines))
    assert (err.value.rule, err.value.line, err.value.document) == ("ad.t-line", 3, True)


OPEN_TAIL = """
[[pattern]]
id = "promo.t-first"
category = "promo"
scope = "line"
keywords = ["星河文库"]
regex = '''本书由星河文库首发[^\\n]{0,60}'''
"""
AD2 = "本书由星河文库首发！"


@pytest.mark.parametrize("line,cut", [
    (AD2 + "他走进了那间屋子。", len(AD2)),  # exactly MIN_GLUED_STORY (8) Han characters is a sentence
    (AD2 + "转载请注明！他推开门走了进去，屋里一片漆黑，只有窗外的月光。", len(AD2) + 6),  # a later sentence end
    (AD2 + "他推开门走了进去屋里一片漆黑!", None),  # no full-width sentence end: no story
    (AD2 + "他打开www页面看了很久，终于找到了答案。", None),  # a boilerplate word written in Latin letters
    (AD2 + "他走进了那间屋。", None),  # seven Han characters
])
def test_the_ad_is_cut_off_the_story_glued_after_it(line: str, cut: int | None) -> None:
    lines = ["标题", line, "今年各项工作稳步推进。"]
    whole, inline = find_hits(_pset(OPEN_TAIL), lines, "\n".join(lines))
    if cut is None:
        assert list(whole) == [1] and inline == {}
    else:
        assert whole == {} and [(h.start, h.end, h.pattern.id) for h in inline[1]] == [(0, cut, "promo.t-first")]


# Cleaner-level tests: the user's own file (checked at load, so each rule has examples).
FILE = """
[[pattern]]
id = "promo.t-join"
category = "promo"
scope = "line"
keywords = ["星河文库"]
regex = '''欢迎加入星河文库[^\\n]{0,30}'''
match = ["欢迎加入星河文库", "欢迎加入星河文库读者群"]
keep = ["星河文库的书很好看"]

[[pattern]]
id = "contact.t-code"
category = "contact"
scope = "line"
keywords = ["暗号"]
regex = '''[^\\n]{0,20}暗号(?P<gongzhonghao>\\p{Han}{2,8})'''
match = ["输入暗号星河书友会", "暗号星河书友"]
keep = ["这是一个暗号。"]

[[pattern]]
id = "ad.t-tag"
category = "ad"
scope = "inline"
keywords = ["星河文库"]
regex = '''【星河文库[^】]{0,6}】'''
examples = [{text = "正文【星河文库独家】正文", clean = "正文正文"}, {text = "【星河文库】好", clean = "好"}]
keep = ["星河文库的书很好看"]

[[pattern]]
id = "ad.t-vip"
category = "ad"
scope = "line"
keywords = ["Vip"]
regex = '''(?i)vip会员免费领'''
match = ["VIP会员免费领", "vip会员免费领"]
keep = ["他是VIP会员。"]

[[pattern]]
id = "nav.t-back"
category = "nav"
scope = "tail"
keywords = ["返回目录"]
regex = '''返回目录'''
match = ["返回目录", " 返回目录 "]
keep = ["他没有返回目录页，而是继续往下读。"]
"""
BODY = "今年各项工作稳步推进，群众满意度持续提升，全年目标全部完成。"


@pytest.fixture()
def mine(tmp_path: Path) -> Path:
    f = tmp_path / "mine.toml"
    f.write_text(FILE, encoding="utf-8")
    return f


def _clean(mine: Path, lines: list[str], end: tuple[str, ...] = (BODY,), **options):
    return Cleaner(bundled=False, patterns=(str(mine),), **options).clean("\n".join(["标题", BODY, *lines, *end]))


def test_a_removed_line_gives_the_contact_another_rule_knows(mine: Path) -> None:
    r = _clean(mine, ["欢迎加入星河文库暗号星河书友会"])
    assert [(x.rule, x.text) for x in r.removed] == [("promo.t-join", "欢迎加入星河文库暗号星河书友会")]
    assert r.metadata.contacts["gongzhonghao"] == ["星河书友会"]


def test_whole_line_and_inline_contacts_are_read_from_the_line(mine: Path) -> None:
    r = _clean(mine, ["输入暗号星河书友会", f"正文很好看{TAG}正文也好看。"])
    assert [(x.rule, x.category, x.text) for x in r.removed] == [
        ("contact.t-code", "contact", "输入暗号星河书友会"), ("ad.t-tag", "ad", TAG)]
    assert r.metadata.contacts["gongzhonghao"] == ["星河书友会"]


@pytest.mark.parametrize("rest", [AD, f"**{AD}**"])
def test_what_an_inline_cut_leaves_is_judged_as_a_line(mine: Path, rest: str) -> None:
    line = TAG + rest
    r = _clean(mine, [line])
    assert line not in r.text
    assert {x.rule for x in r.removed} == {"ad.t-tag", "ad.t-vip"}
    assert "".join(x.text for x in sorted(r.removed, key=lambda x: x.start)) == line


def test_a_tail_rule_takes_a_line_that_moves_into_the_tail(mine: Path) -> None:
    r = _clean(mine, ["返回目录", AD, "vip会员免费领"], end=(), tail_lines=2)
    # Before the ads go, 返回目录 is the fourth line from the end; then it is in the last two.
    assert BODY in r.text and "返回目录" not in r.text
    back = [x for x in r.removed if x.text == "返回目录"]
    assert [(x.rule, x.category, x.line, x.start, x.end) for x in back] == [("nav.t-back", "nav", 3, 0, 4)]


def test_a_tail_line_in_the_body_stays(mine: Path) -> None:
    r = _clean(mine, ["返回目录", BODY, BODY], end=(), tail_lines=2)
    assert "返回目录" in r.text.split("\n")
