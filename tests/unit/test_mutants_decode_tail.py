"""The tolerant UTF-8 reading of ``decode_bytes`` at its bounds (issue 16: the mutants of ``decode_bytes`` that
the session-4 run never reached). A UTF-8 file with a few stray bytes is read as UTF-8 when the stray bytes are
at most max(2, size // 1000) and the multi-byte characters outweigh them (bytes - characters > 4 × stray); the
warning says whether the fault is a last character cut short. Invented text only."""

from __future__ import annotations

import pytest

from cleantext.errors import DecodingError
from cleantext.text.decode import decode_bytes

ZH = "今年各项工作稳步推进，群众满意度持续提升。".encode()
ASC = b"The annual report was finished on time and the team moved on. "


def _utf8_warning(data: bytes) -> str | None:
    """The warning of a tolerant UTF-8 reading, or None when the data was read otherwise (or refused)."""
    try:
        _, info = decode_bytes(data, errors="replace")
    except DecodingError:
        return None
    return info.warnings[0] if info.encoding == "utf-8" and info.warnings else None


@pytest.mark.parametrize("data,first_bad", [
    (ZH + "😀".encode()[:3], None),  # the error starts 3 bytes before the end: a 4-byte character cut short
    (ZH + "好".encode()[:2], None),
    (ZH + b"\xffabc", len(ZH)),  # 4 bytes before the end: a stray byte, not a cut character
])
def test_the_warning_tells_a_cut_last_character_from_a_stray_byte(data: bytes, first_bad: int | None) -> None:
    want = ("a truncated multi-byte sequence at the end replaced with U+FFFD" if first_bad is None
            else f"1 invalid byte(s) (first at byte {first_bad}) replaced with U+FFFD")
    assert _utf8_warning(data) == want


def test_multibyte_characters_must_outweigh_four_times_the_stray_bytes() -> None:
    # bytes - characters: 2 per Han character, 1 per é; one stray byte needs more than 4, two need more than 8.
    assert _utf8_warning(ASC + "你好".encode() + b"\xff" + ASC) is None  # 4: not more than 4
    assert _utf8_warning(ASC + "你好é".encode() + b"\xff" + ASC) == \
        f"1 invalid byte(s) (first at byte {len(ASC) + 8}) replaced with U+FFFD"  # 5
    assert _utf8_warning(ASC + "你好好".encode() + b"\xff" + ASC + b"\xfe" + ASC) is None  # 6: not more than 8
    assert _utf8_warning(ASC + "你好好好é".encode() + b"\xff" + ASC + b"\xfe" + ASC) is not None  # 9


def _with_strays(size: int) -> bytes:
    body = ZH * 47
    data = body[:900] + b"\xff" + body[900:1800] + b"\xfe" + body[1800:]
    return data + b"x" * (size - len(data) - 1) + b"\xff"


def test_three_stray_bytes_need_three_thousand_bytes() -> None:
    three = _utf8_warning(_with_strays(3002))
    assert three == "3 invalid byte(s) (first at byte 900) replaced with U+FFFD"  # 3002 // 1000 = 3
    assert _utf8_warning(_with_strays(3000)) is not None
    assert _utf8_warning(_with_strays(2999)) is None  # 2999 // 1000 = 2: not a few stray bytes any more
    short = ZH[:30] + b"\xff" + ZH[30:60] + b"\xfe" + ZH[60:] + b"\xff" + ZH
    assert _utf8_warning(short) is None  # three in a short file: over the floor of 2


def test_a_mixed_file_is_refused_in_strict_mode_and_read_in_two_parts_otherwise() -> None:
    utf8 = "今年各项工作稳步推进，群众满意度持续提升。\n".encode() * 20
    gb = "全年目标全部完成，明年继续努力奋斗。\n".encode("gb18030") * 20
    text, info = decode_bytes(utf8 + gb, errors="replace")
    assert info.warnings == ("mixed encodings: 20 line(s) decoded as gb18030, the rest as utf-8",)
    assert text == (utf8 + gb.decode("gb18030").encode()).decode()
    with pytest.raises(DecodingError):
        decode_bytes(utf8 + gb, errors="strict")  # strict never decodes one file with two codecs
