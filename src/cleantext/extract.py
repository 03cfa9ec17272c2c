"""Extraction: the title, the contacts and the distributors of a document.

Contacts come from removed boilerplate only (the named groups of the patterns that removed it, plus any URL or
e-mail address in removed text), never from the body: a body line that gives an office's phone number is content.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import regex

from cleantext.result import CONTACT_KINDS

MAX_TITLE = 50
# A title does not end like a sentence or a clause, nor like a quoted sentence (“…。”).
_NOT_TITLE_END = regex.compile(r"[。，,；;：:、.…]$|[。，,；;.…！？!?][”\"」』’]$")
_MARKDOWN_MARKS = regex.compile(r"^#{1,6}\s+|^\*\*(?=.+\*\*$)|(?<=.)\*\*$")
_HAS_WORD = regex.compile(r"[\p{L}\p{N}]")
_DIGITS = regex.compile(r"\D+")
_URL = regex.compile(
    r"(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|cc|top|vip|info|me|io|xyz|tv|la)"
    r"(?:/[\w./?=&%-]*)?", regex.I)
_EMAIL = regex.compile(r"[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+", regex.I)
_AT = regex.compile(r"\s*[（(\[【]\s*(?:at|艾特)\s*[）)\]】]\s*|\s+at\s+", regex.I)
_DOT = regex.compile(r"\s*[（(\[【]\s*(?:dot|点)\s*[）)\]】]\s*", regex.I)
_GZH_EDGES = "「」“”\"'《》『』【】[]()（）<>〈〉 "


def find_title(kept_lines: Sequence[str]) -> str | None:
    """The first kept line when it reads like a heading: short, and not ending like a sentence or a clause.

    Markdown is read as such: a YAML front-matter block and rule lines are skipped, and ``# `` / ``**`` marks are
    not part of the title.
    """
    lines = list(kept_lines)
    start = 0
    first = next((i for i, l in enumerate(lines) if l.strip()), None)
    if first is not None and lines[first].strip() == "---":
        end = next((j for j in range(first + 1, min(len(lines), first + 40)) if lines[j].strip() == "---"), None)
        start = end + 1 if end is not None else 0
    for line in lines[start:]:
        s = _MARKDOWN_MARKS.sub("", line.strip())
        if not s or not _HAS_WORD.search(s):
            continue
        if len(s) <= MAX_TITLE and not _NOT_TITLE_END.search(s):
            return s
        return None
    return None


def normalize_contact(kind: str, value: str) -> str:
    """ASCII digits, no separators inside numbers; e-mails with （at） restored; 公众号 names without quotes."""
    v = unicodedata.normalize("NFKC", value).strip()
    if kind in ("qq", "qq_group", "phone"):
        return _DIGITS.sub("", v)
    if kind == "email":
        v = _DOT.sub(".", _AT.sub("@", v))
        return regex.sub(r"\s+", "", v).lower()
    if kind == "url":
        return regex.sub(r"^https?://", "", v, flags=regex.I).rstrip("/.,;:，。；：）)】」").lower()
    if kind == "gongzhonghao":
        return v.strip(_GZH_EDGES)
    return regex.sub(r"\s+", "", v)


class ContactBook:
    """Contacts in order of first appearance, de-duplicated per kind."""

    def __init__(self) -> None:
        self.values: dict[str, list[str]] = {k: [] for k in CONTACT_KINDS}

    def add(self, kind: str, value: str | None) -> None:
        if not value or kind not in self.values:
            return
        v = normalize_contact(kind, value)
        if kind in ("qq", "qq_group") and not (5 <= len(v) <= 11):
            return
        if v and v not in self.values[kind]:
            self.values[kind].append(v)

    def add_match(self, m: Any, source: str | None = None) -> None:
        """Every named contact group of a regex match (every capture, for repeated groups), read from ``source``
        when given: the original text the (folded) matched string stands for."""
        for name in m.re.groupindex:
            if name in self.values:
                for value in captures(m, name, source):
                    self.add(name, value)

    def add_free_text(self, text: str) -> None:
        """URLs and e-mail addresses anywhere in removed text (they are unambiguous; numbers are not)."""
        emails = [m.group() for m in _EMAIL.finditer(text)]
        for e in emails:
            self.add("email", e)
        rest = _EMAIL.sub(" ", text)
        for m in _URL.finditer(rest):
            self.add("url", m.group())

    def as_dict(self) -> dict[str, list[str]]:
        return {k: list(v) for k, v in self.values.items()}


# Words a loose capture can pick up that are never a distributor's name; a line holding only one of them must not
# be removed as a "bare brand line".
_GENERIC_NAMES = frozenset({
    "本站", "本文", "本书", "我们", "本人", "作者", "小编", "编辑", "网站", "官方", "平台", "本平台", "网友",
    "资料", "文档",
    "本资料", "本文档", "该文档", "用户", "会员", "大家", "公司", "单位", "学校", "办公室"})


def clean_distributor(name: str | None) -> str | None:
    """A captured distributor name without edge punctuation, or None when it is implausible or generic."""
    if not name:
        return None
    n = regex.sub(r"^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$", "", unicodedata.normalize("NFC", name))
    if 2 <= len(n) <= 16 and not n.isdigit() and n not in _GENERIC_NAMES:
        return n
    return None


def captures(m: Any, name: str, source: str | None = None) -> list[str]:
    """Every capture of group ``name``; taken from ``source`` at the same offsets when it is the original of the
    matched string (same length: the traditional→simplified fold keeps offsets)."""
    if source is not None and len(source) == len(m.string) and source != m.string:
        return [source[s:e] for s, e in m.spans(name)]
    return list(m.captures(name))


def distributors_of(matches: Iterable[tuple[Any, str | None]]) -> list[str]:
    """Distributor names captured by the ``distributor`` group, in order of first appearance."""
    out: list[str] = []
    for m, source in matches:
        if "distributor" in m.re.groupindex:
            for value in captures(m, "distributor", source):
                name = clean_distributor(value)
                if name and name not in out:
                    out.append(name)
    return out
