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
