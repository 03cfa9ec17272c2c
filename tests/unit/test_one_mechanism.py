"""One mechanism per job (issue 16): cutting spans, collapsing blank runs and the top-level-domain list each have
one definition, and the places that used to carry their own copy agree with it."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleantext import Cleaner, clean
from cleantext.audit import AuditMismatchError, replay
from cleantext.decide import _rest_after, kept_segments
from cleantext.domains import BARE_TLDS, EMAIL_TLDS, TLDS, alternation
from cleantext.evidence import Evidence
from cleantext.evidence.patterns import CONTACT_GROUPS, MACROS, apply_inline, load_patterns, parse_toml
from cleantext.extract import ContactBook
from cleantext.result import CONTACT_KINDS, Removal
from cleantext.spans import SpanOverlapError, cut, join_pieces, kept_pieces
from cleantext.text.blanks import collapse_blank_lines, collapse_blank_runs
from cleantext.text.normalize import normalize_text


@st.composite
def text_and_cuts(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A line and sorted, disjoint (possibly touching, possibly empty) spans of it."""
    text = draw(st.text(alphabet="甲乙丙丁ab （）", max_size=30))
    bounds = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    cuts = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds) - 1, 2)]
    return text, cuts


@given(text_and_cuts())
def test_cut_keeps_exactly_the_characters_outside_the_spans(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, cuts = case
    gone = {k for s, e in cuts for k in range(s, e)}
    assert cut(text, cuts) == "".join(c for k, c in enumerate(text) if k not in gone)
    pieces = kept_pieces(len(text), cuts)
    assert all(e > s for s, e in pieces)  # no empty piece
    assert join_pieces(text, pieces) == cut(text, cuts)


@given(text_and_cuts())
def test_the_decision_the_audit_and_the_cleaner_cut_alike(case: tuple[str, list[tuple[int, int]]]) -> None:
    """decide's rest, decide's segments (what the cleaner joins) and the audit replay all equal ``spans.cut``."""
    text, cuts = case
    evidence = [Evidence(0, "x.y", "ad", span=span) for span in cuts]
    assert _rest_after(text, evidence) == cut(text, cuts)
    assert join_pieces(text, kept_segments(text, evidence)) == cut(text, cuts)
    if not text:
        return  # the empty text has no line 1 for a removal to name
    removed = [Removal("x.y", "ad", 1, s, e, text[s:e]) for s, e in cuts]
    assert replay(text, removed) == collapse_blank_lines(cut(text, cuts).rstrip() if cuts else text)


def test_overlapping_cuts_are_refused_not_repeated() -> None:
    with pytest.raises(SpanOverlapError) as info:
        cut("甲乙丙丁", [(0, 3), (2, 4)])
    assert info.value.position == 2 and str(info.value) == "two spans to cut overlap at character 2"
    with pytest.raises(AuditMismatchError, match="overlap on line 1 at character 2"):
        replay("甲乙丙丁", [Removal("a", "ad", 1, 0, 3, "甲乙丙"), Removal("b", "ad", 1, 2, 4, "丙丁")])


INLINE = """[[pattern]]
id = "ad.test-tag"
category = "ad"
scope = "inline"
keywords = ["广告"]
regex = '（广告[0-9]）'
examples = [{text = "正文（广告1）继续。", clean = "正文继续。"}, {text = "甲（广告2）", clean = "甲"}]
keep = ["广告是一个词。"]
"""


def test_apply_inline_cuts_the_rules_matches() -> None:
    [p], problems = parse_toml(INLINE, "t.toml")
    assert problems == []
    assert apply_inline(p, "正文（广告1）继续（广告2）。") == "正文继续。"
    assert apply_inline(p, "正文。") == "正文。"


@given(st.lists(st.sampled_from(["", "正文。", "第一章", "a b"]), max_size=20), st.sampled_from([-1, 0, 1, 2]))
def test_normalize_collapses_blank_runs_as_the_audit_does(lines: list[str], max_blank: int) -> None:
    """Plain lines need no other step: the normalizer's blank-run step is the audit's collapse."""
    text = "\n".join(lines)
    assert normalize_text(text, max_blank).text == collapse_blank_lines(text, max_blank)


def test_collapse_blank_runs_keeps_the_edges_and_a_negative_bound_keeps_everything() -> None:
    assert collapse_blank_runs("\n\n\n甲\n\n\n\n乙\n") == "\n\n甲\n\n乙\n"  # one blank line by default
    assert collapse_blank_runs("甲\n\n\n\n乙", 0) == "甲\n乙"
    assert collapse_blank_runs("甲\n\n\n\n乙", -1) == "甲\n\n\n\n乙"
    assert collapse_blank_lines("\n\n甲\n\n\n乙\n\n") == "甲\n\n乙"


def test_contact_groups_are_the_contact_kinds() -> None:
    assert frozenset(CONTACT_KINDS) == CONTACT_GROUPS


def test_one_tld_list_with_longest_first_alternation() -> None:
    assert len(set(TLDS)) == len(TLDS)
    assert set(BARE_TLDS) <= set(TLDS) < set(EMAIL_TLDS)
    assert re.fullmatch(alternation(), "com") and re.fullmatch(alternation(), "co")
    assert re.match(alternation(), "com").group() == "com"  # type: ignore[union-attr]
    assert MACROS["TLD"] == alternation()


@pytest.mark.parametrize("tld", TLDS)
def test_every_tld_is_an_address_for_the_extractor(tld: str) -> None:
    book = ContactBook()
    book.add_free_text(f"欢迎访问 www.xinghe-wenku.{tld}/book/12 收藏")
    book.add_free_text(f"投稿邮箱：editor@xinghe-wenku.{tld}")
    assert book.values["url"] == [f"www.xinghe-wenku.{tld}/book/12"]
    assert book.values["email"] == [f"editor@xinghe-wenku.{tld}"]


@pytest.mark.parametrize("tld", ["club", "ink", "shop", "co", "tw"])
def test_an_address_a_rule_removes_is_recorded_as_a_url_contact(tld: str) -> None:
    """The rules' %URL% and the extractor read one list: what goes is also recorded (before, a .ink or .shop
    address was removed by a rule and then dropped by the extractor as no address)."""
    doc = f"第一章 开始\n他推开门走了进去，屋里很安静。\n最新网址：www.xinghe-wenku.{tld}\n窗外下着雨，他坐了下来。"
    result = clean(doc)
    assert f"www.xinghe-wenku.{tld}" not in result.text
    assert "窗外下着雨，他坐了下来。" in result.text
    assert result.metadata.contacts["url"] == [f"www.xinghe-wenku.{tld}"]


def test_the_tld_macros_expand_in_a_users_pattern(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    path.write_text('''[[pattern]]
id = "site.mine-test"
category = "site"
scope = "line"
keywords = ["星河"]
regex = '(?:星河文库)\\s*(?P<url>www\\.xinghe\\.%TLD%)'
match = ["星河文库 www.xinghe.club", "星河文库 www.xinghe.com"]
keep = ["星河文库是一个名字。"]
''', encoding="utf-8")
    [p] = load_patterns([path])
    assert p.matches_line("星河文库 www.xinghe.ink") is not None
    assert p.matches_line("星河文库 www.xinghe.example") is None
    result = Cleaner(patterns=[path]).clean("正文第一段，内容。\n星河文库 www.xinghe.wang\n正文第二段，内容。")
    assert result.metadata.contacts["url"] == ["www.xinghe.wang"]


@given(st.lists(st.none() | st.sampled_from(["", "", "正文。", "第一章", "a  b"]), max_size=30),
       st.sampled_from([-1, 0, 1, 2]), st.lists(st.integers(0, 30), max_size=3))
def test_the_block_writer_collapses_as_the_one_definition(kept: list[str | None], max_blank: int,
                                                          cuts: list[int]) -> None:
    """``blockwise._Writer`` streams the kept lines of each block: fed them in any blocks, it writes what
    ``collapse_blank_lines`` makes of them joined (and the final newline), as ``cleaner.join_kept`` does."""
    import io

    from cleantext.blockwise import _Writer
    from cleantext.cleaner import join_kept

    out = io.StringIO()
    writer = _Writer(out, max_blank)
    bounds = [0, *sorted(cuts), len(kept)]
    for lo, hi in pairwise(bounds):
        writer.add(kept[lo:hi])
    writer.close()
    expected = collapse_blank_lines("\n".join(line for line in kept if line is not None), max_blank)
    assert out.getvalue() == (expected + "\n" if expected else "")
    assert join_kept(kept, max_blank) == expected
