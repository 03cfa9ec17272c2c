"""Bad input: each kind gets the right error with a clear message, or is cleaned with what was replaced recorded
in ``metadata.warnings``. Every document here is invented."""

from __future__ import annotations

import io
import random
import zipfile
import zlib

import pytest

from cleantext import CleantextError, DecodingError, InputTooLargeError, NotTextError, clean

TITLE = "星河文稿年度工作总结"
LINES = ["今年我们完成了各项任务，成绩显著，家长满意。", "下一步我们将继续努力，推动教育质量再上新台阶。",
         "全年共培训教师三百一十四人次，覆盖全部学科。"]
DOC = "\n".join([TITLE, *LINES * 3])
TRADITIONAL = "今年我們完成了各項任務，成績顯著。"


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document>" + DOC + "</w:document>")
    return buf.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02" + zlib.compress(bytes(300))
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nstream\n" + zlib.compress(
    DOC.encode()) + b"\nendstream\n"


@pytest.mark.parametrize(("data", "says"), [
    pytest.param(PNG, "a PNG image", id="png"),
    pytest.param(_zip(), "a ZIP archive", id="zip"),
    pytest.param(PDF, "a PDF file", id="pdf"),
    pytest.param(random.Random(31415926).randbytes(4096), "binary data", id="random-bytes"),
])
def test_binary_is_refused_as_not_text(data: bytes, says: str) -> None:
    with pytest.raises(NotTextError) as info:
        clean(data)
    assert str(info.value).startswith("this is not a text document")
    assert says in str(info.value)


def test_random_bytes_without_nul_are_refused() -> None:
    rng = random.Random(27182818)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(4096))
    with pytest.raises(DecodingError) as info:
        clean(noise)
    assert "encoding=" in str(info.value)


def test_empty_input_gives_an_empty_result() -> None:
    result = clean(b"")
    assert (result.text, result.removed, result.metadata.lines_in, result.metadata.warnings) == ("", (), 0, [])


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "big5", "utf-32"])
def test_truncated_last_character_is_replaced_and_reported(codec: str) -> None:
    whole = "\n".join([TRADITIONAL] * 8) if codec == "big5" else DOC
    result = clean(whole.encode(codec) + "好".encode(codec)[:-1])
    assert result.text == whole + "\ufffd"
    assert any("truncated multi-byte sequence at the end" in w for w in result.metadata.warnings)


