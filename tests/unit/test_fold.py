from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import clean
from cleantext.text.fold import fold, needs_fold


def test_fold_keeps_length_and_leaves_simplified_alone():
    trad = "僅供學習 禁止外傳 用後刪除\n【會員資料】"
    assert len(fold(trad)) == len(trad) and fold(trad).count("\n") == 1
    simp = "仅供学习 禁止外传 用后删除，全年共举办讲座二十场。"
    assert fold(simp) == simp and not needs_fold(simp)


def test_traditional_boilerplate_goes_and_the_body_stays_traditional():
    doc = "僅供學習 禁止外傳 用後刪除\n讀書會活動紀要\n本年度中心共舉辦各類講座二十場，參與民眾超過一千人次。"
    r = clean(doc.encode("big5"))
    assert r.text == "讀書會活動紀要\n本年度中心共舉辦各類講座二十場，參與民眾超過一千人次。"
    assert r.removed[0].text == "僅供學習 禁止外傳 用後刪除"


def test_opencc_table_folds_characters_the_old_table_missed():
    # 眾 and 參 were absent from the hand-written table; OpenCC's character table has them.
    text = "參與民眾，連結網址"
    assert fold(text) == "参与民众，连结网址"
    assert needs_fold("民眾")


def test_the_table_is_opencc_s_when_its_file_is_installed():
    from cleantext.text import fold as module

    path = module.opencc_file()
    if path is None:
        import pytest

        pytest.skip("OpenCC's TSCharacters.txt is not installed (opencc-python-reimplemented)")
    assert module.TABLE_SOURCE == f"opencc:{path}"
    assert len(module._TABLE) > 3000  # the whole character table, not the boilerplate vocabulary
    assert all(k != v for k, v in module._TABLE.items())


def test_every_entry_is_one_character_to_one_other_so_offsets_hold():
    from cleantext.text import fold as module

    keys = "".join(chr(k) for k in module._TABLE)
    folded = fold(keys)
    assert len(folded) == len(keys)
    assert all(a != b for a, b in zip(keys, folded, strict=True))


def test_parse_opencc_keeps_single_characters_and_the_default_candidate():
    from cleantext.text.fold import parse_opencc

    table = parse_opencc("眾\t众\n乾\t干 乾\n瞭\t瞭 了\n乾坤\t乾坤\n𠀾\t\n著\t着 著\n")
    assert {chr(k): chr(v) for k, v in table.items()} == {"眾": "众", "乾": "干", "著": "着"}


def test_without_the_opencc_file_the_fallback_table_is_used(monkeypatch):
    from cleantext.text import fold as module

    monkeypatch.setattr(module, "opencc_file", lambda: None)
    table, source = module.load_table()
    assert source == "fallback"
    assert chr(table[ord("傳")]) == "传" and ord("眾") not in table


def test_simplified_text_is_left_as_it_is():
    simp = "本站声明：欢迎关注公众号，转载请注明出处。参与群众超过一千人次。"
    assert fold(simp) == simp and not needs_fold(simp)


def _set_test(text: str) -> bool:
    """What needs_fold answered before it was made fast: a set test on every character."""
    from cleantext.text import fold as module

    return not frozenset(map(chr, module._TABLE)).isdisjoint(text)


def _changed_chars() -> list[str]:
    from cleantext.text import fold as module

    return sorted(map(chr, module._TABLE))


def test_needs_fold_agrees_with_the_set_test_on_every_character_it_folds_and_their_neighbours() -> None:
    changed = _changed_chars()
    assert any(c > "\uffff" for c in changed) and any(c <= "\uffff" for c in changed)  # both classes are used
    near = {chr(ord(c) + d) for c in changed for d in (-1, 1) if 0 <= ord(c) + d <= 0x10FFFF}
    for c in [*changed, *near, "\uffff", "\U00010000", "\U0010ffff", "\ud800"]:
        assert needs_fold("全年共举办讲座" + c + "二十场") == _set_test(c), hex(ord(c))


@given(st.lists(st.one_of(st.characters(), st.sampled_from(_changed_chars())), max_size=40).map("".join))
@settings(max_examples=300, deadline=None)
def test_needs_fold_is_the_set_test(text: str) -> None:
    assert needs_fold(text) == _set_test(text)


def test_an_empty_class_matches_nothing() -> None:
    from cleantext.text.fold import char_classes

    bmp, astral = char_classes([])
    assert bmp.search("abc\uffff\U0010ffff\x00") is None and astral.search("\U0001f600\x00") is None
    bmp, astral = char_classes(["b", "a", "c", "\U0001f600"])
    assert bmp.pattern == "[a-c]" and astral.search("x\U0001f600") and not astral.search("a")
