"""How ``Cleaner._assemble_line`` records a cut line (issue 16): each cut's category, reason and contacts, what is
kept of the line (its indentation, no trailing space, no blank line where it went), and the rest that a rule or
the structure detector takes, through ``Cleaner.clean`` with rules built in code (``CleanerConfig.extra``, no
bundled rules). Kills mutants that survived ``tests/mutation/run_module.sh cleaner`` (see
tests/mutation/equivalent-cleaner.md). Every text is invented."""

from __future__ import annotations

from typing import Any

import pytest
import regex

from cleantext import Cleaner, CleanerConfig
from cleantext.evidence.patterns import Pattern

HEAD = "第一章 回家\n那天傍晚，他背着行李走过村口的小桥。\n"
HEAD_TRAD = "第一章 回家\n那天傍晚，他背著行李走過村口的小橋。\n"  # traditional: rules match its fold
END = "\n母亲站在门前等他。"
END_TRAD = "\n母親站在門前等他。"


def _rule(pid: str, scope: str, keywords: list[str], source: str) -> Pattern:
    return Pattern(id=pid, category=pid.split(".")[0], scope=scope, keywords=tuple(keywords), source=source,
                   compiled=regex.compile(source, regex.V0))


# Up to 80 characters inside the brackets: a line with a long note is too long for the structure detector, what
# the cut leaves of it is not.
NOTE = _rule("ad.xinghe-note", "inline", ["星河文库"], r"【星河文库[^】]{0,80}】")
FIRST = _rule("promo.xinghe-first", "inline", ["首发"], r"（(?P<gongzhonghao>星河\p{Han}{2})首发）")
CREDIT = _rule("brand.xinghe-credit", "line", ["出品"], r"星河\p{Han}{2}出品")


def _cleaner(*rules: Pattern) -> Cleaner:
    return Cleaner(CleanerConfig(bundled=False, extra=(NOTE, *rules)))


def _removed(r: Any) -> list[tuple[str, str, int, int, int, str, str]]:
    return [(x.rule, x.category, x.line, x.start, x.end, x.text, x.why) for x in r.removed]


def test_a_cut_is_recorded_with_its_rules_category() -> None:
    r = _cleaner().clean(HEAD + "他推开了门。【星河文库】" + END)
    assert r.text == HEAD + "他推开了门。" + END
    assert _removed(r) == [("ad.xinghe-note", "ad", 3, 6, 12, "【星河文库】", "")]


def test_a_cut_made_by_the_repetition_detector_keeps_its_reason() -> None:
    who = "阿福 小梅 老陈 阿秀 船长 先生 伙计 姑娘 孩子 客人".split()
    what = "推开窗 点起灯 沉默良久 看着远山 叹了口气".split()
    body = [f"{who[n % 10]}在第{n}天{what[n % 5]}，又等了{n % 7 + 1}个钟头。" for n in range(200)]
    tagged = [line + "本书由星河书屋首发，请勿转载！" if n % 8 == 7 else line for n, line in enumerate(body)]
    r = Cleaner(bundled=False).clean("\n".join(tagged))
    assert r.text == "\n".join(body)
    assert len(r.removed) == 25
    assert {(x.rule, x.category, x.why) for x in r.removed} == {
        ("repeat.suffix", "site", "suffix recurs 25 times, lines 8–200")}


def test_a_contact_cut_from_a_traditional_line_is_read_from_its_original_characters() -> None:
    r = _cleaner(FIRST).clean(HEAD_TRAD + "他推開了門。（星河書屋首發）" + END_TRAD)
    assert r.text == HEAD_TRAD + "他推開了門。" + END_TRAD
    assert r.metadata.contacts["gongzhonghao"] == ["星河書屋"]  # not the fold, 星河书屋


def test_a_line_that_is_nothing_but_a_cut_goes_without_leaving_a_blank_line() -> None:
    r = _cleaner().clean(HEAD + "他推开了门。\n【星河文库】" + END)
    assert r.text == HEAD + "他推开了门。" + END
    assert r.metadata.lines_out == 4


def test_a_rest_taken_by_a_line_rule_goes_without_leaving_a_blank_line() -> None:
    r = _cleaner(CREDIT).clean(HEAD + "他推开了门。\n星河书屋出品【星河文库】" + END)
    assert r.text == HEAD + "他推开了门。" + END
    assert _removed(r) == [("brand.xinghe-credit", "brand", 4, 0, 6, "星河书屋出品", ""),
                           ("ad.xinghe-note", "ad", 4, 6, 12, "【星河文库】", "")]


