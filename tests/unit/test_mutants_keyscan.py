"""Behaviour of the keyword scan that the mutation run of ``evidence/keyscan.py`` found unpinned (issue 16): the
empty keyword that is in every line, keywords that trigger no pattern but hold others inside them, and a match
whose lower-case form is no keyword (the long s). Each test states the outcome a pattern set relies on."""

from __future__ import annotations

import re

import pytest
import regex

from cleantext.evidence import fastscan
from cleantext.evidence.keyscan import KeywordScanner, cases_of, trie_source

BACKENDS = [False, pytest.param(True, marks=pytest.mark.skipif(fastscan.hyperscan is None,
                                                                reason="the fast extra (hyperscan) is not installed"))]


def _sets(found: dict) -> dict[int, set[int]]:
    return {line: set(ids) for line, ids in found.items()}


@pytest.mark.parametrize("fast", BACKENDS)
def test_an_empty_keyword_fires_on_every_line(fast: bool) -> None:
    # A pattern built in code with keyword "" runs on every line, next to the keywords found there.
    scanner = KeywordScanner({"": [7], "微信": [1], "qq": [2]}, fast=fast)
    assert _sets(scanner.lines("正文\n加微信\n\nQQ")) == {0: {7}, 1: {7, 1}, 2: {7}, 3: {7, 2}}
    assert scanner.ids_in("加微信") == {7, 1}
    assert scanner.ids_in("没有关键词") == {7}
    assert scanner.lines("") == {}


@pytest.mark.parametrize("fast", BACKENDS)
def test_a_keyword_with_no_pattern_still_lets_the_keywords_inside_it_fire(fast: bool) -> None:
    # "xy" triggers nothing itself, but the scan finds it first at position 0: the "y" inside must still fire.
    scanner = KeywordScanner({"xy": [], "y": [1]}, fast=fast)
    assert _sets(scanner.lines("axy\n正文\nxy")) == {0: {1}, 2: {1}}
    assert scanner.ids_in("xy") == {1}


def test_a_second_keyword_with_no_pattern_on_a_line_still_lets_its_inner_keywords_fire() -> None:
    # "x" leaves the line with no ids; "xy" (no ids either) holds "y": the shortcut for a repeated keyword must
    # not skip the inner try.
    scanner = KeywordScanner({"x": [], "xy": [], "y": [1]}, fast=False)
    assert _sets(scanner.lines("x xy")) == {0: {1}}
    assert scanner.ids_in("x xy") == {1}


def test_a_line_after_a_line_of_one_keyword_gets_its_own_ids() -> None:
    # The shortcut that shares one id tuple between lines of a single keyword must not leak into the next line.
    scanner = KeywordScanner({"vx": [0], "qq": [1], "xq": [2]}, fast=False)
    found = _sets(scanner.lines("vx\nvx qq\nvxq\nqq"))
    assert found == {0: {0}, 1: {0, 1}, 2: {0, 2}, 3: {1}}


def test_the_two_scans_fill_the_same_line_together() -> None:
    # A CJK keyword (pair scan) and an ASCII one (trie) on one line: both scans add to that line's ids.
    scanner = KeywordScanner({"微信": [0], "vx": [1], "群": [2]}, fast=False)
    assert _sets(scanner.lines("vx 微信\n群\nvx")) == {0: {0, 1}, 1: {2}, 2: {1}}
    assert list(scanner.lines("群\nvx\n微信 vx")) == [0, 1, 2]  # in line order


def test_a_long_s_inside_a_match_triggers_what_regex_would() -> None:
    # "qſ" is matched by the trie (ſ is an s to regex) and so is "ſx" inside it: both trigger their keywords.
    scanner = KeywordScanner({"qs": [0], "sx": [1], "x": [2]}, fast=False)
    assert scanner.ids_in("qſx") == {0, 1, 2}
    assert _sets(scanner.lines("qſx")) == {0: {0, 1, 2}}


