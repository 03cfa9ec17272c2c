"""Structure: boilerplate told by its shape, not by one phrase: link lists under a 往期推荐 header, reprint-notice
blocks, short calls to action.

No family can name every account's wording, but accounts and blogs build their chrome the same way: a header and a
list of links at the end, a stack of 作者/链接/来源/著作权 label lines, a one-line "关注我们" with an account name.
This detector only proposes (see ``cleantext.evidence``); it judges the Markdown read-through of each line
(``cleantext.text.markup``), so bold wrappers and link targets do not hide the words. Its rules:

- ``structure.reprint-block`` (STRONG, disclaimer): two or more label lines of a reprint notice together (blank
  lines and code fences between them allowed), at least one of which is about the link or the rights (链接/原文链接,
  著作权归…所有, 商业转载请…, 版权声明, 本文为…的原创文章). An author line alone, or 作者 + 来源 without a link or a
  rights line (a byline), proposes nothing.
- ``structure.reprint-line`` (WEAK, disclaimer): a lone 原文链接：/本文链接： line with its address (a saving tool's
  note of where the text came from), or a lone rights line that speaks of 转载 (版权声明：…转载请注明出处). A bare
  链接： alone is not one: it is often the download link of the article.
- ``structure.tail-links`` (WEAK, nav): a header such as 往期推荐 / 推荐阅读 / 相关阅读 and the list under it (link
  lines, images, short title-like lines) up to the first line of prose. Weak: it counts only after the article's
  last body paragraph, which ``decide`` knows and this detector does not.
- ``structure.cta`` (WEAK, social): a short line (``MAX_CTA_CHARS`` read through) that starts with a call to follow,
  scan, star or share, aimed at an account (公众号/本号/我们/「名称」), a contact, a link or a QR image; also such a
  call broken by a saving tool into a run of short pieces (点击上方 / 蓝字 / 关注我们 并设为 / 星标), each piece named.
  A short line above or below such a call needs a sign of its own to go with it: the account's bare name above a
  call that names no object and was cut out of the same quoted or bold run, the run going on below it (星河手记 /
  “**设为星标** / ”，), a broken-off end below (”，, 哦～). A title above a call (青禾种植要点 /
  长按二维码关注我们) or below it (序章) stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import replace

import regex

from cleantext.evidence import Evidence, Strength
from cleantext.text.markup import heading_text, is_image_line, is_link_line, is_rule_line, read_through

# A call to action longer than this (read through) is a sentence, not chrome.
MAX_CTA_CHARS = 60
# A call to action broken over lines comes in pieces no longer than this (read through).
MAX_FRAGMENT_CHARS = 12
# A list item that is not a link or an image must be a title: at most this long, and not a sentence.
MAX_TITLE_CHARS = 40
# A "list" longer than this is not a navigation list (a novel's dialogue is short lines too).
MAX_LIST_ITEMS = 20
# At most this much text may stand beside the link of a list item (栈 👉[…](…)).
MAX_LINK_LABEL_CHARS = 8

# A Markdown link (not an image), an image, and a bare address, for taking them out of a line.
_LINKED = regex.compile(r"(?<!!)\[[^\[\]\n]*\]\([^()\n]*\)")
_IMAGE_MD = regex.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")
_BARE = regex.compile(r"(?:https?://|www\.)[^\s）)】]+", regex.I)

# --- tail links -------------------------------------------------------------------------------------------------

# Decoration around a header: emoji and symbols, arrows, bullets, brackets, colons, dashes.
_DECOR = regex.compile(r"^[\s\p{So}\p{Sk}\p{Mn}\p{Cf}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}·•:：|｜丨~～*#=_`]+|"
                       r"[\s\p{So}\p{Sk}\p{Mn}\p{Cf}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}·•:：|｜丨~～*#=_`]+$")
# The headers of a "read more of us" list. 延伸阅读 / 扩展阅读 / 参考资料 are left out on purpose: they usually head
# the article's own references.
_HEADER = regex.compile(
    r"(?:往期|近期|历史|精选|热门|更多)(?:精彩|热门|优质)?(?:推荐|精选|回顾|文章|阅读|热文|好文|内容|精华)(?:推荐|阅读|回顾)?"
    r"|往期精彩|更多精彩|精彩(?:回顾|推荐|文章|阅读|好文)|推荐(?:阅读|文章)|相关(?:阅读|文章|推荐)|(?:热文|好文)推荐"
    r"|猜你喜欢|你可能(?:还)?(?:喜欢|感兴趣)"
    r"|(?i:related (?:posts|articles|reading)|recommended (?:reading|posts|articles)|you may also like)"
)
# A header may carry a reading hint after a separator: 往期推荐（点击标题阅读）, 推荐阅读 | 戳标题直达.
_HINT = regex.compile(r"^(?P<head>[^（(|｜丨·:：]{2,12})\s*[（(|｜丨·:：]\s*(?P<hint>.{0,14}?)[）)]?$")
_HINT_WORDS = regex.compile(r"点击|阅读|查看|戳|直达|标题|↓|👇")
# Above a header: a section number (**04**) or a rule belongs to it.
_SECTION_NUMBER = regex.compile(r"^(?:0?\d{1,2}|[一二三四五六七八九十]{1,3})[.、．]?$")
_SENTENCE = regex.compile(r"[。；;]")
# Headers of the account's own back catalogue: under these a list of bare titles (no links) is chrome too. Under a
# generic 推荐阅读 / 相关阅读 a list of titles may be the article's own reading list (books of a lesson plan).
_OWN_CATALOGUE = regex.compile(r"往期|历史|近期|精彩|热门|更多|精选")


# A word that every alternative of _HEADER holds (the decoration _DECOR strips is only at the ends, so it never
# joins a word): a line without one is no header, without the three regexes.
_HEADER_SIGNS = regex.compile(r"往期|近期|历史|精选|热门|更多|精彩|推荐|相关|猜你喜欢|你可能"
                              r"|(?i:related|recommended|you may also like)")


def _header_word(seen: str) -> str | None:
    """The header word when a line read through is a "more of our articles" header (decoration and a reading hint
    allowed), else None."""
    if not seen or len(seen) > 30 or _HEADER_SIGNS.search(seen) is None:
        return None
    bare = _DECOR.sub("", seen)
    if _HEADER.fullmatch(bare):
        return bare
    m = _HINT.match(bare)
    if m and _HINT_WORDS.search(m["hint"]):
        head = _DECOR.sub("", m["head"])
        return head if _HEADER.fullmatch(head) else None
    return None


def _is_fence(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("```") or stripped.startswith("~~~")


def _labelled_link(line: str) -> bool:
    """A link with a short label before it (栈 👉[标题](…), 上篇：[标题](…)): an item of a list too."""
    if "](" not in line:
        return False
    rest = _LINKED.sub("", _IMAGE_MD.sub("", line))
    return rest != line and len(_DECOR.sub("", read_through(rest))) <= MAX_LINK_LABEL_CHARS


def _list_item(line: str, seen: str) -> str | None:
    """What a line is as an item of a link list (``link``, ``image``, ``title``), or None when it ends the list."""
    if is_link_line(line) or _labelled_link(line):
        return "link"
    if is_image_line(line):
        return "image"
    if heading_text(line) is not None or is_rule_line(line) or _is_fence(line) or "](" in line:
        return None  # (a link with much text beside it is a sentence that links)
    if 0 < len(seen) <= MAX_TITLE_CHARS and not _SENTENCE.search(seen) and not seen.endswith(("，", ",")):
        return "title"
    return None


def _above_header(lines: Sequence[str], seen: Sequence[str], start: int) -> list[int]:
    """A section number or a rule just above a header (blank lines between allowed), which go with it."""
    found: list[int] = []
    j = start - 1
    while j >= 0 and len(found) < 2:
        if not lines[j].strip():
            j -= 1
            continue
        if is_rule_line(lines[j]) or _SECTION_NUMBER.match(seen[j]):
            found.append(j)
            j -= 1
            continue
        break
    return found


_EMPTY_HEADING = regex.compile(r"^\s*#{1,6}\s*$")


def _next_is_link(lines: Sequence[str], seen: Sequence[str], start: int) -> bool:
    """Whether the next line with words (blank lines and empty headings skipped) is a link item."""
    for k in range(start, len(lines)):
        if lines[k].strip() and not _EMPTY_HEADING.match(lines[k]):
            return _list_item(lines[k], seen[k]) == "link"
    return False


def _tail_links(lines: Sequence[str], seen: Sequence[str]) -> list[Evidence]:
    out: list[Evidence] = []
    i, n = 0, len(lines)
    while i < n:
        word = _header_word(seen[i])
        if word is None:
            i += 1
            continue
        header, items, kinds = i, list[int](), list[str]()
        j = i + 1
        while j < n:
            if not lines[j].strip():
                j += 1
                continue
            kind = _list_item(lines[j], seen[j])
            if kind is None and heading_text(lines[j]) is None and _EMPTY_HEADING.match(lines[j]):
                kind = "markup"  # an empty "#" a saving tool left between items
            elif kind is None and not items and heading_text(lines[j]) is not None and len(seen[j]) <= MAX_TITLE_CHARS:
                # the first title, turned into a heading by a saving tool: an item only when links follow it (a
                # heading further down starts a section of its own)
                kind = "title" if _next_is_link(lines, seen, j + 1) else None
            if kind is None or _header_word(seen[j]) is not None:
                break
            items.append(j)
            kinds.append(kind)
            j += 1
        links = kinds.count("link")
        titles_count = _OWN_CATALOGUE.match(word) is not None and len(items) - kinds.count("markup") >= 2
        if len(items) <= MAX_LIST_ITEMS and (links >= 1 or titles_count):
            why = f"link list under {word}"
            for k in sorted([*_above_header(lines, seen, header), header, *items]):
                out.append(Evidence(k, "structure.tail-links", "nav", Strength.WEAK, where="tail", why=why))
        i = j
    return out


# --- reprint blocks -------------------------------------------------------------------------------------------------

_URL = r"(?:https?://|www\.)\S+"
_ANY_URL = regex.compile(_URL, regex.I)
_URL_CASED = regex.compile(_URL)
# Label lines of a reprint notice. "who" labels name the author or the source: alone they are a byline.
_WHO = regex.compile(
    r"^(?:(?:原?作者|原文作者|译者|(?:文章|本文|原文|转载)?[来來]源|(?:文章|原文)?出处|(?:本文)?转(?:载)?自)\s*[:：]|文\s*[/／])"
    r"\s*(?P<value>.{0,50})$")
# "anchor" lines are about the original's link or the rights: they make the stack a reprint notice.
_LINK_LABEL = regex.compile(
    r"^(?:(?:原文|本文|文章)?(?:链接|地址|网址)|原文)\s*[:：]\s*(?P<value>" + _URL + r")?\s*$", regex.I)
# "版权归作者所有" ends the claim; "版权归作者所有的作品，…" is a sentence about such works going on.
_OWNS_END = r"(?![的者制])"
_RIGHTS = regex.compile(
    r"^(?:[^\s，。]{0,6}?著作权归.{1,16}?所有" + _OWNS_END +
    r"|(?:非?商业)转载请"
    r"|版权(?:声明|说明|归属)\s*[:：]"
    r"|(?:本文)?版权归.{1,16}?所有" + _OWNS_END +
    r"|本文(?:为|系|是)?.{0,24}?(?:博主|作者|用户).{0,30}?的原创(?:文章)?"
    r"|转载请(?:注明|保留|附上|联系|务必)"
    r"|(?:本文)?(?:转载|转自|摘自|来源于).{0,40}?(?:侵删|如有侵权)"
    r")")
_BRACKETED = regex.compile(r"^[（(【\[]\s*(.*?)\s*[）)】\]]$")
# A label that names the original's address (not a bare 链接：, which may be the download link of the article).
_ORIGINAL_LINK = regex.compile(r"^(?:原文|本文|文章)(?:链接|地址|网址)\s*[:：]")
# The terms of a notice, addressed to whoever copies (a sentence about the law says 转载他人作品应当…).
_REPRINT_TERMS = regex.compile(r"(?:商业|非商业)?转载(?:请|需|时请|务必)"
                                r"|(?:禁止|不得|谢绝|请勿|严禁)(?:任何形式的)?转载")


def _lone_notice(text: str) -> bool:
    """A label line that is a reprint notice even alone: the original's address, or rights that speak of 转载."""
    return bool(_ORIGINAL_LINK.match(text) or (_RIGHTS.match(text) and _REPRINT_TERMS.search(text)))


