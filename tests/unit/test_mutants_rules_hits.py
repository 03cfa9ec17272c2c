"""Behaviour of ``evidence/rules.py`` that the session-8 mutation re-measure (issue 16) found unpinned: every field
of the evidence a rule's hit becomes, the late edge question of ``RuleProbe``, keywords whose upper case is another
string, the file order of two rules that take one line, a document with fewer non-blank lines than its tail, the
rules after an edge rule out of its window, a one-character line, and a boilerplate word in Latin letters after an
ad.

Every rule and text here is invented (星河手记, 青禾, example-novel.com). Each test builds its own PatternSet: a
shared one keeps line verdicts (``PatternSet.verdicts``) between tests."""

from __future__ import annotations

import pytest

from cleantext.errors import RuleTimeoutError
from cleantext.evidence import Evidence
from cleantext.evidence.patterns import Pattern, document_budget, parse_toml
from cleantext.evidence.rules import Hit, PatternSet, RuleProbe, find_hits, hit_evidence

FIELDS = """
[[pattern]]
id = "ad.t-tag"
category = "ad"
scope = "inline"
strong = false
keywords = ["星河"]
regex = '''【星河[^】]{0,6}】'''

[[pattern]]
id = "site.t-head"
category = "site"
scope = "head"
strong = false
keywords = ["星河手记"]
regex = '''星河手记首页'''

[[pattern]]
id = "ad.t-line"
category = "ad"
scope = "line"
strong = false
keywords = ["青禾"]
regex = '''青禾会员免费领'''

[[pattern]]
id = "site.t-shadow"
category = "site"
scope = "line"
shadow = true
keywords = ["example"]
regex = '''examplenovelcom'''
"""


def _patterns(text: str) -> list[Pattern]:
    patterns, problems = parse_toml(text, "mine.toml", verify=False)
    assert not problems
    return patterns


def _rule(rule_id: str) -> Pattern:
    (p,) = [p for p in _patterns(FIELDS) if p.id == rule_id]
    return p


def test_an_inline_hit_is_a_span_with_its_rule_file_anchor_match_and_source() -> None:
    p = _rule("ad.t-tag")
    line = "正文【星河独家】正文。"
    (m,) = p.spans(line)
    ev = hit_evidence(Hit(p, 1, m.start(), m.end(), m), ["标题", line])
    assert ev == Evidence(1, "ad.t-tag", "ad", span=(2, 8), anchors=False, origin="mine.toml")
    assert ev.match is m and ev.source == line


def test_an_inline_hit_on_the_whole_line_is_still_a_span() -> None:
    p = _rule("ad.t-tag")
    line = "【星河独家】"
    (m,) = p.spans(line)
    ev = hit_evidence(Hit(p, 0, 0, len(line), m), [line])
    assert ev == Evidence(0, "ad.t-tag", "ad", span=(0, 6), anchors=False, origin="mine.toml")
    assert ev.match is m and ev.source == line


@pytest.mark.parametrize("rule_id,line,where", [
    ("site.t-head", " 星河手记首页 ", "head"),
    ("ad.t-line", "青禾会员免费领  ", "any"),
])
def test_a_whole_line_hit_names_its_zone_and_reads_its_source_stripped(rule_id: str, line: str, where: str) -> None:
    p = _rule(rule_id)
    m = p.matches_line(line)
    ev = hit_evidence(Hit(p, 0, 0, len(line), m), [line, "正文。"])
    assert ev == Evidence(0, rule_id, p.category, where=where, anchors=False, origin="mine.toml")
    assert ev.whole and ev.match is m and ev.source == line.strip()


def test_a_shadow_hit_has_no_source() -> None:
    p = _rule("site.t-shadow")
    line = "example-novel.com"
    m = p.matches_line(line)
    ev = hit_evidence(Hit(p, 0, 0, len(line), m), [line])
    assert ev == Evidence(0, "site.t-shadow", "site", where="any", anchors=True, origin="mine.toml")
    assert ev.match is m and ev.source is None


TAIL_ONLY = """
[[pattern]]
id = "nav.t-tail"
category = "nav"
scope = "tail"
keywords = ["返回目录"]
regex = '''返回目录'''
"""


def test_the_probe_answers_a_tail_question_with_the_whole_line() -> None:
    lines = ["标题", "今年各项工作稳步推进。", "返回目录"]
    ev = RuleProbe(PatternSet(_patterns(TAIL_ONLY)), lines, lines).edge(2, "tail")
    assert ev == Evidence(2, "nav.t-tail", "nav", where="tail", origin="mine.toml")
    assert ev is not None and ev.match.group(0) == "返回目录" and ev.source == "返回目录"


def test_the_probe_tells_the_line_of_a_timeout() -> None:
    lines = ["标题", "今年各项工作稳步推进。", "返回目录"]
    probe = RuleProbe(PatternSet(_patterns(TAIL_ONLY)), lines, lines)
    with document_budget(1e-9), pytest.raises(RuleTimeoutError) as err:
        probe.edge(2, "tail")
    assert (err.value.rule, err.value.line) == ("nav.t-tail", 3)


SHARP_S = """
[[pattern]]
id = "site.t-head"
category = "site"
scope = "head"
keywords = ["星河手记"]
regex = '''星河手记首页'''

[[pattern]]
id = "ad.t-strasse"
category = "ad"
scope = "line"
keywords = ["Straße"]
regex = '''(?i)straße青禾'''
"""


