"""Kinds of contact mistakes met on labelled documents, each with text of our own: a WeChat id behind a symbol
disguise in a line a zone removed, and the local part of an e-mail address taken for a distributor's name."""

from __future__ import annotations

import pytest
import regex

from cleantext import Cleaner
from cleantext.extract import ContactBook

BODY = ("今年以来，星河社区坚持以居民需求为导向，扎实推进老旧小区改造、垃圾分类和志愿服务等重点工作，"
        "居民满意度明显提升。")


def scan(*texts: str) -> dict[str, list[str]]:
    book = ContactBook()
    for t in texts:
        book.add_free_text(t)
    return book.as_dict()


@pytest.mark.parametrize(("line", "wx"), [
    ("客服v❤：xinghe_2024（备注：会员）", "xinghe_2024"),
    ("薇❤：nanshan77", "nanshan77"),
    ("资料领取➕V：zhuxi-2024", "zhuxi-2024"),
    ("客服V★：yunshu_88", "yunshu_88"),
    ("咨询威芯：xinghe2024", "xinghe2024"),
])
def test_a_wechat_id_behind_a_symbol_disguise_is_read_from_removed_text(line: str, wx: str) -> None:
    assert scan(line)["wechat"] == [wx]


@pytest.mark.parametrize("line", ["星河文库❤感谢您的支持", "按Ctrl+V粘贴即可", "V：1.2.3版本已发布"])
def test_a_heart_or_a_plus_without_an_id_gives_no_wechat(line: str) -> None:
    assert scan(line)["wechat"] == []


def test_a_zone_removed_contact_line_gives_its_disguised_wechat_id() -> None:
    # The disguised line is not the contact rule's own form (a label before, a note after): the tail block takes
    # it with the QQ ad above it, and the id is read from the removed text.
    text = "\n".join([BODY, BODY, "", "星河文库整理，完整版请咨询QQ：12345678", "客服v❤：xinghe_2024（备注：会员）",
                      "仅供学习交流，请勿外传"])
    result = Cleaner().clean(text)
    assert "xinghe_2024" not in result.text, "the contact line is boilerplate of the tail block"
    assert result.metadata.contacts["wechat"] == ["xinghe_2024"]
    assert result.metadata.contacts["qq"] == ["12345678"]
    assert BODY in result.text


def test_the_local_part_of_an_email_is_no_distributor() -> None:
    # "name then address" site lines at the tail: "星河文库 www.example-novel.com" names a brand, "editor@…" does not.
    text = "\n".join([BODY, BODY, "", "投稿邮箱：", "editor@example-novel.com", "星河文库 www.example-novel.com"])
    result = Cleaner().clean(text)
    assert "editor" not in result.metadata.distributors
    assert result.metadata.contacts["email"] == ["editor@example-novel.com"]
    assert result.text.count(BODY) == 2


@pytest.mark.parametrize(("line", "kind"), [
    ("完整版请咨询QQ：12345678\ufffd", "qq"),  # the last digit was lost: 12345678 is not the number
    ("读者群：\ufffd87654321", "qq_group"),
    ("客服V信：xinghe_2024\ufffd", "wechat"),
    ("联系电话：0571-8600-123\ufffd", "phone"),
    ("邮箱：editor@example-novel.co\ufffd", "email"),
    ("本书首发：www.example-novel.com/book/12\ufffd", "url"),
    ("关注公众号「星河\ufffd库」领取资料", "gongzhonghao"),
])
def test_a_contact_cut_by_a_character_lost_to_mojibake_is_not_given(line: str, kind: str) -> None:
    assert scan(line)[kind] == []
    assert scan(line.replace("\ufffd", ""))[kind] != []  # whole, the same line gives the contact


def test_a_rule_capture_cut_by_a_lost_character_is_not_given() -> None:
    # A rule's contact group that stops at a U+FFFD (its regex allows what follows) reads half a number.
    rule = regex.compile(r"(?P<distributor>\p{Han}{2,6})整理.{0,10}?QQ：(?P<qq>\d{5,11})")
    cut, whole = ContactBook(), ContactBook()
    cut.add_match(rule.search("星河文库整理，完整版请咨询QQ：12345678\ufffd"))
    whole.add_match(rule.search("星河文库整理，完整版请咨询QQ：12345678。"))
    assert cut.as_dict()["qq"] == [] and whole.as_dict()["qq"] == ["12345678"]