def _unbracket(seen: str) -> str:
    m = _BRACKETED.match(seen)
    return m.group(1) if m else seen


# What every label line holds: the colon or slash of _WHO and _LINK_LABEL, or a word that each alternative of
# _RIGHTS without a colon needs (所有, 转载请, 原创, 侵删/如有侵权). Most lines hold none, and skip the regexes.
_LABEL_SIGNS = (":", "：", "/", "／", "所有", "转载请", "原创", "侵")
_LABEL_SIGN = re.compile("|".join(map(re.escape, _LABEL_SIGNS)))  # one C scan, not eight ``in`` tests per line


def _reprint_label(seen: str) -> str | None:
    """``anchor`` (link or rights line), ``who`` (author or source line), ``open`` (a label whose value is on the
    next line), or None."""
    if not seen or _LABEL_SIGN.search(seen) is None:
        return None
    if len(_ANY_URL.sub("u", seen)) > 200:  # an address counts as one character
        return None
    text = _unbracket(seen)
    if _RIGHTS.match(text):
        return "anchor"
    link = _LINK_LABEL.match(text)
    if link:
        return "anchor" if link["value"] else "open"
    who = _WHO.match(text)
    if who:
        if _URL_CASED.match(who["value"]):
            return "anchor"
        return "who" if who["value"] else "open"
    return None


