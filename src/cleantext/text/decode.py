"""bytes → (str, EncodingInfo).

Cheap, certain stages first (BOM, strict UTF-8, UTF-16 without BOM, binary), chardet only when they give no
answer, and then only on a bounded sample. GB2312/GBK are read as GB18030, their superset.
"""

from __future__ import annotations

import codecs
import re

import chardet

from cleantext.errors import DecodingError, NotTextError
from cleantext.result import EncodingInfo

# Where two marks share a prefix the longer comes first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

SAMPLE_BYTES = 64 * 1024
# A few undecodable bytes are replaced (and reported); past this share of the input the guess is refused.
MAX_BAD_SHARE = 0.01

# chardet's names → the Python codec we decode with (supersets, so that rare characters still decode).
_CODEC_FOR = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "cp936": "gb18030", "hz-gb-2312": "hz",
    "big5": "big5", "cp950": "cp950", "big5hkscs": "big5hkscs", "ascii": "utf-8", "utf-8": "utf-8",
}

# Magic numbers of common binary formats; chardet knows more, these make the message precise.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"), (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7z archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"), (b"\x7fELF", "an executable"), (b"MZ", "an executable"),
)


def _sample(data: bytes) -> bytes:
    """Start and middle of the data: enough for detection, bounded whatever the size."""
    if len(data) <= SAMPLE_BYTES:
        return data
    half = SAMPLE_BYTES // 2
    mid = len(data) // 2
    return data[:half] + data[mid : mid + half]


# What ordinary Chinese/English text is made of: printable ASCII, \n \r \t, CJK ideographs (and extension A), CJK
# punctuation, full-width forms, general punctuation.
_PLAUSIBLE = re.compile("[\x20-\x7e\n\r\t\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\u3400-\u4dbf]+")


