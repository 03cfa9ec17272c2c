"""Behaviour of ``extract.py`` that the mutation run found unpinned (issue 16): the bounds of titles and contacts,
the prefilter of free-text scans, the e-mail-domain rule of ``add_match``, site-page collapsing and distributor
names. Each test asserts an outcome of the public functions on invented text."""

from __future__ import annotations

import regex

from cleantext.extract import (
    ContactBook,
    captures,
    clean_distributor,
    collapse_site_pages,
    contact_only,
    distributors_of,
    find_title,
    normalize_contact,
)

PROSE = "那年秋天，他在镇上的旧书店里找到一本缺了封面的小说，读到天黑才回家。"


def scan(*texts: str) -> dict[str, list[str]]:
    book = ContactBook()
    for t in texts:
        book.add_free_text(t)
    return book.as_dict()


# --- the prefilter of add_free_text: each disguise alone must still let the e-mail scan run


def test_an_email_with_only_a_full_width_at_or_a_bracketed_at_or_dot_is_found() -> None:
    assert scan("投稿邮箱 editor＠example-lib.com")["email"] == ["editor@example-lib.com"]
    assert scan("投稿邮箱 editor（艾特）example-lib.com")["email"] == ["editor@example-lib.com"]
    assert scan("投稿邮箱 editor@example-lib（点）com")["email"] == ["editor@example-lib.com"]


# --- numbers read once, each by its first kind, and every later match still read


def test_a_qq_number_and_a_separate_phone_are_both_kept() -> None:
    got = scan("QQ：12345678 电话：010-87654321")
    assert got["qq"] == ["12345678"] and got["phone"] == ["01087654321"]


def test_a_mobile_after_one_already_read_as_qq_is_still_a_phone() -> None:
    got = scan("QQ：13800138000 13912345678")
    assert got["qq"] == ["13800138000"]
    assert got["phone"] == ["13912345678"]


# --- ContactBook.add: bounds and de-duplication


def test_phone_length_bounds() -> None:
    book = ContactBook()
    for v in ("123456", "1234567", "075512345678", "1234567890123"):
        book.add("phone", v)
    assert book.as_dict()["phone"] == ["1234567", "075512345678"]


def test_a_two_character_gongzhonghao_is_a_name_and_a_value_is_kept_once() -> None:
    book = ContactBook()
    book.add("gongzhonghao", "星河")
    book.add("qq", "12345678")
    book.add("qq", "１２３４５６７８")
    assert book.as_dict()["gongzhonghao"] == ["星河"]
    assert book.as_dict()["qq"] == ["12345678"]


def test_an_unknown_kind_is_ignored() -> None:
    book = ContactBook()
    book.add("fax", "12345678")
    assert "fax" not in book.as_dict() and all(not v for v in book.as_dict().values())


# --- normalize_contact


def test_normalize_contact_numbers_and_ids() -> None:
    assert normalize_contact("qq_group", "1234-5678") == "12345678"
    assert normalize_contact("phone", "0755-12345678") == "075512345678"  # 12 digits, no country code
    assert normalize_contact("phone", "+86 010 1234567") == "0101234567"  # +86 before a landline
    assert normalize_contact("phone", "86123456789") == "86123456789"  # 11 digits: no +86 to take off
    assert normalize_contact("wechat", "star reader01") == "starreader01"


def test_normalize_contact_email_and_url_edges() -> None:
    assert normalize_contact("email", "Editor @ Example-Lib.com") == "editor@example-lib.com"
    assert normalize_contact("url", "example-novel.com/pageX") == "example-novel.com/pageX"


# --- add_match: read from the source, and the domain of an e-mail address is no URL


def test_a_match_on_the_folded_text_is_read_from_the_original() -> None:
    source = "公眾號：星河書館"
    folded = "公众号：星河书馆"  # the same length, as the traditional→simplified fold keeps offsets
    m = regex.fullmatch(r"公众号：(?P<gongzhonghao>\S+)", folded)
    book = ContactBook()
    book.add_match(m, source)
    assert book.as_dict()["gongzhonghao"] == ["星河書館"]
    assert captures(m, "gongzhonghao", source) == ["星河書館"]
    assert captures(m, "gongzhonghao", folded) == ["星河书馆"]
    assert captures(m, "gongzhonghao", "短") == ["星河书馆"]  # not the same length: not its original


