from __future__ import annotations

import ftfy

from cleantext.text.normalize import has_mojibake, normalize_text

PUNCT = "（一）标题：“引号”《书名》！？、，；……——ＡＢＣ１２３　全角空格在中间"


def test_fullwidth_chinese_punctuation_passes_byte_for_byte():
    out = normalize_text(PUNCT).text
    assert out.encode("utf-8") == PUNCT.encode("utf-8")


def test_ftfy_defaults_would_break_it_and_our_config_does_not():
    # The reason for the pinned config: ftfy's defaults rewrite correct Chinese punctuation.
    assert ftfy.fix_text(PUNCT) != PUNCT
    from cleantext.text.normalize import fix_mojibake

    assert fix_mojibake(PUNCT) == PUNCT


def test_mojibake_is_repaired_only_with_a_signal():
    good = "西山区：年度工作总结，“不忘初心”。"
    broken = good.encode("utf-8").decode("latin-1")
    assert has_mojibake(broken) and not has_mojibake(good)
    result = normalize_text(broken)
    assert result.text == good
    assert "fix_mojibake" in result.steps


def test_latin_text_with_accents_is_not_mojibake():
    assert not has_mojibake("Café crème, naïve résumé — “quoted” façade.")


def test_line_endings_zero_width_trailing_space_and_blank_runs():
    raw = "\ufeff\r\n标题  \r\n\r\n\r\n\r\n正\u200b文\u3000\r第二段\t \n\n\n"
    result = normalize_text(raw)
    assert result.text == "标题\n\n正文\n第二段"
    assert "fix_line_endings" in result.steps and "remove_zero_width" in result.steps


def test_leading_indentation_is_kept():
    assert normalize_text("　　他推开门。\n　　雪停了。").text == "　　他推开门。\n　　雪停了。"


def test_emoji_sequences_keep_their_joiner():
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    assert normalize_text(f"全家福{family}").text == f"全家福{family}"


def test_nfc():
    assert normalize_text("cafe\u0301").text == "caf\u00e9"
