"""``Cleaner.clean``, ``prepare``, ``_harvest`` and ``_Probe.reread`` (issue 16, session 8): kills mutants that
survived ``tests/mutation/run_module.sh cleaner`` on f1a8669 (see tests/mutation/session8-cleaner.md), through
``Cleaner.clean`` with rules built in code (``CleanerConfig.extra``, no bundled rules). Every text is invented."""

from __future__ import annotations

import array
from typing import Any

import pytest
import regex

from cleantext import Cleaner, CleanerConfig
from cleantext.errors import InputTooLargeError, RuleTimeoutError
from cleantext.evidence.patterns import Pattern

HEAD = "第一章 回家\n那天傍晚，他背着行李走过村口的小桥。\n"
HEAD_TRAD = "第一章 回家\n那天傍晚，他背著行李走過村口的小橋。\n"  # traditional: rules match its fold
END = "\n母亲站在门前等他。"
END_TRAD = "\n母親站在門前等他。"


def _rule(pid: str, scope: str, keywords: list[str], source: str, *, compiled: Any = None) -> Pattern:
    return Pattern(id=pid, category=pid.split(".")[0], scope=scope, keywords=tuple(keywords), source=source,
                   compiled=compiled if compiled is not None else regex.compile(source, regex.V0))


TAG = _rule("ad.xinghe-tag", "inline", ["星河文库"], r"【星河文库】")
# Two whole-line rules for one credit line: the first (no contact group) decides it, the second names the 公众号.
CREDIT = _rule("brand.xinghe-credit", "line", ["出品"], r"星河\p{Han}{2}出品.*")
NAMED = _rule("brand.xinghe-name", "line", ["出品"], r"(?P<gongzhonghao>星河\p{Han}{2})出品.*")
QQ = _rule("contact.xinghe-qq", "line", ["出品"], r"星河\p{Han}{2}出品，QQ(?P<qq>\d{5,})")


def _removed(r: Any) -> list[tuple[str, int]]:
    return [(x.rule, x.line) for x in r.removed]


# ---- prepare, Cleaner._prepared ------------------------------------------------------------------------------------

def test_a_prepared_memoryview_counts_its_bytes_not_its_items() -> None:
    data = memoryview(array.array("H", [0x6162] * 4))  # 4 items of 2 bytes
    doc = Cleaner(bundled=False).prepare(data)
    assert doc.size == 8


def test_a_document_is_prepared_with_the_cleaners_max_blank_lines() -> None:
    c = Cleaner(bundled=False, max_blank_lines=2)
    doc = c.prepare("甲\n\n\n乙")
    assert doc.norm.text == "甲\n\n\n乙"
    assert c.clean(doc).text == "甲\n\n\n乙"


def test_a_prepared_document_over_max_bytes_is_refused_with_its_size_and_the_limit() -> None:
    data = "正文，第一段。".encode()  # 21 bytes
    doc = Cleaner(bundled=False).prepare(data)
    with pytest.raises(InputTooLargeError) as err:
        Cleaner(bundled=False, max_bytes=20).clean(doc)
    assert (err.value.size, err.value.limit) == (21, 20)


# ---- Cleaner._harvest ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("rules", [(CREDIT, NAMED), (QQ, NAMED)],
                         ids=["winner-without-contact", "winner-a-contact-rule"])
def test_a_contact_named_by_another_rule_of_a_removed_line_is_read_from_its_original_characters(
        rules: tuple[Pattern, ...]) -> None:
    line = "星河書屋出品" + ("，QQ31415926" if rules[0] is QQ else "")
    r = Cleaner(CleanerConfig(bundled=False, extra=rules)).clean(HEAD_TRAD + "他推開了門。\n" + line + END_TRAD)
    assert r.text == HEAD_TRAD + "他推開了門。" + END_TRAD
    assert _removed(r) == [(rules[0].id, 4)]
    assert r.metadata.contacts["gongzhonghao"] == ["星河書屋"]  # not the fold, 星河书屋


# ---- _Probe.reread -------------------------------------------------------------------------------------------------

def test_a_rest_that_ends_in_a_space_before_the_cut_is_not_taken_for_other_text() -> None:
    # 'é' is not plain CJK: the rest is normalized to see whether it reads the same; its trailing space does not count.
    r = Cleaner(CleanerConfig(bundled=False, extra=(TAG,))).clean(HEAD + "他在咖啡馆café 【星河文库】" + END)
    assert r.text == HEAD + "他在咖啡馆café" + END
    assert r.metadata.warnings == []
    assert _removed(r) == [("ad.xinghe-tag", 3)]


# ---- Cleaner.clean -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("head_lines", "kept"), [(1, True), (2, False)])
def test_a_head_rule_takes_the_rest_of_a_cut_line_only_among_the_first_head_lines(head_lines: int, kept: bool) -> None:
    credit = _rule("brand.xinghe-credit", "head", ["出品"], r"星河\p{Han}{2}出品")
    c = Cleaner(CleanerConfig(bundled=False, extra=(TAG, credit), head_lines=head_lines))
    body = "\n那天傍晚，他背着行李走过村口的小桥。\n他推开了门。\n母亲站在门前等他。"
    r = c.clean("第一章 回家\n星河书屋出品【星河文库】" + body)
    assert r.text == "第一章 回家" + "\n星河书屋出品" * kept + body
    assert _removed(r) == [("brand.xinghe-credit", 2)] * (not kept) + [("ad.xinghe-tag", 2)]


