"""Extraction: the title, the contacts and the distributors of a document.

Contacts come from removed boilerplate only (the named groups of the patterns that removed it, plus any URL or
e-mail address in removed text), never from the body: a body line that gives an office's phone number is content.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import regex

from cleantext.domains import EMAIL_TLDS, TLDS, alternation
from cleantext.result import CONTACT_KINDS
from cleantext.text.markup import HTML_TAG, is_image_line, is_link_line, is_rule_line

MAX_TITLE = 50
MAX_MD_TITLE = 120  # a Markdown "# " heading says it is the title: a long one still is
_FRONT_TITLE = regex.compile(r"""^title\s*:\s*["']?(.*?)["']?\s*$""", regex.I)
_MD_HEADING = regex.compile(r"^(#{1,6})\s+\S")
# "key：value" lines of a document's head: the value of 书名/标题/题目 is the title, the others are not titles.
_META_LINE = regex.compile(r"^(书名|标题|题目|篇名|来源|出处|作者|编者|编辑|责编|译者|原文|原文链接|链接"
                           r"|发布|发布时间|发布日期|发表时间|发表日期|提交日期|提交时间|创建时间|创建日期|时间|日期"
                           r"|字数|分类|类别|标签|状态|更新|更新时间|更新日期|简介|内容简介|章节数"
                           r"|转载|声明|版权|文章来源|本文来源|关键词|博文内容)"
                           r"\s*[:：]\s*(.*)$")
_TITLE_KEYS = frozenset({"书名", "标题", "题目", "篇名"})
_LONE_TAG = regex.compile(r"^[【\[][^】\]]{1,12}[】\]]$")
_TAGGED = regex.compile(r"^【[^】]{1,12}】\s*\S")
# A title does not end like a sentence or a clause, nor like a quoted sentence (“…。”).
_NOT_TITLE_END = regex.compile(r"[。，,；;：:、.…]$|[。，,；;.…！？!?][”\"」』’]$")
_MARKDOWN_MARKS = regex.compile(r"^#{1,6}\s+|^\*\*(?=.+\*\*$)|(?<=.)\*\*$")
_HAS_WORD = regex.compile(r"[\p{L}\p{N}]")
_FENCE = regex.compile(r"^\s*(`{3,}|~{3,})")
_DIGITS = regex.compile(r"\D+")
_SPACES = regex.compile(r"\s+")
_SCHEME = regex.compile(r"^https?://", regex.I)
EDGE_PUNCT = regex.compile(r"^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$")  # leading and trailing spaces, punctuation, symbols
_HOST_CHARS = r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\." + alternation(TLDS)
# A web address as written: optional scheme and www., a host ending in a known top-level domain, the path with its
# query and fragment. A host that ends in a letter or digit run glued to CJK text still stops at the CJK.
_URL = regex.compile(r"(?<![\w@.-])(?:https?://)?" + _HOST_CHARS + r"(?![a-z0-9-])(?::\d{2,5})?"
                     r"(?:/[\w./?=&%#~+:;,!*@$-]*)?", regex.I | regex.ASCII)
_HOST = regex.compile(_HOST_CHARS + r"(?![a-z0-9-])(?::\d{2,5})?(?:/|$)", regex.I | regex.ASCII)
# A hidden link target: Markdown link or image syntax, ``](…)``, or an HTML attribute. What boilerplate names is its
# visible text; the target (an image, another article) is not a way to reach anyone.
_LINK_TARGET = regex.compile(r"\]\(\s*<?[^)\s>]*>?(?:\s+\"[^\"]*\")?\s*\)"
                             r"|(?:src|href)\s*=\s*[\"'][^\"']*[\"']", regex.I)
# A bare " at " is no disguise: "templates at example.com" is how English boilerplate names a site.
_AT_SIGN = r"(?:@|＠|\s*[（(\[【]\s*(?:at|艾特)\s*[）)\]】]\s*|#)"
_EMAIL = regex.compile(r"(?<![\w.+-])[a-z0-9][\w.+-]*" + _AT_SIGN + r"[a-z0-9-]+(?:(?:\.|\s*[（(\[【]\s*(?:dot|点)\s*"
                       r"[）)\]】]\s*)[a-z0-9-]+)*(?:\.|\s*[（(\[【]\s*(?:dot|点)\s*[）)\]】]\s*)"
                       + alternation(EMAIL_TLDS) + r"(?:\.cn)?(?![a-z0-9-])", regex.I)
_AT = regex.compile(r"\s*[（(\[【]\s*(?:at|艾特)\s*[）)\]】]\s*|[#＠]", regex.I)
_DOT = regex.compile(r"\s*[（(\[【]\s*(?:dot|点)\s*[）)\]】]\s*", regex.I)
_GZH_EDGES = "「」“”\"'《》『』【】[]()（）<>〈〉 "

# Keyword-anchored contacts in removed text. Numbers are ambiguous on their own, so a QQ, group or WeChat id counts
# only after its keyword; a phone counts after a phone keyword, or alone when it has the shape of a mainland mobile.
_NUM = r"(?:\+?\s*86[-\s]?)?\d(?:[-\s]?\d){4,12}"
_SEP = r"\s*(?:号码|号)?\s*[:：]?\s*"
_QQ_GROUP_KEY = r"(?:QQ|ＱＱ|Q\s?Q|扣扣|企鹅|抠抠)?\s*(?:交流|学习|粉丝|读者)?群(?:号)?|Q群"
_QQ_KEY = r"(?<![A-Za-z])(?:QQ|ＱＱ|Q\s?Q|扣扣|企鹅|抠抠|qq)(?!\s*(?:交流|学习|粉丝|读者)?群)"
# A heart, star or cross for 信 ("V❤：", "薇❤：") and a plus for 加 ("➕V：") are how resellers dodge filters.
_WX_KEY = (r"(?<![A-Za-z])(?:微信|威信|徽信|薇信|维信|卫信|威芯|[VvＶｖ]信|[Vv][Xx]|[Ww][Xx]"
           r"|WeChat|wechat|Wechat|weixin|Weixin|(?:[VvＶｖ]|薇|威|微)\s*[❤♥❥★☆✚]|(?:加|[➕＋+])\s*[VvＶｖ]|加我)(?!群|公众号)")
_PHONE_KEY = r"(?:电话|手机|热线|专线|座机|联系方式|咨询|Tel|TEL|tel|Phone|phone|☎|📞)"
_QQ_GROUP_RE = regex.compile(r"(?:" + _QQ_GROUP_KEY + r")" + _SEP + r"(?P<v>\d(?:[-\s]?\d){4,12})(?!\d)")
_QQ_RE = regex.compile(_QQ_KEY + _SEP + r"(?P<v>\d(?:[-\s]?\d){4,12})(?!\d)")
_WX_RE = regex.compile(_WX_KEY + r"(?:号)?\s*(?:[:：]|\s)?\s*(?P<v>[A-Za-z][-_A-Za-z0-9]{4,19})(?![-_A-Za-z0-9])")
_PHONE_RE = regex.compile(_PHONE_KEY + r"[^\d\n]{0,6}?(?P<v>" + _NUM + r"|[(（]0\d{2,3}[)）]\s*\d{7,8})(?!\d)")
_MOBILE_RE = regex.compile(r"(?<![\d\w])(?P<v>(?:\+?\s*86[-\s]?)?1[3-9]\d(?:[-\s]?\d){8})(?!\d)")
_GZH_QUOTED = "「“\"【《『"
_GZH_RE = regex.compile(
    r"(?:公众号|订阅号|服务号)\s*(?:[:：]\s*|(?=[" + _GZH_QUOTED + r"]))"
    r"(?P<v>[「“\"【《『]?[^\s，,。；;！!？?」”\"】》』()（）:：]{2,20}[」”\"】》』]?)"
    r"|(?<!百度|谷歌|必应|搜狗|360)(?:关注|搜索|搜)(?:微信)?(?:公众号|公众平台|订阅号)?\s*[:：]?\s*"
    r"(?P<v>[「“\"【《『][^」”\"】》』\n]{2,20}[」”\"】》』])"
    r"|(?:微信)?搜索\s*(?P<v>[\p{Han}A-Za-z0-9_]{2,16}?)\s*(?:即可|并)?关注"
    r"|^\s*(?:文章)?来源\s*[:：]\s*(?P<v>[\p{Han}A-Za-z0-9_·]{2,16})\s*$")
# What the scans of ``add_free_text`` need. An e-mail address: an at sign (@, ＠, #, or at/艾特 in brackets) and a
# dot (., or dot/点 in brackets) before its top-level domain; a case-insensitive "at"/"dot" can also be spelled
# with the long s or the Kelvin sign that fold to s and k, which neither word holds. A link target: "](" or "=".
# A web address: a literal dot (the pattern is ASCII-only). QQ, group and phone numbers: a digit (any script's, as
# ``\d`` means); a WeChat id: an ASCII letter. A 公众号 name: one of its keywords.
_AT_OR_DOT_WORD = regex.compile(r"at|dot", regex.I)
_ANY_DIGIT = regex.compile(r"\d")
_ANY_LATIN = regex.compile(r"[A-Za-z]")
_GZH_WORDS = ("公众号", "订阅号", "服务号", "关注", "搜", "来源")


def _may_hold(text: str) -> tuple[bool, bool, bool, bool, bool, bool]:
    """Whether ``text`` can hold an e-mail address, a link target, a web address, a number (QQ, group, phone), a
    WeChat id and a 公众号 name: a necessary condition for each scan of ``ContactBook.add_free_text``."""
    words = _AT_OR_DOT_WORD.search(text) is not None
    at = words or "@" in text or "＠" in text or "#" in text or "艾特" in text
    dot = "." in text
    email = at and (dot or words or "点" in text)
    link = "](" in text or "=" in text
    digit = _ANY_DIGIT.search(text) is not None
    latin = _ANY_LATIN.search(text) is not None
    gzh = any(w in text for w in _GZH_WORDS)
    return email, link, dot, digit, latin, gzh


# A label that says only which kind of contact follows, with no ad words: 邮箱, 联系电话, 官网, E-mail.
_CONTACT_LABEL = regex.compile(r"(?:联系|客服|电子|官方)?(?:邮箱|邮件|e-?mail|电话|手机|热线|座机|传真"
                               r"|网址|官网|网站|主页)(?:号码|号|地址)?", regex.I)


def contact_only(line: str) -> bool:
    """Whether ``line`` gives contacts and nothing else: addresses, numbers and ids (as ``add_free_text`` reads
    them, each after its keyword) and the labels of their kind. "邮箱：help@example.com" and "QQ：12345678 电话：
    0571-8600-1234" do; "联系我们：…" with a name, or a sentence that holds an address, does not."""
    rest, found = _EMAIL.subn(" ", line)
    rest, n = _URL.subn(" ", rest)
    found += n
    for pattern in (_QQ_GROUP_RE, _QQ_RE, _WX_RE, _PHONE_RE, _MOBILE_RE):
        rest, n = pattern.subn(" ", rest)
        found += n
    return found > 0 and _HAS_WORD.search(_CONTACT_LABEL.sub("", rest)) is None


# Content platforms that a reprint notice's 来源 names: a site, not an account.
_PLATFORMS = frozenset({
    "知乎", "简书", "掘金", "稀土掘金", "CSDN", "博客园", "微博", "新浪", "新浪微博", "网易", "搜狐", "腾讯", "百度",
    "今日头条", "头条", "豆瓣", "哔哩哔哩", "B站", "微信", "人民网", "新华网", "网络", "互联网", "本站", "原创"})
# Words that a loose capture can take for a 公众号 name.
_GENERIC_GZH = frozenset({"公众号", "本公众号", "微信公众号", "订阅号", "服务号", "我们", "本号", "我", "作者", "小编"})


def find_title(kept_lines: Sequence[str], distributors: Sequence[str] = ()) -> str | None:
    """The document's own title, read from the first lines of the clean text; None when it starts with prose.

    In order (docs/metadata.md): the ``title:`` of a YAML front matter; the first heading-like line before the first
    prose line, where a Markdown ``# `` heading may be long, a ``书名：`` / ``标题：`` line gives its value, and these
    are passed over: other ``key：value`` lines (来源, 作者…), a lone 【…】 label, a 【…】-tagged line with a heading
    under it, and a line naming one of ``distributors`` (a brand line the patterns left). A document whose first
    heading is a Markdown sub-heading (``## ``) has no title of its own.
    """
    lines = [line.strip() for line in kept_lines]
    start = 0
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is not None and lines[first] == "---":
        end = next((j for j in range(first + 1, min(len(lines), first + 40)) if lines[j] == "---"), None)
        if end is not None:
            for line in lines[first + 1:end]:
                m = _FRONT_TITLE.match(line)
                if m and m.group(1).strip():
                    return m.group(1).strip()
            start = end + 1
    # Images, rules and link-only lines are page furniture, never a title; nor is code (a fenced block's
    # "# comment" is no heading).
    rest = [line for line in _outside_code(lines[start:]) if line and _HAS_WORD.search(line)
            and not (is_image_line(line) or is_rule_line(line) or is_link_line(line))]
    names = [n for n in distributors if n]
    for k, line in enumerate(rest):
        heading = _MD_HEADING.match(line)
        if heading is not None:
            if len(heading.group(1)) > 1:
                return None  # a sub-heading first: the document has no title of its own
            s = _MARKDOWN_MARKS.sub("", line).strip()
            if s and len(s) <= MAX_MD_TITLE:
                return s
            return None
        s = _MARKDOWN_MARKS.sub("", line.strip("|｜ \t")).strip()  # a table row's cell: "| 作者：…"
        if "<" in s:  # HTML tags are markup: <div align="center"> is no title, <h1>标题</h1> gives its words
            s = " ".join(HTML_TAG.sub(" ", s).split())
        if not s or not _HAS_WORD.search(s):
            continue
        meta = _META_LINE.match(s)  # before the prose test: "博文内容：" is a label, not a sentence
        if meta is not None and len(s) <= MAX_TITLE:
            if meta.group(1) in _TITLE_KEYS and meta.group(2).strip():
                return meta.group(2).strip()
            continue
        if len(s) > MAX_TITLE or _NOT_TITLE_END.search(s):
            return None  # prose: the document starts without a title
        if _LONE_TAG.match(s) or any(n in s for n in names) or _names_a_contact(s):
            continue
        nxt = rest[k + 1] if k + 1 < len(rest) else ""
        if _TAGGED.match(s) and nxt and _reads_as_heading(nxt):
            continue
        return s
    return None


def _outside_code(lines: Sequence[str]) -> Iterator[str]:
    """The lines that are not in a fenced code block (nor its fences)."""
    fence = ""
    for line in lines:
        m = _FENCE.match(line)
        if m and (not fence or (m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence))):
            fence = "" if fence else m.group(1)
        elif not fence:
            yield line


