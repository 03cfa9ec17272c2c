"""What ``cleaner.py`` asks about the rest of a cut line (issue 16): ``_Probe`` (recut, emptied, edge_rest),
``rest_rule`` and ``_rest_view``, seen through ``Cleaner.clean`` with rules built in code (``CleanerConfig.extra``,
no bundled rules, so that each document meets only the rules it is about). Kills mutants that survived
``tests/mutation/run_module.sh cleaner`` (see tests/mutation/equivalent-cleaner.md). Every text is invented."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
import regex

from cleantext import Cleaner, CleanerConfig
from cleantext.errors import RuleTimeoutError
from cleantext.evidence.patterns import Pattern
from cleantext.evidence.profile import Profile

HEAD = "第一章 回家\n那天傍晚，他背着行李走过村口的小桥。\n"
HEAD_TRAD = "第一章 回家\n那天傍晚，他背著行李走過村口的小橋。\n"  # traditional: rules match its fold
END = "\n母亲站在门前等他。"


class _Trap:
    """A compiled regex that times out (as ``regex`` does, with TimeoutError) on one string, from its ``after``-th
    call with that string on; any other string it matches as the real regex."""

    def __init__(self, source: str, trigger: str, after: int = 1) -> None:
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


def _rule(pid: str, scope: str, keywords: list[str], source: str, *, compiled: Any = None, shadow: bool = False,
          path: str = "") -> Pattern:
    return Pattern(id=pid, category=pid.split(".")[0], scope=scope, keywords=tuple(keywords), source=source,
                   compiled=compiled if compiled is not None else regex.compile(source, regex.V0), shadow=shadow,
                   path=path)


TAG = _rule("ad.xinghe-tag", "inline", ["星河文库"], r"【星河文库】")
# Anchored at the line's start: it matches only once the tag before it is cut (``_Probe.recut``).
FIRST = r"^（(?P<gongzhonghao>星河\p{Han}{2})首发）"
# A tail rule that takes a credit line once the tag after it is cut (``_Probe.edge_rest``).
CREDIT = r"(?P<gongzhonghao>星河\p{Han}{2})出品"


def _cleaner(*rules: Pattern, **options: Any) -> Cleaner:
    return Cleaner(CleanerConfig(bundled=False, extra=(TAG, *rules), **options))


def _removed(r: Any) -> list[tuple[str, str, int, int, int, str]]:
    return [(x.rule, x.category, x.line, x.start, x.end, x.text) for x in r.removed]


# ---- _Probe.recut --------------------------------------------------------------------------------------------------

def test_a_tag_found_once_the_tag_before_it_is_cut_is_recorded_with_its_category_and_contact() -> None:
    c = _cleaner(_rule("promo.xinghe-first", "inline", ["首发"], FIRST))
    r = c.clean(HEAD + "【星河文库】（星河书屋首发）他推开了门。" + END)
    assert r.text == HEAD + "他推开了门。" + END
    assert _removed(r) == [("ad.xinghe-tag", "ad", 3, 0, 6, "【星河文库】"),
                           ("promo.xinghe-first", "promo", 3, 6, 14, "（星河书屋首发）")]
    assert r.metadata.contacts["gongzhonghao"] == ["星河书屋"]


def test_a_contact_found_on_the_rest_of_a_traditional_line_is_read_from_the_original_characters() -> None:
    c = _cleaner(_rule("promo.xinghe-first", "inline", ["首发"], FIRST))
    r = c.clean(HEAD_TRAD + "【星河文庫】（星河書屋首發）他推開了門。")
    assert r.text == HEAD_TRAD + "他推開了門。"
    assert r.metadata.contacts["gongzhonghao"] == ["星河書屋"]  # not the fold, 星河书屋


def test_a_timeout_on_the_rest_of_a_cut_line_names_that_line() -> None:
    rest = "（星河书屋首发）他推开了门。"
    c = _cleaner(_rule("promo.xinghe-first", "inline", ["首发"], FIRST, compiled=_Trap(FIRST, rest)))
    with pytest.raises(RuleTimeoutError) as err:
        c.clean(HEAD + "【星河文库】" + rest + END)
    assert (err.value.rule, err.value.line) == ("promo.xinghe-first", 3)


def test_the_rules_of_a_refused_file_cut_nothing_in_the_rest_of_a_cut_line_either() -> None:
    # A user file whose inline rule would take most of the prose is refused for this document; its rule also
    # matches what the tag's cut leaves of line 6, and must not cut there either.
    taker = _rule("ad.greedy-comma", "inline", ["，"], r"，[^，。]{6,}", path="/invented/greedy.toml")
    c = Cleaner(CleanerConfig(bundled=False, extra=(TAG, taker)))
    c.user_files = frozenset({"/invented/greedy.toml"})  # as if loaded from the user's own file
    prose = ["那天傍晚，他背着行李走过村口的小桥和一片稻田。", "母亲站在门前，远远地望着那条通向县城的土路。",
             "父亲从田里回来，手上还沾着一层没有洗掉的泥土。", "晚饭的时候，一家人围坐在院子里的那张旧方桌边。"]
    doc = "\n".join(["第一章 回家", *prose, "【星河文库】他笑了，说这一路上的风景真是好看极了。"])
    r = c.clean(doc)
    assert any("greedy.toml" in w and "not applied" in w for w in r.metadata.warnings)
    assert r.text.split("\n")[-1] == "他笑了，说这一路上的风景真是好看极了。"
    assert [x.rule for x in r.removed] == ["ad.xinghe-tag"]


# ---- _Probe.edge_rest ----------------------------------------------------------------------------------------------

def test_a_credit_line_left_by_a_cut_at_the_tail_goes_with_its_rules_category_and_contact() -> None:
    c = _cleaner(_rule("brand.xinghe-credit", "tail", ["出品"], CREDIT))
    r = c.clean(HEAD + "他推开了门。\n星河书屋出品【星河文库】")
    assert r.text == HEAD + "他推开了门。"
    assert _removed(r) == [("brand.xinghe-credit", "brand", 4, 0, 6, "星河书屋出品"),
                           ("ad.xinghe-tag", "ad", 4, 6, 12, "【星河文库】")]
    assert r.metadata.contacts["gongzhonghao"] == ["星河书屋"]


def test_a_credit_left_by_a_cut_in_traditional_text_keeps_its_original_characters() -> None:
    c = _cleaner(_rule("brand.xinghe-credit", "tail", ["出品"], CREDIT))
    r = c.clean(HEAD_TRAD + "他推開了門。\n星河書屋出品【星河文庫】")
    assert r.text == HEAD_TRAD + "他推開了門。"
    assert r.metadata.contacts["gongzhonghao"] == ["星河書屋"]


def test_a_timeout_of_a_tail_rule_on_the_rest_of_a_cut_line_names_that_line() -> None:
    trap = _Trap(CREDIT, "星河书屋出品")
    c = _cleaner(_rule("brand.xinghe-credit", "tail", ["出品"], CREDIT, compiled=trap))
    with pytest.raises(RuleTimeoutError) as err:
        c.clean(HEAD + "他推开了门。\n星河书屋出品【星河文库】")
    assert (err.value.rule, err.value.line) == ("brand.xinghe-credit", 4)


# ---- _Probe.emptied and rest_rule ----------------------------------------------------------------------------------

SITE = _rule("site.xinghe-fullwidth", "line", ["ｃｏｍ"], r"ｘｉｎｇｈｅ．ｃｏｍ")
SHADOW = _rule("site.xinghe-shadow", "line", ["xinghe"], r"xinghecom", shadow=True)
TAIL_CREDIT = _rule("brand.xinghe-credit", "tail", ["出品"], CREDIT)


@pytest.mark.parametrize("last", ["【星河文库】", "ｘｉｎｇｈｅ．ｃｏｍ【星河文库】", "ｘ ｉ ｎ ｇ ｈ ｅ【星河文库】"],
                         ids=["nothing-left", "a-line-rule-takes-the-rest", "a-shadow-rule-takes-the-rest"])
def test_a_line_emptied_by_its_cuts_moves_the_tail_edge_up(last: str) -> None:
    # tail_lines=1: the credit line is the tail only once the last line is known to go (emptied).
    shadow = _rule("site.xinghe-spaced", "line", ["xinghe"], r"xinghe", shadow=True)
    c = _cleaner(SITE, shadow, TAIL_CREDIT, tail_lines=1)
    r = c.clean(HEAD + "他推开了门。\n星河书屋出品\n" + last)
    assert r.text == HEAD + "他推开了门。"
    assert "brand.xinghe-credit" in [x.rule for x in r.removed]


def test_a_timeout_while_asking_whether_a_rest_is_boilerplate_names_the_line() -> None:
    rest = "ｘｉｎｇｈｅ．ｃｏｍ"
    site = _rule("site.xinghe-fullwidth", "line", ["ｃｏｍ"], SITE.source, compiled=_Trap(SITE.source, rest))
    with pytest.raises(RuleTimeoutError) as err:
        _cleaner(site).clean(HEAD + "他推开了门。\n" + rest + "【星河文库】" + END)
    assert (err.value.rule, err.value.line) == ("site.xinghe-fullwidth", 4)


def test_a_timeout_on_the_second_look_at_a_rest_names_the_line() -> None:
    # The first look (the decision's) passes; the second (the view a second clean would see) times out.
    rest = "ｘｉｎｇｈｅ．ｃｏｍ"
    site = _rule("site.xinghe-fullwidth", "line", ["ｃｏｍ"], SITE.source, compiled=_Trap(SITE.source, rest, after=2))
    with pytest.raises(RuleTimeoutError) as err:
        _cleaner(site).clean(HEAD + "他推开了门。\n" + rest + "【星河文库】" + END)
    assert (err.value.rule, err.value.line) == ("site.xinghe-fullwidth", 4)


def test_the_line_rule_that_takes_a_rest_is_named_before_a_shadow_rule_that_also_would() -> None:
    r = _cleaner(SITE, SHADOW).clean(HEAD + "他推开了门。\nｘｉｎｇｈｅ．ｃｏｍ【星河文库】" + END)
    assert r.text == HEAD + "他推开了门。" + END
    assert [(x.rule, x.text) for x in r.removed] == [("site.xinghe-fullwidth", "ｘｉｎｇｈｅ．ｃｏｍ"),
                                                     ("ad.xinghe-tag", "【星河文库】")]


def test_a_rest_only_a_shadow_rule_takes_goes_under_the_shadow_rules_id() -> None:
    r = _cleaner(SHADOW).clean(HEAD + "他推开了门。\nｘｉｎｇｈｅ．ｃｏｍ【星河文库】" + END)
    assert r.text == HEAD + "他推开了门。" + END
    assert [x.rule for x in r.removed] == ["site.xinghe-shadow", "ad.xinghe-tag"]


# ---- pickling ------------------------------------------------------------------------------------------------------

def test_a_pickled_cleaner_keeps_its_profile() -> None:
    profile = Profile.learn(["星河文库整理\n正文第一段，写得很长很长。"] * 3)
    c = pickle.loads(pickle.dumps(Cleaner(bundled=False, profile=profile)))
    assert c.profile == profile and c.profile is not None



# ---- the document's rule budget ------------------------------------------------------------------------------------

class _Timed:
    """A compiled regex that records the timeout each call was given (the rule budget left, capped at 1 s)."""

    def __init__(self, source: str) -> None:
        self.real, self.timeouts = regex.compile(source, regex.V0), []

    def fullmatch(self, s: str, timeout: float | None = None) -> Any:
        self.timeouts.append(timeout)
        return self.real.fullmatch(s, timeout=timeout)

    def finditer(self, s: str, timeout: float | None = None) -> Any:
        self.timeouts.append(timeout)
        return self.real.finditer(s, timeout=timeout)


@pytest.mark.parametrize(("budget", "filler", "low", "high"), [
    (0.2, 0, 0.0, 0.2),  # a small document: the budget as given
    (0.5, 2_000_000, 0.55, 1.0),  # 2 million characters: twice the budget (1 s, the per-call limit)
    (None, 0, 1.0, 1.0),  # no budget: each call has the per-call limit, 1 s
])
def test_each_rule_call_gets_what_is_left_of_the_documents_budget(budget: float | None, filler: int, low: float,
                                                                  high: float) -> None:
    timed = _Timed(r"【星河文库】")
    tag = _rule("ad.xinghe-tag", "inline", ["星河文库"], r"【星河文库】", compiled=timed)
    c = Cleaner(CleanerConfig(bundled=False, extra=(tag,), rule_budget=budget))
    r = c.clean(HEAD + "他推开了门。【星河文库】" + END + "\n" + "长" * filler)
    assert r.text.startswith(HEAD + "他推开了门。" + END)
    assert timed.timeouts and all(low <= t <= high for t in timed.timeouts), timed.timeouts


def test_the_cleaners_max_blank_lines_shapes_a_document_with_nothing_removed() -> None:
    r = Cleaner(CleanerConfig(bundled=False, max_blank_lines=2)).clean("他推开了门。\n\n\n\n\n母亲站在门前等他。")
    assert r.text == "他推开了门。\n\n\n母亲站在门前等他。" and r.removed == ()


def test_an_empty_document_has_no_lines() -> None:
    r = Cleaner(CleanerConfig(bundled=False)).clean("")
    assert (r.text, r.metadata.lines_in, r.metadata.lines_out) == ("", 0, 0)
