from __future__ import annotations

import codecs

import pytest

from cleantext.errors import DecodingError, NotTextError
from cleantext.text.decode import decode, decode_bytes

TEXT = "年度总结\n（一）全面开展工作。我们坚持“以人民为中心”，完成了《规划》确定的任务！\n二、存在问题？、：\n" * 5
TRAD = "讀書會活動紀要\n我們將持續改善服務流程，讓民眾辦理業務更加便利。本年度中心共舉辦各類講座二十場。\n" * 5


@pytest.mark.parametrize(("data", "expected"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("utf-32"), "utf-32"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("gbk"), "gb18030"),
    (TRAD.encode("big5"), "big5"),
])
def test_detects_and_decodes_exactly(data, expected):
    text, info = decode_bytes(data)
    assert info.encoding == expected
    assert text == (TRAD if expected == "big5" else TEXT)
    assert 0.0 < info.confidence <= 1.0


def test_gb18030_only_characters_survive():
    text = "生僻字：𠀀𪚥，欧元符号€。" * 20
    out, info = decode_bytes(text.encode("gb18030"))
    assert out == text and info.encoding == "gb18030"


def test_str_passes_through():
    assert decode("已经是文本")[0] == "已经是文本"
    assert decode("x")[1].encoding == "unicode"


def test_empty_bytes_is_empty_text_not_error():
    text, info = decode_bytes(b"")
    assert text == "" and info.encoding == "utf-8"


@pytest.mark.parametrize(("data", "kind"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "PNG"),
    (b"PK\x03\x04" + bytes(200) + b"word/document.xml", "ZIP"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n" + bytes(range(256)) * 8, "PDF"),
    (bytes(1000), "binary"),
])
def test_binary_is_refused_with_a_clear_message(data, kind):
    with pytest.raises(NotTextError) as err:
        decode_bytes(data)
    assert "not a text document" in str(err.value)
    assert kind.lower() in str(err.value).lower()


def test_truncated_utf8_at_end_is_replaced_and_reported():
    data = TEXT.encode("utf-8") + "中".encode()[:2]
    text, info = decode_bytes(data)
    assert info.encoding == "utf-8"
    assert text.startswith(TEXT) and text.endswith("\ufffd")
    assert any("truncated" in w for w in info.warnings)


def test_gbk_with_a_few_invalid_bytes_is_cleaned_and_reported():
    data = bytearray(TEXT.encode("gbk") * 4)
    data[100:101] = b"\xff"
    text, info = decode_bytes(bytes(data))
    assert info.encoding == "gb18030"
    assert "\ufffd" in text and info.warnings
    with pytest.raises(DecodingError):
        decode_bytes(bytes(data), errors="strict")


def test_two_encodings_in_one_file_are_decoded_line_by_line():
    data = TEXT.encode("utf-8") + TEXT.encode("gb18030")
    text, info = decode_bytes(data)
    assert text == TEXT + TEXT
    assert any("mixed encodings" in w for w in info.warnings)


def test_utf16_of_odd_length_drops_the_last_byte_and_says_so():
    text, info = decode_bytes(TEXT.encode("utf-16") + b"\x00")
    assert text == TEXT
    assert any("odd length" in w for w in info.warnings)


def test_forced_encoding():
    assert decode_bytes(TEXT.encode("gbk"), encoding="gbk")[0] == TEXT
    with pytest.raises(DecodingError) as err:
        decode_bytes("中文".encode() * 50, encoding="ascii", errors="strict")
    assert "ascii" in str(err.value)


def test_rejects_non_text_types():
    with pytest.raises(TypeError):
        decode(12345)  # type: ignore[arg-type]