def _reprint_blocks(lines: Sequence[str], seen: Sequence[str]) -> list[Evidence]:
    out: list[Evidence] = []
    n = len(lines)
    i = 0
    while i < n:
        kind = _reprint_label(seen[i])
        if kind is None:
            i += 1
            continue
        block, labels, anchors, fences = [i], 1, kind == "anchor", 0
        expect_value = kind == "open" or (kind == "anchor" and "原创" in seen[i])
        j = i + 1
        while j < n:
            if not lines[j].strip():
                j += 1
                continue
            if _is_fence(lines[j]):
                fences += 1
                block.append(j)
                j += 1
                continue
            kind = _reprint_label(seen[j])
            if kind is None and expect_value and is_link_line(lines[j]):
                block.append(j)  # 原文链接： followed by its address on the next line
                expect_value = False
                anchors = True
                j += 1
                continue
            if kind is None:
                break
            block.append(j)
            labels += 1
            anchors = anchors or kind == "anchor"
            expect_value = kind == "open" or (kind == "anchor" and "原创" in seen[j])
            j += 1
        while block and _is_fence(lines[block[-1]]) and fences % 2 == 1:
            # an opening fence with no closing one in the block stays with the text below it
            block.pop()
            fences -= 1
        if j < n and _is_fence(lines[j]) and fences % 2 == 1:
            block.append(j)  # the closing fence of a notice written as a code block
        if labels >= 2 and anchors:
            above = [k for k in _above_header(lines, seen, i) if is_rule_line(lines[k])][:1]
            for k in sorted([*above, *block]):
                out.append(Evidence(k, "structure.reprint-block", "disclaimer", Strength.STRONG,
                                    why="reprint notice (作者/链接/来源/著作权 lines together)"))
        elif labels == 1 and anchors and _lone_notice(_unbracket(seen[i])):
            # a lone "原文链接：…" or "版权声明：…转载…" says where the text was copied from or on what terms; weak, so
            # only the head or the tail takes it
            for k in [k for k in block if not _is_fence(lines[k])]:
                out.append(Evidence(k, "structure.reprint-line", "disclaimer", Strength.WEAK,
                                    why="lone reprint notice (原文链接, or terms for 转载)"))
        i = max(j, i + 1)
    return out