@pytest.mark.parametrize("n_body", [4, 40])  # one scan for all keywords; a body scan and the edge lines
def test_a_keyword_whose_upper_case_is_longer_is_found(n_body: int) -> None:
    body = [f"第{k}段，今年各项工作稳步推进。" for k in range(n_body)]
    lines = ["星河手记首页", *body[: n_body // 2], "Straße青禾", *body[n_body // 2:]]
    whole, inline = find_hits(PatternSet(_patterns(SHARP_S)), lines, "\n".join(lines), 1, 1)
    assert {i: h.pattern.id for i, h in whole.items()} == {0: "site.t-head", 1 + n_body // 2: "ad.t-strasse"}
    assert inline == {}


def _many_rules() -> str:
    """Nine line rules: the 2nd (id 1) and the 9th (id 8) both take ``星河手记``; a set {1, 8} iterates 8 first."""
    rules = [("t-0", "青禾零", "青禾零号")]
    rules += [("t-first", "星河", "星河手记")]
    rules += [(f"t-{k}", f"青禾{k}", f"青禾{k}号") for k in range(2, 8)]
    rules += [("t-last", "手记", "星河手记")]
    return "".join(f'\n[[pattern]]\nid = "ad.{i}"\ncategory = "ad"\nscope = "line"\nkeywords = ["{kw}"]\n'
                   f"regex = '''{rx}'''\n" for i, kw, rx in rules)


def test_of_two_rules_that_take_a_line_the_first_in_the_file_wins() -> None:
    lines = ["标题", "星河手记", "今年各项工作稳步推进。"]
    whole, _ = find_hits(PatternSet(_patterns(_many_rules())), lines, "\n".join(lines), 1, 1)
    assert {i: h.pattern.id for i, h in whole.items()} == {1: "ad.t-first"}


TAIL_AND_LINE = TAIL_ONLY + """
[[pattern]]
id = "ad.t-line"
category = "ad"
scope = "line"
keywords = ["青禾"]
regex = '''青禾会员免费领'''
"""


def test_a_long_blank_document_with_fewer_lines_than_its_tail() -> None:
    lines = [""] * 49 + ["返回目录"]  # 50 lines, more than 10 per edge line: the body scan and the edge lines
    whole, inline = find_hits(PatternSet(_patterns(TAIL_AND_LINE)), lines, "\n".join(lines), 1, 3)
    assert {i: h.pattern.id for i, h in whole.items()} == {49: "nav.t-tail"}
    assert inline == {}


EDGE_THEN_LINE = """
[[pattern]]
id = "site.t-head"
category = "site"
scope = "head"
keywords = ["星河手记"]
regex = '''星河手记[^\\n]{0,8}'''

[[pattern]]
id = "nav.t-tail"
category = "nav"
scope = "tail"
keywords = ["星河手记"]
regex = '''星河手记[^\\n]{0,8}'''

[[pattern]]
id = "ad.t-line"
category = "ad"
scope = "line"
keywords = ["星河手记"]
regex = '''星河手记会员免费领'''

[[pattern]]
id = "ad.t-one"
category = "ad"
scope = "line"
keywords = ["囧"]
regex = '''囧'''
"""


def test_the_rules_after_an_edge_rule_out_of_its_window_still_judge_the_line() -> None:
    lines = ["标题", "星河手记会员免费领", "今年各项工作稳步推进。"]
    whole, _ = find_hits(PatternSet(_patterns(EDGE_THEN_LINE)), lines, "\n".join(lines), 1, 1)
    assert {i: h.pattern.id for i, h in whole.items()} == {1: "ad.t-line"}


def test_a_one_character_line_is_taken() -> None:
    lines = ["标题", "囧", "今年各项工作稳步推进。"]
    whole, inline = find_hits(PatternSet(_patterns(EDGE_THEN_LINE)), lines, "\n".join(lines), 1, 1)
    assert {i: h.pattern.id for i, h in whole.items()} == {1: "ad.t-one"}
    assert inline == {}


OPEN_TAIL = """
[[pattern]]
id = "promo.t-first"
category = "promo"
scope = "line"
keywords = ["星河手记"]
regex = '''本书由星河手记首发[^\\n]{0,60}'''
"""
AD = "本书由星河手记首发！"


@pytest.mark.parametrize("story,cut", [
    ("他在纸上写下free这个词，然后合上了本子。", None),  # the only boilerplate word is in Latin letters
    ("他在纸上写下这个词，然后合上了本子。", len(AD)),
])
def test_a_boilerplate_word_in_latin_letters_keeps_the_sentence_with_the_ad(story: str, cut: int | None) -> None:
    lines = ["标题", AD + story, "今年各项工作稳步推进。"]
    whole, inline = find_hits(PatternSet(_patterns(OPEN_TAIL)), lines, "\n".join(lines))
    if cut is None:
        assert list(whole) == [1] and inline == {}
    else:
        assert whole == {} and [(h.start, h.end) for h in inline[1]] == [(0, cut)]


SHADOW_LONG = """
[[pattern]]
id = "site.t-shadow"
category = "site"
scope = "line"
shadow = true
max_length = 20
keywords = ["example"]
regex = '''examplenovelcom'''
"""


def test_a_shadow_rule_measures_the_shadow_not_the_spaced_out_line() -> None:
    spaced = "example - n o v e l . c o m"  # 27 characters (the keyword as it is), its shadow ``examplenovelcom`` 15
    lines = ["标题", spaced, "今年各项工作稳步推进。"]
    whole, _ = find_hits(PatternSet(_patterns(SHADOW_LONG)), lines, "\n".join(lines), 1, 1)
    assert {i: (h.pattern.id, h.match.group(0)) for i, h in whole.items()} == {1: ("site.t-shadow", "examplenovelcom")}
