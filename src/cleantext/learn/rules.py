"""The rules that tell learned boilerplate from a collection's legitimate repeated lines (``cleantext learn``).

A shape frequent enough is a *candidate* in one of three ways:

- **evident edge line**: it sits at heads or tails (share ≥ ``min_share``) and carries evidence of boilerplate — a
  masked contact (URL, e-mail, QQ-like number, WeChat id), a word of :data:`LEXICON`, or a decorated frame
  (``——…——``, ``【…】``, ``★…★``) — and, in the sampled documents, it lies in the run of candidate lines that
  starts at the document's edge (a body sentence that happens to sit near the top does not);
- **interleaved mark**: it repeats inside most of its documents (``——某某专用——`` between paragraphs, page marks)
  and is evident or a short line that is not a sentence;
- **attached edge line** (no evidence: a bare brand, a slogan): accepted only where it sits *inside* a run of
  boilerplate — in the head with an evident line both above and below it, in the tail with an evident line above
  it (between it and the body) and one below it or the end of the document.

Titles, standard headings (``一、基本情况``) and standard opening or closing sentences repeat at heads and tails
too; they carry no evidence, and they sit next to the body, not inside a run of boilerplate, so the third rule
rejects them. Enumerated headings and chapter lines are never proposed at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from cleantext.learn.shape import CONTACT_MASKS, EMAIL, MASKS, NUM, URL

# Words that boilerplate uses, by the category they suggest (checked in this order; none: "ad").
LEXICON: dict[str, tuple[str, ...]] = {
    "page": ("页", "page"),
    "contact": ("QQ", "扣扣", "企鹅", "微信", "V信", "薇信", "vx", "群号", "交流群", "contact"),
    "credit": ("整理", "提供", "收集", "出品", "制作", "首发", "downloaded"),
    "watermark": ("仅供", "禁止", "严禁", "外传", "转载", "盗版", "侵权", "版权", "专用", "倒卖", "请勿", "copyright",
                  "personal study"),
    "promo": ("订阅", "会员", "关注", "公众号", "扫码", "二维码", "领取", "在看", "点赞", "转发", "subscribe",
              "follow"),
    "site": ("www", "http", "网址", "本站", "访问", "浏览", "visit"),
    "ad": ("下载", "广告", "最新章节", "推荐", "免费", "download", "free"),
}
_DECORATED = regex.compile(r"^[\-—=*~★☆◆◇●■▲#【\[]{1,}.*[\-—=*~★☆◆◇●■▲#】\]]$")
_HEADING = regex.compile(
    r"^(?:[一二三四五六七八九十百]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[、.]\s*\S|第\S{1,6}[章节回卷篇部]"
    r"|(?:chapter|part|section)\s*\d)", regex.I)
_SENTENCE_END = regex.compile(r"[。.!?！？;；]$")
_INNER_SENTENCE_END = regex.compile(r"(?:[。!?！？]|\.\s)[”\"』」)]?(?=.)")
_BRACKETED = regex.compile(r"【[^【】]*】|\([^()]*\)")
MAX_SLOGAN = 30


def words_of(key: str) -> str:
    """The literal text of a shape with masks read as placeholders (``1`` for a short number)."""
    return "".join("1" if c == NUM else (" " if c in MASKS else c) for c in key)


def lexicon_hits(key: str) -> list[tuple[str, str]]:
    """``(category, word)`` for every lexicon word in the shape, in category order."""
    low = words_of(key).lower()
    return [(cat, w) for cat, ws in LEXICON.items() for w in ws if w.lower() in low]


def evidence(key: str) -> str | None:
    """Why the shape reads as boilerplate by itself, or None. Words inside a bracketed span belong to an ad spliced
    into the line, not to the line; and a line of several sentences is prose, whatever words it holds."""
    outside = _BRACKETED.sub("", key)
    if sum(c.isalpha() for c in outside) >= 2:
        key = outside
    if _INNER_SENTENCE_END.search(words_of(key).strip()):
        return None
    masks = CONTACT_MASKS & set(key)
    if masks:
        return "contact mask"
    hits = [w for cat, w in lexicon_hits(key) if cat != "page" or NUM in key]
    if hits:
        return f"word {hits[0]!r}"
    if _DECORATED.match(key):
        return "decorated line"
    return None


def learnable(key: str) -> bool:
    """Worth a pattern at all: two letters (one in a decorated frame such as ``——完——``), or an address (a bare
    number is not: it may be a date); not a heading; not too long."""
    letters = sum(c.isalpha() for c in key if c not in MASKS)
    enough = letters >= 2 or (letters == 1 and _DECORATED.match(key) is not None) or URL in key or EMAIL in key
    return len(key) <= 120 and enough and not is_heading(key)


def is_heading(key: str) -> bool:
    return _HEADING.match(words_of(key).strip()) is not None


def slogan_like(key: str) -> bool:
    """Short and not a sentence: how an interleaved mark without evidence still looks."""
    text = words_of(key).strip()
    return len(text) <= MAX_SLOGAN and not _SENTENCE_END.search(text)


@dataclass(slots=True)
class Attachment:
    """Sightings of an unevident candidate in the sampled documents, and how many sat inside boilerplate."""

    seen: int = 0
    attached: int = 0

    @property
    def share(self) -> float:
        return self.attached / self.seen if self.seen else 0.0


Signature = tuple[Sequence[tuple[int, ...]], Sequence[tuple[int, ...]]]


def _run(part: Sequence[tuple[int, ...]], from_top: bool, links: set[int]) -> set[int]:
    """Indexes of the edge run: lines from the top (bottom) that hold a ``links`` hash; from the top, one other
    line — the title — may sit inside it."""
    run: set[int] = set()
    title_skipped = not from_top
    for i in range(len(part)) if from_top else range(len(part) - 1, -1, -1):
        if links.isdisjoint(part[i]):
            if title_skipped:
                break
            title_skipped = True
            continue
        run.add(i)
    return run


def in_run(signatures: Iterable[Signature], anchors: set[int], links: set[int]) -> dict[int, Attachment]:
    """For each anchor, its sightings in the sampled documents and how many lie in an edge run made of anchors and
    ``links`` (the unevident lines already accepted)."""
    out = {h: Attachment() for h in anchors}
    passable = anchors | links
    for head, tail in signatures:
        for part, from_top in ((head, True), (tail, False)):
            run = _run(part, from_top, passable)
            for i, hs in enumerate(part):
                for h in anchors.intersection(hs):
                    out[h].seen += 1
                    out[h].attached += i in run
    return out


def attachment(signatures: Iterable[Signature], anchors: set[int], weak: set[int]) -> dict[int, Attachment]:
    """For each unevident candidate, its sightings and how many sit inside boilerplate: in an edge run (of anchors
    and candidates), with an anchor on its body side in the run, and one on its edge side (or, in the tail, as the
    last line of the document)."""
    out = {h: Attachment() for h in weak}
    passable = anchors | weak
    for head, tail in signatures:
        for part, from_top in ((head, True), (tail, False)):
            run = _run(part, from_top, passable)
            anchored = [i for i in run if not anchors.isdisjoint(part[i])]
            for i, hs in enumerate(part):
                mine = weak.intersection(hs)
                if not mine:
                    continue
                body_side = any((j > i) == from_top for j in anchored if j != i)
                edge_side = any((j < i) == from_top for j in anchored if j != i)
                ok = i in run and body_side and (edge_side or (not from_top and i == len(part) - 1))
                for h in mine:
                    out[h].seen += 1
                    out[h].attached += ok
    return out
