"""Pattern files: every kind of unusable file is refused at load time with file, pattern id and reason; at run time
a regex that is slow on one document raises RuleTimeoutError for that document instead of hanging."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from cleantext import Cleaner, CleanerConfig, PatternError, RuleTimeoutError
from cleantext.evidence.patterns import Pattern, load_file, load_patterns

GOOD = """
[meta]
title = "星河文稿 test patterns"

[[pattern]]
id = "credit.star-river"
category = "credit"
scope = "line"
keywords = ["星河文稿"]
regex = '''星河文稿(?:独家)?整理'''
match = ["星河文稿整理", "星河文稿独家整理"]
keep = ["我们在星河文稿整理小组工作了三年，收获很多。"]
"""


def _write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


def _problems(path: Path) -> list[tuple[str, str | None, str]]:
    with pytest.raises(PatternError) as info:
        load_file(path)
    message = str(info.value)
    for file, pid, reason in info.value.problems:
        assert file == str(path) and file in message and reason in message
        assert pid is None or repr(pid) in message
    return info.value.problems


def test_the_good_file_loads(tmp_path: Path) -> None:
    [p] = load_file(_write(tmp_path, GOOD))
    assert (p.id, p.scope, p.path) == ("credit.star-river", "line", str(tmp_path / "mine.toml"))


def test_invalid_toml(tmp_path: Path) -> None:
    [(_, pid, reason)] = _problems(_write(tmp_path, GOOD.replace("[[pattern]]", "[[pattern]", 1)))
    assert pid is None and reason.startswith("invalid TOML:")


def test_unknown_key(tmp_path: Path) -> None:
    [(_, pid, reason)] = _problems(_write(tmp_path, GOOD + 'colour = "red"\n'))
    assert pid == "credit.star-river" and reason.startswith("unknown key(s) 'colour'")


def test_missing_field(tmp_path: Path) -> None:
    text = "\n".join(line for line in GOOD.splitlines() if not line.startswith("regex"))
    [(_, pid, reason)] = _problems(_write(tmp_path, text))
    assert pid == "credit.star-river" and reason == "missing field 'regex'"


def test_invalid_regex(tmp_path: Path) -> None:
    [(_, pid, reason)] = _problems(_write(tmp_path, GOOD.replace("(?:独家)?", "(独家")))
    assert pid == "credit.star-river" and reason.startswith("invalid regex:")


def test_duplicate_id_across_two_files(tmp_path: Path) -> None:
    first, second = _write(tmp_path, GOOD, "a.toml"), _write(tmp_path, GOOD, "b.toml")
    with pytest.raises(PatternError) as info:
        load_patterns([first, second])
    assert info.value.problems == [(str(second), "credit.star-river", f"duplicate id (also in {first})")]
    with pytest.raises(PatternError):
        Cleaner(patterns=[str(tmp_path)])  # a folder holding both files


@pytest.mark.parametrize(("edit", "says"), [
    (("星河文稿独家整理", "星河文稿独家整理完毕"), "match example not matched as a whole line: '星河文稿独家整理完毕'"),
    (("我们在星河文稿整理小组工作了三年，收获很多。", "星河文稿整理"), "keep example would be removed: '星河文稿整理'"),
    (('keywords = ["星河文稿"]', 'keywords = ["星河"]\nmax_length = 3'), "match example not matched as a whole line"),
])
def test_pattern_failing_its_own_examples(tmp_path: Path, edit: tuple[str, str], says: str) -> None:
    problems = _problems(_write(tmp_path, GOOD.replace(*edit)))
    assert any(pid == "credit.star-river" and reason.startswith(says) for _, pid, reason in problems), problems


def _pattern(pid: str, scope: str, keywords: list[str], regex: str, match: list[str], keep: list[str]) -> str:
    q = lambda xs: "[" + ", ".join(f"'''{x}'''" for x in xs) + "]"  # noqa: E731
    return (f'[[pattern]]\nid = "{pid}"\ncategory = "{pid.split(".")[0]}"\nscope = "{scope}"\n'
            f"keywords = {q(keywords)}\nregex = '''{regex}'''\nmatch = {q(match)}\nkeep = {q(keep)}\n\n")


# Truly catastrophic for the regex module: overlapping alternatives under a repeat (exponential) and a lazy dot
# repeated eleven times before a literal that never comes (polynomial).
CATASTROPHIC = [
    ("promo.overlap-a", "line", ["a"], r"(a|aa)+$", ["aaa", "aa"], ["bbb"]),
    ("contact.overlap-qq", "line", ["QQ"], r"QQ[:：]?(?:[0-9]|[0-9０-９])+", ["QQ12345", "QQ：１２３45"],
     ["QQ群里讨论了很久。"]),
    ("promo.lazy-commas", "inline", ["完"], r"(?:.*?，){11}完", ["一，" * 11 + "完", "甲，" * 12 + "完"], ["完成了。"]),
]


@pytest.mark.parametrize("spec", CATASTROPHIC, ids=[s[0] for s in CATASTROPHIC])
def test_catastrophic_backtracking_is_refused(tmp_path: Path, spec: tuple) -> None:
    [(_, pid, reason)] = _problems(_write(tmp_path, _pattern(*spec)))
    assert pid == spec[0] and reason.startswith("catastrophic backtracking")


# Nested quantifiers the regex module happens to run in linear time (it does not retry a repeat it already failed):
# still refused, by reading the regex (evidence/redos.py), since a small change of the rule or the engine makes
# them explode, and they fail at once on the inputs that would hang a backtracking engine such as Python's re.
NESTED = [
    ("promo.nested-a", "line", ["a"], r"(a+)+$", ["aaa", "aaaa"], ["bbb"], "a" * 100 + "!"),
    ("promo.digits-x", "line", ["x"], r"(\d+\s?)+x", ["12 34x", "5x"], ["xyz"], "x" + "1" * 100 + "!"),
    ("promo.dot-a", "inline", ["a"], r"(.*a){12}", ["a" * 12, "ba" * 12], ["bbb"], "a" * 3000 + "!"),
]


@pytest.mark.parametrize("spec", NESTED, ids=[s[0] for s in NESTED])
def test_nested_quantifiers_are_refused_even_where_the_engine_copes(tmp_path: Path, spec: tuple) -> None:
    [(_, pid, reason)] = _problems(_write(tmp_path, _pattern(*spec[:6])))
    assert pid == spec[0] and reason.startswith("catastrophic backtracking: nested quantifiers")


def test_every_problem_of_a_file_is_listed_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("(?:独家)?", "(独家") + _pattern(*CATASTROPHIC[0]) + _pattern(*CATASTROPHIC[1])
    problems = _problems(_write(tmp_path, text))
    assert [pid for _, pid, _ in problems] == ["credit.star-river", "promo.overlap-a", "contact.overlap-qq"]


# None of the load-time check's adversarial inputs puts a run of letters after 下载, yet both alternatives match
# every letter, so 下载 + 48 letters that never reach 完 backtracks 2^48 ways. Reading the regex now refuses it
# (overlapping alternatives under a repeat); the run-time guard is tested with the rule built directly.
SLOW = ("promo.slow-download", ["下载"], r"下载(?:[a-z]|[a-z0-9])+完", ["下载b完", "下载c1完"], ["下载完成后请检查。"])


def _unchecked(pid: str, scope: str, keywords: list[str], source: str, shadow: bool = False) -> Pattern:
    """A rule built without the load-time check, as a rule that slipped past it would run."""
    return Pattern(id=pid, category=pid.split(".")[0], scope=scope, keywords=tuple(keywords), source=source,
                   compiled=regex.compile(source, regex.V0), shadow=shadow)


def test_the_slow_rule_is_refused_at_load_time(tmp_path: Path) -> None:
    [(_, pid, reason)] = _problems(_write(tmp_path, _pattern(SLOW[0], "line", *SLOW[1:])))
    assert pid == SLOW[0] and "overlapping alternatives under a repeat" in reason
SLOW_DOC = "年度总结\n下载" + "x" * 48 + "！\n正文。"


def _short_timeout(monkeypatch: pytest.MonkeyPatch, seconds: float = 0.05) -> None:
    import cleantext.evidence.patterns
    import cleantext.evidence.rules

    monkeypatch.setattr(cleantext.evidence.patterns, "RUN_TIMEOUT", seconds)
    monkeypatch.setattr(cleantext.evidence.rules, "RUN_TIMEOUT", seconds)


@pytest.mark.parametrize(("scope", "doc", "clean"), [
    ("line", "年度总结\n下载b完\n正文。", "年度总结\n正文。"),
    ("inline", "年度总结\n请把文件下载c1完再走。", "年度总结\n请把文件再走。"),
])
def test_slow_user_rule_raises_rule_timeout_instead_of_hanging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               scope: str, doc: str, clean: str) -> None:
    cleaner = Cleaner(CleanerConfig(extra=(_unchecked(SLOW[0], scope, SLOW[1], SLOW[2]),), bundled=False))
    assert cleaner.clean(doc).text == clean  # the rule works on ordinary lines
    if scope == "inline":
        _short_timeout(monkeypatch)  # the line case runs with the real budget, patterns.RUN_TIMEOUT
    with pytest.raises(RuleTimeoutError) as info:
        cleaner.clean(SLOW_DOC)
    assert (info.value.rule, info.value.line) == ("promo.slow-download", 2)
    assert "timeout on line 2; the document was left uncleaned" in str(info.value)
    assert "Disable the rule" in str(info.value)


def test_slow_shadow_rule_raises_rule_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The letters b-h are not in the keyword, so the checker's repeated keyword does not trip it either.
    rule = _unchecked("site.slow-shadow", "line", ["xiazai"], r"xiazai(?:[b-h]|[b-h0-9])+wan", shadow=True)
    cleaner = Cleaner(CleanerConfig(extra=(rule,), bundled=False))
    assert cleaner.clean("年度总结\nｘｉａｚａｉｄｗａｎ\n正文。").text == "年度总结\n正文。"
    _short_timeout(monkeypatch)
    with pytest.raises(RuleTimeoutError) as info:
        cleaner.clean("年度总结\nｘｉａｚａｉ" + "ｂ" * 48 + "\n正文。")
    assert info.value.rule == "site.slow-shadow"


def test_a_file_of_shadow_rules_only_can_clean(tmp_path: Path) -> None:
    spec = _pattern("site.star-shadow", "line", ["xinghe"], r"xinghe(?:txt|wengao)(?:com|cn)",
                    ["ｘｉｎｇｈｅｔｘｔ．ｃｏｍ", "x i n g h e w e n g a o . c n"], ["xinghe"]) + "shadow = true\n"
    cleaner = Cleaner(patterns=[str(_write(tmp_path, spec))], bundled=False)
    assert cleaner.clean("年度总结\nｘｉｎｇｈｅｔｘｔ．ｃｏｍ\n正文。").text == "年度总结\n正文。"


def test_slow_rule_on_the_rest_of_a_cut_line_raises_rule_timeout(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # 131 characters: too long for the whole-line rule, until the bundled inline rule cuts its ten site marks.
    line = "下载" + "x" * 48 + "！" + "【青风书阁首发】" * 10
    cleaner = Cleaner(CleanerConfig(extra=(_unchecked(SLOW[0], "line", SLOW[1], SLOW[2]),)))
    _short_timeout(monkeypatch)
    with pytest.raises(RuleTimeoutError) as info:
        cleaner.clean(f"年度总结\n{line}\n正文，内容完整，讲的是今年的工作。")
    assert info.value.rule == "promo.slow-download"
