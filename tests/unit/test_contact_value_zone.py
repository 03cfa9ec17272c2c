"""zone.contact-value and zone.head-source (text of our own): the value under a removed contact label, and the
"来源：<号名>" line above the title, go; a byline under the title and an office's e-mail in the body stay."""

from __future__ import annotations

from cleantext import Cleaner

BODY = ("今年以来，星河社区坚持以居民需求为导向，扎实推进老旧小区改造、垃圾分类和志愿服务等重点工作，"
        "居民满意度明显提升。")


def test_a_fenced_address_under_a_removed_pointer_label_goes_and_is_a_contact() -> None:
    text = "\n".join([BODY, BODY, "", "HVV招聘：", "投递到-->", "", "```", "https://example-jobs.com/apply/xinghe2024",
                      "```", "", "考证咨询", "全网最低最优惠报考NISP/CISP等证书，后台回复“好友”加V私聊。"])
    r = Cleaner().clean(text)
    assert "example-jobs.com" not in r.text and r.text.count(BODY) == 2
    assert r.metadata.contacts["url"] == ["example-jobs.com/apply/xinghe2024"]


def test_the_rest_of_a_contact_ad_goes_in_a_document_of_nothing_but_boilerplate() -> None:
    text = "\n".join(["星河文库·原创教案与范文", "", "版权所有：星河文库  联系电话：0571-8600-1234",
                      "qq：1234-5678-90（加我请注明来意）", "邮箱：kefu@example-novel.com"])
    r = Cleaner().clean(text)
    assert "kefu@" not in r.text
    assert r.metadata.contacts["email"] == ["kefu@example-novel.com"]


def test_an_office_email_in_the_body_stays() -> None:
    text = "\n".join(["关于开展秋季运动会的通知", BODY, "报名表请发送至：", "邮箱：office@example-school.cn", BODY])
    r = Cleaner().clean(text)
    assert "邮箱：office@example-school.cn" in r.text and r.metadata.contacts["email"] == []


def test_a_source_line_above_the_title_goes_and_names_the_account() -> None:
    # Twenty body paragraphs: the line is far from the tail, where the tail rule would take it anyway.
    text = "\n".join(["点击上方蓝字关注我们", "来源：星河文库君", "2025年社区志愿服务工作计划", "", *[BODY] * 20])
    r = Cleaner().clean(text)
    assert "来源：星河文库君" not in r.text and r.metadata.title == "2025年社区志愿服务工作计划"
    assert r.metadata.contacts["gongzhonghao"] == ["星河文库君"]


def test_a_source_byline_under_the_title_stays() -> None:
    text = "\n".join(["# 2025年社区志愿服务工作计划", "", "> 来源: 星河文库君", "", *[BODY] * 20])
    r = Cleaner().clean(text)
    assert "> 来源: 星河文库君" in r.text and r.metadata.contacts["gongzhonghao"] == []


def test_every_contact_only_line_under_the_ad_goes() -> None:
    text = "\n".join([BODY, BODY, "", "完整版请咨询QQ：12345678（加我请注明来意）", "邮箱：kefu@example-novel.com",
                      "电话：0571-8600-1234"])
    r = Cleaner().clean(text)
    assert r.text.strip() == BODY + "\n" + BODY
    assert r.metadata.contacts["email"] == ["kefu@example-novel.com"]
    assert r.metadata.contacts["phone"] == ["057186001234"]
