"""Bugs the property tests found outside this folder, each as the smallest document that shows it.

All of them are fixed and stay as regression tests. A bug found later is pinned here as a strict xfail until it
is fixed (then the run reports XPASS(strict) as a failure, and whoever fixed it removes the marker); the property
tests never skip the inputs that hit it.
"""

from __future__ import annotations

import time

import pytest

from cleantext import Cleaner, clean
from cleantext.audit import replay
from cleantext.text.normalize import normalize_text

from .strategies import WHOLE_LINE_EXAMPLES

BODY = "天刚亮，他们就出发了，沿着河岸一路向北走了三十多里路。"


def test_line_emptied_by_inline_ad_is_dropped() -> None:  # bug 1, fixed
    # An ad alone on its line inside a paragraph: dropping it must not split the paragraph in two.
    doc = f"年度总结\n{BODY}\n【星河小说网独家首发】\n{BODY}"
    result = clean(doc)
    # Which rule takes it (the inline one, or a whole-line one) does not matter: the ad goes, the paragraph stays.
    assert [r.text for r in result.removed] == ["【星河小说网独家首发】"]
    assert result.text == f"年度总结\n{BODY}\n{BODY}"


def test_normalization_is_idempotent() -> None:
    # NFC composes A + U+030A into Å, which completes a mojibake signal the first pass did not see.
    text = "领取资料Ã©tÃ©A\u030a"
    once = normalize_text(text).text
    assert normalize_text(once).text == once


def test_head_rule_sees_past_removed_head_lines() -> None:
    # Ten boilerplate lines of the bundled line rules push the head-scope line out of the head window.
    head = list(dict.fromkeys(WHOLE_LINE_EXAMPLES["line"]))[:10]
    doc = "\n".join([*head, "点击上方蓝字关注我们", "年度总结", BODY])
    first = clean(doc)
    assert first.text == f"年度总结\n{BODY}"
    assert clean(first.text).text == first.text


def test_remainder_of_inline_cut_is_checked_again() -> None:  # bug 4, fixed
    doc = f"星河文稿出品【竹林小说网独家首发】\n第一章 出发\n{BODY}"
    first = clean(doc)
    assert first.text == f"第一章 出发\n{BODY}"
    assert clean(first.text).text == first.text


def test_tail_block_never_takes_a_whole_short_document() -> None:  # bug 5, fixed
    doc = "【打击倒卖活动】\n放假通知\n明天全校放假一天，请同学们注意安全！\n自建平台 实时分享\n资料每日更新，不断迭代"
    result = clean(doc)
    assert result.text == "放假通知\n明天全校放假一天，请同学们注意安全！"


def test_mojibake_repair_does_not_depend_on_the_other_lines() -> None:
    # Found by the long property run (test_cleaning_is_idempotent): with the emoji line present ftfy leaves 'Â '
    # alone; once a rule removes that line, the second clean repairs it to U+00A0.
    first = clean("\n<h2>🍬 星河介绍</h2>\nÂ 一")
    assert normalize_text("Â 一").text == normalize_text("<h2>🍬 星河介绍</h2>\nÂ 一").text.split("\n")[-1]
    assert clean(first.text).text == first.text


def test_weak_evidence_never_takes_a_chapter_title_under_a_split_nag() -> None:
    # Found by the long property run (test_injected_boilerplate_is_removed_and_body_kept, 91 621 inputs).
    lines = ["“蓝色字”关注我们", "”，", "第三章 春天的来信", "班主任建立了家长QQ群，每天在群里发布作业和通知。"]
    result = clean("\n".join(lines))
    assert {r.line - 1 for r in result.removed} == {0, 1}


def test_cutting_an_inline_tag_leaves_nothing_for_a_second_clean() -> None:
    """Guarantee (13.9): an inline tag found only once the tag after it is cut (it must end the line) is cut by the
    first clean; the audit replays and a second clean changes nothing."""
    # Found by the long property run. The inline rules judge what their cuts leave until nothing more is found.
    first = clean("他转身离开了，再也没有回头。本书由星河文库首发，请勿转载！★无弹窗★")
    assert first.text == "他转身离开了，再也没有回头。"
    assert [r.rule for r in first.removed] == ["site.first-release-notice", "ad.symbol-framed-slogan"]
    assert replay(first.normalized, first.removed) == first.text
    assert clean(first.text).text == first.text


def test_a_tag_split_by_another_is_cut_in_pieces_named_by_its_rule() -> None:
    # The notice is whole only once the tag inside it is cut: it is recorded as the two pieces the line holds.
    first = clean("他转身离开了，再也没有回头。本书由星河文库首★无弹窗★发，请勿转载！")
    assert first.text == "他转身离开了，再也没有回头。"
    assert [(r.rule, r.text) for r in first.removed] == [
        ("site.first-release-notice", "本书由星河文库首"), ("ad.symbol-framed-slogan", "★无弹窗★"),
        ("site.first-release-notice", "发，请勿转载！")]
    assert replay(first.normalized, first.removed) == first.text
    assert clean(first.text).text == first.text


