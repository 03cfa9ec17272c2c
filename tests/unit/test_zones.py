"""Zone decisions: what they take and, above all, what they must leave."""

from __future__ import annotations

from cleantext import clean

PARA = "今年我们围绕中心工作，扎实推进各项任务，取得了明显成效，群众满意度持续提升。"


def test_footer_slogans_between_boilerplate_go():
    doc = (f"年度总结\n{PARA}\n{PARA}\n\n"
           "竹溪文库整理，完整版请咨询QQ 27182818\n竹溪文库\n平台自建 好料共享\n紧跟需求持续打磨\n【打击倒卖行为】")
    r = clean(doc)
    assert r.text == f"年度总结\n{PARA}\n{PARA}"
    rules = {x.text: x.rule for x in r.removed}
    assert rules["紧跟需求持续打磨"] == "zone.tail-block"
    assert rules["竹溪文库"] == "zone.distributor-name"


def test_signature_and_date_before_the_footer_stay():
    doc = (f"年度总结\n{PARA}\n{PARA}\n城西街道办事处\n2024年12月30日\n"
           "竹溪文库整理，完整版请咨询QQ 27182818\n【打击倒卖行为】")
    out = clean(doc).text.splitlines()
    assert "城西街道办事处" in out and "2024年12月30日" in out


def test_short_lines_between_repeated_marks_are_not_a_footer():
    # The same interleaved mark twice is not a footer: the short dialogue between them is the novel.
    doc = (f"第一章 雪夜\n{PARA}\n——竹溪文库专用，请勿转载——\n“走吧”他说\n——竹溪文库专用，请勿转载——")
    out = clean(doc).text.splitlines()
    assert "“走吧”他说" in out


def test_lines_after_the_last_boilerplate_line_stay():
    doc = (f"第一章 雪夜\n{PARA}\n竹溪文库整理，完整版请咨询QQ 27182818\n【打击倒卖行为】\n（全书完）")
    assert "（全书完）" in clean(doc).text.splitlines()


def test_a_sentence_or_heading_inside_the_footer_stays():
    doc = (f"年度总结\n{PARA}\n竹溪文库整理，完整版请咨询QQ 27182818\n三、下一步打算\n"
           "我们将继续努力。\n【打击倒卖行为】")
    out = clean(doc).text.splitlines()
    assert "三、下一步打算" in out and "我们将继续努力。" in out


def test_bare_distributor_name_goes_anywhere_but_generic_words_never():
    doc = f"竹溪文库\n年度总结\n{PARA}\n竹溪文库\n{PARA}\n竹溪文库整理，完整版请咨询QQ 27182818"
    assert "竹溪文库" not in clean(doc).text
    doc2 = f"年度总结\n{PARA}\n本资料由我们独家整理，盗版必究\n我们\n{PARA}"
    assert "我们" in clean(doc2).text.splitlines()


def test_zones_can_be_switched_off():
    doc = f"竹溪文库\n年度总结\n{PARA}\n竹溪文库整理，完整版请咨询QQ 27182818"
    assert "竹溪文库" in clean(doc, zones=False).text.splitlines()


def test_quoted_sentence_is_not_a_title():
    assert clean("“你终于来了。”老人说。\n窗外的雪越下越大。").metadata.title is None
    assert clean("“别急，”他笑了笑，“该来的总会来。”\n他推开门。").metadata.title is None
    assert clean("南湖县：新规来了！\n正文。").metadata.title == "南湖县：新规来了！"


def test_same_site_contact_goes_but_an_office_address_stays():
    doc = ("Downloaded from www.paperleaf-docs.com - for personal study only\nVolunteer Summary\n"
           "The volunteer program grew this year.\nContact: help@paperleaf-docs.com")
    r = clean(doc)
    assert r.text == "Volunteer Summary\nThe volunteer program grew this year."
    assert r.metadata.contacts["email"] == ["help@paperleaf-docs.com"]
    assert any(x.rule == "zone.same-site" for x in r.removed)
    memo = "Library Notice\nThe library will close early on Friday.\nContact: librarian@town-library.org"
    assert clean(memo).text == memo
