"""decode() hands the cleaner text without C0 control characters (as ftfy does), and says what it removed."""

from __future__ import annotations

import pytest

from cleantext.text.decode import decode, decode_bytes

CHAPTER = "第一章 回家\n那天傍晚，他背着行李走过村口的小桥，远远看见母亲站在门前等他。"


@pytest.mark.parametrize("data", [CHAPTER + "\x1a", (CHAPTER + "\x1a").encode(), (CHAPTER + "\x1a").encode("gb18030")])
def test_the_dos_end_of_file_mark_goes_and_is_named(data: str | bytes) -> None:
    text, info = decode(data)
    assert text == CHAPTER
    assert info.warnings[-1] == "removed 1 control character(s): U+001A ×1"


def test_every_invisible_control_is_counted() -> None:
    text, info = decode("a\x00b\x07c\x08\x08d\x7fe")
    assert text == "abcde"
    assert info.warnings == ("removed 5 control character(s): U+0000 ×1, U+0007 ×1, U+0008 ×2, U+007F ×1",)


def test_tabs_line_breaks_and_escape_codes_stay() -> None:
    text = "列一\t列二\r\n第二行\x0b第三行\x0c\x1b[32m好\x1b[0m"
    assert decode(text) == (text, decode("x")[1])
    assert decode(text.encode())[0] == text


def test_decode_bytes_itself_is_unchanged() -> None:
    # Only decode(), the cleaner's entry, removes controls: decode_bytes reports the bytes as they are.
    assert decode_bytes("页脚\x1a".encode())[0] == "页脚\x1a"
