"""Repetition inside one document: a site's tags and footers go, the novel's own repetitions stay.

Every document here is generated from invented sentences: a seeded generator builds chapters of paragraphs of two to
four sentences, with dialogue lines and chapter titles, so that the text repeats the way a novel does (words,
endings, dialogue) and never the way a site does.
"""

from __future__ import annotations

import random
from array import array
from collections import Counter

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import clean
from cleantext.evidence.repetition import _SITE_MARKER, _SITE_WORDS, MIN_LINES, _marked, find_repetition

WHO = ["林舟", "沈青禾", "老掌柜", "那个少年", "她", "他", "船夫", "白衣女子", "守城的兵士", "小师妹", "顾先生", "众人"]
SENTENCES = [
    "{w}推开木门，冷风裹着雪粒扑面而来。", "远处的钟声一下一下地敲着，{w}数到第七下便停住了脚步。",
    "{w}把油灯拨亮了些，屋里的影子跟着晃了晃。", "河面上起了薄雾，对岸的灯火若隐若现。",
    "{w}低头看着掌心那道旧疤，半晌没有说话。", "街角的面摊还亮着灯，锅里的汤咕嘟咕嘟地冒着热气。",
    "这一夜格外漫长，{w}翻来覆去睡不着。", "山路越走越窄，两旁的松树遮住了大半个天空。",
    "{w}忽然想起多年前的那个黄昏，心口一阵发紧。", "风从窗缝里钻进来，吹得书页哗哗作响。", "{w}笑了起来。",
    "{w}沉默了很久，终于开口问出了那句话。", "雨下了整整三天，镇上的石板路泛着青光。",
    "城门外排着长长的队伍，挑担的、赶车的、抱孩子的都有。", "{w}把信折好，塞进了贴身的衣袋里。",
    "院子里那株老梅开得正好，香气一直飘到巷口。", "{w}听见身后有脚步声，却没有回头。",
    "茶凉了又续，续了又凉，谁也没有起身的意思。", "天边泛起鱼肚白的时候，{w}已经走出了二十里。",
    "那扇窗后面，曾经住着一个爱唱歌的姑娘。", "{w}握紧了剑柄，指节微微发白。",
    "渡口的船只剩下一条，船头挂着一盏破灯笼。", "集市上人声鼎沸，吆喝声此起彼伏。",
    "{w}站在桥上，看着河水慢慢向东流去。", "屋檐下的冰凌一根根垂下来，像一排透明的牙齿。",
    "{w}把剩下的半块饼掰开，分给了身边的孩子。", "鼓声从山那边传来，沉闷而急促。",
    "{w}的脸色一下子变了，手里的茶碗差点落地。", "墙上挂着一幅发黄的山水画，落款已经看不清了。",
    "{w}在心里默默地算着日子，离约定只剩五天。", "{w}转过身，慢慢走进了夜色里。", "炉火渐渐暗了下去，只剩几点红光。",
    "{w}记得那天的阳光很好，照得人睁不开眼。", "马蹄声由远及近，尘土在官道上扬起老高。",
    "{w}轻轻叹了口气，把话咽了回去。", "药铺的伙计打着哈欠，慢吞吞地卸下门板。",
    "{w}数了数袋里的铜板，刚够买两个馒头。", "井边的青苔又厚了一层，踩上去滑溜溜的。",
    "{w}望着那封信，迟迟不敢拆开。", "远山如黛，近水含烟，这景色让人一时忘了赶路。",
    "{w}的声音不大，却让满屋子的人都安静了下来。", "巷子深处传来几声狗叫，很快又没了动静。",
    "{w}将斗笠压低了些，混进了进城的人群。", "灯花爆了一下，{w}回过神来。",
    "庙里的香火早就断了，只剩半截残碑立在草丛中。", "{w}不知道这条路通向哪里，却还是一步步走了下去。",
    "窗外的芭蕉叶被雨打得噼啪作响。", "{w}端起酒碗一饮而尽，辣得直皱眉头。", "晚霞烧红了半边天，归鸟一群群掠过树梢。",
    "{w}蹲下身，拾起地上那枚生锈的铜钱。", "客栈的楼梯年久失修，一踩就吱呀作响。",
    "{w}的心跳得厉害，仿佛要从胸口蹦出来。", "{w}点了点头，没有再问。", "雪停了，院子里白茫茫的一片，连脚印都没有。",
    "{w}把那支旧笛子擦了又擦，终究没有吹响。", "北风卷着枯叶，在空荡荡的街上打着旋儿。",
    "{w}想了想，还是把那句话说出了口。", "城头的旗帜被风扯得猎猎作响。", "{w}醒来的时候，天已经大亮了。",
    "一只灰猫从墙头跳下，悄无声息地消失在柴堆后面。",
]
SENTENCES += ["{w}低声说：“天快亮了，我们该走了。”", "{w}回头喊道：“别等我，先过河去！”"]
DIALOGUE = ["“嗯。”", "“是。”", "“走吧。”", "“你来了。”", "“……”"]


