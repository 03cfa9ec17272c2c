"""Whole-line rules read Markdown through: the words a reader sees decide, the original line is what goes."""

from __future__ import annotations

import pytest

from cleantext import Cleaner

RULE = """
[[pattern]]
id = "social.test-follow"
category = "social"
scope = "line"
keywords = ["关注"]
max_length = 30
regex = '''点击上方蓝字关注我们'''
match = ["点击上方蓝字关注我们", "点击上方蓝字关注我们"]
keep = ["我们关注的是质量"]
"""
BODY = "今年各项工作稳步推进，群众满意度持续提升，全年目标全部完成。"


@pytest.fixture(scope="module")
def cleaner(tmp_path_factory):
    f = tmp_path_factory.mktemp("p") / "mine.toml"
    f.write_text(RULE, encoding="utf-8")
    return Cleaner(bundled=False, patterns=(str(f),))


@pytest.mark.parametrize("line", [
    "> **点击上方蓝字关注我们**",
    "- 点击上方**蓝字**关注我们",
    "## 点击上方[蓝字](https://example.com/a)关注我们",
])
def test_markdown_wrapped_line_is_read_through(cleaner, line):
    r = cleaner.clean(f"标题\n{BODY}\n{line}\n{BODY}")
    assert line not in r.text.splitlines()
    assert [(x.rule, x.text) for x in r.removed] == [("social.test-follow", line)]


def test_read_through_never_widens_a_rule(cleaner):
    line = "> **点击上方蓝字关注我们，了解更多关于本次活动的详细安排和报名方式**"
    assert line in cleaner.clean(f"标题\n{BODY}\n{line}\n{BODY}").text.splitlines()
