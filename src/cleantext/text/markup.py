"""Markdown read-through: a line as a reader sees it, so that rules judge words, not markup.

Saved 公众号 articles and blog notes are Markdown: ``> **点击上方“蓝色字体”**``, ``- [标题](链接)``, ``![](二维码)``.
A rule written for ``点击上方蓝字关注`` should not have to spell out every way a saving tool wraps it. These pure
functions strip the markup for *matching only*; the text that is kept or cut is always the original line.
"""

from __future__ import annotations

import functools
import html
import re

# The cheap gate: a line holding none of these characters, and not starting with a digit, has no markup to read
# through (most lines of a novel or a report).
# Two tests, not one alternation: alone, the class is scanned for at C speed by ``re`` (``…|^\s*\d`` tried every
# position), and ``^`` is only the start of the line.
_TRIGGER_CHAR = re.compile(r"[>#*_\[!&+\-<~•·]")
_LEADING_DIGIT = re.compile(r"\s*\d")

# Leading block marks, peeled one at a time: quote marks, an ATX heading, a list bullet, a list number. A bullet
# needs a space after it (``-1`` and ``*强调*`` are not bullets); a number needs a non-digit after its dot (``1.关注``
# is an item, ``3.14`` is not), and at most two digits (``2024.5`` is a date).
_QUOTE = re.compile(r"^\s*>+\s*")
_HEADING_MARK = re.compile(r"^\s*#{1,6}(?:\s+|$)")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_BULLET = re.compile(r"^\s*[-*+•·]\s+")
_NUMBER = re.compile(r"^\s*\d{1,2}[.．)）、](?![\d.])\s*")

# Images go (a banner or a QR code has no words for a rule); links keep their text. Link text may hold one level of
# brackets (``[[置顶]标题](…)``); a destination may hold one level of parentheses and a quoted title.
_TEXT = r"((?:[^\[\]\n]|\[[^\[\]\n]*\])*)"
_DEST = r"\(\s*<?[^()\s>]*(?:\([^()\s]*\)[^()\s>]*)*>?(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]" + _DEST + r"|<img\b[^>\n]*>", re.IGNORECASE)
_LINK = re.compile(r"\[" + _TEXT + r"\]" + _DEST)
_REF_LINK = re.compile(r"\[" + _TEXT + r"\]\[[^\[\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?://|www\.)[^<>\s]+)>", re.IGNORECASE)
_HTML_BREAK = re.compile(r"<br\s*/?>|</?(?:span|strong|b|em|i|p|section|font)\b[^>\n]*>", re.IGNORECASE)

# Emphasis. Runs of ``*`` (2 or more: bold, bold italic, the unbalanced ``****`` of WeChat exports) and ``__``/``___``
# go unless they sit between two ASCII letters or digits (``2**8``, ``my__var``); a run of four or more ``_`` is a
# fill-in blank (``姓名：______``) and stays. A single ``*`` or ``_`` goes only when it wraps text.
_STARS = re.compile(r"(?<![A-Za-z0-9])\*{2,}|\*{2,}(?![A-Za-z0-9])")
_UNDERS = re.compile(r"(?<![A-Za-z0-9_])_{2,3}(?!_)|(?<!_)_{2,3}(?![A-Za-z0-9_])")
_STAR_WRAP = re.compile(r"(?<![A-Za-z0-9*])\*(?![\s*])([^*\n]*?[^\s*])\*(?![A-Za-z0-9*])")
_UNDER_WRAP = re.compile(r"(?<![\w_])_(?![\s_])([^_\n]*?[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")

# Only entities with their semicolon: ``&para=1`` in a URL is a query, not ``¶``.
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# What ``is_link_line`` allows between links: spaces, bullets, list numbers and the usual separators.
_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]（）【】，。]+", re.IGNORECASE)
_LINK_GLUE = re.compile(r"^[\s|｜丨·•,，、/>+*\-]*$")
_RULE = re.compile(r"^\s*(?:(?:[-*_]\s*){3,}|[=＝─━—–‐－═]{3,})\s*$")
_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")


def _peel(line: str) -> str:
    """The line without its leading quote marks, heading mark, bullet and list number (in any nesting)."""
    while True:
        before = line
        for mark in (_QUOTE, _HEADING_MARK, _BULLET, _NUMBER):
            peeled = mark.sub("", line, count=1)
            if mark is _HEADING_MARK and peeled != line:
                peeled = _CLOSING_HASHES.sub("", peeled)
            line = peeled
        if line == before:
            return line


def _emphasis(text: str) -> str:
    """The text without its bold, italic and strike-through marks (balanced or not)."""
    if "*" in text:
        text = _STAR_WRAP.sub(r"\1", _STARS.sub("", text))
    if "_" in text:
        text = _UNDER_WRAP.sub(r"\1", _UNDERS.sub("", text))
    if "~~" in text:
        text = _STRIKE.sub(r"\1", text)
    return text