def _names_a_contact(s: str) -> bool:
    """A line giving a QQ, WeChat id, phone or e-mail address is a contact line the patterns left, not a title."""
    return any(p.search(s) for p in (_QQ_RE, _QQ_GROUP_RE, _WX_RE, _PHONE_RE, _MOBILE_RE, _EMAIL))


def _reads_as_heading(line: str) -> bool:
    s = _MARKDOWN_MARKS.sub("", line).strip()
    return bool(s) and len(s) <= MAX_TITLE and not _NOT_TITLE_END.search(s) and not _LONE_TAG.match(s)


def normalize_contact(kind: str, value: str) -> str:
    """One canonical form per contact (see docs/metadata.md): numbers as ASCII digits without separators (a phone
    without its +86); e-mail addresses with their （at）/# disguise undone, lower case; a URL as written without its
    scheme and trailing punctuation, its host in lower case; a 公众号 name without its quotes."""
    v = unicodedata.normalize("NFKC", value).strip()
    if kind in ("qq", "qq_group"):
        return _DIGITS.sub("", v)
    if kind == "phone":
        d = _DIGITS.sub("", v)
        return d[2:] if (len(d) == 13 and d.startswith("861")) or (len(d) >= 12 and d.startswith("860")) else d
    if kind == "email":
        v = _DOT.sub(".", _AT.sub("@", v))
        return _SPACES.sub("", v).lower()
    if kind == "url":
        v = _SCHEME.sub("", v).rstrip("/.,;:!，。；：）)】」>\"'")
        host, slash, path = v.partition("/")
        return host.lower() + slash + path
    if kind == "gongzhonghao":
        return v.strip(_GZH_EDGES)
    return _SPACES.sub("", v)


