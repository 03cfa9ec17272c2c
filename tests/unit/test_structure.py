"""Structure detector: link lists under a header, reprint blocks, calls to action. Every document is invented."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.evidence import Evidence, Strength
from cleantext.evidence.structure import MAX_CTA_CHARS, find_structure

NEGATIVES = Path(__file__).resolve().parents[2] / "patterns" / "negatives.toml"

# A saved Markdown article of the invented account 星河手记: a follow nag at the head, a body with its own headings,
# list, links and images, then a reprint block, a CTA and a 往期推荐 list in the tail.
ARTICLE = """\
#  一次数据库迁移的复盘
星河手记  2025-03-02 08:00

点击上方“**星河手记**”，选择“**设为星标**”

![](https://example.com/img/banner.gif)

## 一、背景

去年年底，我们决定把订单库从单机迁到集群，整个过程持续了六周，中间踩了不少坑，这里把经验整理出来。

迁移前我们列了一个清单：

- 备份全部数据
- 在测试环境演练两次
- 准备回滚脚本

![迁移架构图](https://example.com/img/arch.png)

详细的参数说明见 [官方文档](https://example.com/docs/migrate)。

## 二、结论

迁移本身并不难，难的是在不停机的前提下保证数据一致，这需要提前设计好双写和校验的流程。

作者：星河手记
链接：https://example.com/p/12345
来源：星河社区
著作权归作者所有。商业转载请联系作者获得授权，非商业转载请注明出处。

---

- **往期推荐**

[一次缓存雪崩的排查](https://example.com/p/1)

[索引为什么没有生效](https://example.com/p/2)

[从零搭建监控平台](https://example.com/p/3)

![](https://example.com/img/qrcode.png)

长按识别二维码，关注星河手记
"""


def _by_rule(evidence: list[Evidence]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for e in evidence:
        out.setdefault(e.rule, []).append(e.line)
    return out


def _lines(text: str) -> list[str]:
    return text.split("\n")


def test_article_blocks_are_found() -> None:
    lines = _lines(ARTICLE)
    found = _by_rule(find_structure(lines))
    at = {line: i for i, line in enumerate(lines)}
    assert found["structure.reprint-block"] == [at["作者：星河手记"], at["链接：https://example.com/p/12345"],
                                                at["来源：星河社区"], at[lines[at["来源：星河社区"] + 1]]]
    tail = found["structure.tail-links"]
    assert at["- **往期推荐**"] in tail
    for item in ("[一次缓存雪崩的排查](https://example.com/p/1)", "[从零搭建监控平台](https://example.com/p/3)",
                 "![](https://example.com/img/qrcode.png)"):
        assert at[item] in tail
    assert at["---"] in tail  # the rule above the header goes with it
    assert at["长按识别二维码，关注星河手记"] in tail  # a short title-like line at the end of the list
    assert found["structure.cta"] == [at["点击上方“**星河手记**”，选择“**设为星标**”"]]


def test_article_body_gets_no_evidence() -> None:
    lines = _lines(ARTICLE)
    named = {e.line for e in find_structure(lines)}
    body_end = lines.index("作者：星河手记")
    for i in range(2, body_end):
        line = lines[i]
        if i in named:
            assert "设为星标" in line, f"body line {i} named: {line}"


def test_strengths_and_categories() -> None:
    for e in find_structure(_lines(ARTICLE)):
        if e.rule == "structure.reprint-block":
            assert (e.strength, e.category, e.where) == (Strength.STRONG, "disclaimer", "any")
        elif e.rule == "structure.tail-links":
            assert (e.strength, e.category) == (Strength.WEAK, "nav")
            assert "往期推荐" in e.why
        else:
            assert e.rule == "structure.cta"
            assert (e.strength, e.category) == (Strength.WEAK, "social")
        assert e.whole


def test_one_record_per_line_sorted() -> None:
    found = find_structure(_lines(ARTICLE))
    lines = [e.line for e in found]
    assert lines == sorted(set(lines))


# --- reprint blocks -------------------------------------------------------------------------------------------------


def test_lone_byline_in_head_stays() -> None:
    doc = ["# 秋天的第一场雨", "作者：张三", "", "雨下了一整夜，早上推开窗，院子里的桂花落了一地，空气里全是甜味。"]
    assert find_structure(doc) == []


def test_author_and_source_without_link_or_rights_is_a_byline() -> None:
    doc = ["作者：李四", "来源：东湖晚报", "", "本报讯 昨日，东湖街道举办了第三届社区运动会，两千余名居民参加。"]
    assert find_structure(doc) == []


def test_poem_citation_is_not_a_reprint() -> None:
    doc = ["床前明月光，疑是地上霜。", "作者：李白", "出处：《静夜思》"]
    assert find_structure(doc) == []


def test_csdn_style_notice_with_rule_above() -> None:
    doc = [
        "最后重启服务，配置就生效了。",
        "————————————————",
        "",
        "版权声明：本文为博主「星河码农」的原创文章，遵循 CC 4.0 BY-SA 版权协议，转载请附上原文出处链接及本声明。",
        "原文链接：[https://example.com/p/42](https://example.com/p/42)",
    ]
    found = find_structure(doc)
    assert [e.line for e in found] == [1, 3, 4]
    assert all(e.rule == "structure.reprint-block" and e.strength is Strength.STRONG for e in found)


def test_source_label_with_address_on_next_line_in_a_code_block() -> None:
    doc = [
        "正文到这里结束，感谢阅读，欢迎在评论区交流你的看法和经验。",
        "",
        "文章来源：",
        "",
        "```",
        "本文为星河社区博主「小河」的原创文章",
        "https://example.com/p/77",
        "```",
        "",
        "下一篇我们聊聊日志系统，敬请期待后续更新的内容和更多案例。",
    ]
    found = find_structure(doc)
    assert [e.line for e in found] == [2, 4, 5, 6, 7]


def test_bracketed_source_after_copyright_line() -> None:
    doc = ["版权声明：本文为星河网编译，转载请注明出处。", "", "（来源：星河网）"]
    assert [e.line for e in find_structure(doc)] == [0, 2]


def test_reprint_block_in_the_middle_of_a_note_is_found() -> None:
    doc = [
        "## 缓存",
        "缓存能挡住大部分读请求，但要小心缓存穿透和雪崩。",
        "作者：小河",
        "链接：https://example.com/answer/1",
        "来源：星河问答",
        "著作权归作者所有。商业转载请联系作者获得授权，非商业转载请注明出处。",
        "下面是我自己的补充：过期时间最好加一个随机值，避免同时失效。",
    ]
    assert [e.line for e in find_structure(doc)] == [2, 3, 4, 5]


def test_quoted_block_with_traditional_source_label_and_site_prefix() -> None:
    doc = ["> 作者：小河", "> 链接：https://example.com/p/9", "> 來源：星河社区",
           "> 星河社区著作权归作者所有，任何形式的转载都请联系作者获得授权并注明出处。", "", "### 1、开始"]
    assert [e.line for e in find_structure(doc)] == [0, 1, 2, 3]


def test_reference_link_after_a_block_stays() -> None:
    doc = [
        "作者：小河",
        "链接：https://example.com/answer/1",
        "来源：星河问答",
        "著作权归作者所有。商业转载请联系作者获得授权，非商业转载请注明出处。",
        "",
        "> https://example.com/question/9",
    ]
    assert [e.line for e in find_structure(doc)] == [0, 1, 2, 3]


def test_lone_original_link_is_weak() -> None:
    doc = ["# 星河手记的一篇旧文", "", "> 来源：星河手记", "", "> 发布时间：2024-05-06", "",
           "> 原文链接：https://example.com/s?__biz=abc&mid=1&idx=1&sn=" + "0" * 200, "", "---"]
    found = find_structure(doc)
    assert [(e.line, e.rule, e.strength) for e in found] == [(6, "structure.reprint-line", Strength.WEAK)]


@pytest.mark.parametrize("line", ["版权声明：本文为博主原创文章，转载请注明出处。",
                                  "*版权声明：本文为博主原创文章，未经博主允许不得转载。*",
                                  "著作权归作者所有。商业转载请联系作者获得授权，非商业转载请注明出处。"])
def test_lone_rights_notice_is_weak(line: str) -> None:
    assert [(e.rule, e.strength) for e in find_structure([line])] == [("structure.reprint-line", Strength.WEAK)]


@pytest.mark.parametrize("line", ["著作权归作者所有，这是著作权法的基本原则，转载他人作品应当取得许可。",
                                  "版权声明：本书内容受法律保护。"])
def test_rights_sentence_without_reprint_terms_stays(line: str) -> None:
    assert find_structure([line]) == []


def test_bare_link_label_alone_is_not_a_reprint() -> None:
    # 链接：… alone is often the download link an article is about
    assert find_structure(["工具下载", "链接：https://example.com/download/tool.zip"]) == []


# --- tail links -----------------------------------------------------------------------------------------------------


def test_references_list_without_header_stays() -> None:
    doc = [
        "以上就是通道的全部用法，关闭通道之后再读取会得到零值，写入则会引发异常。",
        "",
        "[https://example.com/go/channels](https://example.com/go/channels)",
        "",
        "[https://example.org/blog/closing](https://example.org/blog/closing)",
    ]
    assert find_structure(doc) == []


@pytest.mark.parametrize("header", ["往期推荐", "▼ 往期精彩 ▼", "【推荐阅读】", "## 相关阅读", "**热门文章**",
                                    "- 精彩回顾", "往期推荐（点击标题阅读）", "历史文章：", "猜你喜欢 👇"])
def test_headers_take_the_list_under_them(header: str) -> None:
    doc = ["正文最后一段，说明了这次活动的意义，也感谢所有参与的朋友和志愿者们。", "", header, "",
           "- [第一篇](https://example.com/p/1)", "- [第二篇](https://example.com/p/2)"]
    found = find_structure(doc)
    assert [e.line for e in found] == [2, 4, 5]
    assert {e.rule for e in found} == {"structure.tail-links"}


@pytest.mark.parametrize(
    "doc",
    [
        ["`往期推荐：`", "", "[第一篇](https://example.com/p/1)", "", "[第二篇](https://example.com/p/2)"],
        ["> 往期推荐✨✨✨", "> - [第一篇](https://example.com/p/1)", "> - [第二篇](https://example.com/p/2)"],
        ["## 🏷️ 往期推荐", "", "缓存 👉[缓存穿透的三种解法](https://example.com/p/1)", "",
         "队列 👉[消息队列选型笔记](https://example.com/p/2)"],
    ],
)
def test_header_and_list_variants(doc: list[str]) -> None:
    found = find_structure(doc)
    assert [e.line for e in found] == [i for i, line in enumerate(doc) if line.strip()]
    assert {e.rule for e in found} == {"structure.tail-links"}


def test_long_text_beside_a_link_ends_the_list() -> None:
    doc = ["往期推荐", "[第一篇](https://example.com/p/1)",
           "这一篇讲的是另一件事情，和上面的链接有关系 [第二篇](https://example.com/p/2)"]
    assert [e.line for e in find_structure(doc)] == [0, 1]


def test_list_ends_at_prose() -> None:
    doc = ["往期推荐", "[第一篇](https://example.com/p/1)", "",
           "说到这里，还想补充一点：迁移之前一定要和业务方确认好停机窗口，不然很被动。"]
    assert [e.line for e in find_structure(doc)] == [0, 1]


def test_list_ends_at_a_heading() -> None:
    doc = ["往期推荐", "[第一篇](https://example.com/p/1)", "## 附录", "[第二篇](https://example.com/p/2)"]
    assert [e.line for e in find_structure(doc)] == [0, 1]


def test_first_title_saved_as_a_heading() -> None:
    doc = ["往期回顾", "# 一次签名校验的绕过", "#", "", "[第一篇](https://example.com/p/1)", "",
           "[第二篇](https://example.com/p/2)"]
    assert [e.line for e in find_structure(doc)] == [0, 1, 2, 4, 6]
    doc = ["往期回顾", "# 正文的一节", "", "这一节讲的是另外的内容，比较长，也没有任何链接，是文章自己的正文段落。"]
    assert find_structure(doc) == []


def test_cta_lead_ins() -> None:
    for line in ("更多精彩内容请扫码关注“星河手记”", "**不想错过任何消息？设置星标****↓ ↓ ↓**"):
        assert [e.rule for e in find_structure([line])] == ["structure.cta"], line


def test_header_alone_proposes_nothing() -> None:
    doc = ["正文。", "往期推荐", "", "这是一段很长的正文，讲的是另外一件事情，和上面的推荐没有关系。"]
    assert find_structure(doc) == []


def test_reading_list_of_a_lesson_plan_stays() -> None:
    # book titles under a generic 推荐阅读 are the lesson's own content; only the account's back catalogue
    # (往期…) may be a list of bare titles
    doc = ["【推荐阅读】", "《城南旧事》", "《草房子》", "《稻草人》"]
    assert find_structure(doc) == []
    doc[0] = "往期回顾"
    assert [e.line for e in find_structure(doc)] == [0, 1, 2, 3]


def test_header_word_inside_a_sentence_is_not_a_header() -> None:
    doc = ["老师在课上给我们推荐阅读了三本书，每本都很有意思。", "- [第一篇](https://example.com/p/1)"]
    assert find_structure(doc) == []


def test_very_long_short_line_run_is_not_a_list() -> None:
    doc = ["往期回顾"] + [f"“第{i}句对白”" for i in range(40)]
    assert find_structure(doc) == []


# --- calls to action ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "点击上方蓝字关注我们",
        "1.关注公众号",
        "扫码关注星河手记",
        "**扫描二维码，关注本号**",
        "长按识别二维码",
        "关注「星河手记」，获取更多干货",
        "欢迎关注我们的公众号",
        "设为星标，不错过每一篇",
        "关注公众号：星河手记",
        "扫码添加微信 xinghe2025 进群",
        "关注我们 ![](https://example.com/qr.png)",
        "点赞、在看、转发，一键三连支持一下吧",
        "关注和分享是对我最大的鼓励❤️",
        "分享、点赞、在看，一个都不能少",
    ],
)
def test_cta_lines(line: str) -> None:
    found = find_structure([line])
    assert [(e.rule, e.strength) for e in found] == [("structure.cta", Strength.WEAK)]


@pytest.mark.parametrize(
    "line",
    [
        "欢迎关注我们的开源项目",
        "欢迎关注我们的开源项目，有问题可以在仓库里提 issue。",
        "请广大群众关注“东湖街道发布”微信公众号，及时了解办事指南。",
        "扫描二维码即可在线预约挂号，减少了患者排队等候的时间。",
        "引导学生关注作者的情感变化。",
        "关注我们身边的小事，也是一种修养。",
        "他转发、收藏了这篇文章。",
        "他转发、收藏、点赞了这篇文章",
        "点赞和收藏功能已经上线",
        "扫码支付已经普及到了菜市场",
        "关注用户体验",
        "关注公众号的运营数据，每周复盘一次。",
        "这篇文章讲的是如何运营一个公众号，以及为什么要让读者愿意关注、转发和收藏你写的内容。",
    ],
)
def test_not_cta(line: str) -> None:
    assert find_structure([line]) == []


def test_cta_broken_over_lines() -> None:
    doc = ["#  一篇文章", "星河手记  2025-03-02", "", "点击上方", "蓝字", "关注我们 并设为", "星标", "## 0x00 前言",
           "", "正文第一段，讲的是这次测试的背景，以及为什么要做这件事情，内容比较长。"]
    found = find_structure(doc)
    assert [(e.line, e.rule) for e in found] == [(i, "structure.cta") for i in (3, 4, 5, 6)]


def test_download_gate_and_its_broken_off_end() -> None:
    doc = ["## 工具下载", "", "**回复关键字【250301****】获取**", "**下载链接**", "", "## 往期"]
    assert [(e.line, e.rule) for e in find_structure(doc)] == [(2, "structure.cta"), (3, "structure.cta")]


def test_a_plain_heading_below_a_cta_is_not_its_continuation() -> None:
    doc = ["扫码关注星河手记", "第一章 总则", "第一条 为了规范本单位的档案管理工作，根据有关规定，制定本办法。"]
    assert [e.line for e in find_structure(doc)] == [0]


def test_account_name_first_in_a_split_star_nag() -> None:
    doc = ["星河手记", "“**设为星标**", "”，", "不错过每一篇"]
    assert [e.line for e in find_structure(doc)] == [0, 1, 2, 3]


@pytest.mark.parametrize("call", ["长按二维码关注我们", "设为星标", "“关注我们”"])
def test_a_title_above_a_call_is_not_its_account_name(call: str) -> None:
    # A bare name goes with the call below it only when the call names no object (设为星标) and the piece below
    # the name was cut out of the same quoted or bold run (“**设为星标**): a title has neither sign.
    for title in ("青禾农场种植技术要点", "第一章出发", "序章"):
        assert [e.line for e in find_structure([title, call])] == [1], (title, call)


def test_a_bare_name_above_a_call_that_names_its_account_is_not_taken() -> None:
    assert [e.line for e in find_structure(["星河手记", "“**关注我们**", "”，"])] == [1, 2]


@pytest.mark.parametrize(
    ("below", "taken"), [("序章", False), ("一", False), ("12", False), ("哦～", True), ("👇", True)]
)
def test_a_short_line_below_a_split_call(below: str, taken: bool) -> None:
    # A piece of two characters at most is the call's broken-off end only without two letters or digits, and not a
    # section number: a chapter title below the call stays.
    doc = ["点击上方", "蓝字", "关注我们", below, "正文第一段，讲的是这次测试的背景，以及为什么要做这件事情。"]
    assert [e.line for e in find_structure(doc)] == ([0, 1, 2, 3] if taken else [0, 1, 2])


def test_reply_in_a_sentence_is_not_a_gate() -> None:
    assert find_structure(["在后台回复读者留言，是运营公众号的日常工作。"]) == []


def test_short_lines_of_a_poem_are_not_a_split_cta() -> None:
    doc = ["春风吹过", "山那边", "有人在等", "我回家", "", "月光照着", "旧屋檐"]
    assert find_structure(doc) == []


def test_cta_length_bound() -> None:
    line = "关注公众号：星河手记" + "，" + "内容" * MAX_CTA_CHARS
    assert find_structure([line]) == []


# --- documents of other kinds ---------------------------------------------------------------------------------------


def test_list_items_in_the_body_stay() -> None:
    doc = [
        "# 安装指南",
        "",
        "1. 下载安装包",
        "2. 解压到任意目录",
        "3. 运行 `setup.sh`",
        "",
        "- 支持 Linux",
        "- 支持 macOS",
        "",
        "更多说明见 [文档](https://example.com/docs)。",
    ]
    assert find_structure(doc) == []


def test_plain_novel_text_has_no_evidence() -> None:
    doc = ["第一章 雨夜", "", "雨下得很大。", "“走吧。”他说。", "她没有回头，只是轻轻地点了点头。"] * 50
    assert find_structure(doc) == []


def test_empty_and_blank_input() -> None:
    assert find_structure([]) == []
    assert find_structure(["", "   ", "\t"]) == []


def _negatives() -> list[str]:
    data = tomllib.loads(NEGATIVES.read_text(encoding="utf-8"))
    out = list(data.get("keep", []))
    for value in data.values():
        if isinstance(value, dict):
            out += value.get("keep", [])
    return out


def test_shared_negatives_get_no_evidence() -> None:
    """No hard negative gets any evidence: the shared-negative test puts each as the last line of a document, where
    even weak evidence would take it."""
    for line in _negatives():
        assert find_structure([line]) == [], line
    assert len(tomllib.loads(NEGATIVES.read_text(encoding="utf-8"))["structure"]["keep"]) >= 20


# --- properties -----------------------------------------------------------------------------------------------------

_PIECES = st.sampled_from(["往期推荐", "作者：小河", "链接：https://example.com/p/1", "来源：星河社区",
                           "著作权归作者所有。", "[第一篇](https://example.com/p/1)", "![](https://example.com/q.png)",
                           "关注我们", "点击上方", "蓝字", "**", "”，", "## 小结", "```", "---", "",
                           "正文第一段，讲的是今年的工作。"])
_DOCS = st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(doc=_DOCS)
def test_evidence_is_well_formed(doc: list[str]) -> None:
    found = find_structure(doc)
    assert [e.line for e in found] == sorted({e.line for e in found})
    for e in found:
        assert 0 <= e.line < len(doc) and doc[e.line].strip()
        assert e.whole and e.rule.startswith("structure.")
        assert e.strength is Strength.WEAK or e.rule == "structure.reprint-block"


def test_large_document_is_fast() -> None:
    import time

    doc = (ARTICLE.split("\n") + ["[" * 300 + "星河", "*" * 500, "关注" * 100, "往期推荐"] +
           ["他说：“明天见。”", "", "夜色很深，风也很大，街上几乎没有行人，只有几盏路灯还亮着。"] * 30) * 40
    start = time.perf_counter()
    find_structure(doc)
    assert time.perf_counter() - start < 2.0, len(doc)


def test_the_cheap_signs_never_hide_a_label_or_a_header() -> None:
    """``_reprint_label`` and ``_header_word`` skip lines without their signs: wherever the full regexes match, the
    signs must be there (so skipping changes nothing)."""
    import random

    from cleantext.evidence import structure as sd

    pieces = ["作者：", "来源:", "文/", "原文链接：", "https://example.com/p/1", "版权声明：",
              "著作权归星河文库所有", "商业转载请联系作者", "本文为博主星河的原创文章", "转自星河文库，侵删",
              "往期", "推荐", "精彩回顾", "相关阅读", "猜你喜欢", "Related posts", "YOU MAY ALSO \u212aIKE",
              "you may al\u017fo like", "★", "（", "）", "【", "】", "点击标题阅读", "星河", "文库", " ", "|", "：",
              "所有", "原创"]
    rng = random.Random(3)
    labels = headers = 0
    for _ in range(4000):
        seen = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
        text = sd._unbracket(seen)
        if sd._RIGHTS.match(text) or sd._LINK_LABEL.match(text) or sd._WHO.match(text):
            labels += 1
            assert any(sign in seen for sign in sd._LABEL_SIGNS), seen
        bare = sd._DECOR.sub("", seen)
        hint = sd._HINT.match(bare)
        if sd._HEADER.fullmatch(bare) or (hint and sd._HEADER.fullmatch(sd._DECOR.sub("", hint["head"]))):
            headers += 1
            assert sd._HEADER_SIGNS.search(seen), seen
    assert labels > 100 and headers > 20, (labels, headers)


def test_an_institutions_own_account_at_an_edge_is_a_notice_not_a_nag() -> None:
    from cleantext import clean

    body = ("今年以来，星河社区坚持以居民需求为导向，扎实推进老旧小区改造和志愿服务等重点工作。\n"
            "志愿者们每周六上午在活动中心集合，分组走访独居老人，帮他们打扫卫生、代购药品。\n")
    notice = "请大家关注学校公众号，及时了解放假安排。"
    nag = "关注星河文库公众号，及时了解最新资讯！"
    for doc in (notice + "\n" + body, "# 通知\n\n" + body + notice):
        assert notice in clean(doc).text
    for doc in (nag + "\n" + body, "# 通知\n\n" + body + nag):
        assert nag not in clean(doc).text


def test_two_sentences_about_works_whose_rights_an_author_holds_are_not_a_reprint_notice() -> None:
    # found by the long idempotence run: with a watermark between them they stayed, side by side they were a
    # "reprint block" of two rights lines and the whole document went
    from cleantext import clean

    sentence = "版权归作者所有的作品，图书馆依法提供借阅。"
    doc = f"{sentence}\n{sentence}"
    assert clean(doc).text == doc
    first = clean(f"{sentence}\n仅供学习 禁止外传\n{sentence}")
    assert first.text == doc and clean(first.text).text == first.text
    notice = ["版权归星河文库所有", "作者：星河", "原文链接：https://example-novel.com/a/1"]
    assert {e.line for e in find_structure(notice)} == {0, 1, 2}


def test_a_title_under_a_call_and_its_broken_off_end_stays() -> None:
    # found by the long injected-boilerplate run: ”， left open by punctuation alone does not carry the next line
    lines = ["关注“星河手记”", "”，", "青禾农场种植技术要点", "班主任建立了家长QQ群，每天在群里发布作业和通知。"]
    assert {e.line for e in find_structure(lines) if e.rule == "structure.cta"} == {0, 1}
    words_left_open = ["点击上方“星河手记”，", "选择", "设为星标", "第一章 出发"]
    assert {e.line for e in find_structure(words_left_open) if e.rule == "structure.cta"} == {0, 1, 2}


def test_a_bare_name_over_a_one_piece_star_nag_is_not_taken() -> None:
    # name + call and nothing after it: the name may as well be a title (the run going on, ”，, is the sign)
    assert [e.line for e in find_structure(["星河手记", "“**设为星标**"])] == [1]
    assert [e.line for e in find_structure(["星河手记", "“**设为星标**", "”，"])] == [0, 1, 2]


def test_a_colon_carries_only_the_usual_end_of_a_nag() -> None:
    # 分享到： / 关注我们： leave a label open, not a sentence: what follows may be anything, a title included; the
    # second half of a nag (每天进步一点点) still goes with the call
    def cta(lines: list[str]) -> set[int]:
        return {e.line for e in find_structure(lines) if e.rule == "structure.cta"}

    body = "班主任建立了家长QQ群，每天在群里发布作业和通知。"
    assert cta(["“蓝色字”关注我们", "分享到：", "青禾农场种植技术要点", body]) == {0, 1}
    assert cta(["“蓝色字”关注我们", "分享到：", "每天进步一点点", body]) == {0, 1, 2}


def test_lines_a_removed_line_kept_apart_are_read_side_by_side() -> None:
    from cleantext.evidence.structure import find_structure_across

    lines = ["。关注公号", "邮箱/手机:", "，", "班主任建立了家长QQ群，每天在群里发布作业和通知。"]
    assert find_structure(lines) == []  # the label breaks the call off from its end
    assert [(e.line, e.rule) for e in find_structure_across(lines, {1})] == [(0, "structure.cta"),
                                                                              (2, "structure.cta")]
    # nothing is asked where no removed line lies between two fragments (a long line below, or the end)
    assert find_structure_across(lines, {2}) == []
    assert find_structure_across(lines[:2], {1}) == []
