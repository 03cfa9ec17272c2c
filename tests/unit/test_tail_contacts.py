"""The contact-only lines under a tail block's contact ad go with the block (zone.tail-block); a document's own
contact lines, a signature under a footer and a sentence that gives an address stay."""

from __future__ import annotations

import pytest

from cleantext import clean
from cleantext.audit import replay
from cleantext.extract import contact_only

BODY = ["八年级物理《浮力》教案", "",
        "教学目标：知道什么是浮力，会用弹簧测力计测量浮力的大小，了解浮力的大小与哪些因素有关。",
        "教学过程：学生分组实验，记录数据，教师引导学生归纳实验结论，最后布置课后练习。"]
FOOTER = ["——————————", "版权所有：星河文库  联系电话：0571-8600-1234", "qq：1234-5678（加我请注明来意）"]


@pytest.mark.parametrize("line", ["邮箱：help@example-docs.com", "E-mail: service@example-docs.cn",
                                  "官网：www.example-docs.com", "电话：0571-8600-1234  QQ：12345678"])
def test_a_line_of_contacts_and_their_labels_is_contact_only(line: str) -> None:
    assert contact_only(line)


@pytest.mark.parametrize("line", ["联系人：王老师 邮箱：office@town-library.org",
                                  "请发邮件到 office@town-library.org 报名",
                                  "今年完成了全部任务。QQ：12345678", "邮箱", "欢迎大家积极参加活动"])
def test_a_name_a_sentence_or_no_contact_at_all_is_not(line: str) -> None:
    assert not contact_only(line)


def test_an_email_line_under_the_footers_qq_ad_goes_and_is_recorded() -> None:
    doc = "\n".join([*BODY, "", *FOOTER, "邮箱：help@example-docs.com"])
    result = clean(doc)
    assert result.text == "\n".join(BODY)
    gone = {r.text: r.rule for r in result.removed}
    assert gone["邮箱：help@example-docs.com"] == "zone.tail-block"
    assert "help@example-docs.com" in result.metadata.contacts["email"]
    assert replay(result.normalized, result.removed) == result.text


def test_a_signature_under_the_footer_stays() -> None:
    doc = "\n".join([*BODY, "", *FOOTER, "王老师 2024年3月"])
    assert "王老师 2024年3月" in clean(doc).text.split("\n")


def test_a_documents_own_contact_lines_stay_without_a_contact_ad_above() -> None:
    notice = [*BODY, "", "联系电话：0571-8600-1234", "邮箱：office@town-library.org"]
    assert clean("\n".join(notice)).text == "\n".join(notice)