# U+FFFD: a character a mojibake repair could not tell (see ``cleantext.text.mojibake``). A contact glued to one
# is cut: the repair lost a digit or a letter of it, and half a number reaches no one (nor a wrong guess of it).
_HOLE = "\ufffd"


def _cut_by_hole(text: str, start: int, end: int) -> bool:
    """Whether the contact at ``text[start:end]`` touches a U+FFFD left by a mojibake repair."""
    return (start > 0 and text[start - 1] == _HOLE) or text[end:end + 1] == _HOLE


class ContactBook:
    """Contacts in order of first appearance, de-duplicated per kind."""

    def __init__(self) -> None:
        self.values: dict[str, list[str]] = {k: [] for k in CONTACT_KINDS}

    def add(self, kind: str, value: str | None) -> None:
        """One contact, normalized; implausible values (a 4-digit "QQ", a generic word for a 公众号, a name with a
        character lost to mojibake) are dropped."""
        if not value or kind not in self.values or _HOLE in value:
            return  # a character of it was lost to mojibake (see _HOLE)
        v = normalize_contact(kind, value)
        if kind in ("qq", "qq_group") and not (5 <= len(v) <= 11):
            return
        if kind == "phone" and not (7 <= len(v) <= 12):
            return
        if kind == "gongzhonghao" and (v in _GENERIC_GZH or v in _PLATFORMS or len(v) < 2):
            return
        if kind == "url" and not _HOST.match(v):
            return  # an obfuscated capture the fold could not read back (wàp.16k): not an address anyone can use
        if v and v not in self.values[kind]:
            self.values[kind].append(v)

    def add_match(self, m: Any, source: str | None = None) -> None:
        """Every named contact group of a regex match (every capture, for repeated groups), read from ``source``
        when given: the original text the (folded) matched string stands for. A ``url`` capture that is the
        domain of an e-mail address (``…@<domain>``) is not a URL of its own."""
        text = source if source is not None and len(source) == len(m.string) else m.string
        for name in m.re.groupindex:
            if name not in self.values:
                continue
            for (start, end), value in zip(m.spans(name), captures(m, name, source), strict=False):
                if name == "url" and start > 0 and text[start - 1] in "@＠":
                    continue
                if _cut_by_hole(text, start, end):
                    continue
                self.add(name, value)

    def add_free_text(self, text: str) -> None:
        """Scan removed text: e-mail addresses and URLs anywhere (they are unambiguous), numbers and ids after their
        keyword (QQ, 群, 微信…, 电话…), mobile numbers by their shape, 公众号 names after 公众号/关注/搜索/来源."""
        # Each scan runs only when the text holds what every match of it needs (see ``_may_hold``): most removed
        # lines have no address and no number, and the result is the same as running them all.
        email, link, dot, digit, latin, gzh = _may_hold(text)
        rest = text
        if email:
            for m in _EMAIL.finditer(text):
                if not _cut_by_hole(text, *m.span()):
                    self.add("email", m.group())
            rest = _EMAIL.sub(" ", text)
        if link:
            rest = _LINK_TARGET.sub(" ", rest)
        if dot:
            for m in _URL.finditer(rest):
                if not _cut_by_hole(rest, *m.span()):
                    self.add("url", m.group())
            rest = _URL.sub(" ", rest)
        if digit or latin:
            taken: list[tuple[int, int]] = []
            for kind, pattern in (("qq_group", _QQ_GROUP_RE), ("qq", _QQ_RE), ("wechat", _WX_RE),
                                  ("phone", _PHONE_RE), ("phone", _MOBILE_RE)):
                if not (latin if kind == "wechat" else digit):
                    continue
                for m in pattern.finditer(rest):
                    span = m.span("v")
                    if any(s < span[1] and span[0] < e for s, e in taken):
                        continue  # a number already read as another kind (a QQ number is not also a phone)
                    taken.append(span)
                    if not _cut_by_hole(rest, *span):
                        self.add(kind, m.group("v"))
        if gzh:
            for m in _GZH_RE.finditer(rest.strip()):
                for value in m.captures("v"):
                    self.add("gongzhonghao", value)

    def as_dict(self) -> dict[str, list[str]]:
        """Every kind's values; the page addresses of one site repeated in every chapter's footer (more than
        ``MAX_PAGES_PER_SITE`` paths on one host) are given once, as the site's domain."""
        out = {k: list(v) for k, v in self.values.items()}
        out["url"] = collapse_site_pages(out["url"])
        return out


