"""Hypothesis strategies for dirty input: text that mixes what real collections hold, bytes in many encodings
(some corrupted), clean bodies written from our own vocabulary, and the bundled patterns' own boilerplate lines.

Every sentence here is invented for these tests.
"""

from __future__ import annotations

import string

from hypothesis import strategies as st

from cleantext.evidence.patterns import builtin_pattern_files, load_file, load_negatives

BUNDLED = [p for f in builtin_pattern_files() for p in load_file(f)]
# Boilerplate lines of whole-line rules, by the scope that says where they may stand.
WHOLE_LINE_EXAMPLES: dict[str, list[str]] = {"line": [], "head": [], "tail": []}
for _p in BUNDLED:
    if _p.scope in WHOLE_LINE_EXAMPLES:
        WHOLE_LINE_EXAMPLES[_p.scope].extend(list(_p.match) + [t for t, c in _p.examples if c == ""])
INLINE_EXAMPLES = [t for p in BUNDLED if p.scope == "inline" for t in list(p.match) + [t for t, _ in p.examples]]
KEYWORDS = sorted({k for p in BUNDLED for k in p.keywords})
KEEP_EXAMPLES = [t for p in BUNDLED for t in p.keep] + load_negatives()

# ---- text fragments -------------------------------------------------------------------------------------------
cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
rare_cjk = st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF) | st.characters(
    min_codepoint=0x20000, max_codepoint=0x2A6DF)
fullwidth_punct = st.sampled_from(list("，。！？：；、“”‘’（）《》【】〔〕…—～·「」『』　﹏＃％＆＊＠"))
fullwidth_alnum = st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E)
emoji = st.sampled_from(["😀", "👍🏽", "👨\u200d👩\u200d👧", "🇨🇳", "❤\ufe0f", "✌︎", "🀄", "🈶", "🔥🔥"]) | st.characters(
    min_codepoint=0x1F300, max_codepoint=0x1FAFF)
controls = st.sampled_from([
    "\x00", "\x01", "\x07", "\x08", "\t", "\x0b", "\x0c", "\x1b[31m", "\x1f", "\x7f", "\x80", "\x85", "\x9f",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u2028", "\u2029", "\u202e", "\ue000",
    "\ufffd", "\ufffe", "\U000e0001"])
line_ends = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n \n", "\n\n\n\n", "  \t\n"])
ascii_words = st.text(alphabet=string.ascii_letters + string.digits + " .,:;!?-_/@()[]#%", max_size=12)
combining = st.sampled_from(["e\u0301", "\u0301", "か\u3099", "\u3099", "A\u030a", "\u1100\u1161"])
mojibake = st.sampled_from(["æ–‡ä»¶", "Ã©tÃ©", "ä¸\xadæ–‡", "â€œå¼•å·â€\x9d", "Â ", "ï¼Œ", "éƒ½"])
traditional = st.sampled_from(["僅供學習 禁止外傳", "本資料由星河文稿整理", "請關註公眾號", "會員專享", "掃碼關注"])
lone_surrogates = st.sampled_from(["\ud800", "\udfff", "\ud83d", "\udc00x"])


def _as_line(s: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return s.map(lambda x: "\n" + x + "\n")


fragments = st.one_of(
    st.text(cjk, min_size=1, max_size=20), st.text(rare_cjk, max_size=3), fullwidth_punct, fullwidth_alnum, emoji,
    controls, line_ends, line_ends, ascii_words, combining, mojibake, traditional, lone_surrogates,
    st.sampled_from(KEYWORDS), _as_line(st.sampled_from(WHOLE_LINE_EXAMPLES["line"])),
    _as_line(st.sampled_from(INLINE_EXAMPLES)), st.sampled_from(INLINE_EXAMPLES), _as_line(st.sampled_from(
        KEEP_EXAMPLES)), _as_line(st.sampled_from(WHOLE_LINE_EXAMPLES["head"] + WHOLE_LINE_EXAMPLES["tail"])),
    st.text(max_size=10),
)
# Dirty text: CJK, full-width punctuation, emoji, control characters, mixed line endings and boilerplate.
dirty_text = st.lists(fragments, max_size=40).map("".join)

# ---- bytes ----------------------------------------------------------------------------------------------------
CODECS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
          "latin-1", "cp1252", "shift_jis", "euc-kr", "koi8-r", "hz"]
