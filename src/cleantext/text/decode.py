"""bytes → (str, EncodingInfo).

Cheap, certain stages first (BOM, strict UTF-8, UTF-32/UTF-16 without BOM, binary, clear GB18030), chardet only when
they give no answer, and then only on a bounded sample. GB2312/GBK are read as GB18030, their superset. Chinese is
preferred only where the bytes read as Chinese: a confident chardet answer for another script (EUC-KR, EUC-JP,
ISO-8859-x, windows-125x, KOI8…) is kept. Every failure is a DecodingError (or NotTextError). docs/decoding.md
gives the stages in order and what they were measured on.
"""

from __future__ import annotations

import codecs
import re

import chardet

from cleantext.errors import DecodingError, NotTextError
from cleantext.result import EncodingInfo

# Where two marks share a prefix the longer comes first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)

SAMPLE_BYTES = 64 * 1024
# A few undecodable bytes are replaced (and reported); past this share of the input the guess is refused.
MAX_BAD_SHARE = 0.01

# chardet's names → the Python codec we decode with (supersets, so that rare characters still decode).
_CODEC_FOR = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "cp936": "gb18030", "hz-gb-2312": "hz",
    "big5": "big5", "cp950": "cp950", "big5hkscs": "big5hkscs", "ascii": "utf-8", "utf-8": "utf-8",
}
# Tried in turn when a document does not decode strictly in the codec chardet named (a Big5 file with a CP950
# character, an EUC-KR one with a CP949 syllable). chardet is not asked for its own supersets: it maps ISO-8859-5
# to windows-1251, which has another layout.
_SUPERSETS = {"big5": ("cp950", "big5hkscs"), "euc_kr": ("cp949",), "shift_jis": ("cp932",),
              "euc_jp": ("euc_jis_2004",), "iso2022_jp": ("iso2022_jp_2", "iso2022_jp_ext")}
# Codecs that are text encodings to Python but never of a document: they decode host names.
_NOT_DOCUMENT_CODECS = frozenset({"idna", "punycode"})

# Magic numbers of common binary formats; chardet knows more, these make the message precise.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"), (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7z archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"), (b"\x7fELF", "an executable"), (b"MZ", "an executable"),
)


def _sample(data: bytes) -> bytes:
    """Start and middle of the data, cut at line ends: enough for detection, bounded whatever the size. (A cut
    through a multi-byte character would make chardet drop the right encoding.)"""
    if len(data) <= SAMPLE_BYTES:
        return data
    half = SAMPLE_BYTES // 2
    mid = len(data) // 2
    head_end = data.rfind(b"\n", 0, half) + 1 or half
    mid_start = data.find(b"\n", mid, mid + half) + 1 or mid
    mid_end = data.rfind(b"\n", mid_start, mid + half) + 1 or mid + half
    return data[:head_end] + data[mid_start:mid_end]


# What ordinary Chinese/English text is made of: printable ASCII, \n \r \t, CJK ideographs (and extension A), CJK
# punctuation, full-width forms, general punctuation.
_PLAUSIBLE = re.compile("[\x20-\x7e\n\r\t\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\u3400-\u4dbf]+")


def _plausible_text_share(text: str) -> float:
    """Share of characters that ordinary Chinese/English text is made of (for spotting BOM-less UTF-16)."""
    if not text:
        return 0.0
    good = len(text) - len(_PLAUSIBLE.sub("", text))
    return good / len(text)


# Bytes that no legacy text encoding produces (C0 controls but \t \n \r, ESC, SO and SI): in BOM-less data without
# NULs, only UTF-16 makes them (a unit's low byte, 1 in 9 Chinese characters).
_CONTROL_BYTES = bytes(b for b in range(1, 0x20) if b not in (0x09, 0x0A, 0x0D, 0x0E, 0x0F, 0x1B))


def _control_share(sample: bytes) -> float:
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / max(len(sample), 1)