def _plausible_text_share(text: str) -> float:
    """Share of characters that ordinary Chinese/English text is made of (for spotting BOM-less UTF-16)."""
    if not text:
        return 0.0
    good = len(text) - len(_PLAUSIBLE.sub("", text))
    return good / len(text)


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
    """The data without its NUL bytes, when they are a few strays or padding in otherwise valid text."""
    nuls = data.count(0)
    stripped = data.replace(b"\x00", b"")
    if not stripped or (nuls > 16 and nuls > len(data) // 100 and not data.rstrip(b"\x00") == stripped):
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


def _decode_tolerant(data: bytes, codec: str, confidence: float, warnings: list[str]) -> tuple[str, EncodingInfo]:
    """Decode strictly; if a few bytes are bad, replace them and say so; if many are, refuse."""
    try:
        return data.decode(codec), EncodingInfo(codec, confidence, False, tuple(warnings))
    except UnicodeDecodeError as err:
        first = err.start
    text = data.decode(codec, errors="replace")
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
    return text, EncodingInfo(codec, confidence * 0.9, False, tuple(warnings))


def _decode_mixed(data: bytes, other: str) -> tuple[str, int] | None:
    """Decode line by line: UTF-8 where a line is valid UTF-8, ``other`` elsewhere. Returns (text, other_lines)
    when every line decodes one way or the other, else None."""
    parts: list[str] = []
    n_other = 0
    for line in data.split(b"\n"):
        try:
            parts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                parts.append(line.decode(other))
            except UnicodeDecodeError:
                return None
            n_other += 1
    return "\n".join(parts), n_other


_CJK_CODECS = ("gb18030", "big5", "cp950", "big5hkscs", "hz")


def _looks_mixed(sample: bytes, cut: bool) -> bool:
    """Some lines are valid UTF-8 with non-ASCII characters and others are not valid UTF-8 at all."""
    utf8_lines = bad_lines = 0
    lines = sample.split(b"\n")
    for line in lines[1:-1] if cut else lines:  # when sampled, the first and last lines may be cut
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            bad_lines += 1
        if utf8_lines and bad_lines:
            return True
    return False


def _clearly_gb18030(data: bytes, sample: bytes) -> str | None:
    """The text, when the bytes can only be Chinese in GB18030: mostly non-ASCII, valid GB18030 that reads as
    Chinese, almost all of it in GB2312 (Big5 bytes read as GB18030 land outside it on about every other
    character, their trail bytes being below 0xA1). Saves chardet (milliseconds a document) on the commonest
    legacy case; anything less clear goes to chardet."""
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
    outside = head.encode("gb2312", "replace").count(b"?") - head.count("?")
    return text if outside <= 0.02 * wide else None


_HIGH_BYTES = bytes(range(0x80, 0x100))


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# Below this confidence a non-CJK guess of chardet is noise (random bytes come back as KOI8 at 3 %).
MIN_CONFIDENCE = 0.2


def _guess_legacy(sample: bytes) -> tuple[str, float]:
    """chardet's answer as a Python codec, corrected for Chinese documents with a few broken bytes.

    chardet drops an encoding as soon as one byte fails to decode, so a GBK file with one bad byte comes back as
    KOI8 or a Latin code page. When that happens and GB18030 (or Big5) decodes all but a few bytes into CJK text,
    the CJK codec is the truth.
    """
    guess = chardet.detect(sample, prefer_superset=True)
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
    if codec in _CJK_CODECS:
        return codec, confidence
    for cand in ("gb18030", "big5"):
        try:
            sample.decode(cand)
            continue  # it decodes cleanly, and chardet still preferred another: trust chardet
        except UnicodeDecodeError:
            pass
        text = sample.decode(cand, errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(4, MAX_BAD_SHARE * len(sample)) and _plausible_text_share(text) >= 0.9:
            return cand, 0.5
    if confidence < MIN_CONFIDENCE:
        raise DecodingError(
            f"cannot tell the encoding: chardet's best guess, {codec}, has only {confidence:.0%} confidence. "
            "Pass encoding=... (--encoding) if you know it.", best_guess=codec)
    return codec, confidence


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
        codec = codecs.lookup(encoding).name
        if errors == "replace":
            return data.decode(codec, errors="replace"), EncodingInfo(codec, 1.0)
        if errors == "strict":
            try:
                return data.decode(codec), EncodingInfo(codec, 1.0)
            except UnicodeDecodeError as err:
                raise DecodingError(f"the bytes are not valid {codec}: {err}", best_guess=codec, bad_bytes=1) from err
        return _decode_tolerant(data, codec, 1.0, [])

    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), EncodingInfo(name, 1.0, True)
            except UnicodeDecodeError as err:
                if errors == "strict":
                    raise DecodingError(f"the bytes start with a {name} BOM but are not valid {name}: {err}",
                                        best_guess=name, bad_bytes=1) from err
                if codec.startswith("utf-16") and len(data) % 2 == 1:
                    text = data[:-1].decode(codec, errors="replace")
                    return text, EncodingInfo(name, 0.9, True, ("odd length: the last byte was dropped",))
                return _decode_tolerant(data, codec, 1.0, [])

    has_nul = b"\x00" in data
    if not has_nul:
        try:
            return data.decode("utf-8"), EncodingInfo("utf-8", 1.0)
        except UnicodeDecodeError as err:
            utf8_error_at = err.start
    else:
        utf8_error_at = -1

    utf16 = _sniff_utf16(data)
    if utf16:
        if len(data) % 2 == 1:
            text = data[:-1].decode(utf16, errors="replace")
            return text, EncodingInfo(utf16, 0.9, False, ("odd length: the last byte was dropped",))
        if errors == "strict":
            return data.decode(utf16), EncodingInfo(utf16, 0.95)
        return _decode_tolerant(data, utf16, 0.95, [])

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
    # Two encodings in one file: UTF-8 lines beside legacy ones (a GB file appended to a UTF-8 one).
    if utf8_error_at >= 0 and errors != "strict" and _looks_mixed(sample, len(data) > SAMPLE_BYTES):
        legacy = b"\n".join(line for line in sample.split(b"\n") if not _is_utf8(line))
        first_choice = _guess_legacy(legacy)[0] if legacy else "gb18030"
        others = [first_choice] + [c for c in ("gb18030", "big5") if c != first_choice]
        for other in others:
            mixed = _decode_mixed(data, other)
            if mixed is not None:
                text, n_other = mixed
                return text, EncodingInfo("utf-8", 0.5, False, (
                    f"mixed encodings: {n_other} line(s) decoded as {other}, the rest as utf-8",))
    clear = _clearly_gb18030(data, sample)
    if clear is not None:
        return clear, EncodingInfo("gb18030", 0.9)
    codec, confidence = _guess_legacy(sample)
    if errors == "replace":
        return data.decode(codec, errors="replace"), EncodingInfo(codec, confidence)
    try:
        return data.decode(codec), EncodingInfo(codec, confidence)
    except UnicodeDecodeError:
        pass
    if errors == "strict":
        raise DecodingError(f"the bytes are not valid {codec} (chardet's best guess)", best_guess=codec, bad_bytes=1)
    return _decode_tolerant(data, codec, confidence, [])


_SURROGATE = re.compile("[\ud800-\udfff]")


def decode(data: bytes | str, encoding: str | None = None, errors: str = "tolerant") -> tuple[str, EncodingInfo]:
    """Like :func:`decode_bytes`; a ``str`` passes through unchanged with encoding ``"unicode"``."""
    if isinstance(data, str):
        if _SURROGATE.search(data) is None:
            return data, EncodingInfo("unicode", 1.0)
        # A str from a lossy source can hold surrogates: join valid pairs, replace the lone ones.
        fixed = data.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        lone = _SURROGATE.findall(fixed)
        fixed = _SURROGATE.sub("\ufffd", fixed)
        n = fixed.count("\ufffd") - data.count("\ufffd")
        return fixed, EncodingInfo("unicode", 1.0, False, (
            f"{max(n, len(lone))} lone surrogate(s) replaced with U+FFFD",) if n or lone else ())
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"cleantext cleans bytes or str, not {type(data).__name__}")
    return decode_bytes(data, encoding, errors)