def _gbk_with_bad_bytes(repeat: int, bad: int) -> bytes:
    data = bytearray("\n".join([TITLE, *LINES * repeat]).encode("gbk"))
    for k in range(1, bad + 1):
        data[len(data) * k // (bad + 1)] = 0xFF  # 0xFF is never valid in GBK/GB18030
    return bytes(data)


def test_gbk_with_a_few_invalid_bytes_is_cleaned_and_reported() -> None:
    result = clean(_gbk_with_bad_bytes(repeat=60, bad=3))
    assert result.metadata.encoding == "gb18030"
    assert result.text.count("\ufffd") >= 3
    assert any("undecodable byte(s) in gb18030" in w for w in result.metadata.warnings)
    assert result.text.count(LINES[0]) >= 55  # all but the lines the bad bytes hit


def test_short_gbk_with_a_few_invalid_bytes_is_not_read_as_a_latin_code_page() -> None:
    # 2.7 KB, 3 bad bytes: chardet answers cp875 (EBCDIC Greek) and the document comes out as noise, unreported.
    result = clean(_gbk_with_bad_bytes(repeat=18, bad=3))
    assert result.metadata.encoding == "gb18030"
    assert result.metadata.warnings


def test_gbk_invalid_bytes_are_refused_in_strict_mode() -> None:
    with pytest.raises(DecodingError) as info:
        clean(_gbk_with_bad_bytes(repeat=60, bad=3), decode_errors="strict")
    assert info.value.best_guess == "gb18030"
    assert "not valid gb18030" in str(info.value)


def test_mostly_undecodable_bytes_are_refused_naming_the_best_guess() -> None:
    with pytest.raises(DecodingError) as info:
        clean(DOC.encode("gbk"), encoding="utf-8")
    assert info.value.best_guess == "utf-8"
    assert "Pass encoding=" in str(info.value) and "decode_errors='replace'" in str(info.value)


def test_utf8_and_gbk_mixed_in_one_file_are_both_decoded() -> None:
    part_gbk = "\n".join(LINES[:2]).encode("gbk")
    data = DOC.encode("utf-8") + b"\n" + part_gbk
    result = clean(data)
    assert result.text == DOC + "\n" + "\n".join(LINES[:2])
    assert any(w.startswith("mixed encodings: 2 line(s) decoded as gb18030") for w in result.metadata.warnings)


def test_one_gbk_footer_line_after_utf8_text_is_decoded() -> None:
    result = clean(DOC.encode("utf-8") + b"\n" + LINES[0].encode("gbk"))
    assert result.text == DOC + "\n" + LINES[0]
    assert any(w.startswith("mixed encodings: 1 line(s)") for w in result.metadata.warnings)


def test_utf8_and_big5_mixed_in_one_file_are_both_decoded() -> None:
    result = clean(DOC.encode("utf-8") + b"\n" + "\n".join([TRADITIONAL] * 2).encode("big5") + b"\n")
    assert result.text == DOC + "\n" + "\n".join([TRADITIONAL] * 2)
    assert any("big5" in w for w in result.metadata.warnings)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_of_odd_length_drops_the_last_byte_and_says_so(codec: str) -> None:
    result = clean(DOC.encode(codec) + b"\x0a")
    assert result.text == DOC
    assert result.metadata.encoding.startswith("utf-16")
    assert "odd length: the last byte was dropped" in result.metadata.warnings


def test_nul_heavy_bytes_without_utf16_pattern_are_not_text() -> None:
    data = b"\x00\x00\x01\x00" * 300 + DOC.encode()
    with pytest.raises(NotTextError) as info:
        clean(data)
    assert "NUL bytes without a UTF-16 pattern" in str(info.value)


@pytest.mark.parametrize("data", [
    pytest.param(DOC.encode().replace("。".encode(), "。\x00".encode(), 2), id="stray-nuls"),
    pytest.param(DOC.encode() + b"\x00" * 512, id="nul-padding"),
])
def test_nul_bytes_in_text_are_removed_and_reported(data: bytes) -> None:
    result = clean(data)
    assert result.text == DOC
    assert any("NUL" in w for w in result.metadata.warnings)


def test_lone_surrogates_in_str_are_replaced_and_reported() -> None:
    result = clean(TITLE + "\n" + LINES[0] + "\ud800" + LINES[1] + "\udfff")
    result.text.encode("utf-8")  # the clean text must be writable as UTF-8
    assert result.text.count("\ufffd") == 2
    assert any("surrogate" in w for w in result.metadata.warnings)


def test_input_over_max_bytes_is_refused_with_size_and_limit() -> None:
    with pytest.raises(InputTooLargeError) as info:
        clean(b"a" * 3_000_000, max_bytes=1_000_000)
    assert "3 MB, over the limit of 1 MB" in str(info.value)
    assert isinstance(info.value, CleantextError)


def _single_line(megabytes: int) -> tuple[bytes, str]:
    unit = "今年我们完成了各项任务，成绩显著，家长满意，"
    line = unit * (megabytes * 1_000_000 // len(unit.encode()))
    return line.encode(), line


def test_a_10_mb_single_line_is_cleaned() -> None:
    data, line = _single_line(10)
    result = clean(data)
    assert result.text == line
    assert result.metadata.lines_in == result.metadata.lines_out == 1


@pytest.mark.slow
def test_a_100_mb_single_line_is_cleaned() -> None:
    # Measured on 2 cores: see docs/reliability.md. No timing is asserted: finishing is the test.
    data, line = _single_line(100)
    result = clean(data)
    assert result.text == line
    assert result.removed == ()
