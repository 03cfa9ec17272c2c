"""The compiled keyword scan (hyperscan, the optional ``fast`` extra) finds exactly what the Python scan finds, and
a short line's remembered verdict is the verdict it would get afresh."""

from __future__ import annotations

import random
import threading

import pytest

from cleantext import Cleaner
from cleantext.evidence import fastscan
from cleantext.evidence.keyscan import KeywordScanner
from cleantext.evidence.rules import VERDICT_CHARS

needs_fast = pytest.mark.skipif(fastscan.hyperscan is None, reason="the fast extra (hyperscan) is not installed")

INDEX = {"qq": [0], "qq群": [1], "kefu": [2], "星河": [3], "星河文库": [4], "完": [5], "ｖｘ": [6], "s": [7],
         "微信": [8], "微信搜索": [9], "搜索": [10], "example-novel.com": [11], "": []}
ALPHABET = [*"qQ群kK\u212aefuFU星河文库完ｖＶｘＸsSſ微信搜索 .-examplEnovcomM，。\n", "example-novel.com"]


def _texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 80))) for _ in range(n)]


def _as_sets(found: dict) -> list[tuple[int, set[int]]]:
    return [(line, set(ids)) for line, ids in found.items()]


def test_without_hyperscan_the_python_scan_runs():
    assert KeywordScanner(INDEX, fast=False).backend == "python"


@needs_fast
def test_the_two_scans_agree_on_lines_and_ids():
    pure, fast = KeywordScanner(INDEX, fast=False), KeywordScanner(INDEX, fast=True)
    assert fast.backend == "hyperscan"
    for text in _texts(3000):
        assert _as_sets(fast.lines(text)) == _as_sets(pure.lines(text)), text
        for line in text.split("\n"):
            assert fast.ids_in(line) == pure.ids_in(line), line


@needs_fast
@pytest.mark.parametrize(("line", "ids"), [
    ("加QQ群12345678", {0, 1}),          # overlapping keywords: qq and qq群
    ("\u212aEFU在线", {2}),              # the Kelvin sign is a k to regex's IGNORECASE
    ("ſ", {7}),                          # the long s is an s to regex's IGNORECASE: both scans fire the s keyword
    ("加ＶＸ", {6}),                      # full-width letters fold to their own case pair
    ("微信搜索星河文库", {3, 4, 8, 9, 10}),
    ("没有关键词的一行", set()),
])
def test_case_variants_and_overlaps(line, ids):
    for fast in (False, True):
        assert KeywordScanner(INDEX, fast=fast).ids_in(line) == ids


@needs_fast
@pytest.mark.xfail(strict=True, reason="open bug (session 8, found re-measuring keyscan's mutants): the scans fold "
                   "the dotted capital I (U+0130) differently: the Python scan finds the keyword İ in İ only, the "
                   "compiled scan also in i and I, and regex's IGNORECASE (what the rules use) in i and İ")
def test_the_two_scans_agree_on_the_dotted_capital_i():
    pure, fast = KeywordScanner({"İ": [0]}, fast=False), KeywordScanner({"İ": [0]}, fast=True)
    assert [pure.ids_in(t) for t in ("i", "I", "İ")] == [fast.ids_in(t) for t in ("i", "I", "İ")]


@needs_fast
def test_a_lone_surrogate_falls_back_to_the_python_scan():
    fast = KeywordScanner(INDEX, fast=True)
    assert fast.ids_in("qq\ud800群") == KeywordScanner(INDEX, fast=False).ids_in("qq\ud800群") == {0}



@needs_fast
def test_the_python_scan_is_compiled_only_when_a_text_needs_it():
    fast, pure = KeywordScanner(INDEX, fast=True), KeywordScanner(INDEX, fast=False)
    texts = [t for t in _texts(200, seed=3) if t]
    assert [_as_sets(fast.lines(t)) for t in texts] == [_as_sets(pure.lines(t)) for t in texts]
    assert "_regex" not in vars(fast) and "_pairs" not in vars(fast)  # the compiled scan took every text
    for text in ("qq\ud800群\n星河文库 完", "微信\udfff搜索"):
        assert _as_sets(fast.lines(text)) == _as_sets(pure.lines(text))
        assert [fast.ids_in(line) for line in text.split("\n")] == [pure.ids_in(line) for line in text.split("\n")]
    assert vars(fast)["_regex"] is not None and vars(fast)["_pairs"] is not None

@needs_fast
def test_a_cleaner_gives_the_same_result_with_either_scan(monkeypatch):
    doc = ("星河文库 www.example-novel.com 独家首发\n第一章 山路\n"
           + "少年沿着山路走了一天，直到看见村口的老槐树。\n" * 3
           + "班主任建了一个家长QQ群，方便通知放假安排。\n本章完\n更多精彩小说请访问 www.example-novel.com\n")
    fast = Cleaner().clean(doc)
    monkeypatch.setenv("CLEANTEXT_KEYSCAN", "pure")
    pure_cleaner = Cleaner()
    assert pure_cleaner.pattern_set._scanner.backend == "python"
    pure = pure_cleaner.clean(doc)
    assert (fast.text, fast.metadata, fast.removed) == (pure.text, pure.metadata, pure.removed)


def test_a_remembered_verdict_is_the_fresh_one():
    stamp = "本资料由星河文库整理，仅供学习交流"
    assert len(stamp) <= VERDICT_CHARS
    body = "\n".join(["第三期工作简报", stamp, *["各项工作稳步推进，全年目标全部完成。"] * 12, stamp])
    cleaner = Cleaner()
    first = cleaner.clean(body)
    assert cleaner.pattern_set.verdicts  # the short lines were remembered
    again = cleaner.clean(body)
    fresh = Cleaner().clean(body)
    assert (again.text, again.removed) == (first.text, first.removed) == (fresh.text, fresh.removed)


@needs_fast
def test_threads_can_share_a_scanner():
    fast, pure = KeywordScanner(INDEX, fast=True), KeywordScanner(INDEX, fast=False)
    texts = _texts(200, seed=3)
    want = [_as_sets(pure.lines(t)) for t in texts]
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                assert [_as_sets(fast.lines(t)) for t in texts] == want
        except BaseException as err:  # reported below
            errors.append(err)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