def novel(chapters: int = 200, seed: int = 7, book: str | None = None) -> list[list[str]]:
    """Chapters of lines: a title, then paragraphs of two to four sentences, with short dialogue between them."""
    rng = random.Random(seed)
    out = []
    for n in range(1, chapters + 1):
        lines = [book] if book else []
        lines.append(f"第{n}章 {rng.choice(WHO)}的{rng.choice(['夜路', '旧信', '雪', '渡口', '归期'])}")
        for _ in range(rng.randint(8, 14)):
            if rng.random() < 0.2:
                lines.append(rng.choice(DIALOGUE))
                continue
            k = rng.randint(2, 4)
            lines.append("".join(s.format(w=rng.choice(WHO)) for s in rng.sample(SENTENCES, k)))
        out.append(lines)
    return out


def join(chapters: list[list[str]]) -> list[str]:
    return [line for ch in chapters for line in (*ch, "")][:-1]


def glue_to_chapter_ends(chapters: list[list[str]], tag: str) -> tuple[list[str], set[int]]:
    """The lines with ``tag`` glued to the last line of every chapter, and the indexes of those lines."""
    lines, tagged = [], set()
    for ch in chapters:
        for j, line in enumerate(ch):
            if j == len(ch) - 1:
                tagged.add(len(lines))
                line += tag
            lines.append(line)
        lines.append("")
    return lines[:-1], tagged


def cut_texts(lines: list[str], evidence) -> Counter:
    return Counter(lines[e.line] if e.span is None else lines[e.line][e.span[0]:e.span[1]] for e in evidence)


def sentences_of(text: str) -> Counter:
    return Counter(s for s in text.replace("。", "。\n").replace("”", "”\n").split("\n") if s.strip())


TAG = "本书由星河文库首发，请勿转载！"


def test_a_tag_glued_to_every_chapter_end_goes_and_no_sentence_is_lost():
    chapters = novel()
    lines, tagged = glue_to_chapter_ends(chapters, TAG)
    ev = find_repetition(lines)
    assert {e.line for e in ev} == tagged
    assert all(e.rule == "repeat.suffix" and e.category == "site" for e in ev)
    assert cut_texts(lines, ev) == Counter({TAG: 200})
    plain = "\n".join(join(chapters))
    assert clean("\n".join(lines), bundled=False).text == plain
    # With the bundled rules too (they know "…请勿转载" lines and may take a “……” glued before the tag whole):
    # no tag is left and every line that has words is kept.
    out = clean("\n".join(lines)).text
    assert TAG not in out and "星河文库" not in out
    kept = Counter(out.split("\n"))
    assert all(kept[line] >= c for line, c in Counter(plain.split("\n")).items() if regex.search(r"\w", line))


def test_the_same_novel_without_a_tag_yields_nothing():
    lines = join(novel())
    assert find_repetition(lines) == []
    text = "\n".join(lines)
    assert clean(text, bundled=False).text == text


@pytest.mark.parametrize("tag", ["(www.example-novel.com)", "【云舟书阁 m.yunzhou-example.cn】",
                                 "手机用户请访问云舟书阁阅读最新章节", "本書由雲舟書閣首發，請勿轉載！"])
def test_other_glued_tags_go_and_the_sentence_keeps_its_full_stop(tag):
    chapters = novel(seed=3)
    lines, tagged = glue_to_chapter_ends(chapters, tag)
    ev = find_repetition(lines)
    assert {e.line for e in ev} == tagged
    assert cut_texts(lines, ev) == Counter({tag: 200})
    out = clean("\n".join(lines), bundled=False).text
    assert out == "\n".join(join(chapters))


