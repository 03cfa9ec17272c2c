from __future__ import annotations

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