def _entities(line: str) -> str:
    return _ENTITY.sub(lambda m: html.unescape(m.group()), line) if "&" in line else line


def read_through(line: str) -> str:
    """:func:`read_through_uncached`, remembered for short lines: the rules, the structure detector and its second
    look each read the same lines through."""
    return _read_through_short(line) if len(line) <= _CACHED_CHARS else read_through_uncached(line)


# Lines longer than this are read through each time: the cache must stay small (4 096 entries of short lines).
_CACHED_CHARS = 200


def read_through_uncached(line: str) -> str:
    """The line as a reader sees it, for matching: block marks, emphasis, images, link targets and HTML entities
    gone, surrounding spaces stripped. CJK text and full-width punctuation are never touched.

    >>> read_through('> - 点击上方“**蓝色字体**')
    '点击上方“蓝色字体'
    >>> read_through('[往期回顾](https://example.com/p/1)&nbsp;')
    '往期回顾'
    """
    if _TRIGGER_CHAR.search(line) is None and _LEADING_DIGIT.match(line) is None:
        return line.strip()
    line = _IMAGE.sub("", line)
    if "[" in line:
        line = _LINK.sub(r"\1", line)
        line = _REF_LINK.sub(r"\1", line)
    if "<" in line:
        line = _AUTOLINK.sub(r"\1", line)
        line = _HTML_BREAK.sub(" ", line)
    if "*" in line or "_" in line or "~~" in line:
        if "http" in line or "www." in line:
            # an address keeps its underscores (?__biz=…): emphasis is read through only between addresses
            pieces = _BARE_URL.split(line)
            urls = _BARE_URL.findall(line)
            line = "".join(_emphasis(p) + u for p, u in zip(pieces, [*urls, ""], strict=True))
        else:
            line = _emphasis(line)
    line = _peel(_entities(line))
    return line.replace("\xa0", " ").strip()


_read_through_short = functools.lru_cache(maxsize=4096)(read_through_uncached)


def is_image_line(line: str) -> bool:
    """True for a line that shows only images (a banner, a QR code), possibly quoted, bulleted, bold or linked."""
    if "![" not in line and "<img" not in line.lower():
        return False
    rest, images = _IMAGE.subn("", line)
    if not images:
        return False
    rest = _LINK.sub(r"\1", rest)  # a linked image: [![](qr.png)](https://…)
    return not read_through(rest).strip("|｜丨·•,，、 ")


def is_link_line(line: str) -> bool:
    """True for a line that is only links: one or more ``[text](link)``, bare addresses or autolinks, with bullets,
    list numbers and separators between them (a navigation bar, an item of a link list)."""
    if "[" not in line and "http" not in line.lower() and "www." not in line.lower():
        return False
    rest, found = _LINK.subn("", _IMAGE.sub("", line))
    rest, refs = _REF_LINK.subn("", rest)
    rest, autos = _AUTOLINK.subn("", rest)
    rest, bare = _BARE_URL.subn("", rest)
    if not found + refs + autos + bare:
        return False
    return _LINK_GLUE.match(_STARS.sub("", _NUMBER.sub("", _peel(rest)))) is not None


# Markup a cut must take whole or leave alone: a Markdown image or link (whose text may be cut inside, not its
# brackets or its destination) and an HTML tag with its attributes.
_MD_LINK = re.compile(r"!?\[" + _TEXT + r"\]" + _DEST)
HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")


def breaks_markup(line: str, start: int, end: int) -> bool:
    """Whether cutting ``line[start:end]`` would break its markup: it takes part of an image or a link other than
    words of its text (``![星河手记](qr.png)`` must not become ``!(qr.png)``), or part of an HTML tag."""
    if "](" in line:
        for m in _MD_LINK.finditer(line):
            if m.start() >= end:
                break
            if m.end() <= start or (start <= m.start() and m.end() <= end):
                continue
            if not (m.start(1) <= start and end <= m.end(1)):
                return True
    if "<" in line:
        for m in HTML_TAG.finditer(line):
            if m.start() >= end:
                break
            if m.end() > start and not (start <= m.start() and m.end() <= end):
                return True
    return False


def is_rule_line(line: str) -> bool:
    """True for a thematic break: ``---``, ``* * *``, ``___``, or a line of ─, —, ━ or = (three or more)."""
    return _RULE.match(line) is not None


def heading_text(line: str) -> str | None:
    """The text of an ATX heading as a reader sees it (``## **工具介绍**`` → ``工具介绍``); None when the line is
    not a heading or the heading is empty. ``#话题#`` (no space) is not a heading."""
    if "#" not in line:
        return None
    m = _ATX.match(line)
    if m is None or not m.group(2):
        return None
    text = read_through(m.group(2))
    return text or None