def test_a_foreign_title_spliced_before_the_full_stop_is_cut_and_the_stop_stays():
    # A site splices another book's title between the prose and the final punctuation of most paragraphs.
    chapters = novel(seed=11)
    rng = random.Random(5)
    lines, spliced = [], set()
    for line in join(chapters):
        if line.endswith("。") and not line.startswith("“") and rng.random() < 0.7:
            spliced.add(len(lines))
            line = line[:-1] + "沧澜纪元" + "。"
        elif line.endswith("”") and len(line) > 40:
            spliced.add(len(lines))
            line += "沧澜纪元。"  # after a closing quote the site adds a 。 of its own; it stays (…”。)
        lines.append(line)
    ev = find_repetition(lines)
    assert {e.line for e in ev} == spliced
    assert cut_texts(lines, ev) == Counter({"沧澜纪元": len(spliced)})
    want = [line + "。" if i in spliced and line.endswith("”") else line for i, line in enumerate(join(chapters))]
    assert clean("\n".join(lines), bundled=False).text == "\n".join(want)


def test_a_footer_line_after_every_chapter_goes_whole():
    footer = "如遇章节错乱或显示不全，请刷新页面或更换浏览器后在线阅读本站最新章节。"
    chapters = [[*ch, footer] for ch in novel(seed=5)]
    lines = join(chapters)
    ev = find_repetition(lines)
    assert {lines[e.line] for e in ev} == {footer}
    assert len(ev) == 200 and all(e.rule == "repeat.line" and e.span is None for e in ev)
    out = clean("\n".join(lines), bundled=False).text.split("\n")
    assert footer not in out
    assert [line for line in out if line] == [line for line in join(novel(seed=5)) if line]


def test_a_link_to_each_chapter_page_goes_when_the_site_repeats_its_name():
    reminder = "请记住本站域名：www.example-novel.com"
    chapters = [[*ch, f"(https://www.example-novel.com/book/{4000 + n}.html)", reminder]
                for n, ch in enumerate(novel(seed=8))]
    lines = join(chapters)
    ev = find_repetition(lines)
    assert len(ev) == 400 and all(lines[e.line].startswith(("(https://www.example-novel.com/", "请记住")) for e in ev)


def test_a_list_of_links_that_vary_in_their_numbers_stays():
    # References to the issues of one project, spread through a long text: no repeated line names the site.
    chapters = [[*ch, f"https://tracker.example.org/issues/{100 + 7 * n}"] for n, ch in enumerate(novel(seed=8))]
    assert find_repetition(join(chapters)) == []


def test_a_tag_at_the_start_of_lines_is_cut_as_a_prefix():
    chapters = novel(seed=9)
    lines = join(chapters)
    rng = random.Random(2)
    marked = {i for i, line in enumerate(lines) if len(line) > 30 and rng.random() < 0.1}
    tagged = [("【云舟书阁首发】" + line) if i in marked else line for i, line in enumerate(lines)]
    ev = find_repetition(tagged)
    assert {e.line for e in ev} == marked
    assert all(e.rule == "repeat.prefix" for e in ev)
    assert cut_texts(tagged, ev) == Counter({"【云舟书阁首发】": len(marked)})



HOSTS = ["blog.example.org", "notes.example.net", "example.com/news", "docs.example.dev", "www.example.io",
         "example.org/people", "cdn.example.net/img", "example.edu"]


@pytest.mark.parametrize("written", ["{url}", "    {url}", "![]({url})", '<a href="{url}">{who}</a>',
                                     "[{who}]({url})", "来源：{url}"])
def test_lines_of_links_to_many_sites_keep_their_scheme_and_markup(written):
    # A weekly digest: each item's link on a line of its own, written alike, to a different site each time. They
    # share "https://" (or "![](https://", '<a href="https://') at their start: that is how a link is written.
    rng = random.Random(5)
    chapters = novel(seed=3, chapters=60)
    for n, ch in enumerate(chapters):
        url = f"https://{rng.choice(HOSTS)}/{rng.choice(['post', 'item', 'a'])}-{n * 37 % 1000}"
        ch.insert(3, written.format(url=url, who=rng.choice(WHO)))
    lines = join(chapters)
    assert find_repetition(lines) == []
    out = clean("\n".join(lines), bundled=False)
    assert [line for line in out.text.split("\n") if "example" in line] == [line for line in lines if "example" in line]


