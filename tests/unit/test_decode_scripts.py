"""Documents in other scripts keep chardet's confident answer; Chinese is chosen only where the bytes read as
Chinese. Every sentence here is invented for this test."""

from __future__ import annotations

import pytest

from cleantext.errors import DecodingError, NotTextError
from cleantext.text.decode import decode_bytes

LIBRARY = {
    "korean": "우리 마을 도서관은 매주 토요일 오후에 어린이를 위한 책 읽기 모임을 엽니다. 올해는 새로 들어온 그림책이 "
              "많아서 아이들이 무척 좋아했습니다. 다음 달에는 지역 작가를 초대하여 이야기를 나누는 시간을 가질 "
              "예정입니다.\n",
    "japanese": "私たちの町の図書館では、毎週土曜日の午後に子ども向けの読み聞かせ会を開いています。今年は新しい絵本が"
                "たくさん届いたので、子どもたちはとても喜んでいました。来月は地元の作家を招いてお話を聞く予定です。\n",
    "russian": "Наша городская библиотека каждую субботу проводит чтения для детей. В этом году пришло много новых "
               "книг с картинками, и дети были очень рады. В следующем месяце мы пригласим местного писателя.\n",
    "hungarian": "A városi könyvtár minden szombaton délután felolvasást tart a gyerekeknek. Idén sok új képeskönyv "
                 "érkezett, ezért a gyerekek nagyon örültek. Jövő hónapban egy helyi írót hívunk meg beszélgetésre.\n",
    "czech": "Městská knihovna pořádá každou sobotu odpoledne čtení pro děti. Letos přišlo mnoho nových obrázkových "
             "knížek a děti měly velkou radost. Příští měsíc pozveme místního spisovatele.\n",
    "french": "La bibliothèque municipale organise chaque samedi après-midi une lecture pour les enfants. Cette année, "
              "beaucoup de nouveaux albums illustrés sont arrivés et les élèves étaient ravis. Le mois prochain, nous "
              "inviterons un écrivain de la région.\n",
    "greek": "Η δημοτική βιβλιοθήκη οργανώνει κάθε Σάββατο απόγευμα ανάγνωση για παιδιά. Φέτος ήρθαν πολλά "
             "καινούργια εικονογραφημένα βιβλία και τα παιδιά χάρηκαν πολύ.\n",
    "thai": "ห้องสมุดประจำเมืองจัดกิจกรรมเล่านิทานให้เด็กฟังทุกวันเสาร์ตอนบ่าย ปีนี้มีหนังสือภาพเล่มใหม่เข้ามามากมาย "
            "เด็กๆ จึงดีใจมาก\n",
    "hebrew": "הספרייה העירונית מקיימת בכל שבת אחר הצהריים שעת סיפור לילדים. השנה הגיעו ספרי תמונות חדשים רבים "
              "והילדים שמחו מאוד.\n",
}

# Each was read as GB18030, Big5, UTF-16 or a look-alike code page before (issue 20).
CASES = [
    ("korean", "euc_kr"), ("japanese", "euc_jp"), ("japanese", "shift_jis"), ("russian", "iso8859-5"),
    ("russian", "koi8-r"), ("russian", "cp1251"), ("hungarian", "iso8859-2"), ("hungarian", "cp1250"),
    ("czech", "cp1250"), ("french", "cp1252"), ("french", "latin-1"), ("greek", "iso8859-7"), ("thai", "tis-620"),
    ("hebrew", "cp1255"),
]


@pytest.mark.parametrize(("language", "codec"), CASES, ids=[f"{lang}-{codec}" for lang, codec in CASES])
@pytest.mark.parametrize("repeat", [1, 3])
def test_other_scripts_decode_to_their_own_text(language: str, codec: str, repeat: int) -> None:
    text = LIBRARY[language] * repeat
    got, info = decode_bytes(text.encode(codec))
    assert got == text, f"read as {info.encoding}"
    assert info.encoding not in ("gb18030", "big5", "utf-16-le", "utf-16-be")


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("language", ["korean", "french", "japanese"])
def test_bom_less_utf32_is_text(codec: str, language: str) -> None:
    text = LIBRARY[language] * 2
    got, info = decode_bytes(text.encode(codec))
    assert (got, info.encoding) == (text, codec)


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_bom_less_utf32_with_characters_beyond_the_bmp(codec: str) -> None:
    text = "生僻字𠀀与表情😀并存。\n" * 10
    got, info = decode_bytes(text.encode(codec))
    assert (got, info.encoding) == (text, codec)


@pytest.mark.parametrize(("codec", "escape"), [("iso2022_jp", b"\x1b$B"), ("iso2022_kr", b"\x1b$)C")])
def test_seven_bit_iso2022_is_read_by_its_escapes(codec: str, escape: str) -> None:
    text = LIBRARY["japanese" if codec.endswith("jp") else "korean"] * 2
    data = text.encode(codec)
    assert escape in data and data.isascii()
    got, info = decode_bytes(data)
    assert got == text and info.encoding.startswith("iso2022")


def test_plain_ascii_with_an_escape_character_stays_utf8() -> None:
    data = b"status: \x1b[32mok\x1b[0m\n" * 3
    got, info = decode_bytes(data)
    assert (got, info.encoding) == (data.decode(), "utf-8")


