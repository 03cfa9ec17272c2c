"""zone.same-site takes a short line that only gives the site's address, never sentences that name it (found by
the mutation tests of issue 16: a body line with the site's tag inside went whole)."""

from __future__ import annotations

import pytest

from cleantext import clean
from cleantext.audit import replay

BODY = "他把信折好，放进抽屉里，然后关上了灯。窗外的雨一直没有停。"
CREDIT = "本书由星河文库首发 www.example-novel.com"


@pytest.mark.parametrize("line", ["正文很好看。www.example-novel.com 下一句。",
                                  "正文很好看。【星河文库首发 www.example-novel.com】下一句。"])
def test_sentences_around_the_sites_address_stay(line: str) -> None:
    result = clean("\n".join([CREDIT, BODY, line, BODY]))
    kept = result.text.split("\n")
    assert any("正文很好看。" in k and "下一句。" in k for k in kept)
    assert replay(result.normalized, result.removed) == result.text


def test_a_line_that_only_gives_the_sites_address_still_goes() -> None:
    result = clean("\n".join([CREDIT, BODY, BODY, "网址：www.example-novel.com"]))
    assert {r.text: r.rule for r in result.removed}["网址：www.example-novel.com"] == "zone.same-site"


@pytest.mark.parametrize("title", ["第十三卷 灯火阑珊 第41章 明天", "第41章 归期", "第五回 雪"])
def test_a_short_chapter_title_with_the_site_glued_keeps_its_words(title: str) -> None:
    # A title of one or two words leaves little besides the address: it is still the chapter's title.
    result = clean("\n".join([CREDIT, BODY, f"{title}(www.example-novel.com)", BODY, BODY]))
    assert title in result.text.split("\n")
    assert replay(result.normalized, result.removed) == result.text