class _Trap:
    """A compiled regex that times out (as ``regex`` does, with TimeoutError) on one string, from its ``after``-th
    call with that string on; any other string it matches as the real regex."""

    def __init__(self, source: str, trigger: str, after: int) -> None:
        self.real, self.trigger, self.after, self.calls = regex.compile(source, regex.V0), trigger, after, 0

    def _check(self, s: str) -> None:
        if s == self.trigger:
            self.calls += 1
            if self.calls >= self.after:
                raise TimeoutError("regex timed out")

    def fullmatch(self, s: str, timeout: float | None = None) -> Any:
        self._check(s)
        return self.real.fullmatch(s, timeout=timeout)

    def finditer(self, s: str, timeout: float | None = None) -> Any:
        self._check(s)
        return self.real.finditer(s, timeout=timeout)


def test_a_timeout_while_assembling_a_cut_line_names_that_line() -> None:
    # The rest is asked about three times: by the decision, by the view a second clean sees, and when the line is
    # assembled; the third call times out.
    rest = "他推开了门，ｃｏｍ"
    source = r"ｘｉｎｇｈｅ．ｃｏｍ"
    site = _rule("site.xinghe-fullwidth", "line", ["ｃｏｍ"], source, compiled=_Trap(source, rest, after=3))
    with pytest.raises(RuleTimeoutError) as err:
        Cleaner(CleanerConfig(bundled=False, extra=(TAG, site))).clean(HEAD + "他推开了门。\n" + rest + "【星河文库】"
                                                                       + END)
    assert (err.value.rule, err.value.line) == ("site.xinghe-fullwidth", 4)


def test_a_late_mojibake_repair_without_a_form_is_named_ftfy() -> None:
    # UTF-8 read as GBK, with zero-width spaces that hide the damage until they go: the late repair of
    # normalize_text makes it, and names no form.
    meeting = "今天下午三点在会议室开会，请大家准时参加。"
    raw = ("\u200b" * 3).join(meeting.encode("utf-8").decode("gbk", "replace"))
    r = Cleaner(bundled=False).clean(raw)
    assert r.text == meeting
    assert r.metadata.warnings[-1] == "mojibake repaired (ftfy)"


# A credit line that names its distributor; the bare name standing alone elsewhere goes with it (its zone).
DISTRIBUTOR = _rule("brand.xinghe-distributor", "line", ["整理"], r"(?P<distributor>星河\p{Han}{2})整理，.*")


def test_the_bare_name_of_a_distributor_of_a_traditional_document_goes_on_its_fold() -> None:
    body = "第一章 回家\n那天傍晚，他背著行李走過村口的小橋。\n他推開了門。"
    r = Cleaner(CleanerConfig(bundled=False, extra=(DISTRIBUTOR,))).clean(
        "星河書屋\n" + body + "\n星河書屋整理，完整版請留言。" + END_TRAD)
    assert r.text == body + END_TRAD
    assert _removed(r) == [("zone.distributor-name", 1), ("brand.xinghe-distributor", 5)]
    assert r.metadata.distributors == ["星河書屋"]


def test_a_kept_line_naming_a_distributor_is_not_the_title() -> None:
    body = "年度总结\n今年完成了全部任务，大家都很努力。"
    r = Cleaner(CleanerConfig(bundled=False, extra=(DISTRIBUTOR,))).clean(
        "星河书屋荐读\n" + body + "\n星河书屋整理，完整版请留言。\n明年继续努力。")
    assert r.text == "星河书屋荐读\n" + body + "\n明年继续努力。"
    assert r.metadata.title == "年度总结"


# ---- Cleaner._rest_view --------------------------------------------------------------------------------------------

def test_the_rest_of_a_cut_line_after_a_cut_line_that_goes_whole_is_judged_as_a_second_clean_sees_it() -> None:
    # Line 5 is cut and also goes whole (a call to action in the tail); line 6 is too long for the structure
    # detector until its note is cut: its rest is judged in the view, past line 5.
    note = "【星河文库：本站所有作品均由网友上传，仅供试读，请在下载后二十四小时之内删除，谢谢各位读者的支持】"
    doc = HEAD + "他推开了门。" + END + "\n点赞在看是最大的鼓励吧【星河文库】\n扫码关注公众号：星河书屋" + note
    rules = (_rule("ad.xinghe-note", "inline", ["星河文库"], r"【星河文库[^】]{0,80}】"),)
    r = Cleaner(CleanerConfig(bundled=False, extra=rules)).clean(doc)
    assert r.text == HEAD + "他推开了门。" + END
    assert _removed(r) == [("structure.cta", 5), ("structure.cta", 6), ("ad.xinghe-note", 6)]


# ---- _Probe.reread: a known gap ------------------------------------------------------------------------------------

def test_a_cut_that_brings_han_mojibake_together_leaves_a_fixed_point() -> None:
    # found as cleaner's reread__mutmut_7 in session 8: Han text was taken to read the same wherever it is cut, but
    # UTF-8 read as GBK is all Han, and a cut can bring damaged characters together into mojibake
    damaged = "准时参加".encode().decode("gbk")  # six Han characters; apart, too few for the mojibake signal
    doc = "第一章 回家\n" + damaged[:2] + "【星河文库】" + damaged[2:] + END
    out = Cleaner(CleanerConfig(bundled=False, extra=(TAG,))).clean(doc).text
    assert Cleaner(CleanerConfig(bundled=False, extra=(TAG,))).clean(out).text == out
