"""The deprecated ``extra_patterns`` alias and the rules of ``CleanerConfig.extra`` (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleantext import Cleaner, CleanerConfig
from cleantext.errors import PatternError
from cleantext.evidence.patterns import parse_toml
from cleantext.integrations.batch import cleaner_for

RULE = """[[pattern]]
id = "ad.test-xinghe-stamp"
category = "ad"
scope = "line"
keywords = ["星河文库"]
regex = '星河文库专供'
match = ["星河文库专供", " 星河文库专供 "]
keep = ["星河文库是一个名字。"]
"""
DOC = "星河文库专供\n正文，第一段。"


def test_extra_patterns_still_works_but_warns(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(RULE, encoding="utf-8")
    with pytest.warns(DeprecationWarning, match="patterns="):
        cleaner = Cleaner(bundled=False, extra_patterns=[path])
    assert cleaner.config.patterns == (str(path),)
    assert cleaner.clean(DOC).text == "正文，第一段。"
    with pytest.warns(DeprecationWarning):
        assert cleaner_for(bundled=False, extra_patterns=[path]).config.patterns == (str(path),)


def test_an_extra_rule_may_not_reuse_an_id() -> None:
    [rule], _ = parse_toml(RULE, "mine.toml")
    assert Cleaner(CleanerConfig(bundled=False, extra=(rule,))).clean(DOC).text == "正文，第一段。"
    with pytest.raises(PatternError, match="duplicate id"):
        Cleaner(CleanerConfig(bundled=False, extra=(rule, rule)))
    bundled = Cleaner().patterns[0]
    text = RULE.replace("ad.test-xinghe-stamp", bundled.id).replace('"ad"', f'"{bundled.category}"')
    [clash], _ = parse_toml(text, "mine.toml")
    with pytest.raises(PatternError, match=bundled.id):
        Cleaner(CleanerConfig(extra=(clash,)))