def test_a_prefix_tag_that_holds_a_whole_address_is_still_cut():
    chapters = novel(seed=9)
    lines = join(chapters)
    rng = random.Random(4)
    marked = {i for i, line in enumerate(lines) if len(line) > 30 and rng.random() < 0.1}
    tag = "【https://www.example-novel.com】"
    tagged = [(tag + line) if i in marked else line for i, line in enumerate(lines)]
    ev = find_repetition(tagged)
    assert {e.line for e in ev} == marked and cut_texts(tagged, ev) == Counter({tag: len(marked)})

def test_a_site_address_glued_to_chapter_titles_is_cut_and_the_title_stays():
    chapters = novel(seed=4)
    for ch in chapters:
        ch[0] += "(www.example-novel.com)"
    lines = join(chapters)
    ev = find_repetition(lines)
    assert len(ev) == 200 and cut_texts(lines, ev) == Counter({"(www.example-novel.com)": 200})
    out = clean("\n".join(lines), bundled=False).text.split("\n")
    assert "第12章" in " ".join(out) and not any("example-novel" in line for line in out)


def test_repeated_dialogue_titles_and_a_book_title_above_each_chapter_stay():
    # The book's title repeated above each chapter, 200 chapter titles, hundreds of “嗯。”: the novel's own.
    lines = join(novel(book="雪落长河"))
    counts = Counter(lines)
    assert counts["雪落长河"] == 200 and counts["“嗯。”"] > 50
    assert find_repetition(lines) == []


def test_common_endings_of_prose_are_never_cut():
    # Each of five endings closes a fifth of the lines: common, but no foreign string on a large share.
    rng = random.Random(1)
    endings = ["笑了起来。", "的时候。", "说道：", "点了点头。", "走了出去。"]
    lines = []
    for _ in range(600):
        body = "".join(s.format(w=rng.choice(WHO)) for s in rng.sample(SENTENCES, 2))
        lines.append(body[:-1] + "，" + rng.choice(WHO) + rng.choice(endings))
    assert find_repetition(lines) == []


def test_an_ending_on_most_lines_that_is_also_a_word_of_the_text_stays():
    # Half the lines end with 笑了起来 and 说道, but the text also uses them inside its sentences.
    rng = random.Random(4)
    lines = []
    for _ in range(600):
        body = "".join(s.format(w=rng.choice(WHO)) for s in rng.sample(SENTENCES, 2))
        if rng.random() < 0.5:
            lines.append(rng.choice(WHO) + "笑了起来，" + body)
        else:
            lines.append(body[:-1] + "，" + rng.choice(WHO) + rng.choice(["笑了起来。", "又笑了起来。"]))
    assert find_repetition(lines) == []


def test_lines_that_end_alike_without_prose_around_are_no_splice():
    # A patrol log: every entry ends with the same words; cutting them would leave only dates.
    lines = [f"2024年{m}月{d}日 巡查，未发现异常。" for m in range(1, 13) for d in range(1, 29)]
    assert find_repetition(lines) == []


def test_markup_lines_and_list_markers_stay():
    lines = []
    for n, ch in enumerate(novel(chapters=60, seed=6)):
        lines += ["---", "**", "```", *ch, "```", f"- 第{n}节 完", "* * *", ""]
    assert find_repetition(lines) == []


@pytest.mark.parametrize("lines", [[], [""], ["标题", "本书由星河文库首发，请勿转载！", "正文。"]])
def test_a_short_document_yields_nothing(lines):
    assert find_repetition(lines) == []


def test_below_the_length_floor_even_a_real_tag_yields_nothing():
    chapters = novel(chapters=8, seed=2)
    lines, _ = glue_to_chapter_ends(chapters, TAG)
    assert sum(1 for line in lines if line.strip()) < MIN_LINES
    assert find_repetition(lines) == []


def test_a_tag_in_few_chapters_is_not_enough():
    chapters = novel(seed=12)
    lines, _ = glue_to_chapter_ends(chapters[:4], TAG)
    lines += ["", *join(chapters[4:])]
    assert find_repetition(lines) == []


def test_a_tag_only_near_the_start_is_not_spread():
    chapters = novel(seed=13)
    head, _ = glue_to_chapter_ends(chapters[:30], TAG)
    lines = [*head, "", *join(chapters[30:])]
    assert find_repetition(lines) == []