@pytest.mark.parametrize("fast", BACKENDS)
def test_a_keyword_across_a_line_break_never_fires(fast: bool) -> None:
    # Patterns run within a line, so a keyword holding "\n" can match nowhere, not even across two lines.
    scanner = KeywordScanner({"星\n河": [0], "河": [1]}, fast=fast)
    assert _sets(scanner.lines("星\n河")) == {1: {1}}


def test_the_default_backend_is_the_compiled_one_when_it_is_installed() -> None:
    expected = "hyperscan" if fastscan.available() else "python"
    assert KeywordScanner({"qq": [0]}).backend == expected
    assert KeywordScanner({"qq": [0]}, fast=False).backend == "python"


def test_the_trie_takes_the_longest_keyword_at_a_position() -> None:
    source = trie_source(["微信", "微信搜索", "ab"])
    assert regex.match(source, "微信搜索号").group() == "微信搜索"
    assert regex.match(source, "微信号").group() == "微信"
    assert regex.match(source, "AB").group() == "AB"
    assert regex.match(source, "微") is None


def test_case_variants_are_those_of_regex_ignorecase() -> None:
    assert cases_of("k") == ["k", "K", "\u212a"]
    assert cases_of("微") == ["微"]
    assert set(cases_of("s")) == {"s", "S", "\u017f"}


def test_the_longest_keyword_wins_when_two_first_characters_share_a_case() -> None:
    scanner = KeywordScanner({"s": [0], "ſx": [1]}, fast=False)
    assert bool(regex.search("ſx", "sx", regex.IGNORECASE))
    assert scanner.ids_in("sx") == {0, 1}


# Session 8 (the run on f1a8669): the survivors below are behaviour, not shortcuts.


def test_a_deeper_keyword_character_matches_only_its_own_cases() -> None:
    # Below the first level a character is a class of its cases: "ak" is "aK" and "a" + Kelvin sign, never "aX",
    # so in "aX" only the keyword "a" is found, and a line with no keyword is not listed.
    source = trie_source(["ak"])
    assert [re.fullmatch(source, t) is not None for t in ("ak", "aK", "a\u212a", "aX", "a|")] == [
        True, True, True, False, False]
    scanner = KeywordScanner({"ak": [0], "a": [1]}, fast=False)
    assert scanner.ids_in("aX") == {1}
    assert scanner.lines("aX\naK") == {0: (1,), 1: (0, 1)}
    assert KeywordScanner({"ak": [0]}, fast=False).lines("aX\nak") == {1: (0,)}


def test_a_spelling_whose_case_key_is_no_keywords_fires_nothing() -> None:
    # regex IGNORECASE takes İ for i, and i for I, but not İ for I: the scan's class for the İ of a keyword also
    # holds I, and what it matches there has a case key no keyword has. Such a match fires nothing (as regex finds
    # no keyword), in the pair scan (星İ), the trie (xİ) and a try inside a match (bİ inside qbI).
    assert not regex.search("星İ", "星I", regex.IGNORECASE)
    assert not regex.search("bİ", "qbI", regex.IGNORECASE)
    scanner = KeywordScanner({"星İ": [0], "qb": [1], "bİ": [2], "xİ": [3]}, fast=False)
    assert scanner.ids_in("星I") == set()
    assert scanner.ids_in("xI") == set()
    assert scanner.ids_in("qbI") == {1}
    assert _sets(scanner.lines("正文\nqbI")) == {1: {1}}
    assert scanner.ids_in("星İ xİ bİ") == {0, 2, 3}


@pytest.mark.skipif(fastscan.hyperscan is None, reason="the fast extra (hyperscan) is not installed")
def test_lines_fall_back_to_the_python_scan_when_the_compiled_one_refuses_the_text() -> None:
    # A lone surrogate cannot be encoded as UTF-8: the compiled scan gives up and the Python scan answers.
    scanner = KeywordScanner({"vx": [0], "群": [1]}, fast=True)
    assert scanner.backend == "hyperscan"
    assert scanner.lines("加群\nvx\ud800") == {0: (1,), 1: (0,)}