# --- calls to action ----------------------------------------------------------------------------------------------

_CTA_WORDS = regex.compile(r"关注|扫码|扫描|扫一扫|长按|识别|点赞|在看|星标|标星|转发|收藏|分享|置顶|三连|回复|发送")
# What may stand before the verb: numbering, decoration, and the usual lead-ins of a nag. A subject of a sentence
# (请广大群众关注…) is not among them, so a sentence of a report never reads as a call to action.
_LEAD_WORDS = (r"(?:[\s\p{So}\p{Sk}\p{Mn}\p{Cf}\p{P}]"
               r"|请|欢迎|记得|别忘了?|顺手|顺便|麻烦|动动手指|大家|朋友们|亲们?|快来?|赶紧|一键|点击|点一?下?|戳|上方|下方|"
               r"文末|蓝字|蓝色字体?|卡片|名片|头像|选择|然后|先|再|并|和|或|可以|也|更多(?:精彩|干货|资讯|好文)?(?:内容)?|"
               r"不想错过[^，。？?！!\n]{0,10}[？?，,！!])*")
_LEAD = r"^(?:[\d①-⑩]{1,2}[.、．)）]\s*)?" + _LEAD_WORDS
# "点击上方“星河手记”，选择“设为星标”": the account's name in quotes may stand between the lead-in and the verb.
_QUOTED_NAME = r"(?:[「“【『][^」”】』\n]{1,16}[」”】』])?"
# An account named as the object of the verb. A word the sentence goes on from (关注作者的写作手法, 关注我们要做的事)
# is not an account: it must end there.
_END = r"(?=$|[\s\p{P}\p{So}]|吧|哦|呀|啊|并|和|获取|了解|回复|领取|不迷路|第一时间)"
_ACCOUNT = (r"(?:(?:公众号|公号|订阅号|服务号|视频号|本号|本站|我们|小编|作者|名片|二维码|小程序)" + _END +
            r"|「[^」\n]{1,16}」|“[^”\n]{1,16}”|【[^】\n]{1,16}】|『[^』\n]{1,16}』"
            r"|(?:公众号|公号|微信|微博)\s*[:：]\s*\S{2,16}"
            r"|(?i:qq|vx|wx|微信|v信|微博)\s*(?:群|号)?\s*[:：]?\s*[A-Za-z0-9_@-]{5,})")
