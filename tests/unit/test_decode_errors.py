"""Every way decoding can fail ends in a CleantextError, in each ``decode_errors`` mode (issue 13, point 8)."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleantext import clean
from cleantext.errors import CleantextError, DecodingError
from cleantext.text.decode import SAMPLE_BYTES, decode_bytes

MODES = ("tolerant", "strict", "replace")
TEXT = "年度总结\n（一）全面开展工作。我们坚持“以人民为中心”，完成了《规划》确定的任务！\n"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("encoding", "says"), [
    ("punycode", "not a text encoding"), ("idna", "not a text encoding"), ("no-such-codec", "unknown encoding"),
    ("base64", "not a text encoding"), ("rot13", "not a text encoding"), ("zlib", "not a text encoding"),
])
def test_forced_codecs_that_cannot_read_a_document_are_refused_by_name(encoding: str, says: str, mode: str) -> None:
    with pytest.raises(DecodingError) as err:
        decode_bytes(b"abc\n\xff\xfe", encoding, mode)
    assert says in str(err.value) and repr(encoding) in str(err.value)


@pytest.mark.parametrize("encoding", ["punycode", "idna", "no-such-codec"])
def test_clean_with_such_a_codec_raises_a_decoding_error(encoding: str) -> None:
    with pytest.raises(DecodingError):
        clean(b"abc\n\xff\xfe", encoding=encoding)


def _utf16_with_a_bad_unit_past_the_sample() -> bytes:
    data = bytearray((TEXT * (3 * SAMPLE_BYTES // len(TEXT.encode("utf-16-le")))).encode("utf-16-le"))
    data[-20:-18] = b"\x00\xdc"  # a lone low surrogate, far after the part _sniff_utf16 reads
    return bytes(data)


def test_strict_bom_less_utf16_with_a_bad_unit_past_the_sample_is_a_decoding_error() -> None:
    with pytest.raises(DecodingError) as err:
        decode_bytes(_utf16_with_a_bad_unit_past_the_sample(), errors="strict")
    assert "utf-16-le" in str(err.value)


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_replace_with_a_bom_always_replaces_and_says_so(bom: bytes) -> None:
    utf8 = bom == codecs.BOM_UTF8
    # Far more bad bytes than tolerant mode accepts: 0xFF never starts UTF-8, 0xDC00 is a lone low surrogate.
    data = bom + (b"\xff\xff" if utf8 else b"\x00\xdc") * 40 + TEXT.encode("utf-8" if utf8 else "utf-16-le")
    with pytest.raises(DecodingError):
        decode_bytes(data)
    text, info = decode_bytes(data, errors="replace")
    assert text.endswith(TEXT) and "\ufffd" in text and info.had_bom
    assert any("replaced with U+FFFD" in w for w in info.warnings)


def test_replace_on_bom_less_utf16_replaces_the_bad_unit() -> None:
    text, info = decode_bytes(_utf16_with_a_bad_unit_past_the_sample(), errors="replace")
    assert text.count("\ufffd") == 1 and info.encoding == "utf-16-le"


CODECS = [None, "utf-8", "gb18030", "big5", "utf-16", "utf-32", "latin-1", "euc_kr", "punycode", "idna", "nope"]


@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=60).map(lambda t: t.encode("utf-16-le", "ignore"))),
       encoding=st.sampled_from(CODECS), mode=st.sampled_from(MODES))
def test_decoding_never_raises_anything_but_a_cleantext_error(data: bytes, encoding: str | None, mode: str) -> None:
    try:
        text, info = decode_bytes(data, encoding, mode)
    except CleantextError:
        return
    assert isinstance(text, str) and 0.0 <= info.confidence <= 1.0
    if mode == "strict":
        assert "\ufffd" not in text or "\ufffd".encode(info.encoding.replace("-sig", ""), "ignore") in data


@pytest.mark.parametrize("data", [b"\x88\xe4\x81", b"\x82\xa0\x82"], ids=["cp932-cut", "sjis-kana-cut"])
def test_a_japanese_guess_cut_mid_character_is_no_crash(data: bytes) -> None:
    # chardet names CP932 for bytes that end in half a character; the kana check must not decode them strictly.
    try:
        decode_bytes(data)
    except CleantextError:
        pass