MAGIC = [b"%PDF-1.7\n", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"GIF89a", b"\x1f\x8b\x08",
         b"\x7fELF", b"MZ\x90\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]

encoded = st.builds(lambda text, codec: text.encode(codec, errors="ignore"), dirty_text, st.sampled_from(CODECS))


@st.composite
def corrupted(draw: st.DrawFn) -> bytes:
    """Encoded text with a few bytes overwritten, inserted or cut off at the end."""
    data = bytearray(draw(encoded))
    for _ in range(draw(st.integers(0, 4))):
        pos = draw(st.integers(0, len(data)))
        byte = draw(st.integers(0, 255))
        if draw(st.booleans()) and pos < len(data):
            data[pos] = byte
        else:
            data.insert(pos, byte)
    return bytes(data[: len(data) - draw(st.integers(0, 3))])


any_bytes = st.one_of(
    st.binary(max_size=3000), encoded, corrupted(),
    st.builds(lambda a, b: a + b, encoded, encoded),  # two encodings in one file
    st.builds(lambda m, b: m + b, st.sampled_from(MAGIC), st.binary(max_size=500) | encoded),
)

# ---- clean bodies ---------------------------------------------------------------------------------------------
TITLES = ["城西小学二〇二四年秋季学期工作总结", "星河街道社区服务中心年度报告", "关于加强青年教师培养的实施意见",
          "第三章 春天的来信", "青禾农场种植技术要点", "Annual Report of the Riverside Reading Club"]
SUBJECTS = ["本学期", "全年", "今年以来", "社区", "我们", "项目组", "各班级", "志愿者们", "这位老师", "图书室"]
PREDICATES = [
    "认真落实各项工作部署，取得了明显成效", "开展了三十一次主题活动，参与人数超过四千人",
    "完善了值班制度，做到事事有人管、件件有回音", "组织教师外出学习两次，回来后在组内分享心得",
    "新增图书一千四百册，借阅量同比增长一成", "坚持每周家访，及时了解学生的学习和生活情况",
    "把节约下来的经费用于改善食堂条件", "在雨季到来之前检修了全部排水管道"]
# Sentences that mention the words boilerplate uses, and must stay.
HARD_NEGATIVES = [
    "班主任建立了家长QQ群，每天在群里发布作业和通知。", "社区的微信群里，居民们互相提醒出门带伞。",
    "街道办的公众号每周推送一次办事指南，阅读量稳步上升。", "老师特别关注每一位学困生的进步。",
    "通过这次学习，我们对新课标有了更深的理解。", "协会本年度吸收了六名新会员，会员总数达到四十二人。",
    "阅览室订阅了二十种报刊，供居民免费阅读。", "食堂门口张贴了二维码，扫码即可查看每周菜谱。",
    "他把学习笔记整理成册，送给了下一届的同学。", "会上大家关注的焦点是校车的安全问题。",
    "The club subscribed to three magazines and shared them with every member.",
    "Parents can follow the school news on the notice board near the gate.",
]
# A short line ending in ！ or a closing quote reads like a slogan to the tail-block zone (see decide.py).
ENDINGS = ("。", "。", "！", "；", "。”")
PLAIN_ENDINGS = ("。", "；")


@st.composite
def sentence(draw: st.DrawFn, endings: tuple[str, ...] = ENDINGS) -> str:
    if draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(HARD_NEGATIVES))
    return draw(st.sampled_from(SUBJECTS)) + draw(st.sampled_from(PREDICATES)) + draw(st.sampled_from(endings))


@st.composite
def body_lines(draw: st.DrawFn, endings: tuple[str, ...] = ENDINGS) -> list[str]:
    """A clean document as lines: a title, then paragraphs of sentences, single blank lines between some."""
    lines = [draw(st.sampled_from(TITLES))]
    for _ in range(draw(st.integers(1, 12))):
        if draw(st.booleans()):
            lines.append("")
        lines.append("".join(draw(st.lists(sentence(endings), min_size=1, max_size=3))))
    return lines


@st.composite
def messy_join(draw: st.DrawFn, lines: list[str]) -> str:
    """Lines joined with mixed line endings, trailing spaces and extra blank lines (what normalization undoes)."""
    out = []
    for line in lines:
        out.append(line + draw(st.sampled_from(["", "", " ", "\u3000", "\t"])))
        out.append(draw(st.sampled_from(["\n", "\n", "\r\n", "\r", "\n\n\n"])))
    return "".join(out)
