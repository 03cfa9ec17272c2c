"""Behaviour of ``cleaner.py`` itself that no test pinned down (issue 16): how kept lines are joined, the config's
checks and conversions, which ids ``disable`` switches off, the size limit, the metadata the cleaner fills in, the
process-wide default Cleaner and prepared documents. Every text is invented for this file."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleantext import Cleaner, CleanerConfig, clean
from cleantext.cleaner import _disabled, default_cleaner, join_kept
from cleantext.errors import InputTooLargeError, PatternError

BODY = "第一章 回家\n那天傍晚，他背着行李走过村口的小桥。\n"
AD = "扫码关注公众号：星河文库"  # a whole-line call to follow an account: removed, its account recorded
END = "母亲站在门前等他。"


# ---- join_kept -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("max_blank", "expected"), [
    (0, "甲\n乙\n丙"),
    (1, "甲\n\n乙\n丙"),
    (2, "甲\n\n\n乙\n丙"),
    (-1, "甲\n\n\n\n乙\n丙"),  # negative: blank runs are kept as they are
])
def test_join_kept_shrinks_blank_runs_and_drops_removed_lines(max_blank: int, expected: str) -> None:
    # Removed lines (None) count for nothing; the run between 甲 and 乙 is three blank lines long.
    kept: list[str | None] = ["甲", "", None, "", "", "乙", None, "丙"]
    assert join_kept(kept, max_blank) == expected


def test_join_kept_drops_blank_lines_at_both_edges() -> None:
    assert join_kept(["", "", "甲", "", "乙", "", ""], 1) == "甲\n\n乙"
    assert join_kept([None, "", None], 1) == ""


# ---- CleanerConfig -------------------------------------------------------------------------------------------------

def test_an_unknown_decode_errors_mode_is_refused_by_name() -> None:
    with pytest.raises(ValueError) as err:
        CleanerConfig(decode_errors="loose")
    assert str(err.value) == "decode_errors must be tolerant, strict or replace, not 'loose'"


@pytest.mark.parametrize("mode", ["tolerant", "strict", "replace"])
def test_each_decode_errors_mode_is_accepted(mode: str) -> None:
    assert CleanerConfig(decode_errors=mode).decode_errors == mode


def test_one_path_or_id_becomes_a_tuple_of_one_str() -> None:
    assert CleanerConfig(patterns="mine.yaml").patterns == ("mine.yaml",)
    assert CleanerConfig(patterns=Path("rules") / "mine.yaml").patterns == (str(Path("rules") / "mine.yaml"),)
    assert CleanerConfig(disable="ad.").disable == ("ad.",)
    assert CleanerConfig(disable=["ad.", Path("x")]).disable == ("ad.", "x")  # type: ignore[list-item]
    assert hash(CleanerConfig(patterns=["a.yaml"], disable=["ad."])) == hash(CleanerConfig(patterns=("a.yaml",),
                                                                                           disable=("ad.",)))


def _shop_rules(tmp_path: Path) -> Path:
    f = tmp_path / "mine.toml"
    f.write_text('''
[[pattern]]
id = "ad.my-moon-shop"
category = "ad"
scope = "line"
keywords = ["小店"]
regex = \'\'\'欢迎光临\\S{2,6}小店\'\'\'
match = ["欢迎光临月亮小店", "欢迎光临星星小店"]
keep = ["我们去了街角的小店买书。"]
''', encoding="utf-8")
    return f


def test_extra_patterns_is_the_older_name_of_patterns(tmp_path: Path) -> None:
    rules = _shop_rules(tmp_path)
    with pytest.warns(DeprecationWarning, match="extra_patterns is deprecated"):
        c = Cleaner(extra_patterns=[rules], bundled=False)
    assert c.config.patterns == (str(rules),)
    assert [p.id for p in c.patterns] == ["ad.my-moon-shop"]
    assert c.clean("标题\n欢迎光临月亮小店\n正文一段。").text == "标题\n正文一段。"


def test_only_the_users_own_files_are_guarded(tmp_path: Path) -> None:
    rules = _shop_rules(tmp_path)
    assert Cleaner(bundled=True).user_files == frozenset()
    assert Cleaner(patterns=[rules]).user_files == frozenset({str(rules)})


# ---- disable -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("pattern_id", "disable", "off"), [
    ("social.wx-scan", ["social.wx-scan"], True),
    ("social.wx-scan", ["social."], True),         # a trailing dot: the whole category
    ("social.wx-scan", ["social"], False),         # without it, only an id of exactly that name
    ("social.wx-scan", ["social.wx"], False),      # nor a prefix of an id
    ("socialite.x", ["social."], False),
    ("social.wx-scan", [], False),
    ("social.wx-scan", ["ad.", "social.wx-scan"], True),
])
def test_disabled(pattern_id: str, disable: list[str], off: bool) -> None:
    assert _disabled(pattern_id, disable) is off


def test_a_disabled_category_has_no_active_rule() -> None:
    on = {p.id for p in Cleaner().patterns}
    off = {p.id for p in Cleaner(disable=["social."]).patterns}
    assert any(i.startswith("social.") for i in on)
    assert not any(i.startswith("social.") for i in off)
    assert on - off == {i for i in on if i.startswith("social.")}


def test_repr_counts_the_active_rules() -> None:
    c = Cleaner(disable=["social."])
    assert repr(c) == f"Cleaner({len(c.patterns)} patterns)"
    assert len(c.patterns) < len(Cleaner().patterns)


# ---- max_bytes -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", [bytes, bytearray])
def test_an_input_over_max_bytes_is_refused_and_one_at_it_is_not(kind: type) -> None:
    data = (BODY + END).encode()
    c = Cleaner(max_bytes=len(data))
    assert c.clean(kind(data)).text == BODY + END
    with pytest.raises(InputTooLargeError) as err:
        Cleaner(max_bytes=len(data) - 1).clean(kind(data))
    assert str(err.value) == "the input is 0 MB, over the limit of 0 MB (CleanerConfig.max_bytes)"


def test_the_size_message_is_in_megabytes() -> None:
    with pytest.raises(InputTooLargeError) as err:
        Cleaner(max_bytes=2_000_000).clean(b"a" * 3_000_000)
    assert str(err.value) == "the input is 3 MB, over the limit of 2 MB (CleanerConfig.max_bytes)"


# ---- what clean() puts together ------------------------------------------------------------------------------------

def test_a_removed_line_is_recorded_and_its_account_kept_as_a_contact() -> None:
    r = Cleaner().clean((BODY + AD + "\n\n\n\n" + END).encode("gb18030"))
    assert r.text == BODY + "\n" + END  # the blank run that the removal left is one blank line
    assert [(x.line, x.start, x.end, x.text) for x in r.removed] == [(3, 0, len(AD), AD)]
    assert r.removed[0].category == "social"
    m = r.metadata
    assert (m.title, m.encoding, m.confidence, m.lines_in, m.lines_out) == ("第一章 回家", "gb18030", 0.9, 5, 4)
    assert m.contacts["gongzhonghao"] == ["星河文库"] and m.warnings == []


def test_a_document_with_nothing_removed_is_its_normalized_text() -> None:
    r = Cleaner().clean(BODY + "\n\n\n" + END + "  \n\n")
    assert r.text == BODY + "\n" + END == r.normalized
    assert r.removed == () and (r.metadata.lines_in, r.metadata.lines_out) == (4, 4)


def test_the_confidence_is_rounded_to_four_places() -> None:
    r = Cleaner().clean("星河文库年度总结".encode("gb18030"))  # chardet's own confidence, a long fraction
    assert r.metadata.confidence == round(r.metadata.confidence, 4) and 0 < r.metadata.confidence < 1
    assert str(r.metadata.confidence) == f"{r.metadata.confidence:.4f}".rstrip("0")


def test_a_mojibake_repair_is_named_in_the_warnings() -> None:
    # UTF-8 bytes that all decode as GBK: a lossless repair, so normalize adds no note of guessed characters.
    broken = "母亲站在门前等他回来".encode().decode("gbk")
    r = Cleaner().clean(BODY + broken)
    assert r.text == BODY + "母亲站在门前等他回来"
    assert r.metadata.warnings == ["mojibake repaired (utf8-as-gbk)"]


def test_the_decoders_warnings_come_first() -> None:
    r = Cleaner().clean((BODY + END).encode() + b"\x1a")
    assert r.metadata.warnings == ["removed 1 control character(s): U+001A ×1"]


def test_the_title_is_looked_for_in_the_first_64_lines_only() -> None:
    lines = ["。"] * 63 + ["年度工作总结"]
    assert Cleaner().clean("\n".join(lines)).metadata.title is not None
    assert Cleaner().clean("\n".join(["。"] * 64 + ["年度工作总结"])).metadata.title is None


# ---- the default Cleaner and clean() -------------------------------------------------------------------------------

def test_clean_without_options_uses_one_default_cleaner() -> None:
    assert default_cleaner() is default_cleaner()
    assert clean(BODY + AD).text == default_cleaner().clean(BODY + AD).text == BODY.rstrip("\n")


def test_clean_with_options_builds_a_cleaner_of_its_own() -> None:
    assert clean(BODY + AD, disable=["social."], zones=False).removed[0].rule == "structure.cta"
    assert default_cleaner().config == CleanerConfig()


# ---- prepared documents --------------------------------------------------------------------------------------------

def test_a_prepared_document_cleans_as_its_input() -> None:
    c = Cleaner()
    data = (BODY + AD + "\n" + END).encode("gb18030")
    assert c.clean(c.prepare(data)) == c.clean(data)


def test_a_prepared_document_is_refused_by_a_cleaner_that_reads_otherwise() -> None:
    doc = Cleaner().prepare((BODY + END).encode())
    with pytest.raises(ValueError) as err:
        Cleaner(max_blank_lines=2).clean(doc)
    assert str(err.value) == ("this document was prepared with encoding, decode_errors, max_blank_lines = "
                              "(None, 'tolerant', 1), and this Cleaner reads with (None, 'tolerant', 2): prepare it "
                              "with this Cleaner")


def test_a_prepared_document_over_the_cleaners_max_bytes_is_refused() -> None:
    data = (BODY + END).encode()
    doc = Cleaner().prepare(data)
    assert Cleaner(max_bytes=len(data)).clean(doc).text == BODY + END
    with pytest.raises(InputTooLargeError):
        Cleaner(max_bytes=len(data) - 1).clean(doc)
    assert Cleaner(max_bytes=1).clean(Cleaner().prepare(BODY + END)).text == BODY + END  # a str has no size


def test_the_size_message_rounds_megabytes_of_a_million_bytes() -> None:
    with pytest.raises(InputTooLargeError) as err:
        Cleaner(max_bytes=1_500_000).clean(b"a" * 1_500_001)
    assert str(err.value) == "the input is 2 MB, over the limit of 2 MB (CleanerConfig.max_bytes)"


def test_a_removal_keeps_the_reason_of_its_evidence() -> None:
    r = Cleaner(disable=["social."]).clean(BODY + AD)  # the structure detector takes it, and says why
    assert [(x.rule, x.why) for x in r.removed] == [("structure.cta", "call to action with an account")]


def test_a_pickled_cleaner_keeps_the_users_files(tmp_path: Path) -> None:
    import pickle

    rules = _shop_rules(tmp_path)
    c = pickle.loads(pickle.dumps(Cleaner(patterns=[rules])))
    assert c.user_files == frozenset({str(rules)}) and c.profile is None


def test_clean_without_options_is_the_default_cleaners_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    import cleantext.cleaner as cleaner_module

    monkeypatch.setattr(cleaner_module, "_default", None)
    first = default_cleaner()
    assert isinstance(first, Cleaner) and default_cleaner() is first
    monkeypatch.setattr(cleaner_module, "_default", Cleaner(disable=["social."]))
    assert [x.rule for x in clean(BODY + AD).removed] == ["structure.cta"]  # the default one was used


# ---- the deprecated name and duplicate ids (build_pattern_set) -----------------------------------------------------

def test_the_deprecation_warning_says_what_to_pass_and_points_at_the_caller(tmp_path: Path) -> None:
    rules = _shop_rules(tmp_path)
    with pytest.warns(DeprecationWarning) as caught:
        Cleaner(extra_patterns=[rules], bundled=False)
    [w] = caught.list
    assert str(w.message) == "extra_patterns is deprecated: pass patterns=... (the same files)"
    # stacklevel: the warning points at the code that built the Cleaner (this file), never into cleantext itself
    import cleantext

    assert not w.filename.startswith(str(Path(cleantext.__file__).parent))


def test_a_users_rule_may_not_reuse_a_bundled_id(tmp_path: Path) -> None:
    bundled = Cleaner().patterns[0]
    f = tmp_path / "mine.toml"
    f.write_text(_shop_rules(tmp_path).read_text(encoding="utf-8").replace("ad.my-moon-shop", bundled.id)
                 .replace('category = "ad"', f'category = "{bundled.category}"'), encoding="utf-8")
    with pytest.raises(PatternError) as err:
        Cleaner(patterns=[f])
    [(where, pid, why)] = err.value.problems
    assert (where, pid) == (str(f), bundled.id) and why.startswith("duplicate id (also in ")


@pytest.mark.parametrize(("path", "where"), [("", "CleanerConfig.extra"), ("/invented/a.toml", "/invented/a.toml")])
def test_an_extra_rule_twice_is_refused_naming_where_both_came_from(path: str, where: str) -> None:
    import regex

    from cleantext.evidence.patterns import Pattern

    rule = Pattern(id="ad.xinghe-twice", category="ad", scope="line", keywords=("星河",), source="星河专供",
                   compiled=regex.compile("星河专供"), path=path)
    with pytest.raises(PatternError) as err:
        Cleaner(CleanerConfig(bundled=False, extra=(rule, rule)))
    assert err.value.problems == [(where, "ad.xinghe-twice", f"duplicate id (also in {where})")]
