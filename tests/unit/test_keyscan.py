"""The keyword scan against the obvious one: a pattern fires on a line exactly when one of its keywords occurs in
it, ignoring case as ``regex`` does, overlapping occurrences included."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.evidence.keyscan import KeywordScanner

ALPHABET = "vxqVXQk微信搜索群"
keywords = st.lists(st.text(ALPHABET, min_size=1, max_size=4).map(str.lower), min_size=1, max_size=6, unique=True)


def naive(index: dict[str, list[int]], line: str) -> set[int]:
    return {i for kw, ids in index.items() if regex.search(regex.escape(kw), line, regex.IGNORECASE) for i in ids}


@settings(max_examples=200, deadline=None)
@given(keywords, st.lists(st.text(ALPHABET + " \n", max_size=20), min_size=1, max_size=4))
def test_scan_finds_exactly_the_keywords_that_occur(words: list[str], lines: list[str]) -> None:
    index = {w: [k] for k, w in enumerate(words)}
    scanner = KeywordScanner(index, fast=False)
    text = "\n".join(lines)
    split = text.split("\n")
    for line in split:
        assert scanner.ids_in(line) == naive(index, line), line
    expected = {n: naive(index, line) for n, line in enumerate(split) if naive(index, line)}
    assert {n: set(ids) for n, ids in scanner.lines(text).items()} == expected


def test_overlapping_keywords_each_fire() -> None:
    scanner = KeywordScanner({"微信": [0], "微信搜索": [1], "搜索": [2], "vx": [3], "xq": [4]}, fast=False)
    assert scanner.ids_in("请微信搜索星河") == {0, 1, 2}
    assert scanner.ids_in("加VXQ") == {3, 4}
    assert scanner.ids_in("微信") == {0}
    assert scanner.ids_in("星河文库") == set()
    assert {n: set(v) for n, v in scanner.lines("正文\n微信搜索\n\nvx").items()} == {1: {0, 1, 2}, 3: {3}}


def test_a_keyword_matches_the_long_s_as_regex_does() -> None:
    # regex with IGNORECASE takes ſ (U+017F) for s; the scan looks its match up by str.lower(), which keeps ſ.
    scanner = KeywordScanner({"sx": [0]}, fast=False)
    assert bool(regex.search("sx", "ſx", regex.IGNORECASE))
    assert scanner.ids_in("ſx") == {0}