# An institution's own account (请大家关注学校公众号，及时了解放假安排) is a notice to its people, not a nag.
_INSTITUTION_ACCOUNT = (r"(?![^。；;\n]{0,8}?(?:学校|学院|大学|幼儿园|社区|街道|医院|单位|公司|政府|班级|年级|"
                        r"银行|官方|党支部|居委会|村委会|校园|图书馆)的?(?:官方)?(?:微信)?公众号)")
_FOLLOW = regex.compile(_LEAD + r"(?:关注|星标|置顶|加关注)" + _INSTITUTION_ACCOUNT + r"[^。；;\n]{0,8}?" + _ACCOUNT)
_STAR = regex.compile(_LEAD + _QUOTED_NAME + _LEAD_WORDS + r"(?:设为星标|设置星标|加星标|标星|星标我们|置顶公众号)")
_SCAN = regex.compile(_LEAD + r"(?:扫码|扫一扫|扫描|长按|识别)[^。；;\n]{0,10}?"
                      r"(?:关注|加入|添加|进群|加群|入群|联系|咨询|领取|获取|订阅|(?:公众号|本号|我们)" + _END + ")")
_SCAN_ONLY = regex.compile(_LEAD + r"(?:长按|扫描|扫一扫|扫码)(?:识别|下方|上方|图中|图片|以下)*"
                           r"(?:二维码|小程序码|名片)?(?:识别)?[\s\p{P}\p{So}]*$")
# A download gate: reply a keyword (to the account) to get the file.
_GATE = regex.compile(_LEAD + r"(?:在?后台)?(?:回复|发送)(?:关键[字词])?[^。；;\n]{0,16}?(?:获取|领取|下载)")
_ENGAGE = regex.compile(r"点赞|点个赞|在看|转发|收藏|分享|关注|星标|三连|留言")
_NAG = regex.compile(r"请|欢迎|记得|别忘|求|点个|一键|顺手|动动|支持一下|鼓励|三连|走一波|吧|哦|呦|❤|👇|🙏")
_ENGAGE_FIRST = regex.compile(_LEAD + r"(?:点赞|点个赞|在看|转发|收藏|分享|关注|星标)")
_TWO_SENTENCES = regex.compile(r"。.")
_ANY_VERB = regex.compile(_LEAD + r"(?:关注|扫码|扫描|扫一扫|长按|点赞|在看|星标|转发|收藏|分享|置顶)")


def _outside_links(line: str) -> str:
    """The line read through with linked titles and bare addresses taken out (images stay: they are removed by the
    read-through, and a QR image with a verb beside it is the call)."""
    return read_through(_BARE.sub(" ", _LINKED.sub(" ", line)))


def _calls(text: str) -> bool:
    """Whether the text starts (a lead-in at most) with a call to follow, star, scan or reply for a download."""
    return bool(_FOLLOW.match(text) or _STAR.match(text) or _SCAN.match(text) or _GATE.match(text))