def test_the_url_rule_skips_only_an_address_right_after_an_at_sign() -> None:
    def urls(pattern: str, text: str) -> list[str]:
        book = ContactBook()
        book.add_match(regex.fullmatch(pattern, text))
        return book.as_dict()["url"]

    assert urls(r"邮箱\S+@(?P<url>\S+)", "邮箱me@example-lib.com") == []
    assert urls(r"@(?P<url>\S+)", "@example-lib.com") == []
    assert urls(r"网址：(?P<url>\S+)", "网址：www.example-novel.com") == ["www.example-novel.com"]
    assert urls(r"X(?P<url>\S+)", "Xwww.example-novel.com") == ["www.example-novel.com"]  # a letter is no at sign
    assert urls(r"(?P<url>\S+)\s\S+", "www.example-novel.com 请来信＠") == ["www.example-novel.com"]
    # A repeated group: the capture after the at sign is skipped, the next one still counts.
    assert urls(r"(?:(?:@|网址)(?P<url>[a-z.-]+)\s*)+", "@example-a.com 网址example-b.com") == ["example-b.com"]


# --- collapse_site_pages


def test_a_host_collapses_only_above_three_pages_and_only_that_host() -> None:
    three = [f"www.example-novel.com/1/{n}.html" for n in range(3)]
    assert collapse_site_pages(three) == three
    four = [f"www.example-novel.com/1/{n}.html" for n in range(4)]
    other = "blog.example.org/u/12345"
    assert collapse_site_pages([*four, other]) == ["www.example-novel.com", other]


# --- find_title


def test_front_matter_bounds() -> None:
    # Never closed: no front matter, the rule line is furniture and the heading is the title.
    assert find_title(["---", "第一章 旧书店", PROSE]) == "第一章 旧书店"
    # Empty front matter: the first closing line ends it, what follows is the body.
    assert find_title(["---", "---", "title: 假标题", "---", "第一章 旧书店", PROSE]) == "title: 假标题"
    # The closing line must come within 39 lines of the opening one.
    near = ["---", *[f"key{n}: v" for n in range(38)], "---", "第一章 旧书店", PROSE]
    far = ["---", *[f"key{n}: v" for n in range(39)], "---", "第一章 旧书店", PROSE]
    assert find_title(near) == "第一章 旧书店"
    assert find_title(far) == "key0: v"


def test_a_link_only_line_is_no_title() -> None:
    assert find_title(["[星河文库首页](https://example-novel.com)", "第一章 旧书店", PROSE]) == "第一章 旧书店"


def test_markdown_heading_levels_and_length() -> None:
    assert find_title(["## 小节", PROSE]) is None
    assert find_title(["# " + "长" * 120, PROSE]) == "长" * 120
    assert find_title(["# " + "长" * 121, PROSE]) is None


def test_plain_title_length_bound_and_a_lone_line() -> None:
    assert find_title(["题" * 50, PROSE]) == "题" * 50
    assert find_title(["题" * 51, PROSE]) is None
    assert find_title(["第一章 旧书店"]) == "第一章 旧书店"


def test_a_tagged_line_is_passed_over_only_for_a_heading_under_it() -> None:
    assert find_title(["【推荐】星河文库出品", "第一章 旧书店"]) == "第一章 旧书店"
    assert find_title(["【推荐】第一章"]) == "【推荐】第一章"  # nothing under it
    assert find_title(["【推荐】星河", "题" * 50]) == "题" * 50  # a 50-character heading still reads as one
    assert find_title(["【推荐】星河", "题" * 51]) == "【推荐】星河"
    # The heading under it is judged without its Markdown marks: 48 characters in ** … ** still read as one.
    assert find_title(["【推荐】星河", "**" + "题" * 48 + "**"]) == "题" * 48


# --- distributor names


def test_clean_distributor_bounds_and_generic_words() -> None:
    assert clean_distributor(None) is None and clean_distributor("") is None
    assert clean_distributor("【星河文库】") == "星河文库"
    assert clean_distributor("星") is None
    assert clean_distributor("星河") == "星河"
    assert clean_distributor("星" * 16) == "星" * 16
    assert clean_distributor("星" * 17) is None
    assert clean_distributor("12345") is None
    assert clean_distributor("本站") is None
    assert clean_distributor("e\u0301星河") == "\u00e9星河"  # NFC


