"""Behaviour of ``text/decode.py`` that the mutation run found unpinned (issue 16): which byte order BOM-less
UTF-16/UTF-32 is read in when both could be text, the small-input and exact-threshold edges of each sniffer, stray
NULs, how many bad bytes ``tolerant`` accepts and what it says about them. Every text is invented for this file."""

from __future__ import annotations

import codecs

import pytest

from cleantext.errors import DecodingError, NotTextError
from cleantext.result import EncodingInfo
from cleantext.text.decode import SAMPLE_BYTES, decode_bytes

ZH = "星河文库年度总结：今年我们在各个方面都取得了新的进展，这是全体同事共同努力的结果。\n"


def _utf16(text: str, codec: str) -> tuple[str, EncodingInfo]:
    return decode_bytes(text.encode(codec))


# ---- BOM-less UTF-16: which byte order is tried first --------------------------------------------------------------
# ASCII letters from "N" on read in the other byte order as CJK ideographs ("a" 61 00 is U+6100 in big-endian), and
# 一 (U+4E00) as "N": such texts are plausible in both orders, so the NUL count alone decides.

@pytest.mark.parametrize(("text", "codec"), [
    ("abcdefgh" * 5, "utf-16-le"),
    ("abcdefgh" * 5, "utf-16-be"),
    ("ab一" * 10, "utf-16-be"),   # two NULs at even offsets to one at an odd offset: big-endian
    ("ab一" * 10, "utf-16-le"),
])
def test_the_byte_order_with_the_nuls_where_ascii_puts_them_wins(text: str, codec: str) -> None:
    assert _utf16(text, codec) == (text, EncodingInfo(codec, 0.95))


@pytest.mark.parametrize("text", ["a一" * 20, "一a" * 20])
def test_equal_nul_counts_are_read_little_endian(text: str) -> None:
    # As many NULs at even offsets as at odd ones (one from "a", one from 一): little-endian, the commoner order.
    assert _utf16(text, "utf-16-le") == (text, EncodingInfo("utf-16-le", 0.95))


def test_the_other_byte_order_is_tried_when_the_first_does_not_decode() -> None:
    # Equal NULs, so little-endian is tried first; but 付 (U+4ED8) read little-endian is a lone surrogate.
    text = "a一付" * 10
    assert _utf16(text, "utf-16-be") == (text, EncodingInfo("utf-16-be", 0.95))


def test_two_characters_of_utf16_are_enough() -> None:
    assert _utf16("ab", "utf-16-le") == ("ab", EncodingInfo("utf-16-le", 0.95))


def test_nine_tenths_of_ordinary_characters_is_still_utf16() -> None:
    text = "abcdefghi\u00e9"  # é is not among the characters ordinary Chinese/English text is made of: 9 of 10
    assert _utf16(text, "utf-16-le") == (text, EncodingInfo("utf-16-le", 0.95))


def test_a_surrogate_pair_cut_by_the_sniffers_sample_does_not_hide_utf16() -> None:
    # 4095 characters, then one beyond the BMP: the 8192-byte sample ends in the middle of its surrogate pair.
    text = "年度总结\n" * 819 + "𠀀" + "中" * 10
    assert len(text[:4095].encode("utf-16-le")) == 8190 and text[4095] == "𠀀"
    assert _utf16(text, "utf-16-le") == (text, EncodingInfo("utf-16-le", 0.95))


# ---- BOM-less UTF-32 -----------------------------------------------------------------------------------------------

def test_two_characters_of_utf32_are_enough() -> None:
    assert decode_bytes("ab".encode("utf-32-le")) == ("ab", EncodingInfo("utf-32-le", 0.95))


def test_utf32_units_that_fit_both_byte_orders_are_tried_in_both() -> None:
    # 一 伀 倀 儀 end in a NUL byte: big-endian, their units also have a NUL in little-endian's top byte.
    text = "一伀倀儀" * 3
    assert decode_bytes(text.encode("utf-32-be")) == (text, EncodingInfo("utf-32-be", 0.95))


def test_utf32_with_a_stray_last_byte_drops_it_and_says_so() -> None:
    text = ZH * 3
    got = decode_bytes(text.encode("utf-32-le") + b"\x00")
    assert got == (text, EncodingInfo("utf-32-le", 0.9, False, ("odd length: the last byte was dropped",)))


def test_utf32_of_exactly_95_percent_printable_characters_is_text() -> None:
    text = ("a" * 19 + "\ue000") * 3  # a private-use character is not printable: 19 of 20
    assert decode_bytes(text.encode("utf-32-le")) == (text, EncodingInfo("utf-32-le", 0.95))


@pytest.mark.parametrize("text", ["\ue000" * 100, "a\ue000" * 50])
def test_utf32_of_unprintable_characters_is_not_text(text: str) -> None:
    with pytest.raises(NotTextError):
        decode_bytes(text.encode("utf-32-le"))