def _is_cta(line: str, seen: str) -> bool:
    """A short call to follow, scan, star or share, aimed at an account, a contact, a link or a QR image."""
    if not seen or len(seen) > MAX_CTA_CHARS or not _CTA_WORDS.search(seen) or is_link_line(line):
        return False  # a line that is only links is a list of titles (分享知识的十个理由), not a call
    if _TWO_SENTENCES.search(seen) or (seen.endswith("。") and len(seen) > 30):
        return False  # two sentences, or one long one: prose
    if _calls(seen):
        return True
    if _SCAN_ONLY.match(seen) and len(seen) <= 16 and ("码" in seen or "识别" in seen or "名片" in seen):
        return True
    if ("](" in line or "http" in line or "<img" in line) and _ANY_VERB.match(_outside_links(line)):
        return True  # the verb (not a word of a linked title) plus a link or a QR image on the same line
    engage = {m.group() for m in _ENGAGE.finditer(seen)}
    if len(engage) < 2 or len(seen) > 30 or _SENTENCE.search(seen):
        return False
    # two calls and a nag (点赞和在看是最大的鼓励吧), or three calls in a row from the start (分享、点赞、在看，…)
    return _NAG.search(seen) is not None or (len(engage) >= 3 and _ENGAGE_FIRST.match(seen) is not None)


def _fragment(line: str, seen: str) -> bool:
    """A piece of a call to action that a saving tool broke over lines (点击上方 / 蓝字 / 关注我们): short, and not a
    heading, an image or a link."""
    return 0 < len(seen) <= MAX_FRAGMENT_CHARS and heading_text(line) is None and "](" not in line


_WORD_CHAR = regex.compile(r"[\p{L}\p{N}]")
# How the second half of a follow or star nag starts (…，不错过每一篇 / 第一时间获取更新 / 每天进步一点点).
_NAG_GOES_ON = regex.compile(r"(?:不错过|不迷路|第一时间|及时|每天|每日|获取|了解|更多|精彩|从此|一起|带你|和你|陪你)")
_BARE_NAME = regex.compile(r"^[\p{L}\p{N}]{2,10}$")
# A piece that starts with closing punctuation was broken off the piece above (”，选择…).
_CLOSING = regex.compile(r"^[”’」』）)】，,。、！!？?]")
# The piece after a bare name was cut out of the same quoted or bold run as the name (星河手记 / “**设为星标**).
_CUT_AFTER_NAME = regex.compile(r"^\s*(?:[“”‘’「」『』【】\"]|\*\*|__)")
# A call that names its object (关注我们, 扫码关注公众号, 星标「星河手记」) needs no name from the line above it.
_NAMED_OBJECT = regex.compile(r"(?:关注|星标|置顶|添加|加入|订阅|识别)[^。；;\n]{0,8}?" + _ACCOUNT)
# A short piece below a call that is its broken-off end (哦, ～, 👇): no two letters or digits, no section number.
_TWO_WORD_CHARS = regex.compile(r"[\p{L}\p{N}].*[\p{L}\p{N}]|^\s*[\p{N}一二三四五六七八九十]\s*$")


def _split_ctas(lines: Sequence[str], seen: Sequence[str]) -> list[int]:
    """Lines of runs (no blank line between) of two to six fragments that read, joined, as a call to follow or
    star. The joined text must start with the call (a lead-in at most), as a single line must; the account's bare
    name may come first, on a line of its own (星河手记 / “设为星标” / ”，). Once the pieces make a call, a further
    piece goes with them only if it carries a call word, is a broken-off end (**…**, ”，) or ends a sentence the
    piece above left open (…，): a plain short line below (第一章 总则) is the text going on."""
    out: list[int] = []
    run: list[int] = []
    for i in [*range(len(lines)), len(lines)]:
        if i < len(lines) and _fragment(lines[i], seen[i]):
            run.append(i)
            continue
        if 2 <= len(run) <= 6:
            out += _call_in_run(lines, seen, run)
        run = []
    return out


