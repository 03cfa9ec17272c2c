"""``cleantext.learn`` end to end on a generated collection: what it proposes, what it must not, and the round trip
through the TOML file into an ordinary Cleaner."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from cleantext import Cleaner
from cleantext.evidence.patterns import check_pattern, load_file
from cleantext.learn import LearnConfig, learn, sample_removals
from cleantext.learn.output import to_report, to_toml

from .collection import HARD_NEGATIVE, LEGIT, make_collection, make_doc

DOCS = make_collection(120)


@pytest.fixture(scope="module")
def result():
    return learn([d.text for d in DOCS], LearnConfig(bundled=False))


@pytest.fixture(scope="module")
def learned_file(result, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("learn") / "learned.toml"
    path.write_text(to_toml(result), encoding="utf-8")
    return path


def _removed_by(result, line: str) -> list[str]:
    return [p.pattern.id for p in result.proposals if p.pattern.matches_line(line)]


def test_every_boilerplate_line_of_the_collection_is_covered(result):
    boiler = {line for d in DOCS for line in d.boilerplate}
    missed = sorted(line for line in boiler if not _removed_by(result, line))
    assert missed == []


def test_legitimate_repeated_lines_are_not_proposed(result):
    # A standard heading right after every title, an enumerated heading, a standard sentence in every body, a
    # standard closing line, a body line about a QQ group: all recur in all 120 documents.
    for line in LEGIT:
        assert _removed_by(result, line) == [], line
    assert {"基本情况", "以上报告,请予审议。"} <= {shape for shape, _, _ in result.dropped}


def test_an_evident_body_line_near_the_top_is_not_proposed():
    # The QQ-group sentence is the second body line of every document: near the top, and it names QQ, but a body
    # line (not a boilerplate run) separates it from the title.
    docs = make_collection(120, seed=3, negative_at=1)
    out = learn([d.text for d in docs], LearnConfig(bundled=False))
    assert _removed_by(out, HARD_NEGATIVE) == []
    assert [line for d in docs for line in d.body if _removed_by(out, line)] == []   # no title caught either
    assert any("edge run" in why for shape, _, why in out.dropped if shape.startswith("初二年级建了一个家长QQ群"))


def test_no_body_line_of_the_collection_is_removed(result):
    body = {line for d in DOCS for line in d.body}
    assert [line for line in body if _removed_by(result, line)] == []


def test_brand_names_are_generalized(result):
    # Four brands used the same credit line: one pattern with a name mask, which also knows a fifth brand.
    credit = [p for p in result.proposals if "<NAME>" in p.shape and "提供" in p.shape]
    assert len(credit) == 1
    assert credit[0].pattern.matches_line("此文由晨光文苑收集提供，仅限个人参考")
    assert credit[0].pattern.category == "credit" and credit[0].pattern.scope == "head"


def test_every_proposal_passes_the_pattern_checks(result):
    assert result.proposals
    for p in result.proposals:
        assert check_pattern(p.pattern) == [], p.pattern.id
        assert p.pattern.id.startswith(p.pattern.category + ".learned-")


def test_categories_and_scopes(result):
    by_shape = {p.shape: p.pattern for p in result.proposals}
    qq = by_shape["星河文稿整理,完整版请联系QQ:<QQ>"]
    assert (qq.category, qq.scope) == ("contact", "head")
    mark = by_shape["★星河文稿内部资料勿外传★"]
    assert (mark.category, mark.scope) == ("watermark", "line")  # between paragraphs: a whole-document scope
    assert by_shape["下载更多范文请访问<URL>"].scope == "tail"


def test_round_trip_through_the_toml_file(learned_file):
    patterns = load_file(learned_file)          # the file loads unchanged (every check passes)
    assert patterns
    cleaner = Cleaner(bundled=False, patterns=(str(learned_file),))
    rng = random.Random(2024)                   # new documents: unseen QQ numbers, an unseen brand name
    for family in ("a", "b", "c", "none"):
        doc = make_doc(rng, family, b_names=["晨光文苑"])
        kept = cleaner.clean(doc.text).text.splitlines()
        assert [line for line in kept if line.strip()] == doc.body


def test_bundled_patterns_first_leave_less_to_learn():
    # The bundled patterns already know the 星河文稿 QQ credit shape; learning after them must not propose it again,
    # and must still find what they do not know.
    result = learn([d.text for d in DOCS], LearnConfig(bundled=True))
    shapes = {p.shape for p in result.proposals}
    assert "星河文稿整理,完整版请联系QQ:<QQ>" not in shapes
    assert "更多精彩资料请关注星河文稿" in shapes
    for line in LEGIT:
        assert _removed_by(result, line) == []


def test_min_docs_scales_and_can_be_set(result):
    assert result.min_docs == 3
    strict = learn([d.text for d in DOCS], LearnConfig(bundled=False, min_docs=40))
    assert all(p.docs >= 40 for p in strict.proposals)
    assert len(strict.proposals) < len(result.proposals)


def test_report_lists_proposals_and_sample_removals(result):
    report = to_report(result, sample_removals(result))
    assert report.startswith("# Learned boilerplate")
    for p in result.proposals:
        assert f"`{p.pattern.id}`" in report
    assert "What the learned patterns remove on a sample of documents" in report
    assert "星河文稿整理" in report
    assert "Frequent shapes not proposed" in report and "基本情况" in report


def test_unreadable_documents_are_counted_not_fatal():
    out = learn([b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4] + [d.text for d in DOCS[:20]],
                LearnConfig(bundled=False))
    assert out.errors == 1 and out.documents == 20


def test_nothing_to_learn_gives_an_empty_file(tmp_path):
    out = learn(["只有一行正文。"] * 5, LearnConfig(bundled=False))
    assert out.proposals == []
    path = tmp_path / "empty.toml"
    path.write_text(to_toml(out), encoding="utf-8")
    assert load_file(path) == []
