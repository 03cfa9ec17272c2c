"""CJK compatibility ideographs pass normalization untouched (issue 16): NFC would swap each one for its unified
twin (豈 U+F900 → 豈 U+8C48) without a word, and the README promises that correct Chinese passes unchanged."""

from __future__ import annotations

import unicodedata

from cleantext import Cleaner
from cleantext.audit import replay
from cleantext.text.normalize import nfc_keeping_compat_ideographs, normalize_text

# Every compatibility ideograph that NFC rewrites: those with a (singleton) canonical decomposition. The block also
# holds a dozen unified ideographs (﨑 U+FA11) that decompose to nothing.
COMPAT = [chr(c) for c in [*range(0xF900, 0xFB00), *range(0x2F800, 0x2FA20)] if unicodedata.decomposition(chr(c))]


def test_the_characters_at_stake_are_rewritten_by_plain_nfc() -> None:
    # The reason for the care: without it these would change (and 﨑 U+FA11 is not one of them).
    assert len(COMPAT) > 900
    assert all(unicodedata.normalize("NFC", c) != c for c in COMPAT)
    assert "\ufa11" not in COMPAT and unicodedata.normalize("NFC", "\ufa11") == "\ufa11"


def test_every_compatibility_ideograph_survives_normalization() -> None:
    text = "地名：" + "".join(COMPAT) + "。"
    assert normalize_text(text).text == text


def test_nfc_still_composes_around_them() -> None:
    # e + U+0301 composes to é before, between and after kept ideographs; a mark right after one stays after it.
    raw = "e\u0301\uf900e\u0301\U0002f800\u0301"
    out = normalize_text(raw)
    assert out.text == "\u00e9\uf900\u00e9\U0002f800\u0301"
    assert out.steps == ("nfc",)
    assert nfc_keeping_compat_ideographs("\uf900") == "\uf900"
    assert nfc_keeping_compat_ideographs("Cafe\u0301") == "Caf\u00e9"


def test_cleaning_keeps_them_and_stays_idempotent_with_an_exact_audit() -> None:
    cleaner = Cleaner()
    body = "第一章 \uf900山\n他沿着\uf91d\u0301河走了很久，直到天黑才看见村口的灯。\n" + "村里的人都认识他。" * 3
    raw = "仅供学习 禁止外传 用后删除\n" + body + "（更多范文请到云舒书屋免费下载）\n"
    result = cleaner.clean(raw)
    assert "\uf900山" in result.text and "\uf91d\u0301河" in result.text
    assert "仅供学习" not in result.text
    assert result.removed, "the watermark line is recorded"
    assert replay(result.normalized, result.removed) == result.text
    again = cleaner.clean(result.text)
    assert again.text == result.text and not again.removed


def test_a_document_of_correct_chinese_with_them_comes_out_byte_for_byte() -> None:
    text = "\uf9a8\uf9b1\uf9c6是三个兼容汉字，\U0002f81a也是；它们在这句话里原样保留。"
    result = Cleaner().clean(text.encode("utf-8"))
    assert result.text.encode("utf-8") == text.encode("utf-8")
