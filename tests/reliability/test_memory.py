"""The output is built in one join (no collapsed copy of the joined text): it must equal what the audit replay
gives, the kept lines joined and their blank runs collapsed. The peak-RSS measurement itself is
``benchmarks/memory.py`` (not a timed test)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleantext.audit import collapse_blank_lines
from cleantext.cleaner import join_kept

kept_lines = st.lists(st.none() | st.just("") | st.sampled_from([" ", "正文。", "第一章", "a  b"]), max_size=30)


@given(kept=kept_lines, max_blank=st.sampled_from([-1, 0, 1, 2, 3]))
def test_one_join_equals_joining_then_collapsing(kept: list[str | None], max_blank: int) -> None:
    expected = collapse_blank_lines("\n".join(line for line in kept if line is not None), max_blank)
    assert join_kept(kept, max_blank) == expected


def test_blank_runs_and_edges_are_collapsed() -> None:
    kept = ["", None, "标题", "", "", "", None, "正文。", "", None, ""]
    assert join_kept(kept, 1) == "标题\n\n正文。"
    assert join_kept(kept, 0) == "标题\n正文。"
    assert join_kept(kept, -1) == "标题\n\n\n\n正文。"