def test_distributors_of_in_order_once_each_from_the_source() -> None:
    pat = regex.compile(r"(?P<distributor>\S+?)整理")
    no_group = regex.compile(r"(?P<qq>\d+)")
    matches = [(pat.fullmatch("星河文库整理"), None), (no_group.fullmatch("12345678"), None),
               (pat.fullmatch("南山书屋整理"), None), (pat.fullmatch("星河文库整理"), None),
               (pat.fullmatch("本站整理"), None), (pat.fullmatch("竹林书阁整理"), "竹林書閣整理")]
    assert distributors_of(matches) == ["星河文库", "南山书屋", "竹林書閣"]


# --- session 8 (the run on f1a8669): contact_only, contacts glued to a U+FFFD, what replaces a scanned value


def test_contact_only_is_a_line_of_contacts_and_their_labels_only() -> None:
    assert contact_only("邮箱：help@example.com") is True
    assert contact_only("官网：www.example-novel.com") is True
    assert contact_only("QQ：31415926 电话：010-27182818") is True
    assert contact_only("邮箱：help@example.com 官网：www.example-novel.com") is True
    assert contact_only("邮箱：") is False  # a label without a contact
    assert contact_only("——") is False  # neither a contact nor a word
    assert contact_only("联系我们：星河手记 help@example.com") is False  # a name beside the address


def test_a_value_glued_to_a_hole_on_either_side_is_not_given() -> None:
    # The hole after the value, more text after it.
    assert scan("QQ：3141592\ufffd 见")["qq"] == []
    # The hole before the value, at the very start of the text.
    assert scan("\ufffdelp@example.com")["email"] == []
    assert scan("邮箱：\ufffdelp@example.com")["email"] == []
    # A value at the start of the text is not cut by a hole at the text's end.
    assert scan("help@example.com 见\ufffd")["email"] == ["help@example.com"]


def test_a_repeated_group_goes_on_after_a_capture_cut_by_a_hole() -> None:
    m = regex.fullmatch(r"(?:QQ：(?P<qq>\d+)\S*\s*)+", "QQ：3141592\ufffd QQ：27182818")
    book = ContactBook()
    book.add_match(m)
    assert book.as_dict()["qq"] == ["27182818"]


def test_a_source_of_another_length_is_not_read_for_positions() -> None:
    # The rule matched the indented line, the source is the line stripped: not its original, so the position of a
    # capture is read on the matched string, where no hole touches it.
    line = "\u3000\u3000QQ：31415926 \ufffd\ufffd"
    m = regex.search(r"QQ：(?P<qq>\d+)", line)
    book = ContactBook()
    book.add_match(m, line.strip())
    assert book.as_dict()["qq"] == ["31415926"]


def test_a_wechat_id_glued_to_a_scanned_address_or_link_is_still_read() -> None:
    # What replaces the address must not be a letter, which would hide the 微信 keyword behind it.
    got = scan("邮箱：help@example.com微信：starreader01")
    assert got["email"] == ["help@example.com"] and got["wechat"] == ["starreader01"]
    got = scan("www.example-novel.com微信：starreader01")
    assert got["url"] == ["www.example-novel.com"] and got["wechat"] == ["starreader01"]
    got = scan("[星河手记](https://example.com/a)微信：starreader01")
    assert got["url"] == [] and got["wechat"] == ["starreader01"]


def test_a_number_whose_span_starts_where_a_wechat_id_ends_is_read() -> None:
    # The mobile's span starts at the space before its 86: it touches the id's span, it does not overlap it.
    got = scan("微信：star- 8613912345678")
    assert got["wechat"] == ["star-"] and got["phone"] == ["13912345678"]


def test_a_name_right_before_an_at_sign_is_no_distributor_and_later_captures_count() -> None:
    mail = regex.compile(r"(?P<distributor>[a-z]+)@\S+")
    assert distributors_of([(mail.fullmatch("editor@example.com"), None)]) == []
    # A repeated group: the local part is skipped, the name after it is still read.
    both = regex.compile(r"(?:(?P<distributor>[^\s@]+?)(?:@\S+|整理)\s*)+")
    assert distributors_of([(both.fullmatch("editor@example.com 星河文库整理"), None)]) == ["星河文库"]