def _call_in_run(lines: Sequence[str], seen: Sequence[str], run: list[int]) -> list[int]:
    """The lines of one run of fragments that make a call (see ``_split_ctas``), or none."""
    head = 1 if _BARE_NAME.match(seen[run[0]]) else 0
    for start in sorted({0, head}):
        joined = ""
        for n, k in enumerate(run[start:], start):  # noqa: B007 (n is where the call ends, read below)
            joined += seen[k]
            if _calls(joined):
                break
        else:
            continue
        if start == 1 and not _needs_the_name(lines[run[1]], joined):
            # a short line above a call that stands alone (a title, 第一章出发) is not its account's name
            taken = run[1 : n + 1]
        else:
            taken = run[: n + 1]
        for k in run[n + 1 :]:
            particle = len(seen[k]) <= 2 and not _TWO_WORD_CHARS.search(seen[k])  # 哦～, not 序章 or 一
            broken = "**" in lines[k] or _CLOSING.match(seen[k]) or particle
            # the sentence visibly continues: words left open by a comma (点击上方“星河手记”，), or a broken-off ”，
            # or a label's colon (分享到：) and the usual end of a nag (不错过每一篇); a title under ”， or 分享到：
            # (青禾种植要点) is the text going on
            above = seen[taken[-1]]
            goes_on = (above.endswith(("，", ",", "、", "“", "「")) and _WORD_CHAR.search(above) is not None) or (
                above.endswith(("，", ",", "、", "：", ":", "“", "「")) and _NAG_GOES_ON.match(seen[k]) is not None)
            if not (broken or goes_on or _CTA_WORDS.search(seen[k])):
                break
            taken.append(k)
        if head and taken[0] == run[0] and len(taken) == 2:
            # a bare name over a one-piece call and nothing after it (no ”， left over): no more sign of an account's
            # name than of a title (青禾种植要点 / “**设为星标**), and a title must not go
            taken = taken[1:]
        if len(taken) >= 2 and sum(len(seen[k]) for k in taken) <= MAX_CTA_CHARS:
            return taken
    return []


def _needs_the_name(piece: str, call: str) -> bool:
    """Whether a bare name above a split call is part of it: the call names no object of its own (设为星标, not
    关注我们) and the piece right below the name shows it was cut out of the same quoted or bold run (“**设为星标**).
    A short line has no other sign that it is an account's name: a title above a call stays."""
    return _NAMED_OBJECT.search(call) is None and _CUT_AFTER_NAME.match(piece) is not None


def _continuations(lines: Sequence[str], seen: Sequence[str], calls: list[int]) -> list[int]:
    """The broken-off end of a call to action on the next line (**下载链接**, ”，): a fragment right below it (no
    blank line between) that shows it was cut out of the same run of markup, up to two such lines."""
    out: list[int] = []
    for i in calls:
        joined = seen[i]
        for k in range(i + 1, min(i + 3, len(lines))):
            piece = lines[k]
            if not (_fragment(piece, seen[k]) and ("**" in piece or "__" in piece or _CLOSING.match(seen[k]))):
                break
            joined += seen[k]
            if len(joined) > MAX_CTA_CHARS:
                break
            out.append(k)
    return out


def _ctas(lines: Sequence[str], seen: Sequence[str]) -> list[Evidence]:
    single = [i for i, line in enumerate(lines) if _is_cta(line, seen[i])]
    single += _continuations(lines, seen, single)
    split = _split_ctas(lines, seen)
    return [Evidence(i, "structure.cta", "social", Strength.WEAK, where="edge", why="call to action with an account")
            for i in sorted({*single, *split})]


def find_structure(lines: Sequence[str]) -> list[Evidence]:
    """Evidence from the shape of the text (see the module docstring); at most one record per line, the strongest:
    a reprint block before a link list before a call to action."""
    seen = [read_through(line) for line in lines]
    taken: dict[int, Evidence] = {}
    for found in (_reprint_blocks(lines, seen), _tail_links(lines, seen), _ctas(lines, seen)):
        for ev in found:
            taken.setdefault(ev.line, ev)
    return [taken[i] for i in sorted(taken)]


def find_structure_across(lines: Sequence[str], removed: Set[int]) -> list[Evidence]:
    """What ``find_structure`` finds once the ``removed`` lines are gone, as a second clean sees the lines that were
    around them (a login label taken out of a split call, 。關註公號 / 邮箱/手机: / ，, leaves the call's pieces side
    by side), with the indexes of ``lines``; ``[]`` unless some removed run lies between two fragments, the only
    place where taking lines out makes a run that was not there."""
    def fragment(k: int) -> bool:
        return 0 <= k < len(lines) and k not in removed and _fragment(lines[k], read_through(lines[k]))

    # the removed runs, each from its first line (the one with a kept line above it) to its end
    if not any(fragment(i - 1) and fragment(_run_end(i, removed)) for i in removed if i - 1 not in removed):
        return []
    keep = [i for i in range(len(lines)) if i not in removed]
    return [replace(ev, line=keep[ev.line]) for ev in find_structure([lines[i] for i in keep])]


def _run_end(i: int, removed: Set[int]) -> int:
    """The first line at or after ``i`` that is not removed."""
    while i in removed:
        i += 1
    return i
