"""``cleaner.py`` behaviour its mutation run (issue 16) reached only in session 6: the byte size of a ``str`` input
against ``max_bytes``, the mojibake warning's wording, and the title of a long document. Invented text only."""

from __future__ import annotations

import pytest

from cleantext import Cleaner
from cleantext.cleaner import size_over

BODY = "今年各项工作稳步推进，群众满意度持续提升，全年目标全部完成。"


def test_a_str_is_measured_as_its_utf8_bytes() -> None:
    assert size_over("a" * 10, 10) is None  # as long as the limit: not over it
    assert size_over("a" * 11, 10) == 11
    assert size_over("好" * 4, 10) == 12  # 4 characters, 12 bytes: the length alone cannot tell
    assert size_over("好" * 3, 9) is None  # 9 bytes
    assert size_over("\ud800", 2) == 3  # a lone surrogate still counts (surrogatepass)


def test_the_mojibake_warning_names_each_repair() -> None:
    good = "母亲站在门前等他回来"
    as_gbk, as_latin1 = good.encode().decode("gbk"), good.encode().decode("latin-1")
    assert Cleaner().clean(BODY + "\n" + as_latin1).metadata.warnings == ["mojibake repaired (ftfy)"]
    both = Cleaner().clean(BODY + "\n" + as_gbk + "\n" + BODY + "\n" + as_latin1)
    assert both.text == "\n".join([BODY, good, BODY, good])
    assert both.metadata.warnings == ["mojibake repaired (utf8-as-gbk, ftfy)"]


def test_the_title_of_a_long_document_is_its_first_line() -> None:
    lines = ["年度工作总结", *(f"第{k}项：{BODY}" for k in range(200))]
    assert Cleaner().clean("\n".join(lines)).metadata.title == "年度工作总结"


def test_an_input_over_max_bytes_is_refused_with_its_size_and_the_limit() -> None:
    from cleantext.errors import InputTooLargeError

    for data in (b"x" * 11, memoryview(b"x" * 11), "x" * 11):
        with pytest.raises(InputTooLargeError) as err:
            Cleaner(max_bytes=10).clean(data)
        assert (err.value.size, err.value.limit) == (11, 10)
    assert size_over(memoryview("好好".encode()), 5) == 6


def test_the_reading_options_reach_the_decoder() -> None:
    from cleantext.errors import DecodingError

    data = "年度工作总结".encode("gb18030")
    assert Cleaner(encoding="big5").clean(data).text == data.decode("big5", "replace")  # forced, though not right
    assert Cleaner().clean(data).text == "年度工作总结"
    bad = (BODY * 3).encode() + b"\xffabc"
    assert "abc" in Cleaner().clean(bad).text
    with pytest.raises(DecodingError):
        Cleaner(decode_errors="strict").clean(bad)