# ---- stray NUL bytes ----------------------------------------------------------------------------------------------

def _with_nuls(body: bytes, nuls: int) -> bytes:
    """``body`` with ``nuls`` NUL bytes spread through it (not at its edges)."""
    step = len(body) // (nuls + 1)
    out = bytearray()
    for k in range(nuls):
        out += body[k * step:(k + 1) * step] + b"\x00"
    return bytes(out + body[nuls * step:])


def _ascii_body(size: int) -> bytes:
    line = b"Harbour office notes, week 12: the ferry leaves at nine.\n"
    return (line * (size // len(line) + 1))[:size]


@pytest.mark.parametrize(("nuls", "size", "kept"), [
    (16, 1000, True),    # sixteen strays are always a few
    (17, 1000, False),   # seventeen, over 1 % of the bytes: not a text with strays
    (20, 2000, True),    # exactly 1 % of 2000 bytes: still strays
    (21, 2000, False),
])
def test_stray_nuls_are_removed_up_to_sixteen_or_one_percent(nuls: int, size: int, kept: bool) -> None:
    data = _with_nuls(_ascii_body(size - nuls), nuls)
    assert len(data) == size and data.count(0) == nuls
    if kept:
        text, info = decode_bytes(data)
        assert text == _ascii_body(size - nuls).decode()
        assert info == EncodingInfo("utf-8", 1.0, False, (f"{nuls} NUL byte(s) removed",))
    else:
        with pytest.raises(NotTextError) as err:
            decode_bytes(data)
        assert f"({nuls} NUL bytes without a UTF-16 pattern)" in str(err.value)
        assert err.value.kind == "binary"


def test_nul_padding_after_a_text_that_ends_in_x_is_padding() -> None:
    body = "X 星河文库 X".encode()
    text, info = decode_bytes(body + b"\x00" * 50)
    assert text == "X 星河文库 X"
    assert info.warnings == ("50 NUL byte(s) removed",)


def test_stray_nuls_in_utf8_whose_last_line_has_a_stray_byte() -> None:
    # Only the lines before the last are asked to be UTF-8: the last may be cut, or hold a stray byte.
    body = "第一行\n第二行\n".encode() + "第三".encode() + b"\xff" + " 行".encode()
    text, info = decode_bytes(_with_nuls(body, 3))
    assert text == "第一行\n第二行\n第三\ufffd 行"
    assert info.encoding == "utf-8" and info.warnings[-1] == "3 NUL byte(s) removed"


def test_a_text_line_before_binary_bytes_with_a_few_nuls_is_not_text() -> None:
    body = b"header line\n" + bytes(range(0x80, 0x100)) * 2 + b"\ntail"
    data = _with_nuls(body, 3)
    with pytest.raises(NotTextError) as err:
        decode_bytes(data)
    assert "(3 NUL bytes without a UTF-16 pattern)" in str(err.value)


# ---- a large UTF-8 document with a few stray bytes -----------------------------------------------------------------

def _large_utf8_with_strays(strays: int, fffd: int = 0) -> tuple[bytes, int]:
    """About 70 000 bytes of UTF-8 Chinese with ``strays`` 0xFF bytes near the start and ``fffd`` literal U+FFFD
    characters, built so that a 3-byte character straddles byte SAMPLE_BYTES; returns (data, position of the first
    stray)."""
    head = ZH.encode() + b"\xff".join([b""] + [b"a"] * strays) + ("\ufffd" * fffd).encode() + b"\n"
    first = len(ZH.encode())
    fill = SAMPLE_BYTES - 1 - len(head)  # ASCII up to one byte before the sample's end, then 中 (3 bytes)
    data = head + b"b" * fill + "中".encode() + ZH.encode() * 50
    assert data[SAMPLE_BYTES - 1:SAMPLE_BYTES + 2] == "中".encode()
    return data, first


def test_a_large_utf8_file_with_as_many_stray_bytes_as_allowed_is_utf8() -> None:
    data, first = _large_utf8_with_strays(0)
    bound = len(data) // 1000
    data, first = _large_utf8_with_strays(bound, fffd=100)
    assert len(data) // 1000 == bound
    text, info = decode_bytes(data)
    assert text.count("\ufffd") == bound + 100
    assert info == EncodingInfo("utf-8", 0.9, False, (
        f"{bound} invalid byte(s) (first at byte {first}) replaced with U+FFFD",))


def test_a_large_gb18030_file_is_gb18030() -> None:
    text = ZH * 800
    assert len(text.encode("gb18030")) > SAMPLE_BYTES
    assert decode_bytes(text.encode("gb18030")) == (text, EncodingInfo("gb18030", 0.9))


# ---- tolerant: how many bad bytes, and what the warning says ------------------------------------------------------

def _gb_with_bad(n: int, text: str = ZH * 3) -> bytes:
    """``text`` in GB18030 with ``n`` 0xFF bytes put in from byte 30 on, each between two characters."""
    data = text.encode("gb18030")
    return data[:30] + b"".join(b"\xff" + data[30 + 4 * k:34 + 4 * k] for k in range(n)) + data[30 + 4 * n:]


def test_one_bad_byte_is_named_with_where_it_is() -> None:
    text, info = decode_bytes(_gb_with_bad(1), encoding="gb18030")
    assert text.count("\ufffd") == 1
    assert info == EncodingInfo("gb18030", 0.9, False, (
        "1 undecodable byte(s) in gb18030 (first at byte 30) were replaced with U+FFFD",))


def test_two_bad_bytes_in_the_middle_are_not_a_truncated_end() -> None:
    _, info = decode_bytes(_gb_with_bad(2), encoding="gb18030")
    assert info.warnings == ("2 undecodable byte(s) in gb18030 (first at byte 30) were replaced with U+FFFD",)


def test_three_bad_bytes_at_the_very_end_are_a_truncated_sequence() -> None:
    data = (ZH * 3).encode("gb18030") + b"\xff\xff\xff"
    text, info = decode_bytes(data, encoding="gb18030")
    assert text == ZH * 3 + "\ufffd" * 3
    assert info.warnings == ("a truncated multi-byte sequence at the end (gb18030) was replaced with U+FFFD",)


def test_a_bad_byte_four_from_the_end_is_not_a_truncated_sequence() -> None:
    data = (ZH * 3).encode("gb18030") + b"\xffabc"
    _, info = decode_bytes(data, encoding="gb18030")
    assert info.warnings == (f"1 undecodable byte(s) in gb18030 (first at byte {len(data) - 4}) were replaced "
                             "with U+FFFD",)


def test_four_bad_bytes_are_tolerated_in_a_short_document_and_five_are_not() -> None:
    data = _gb_with_bad(4, text=ZH * 2)
    assert len(data) < 400  # 1 % of it is below 4
    assert decode_bytes(data, encoding="gb18030")[0].count("\ufffd") == 4
    with pytest.raises(DecodingError) as err:
        decode_bytes(_gb_with_bad(5, text=ZH * 2), encoding="gb18030")
    assert (err.value.best_guess, err.value.bad_bytes) == ("gb18030", 5)
    assert "fails on 5 of" in str(err.value) and "(first at byte 30)" in str(err.value)


# ---- two encodings in one file -------------------------------------------------------------------------------------
TRAD = "讀書會活動紀要：我們將持續改善服務流程，讓民眾辦理業務更加便利。本年度中心共舉辦各類講座二十場。\n"
KO = "우리 마을 도서관은 매주 토요일 오후에 책 읽기 모임을 엽니다.\n"


def test_a_latin_utf8_line_that_is_no_big5_stays_utf8_in_a_mixed_file() -> None:
    # à (C3 A0) has a trail byte Big5 does not allow: the line is taken as the UTF-8 it is.
    text = ZH + TRAD + "café à la carte\n" + TRAD
    data = ZH.encode() + TRAD.encode("big5") + "café à la carte\n".encode() + TRAD.encode("big5")
    assert decode_bytes(data) == (text, EncodingInfo("utf-8", 0.5, False, (
        "mixed encodings: 2 line(s) decoded as big5, the rest as utf-8",)))


def test_korean_utf8_lines_between_gb_lines() -> None:
    # Only the legacy lines must read as Chinese; the UTF-8 ones (Korean here) are what they are.
    text = ZH + KO + ZH + KO + ZH
    data = b"".join(line.encode("gb18030" if line == ZH else "utf-8") for line in (ZH, KO, ZH, KO, ZH))
    assert decode_bytes(data) == (text, EncodingInfo("utf-8", 0.5, False, (
        "mixed encodings: 3 line(s) decoded as gb18030, the rest as utf-8",)))


def test_a_gb_line_that_is_valid_utf8_by_chance_is_gb_in_a_mixed_file() -> None:
    # 效应 in GB2312 is D0A7 D3A6, two valid UTF-8 characters (Чӧ) below U+0800: not what UTF-8 Chinese is made of.
    data = ZH.encode() + "效应\n".encode("gb2312") + ZH.encode("gb18030")
    assert decode_bytes(data)[0] == ZH + "效应\n" + ZH


def test_looks_mixed_needs_both_kinds_of_line() -> None:
    from cleantext.text.decode import _looks_mixed

    utf8, gb = ZH.encode(), ZH.encode("gb18030")
    assert _looks_mixed(utf8 + gb, False)
    assert _looks_mixed(b"ascii first\n" + utf8 + gb, False)  # an ASCII line says nothing either way
    assert _looks_mixed(utf8 + "café\n".encode() + gb, False)  # nor does a UTF-8 line below U+0800
    assert not _looks_mixed(utf8 + utf8, False)
    assert not _looks_mixed(gb + gb, False)


def test_looks_mixed_of_a_sample_skips_its_first_and_last_lines() -> None:
    from cleantext.text.decode import _looks_mixed

    utf8, gb = ZH.encode(), ZH.encode("gb18030")
    assert not _looks_mixed(gb + utf8, True)  # the first line may be cut: only the UTF-8 one counts
    assert _looks_mixed(b"cut\n" + utf8 + gb + b"cut", True)
    # Lines are cut at line breaks only: a space inside a line does not make two.
    assert not _looks_mixed(gb.rstrip() + b" " + utf8.rstrip() + b" " + gb.rstrip() + b"\nlast", True)


# ---- which GB2312 rows make a text Chinese -------------------------------------------------------------------------
# 是 (CA C7) is in the late rows, 啊 (B0 A1) in the early ones, あ (A4 A2) and ア (A5 A2) are the kana rows.

@pytest.mark.parametrize(("text", "chinese"), [
    ("是" * 3 + "啊" * 17, True),     # 15 % of the characters in the late rows: enough
    ("是" + "啊" * 19, False),        # 5 %: the hangul of EUC-KR read as GB2312 look like this
    ("あ" * 2 + "是" * 18, True),     # 10 % kana: still Chinese
    ("あ" + "是" * 19, True),
    ("あ" * 5 + "是" * 15, False),    # 25 % hiragana: Japanese
    ("ア" * 5 + "是" * 15, False),    # 25 % katakana
    ("あ" * 3 + "ア" * 3 + "是" * 14, False),
    ("plain ascii", False),           # no GB2312 character at all
])
def test_reads_as_chinese_gb(text: str, chinese: bool) -> None:
    from cleantext.text.decode import _reads_as_chinese_gb

    assert _reads_as_chinese_gb(text) is chinese


# ---- Chinese despite chardet: the GB18030 and Big5 readings of a low-confidence guess ----------------------------

def _despite(data: bytes) -> str | None:
    from cleantext.text.decode import _chinese_despite_chardet

    return _chinese_despite_chardet(data)


def test_big5_with_a_bad_byte_is_big5_not_gb18030() -> None:
    data = (TRAD * 3).encode("big5")
    assert _despite(data[:99] + b"\xff" + data[99:]) == "big5"  # read as GB18030, most of it is outside GB2312


def test_one_bad_byte_in_a_hundred_non_ascii_bytes_is_a_few() -> None:
    good = ("中" * 495).encode("gb18030")
    data = b"".join(good[i:i + 98] + (b"\xff" if i < 980 else b"") for i in range(0, len(good), 98))
    assert (len(data), data.count(b"\xff")) == (1000, 10)
    assert _despite(data) == "gb18030"


def test_a_tenth_of_non_ascii_bytes_is_enough_to_try_chinese() -> None:
    assert _despite(b"x" * 90 + "年度总结好".encode("gb18030")) == "gb18030"
    assert _despite(b"x" * 91 + "年度总结好".encode("gb18030")) is None


@pytest.mark.parametrize(("data", "expected"), [
    # 90 % plausible characters (α is Greek) and one bad byte, which does not count against them.
    (("中" * 90 + "α" * 10).encode("gb18030") + b"\xff", "gb18030"),
    (("中" * 179 + "α" * 21).encode("gb18030") + b"\xff" * 4, "big5"),  # 89.5 % in GB18030: Big5 is tried
    ((b"a" + "中".encode("gb18030") + b"a" + "α".encode("gb18030")) * 10, "big5"),  # ASCII runs are not counted
    ("甲、乙、丙、丁，戊。".encode("big5") * 3, "big5"),  # Big5 punctuation reads as private-use GB18030
    ("是在我是在我是在我是在我是在我是在我們們".encode("gb18030"), "gb18030"),  # 10 % outside GB2312: still GB
    ("啊不的啊不的啊不的啊不的啊不的啊不的啊不".encode("gb18030") + b" abc", "big5"),  # 20 early-row characters
])
def test_chinese_despite_chardet_thresholds(data: bytes, expected: str) -> None:
    assert _despite(data) == expected


# ---- CJK punctuation in an ASCII document --------------------------------------------------------------------------

def _punctuation(sample: bytes, codec: str) -> str | None:
    from cleantext.text.decode import _HIGH_BYTES, _cjk_punctuation_in_ascii

    return _cjk_punctuation_in_ascii(sample, codec, len(sample) - len(sample.translate(None, _HIGH_BYTES)))


def test_cjk_punctuation_is_at_most_five_percent_of_the_bytes() -> None:
    marks = "，".encode("gb18030") * 3
    assert _punctuation(b"x" * 114 + marks, "latin-1") == "gb18030"  # exactly 5 %
    assert _punctuation(b"x" * 100 + marks, "latin-1") is None
    assert _punctuation(b"plain ascii", "ascii") is None


def test_a_letter_in_the_code_page_is_no_punctuation() -> None:
    # Ａ (A3 C1) is full-width punctuation-and-forms in GB18030, but "£Á" in Latin-1: a letter, so not taken.
    assert _punctuation("Notes from the harbour office, week twelve Ａ\n".encode("gb18030") * 3, "latin-1") is None


def test_a_code_page_that_cannot_decode_the_marks_is_no_crash() -> None:
    # A1 AA is — in GB18030; 0xAA is undefined in cp1253 (Greek).
    assert _punctuation(b"Notes from the harbour office, week twelve \xa1\xaa\n" * 3, "cp1253") == "gb18030"


# ---- ISO-2022 and control characters -------------------------------------------------------------------------------

def test_iso2022_jp_with_half_width_katakana_is_read_in_its_superset() -> None:
    text = "新しい機能をｶﾀｶﾅで追加しました。\n" * 2
    assert decode_bytes(text.encode("iso2022_jp_ext")) == (text, EncodingInfo("iso2022_jp_ext", 0.95))


def test_iso2022_jp_is_read_with_its_confidence() -> None:
    text = "新しい機能を追加しました。\n"
    assert decode_bytes(text.encode("iso2022_jp")) == (text, EncodingInfo("iso2022_jp", 0.95))


def test_an_iso2022_kr_escape_that_is_no_korean_falls_back_to_iso2022_jp_2() -> None:
    got = decode_bytes(b"plain \x1b$)C text \x0e\x7f\x0f end")
    assert got == ("plain  text \x0e\x7f\x0f end", EncodingInfo("iso2022_jp_2", 0.95))


def test_removing_controls_keeps_the_rest_of_the_encoding_info() -> None:
    from cleantext.text.decode import decode

    data = codecs.BOM_UTF8 + "页脚\x1a".encode()
    note = "removed 1 control character(s): U+001A ×1"
    assert decode(data) == ("页脚", EncodingInfo("utf-8-sig", 1.0, True, (note,)))


# ---- the bounded sample of a large document -----------------------------------------------------------------------

def test_a_document_of_exactly_sample_bytes_is_its_own_sample() -> None:
    from cleantext.text.decode import _sample

    data = (b"0123456789abcde\n" * (SAMPLE_BYTES // 16))
    assert len(data) == SAMPLE_BYTES and _sample(data) is data


def test_the_sample_is_the_start_and_the_middle_cut_at_line_ends() -> None:
    from cleantext.text.decode import _sample

    data = b"".join(b"%04d" % i + b"x" * 10 + b"\n" for i in range(6000))  # 90 000 bytes, a line every 15
    # Head: up to the last line end before byte 32 768 (the one at 32 759); middle: from the first line that starts
    # after byte 45 000 to the last line end before 45 000 + 32 768 (the one at 77 759).
    assert _sample(data) == data[:32760] + data[45015:77760]


def test_a_sample_without_line_ends_is_cut_at_the_byte_counts() -> None:
    from cleantext.text.decode import _sample

    data = b"\n" + b"x" * 99998 + b"\n"
    assert _sample(data) == data[:1] + data[50000:82768]


# ---- clearly GB18030 -----------------------------------------------------------------------------------------------
LATE = "是在我" * 40  # late-row GB2312 hanzi


def _clear(text: str) -> bool:
    from cleantext.text.decode import _clearly_gb18030

    data = text.encode("gb18030")
    return _clearly_gb18030(data, data) is not None


@pytest.mark.parametrize(("text", "clear"), [
    (LATE[:32], True),                       # 64 bytes: enough to be sure
    (LATE[:31], False),
    (LATE[:38] + "αα", True),                # 95 % plausible characters
    (LATE[:37] + "ααα", False),
    (LATE[:49] + "們", True),                # 2 % of the characters outside GB2312 (們 is GBK only)
    (LATE[:48] + "們們", False),
    (LATE[:20] + "們" * 20, False),
    ((LATE[:48] + "??") * 2, True),          # an ASCII question mark is not a character outside GB2312
    (LATE[:15] + "x" * 70, True),           # 30 % non-ASCII bytes (30 of 100)
    (LATE[:15] + "x" * 71, False),
    (LATE[:46] + "們" + "x" * 70, False),   # one of 47 characters outside: ASCII does not dilute it
])
def test_clearly_gb18030_thresholds(text: str, clear: bool) -> None:
    assert _clear(text) is clear


def test_a_clear_gb18030_document_is_read_at_90_percent() -> None:
    assert decode_bytes(LATE[:32].encode("gb18030")) == (LATE[:32], EncodingInfo("gb18030", 0.9))


# ---- low-confidence guesses: the warnings and the refusals ---------------------------------------------------------
# 一 乙 丁 七 乃 九 八 了 are A4 40, A4 41, ... in Big5: their units read as UTF-16 are CJK extension A (U+40A4...).
LOW_TRAIL_BIG5 = "一乙丁七乃九八了"


def test_a_short_big5_snippet_that_is_also_utf16_says_so() -> None:
    text, info = decode_bytes(LOW_TRAIL_BIG5.encode("big5"))
    assert (text, info.encoding) == (LOW_TRAIL_BIG5, "big5") and info.confidence < 0.2
    assert info.warnings == (f"unsure of the encoding: read as big5 at {info.confidence:.0%} confidence, but it reads "
                             "as utf-16-le too. Pass encoding=... if you know it.",)


def test_an_odd_length_snippet_is_not_asked_whether_it_is_utf16() -> None:
    text, info = decode_bytes((LOW_TRAIL_BIG5 + "x").encode("big5"))
    assert (text, info.encoding, info.warnings) == (LOW_TRAIL_BIG5 + "x", "big5", ())


@pytest.mark.parametrize("snippet", ["中文标点！", "星河文库年度总结"])
def test_a_short_gb_snippet_without_a_utf16_reading_has_no_warning(snippet: str) -> None:
    text, info = decode_bytes(snippet.encode("gb18030"))
    assert (text, info.encoding, info.warnings) == (snippet, "gb18030", ())


def test_noise_chardet_calls_gb18030_is_refused_with_its_guess() -> None:
    with pytest.raises(DecodingError) as err:
        decode_bytes(bytes(range(0xA1, 0xFF, 7)) * 2)
    assert err.value.best_guess == "gb18030"
    assert str(err.value) == ("cannot tell the encoding: chardet's best guess, gb18030, has only 2% confidence and "
                              "reads as noise. Pass encoding=... (--encoding) if you know it.")


def test_noise_chardet_calls_a_code_page_is_refused_with_its_guess() -> None:
    with pytest.raises(DecodingError) as err:
        decode_bytes(bytes(range(0x80, 0x100, 3)))
    assert err.value.best_guess == "cp500"
    assert str(err.value) == ("cannot tell the encoding: chardet's best guess, cp500, has only 2% confidence. "
                              "Pass encoding=... (--encoding) if you know it.")


def test_big5_with_a_bad_byte_that_chardet_misnames_is_read_as_big5_at_half_confidence() -> None:
    data = (TRAD * 3).encode("big5")
    text, info = decode_bytes(data[:99] + b"\xff" + data[99:])
    assert text == TRAD + TRAD[0] + "\ufffd" + TRAD[1:] + TRAD and info.encoding == "big5"
    assert info.confidence == pytest.approx(0.5 * 0.9)


# ---- every errors mode reports the same encoding info --------------------------------------------------------------

@pytest.mark.parametrize("mode", ["tolerant", "strict", "replace"])
def test_each_mode_reports_codec_confidence_and_bom_of_a_clean_decode(mode: str) -> None:
    assert decode_bytes((ZH * 3).encode("gb18030"), errors=mode) == (ZH * 3, EncodingInfo("gb18030", 0.9))
    assert decode_bytes(codecs.BOM_UTF8 + ZH.encode(), errors=mode) == (ZH, EncodingInfo("utf-8-sig", 1.0, True))
    assert decode_bytes(ZH.encode("gbk"), "gbk", mode) == (ZH, EncodingInfo("gbk", 1.0))  # a forced codec as given


@pytest.mark.parametrize("mode", ["tolerant", "replace"])  # strict refuses an odd length
def test_each_mode_keeps_the_warnings_of_a_clean_decode(mode: str) -> None:
    data = codecs.BOM_UTF16_LE + ZH.encode("utf-16-le") + b"\x00"
    assert decode_bytes(data, errors=mode) == (
        ZH, EncodingInfo("utf-16", 0.9, True, ("odd length: the last byte was dropped",)))
    text = ZH * 3
    assert decode_bytes(text.encode("utf-32-le") + b"\x00", errors=mode)[1] == \
        EncodingInfo("utf-32-le", 0.9, False, ("odd length: the last byte was dropped",))


def test_strict_names_the_codec_and_one_bad_byte() -> None:
    with pytest.raises(DecodingError) as err:
        decode_bytes(_gb_with_bad(3), "gb18030", "strict")
    assert (err.value.best_guess, err.value.bad_bytes) == ("gb18030", 1)
    assert str(err.value).startswith("the bytes are not valid gb18030: ")


def test_replace_names_where_the_bad_bytes_began() -> None:
    text, info = decode_bytes(_gb_with_bad(8), "gb18030", "replace")
    assert text.count("\ufffd") == 8
    assert info == EncodingInfo("gb18030", 0.9, False, (
        "undecodable bytes in gb18030 (first at byte 30) were replaced with U+FFFD",))


def test_tolerant_with_a_bom_and_a_bad_byte_keeps_had_bom() -> None:
    data = codecs.BOM_UTF8 + ZH.encode() + b"\xff" + ZH.encode()
    text, info = decode_bytes(data)
    assert text == ZH + "\ufffd" + ZH
    assert info == EncodingInfo("utf-8-sig", 0.9, True, (
        f"1 undecodable byte(s) in utf-8-sig (first at byte {len(ZH.encode())}) were replaced with U+FFFD",))


def test_a_forced_codec_that_is_no_text_encoding_is_named() -> None:
    with pytest.raises(DecodingError) as err:
        decode_bytes(b"abc", "base64")
    assert str(err.value) == ("'base64' is not a text encoding of documents: pass one such as utf-8, gb18030 or big5")
    assert err.value.best_guess is None


def test_a_codec_that_fails_in_its_own_way_is_a_decoding_error() -> None:
    def broken(input: bytes, errors: str = "strict") -> tuple[str, int]:
        raise UnicodeError("the table is missing")

    def search(name: str) -> codecs.CodecInfo | None:
        return codecs.CodecInfo(name="brokencodec", encode=codecs.utf_8_encode, decode=broken) \
            if name == "brokencodec" else None

    codecs.register(search)
    try:
        with pytest.raises(DecodingError) as err:
            decode_bytes(b"abc", "brokencodec")
    finally:
        codecs.unregister(search)
    assert str(err.value).startswith("the bytes cannot be decoded as brokencodec: ")
    assert "the table is missing" in str(err.value)
    assert err.value.best_guess == "brokencodec"


# ---- str input -----------------------------------------------------------------------------------------------------

def test_a_str_is_unicode_at_full_confidence() -> None:
    from cleantext.text.decode import decode

    assert decode("星河文库") == ("星河文库", EncodingInfo("unicode", 1.0))


def test_a_valid_surrogate_pair_in_a_str_is_joined_without_a_warning() -> None:
    from cleantext.text.decode import decode

    assert decode("生僻字\ud840\udc00。") == ("生僻字𠀀。", EncodingInfo("unicode", 1.0))


def test_a_lone_surrogate_beside_a_real_replacement_character_is_counted_once() -> None:
    from cleantext.text.decode import decode

    assert decode("已有\ufffd，孤\udc00字") == ("已有\ufffd，孤\ufffd字", EncodingInfo("unicode", 1.0, False, (
        "1 lone surrogate(s) replaced with U+FFFD",)))


# ---- regression: a Big5 document with a CP950 character ------------------------------------------------------------

def test_big5_with_a_cp950_euro_sign_is_not_refused_as_noise() -> None:
    # chardet drops Big5 at the € (A3 E1, CP950 only) and answers GB18030 at 2 %, whose reading is noise; the
    # document was refused before. Asked again without that byte pair, chardet names Big5.
    text = TRAD * 2 + "門票每人 5€。\n"
    assert decode_bytes(text.encode("cp950")) == (text, EncodingInfo("cp950", 0.5))


# ---- chardet's own verdicts ------------------------------------------------------------------------------------------

def test_bytes_chardet_calls_binary_are_not_text_and_say_what_chardet_saw() -> None:
    with pytest.raises(NotTextError) as err:
        decode_bytes(bytes(range(0x80, 0x100)) + bytes(range(1, 9)) * 3)
    assert str(err.value) == "this is not a text document: chardet classifies it as application/octet-stream."
    assert err.value.kind == "application/octet-stream"


def test_english_with_big5_ideographic_spaces_is_big5_at_half_confidence_and_says_why() -> None:
    text = "Notes from the harbour office\u3000\nThe ferry leaves at nine and returns at six\u3000\n" * 3
    got, info = decode_bytes(text.encode("big5"))
    assert (got, info.encoding, info.confidence) == (text, "big5", 0.5)
    assert len(info.warnings) == 1
    assert info.warnings[0].startswith("read as big5: its few non-ASCII bytes are CJK punctuation there and "
                                       "symbols, not letters, in chardet's ")


def test_a_short_chinese_snippet_given_to_another_script_is_gb18030_at_half_confidence() -> None:
    got, info = decode_bytes("家长日活动通知".encode("gb2312"))  # 14 non-ASCII bytes: short, so it says so
    assert (got, info.encoding, info.confidence) == ("家长日活动通知", "gb18030", 0.5)
    assert len(info.warnings) == 1
    assert info.warnings[0].startswith("unsure of the encoding: read as gb18030; chardet's best guess for so short "
                                       "a text was ")


# ---- strict refuses what the other modes repair --------------------------------------------------------------------

def test_strict_refuses_an_odd_length_utf16_with_a_bom() -> None:
    with pytest.raises(DecodingError) as err:
        decode_bytes(codecs.BOM_UTF16_LE + ZH.encode("utf-16-le") + b"\x00", errors="strict")
    assert str(err.value).startswith("the bytes are not valid utf-16: ")


@pytest.mark.parametrize("extra", [b"\x00", b"ab"])
def test_strict_refuses_bom_less_utf32_with_stray_last_bytes(extra: bytes) -> None:
    with pytest.raises(DecodingError) as err:
        decode_bytes((ZH * 3).encode("utf-32-le") + extra, errors="strict")
    assert str(err.value).startswith("the bytes are not valid utf-32-le: ")


def test_two_stray_bytes_after_utf32_are_dropped_and_counted() -> None:
    got = decode_bytes((ZH * 3).encode("utf-32-le") + b"ab")
    assert got == (ZH * 3, EncodingInfo("utf-32-le", 0.9, False, ("odd length: the last 2 bytes were dropped",)))


def test_strict_does_not_remove_stray_nuls() -> None:
    data = b"Harbour notes\x00 week 12\n" * 3
    assert decode_bytes(data)[0] == "Harbour notes week 12\n" * 3
    with pytest.raises(NotTextError) as err:
        decode_bytes(data, errors="strict")
    assert "(3 NUL bytes without a UTF-16 pattern)" in str(err.value)


def test_bom_less_utf16_without_ascii_is_found_by_its_control_bytes() -> None:
    # No NUL, but 1 in 9 characters has a low byte below 0x20: found at once, at 95 %, not as the last reading tried.
    text = "星河文库年度总结今年我们在各个方面都取得了新的进展这是全体同事共同努力的结果" * 3
    assert decode_bytes(text.encode("utf-16-le")) == (text, EncodingInfo("utf-16-le", 0.95))


def test_ascii_with_terminal_escapes_is_certain_utf8() -> None:
    data = b"status: \x1b[32mok\x1b[0m\n" * 3
    assert decode_bytes(data) == (data.decode(), EncodingInfo("utf-8", 1.0))


def test_anything_but_bytes_or_str_is_a_type_error_that_names_the_type() -> None:
    from cleantext.text.decode import decode

    with pytest.raises(TypeError) as err:
        decode(12345)  # type: ignore[arg-type]
    assert str(err.value) == "cleantext cleans bytes or str, not int"


def test_strict_keeps_the_warnings_of_an_unsure_guess() -> None:
    got, info = decode_bytes("家长日活动通知".encode("gb2312"), errors="strict")
    assert (got, info.encoding, info.confidence) == ("家长日活动通知", "gb18030", 0.5)
    assert len(info.warnings) == 1 and info.warnings[0].startswith("unsure of the encoding: read as gb18030; ")


def test_a_stray_byte_at_the_very_start_of_utf8_is_replaced_and_named() -> None:
    got = decode_bytes(b"\xff" + (ZH * 3).encode())
    assert got == ("\ufffd" + ZH * 3, EncodingInfo("utf-8", 0.9, False, (
        "1 invalid byte(s) (first at byte 0) replaced with U+FFFD",)))


def test_strict_does_not_take_utf8_with_a_stray_byte() -> None:
    with pytest.raises(DecodingError):
        decode_bytes((ZH * 3).encode() + b"\xff" + (ZH * 3).encode(), errors="strict")


@pytest.mark.parametrize(("data", "message"), [
    (b"GIF89a" + bytes(range(0x80, 0x100)), "this is not a text document: it looks like a GIF image."),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 2,
     "this is not a text document: it looks like a PNG image (2 NUL bytes without a UTF-16 pattern)."),
    (_with_nuls(_ascii_body(1000 - 17), 17),
     "this is not a text document: it looks like binary data (17 NUL bytes without a UTF-16 pattern)."),
])
def test_the_not_text_message_names_the_kind_and_the_nuls(data: bytes, message: str) -> None:
    with pytest.raises(NotTextError) as err:
        decode_bytes(data)
    assert str(err.value) == message


def test_two_latin1_accents_are_not_taken_for_stray_bytes_in_utf8() -> None:
    # Two bad bytes are within what the "UTF-8 with a few strays" reading accepts, but the text has no UTF-8
    # multi-byte character at all: it is a single-byte code page.
    text = "Harbour notes: the caf\u00e9 by the pier sells cr\u00e8me cakes on Sundays.\n"
    got, info = decode_bytes(text.encode("latin-1"))
    assert got == text and info.encoding != "utf-8"