def test_what_a_cut_leaves_is_judged_by_the_shadow_rules() -> None:
    # An obfuscated site mark with an inline tag glued on: once the tag is cut the rest is the mark alone.
    doc = f"青!风!小!说!网★无弹窗★\n年度总结\n{BODY}"
    first = clean(doc)
    assert first.text == f"年度总结\n{BODY}"
    assert {r.line for r in first.removed} == {1}
    assert replay(first.normalized, first.removed) == first.text
    assert clean(first.text).text == first.text


def test_what_a_cut_leaves_at_the_head_or_tail_is_judged_by_the_edge_rules() -> None:
    """Guarantee (13.9): what inline cuts leave of a line is judged as a line of its own — by the line rules, the
    shadow rules and, at the head or the tail, the edge rules — so a second clean takes nothing more."""
    # A head nag and a tail site line, each with an inline tag glued on: the edge rules judged the whole line (tag
    # included) and took nothing; a second clean, seeing the line without its tag, took it.
    doc = f"点击上方“星河手记”★无弹窗★\n年度总结\n{BODY}\n{BODY}\n星河 www.example-novel.com★无弹窗★"
    first = clean(doc)
    assert first.text == f"年度总结\n{BODY}\n{BODY}"
    gone = {(r.line, r.rule.split(".")[0]) for r in first.removed}
    assert gone == {(1, "social"), (1, "ad"), (5, "site"), (5, "ad")}
    assert replay(first.normalized, first.removed) == first.text
    assert clean(first.text).text == first.text


def test_what_a_cut_leaves_is_judged_by_the_structure_detector() -> None:
    # Found while fixing the inline case: the structure detector saw the line whole, with its ads, and took
    # nothing; a second clean took the call to action the ads had hidden. In the head and the tail, it now judges
    # what the cuts leave, on the terms of weak evidence.
    nag = "（注册会员可获私人书架，看书更方便！永久地址：www.example-novel.com）"
    doc = f"关注我们 并设为他笑了。{nag}\n年度总结\n{BODY}"
    first = clean(doc)
    assert first.text == f"年度总结\n{BODY}"
    assert first.removed[0].rule == "structure.cta"
    assert replay(first.normalized, first.removed) == first.text
    assert clean(first.text).text == first.text


def test_a_cut_line_between_body_paragraphs_is_not_judged_as_a_call_to_action() -> None:
    # The same line in the middle of the body stays (what its cuts leave): weak evidence needs the zone.
    nag = "（注册会员可获私人书架，看书更方便！永久地址：www.example-novel.com）"
    doc = f"年度总结\n{BODY}\n关注我们 并设为他笑了。{nag}\n{BODY}"
    first = clean(doc)
    assert first.text == f"年度总结\n{BODY}\n关注我们 并设为他笑了。\n{BODY}"


def test_the_rule_budget_is_not_spent_by_the_detectors_that_run_no_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    # Found measuring memory: a 20 MB document on a loaded machine ran out of its rule budget with no slow rule,
    # since the structure and repetition detectors were timed with the rules. A slow detector stands in for that.
    import cleantext.cleaner

    slow = cleantext.cleaner.find_structure

    def find_structure_slowly(lines: list[str]) -> list:
        time.sleep(6.0)
        return slow(lines)

    monkeypatch.setattr(cleantext.cleaner, "find_structure", find_structure_slowly)
    cleaner = Cleaner(rule_budget=5.0)  # ample for the rules of three lines, even on a loaded machine
    # What the cut leaves holds a keyword (关注): the rules judge it after the detectors have run.
    line = "老师特别关注每一位学困生的进步。"
    result = cleaner.clean(f"年度总结\n{BODY}\n{line}本书由星河文库首发，请勿转载！\n{BODY}")
    assert result.text == f"年度总结\n{BODY}\n{line}\n{BODY}"


def test_a_short_line_with_an_ad_cut_from_it_anchors_no_body() -> None:
    # Found by the long property run (test_cleaning_is_idempotent, 6 727 inputs): the last line anchored the body
    # by the letters of its ad, so the follow prompt above it stood between anchors; the second clean, seeing the
    # short line alone, took it. A cut line now anchors by what the cuts leave of it.
    doc = "\n他说：今天只有一更，明天补上，谢谢大家的支持。\n關註公號\n夜深了(更新速度最快记住即可找到本站)\n"
    first = clean(doc)
    assert first.text == "他说：今天只有一更，明天补上，谢谢大家的支持。\n夜深了"
    assert replay(first.normalized, first.removed) == first.text
    assert clean(first.text).text == first.text


