"""Normalization: one canonical form of the decoded text, so that patterns and offsets mean one thing.

Line endings become ``\\n``; mojibake is repaired by ftfy only when a cheap signal says it is there; zero-width
characters, stray BOMs and invisible format controls (bidi marks, embeddings, overrides and isolates) go, so that
they cannot hide boilerplate from the rules; NFC; trailing whitespace goes; runs of blank lines shrink to one;
leading and trailing blank lines go. Correctly decoded Chinese passes through unchanged: full-width punctuation
（），：“”《》！？、 and full-width letters are content, not noise, and NFC leaves CJK compatibility ideographs
(豈 U+F900) as they are. Normalizing twice changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from cleantext.text.blanks import collapse_blank_runs
from cleantext.text.mojibake import looks_damaged, repair_note
from cleantext.text.mojibake import repair as repair_mojibake

_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_LINE_BREAK_CHARS = "\r\u2028\u2029\x85\x0b\x0c"
# Zero-width space/non-joiner, word joiner, BOM, soft hyphen. ZWJ goes unless it glues an emoji sequence.
_ZERO_WIDTH = re.compile(
    "[\u200b\u200c\u2060\ufeff\u00ad\u180e]"
    "|(?<![\U0001F000-\U0001FAFF\u2600-\u27bf\ufe0f])\u200d|\u200d(?![\U0001F000-\U0001FAFF\u2600-\u27bf])"
)
_ZERO_WIDTH_CHARS = "\u200b\u200c\u2060\ufeff\u00ad\u180e\u200d"
# Invisible format controls that only steer display: bidi marks (LRM, RLM, ALM), embeddings and overrides
# (U+202A–U+202E), isolates (U+2066–U+2069), invisible operators (U+2061–U+2064), deprecated format characters
# (U+206A–U+206F) and interlinear annotation marks. ``仅供学习\u2066交流`` must read as ``仅供学习交流``.
_FORMAT_CONTROL_CHARS = ("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                         "\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f\ufff9\ufffa\ufffb")
_FORMAT_CONTROL = re.compile("[" + _FORMAT_CONTROL_CHARS + "]")
_TRAILING_SPACE = re.compile(r"[^\S\n]+$", re.M)

# Cheap checks that let a step be skipped when it would change nothing. Each is a plain character class, which
# ``re`` scans in C without entering the pattern at every position (a negated class or an alternation would).
# Every match of the mojibake signal, of _LINE_BREAKS and of _ZERO_WIDTH holds one of these characters.
_MAYBE_WORK = re.compile("[\u00c2-\u00f4" + _LINE_BREAK_CHARS + _ZERO_WIDTH_CHARS + _FORMAT_CONTROL_CHARS + "]")
_LINE_BREAK_CHAR = re.compile("[" + _LINE_BREAK_CHARS + "]")
_ZERO_WIDTH_CHAR = re.compile("[" + _ZERO_WIDTH_CHARS + "]")
# Whitespace other than \n (what [^\S\n] means: str.isspace(); all of it lies in the BMP) at the end of a line.
_SPACE_AT_EOL = re.compile(
    "[" + re.escape("".join(c for c in map(chr, range(0x10000)) if c.isspace() and c != "\n")) + "]$", re.M)
# CJK compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F) that NFC replaces by a unified ideograph (a
# singleton decomposition: 豈 U+F900 → 豈 U+8C48). They are characters a writer chose (place and personal names,
# Korean hanja sources), so normalization keeps them: NFC runs on the text between them. The dozen unified
# ideographs of that block (﨑 U+FA11) decompose to nothing and need no care.
_COMPAT_IDEOGRAPHS = "".join(
    chr(c) for c in [*range(0xF900, 0xFB00), *range(0x2F800, 0x2FA20)] if unicodedata.decomposition(chr(c)))
_COMPAT_IDEOGRAPH = re.compile("[" + _COMPAT_IDEOGRAPHS + "]")


@dataclass(frozen=True, slots=True)
class Normalized:
    """The normalized text, the names of the steps that changed something (in order), and ``notes``: what a reader
    of the result should know of (the invisible controls removed, by name and count; how many characters a mojibake
    repair guessed from lost bytes and left as U+FFFD)."""

    text: str
    steps: tuple[str, ...]
    notes: tuple[str, ...] = ()


def has_mojibake(text: str) -> bool:
    """True when a cheap check says some form of mojibake may be present (see ``cleantext.text.mojibake``)."""
    return looks_damaged(text)


def fix_mojibake(text: str) -> str:
    """Every damaged line repaired when its repair reads as Chinese (ftfy's repair included); correct text unchanged."""
    return repair_mojibake(text).text


def nfc_keeping_compat_ideographs(text: str) -> str:
    """NFC, except that CJK compatibility ideographs stay as they are (NFC would silently swap them for their
    unified twins). Each one is a starter that composes with nothing, so NFC of the pieces between them, joined
    back, is NFC of the whole with those characters kept.

    >>> nfc_keeping_compat_ideographs("\uf900e\u0301") == "\uf900\u00e9"
    True
    """
    if not _COMPAT_IDEOGRAPH.search(text):
        return unicodedata.normalize("NFC", text)
    pieces = _COMPAT_IDEOGRAPH.split(text)
    kept = _COMPAT_IDEOGRAPH.findall(text)
    return "".join(unicodedata.normalize("NFC", p) + k for p, k in zip(pieces, [*kept, ""], strict=True))


# Steps after which another pass may still find work (NFC, a mojibake repair and control removal feed each other).
_CHAINED = frozenset({"fix_mojibake", "fix_line_endings", "nfc", "remove_zero_width", "remove_format_controls"})
_MAX_PASSES = 4


def normalize_text(text: str, max_blank_lines: int = 1) -> Normalized:
    """Put text into the canonical form the matcher and the audit refer to. Normalizing its result changes
    nothing: a pass whose steps can feed each other is repeated until the text stops changing.

    >>> normalize_text("标题  \\r\\n\\r\\n\\r\\n（一）正文，“引号”！\\u200b\\r\\n").text
    '标题\\n\\n（一）正文，“引号”！'
    >>> normalize_text("仅供\\u2066学习交流\\u200f\\u200f").notes
    ('removed 3 invisible format control(s): U+2066 LEFT-TO-RIGHT ISOLATE ×1, U+200F RIGHT-TO-LEFT MARK ×2',)
    """
    notes = _control_notes(text)
    result, (guessed, left) = _normalize_pass(text, max_blank_lines)
    steps = list(result.steps)
    for _ in range(_MAX_PASSES - 1):
        if not _CHAINED & set(result.steps):
            break
        again, (more_guessed, more_left) = _normalize_pass(result.text, max_blank_lines)
        if again.text == result.text:
            break
        steps.extend(s for s in again.steps if s not in steps)
        guessed, left = guessed + more_guessed, left + more_left
        result = again
    lossy = repair_note(guessed, left)
    return Normalized(result.text, tuple(steps), notes + ((lossy,) if lossy else ()))


def _control_notes(text: str) -> tuple[str, ...]:
    """One note naming the invisible format controls in ``text`` that normalization removes, with their counts."""
    if not _FORMAT_CONTROL.search(text):
        return ()
    counts: dict[str, int] = {}
    for m in _FORMAT_CONTROL.finditer(text):
        counts[m.group()] = counts.get(m.group(), 0) + 1
    named = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'FORMAT CONTROL')} ×{n}" for c, n in counts.items())
    return (f"removed {sum(counts.values())} invisible format control(s): {named}",)