def test_a_duplicated_body_is_not_furniture():
    # The same long sentence in every chapter because the whole text is there twice: no unmarked evidence.
    chapters = novel(chapters=100, seed=14)
    refrain = "他说过的话，她记了一辈子，到老都没有忘记那天河边的风。"
    lines = join([[*ch, refrain] for ch in chapters])
    assert find_repetition([*lines, "", *lines]) == []


def test_an_unmarked_refrain_glued_after_sentences_stays():
    # No marker and not spliced into the sentence: an author's refrain looks just like it, so it is left alone.
    nag = "喜欢这部作品的朋友请多多投票支持作者继续创作更多精彩内容"
    lines, _ = glue_to_chapter_ends(novel(seed=15), nag)
    assert find_repetition(lines) == []


def test_a_sentence_line_repeated_through_the_document_goes():
    # A long sentence line, word for word, after every chapter: no prose says the same thing 200 times.
    notice = "各位读者朋友，今天的更新到这里就结束了，我们明天同一时间再见。"
    lines = join([[*ch, notice] for ch in novel(seed=16)])
    ev = find_repetition(lines)
    assert {lines[e.line] for e in ev} == {notice} and len(ev) == 200


def test_sentences_survive_cleaning_with_every_kind_of_tag():
    chapters = novel(seed=21)
    lines, _ = glue_to_chapter_ends(chapters, "(www.example-novel.com)")
    lines = [line[:-1] + "沧澜纪元。" if line.endswith("。") and len(line) > 40 and i % 2 == 0 else line
             for i, line in enumerate(lines)]
    out = clean("\n".join(lines), bundled=False).text
    assert "example-novel" not in out and "沧澜纪元" not in out
    want = sentences_of("\n".join(join(chapters)))
    got = sentences_of(out)
    assert all(got[s] >= c for s, c in want.items())


def test_cleaning_is_idempotent_and_the_audit_replays_with_repetition_evidence():
    from cleantext.audit import replay

    chapters = [[*ch, "如遇章节错乱请刷新页面，本站最新章节在线阅读。"] for ch in novel(seed=22)]
    lines, _ = glue_to_chapter_ends(chapters, "(www.example-novel.com)")
    lines = [line[:-1] + "沧澜纪元。" if line.endswith("。") and i % 2 == 0 else line for i, line in enumerate(lines)]
    first = clean("\n".join(lines), bundled=False)
    assert {r.rule for r in first.removed} == {"repeat.line", "repeat.suffix"}
    assert replay(first.normalized, first.removed) == first.text
    assert clean(first.text, bundled=False).text == first.text


# The marked lines are found by a scan for addresses and a pair scan for the site words' possible starts; they must
# be the lines where the whole marker matches. The alphabet holds every character the words are written with, the
# optional 请 before 记住, words that overlap (小书网: 小 can start 小说网, 书网 starts after it), letters with case
# (the Kelvin sign folds to k) and the pieces of addresses.
_MARKER_ALPHABET = [
    *sorted({c for c in _SITE_WORDS if ord(c) > 0x7F}), *"ackmnotw.:/-",
    " ", "。", "\u3000", "\u212a", "www.", "wap.", "https://", ".com", ".net", "ex", "在线阅读", "小书网", "手机版"]


def _marked_by_whole_marker(lines: list[str]) -> frozenset[int]:
    return frozenset(i for i, line in enumerate(lines) if _SITE_MARKER.search(line.strip()))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_MARKER_ALPHABET), max_size=14).map("".join), min_size=1, max_size=12))
def test_marked_lines_are_where_the_whole_marker_matches(lines: list[str]) -> None:
    index = array("q", (i for i, line in enumerate(lines) if line and not line.isspace()))
    assert _marked(lines, index) == _marked_by_whole_marker(lines) & frozenset(index)


def test_marked_lines_of_a_novel_with_site_tags() -> None:
    lines = ["第一章 雪夜", "小书网的人说她来了。", "他记住了那条路。", "请记住本站域名", "正文在这里。",
             "访问 www.example.com 即可", "EXAMPLE.NET 首发", "天才一秒记住", "没有什么特别的。"] * 3
    index = array("q", range(len(lines)))
    marked = _marked(lines, index)
    assert marked == _marked_by_whole_marker(lines)
    assert {lines[i] for i in marked} == {"小书网的人说她来了。", "他记住了那条路。", "请记住本站域名",
                                          "访问 www.example.com 即可", "EXAMPLE.NET 首发", "天才一秒记住"}