MAX_PAGES_PER_SITE = 3


def collapse_site_pages(urls: list[str]) -> list[str]:
    """``urls`` with the paths of any host that has more than MAX_PAGES_PER_SITE of them replaced by the host."""
    paths: dict[str, int] = {}
    for u in urls:
        host, slash, _ = u.partition("/")
        if slash:
            paths[host] = paths.get(host, 0) + 1
    many = {h for h, n in paths.items() if n > MAX_PAGES_PER_SITE}
    if not many:
        return urls
    out: list[str] = []
    for u in urls:
        host = u.partition("/")[0]
        v = host if host in many else u
        if v not in out:
            out.append(v)
    return out


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
    n = EDGE_PUNCT.sub("", unicodedata.normalize("NFC", name))
    if 2 <= len(n) <= 16 and not n.isdigit() and n not in _GENERIC_NAMES:
        return n
    return None


def captures(m: Any, name: str, source: str | None = None) -> list[str]:
    """Every capture of group ``name``; taken from ``source`` at the same offsets when it is the original of the
    matched string (same length: the traditional→simplified fold keeps offsets)."""
    if source is not None and len(source) == len(m.string) and source != m.string:
        return [source[s:e] for s, e in m.spans(name)]
    return list(m.captures(name))


# What follows the local part of an e-mail address: a "name" captured right before it is not a brand.
_AT_AFTER = regex.compile(r"\s*[@＠]")


def distributors_of(matches: Iterable[tuple[Any, str | None]]) -> list[str]:
    """Distributor names captured by the ``distributor`` group, in order of first appearance; never the local part
    of an e-mail address (``editor`` of ``editor@example.com``, which a "name then address" rule can take)."""
    out: list[str] = []
    for m, source in matches:
        if "distributor" in m.re.groupindex:
            for (_start, end), value in zip(m.spans("distributor"), captures(m, "distributor", source), strict=False):
                if _AT_AFTER.match(m.string, end):
                    continue
                name = clean_distributor(value)
                if name and name not in out:
                    out.append(name)
    return out
