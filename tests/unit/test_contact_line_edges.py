"""A contact-line rule takes a line that only gives a contact, never a body sentence the contact is glued to, and
never names a label word (咨询, 联系…) as the distributor."""

from __future__ import annotations

from cleantext import clean


def test_a_sentence_before_a_contact_keeps_its_line() -> None:
    text = "年度总结\n今年完成了全部任务。QQ：12345678\n明年继续努力。"
    result = clean(text)
    assert "今年完成了全部任务。" in result.text
    assert result.metadata.distributors == []


def test_a_label_word_before_qq_is_not_a_distributor() -> None:
    result = clean("读书笔记\n小城的春天来得很早。\n咨询QQ：12345678")
    assert [r.rule for r in result.removed] == ["contact.qq-line"]
    assert "咨询" not in result.metadata.distributors
    assert result.metadata.contacts["qq"] == ["12345678"]


def test_a_brand_before_qq_is_still_the_distributor() -> None:
    result = clean("读书笔记\n小城的春天来得很早。\n星河文库QQ：12345678")
    assert result.metadata.distributors == ["星河文库"]
