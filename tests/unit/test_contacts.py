"""ContactBook: contacts of removed text, normalized as docs/metadata.md says."""

from __future__ import annotations

import regex

from cleantext.extract import ContactBook, normalize_contact


def scan(*texts: str) -> dict[str, list[str]]:
    book = ContactBook()
    for t in texts:
        book.add_free_text(t)
    return book.as_dict()


def test_numbers_count_after_their_keyword_in_any_disguise() -> None:
    got = scan("完整版请咨询QQ：１２３４-５６７８", "扣扣 8765 4321（加我请注明来意）", "企鹅号:23456789",
               "读者交流群：123 456 789", "QQ群号 98765432")
    assert got["qq"] == ["12345678", "87654321", "23456789"]
    assert got["qq_group"] == ["123456789", "98765432"]


def test_wechat_ids_after_any_spelling_of_wechat() -> None:
    got = scan("客服V信：xinghe_2024（备注：会员）", "客服徽信：doc-12345", "WeChat：wk88888", "加vx：abc12345",
               "微信号 example_lib", "客服加我：zl_20240")
    assert got["wechat"] == ["xinghe_2024", "doc-12345", "wk88888", "abc12345", "example_lib", "zl_20240"]


def test_phones_mobile_and_landline_without_separators_or_country_code() -> None:
    got = scan("联系电话：1380-0138-000", "手机 +86 139 1234 5678", "热线：010-12345678", "咨询（021）87654321",
               "18612345678 欢迎来电")
    assert got["phone"] == ["13800138000", "13912345678", "01012345678", "02187654321", "18612345678"]


def test_a_qq_number_is_not_also_a_phone() -> None:
    got = scan("QQ：13800138000")
    assert got["qq"] == ["13800138000"] and got["phone"] == []


def test_obfuscated_emails_are_restored() -> None:
    got = scan("投稿邮箱：editor(at)example-lib.com", "help#example-novel.com", "Sales（at）Example.cn", "a@b.org")
    assert got["email"] == ["editor@example-lib.com", "help@example-novel.com", "sales@example.cn", "a@b.org"]


def test_gongzhonghao_names_after_their_markers() -> None:
    got = scan("关注公众号「星河文库」回复资料", "微信搜索“竹溪书屋”", "公众号：南山教研", "来源：星河读书会",
               "微信搜索Example即可关注")
    assert got["gongzhonghao"] == ["星河文库", "竹溪书屋", "南山教研", "星河读书会", "Example"]


def test_platforms_search_hints_and_generic_words_are_not_accounts() -> None:
    got = scan("来源：知乎", "百度搜索“星河小说网”手机阅读", "关注公众号", "公众号：我们")
    assert got["gongzhonghao"] == []


def test_urls_as_written_without_scheme_and_hidden_link_targets_left_out() -> None:
    got = scan("官方网站：http://www.Example-Novel.top/", "原文链接：https://blog.example.com/u/Ab12/details/9#top",
               "[往期文章](https://mp.example.com/s?id=1)", "![图片](https://img.example.com/a.png)",
               "联系邮箱 editor@example-lib.com")
    assert got["url"] == ["www.example-novel.top", "blog.example.com/u/Ab12/details/9#top"]


def test_page_addresses_repeated_by_a_site_collapse_to_its_domain() -> None:
    pages = [f"(https://www.example-novel.com/3_1/{n}.html)" for n in range(1, 6)]
    got = scan(*pages, "手机阅读：m.example-novel.com")
    assert got["url"] == ["www.example-novel.com", "m.example-novel.com"]
    few = scan(*pages[:2])
    assert few["url"] == ["www.example-novel.com/3_1/1.html", "www.example-novel.com/3_1/2.html"]


def test_named_groups_of_a_match_feed_the_book() -> None:
    m = regex.fullmatch(r"(?P<distributor>\S+?)整理.*?QQ[:：](?P<qq>[0-9０-９]+)，邮箱(?P<url>\S+)",
                        "星河文库整理，QQ：１２３４５６７８，邮箱me@example.com")
    book = ContactBook()
    book.add_match(m)
    assert book.as_dict()["qq"] == ["12345678"]
    assert book.as_dict()["url"] == []  # the domain of an e-mail address is not a URL of its own


def test_implausible_values_are_dropped() -> None:
    book = ContactBook()
    book.add("qq", "1234")
    book.add("url", "wàp.16k")
    book.add("gongzhonghao", "「公众号」")
    assert book.as_dict()["qq"] == [] and book.as_dict()["url"] == [] and book.as_dict()["gongzhonghao"] == []


def test_normalize_contact_forms() -> None:
    assert normalize_contact("phone", "+86 138-0013-8000") == "13800138000"
    assert normalize_contact("url", "HTTPS://WWW.Example.com/Path/") == "www.example.com/Path"
    assert normalize_contact("gongzhonghao", "“星河文库”") == "星河文库"
    assert normalize_contact("email", "Editor (at) example (dot) com") == "editor@example.com"


def test_a_site_named_after_at_is_no_email():
    book = ContactBook()
    book.add_free_text("Find more free report templates at templates.example-docs.net")
    assert book.as_dict()["email"] == []
    assert book.as_dict()["url"] == ["templates.example-docs.net"]


def test_the_prefilter_of_free_text_never_hides_a_match() -> None:
    """``add_free_text`` runs a scan only when ``_may_hold`` says the text can hold its match: on every text where a
    scan finds something, the flag must be up (so skipping changes nothing)."""
    import random

    from cleantext import extract as ex

    pieces = ["QQ：12345678", "ＱＱ１２３４５６７８", "群号 98765432", "微信：star_reader01", "vx abcde12",
              "电话 010-12345678", "13912345678", "shop@example-novel.com", "shop（at）example（dot）com",
              "shop＃example点cn", "ſhop AT x.cn", "www.example-novel.com/p/1", "[星河](https://example.com/a)",
              'src="x.png"', "公众号：星河文库", "关注“星河文库”", "微信搜索星河文库即可关注", "来源：星河文库",
              "星河文库整理", "仅供学习交流", "，", " ", "。", "KELVIN", "\u212a", "点", "dot", "at", "#", "=", "](",
              "٣٤٥٦٧٨٩", "abc"]
    rng = random.Random(11)
    scans = [(0, ex._EMAIL), (1, ex._LINK_TARGET), (2, ex._URL), (3, ex._QQ_GROUP_RE), (3, ex._QQ_RE),
             (4, ex._WX_RE), (3, ex._PHONE_RE), (3, ex._MOBILE_RE), (5, ex._GZH_RE)]
    hits = [0] * len(scans)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
        flags = ex._may_hold(text)
        for k, (flag, rx) in enumerate(scans):
            if rx.search(text.strip() if flag == 5 else text):
                hits[k] += 1
                assert flags[flag], (text, rx.pattern[:40])
    assert all(hits), hits  # every scan was exercised
    assert ex._may_hold("星河文库整理，仅供交流。") == (False, False, False, False, False, False)
