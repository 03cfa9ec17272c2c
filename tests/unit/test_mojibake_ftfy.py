"""ftfy's part of the repair: every form ftfy fixes is fixed line by line (text of our own), Latin and other scripts
read as a code page come back as themselves rather than as Chinese, and correct text with the symbols that send a
line to ftfy's check is left alone."""

from __future__ import annotations

import pytest

from cleantext.text.mojibake import looks_damaged, repair

REPORT = "The ﬁnal report of the ﬂeet is due on Friday."  # ligatures: a repair spells them out, as ftfy does


@pytest.mark.parametrize(("text", "codec"), [
    ("Café au lait, crème brûlée.", "mac-roman"),  # √© and the like: MacRoman's math signs
    ("Café au lait, crème brûlée.", "cp1252"),
    ("Καλημέρα από την Αθήνα", "latin-1"),  # Greek read as Latin-1 must not be read as GBK bytes
    ("Καλημέρα από την Αθήνα", "mac-roman"),
    ("สวัสดีครับ เพื่อนๆ", "cp1252"),  # Thai: its UTF-8 bytes hold 0xA0, which the damage turned into a space
    ("Доброе утро, друзья", "latin-1"),
])
def test_utf8_read_as_a_single_byte_code_page_comes_back_as_itself(text: str, codec: str) -> None:
    broken = text.encode("utf-8").decode(codec, "replace").replace("\xa0", " ")
    assert looks_damaged(broken)
    fixed = repair(broken)
    assert fixed.text == text and fixed.forms == ("ftfy",)


def test_a_ligature_that_comes_out_of_a_repair_is_spelt_out() -> None:
    broken = REPORT.encode("utf-8").decode("cp1251")  # ﬁ becomes п¬Ѓ
    assert repair(broken).text == REPORT.replace("ﬁ", "fi").replace("ﬂ", "fl")


def test_a_ligature_in_correct_text_is_left_alone() -> None:
    assert repair(REPORT).text == REPORT


def test_an_html_entity_inside_mojibake_is_read_as_its_character() -> None:
    broken = "2.5 μm wide".encode().decode("latin-1").replace("¼", "&frac14;")  # Î&frac14;m
    assert looks_damaged(broken)
    assert repair(broken).text == "2.5 μm wide"


@pytest.mark.parametrize("text", [
    "价格&lt;100元，面积≥90㎡，温度36.5°C，金额¥200，3×4≈12，√ 已完成",
    "Tom &amp; Jerry — “quoted” ±5 %, 2≤x≤3, α β γ",
    "星河文库 &copy; 2024，保留所有权利。",
])
def test_correct_text_with_symbols_and_entities_is_left_alone(text: str) -> None:
    assert repair(text).text == text


@pytest.mark.parametrize("prefix", ["", "星河文库】", "abc ", "x", "第一章 "])
def test_a_lone_a_circumflex_before_a_space_is_no_evidence_wherever_it_stands(prefix: str) -> None:
    # ftfy reads 'Â ' as U+00A0 at the start of a line or after a Latin letter only: a cut before it must not decide.
    line = prefix + "Â 一二三"
    assert not looks_damaged(line)
    assert repair(line).text == line


def test_a_lone_a_circumflex_is_repaired_with_the_rest_of_a_damaged_line() -> None:
    assert repair("CafÃ© Â au lait").text == "Café \xa0au lait"
    assert repair("voilÃ  tout").text == "voilà tout"  # an Ã that ends a Latin word is still à
