"""Session-8 survivors of text/decode.py (issue 16): chardet's answers as _guess_legacy maps them, the legacy
codec of a mixed UTF-8 file, and the last-resort UTF-16 reading when the legacy guess is refused.

chardet is replaced by a fixed list of answers where the installed version never gives the one needed (a GB2312
name, no MIME type, a confidence exactly on a threshold): what is asserted is how _guess_legacy maps that answer."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cleantext.errors import DecodingError, NotTextError
from cleantext.result import EncodingInfo
from cleantext.text import decode as decode_module
from cleantext.text.decode import _guess_legacy, decode_bytes

GB = "星河手记：青禾走进山谷，看见溪水。".encode("gb18030")
BIG5 = "青禾說：這裡的風景真美麗。".encode("big5")
BIG5_WITH_A_BAD_BYTE = BIG5[:8] + b"\x80" + BIG5[8:]
GB_WITH_A_BAD_BYTE = GB[:8] + b"\xff" + GB[8:]
# chardet reads these bytes as GB18030 at 2 %, a noise reading; Big5 reads them as CJK.
NOISE = bytes(range(0xA1, 0xFF, 7)) * 2


@pytest.fixture
def chardet_says(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    def install(*answers: dict[str, Any]) -> None:
        queue = list(answers)
        monkeypatch.setattr(decode_module.chardet, "detect", lambda data: dict(queue.pop(0)))
    return install


# ---- chardet's names ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["GB2312", "x-nonesuch"])
def test_a_gb2312_or_unknown_name_is_read_as_gb18030(chardet_says: Callable[..., None], name: str) -> None:
    chardet_says({"encoding": name, "confidence": 0.99})
    assert _guess_legacy(GB) == ("gb18030", 0.99, ())


def test_a_missing_confidence_is_zero(chardet_says: Callable[..., None]) -> None:
    chardet_says({"encoding": "GB2312", "confidence": None})
    assert _guess_legacy(GB) == ("gb18030", 0.0, ())


def test_no_encoding_and_no_mime_type_is_binary_data(chardet_says: Callable[..., None]) -> None:
    chardet_says({"encoding": None, "confidence": 0.0})
    with pytest.raises(NotTextError) as err:
        _guess_legacy(GB)
    assert str(err.value) == "this is not a text document: chardet classifies it as binary data."
    assert err.value.kind == "binary"


# ---- Chinese codecs: the bytes that do not decode strictly -----------------------------------------------------------

@pytest.mark.parametrize("confidence", [0.99, 0.1])
def test_big5_that_no_superset_decodes_strictly_stays_big5(chardet_says: Callable[..., None],
                                                           confidence: float) -> None:
    chardet_says({"encoding": "Big5", "confidence": confidence})
    assert _guess_legacy(BIG5_WITH_A_BAD_BYTE) == ("big5", confidence, ())


def test_low_confidence_gb18030_with_a_bad_byte_is_read_with_replacement(chardet_says: Callable[..., None]) -> None:
    chardet_says({"encoding": "GB18030", "confidence": 0.1})
    assert _guess_legacy(GB_WITH_A_BAD_BYTE) == ("gb18030", 0.1, ())


# ---- confidences exactly on a threshold ------------------------------------------------------------------------------

def test_gb18030_at_exactly_unsure_confidence_is_taken_even_as_noise(chardet_says: Callable[..., None]) -> None:
    chardet_says({"encoding": "GB18030", "confidence": 0.2})
    assert _guess_legacy(NOISE) == ("gb18030", 0.2, ())


def test_a_short_multibyte_answer_at_exactly_short_trusted_confidence_stands(
        chardet_says: Callable[..., None]) -> None:
    chardet_says({"encoding": "EUC-KR", "confidence": 0.3})
    assert _guess_legacy("한국".encode("euc_kr")) == ("euc_kr", 0.5, ())


def test_a_code_page_at_exactly_trusted_confidence_is_not_overridden(chardet_says: Callable[..., None]) -> None:
    chardet_says({"encoding": "windows-1252", "confidence": 0.5})
    assert _guess_legacy(GB) == ("cp1252", 0.5, ())


def test_a_chinese_reading_of_exactly_16_high_bytes_has_no_warning(chardet_says: Callable[..., None]) -> None:
    chardet_says({"encoding": "windows-1252", "confidence": 0.1})
    assert _guess_legacy("星河手记青禾山谷".encode("gb18030")) == ("gb18030", 0.5, ())


def test_a_short_chinese_reading_names_chardets_guess_when_it_does_not_decode(
        chardet_says: Callable[..., None]) -> None:
    chardet_says({"encoding": "ascii", "confidence": 0.1})
    assert _guess_legacy("星河手记青禾山".encode("gb18030")) == ("gb18030", 0.5, (
        "unsure of the encoding: read as gb18030; chardet's best guess for so short a text was utf-8 at 10%. "
        "Pass encoding=... if you know it.",))


def test_a_trusted_guess_that_does_not_decode_strictly_keeps_its_name(chardet_says: Callable[..., None]) -> None:
    chardet_says({"encoding": "ascii", "confidence": 0.9})
    assert _guess_legacy("caf\xe9 au lait".encode("latin-1")) == ("utf-8", 0.9, ())


def test_a_code_page_at_exactly_unsure_confidence_has_no_warning(chardet_says: Callable[..., None]) -> None:
    chardet_says({"encoding": "windows-1252", "confidence": 0.2})
    assert _guess_legacy("caf\xe9 au lait".encode("latin-1")) == ("cp1252", 0.2, ())


def test_a_code_page_at_exactly_min_confidence_is_used_with_a_warning(chardet_says: Callable[..., None]) -> None:
    chardet_says({"encoding": "windows-1252", "confidence": 0.1})
    assert _guess_legacy("caf\xe9 au l\xe0".encode("latin-1")) == ("cp1252", 0.1, (
        "unsure of the encoding: chardet's best guess, cp1252, has 10% confidence; the 2 non-ASCII byte(s) may be "
        "read wrong. Pass encoding=... if you know it.",))


def test_exactly_a_tenth_of_high_bytes_is_used_with_a_warning(chardet_says: Callable[..., None]) -> None:
    chardet_says({"encoding": "windows-1252", "confidence": 0.05})
    assert _guess_legacy("caf\xe9 au le".encode("latin-1")) == ("cp1252", 0.05, (
        "unsure of the encoding: chardet's best guess, cp1252, has 5% confidence; the 1 non-ASCII byte(s) may be "
        "read wrong. Pass encoding=... if you know it.",))



def test_a_low_confidence_chinese_reading_exactly_nine_tenths_plausible_is_not_noise(
        chardet_says: Callable[..., None]) -> None:
    chardet_says({"encoding": "GB18030", "confidence": 0.1})
    assert _guess_legacy("星河手记青禾山谷溪あ".encode("gb18030")) == ("gb18030", 0.1, ())


def test_the_ascii_of_a_low_confidence_chinese_reading_does_not_count_as_plausible(
        chardet_says: Callable[..., None]) -> None:
    # Half the non-ASCII characters are kana: noise, however many spaces stand between them.
    chardet_says({"encoding": "GB18030", "confidence": 0.1}, {"encoding": "windows-1252", "confidence": 0.99})
    with pytest.raises(DecodingError) as err:
        _guess_legacy("星 あ 河 い 手 う 记 え 青 お ".encode("gb18030"))
    assert str(err.value) == ("cannot tell the encoding: chardet's best guess, gb18030, has only 10% confidence and "
                              "reads as noise. Pass encoding=... (--encoding) if you know it.")

# ---- a noise GB18030 guess, and chardet asked again about the Big5 reading -------------------------------------------

NOISE_REFUSED = ("cannot tell the encoding: chardet's best guess, gb18030, has only 2% confidence and reads as noise. "
                 "Pass encoding=... (--encoding) if you know it.")


@pytest.mark.parametrize("again", [{"encoding": "Big5", "confidence": 0.99}, {"encoding": "Big5", "confidence": 0.2}])
def test_noise_is_read_as_big5_when_chardet_asked_again_names_big5(chardet_says: Callable[..., None],
                                                                    again: dict[str, Any]) -> None:
    chardet_says({"encoding": "GB18030", "confidence": 0.02}, again)
    assert _guess_legacy(NOISE) == ("big5", 0.5, ())


@pytest.mark.parametrize("again", [{"encoding": "windows-1252", "confidence": 0.99},
                                   {"encoding": "Big5", "confidence": None}])
def test_noise_is_refused_when_chardet_asked_again_does_not_name_big5_with_confidence(
        chardet_says: Callable[..., None], again: dict[str, Any]) -> None:
    chardet_says({"encoding": "GB18030", "confidence": 0.02}, again)
    with pytest.raises(DecodingError) as err:
        _guess_legacy(NOISE)
    assert str(err.value) == NOISE_REFUSED


def test_noise_without_any_chinese_reading_is_refused(chardet_says: Callable[..., None]) -> None:
    chardet_says({"encoding": "GB18030", "confidence": 0.02})
    with pytest.raises(DecodingError) as err:
        _guess_legacy(bytes(range(0x80, 0x100, 3)))
    assert str(err.value) == ("cannot tell the encoding: chardet's best guess, gb18030, has only 2% confidence and "
                              "reads as noise. Pass encoding=... (--encoding) if you know it.")


# ---- decode_bytes: a UTF-8 file with Big5 lines ----------------------------------------------------------------------

UTF8_LINE = "星河手记第一章：青禾走进山谷，看见溪水从石头上流过。\n"
BIG5_LINE = "青禾說：這裡的風景真美麗，我們明天還要再來看看。\n"


def test_the_legacy_lines_of_a_mixed_file_are_read_in_the_codec_chardet_names_for_them() -> None:
    data = UTF8_LINE.encode("utf-8") * 3 + BIG5_LINE.encode("big5") * 3
    assert decode_bytes(data) == (UTF8_LINE * 3 + BIG5_LINE * 3, EncodingInfo("utf-8", 0.5, False, (
        "mixed encodings: 3 line(s) decoded as big5, the rest as utf-8",)))



@pytest.mark.parametrize("line", [
    "青說\n",  # chardet names Big5 for the legacy lines; GB18030 decodes them too, as other characters
    "禾善\n",  # chardet's guess for the legacy lines is refused; only Big5 decodes them
])
def test_short_big5_lines_of_a_mixed_file_are_read_as_big5(line: str) -> None:
    data = UTF8_LINE.encode("utf-8") * 3 + line.encode("big5") * 2
    assert decode_bytes(data) == (UTF8_LINE * 3 + line * 2, EncodingInfo("utf-8", 0.5, False, (
        "mixed encodings: 2 line(s) decoded as big5, the rest as utf-8",)))

# ---- decode_bytes: short BOM-less UTF-16 without NUL or control bytes, refused by chardet ----------------------------

SHORT_UTF16 = "河手禾山溪水从石头流们天来景丽仿"


def test_short_utf16_that_the_legacy_guess_refuses_is_read_as_utf16_at_half_confidence() -> None:
    data = SHORT_UTF16.encode("utf-16-le")
    assert decode_bytes(data) == (SHORT_UTF16, EncodingInfo("utf-16-le", 0.5))
    assert decode_bytes(data, None, "strict") == (SHORT_UTF16, EncodingInfo("utf-16-le", 0.5))


def test_short_utf16_with_a_cut_last_unit_is_refused_in_strict_mode() -> None:
    with pytest.raises(DecodingError) as err:
        decode_bytes(SHORT_UTF16.encode("utf-16-le") + b"\x3d\xd8", None, "strict")
    assert str(err.value) == ("the bytes are not valid utf-16-le: 'utf-16-le' codec can't decode bytes in position "
                              "32-33: unexpected end of data")


def test_an_odd_length_gets_no_last_resort_utf16_reading() -> None:
    with pytest.raises(DecodingError) as err:
        decode_bytes(SHORT_UTF16.encode("utf-16-le") + b"A")
    assert str(err.value) == ("cannot tell the encoding: chardet's best guess, cp1250, has only 1% confidence. "
                              "Pass encoding=... (--encoding) if you know it.")


def test_odd_length_utf16_with_a_bom_in_replace_mode_keeps_replace_mode() -> None:
    data = b"\xff\xfe" + "星河手记".encode("utf-16-le") * 3 + b"\x00\xd8\x41\x00" * 4 + b"A"
    assert decode_bytes(data, None, "replace") == ("星河手记" * 3 + "\ufffdA" * 4, EncodingInfo("utf-16", 0.81, True, (
        "odd length: the last byte was dropped",
        "undecodable bytes in utf-16 (first at byte 26) were replaced with U+FFFD")))


# ---- a multi-byte sample cut inside its last character -----------------------------------------------------------

@pytest.mark.parametrize(("sample", "name", "codec"), [
    ("우리 마을 도서관은 매주 토요일 오후에 책 읽기 모임을 엽니다.\n".encode("euc_kr") + b"\xbf", "EUC-KR", "euc_kr"),
    ("星河の手記：青禾は山の谷を歩いています。".encode("euc_jp") + b"\x8f\xb0", "EUC-JP", "euc_jp"),
    ("星河の手記：青禾は山の谷を歩いています。丂".encode("euc_jp") + b"\xa4", "EUC-JP", "euc_jp"),  # 丂: 3 bytes
])
def test_a_short_trusted_multibyte_answer_stands_for_a_sample_cut_in_its_last_character(
        chardet_says: Callable[..., None], sample: bytes, name: str, codec: str) -> None:
    chardet_says({"encoding": name, "confidence": 0.3})
    assert _guess_legacy(sample) == (codec, 0.5, ())
