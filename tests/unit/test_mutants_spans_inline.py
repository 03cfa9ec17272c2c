"""The inline half of the match module (issue 16): ``apply_inline`` and what it calls, ``Pattern.spans`` and the
time limits of one regex call (``_call_timeout``, ``_timed_out``). Each test kills mutants that survived
``tests/mutation/run_module.sh evidence/patterns`` (see tests/mutation/equivalent-spans.md)."""

from __future__ import annotations

import time
from typing import Any

import pytest
import regex

from cleantext.errors import RuleTimeoutError
from cleantext.evidence.patterns import (
    RUN_TIMEOUT,
    Pattern,
    _call_timeout,
    _timed_out,
    apply_inline,
    document_budget,
)


def _inline(source: str, compiled: Any = None) -> Pattern:
    return Pattern(id="ad.invented-inline", category="ad", scope="inline", keywords=("星河",), source=source,
                   compiled=compiled if compiled is not None else regex.compile(source, regex.V0))


class _SlowRegex:
    """A compiled regex that runs over its time: records the timeout it was given, then raises as ``regex`` does."""

    def __init__(self) -> None:
        self.timeouts: list[float] = []

    def finditer(self, line: str, timeout: float) -> Any:
        self.timeouts.append(timeout)
        raise TimeoutError("regex timed out")


def test_apply_inline_drops_empty_matches_and_cuts_the_others() -> None:
    p = _inline(r"(?:星河文库\d*)?")  # matches the empty string between characters too
    assert apply_inline(p, "正文星河文库12345678继续。") == "正文继续。"
    assert [m.span() for m in p.spans("星河文库，正文")] == [(0, 4)]  # no empty match kept
    assert apply_inline(p, "正文。") == "正文。"


def test_spans_are_match_objects_of_each_hit_in_order() -> None:
    p = _inline(r"【星河\d+】")
    hits = p.spans("甲【星河1】乙【星河22】丙")
    assert [(m.start(), m.end(), m.group()) for m in hits] == [(1, 6, "【星河1】"), (7, 13, "【星河22】")]


def test_a_call_over_its_time_is_the_rules_timeout_with_the_run_limit() -> None:
    slow = _SlowRegex()
    with pytest.raises(RuleTimeoutError) as err:
        _inline("星河", slow).spans("星河文库")
    assert slow.timeouts == [RUN_TIMEOUT]  # outside a document budget: the per-call limit
    e = err.value
    assert (e.rule, e.seconds, e.line, e.document) == ("ad.invented-inline", RUN_TIMEOUT, None, False)
    assert err.value.__cause__ is None and err.value.__suppress_context__  # `from None`: one error, no chain


def test_a_call_inside_a_budget_gets_what_is_left_and_its_timeout_names_the_budget() -> None:
    slow = _SlowRegex()
    with document_budget(0.5), pytest.raises(RuleTimeoutError) as err:
        _inline("星河", slow).spans("星河文库")
    [given] = slow.timeouts
    assert 0 < given <= 0.5  # what is left of the budget, below the per-call limit
    assert err.value.document and err.value.seconds == 0.5 and err.value.rule == "ad.invented-inline"


def test_call_timeout_is_the_run_limit_outside_a_budget_and_at_most_it_inside() -> None:
    assert _call_timeout("ad.x") == RUN_TIMEOUT
    with document_budget(100.0):
        assert _call_timeout("ad.x") == RUN_TIMEOUT  # a large budget: capped by the per-call limit
    with document_budget(0.4):
        left = _call_timeout("ad.x")
        assert 0.3 < left <= 0.4


def test_a_spent_budget_refuses_the_next_call_with_the_budget_named() -> None:
    with document_budget(0.01):
        time.sleep(0.03)
        with pytest.raises(RuleTimeoutError) as err:
            _call_timeout("ad.spent")
    assert (err.value.rule, err.value.seconds, err.value.document) == ("ad.spent", 0.01, True)


def test_a_rule_asked_after_the_budget_is_spent_is_named_in_the_timeout() -> None:
    with document_budget(0.01):
        time.sleep(0.03)
        with pytest.raises(RuleTimeoutError) as err:
            _inline("星河").spans("星河文库")
    assert (err.value.rule, err.value.document) == ("ad.invented-inline", True)


def test_a_timeout_is_the_documents_only_when_the_budget_limited_the_call() -> None:
    plain = _timed_out("ad.x", RUN_TIMEOUT)
    assert (plain.rule, plain.seconds, plain.document) == ("ad.x", RUN_TIMEOUT, False)
    with document_budget(3.0):
        limited = _timed_out("ad.x", 0.2)  # the call got less than the per-call limit: the budget ran out
        full = _timed_out("ad.x", RUN_TIMEOUT)  # it got the whole per-call limit: the rule itself is slow
    assert (limited.rule, limited.seconds, limited.document) == ("ad.x", 3.0, True)
    assert (full.seconds, full.document) == (RUN_TIMEOUT, False)
    assert _timed_out("ad.x", 0.2).document is False  # outside a budget, whatever the timeout