def _sniff_utf16(data: bytes) -> str | None:
    """Name the UTF-16 byte order of BOM-less data, or None when it does not look like UTF-16 text."""
    sample = _sample(data)[:8192]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    order = ["utf-16-le", "utf-16-be"] if odd_nuls >= even_nuls else ["utf-16-be", "utf-16-le"]
    for enc in order:
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            # The sample may cut a surrogate pair: drop the last unit and retry once.
            try:
                text = sample[:-2].decode(enc)
            except UnicodeDecodeError:
                continue
        if _plausible_text_share(text) >= 0.9:
            return enc
    return None


def _printable_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(ch.isprintable() or ch in "\n\r\t" for ch in text) / len(text)


def _sniff_utf32(data: bytes) -> str | None:
    """Name the UTF-32 byte order of BOM-less data whose start decodes strictly into printable text, else None.
    Any script: a valid UTF-32 unit is below 0x110000, so the other order and non-UTF-32 data fail at once."""
    sample = data[:4096]
    sample = sample[: len(sample) // 4 * 4]
    if len(sample) < 8:
        return None
    # Every unit is below 0x110000: its top byte is NUL (the last of four in LE, the first in BE).
    orders = [enc for enc, top in (("utf-32-le", sample[3::4]), ("utf-32-be", sample[0::4])) if not top.strip(b"\0")]
    for enc in orders:
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            continue
        if _printable_share(text) >= 0.95:
            return enc
    return None


def _many_bad_utf8(data: bytes) -> bool:
    """True when a bounded prefix already proves that more than ``max(2, len // 1000)`` bytes are not UTF-8, the
    most that the "UTF-8 with a few stray bytes" reading accepts (so a large GB18030 file is not decoded twice).
    The prefix's count can exceed the whole's by one at most: a character cut at the end of the prefix."""
    if len(data) <= SAMPLE_BYTES:
        return False
    head = data[:SAMPLE_BYTES]
    bad = head.decode("utf-8", errors="replace").count("\ufffd") - head.count(b"\xef\xbf\xbd")
    return bad - 1 > max(2, len(data) // 1000)


def _without_stray_nuls(data: bytes) -> bytes | None:
    """The data without its NUL bytes, when they are a few strays or padding (before or after) in otherwise valid
    text."""
    nuls = data.count(0)
    stripped = data.replace(b"\x00", b"")
    if not stripped or (nuls > 16 and nuls > len(data) // 100 and not data.strip(b"\x00") == stripped):
        return None
    if _binary_kind(stripped) or not _is_utf8(stripped[:SAMPLE_BYTES].rsplit(b"\n", 1)[0] or stripped):
        try:
            sample = _sample(stripped)
            sample.decode("gb18030")
        except UnicodeDecodeError:
            return None
    return stripped


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _forced_codec(encoding: str) -> str:
    """The Python codec for a user's ``encoding=``, or a DecodingError for an unknown or non-text codec."""
    try:
        info = codecs.lookup(encoding)
    except (LookupError, TypeError, ValueError) as err:
        raise DecodingError(f"unknown encoding {encoding!r}: pass a text codec such as utf-8, gb18030 or big5",
                            best_guess=None) from err
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_DOCUMENT_CODECS:
        raise DecodingError(f"{encoding!r} is not a text encoding of documents: pass one such as utf-8, gb18030 "
                            "or big5", best_guess=None)
    return info.name


def _raw_decode(data: bytes, codec: str, errors: str) -> str:
    """``data.decode``, where a codec's own failure other than a decoding error becomes a DecodingError."""
    try:
        return data.decode(codec, errors)
    except UnicodeDecodeError:
        raise
    except (UnicodeError, LookupError, TypeError, ValueError) as err:
        raise DecodingError(f"the bytes cannot be decoded as {codec}: {err}", best_guess=codec) from err


def _decode_tolerant(data: bytes, codec: str, confidence: float, warnings: list[str],
                     had_bom: bool = False) -> tuple[str, EncodingInfo]:
    """Decode strictly; if a few bytes are bad, replace them and say so; if many are, refuse."""
    try:
        return _raw_decode(data, codec, "strict"), EncodingInfo(codec, confidence, had_bom, tuple(warnings))
    except UnicodeDecodeError as err:
        first = err.start
    text = _raw_decode(data, codec, "replace")
    bad = max(text.count("\ufffd"), 1)
    if bad > max(4, MAX_BAD_SHARE * len(data)):
        raise DecodingError(
            f"cannot decode the bytes: the best guess, {codec}, fails on {bad} of {len(data)} bytes "
            f"(first at byte {first}). Pass encoding=... if you know it, or decode_errors='replace' to force it.",
            best_guess=codec, bad_bytes=bad)
    if bad <= 3 and first >= len(data) - 3:
        warnings.append(f"a truncated multi-byte sequence at the end ({codec}) was replaced with U+FFFD")
    else:
        warnings.append(f"{bad} undecodable byte(s) in {codec} (first at byte {first}) were replaced with U+FFFD")
    return text, EncodingInfo(codec, confidence * 0.9, had_bom, tuple(warnings))


def _decode_as(data: bytes, codec: str, confidence: float, errors: str, warnings: tuple[str, ...] = (),
               had_bom: bool = False) -> tuple[str, EncodingInfo]:
    """Decode in a chosen codec under the ``errors`` mode: ``strict`` refuses any bad byte, ``replace`` always
    replaces (and says where it began), ``tolerant`` replaces a few and refuses many."""
    if errors == "strict":
        try:
            return _raw_decode(data, codec, "strict"), EncodingInfo(codec, confidence, had_bom, warnings)
        except UnicodeDecodeError as err:
            raise DecodingError(f"the bytes are not valid {codec}: {err}", best_guess=codec, bad_bytes=1) from err
    if errors == "replace":
        try:
            return _raw_decode(data, codec, "strict"), EncodingInfo(codec, confidence, had_bom, warnings)
        except UnicodeDecodeError as err:
            text = _raw_decode(data, codec, "replace")
            note = f"undecodable bytes in {codec} (first at byte {err.start}) were replaced with U+FFFD"
            return text, EncodingInfo(codec, confidence * 0.9, had_bom, (*warnings, note))
    return _decode_tolerant(data, codec, confidence, list(warnings), had_bom)


def _decode_mixed(data: bytes, other: str) -> tuple[str, int] | None:
    """Decode line by line: UTF-8 where a line is valid UTF-8, ``other`` elsewhere. Returns (text, other_lines)
    when every line decodes one way or the other and the ``other`` lines read as Chinese, else None.

    A line of GB or Big5 bytes can be valid UTF-8 by chance (效应 is Чӧ), and then reads as Cyrillic or Latin
    letters, never as CJK: such a line, when it also decodes in ``other``, is taken as ``other``."""
    parts: list[str] = []
    legacy: list[str] = []
    for line in data.split(b"\n"):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and (line.isascii() or _has_wide_utf8(line)):
            parts.append(text)
            continue
        try:
            parts.append(line.decode(other))
        except UnicodeDecodeError:
            if text is None:
                return None
            parts.append(text)
            continue
        legacy.append(parts[-1])
    if _plausible_text_share("".join(legacy)) < 0.9:
        return None
    return "\n".join(parts), len(legacy)


_CJK_CODECS = ("gb18030", "big5", "cp950", "big5hkscs", "hz")
# Lead bytes of UTF-8 characters from U+0800 up (CJK among them); GB or Big5 bytes rarely form these by chance.
_WIDE_UTF8_LEADS = bytes(range(0xE0, 0xF5))


def _has_wide_utf8(line: bytes) -> bool:
    return len(line.translate(None, _WIDE_UTF8_LEADS)) < len(line)


def _looks_mixed(sample: bytes, cut: bool) -> bool:
    """Some lines are valid UTF-8 with characters from U+0800 up (CJK) and others are not valid UTF-8 at all."""
    utf8_lines = bad_lines = 0
    lines = sample.split(b"\n")
    for line in lines[1:-1] if cut else lines:  # when sampled, the first and last lines may be cut
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += _has_wide_utf8(line)
        except UnicodeDecodeError:
            bad_lines += 1
        if utf8_lines and bad_lines:
            return True
    return False


_ASCII_BYTES = bytes(range(0x80))
_ASCII_RUN = re.compile("[\x00-\x7f]+")
# GB2312 rows from 0xC9 on hold about a third of the hanzi of any Chinese text (是 在 这 中 我 一 有 上 ...);
# EUC-KR hangul read as GB2312 all fall before (leads 0xB0-0xC8), EUC-JP kana fall in rows 0xA4-0xA5.
_LATE_GB_LEADS = bytes(range(0xC9, 0xF8))


def _reads_as_chinese_gb(text: str, in_gb2312: bytes | None = None) -> bool:
    """True when GB18030-decoded text is Chinese rather than Korean or Japanese read in the wrong code page: at
    least 15 % of its GB2312 characters in the late rows, and at most 10 % kana. ``in_gb2312`` is the text
    already encoded as GB2312 with ``errors="replace"``, when the caller has it."""
    wide = (in_gb2312 or text.encode("gb2312", "replace")).translate(None, _ASCII_BYTES)
    leads = wide[0::2]
    if not leads:
        return False
    late = len(leads) - len(leads.translate(None, _LATE_GB_LEADS))
    kana = leads.count(0xA4) + leads.count(0xA5)
    return late >= 0.15 * len(leads) and kana <= 0.1 * len(leads)


def _clearly_gb18030(data: bytes, sample: bytes) -> str | None:
    """The text, when the bytes can only be Chinese in GB18030: mostly non-ASCII, valid GB18030 that reads as
    Chinese, almost all of it in GB2312 (Big5 bytes read as GB18030 land outside it on about every other
    character, their trail bytes being below 0xA1), and not Korean or Japanese (see :func:`_reads_as_chinese_gb`).
    Saves chardet (milliseconds a document) on the commonest legacy case; anything less clear goes to chardet."""
    if len(sample) < 64 or len(sample) - len(sample.translate(None, _HIGH_BYTES)) < 0.3 * len(sample):
        return None
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    head = text[:20000]
    if _plausible_text_share(head) < 0.95:
        return None
    wide = len(head) - len(head.encode("ascii", "ignore"))
    in_gb2312 = head.encode("gb2312", "replace")
    outside = in_gb2312.count(b"?") - head.count("?")
    return text if outside <= 0.02 * wide and _reads_as_chinese_gb(head, in_gb2312) else None


_HIGH_BYTES = bytes(range(0x80, 0x100))


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# Below this confidence a non-CJK guess of chardet is noise (random bytes come back as KOI8 or cp875 at 1-5 %)
# unless the document is almost all ASCII, where a wrong code page can only touch a few letters; below
# UNSURE_CONFIDENCE the answer is used with a warning that says so.
MIN_CONFIDENCE = 0.1
UNSURE_CONFIDENCE = 0.2
# From this confidence on, chardet's answer for another script stands: no Chinese reading overrides it. A
# multi-byte answer (EUC-KR, EUC-JP...) that decodes strictly stands from SHORT_TRUSTED_CONFIDENCE, or from 16
# non-ASCII bytes on.
TRUSTED_CONFIDENCE = 0.5
SHORT_TRUSTED_CONFIDENCE = 0.3


def _strict_in(sample: bytes, codec: str) -> str | None:
    """The first of ``codec`` and its supersets that decodes the sample strictly (a sample cut in the middle of
    a character is allowed its last 3 bytes), or None."""
    for cand in (codec, *_SUPERSETS.get(codec, ())):
        for cut in (0, 1, 2, 3):
            try:
                (sample[:-cut] if cut else sample).decode(cand)
            except UnicodeDecodeError:
                continue
            except (UnicodeError, LookupError):
                break
            return cand
    return None


def _chinese_despite_chardet(sample: bytes) -> str | None:
    """GB18030 or Big5, when chardet named another script with low confidence and that codec decodes all but a few
    bytes of the sample into Chinese (chardet drops an encoding as soon as one byte fails, so a GBK file with one
    bad byte comes back as KOI8 or a Latin code page). Its non-ASCII part must read as CJK, and in GB18030 as
    Chinese: Latin accents or Thai letters paired up as GB18030 land in its rare or private areas."""
    high = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    if high < 0.1 * len(sample):
        return None  # a Chinese document is largely non-ASCII; a Latin one with a few accents is not
    for cand in ("gb18030", "big5"):
        text = sample.decode(cand, errors="replace")
        bad = text.count("\ufffd")
        # One bad byte in a 20-character snippet is no "few": the snippet is more likely another script.
        if bad > max(4, MAX_BAD_SHARE * len(sample)) or bad * 100 > high:
            continue
        wide = _ASCII_RUN.sub("", text).replace("\ufffd", "")
        if _plausible_text_share(wide) < 0.9:
            continue
        if cand == "gb18030":
            outside = wide.encode("gb2312", "replace").count(b"?") - wide.count("?")
            # The rows tell Korean from Chinese over a few dozen characters, not over a snippet of three.
            if outside > 0.1 * len(wide) or (len(wide) >= 20 and not _reads_as_chinese_gb(wide)):
                continue
        return cand
    return None


# Full-width forms, CJK and general punctuation, vertical forms: what GBK or Big5 puts in an English document.
_CJK_PUNCTUATION = re.compile("[\u3000-\u303f\uff00-\uffef\ufe30-\ufe4f\u2010-\u2027\u2030-\u205e]+")


def _cjk_punctuation_in_ascii(sample: bytes, codec: str, high: int) -> str | None:
    """GB18030 or Big5 for a mostly-ASCII document whose only non-ASCII bytes are CJK punctuation there (，as A3AC,
    an ideographic space as Big5 A140) and no letter in the code page chardet named (£¬, ¡@): chardet sees Latin
    symbols, but letters are what a Latin document has."""
    if not high or high > 0.05 * len(sample):
        return None
    wide = _ASCII_RUN.sub("", sample.decode(codec, errors="replace"))
    if any(ch.isalpha() for ch in wide):
        return None
    for cand in ("gb18030", "big5"):
        try:
            text = sample.decode(cand)
        except UnicodeDecodeError:
            continue
        if not _CJK_PUNCTUATION.sub("", _ASCII_RUN.sub("", text)):
            return cand
    return None


# Codecs whose strict decoding of a whole sample is itself strong evidence: multi-byte, with lead/trail rules.
_MULTIBYTE = frozenset({"euc_jp", "euc_jis_2004", "euc_kr", "cp949", "johab", "shift_jis", "cp932", "iso2022_jp",
                        "iso2022_jp_2", "iso2022_kr"})


_JAPANESE = frozenset({"euc_jp", "euc_jis_2004", "shift_jis", "cp932"})
_KANA = re.compile("[\u3041-\u30ff]")


def _guess_legacy(sample: bytes) -> tuple[str, float, tuple[str, ...]]:
    """chardet's answer as a Python codec with its confidence and warnings, corrected for Chinese documents with
    a few broken bytes; a DecodingError when chardet's answer is too weak to use."""
    guess = chardet.detect(sample)
    name = (guess.get("encoding") or "").lower()
    confidence = float(guess.get("confidence") or 0.0)
    if not name:
        raise NotTextError(
            f"this is not a text document: chardet classifies it as {guess.get('mime_type') or 'binary data'}.",
            kind=guess.get("mime_type") or "binary")
    codec = _CODEC_FOR.get(name)
    if codec is None:
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = "gb18030"
    high = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    if codec in _CJK_CODECS:
        if confidence >= UNSURE_CONFIDENCE:
            return _strict_in(sample, codec) or codec, confidence, ()
        # Short Chinese snippets come at 10-30 %: below 20 %, the text must at least be made of CJK characters.
        if _plausible_text_share(_ASCII_RUN.sub("", sample.decode(codec, errors="replace"))) < 0.9:
            # chardet drops Big5 at the first byte Big5 lacks (a CP950 €) and falls back on GB18030 at a few percent:
            # the other Chinese reading is taken when chardet, asked again without those bytes, names it.
            chinese = _chinese_despite_chardet(sample)
            if chinese is not None and chinese != codec:
                again = chardet.detect(sample.decode(chinese, "replace").encode(chinese, "replace"))
                if (_CODEC_FOR.get((again.get("encoding") or "").lower()) == chinese
                        and float(again.get("confidence") or 0.0) >= UNSURE_CONFIDENCE):
                    return _strict_in(sample, chinese) or chinese, 0.5, ()
            raise DecodingError(f"cannot tell the encoding: chardet's best guess, {codec}, has only "
                                f"{confidence:.0%} confidence and reads as noise. Pass encoding=... (--encoding) if "
                                "you know it.", best_guess=codec)
        utf16 = _sniff_utf16(sample) if len(sample) % 2 == 0 else None
        return _strict_in(sample, codec) or codec, confidence, (
            f"unsure of the encoding: read as {codec} at {confidence:.0%} confidence, but it reads as {utf16} too. "
            "Pass encoding=... if you know it.",) if utf16 else ()
    strict = _strict_in(sample, codec)
    # A multi-byte codec that decodes every byte is strong evidence, but not over a snippet of a few characters.
    # Kana in a Japanese reading is as strong: Chinese GB bytes land on kana only where GB2312 has its own kana.
    if strict in _MULTIBYTE and (confidence >= SHORT_TRUSTED_CONFIDENCE or high >= 16 or (
            strict in _JAPANESE and _KANA.search(sample.decode(strict, errors="ignore")))):
        return strict, max(confidence, TRUSTED_CONFIDENCE), ()
    if confidence < TRUSTED_CONFIDENCE:
        chinese = _chinese_despite_chardet(sample)
        if chinese:
            return chinese, 0.5, () if high >= 16 else (
                f"unsure of the encoding: read as {chinese}; chardet's best guess for so short a text was "
                f"{strict or codec} at {confidence:.0%}. Pass encoding=... if you know it.",)
    codec = strict or codec
    punctuation = _cjk_punctuation_in_ascii(sample, codec, high)
    if punctuation:
        return punctuation, 0.5, (f"read as {punctuation}: its few non-ASCII bytes are CJK punctuation there and "
                                  f"symbols, not letters, in chardet's {codec}",)
    if confidence >= UNSURE_CONFIDENCE:
        return codec, confidence, ()
    if confidence >= MIN_CONFIDENCE or high <= 0.1 * len(sample):
        return codec, confidence, (
            f"unsure of the encoding: chardet's best guess, {codec}, has {confidence:.0%} confidence; the "
            f"{high} non-ASCII byte(s) may be read wrong. Pass encoding=... if you know it.",)
    raise DecodingError(
        f"cannot tell the encoding: chardet's best guess, {codec}, has only {confidence:.0%} confidence. "
        "Pass encoding=... (--encoding) if you know it.", best_guess=codec)


# ISO-2022 documents are 7-bit, valid ASCII: their escape sequences (ESC $ B, ESC $ ) C...) name them.
_ISO2022 = ((b"\x1b$)C", "iso2022_kr"), (b"\x1b$(D", "iso2022_jp_2"), (b"\x1b$B", "iso2022_jp"),
            (b"\x1b$@", "iso2022_jp"), (b"\x1b$A", "iso2022_jp_2"))


def _iso2022(data: bytes) -> tuple[str, EncodingInfo] | None:
    """The text of a 7-bit document with ISO-2022 escapes, when it decodes strictly in the codec they name."""
    for escape, codec in _ISO2022:
        if escape in data:
            for cand in (codec, *_SUPERSETS.get(codec, ()), "iso2022_jp_2"):
                try:
                    return data.decode(cand), EncodingInfo(cand, 0.95)
                except UnicodeDecodeError:
                    continue
    return None


def decode_bytes(data: bytes | bytearray | memoryview, encoding: str | None = None,
                 errors: str = "tolerant") -> tuple[str, EncodingInfo]:
    """Decode a document of unknown encoding.

    ``encoding`` forces a codec. ``errors`` is ``"tolerant"`` (replace a few bad bytes and report them; refuse when
    more than 1 % are bad), ``"strict"`` (refuse any bad byte) or ``"replace"`` (always replace).

    >>> decode_bytes("中文，标点！".encode("gb18030"))[1].encoding
    'gb18030'
    """
    data = bytes(data)
    if not data:
        return "", EncodingInfo("utf-8", 1.0)
    if encoding:
        return _decode_as(data, _forced_codec(encoding), 1.0, errors)

    for bom, codec in _BOMS:
        if data.startswith(bom):
            if codec == "utf-16" and len(data) % 2 == 1 and errors != "strict":
                return _decode_as(data[:-1], codec, 0.9, errors, ("odd length: the last byte was dropped",), True)
            return _decode_as(data, codec, 1.0, errors, had_bom=True)

    has_nul = b"\x00" in data
    if not has_nul:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            utf8_error_at = err.start
        else:
            if b"\x1b" in data:  # a 7-bit ISO-2022 document is valid UTF-8 too
                return _iso2022(data) or (text, EncodingInfo("utf-8", 1.0))
            return text, EncodingInfo("utf-8", 1.0)
    else:
        utf8_error_at = -1

    unicode = _sniff_utf32(data) if has_nul else None
    if unicode is None and (has_nul or _control_share(data[:8192]) >= 0.02):
        unicode = _sniff_utf16(data)
    if unicode:
        cut = len(data) % (4 if unicode.startswith("utf-32") else 2)
        if cut and errors != "strict":
            note = f"odd length: the last {'byte was' if cut == 1 else f'{cut} bytes were'} dropped"
            return _decode_as(data[:-cut], unicode, 0.9, errors, (note,))
        return _decode_as(data, unicode, 0.95, errors)

    kind = _binary_kind(data)
    if has_nul and not kind and errors != "strict":
        stripped = _without_stray_nuls(data)
        if stripped is not None:
            text, info = decode_bytes(stripped, None, errors)
            note = f"{len(data) - len(stripped)} NUL byte(s) removed"
            return text, EncodingInfo(info.encoding, info.confidence, info.had_bom, (*info.warnings, note))
    if has_nul or kind:
        nuls = data.count(0)
        raise NotTextError(
            f"this is not a text document: it looks like {kind or 'binary data'}"
            + (f" ({nuls} NUL bytes without a UTF-16 pattern)" if has_nul else "") + ".",
            kind=kind or "binary")

    # A UTF-8 document whose only fault is a truncated last character, or a few stray bytes.
    if utf8_error_at >= 0 and errors != "strict" and not _many_bad_utf8(data):
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
        multibyte = len(data) - len(text)
        if bad <= max(2, len(data) // 1000) and multibyte > 4 * bad:
            where = ("a truncated multi-byte sequence at the end" if utf8_error_at >= len(data) - 3
                     else f"{bad} invalid byte(s) (first at byte {utf8_error_at})")
            return text, EncodingInfo("utf-8", 0.9, False, (f"{where} replaced with U+FFFD",))

    sample = _sample(data)
    # First, as the commonest legacy case and the cheapest to prove: a UTF-8 part would not be valid Chinese GB18030.
    clear = _clearly_gb18030(data, sample)
    if clear is not None:
        return clear, EncodingInfo("gb18030", 0.9)
    # Two encodings in one file: UTF-8 lines beside legacy ones (a GB file appended to a UTF-8 one).
    if utf8_error_at >= 0 and errors != "strict" and _looks_mixed(sample, len(data) > SAMPLE_BYTES):
        legacy = b"\n".join(line for line in sample.split(b"\n") if not _is_utf8(line))
        try:
            first_choice = _guess_legacy(legacy)[0] if legacy else "gb18030"
        except DecodingError:
            first_choice = "gb18030"
        others = [first_choice] + [c for c in ("gb18030", "big5") if c != first_choice]
        for other in others:
            mixed = _decode_mixed(data, other)
            if mixed is not None:
                text, n_other = mixed
                return text, EncodingInfo("utf-8", 0.5, False, (
                    f"mixed encodings: {n_other} line(s) decoded as {other}, the rest as utf-8",))
    try:
        codec, confidence, warnings = _guess_legacy(sample)
    except DecodingError:
        # Short BOM-less UTF-16 without ASCII has no NUL and may have no control byte: the last reading tried.
        unicode = _sniff_utf16(data) if len(data) % 2 == 0 else None
        if unicode is None:
            raise
        return _decode_as(data, unicode, 0.5, errors)
    return _decode_as(data, codec, confidence, errors, warnings)


_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 control characters no document means (SUB, the DOS end-of-file mark, BEL, backspace, NUL...), as ftfy removes
# them: invisible, they would hide boilerplate from the rules. Tab, line breaks (\n \v \f \r) and ESC (which
# starts a terminal colour code, kept whole or not at all) stay.
_C0_CONTROLS = "".join(map(chr, (*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F)))
_C0_CONTROL = re.compile("[" + re.escape(_C0_CONTROLS) + "]")
_DROP_C0 = dict.fromkeys(map(ord, _C0_CONTROLS))


def _without_controls(text: str, info: EncodingInfo) -> tuple[str, EncodingInfo]:
    """``text`` without its C0 control characters; the warning names each one removed and how often."""
    if _C0_CONTROL.search(text) is None:
        return text, info
    counts: dict[str, int] = {}
    for m in _C0_CONTROL.finditer(text):
        counts[m.group()] = counts.get(m.group(), 0) + 1
    named = ", ".join(f"U+{ord(c):04X} ×{n}" for c, n in sorted(counts.items()))
    note = f"removed {sum(counts.values())} control character(s): {named}"
    return text.translate(_DROP_C0), EncodingInfo(info.encoding, info.confidence, info.had_bom,
                                                  (*info.warnings, note))


def decode(data: bytes | str, encoding: str | None = None, errors: str = "tolerant") -> tuple[str, EncodingInfo]:
    """Like :func:`decode_bytes`; a ``str`` passes through with encoding ``"unicode"``. Either way the text comes
    without C0 control characters (tab, line breaks and ESC excepted), each removal named in the warnings.

    >>> decode("页脚\\x1a")[0], decode("页脚\\x1a")[1].warnings
    ('页脚', ('removed 1 control character(s): U+001A ×1',))
    """
    if isinstance(data, str):
        if _SURROGATE.search(data) is None:
            return _without_controls(data, EncodingInfo("unicode", 1.0))
        # A str from a lossy source can hold surrogates: join valid pairs, replace the lone ones.
        fixed = data.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        lone = _SURROGATE.findall(fixed)
        fixed = _SURROGATE.sub("\ufffd", fixed)
        n = fixed.count("\ufffd") - data.count("\ufffd")
        return _without_controls(fixed, EncodingInfo("unicode", 1.0, False, (
            f"{max(n, len(lone))} lone surrogate(s) replaced with U+FFFD",) if n or lone else ()))
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"cleantext cleans bytes or str, not {type(data).__name__}")
    return _without_controls(*decode_bytes(data, encoding, errors))
