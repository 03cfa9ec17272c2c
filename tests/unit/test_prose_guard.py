"""A user's pattern file that would take a document's prose is not applied to it, and the result says so."""

from __future__ import annotations

from cleantext import Cleaner
from cleantext.decide import MAX_PROSE_SHARE, refuse_prose_takers
from cleantext.evidence import Evidence

GREEDY = """
[[pattern]]
id = "ad.greedy"
category = "ad"
scope = "line"
keywords = ["今年"]
regex = '''今年.*。'''
match = ["今年的广告位招租。", "今年广告火热招商中。"]
keep = ["去年的工作"]
"""
PROSE = ["今年学校新建了两间实验室，学生的动手能力明显提高。", "今年社区开展了十二次义诊，惠及居民三千余人次。",
         "今年图书馆延长了开放时间，借阅量同比增长两成。", "明年我们将继续完善服务，争取更多居民的支持。"]


def test_a_user_file_that_takes_prose_is_not_applied(tmp_path):
    f = tmp_path / "greedy.toml"
    f.write_text(GREEDY, encoding="utf-8")
    r = Cleaner(bundled=False, patterns=(str(f),)).clean("工作汇报\n" + "\n".join(PROSE))
    assert r.removed == () and all(line in r.text for line in PROSE)
    assert any("greedy.toml" in w and "not applied" in w for w in r.metadata.warnings)


def test_a_user_file_that_takes_one_line_still_applies(tmp_path):
    f = tmp_path / "greedy.toml"
    f.write_text(GREEDY, encoding="utf-8")
    doc = "工作汇报\n今年的广告位招租。\n" + "\n".join(PROSE[3:] * 4)
    r = Cleaner(bundled=False, patterns=(str(f),)).clean(doc)
    assert [x.text for x in r.removed] == ["今年的广告位招租。"] and r.metadata.warnings == []


def test_only_guarded_files_are_refused():
    lines = PROSE * 2
    ev = [Evidence(i, "ad.x", "ad", origin="mine.toml") for i in range(len(lines))]
    kept, warnings = refuse_prose_takers(lines, ev, frozenset({"mine.toml"}))
    assert kept == [] and len(warnings) == 1 and MAX_PROSE_SHARE < 1
    kept, warnings = refuse_prose_takers(lines, ev, frozenset({"other.toml"}))
    assert kept == ev and warnings == []