def _normalize_pass(text: str, max_blank_lines: int) -> tuple[Normalized, tuple[int, int]]:
    """One pass of every step, in order; with the characters its mojibake repair guessed and left as U+FFFD (counted
    only when the repair changed the text)."""
    steps: list[str] = []
    guessed = left = 0

    def step(name: str, new: str) -> str:
        if new != current:
            steps.append(name)
        return new

    current = text
    # One scan tells whether the mojibake, line-ending and zero-width steps can have anything to do.
    maybe = _MAYBE_WORK.search(current) is not None
    # Mojibake first: U+0085 and U+00AD are pieces of it (UTF-8 continuation bytes read as Latin-1), which the
    # line-ending and zero-width steps would otherwise destroy.
    if has_mojibake(current):
        fixed = repair_mojibake(current)
        current = step("fix_mojibake", fixed.text)
        steps.extend(f"fix_mojibake.{form}" for form in fixed.forms if "fix_mojibake" in steps)
        if "fix_mojibake" in steps:
            guessed, left = fixed.guessed, fixed.left
    if maybe and _LINE_BREAK_CHAR.search(current):
        current = step("fix_line_endings", _LINE_BREAKS.sub("\n", current))
    # Invisible characters go before NFC: removing one between a letter and a combining mark (a + ZWJ + U+0301)
    # would otherwise leave a sequence that is not NFC.
    if maybe and _ZERO_WIDTH_CHAR.search(current):
        current = step("remove_zero_width", _ZERO_WIDTH.sub("", current))
    if maybe and _FORMAT_CONTROL.search(current):
        current = step("remove_format_controls", _FORMAT_CONTROL.sub("", current))
    if not unicodedata.is_normalized("NFC", current):
        current = step("nfc", nfc_keeping_compat_ideographs(current))
    # NFC and zero-width removal can complete a mojibake signal (A + U+030A → Å): repair it now, so that
    # normalizing twice changes nothing.
    if ("nfc" in steps or "remove_zero_width" in steps) and "fix_mojibake" not in steps and has_mojibake(current):
        late = repair_mojibake(current)
        again = late.text
        if again != current:
            again = unicodedata.normalize("NFC", _ZERO_WIDTH.sub("", _LINE_BREAKS.sub("\n", again)))
            guessed, left = late.guessed, late.left
        current = step("fix_mojibake", again)
    if _SPACE_AT_EOL.search(current):
        current = step("strip_trailing_space", _TRAILING_SPACE.sub("", current))
    current = step("collapse_blank_lines", collapse_blank_runs(current, max_blank_lines))
    current = step("strip_blank_edges", current.strip("\n"))
    return Normalized(current, tuple(steps)), (guessed, left)