_PS_AD = "ps：推荐一款免费的追书软件「星河阅读」，各大应用商店都能下载。"
_QQ_BODY = "班主任建立了家长QQ群，每天在群里发布作业和通知。"


def test_a_title_between_ads_and_a_follow_prompt_stays() -> None:
    # Found by the long property run (test_injected_boilerplate_is_removed_and_body_kept): structure.cta read the
    # short title above a follow prompt as the account's bare name of a call split over lines. A bare name now needs
    # a sign of its own: the call below it names no object, and was cut out of the same quoted or bold run.
    doc = "\n".join([_PS_AD, _PS_AD, "青禾农场种植技术要点", "长按二维码关注我们", _QQ_BODY])
    result = clean(doc)
    assert result.text == f"青禾农场种植技术要点\n{_QQ_BODY}"
    assert [r.line for r in result.removed] == [1, 2, 4]
    assert replay(result.normalized, result.removed) == result.text
    assert clean(result.text).text == result.text


def test_a_title_above_a_follow_prompt_at_the_tail_stays() -> None:
    doc = "\n".join(["年度总结", BODY, _QQ_BODY, "青禾农场种植技术要点", "扫码关注公众号"])
    result = clean(doc)
    assert result.text == f"年度总结\n{BODY}\n{_QQ_BODY}\n青禾农场种植技术要点"
    assert [(r.line, r.text) for r in result.removed] == [(5, "扫码关注公众号")]
    assert clean(result.text).text == result.text


def test_a_title_above_a_star_call_that_names_no_account_stays() -> None:
    # 设为星标 names no object, but nothing shows the title was cut out of the same run as the call.
    doc = "\n".join([_PS_AD, "青禾农场种植技术要点", "设为星标", _QQ_BODY])
    result = clean(doc)
    assert result.text == f"青禾农场种植技术要点\n{_QQ_BODY}"
    assert clean(result.text).text == result.text


@pytest.mark.parametrize("chapter", ["第一章出发", "序章"])
def test_a_chapter_title_between_ad_lines_stays(chapter: str) -> None:
    doc = "\n".join([_PS_AD, chapter, _PS_AD, _QQ_BODY, BODY])
    result = clean(doc)
    assert result.text == f"{chapter}\n{_QQ_BODY}\n{BODY}"
    assert clean(result.text).text == result.text


@pytest.mark.parametrize("chapter", ["序章", "第一章出发"])
def test_a_chapter_title_between_an_ad_and_a_split_follow_prompt_stays(chapter: str) -> None:
    # Below a call split over lines (点击上方 / 蓝字 / 关注我们) a two-character line counted as its broken-off end,
    # and above one a short line as the account's name: either way the chapter title went with the call.
    for doc in ([_PS_AD, chapter, "关注我们", _QQ_BODY], ["点击上方", "蓝字", "关注我们", chapter, _QQ_BODY]):
        result = clean("\n".join(doc))
        assert result.text == f"{chapter}\n{_QQ_BODY}", doc
        assert all(r.text != chapter for r in result.removed)
        assert clean(result.text).text == result.text


def test_cutting_an_inline_ad_does_not_change_how_the_rest_is_repaired() -> None:
    # Found by the long property run (10 999 inputs): once an inline ad was cut, 'Â ' stood at the start of its line,
    # where ftfy reads it as mojibake of U+00A0, and a second clean repaired it. A lone 'Â ' is no evidence now.
    first = clean("【老书友推荐的追书app，换源切换，朗读音色多，这里可以下载 www.example-app.com】Â 一")
    assert clean(first.text).text == first.text


def test_a_cut_line_that_anchored_the_body_is_judged_as_a_second_clean_would() -> None:
    # Found by the long property run (test_cleaning_is_idempotent, 2 923 inputs). What the cut leaves (20
    # characters, a call to follow at its start) reads as structure.cta; the whole line (31 characters ending in 。)
    # read as prose and anchored the body, so judge_rests did not ask about it. It now asks as if the cut lines were
    # named, as decide() counts them on a second clean.
    first = clean(f"请关注公众号，他点了点头，转身走进院子（星河小说网更新最快）。\n{BODY}")
    assert clean(first.text).text == first.text


def test_cutting_an_inline_ad_after_a_replacement_character_does_not_change_the_repair() -> None:
    # Found by the long property run (test_cleaning_is_idempotent, 6 070 inputs; the lone surrogate becomes U+FFFD):
    # 'Å' before U+FFFD reads to ftfy as a UTF-8 lead byte whose byte was lost, but was judged so only once the tag
    # after it was cut, by a second clean. Fixed in text/mojibake.py (each run of code-page characters alone).
    for doc in ("Å\ud800★无弹窗★", "Å\ufffd★无弹窗★"):
        first = clean(doc)
        assert "★" not in first.text and any(r.rule.startswith("ad.") for r in first.removed), doc
        assert clean(first.text).text == first.text, doc