def test_the_rest_of_a_traditional_line_is_judged_on_its_fold() -> None:
    credit = _rule("brand.xinghe-credit", "line", ["出品"], r"星河书屋出品")  # 书屋, not 書屋: only the fold matches
    r = _cleaner(credit).clean(HEAD_TRAD + "他推開了門。\n星河書屋出品【星河文庫】" + END_TRAD)
    assert r.text == HEAD_TRAD + "他推開了門。" + END_TRAD
    assert [x.rule for x in r.removed] == ["brand.xinghe-credit", "ad.xinghe-note"]


def test_what_is_kept_of_a_cut_line_keeps_its_indentation_and_loses_the_space_before_the_cut() -> None:
    r = _cleaner().clean(HEAD + "他推开了门。 【星河文库】\n　　母亲站在门前等他。【星河文库】\n他们一起吃了晚饭。")
    assert r.text == HEAD + "他推开了门。\n　　母亲站在门前等他。\n他们一起吃了晚饭。"


def test_a_rest_the_structure_detector_takes_at_the_tail_keeps_its_category_and_reason() -> None:
    note = "【星河文库：本站所有作品均由网友上传，仅供试读，请在下载后二十四小时之内删除，谢谢各位读者的支持】"
    r = _cleaner().clean(HEAD + "他推开了门。" + END + "\n扫码关注公众号：星河书屋" + note)
    assert r.text == HEAD + "他推开了门。" + END
    assert _removed(r) == [
        ("structure.cta", "social", 5, 0, 12, "扫码关注公众号：星河书屋", "call to action with an account"),
        ("ad.xinghe-note", "ad", 5, 12, 12 + len(note), note, "")]


BODY = "第一章 回家\n那天傍晚，他背着行李走过村口的小桥。\n他推开了门，母亲站在门前等他，一家人围坐在院子里吃了晚饭。"
LONG_NOTE = "【星河文库：本站所有作品均由网友上传，仅供试读，请在下载后二十四小时之内删除，谢谢各位读者的支持】"
STAMP = _rule("ad.xinghe-stamp", "line", ["星河专供"], r"星河专供")


@pytest.mark.parametrize(("between", "its_removals"), [
    ("星河专供", [("ad.xinghe-stamp", 5)]),  # a line that goes whole
    ("星河专供【星河文库】", [("ad.xinghe-stamp", 5), ("ad.xinghe-note", 5)]),  # one its cut empties
], ids=["whole", "emptied"])
def test_a_reprint_block_left_by_cuts_is_seen_across_a_line_that_goes(between: str, its_removals: list) -> None:
    # The structure detector judges the lines as a second clean would see them: the line between the two label
    # lines is gone (a blank line, which a reprint block may hold), and each label line is what its cut leaves.
    doc = BODY + "\n作者：星河书屋" + LONG_NOTE + "\n" + between + "\n原文链接：https://example-novel.com/1" + LONG_NOTE
    r = _cleaner(STAMP).clean(doc)
    assert r.text == BODY
    assert [(x.rule, x.line) for x in r.removed] == [
        ("structure.reprint-block", 4), ("ad.xinghe-note", 4), *its_removals,
        ("structure.reprint-block", 6), ("ad.xinghe-note", 6)]


def test_a_contact_of_a_traditional_line_that_goes_whole_is_read_from_its_original_characters() -> None:
    credit = _rule("brand.xinghe-credit", "line", ["出品"], r"(?P<gongzhonghao>星河\p{Han}{2})出品")
    r = _cleaner(credit).clean(HEAD_TRAD + "他推開了門。\n星河書屋出品" + END_TRAD)
    assert r.text == HEAD_TRAD + "他推開了門。" + END_TRAD
    assert r.metadata.contacts["gongzhonghao"] == ["星河書屋"]  # not the fold, 星河书屋


@pytest.mark.parametrize(("tail_lines", "kept"), [(1, True), (2, False)])
def test_a_tail_rule_takes_only_lines_among_the_last_tail_lines(tail_lines: int, kept: bool) -> None:
    credit = _rule("brand.xinghe-credit", "tail", ["出品"], r"星河\p{Han}{2}出品")
    c = Cleaner(CleanerConfig(bundled=False, extra=(credit,), tail_lines=tail_lines))
    r = c.clean(HEAD + "他推开了门。\n星河书屋出品" + END)
    assert r.text == HEAD + "他推开了门。" + "\n星河书屋出品" * kept + END