# ---- Chinese is still preferred where the bytes read as Chinese ---------------------------------------------------
ZH = "星河文库年度总结：今年我们在各个方面都取得了新的进展，这是全体同事共同努力的结果。下一步要继续做好服务。\n"


def test_gb2312_lines_that_are_valid_utf8_by_chance_are_not_a_mixed_file() -> None:
    # 效应 in GB2312 is D0A7 D3A6, two valid UTF-8 characters (Чӧ); a short line of it must not be read as UTF-8.
    text = ZH * 4 + "效应\n" + ZH * 4
    got, info = decode_bytes(text.encode("gb2312"))
    assert got == text and info.encoding == "gb18030"
    assert not any("mixed" in w for w in info.warnings)


@pytest.mark.parametrize("snippet", ["中文标点！", "星河文库整理", "今年完成了全部任务。", "下一步要继续做好服务"])
def test_short_chinese_snippets_are_gb18030(snippet: str) -> None:
    got, info = decode_bytes(snippet.encode("gb18030"))
    assert (got, info.encoding) == (snippet, "gb18030")


def test_korean_is_not_taken_for_clear_gb18030_but_chinese_is() -> None:
    # EUC-KR hangul are valid GB2312 hanzi byte for byte: only the rows they fall in tell them apart.
    korean = LIBRARY["korean"] * 3
    got, info = decode_bytes(korean.encode("euc_kr"))
    assert got == korean and info.encoding in ("euc_kr", "cp949")
    got, info = decode_bytes((ZH * 3).encode("gb2312"))
    assert (got, info.encoding) == (ZH * 3, "gb18030")


def test_bom_less_utf16_chinese_without_any_ascii_is_still_found() -> None:
    text = "星河文库年度总结今年我们在各个方面都取得了新的进展这是全体同事共同努力的结果" * 3
    data = text.encode("utf-16-le")
    assert b"\x00" not in data
    got, info = decode_bytes(data)
    assert (got, info.encoding) == (text, "utf-16-le")


def test_an_unsure_guess_of_a_mostly_ascii_text_is_used_and_says_so() -> None:
    # Four accented letters in a line of English: chardet answers at about 10 %; the text is kept, with a warning.
    text = "r\xe9sum\xe9 of the year: 12 trips, 3 new na\xefve ideas, one fa\xe7ade.\n"
    got, info = decode_bytes(text.encode("latin-1"))
    assert got == text
    assert info.confidence < 0.2 and any(w.startswith("unsure of the encoding") for w in info.warnings)


@pytest.mark.parametrize("noise", [bytes(range(0xA1, 0xFF, 7)) * 2, bytes(range(0x80, 0x100, 3))],
                         ids=["gb18030-at-2-percent", "code-page-at-2-percent"])
def test_short_non_ascii_noise_is_refused_rather_than_guessed(noise: bytes) -> None:
    # chardet answers GB18030 (or a code page) at 2 %: the "text" would be rare and private-use characters.
    with pytest.raises(DecodingError) as err:
        decode_bytes(noise)
    assert "encoding=" in str(err.value)


def test_nul_patterns_that_are_not_utf32_are_still_not_text() -> None:
    with pytest.raises(NotTextError):
        decode_bytes(b"\x00\x00\x01\x00" * 300 + ZH.encode())


@pytest.mark.parametrize(("codec", "mark"), [("big5", "\u3000"), ("gbk", "，"), ("big5", "。")])
def test_english_with_a_few_cjk_punctuation_marks_keeps_them(codec: str, mark: str) -> None:
    # In Latin-1 the marks read as symbol pairs (¡@, £¬), never as letters: the CJK reading is the document's.
    text = f"Notes from the harbour office{mark}\nThe ferry leaves at nine and returns at six{mark}\n" * 3
    got, info = decode_bytes(text.encode(codec))
    assert got == text and info.encoding in ("big5", "gb18030")


def test_an_english_degree_sign_is_not_taken_for_a_big5_character() -> None:
    text = "Harbour report: water at 18\u00b0C, air at 21\u00b0C, wind from the west at five knots today.\n" * 2
    got, info = decode_bytes(text.encode("latin-1"))
    assert got == text and info.encoding not in ("big5", "gb18030")


@pytest.mark.parametrize("snippet", ["家长日", "质量”", "各单位》"])
def test_a_chinese_snippet_chardet_gives_to_a_korean_or_japanese_codec_stays_chinese(snippet: str) -> None:
    # Three or four characters: chardet answers EUC-JP, CP949 or Johab at 14-23 %, which is no evidence.
    got, info = decode_bytes(snippet.encode("gb2312"))
    assert (got, info.encoding) == (snippet, "gb18030")
    assert any(w.startswith("unsure of the encoding") for w in info.warnings)


@pytest.mark.parametrize("codec", ["euc_jp", "shift_jis"])
def test_a_short_katakana_word_stays_japanese(codec: str) -> None:
    text = "<p>\nログイン\n</p>\n"
    got, info = decode_bytes(text.encode(codec))
    assert got == text and info.encoding in ("euc_jp", "cp932", "shift_jis")


@pytest.mark.parametrize("snippet", ["안녕하세요 여러분", "감사합니다"])
def test_a_short_korean_greeting_stays_korean(snippet: str) -> None:
    got, info = decode_bytes(snippet.encode("euc_kr"))
    assert got == snippet and info.encoding in ("euc_kr", "cp949")
