"""A generated collection for the learn tests: invented reports wrapped by three invented distributors, with bodies
that share legitimate repeated lines (a standard heading after the title, a standard closing line, a standard
sentence, a body line about a QQ group). Every brand, number and sentence here is made up for these tests."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

PLACES = ["青石镇", "柳溪街道", "东坡区", "白沙县", "云岭乡", "南屏村", "北塘社区"]
KINDS = ["工作总结", "调研报告", "年度计划", "述职报告"]
SENTENCES = [
    "入夏以来，我们抓紧推进了各项重点任务。",
    "全年新建乡村道路十二公里，群众出行条件明显改善。",
    "社区卫生服务站延长了开放时间，周末也能正常就诊。",
    "我们组织志愿者走访独居老人，帮助他们解决生活难题。",
    "图书室新添图书八百册，借阅人次比去年增加四成。",
    "农业合作社引进新品种，亩产比往年提高了一成多。",
    "针对雨季内涝问题，我们疏通了三条排水沟渠。",
    "夜校开设了电脑和手机使用课程，报名十分踊跃。",
    "下一步，我们将继续完善制度，推动工作落到实处。",
    "部分项目进度偏慢，原因是前期论证不够充分。",
    "文化广场每月举办一次演出，丰富了居民的业余生活。",
    "我们建立了问题台账，每月通报一次整改进展。",
]
STANDARD_HEADING = "基本情况"             # every document, right after the title
ENUMERATED_HEADING = "一、主要做法"         # every document, further down
STANDARD_SENTENCE = "本单位始终坚持安全第一、预防为主的方针。"   # every document, in the middle
CLOSING = "以上报告，请予审议。"            # every document: the last body line
HARD_NEGATIVE = "初二年级建了一个家长QQ群，用来发布作业和放假通知。"
LEGIT = (STANDARD_HEADING, ENUMERATED_HEADING, STANDARD_SENTENCE, CLOSING, HARD_NEGATIVE)

B_NAMES = ["青禾书斋", "远山文库", "白鹭资料站", "松风文档"]
WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass
class Doc:
    """One generated document: its text, and which of its lines are boilerplate."""

    text: str
    boilerplate: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


def _qq(rng: random.Random) -> str:
    n = str(rng.randrange(10_000_000, 9_999_999_999))
    return n.translate(WIDE) if rng.random() < 0.3 else n


def make_doc(rng: random.Random, family: str, b_names: list[str] = B_NAMES, negative_at: int | None = None) -> Doc:
    """A report of 8–16 body lines; ``family`` is ``a`` (星河文稿), ``b`` (varying brand names), ``c`` (a WeChat
    footer) or ``none``. ``negative_at`` puts the QQ-group body line at that index of the body (else anywhere)."""
    title = f"{rng.choice(PLACES)}{rng.randrange(2015, 2025)}年{rng.choice(KINDS)}"
    middle = ["".join(rng.sample(SENTENCES, rng.randint(1, 2))) for _ in range(rng.randint(6, 12))]
    middle.insert(rng.randrange(1, len(middle)), STANDARD_SENTENCE)
    middle.insert(rng.randrange(2, len(middle)), ENUMERATED_HEADING)
    middle.insert(rng.randrange(1, len(middle)) if negative_at is None else negative_at, HARD_NEGATIVE)
    body = [title, STANDARD_HEADING, *middle, CLOSING]
    head: list[str] = []
    tail: list[str] = []
    inner = ""
    if family == "a":
        head = [f"星河文稿整理，完整版请联系QQ：{_qq(rng)}"]
        tail = ["更多精彩资料请关注星河文稿", "星河文稿"]
        inner = "★ 星河文稿内部资料 勿外传 ★"
    elif family == "b":
        head = [f"此文由{rng.choice(b_names)}收集提供，仅限个人参考"]
        tail = [f"下载更多范文请访问 www.fanwen{rng.randrange(10, 99)}.com"]
    elif family == "c":
        tail = ["—— 完 ——", "长按识别下方小程序码 订阅更新", f"添加客服微信 xh_{rng.randrange(10000, 99999)} 领取资料"]
    lines = head + body + tail
    boiler = head + tail
    if inner:
        for at in sorted(rng.sample(range(4, len(lines) - len(tail) - 1), 2), reverse=True):
            lines.insert(at, inner)
        boiler.append(inner)
    return Doc("\n".join(lines) + "\n", boiler, body)


def make_collection(n: int, seed: int = 7, negative_at: int | None = None) -> list[Doc]:
    """``n`` documents, families mixed: a 30 %, b 30 %, c 20 %, none 20 %."""
    rng = random.Random(seed)
    families = ["a"] * 3 + ["b"] * 3 + ["c"] * 2 + ["none"] * 2
    return [make_doc(rng, families[i % 10], negative_at=negative_at) for i in range(n)]
