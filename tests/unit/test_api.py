from __future__ import annotations

import json
import pickle

import pytest

import cleantext
from cleantext import Cleaner, PatternError, clean


def test_to_dict_has_exactly_the_documented_shape(lookalike):
    d = clean(lookalike[0].encode("gb18030")).to_dict()
    assert set(d) == {"schema_version", "text", "metadata", "removed"} and d["schema_version"] == 1
    md = d["metadata"]
    assert set(md) == {"title", "encoding", "confidence", "contacts", "distributors", "lines_in", "lines_out",
                       "warnings"}
    assert list(md["contacts"]) == ["qq", "qq_group", "wechat", "gongzhonghao", "phone", "email", "url"]
    assert all(isinstance(v, list) for v in md["contacts"].values())
    assert isinstance(md["confidence"], float) and isinstance(md["lines_in"], int)
    for r in d["removed"]:
        assert set(r) == {"rule", "category", "line", "start", "end", "text", "why"}
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d


def test_result_is_frozen():
    r = clean("标题\n正文。")
    before = r.text
    with pytest.raises(AttributeError):
        r.text = "x"  # type: ignore[misc]
    assert r.text == before == "标题\n正文。"


def test_cleaner_pickles_and_gives_the_same_results(lookalike):
    c = Cleaner()
    clone = pickle.loads(pickle.dumps(c))
    data = lookalike[0].encode("utf-16")
    assert clone.clean(data).to_dict() == c.clean(data).to_dict()


def test_empty_input_gives_an_empty_result():
    for data in (b"", "", "\n\n  \n", b"\xef\xbb\xbf"):
        r = clean(data)
        assert r.text == "" and r.metadata.title is None and r.removed == ()


def test_removals_point_into_the_normalized_text(lookalike):
    r = clean(lookalike[0])
    lines = r.normalized.split("\n")
    for rem in r.removed:
        assert lines[rem.line - 1][rem.start : rem.end] == rem.text


def test_explain_names_every_rule(lookalike):
    r = clean(lookalike[0])
    report = r.explain()
    for rem in r.removed:
        assert rem.rule in report
    assert "title:" in report and "\x1b[" not in report
    assert "\x1b[" in r.explain(color=True)


def test_disable_a_bundled_id_and_a_category(lookalike):
    text = lookalike[0]
    stamp = "仅供参考 请勿外传 用后即删除"
    base = clean(text)
    assert stamp not in base.text
    # Every rule that takes the stamp, switched off by id: the stamp comes back (more than one family may know it).
    takers = tuple(sorted({r.rule for r in base.removed if r.text.strip() == stamp}))
    off = clean(text, disable=takers)
    while stamp not in off.text:
        more = tuple(sorted({r.rule for r in off.removed if r.text.strip() == stamp}))
        assert more and not set(more) & set(takers), more
        takers += more
        off = clean(text, disable=takers)
    assert not {r.rule for r in off.removed} & set(takers)
    no_promo = clean(text, disable=("promo.",))
    assert not any(r.category == "promo" and r.rule.startswith("promo.") for r in no_promo.removed)


def test_user_pattern_file(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text('''
[[pattern]]
id = "ad.my-shop"
category = "ad"
scope = "line"
keywords = ["小店"]
regex = \'\'\'欢迎光临\\S{2,6}小店\'\'\'
match = ["欢迎光临星星小店", "欢迎光临月亮小店"]
keep = ["我们去了街角的小店买书。"]
''', encoding="utf-8")
    doc = "标题\n欢迎光临星星小店\n正文一段。"
    assert clean(doc, patterns=(str(f),)).text == "标题\n正文一段。"
    assert clean(doc, bundled=False, patterns=(str(f),)).text == "标题\n正文一段。"
    assert "欢迎光临星星小店" in clean(doc).text


def test_broken_user_pattern_names_file_id_and_reason(tmp_path):
    f = tmp_path / "broken.toml"
    f.write_text('[[pattern]]\nid = "ad.bad"\ncategory = "ad"\nscope = "line"\nkeywords = ["x"]\n'
                 'regex = "(unclosed"\nmatch = ["x1", "x2"]\nkeep = ["y"]\n', encoding="utf-8")
    with pytest.raises(PatternError) as err:
        Cleaner(patterns=(str(f),))
    msg = str(err.value)
    assert "broken.toml" in msg and "ad.bad" in msg and "invalid regex" in msg


def test_version_is_the_installed_distribution_version():
    from importlib.metadata import version

    assert cleantext.__version__ == version("cleantext-zh")
    assert all(part.isdigit() for part in cleantext.__version__.split(".")[:2])