def test_the_rest_of_a_cut_line_is_judged_when_every_kept_line_is_a_cut_line() -> None:
    # Found by the long idempotence run (session 5): both lines lose an inline ad; what the first leaves (关注公号
    # in traditional characters) reads as a call to action on a second clean, where the second line anchors the
    # zone. The first clean must see that too, not treat every cut line as named and find no zone at all.
    text = ("看无防盗章节的小说，请用搜索引擎搜索关键词星辰变，各种小说任你观看，破防盗章节關註公號\n"
            "一一一一一一02_函数与闭包_南山学社+vx：nanshan_01.pdf")
    first = clean(text)
    assert clean(first.text).text == first.text
    assert "關註公號" not in first.text and "02_函数与闭包.pdf" in first.text


def test_cutting_an_ad_away_from_a_lone_a_circumflex_does_not_change_a_second_clean() -> None:  # session 5, fixed
    # The cut glues 'Â �' to the '€' that ftfy made of U+0080: '�€' is ftfy-bad but not repairable, so it is no
    # evidence that 'Â ' is the UTF-8 of U+00A0 (the first clean judged the two runs apart and kept 'Â ').
    first = clean("Â \ud800看完记得：方便下次看，或者。\x80")
    assert clean(first.text).text == first.text


def test_an_inline_cut_that_would_glue_mojibake_together_is_not_made() -> None:  # session 6, long idempotence run
    # '€' and 'é' apart are plain text; glued together by the cut of the tag between them ftfy reads them as UTF-8
    # mojibake, so a second clean would change the output. The line stays whole, and the result says why.
    first = clean("\x80★无弹窗★é")
    assert first.text == "€★无弹窗★é" and not first.removed
    assert any("inline cut was not made" in w for w in first.metadata.warnings)
    assert clean(first.text).text == first.text
    plain = clean("正文很好看★无弹窗★下一句。")  # the same tag between Chinese text is cut as before
    assert plain.text == "正文很好看下一句。" and [r.text for r in plain.removed] == ["★无弹窗★"]


def test_a_call_left_above_a_removed_tail_block_goes_on_the_first_clean() -> None:
    # Found by the long idempotence run on 80e5747: a weak call to action between the body and a tail block stayed,
    # because the rule line the tail block takes still anchored the body; a second clean found the call at the
    # tail edge and took it. The zones are now asked again with the lines they took named.
    rule = "一" * 16
    doc = (f"{rule}\n他点了点头（全文字小说更新最快）。\n關註公號\n<h2>🍬 博主介绍</h2>\n{rule}\n邮箱/手机:\n")
    first = clean(doc)
    assert first.text == f"{rule}\n他点了点头。"
    assert [r.rule for r in first.removed if r.text == "關註公號"] == ["structure.cta"]
    assert clean(first.text).text == first.text


def test_a_title_above_a_star_nag_cut_from_a_bold_run_stays() -> None:
    # Found by the long injected-boilerplate run on 3a3ed10 (the same on 3ad5c93): the title went as the bare account
    # name of the nag below it. A bare name goes with a split call only when the run goes on below the call.
    result = clean("青禾农场种植技术要点\n“**设为星标**\n班主任建立了家长QQ群，每天在群里发布作业和通知。")
    assert [r.line for r in result.removed] == [2]


def test_a_title_under_a_share_bar_below_a_call_stays() -> None:
    # Found by the long injected-boilerplate run on 0e33302 (the same on 3ad5c93): a label left open by a colon
    # (分享到：) carried the title below it as the call's words. Only a nag's usual second half goes on after a colon.
    result = clean("“蓝色字”关注我们\n分享到：\n青禾农场种植技术要点\n班主任建立了家长QQ群，每天在群里发布作业和通知。")
    assert [r.line for r in result.removed] == [1, 2]


def test_a_call_split_around_a_removed_line_goes_on_the_first_clean() -> None:
    # Found by the long idempotence run on cfb4d6f (the same on 7ab4ea8): a login label (邮箱/手机:) between a
    # one-piece call and its broken-off ， kept the two apart; once the label was gone, a second clean took both.
    # The structure detector is asked again about the lines as a second clean sees them.
    doc = "。關註公號\n邮箱/手机:\n，\n星河手记第一章，今天我们出发去青石镇。"
    first = clean(doc)
    assert first.text == "星河手记第一章，今天我们出发去青石镇。"
    assert [(r.line, r.rule) for r in first.removed] == [(1, "structure.cta"), (2, "nav.doc-login-labels"),
                                                         (3, "structure.cta")]
    assert clean(first.text).text == first.text
