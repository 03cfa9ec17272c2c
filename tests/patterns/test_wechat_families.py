"""Whole documents through the bundled set: a saved 公众号 article in Markdown and copied blog notes, all invented.

The per-rule examples are tested one by one in ``tests/test_patterns.py``; here the families meet each other, the
zones and the body they surround: every body line must come out unchanged, every chrome line must go with a rule
of the family written for it.
"""

from __future__ import annotations

import pytest

from cleantext import Cleaner

ARTICLE_BODY = [
    "# 小号怎样做出第一篇十万加",
    "青柠手记   2026-01-12 08:30",
    "很多小号的打开率不到百分之三，运营者开始琢磨标题和推送时间。",
    "我们统计了一百个账号的数据，发现星标用户的比例和打开率关系最大。",
    "平台规定，不得以奖励为条件诱导用户关注公众号或者分享文章。",
    "所以我们没有做抽奖，只是把每篇文章写得更扎实。",
    "## 结论",
    "转载他人作品应当取得著作权人的许可，我们的每一篇引用都注明了出处。",
]

DISCLAIMER = ("免责声明：由于传播、利用本公众号青柠手记所提供的信息而造成的任何直接或者间接的后果及损失，"
              "均由使用者本人负责。")
ARTICLE_CHROME = {
    "> 原文链接: https://mp.weixin.qq.com/s/AbCdEf0123456789": ("site.", "credit."),
    "点击上方": "social.",
    "蓝字": "social.",
    "关注我们 并设为": "social.",
    "星标": "social.",
    DISCLAIMER: "disclaimer.",
    "**往期精彩**": "nav.",
    "[小号的第一次涨粉](https://mp.weixin.qq.com/s?__biz=MzAbCd==&mid=2247400001&idx=1&sn=ab12&scene=21)": "nav.",
    "喜欢就关注我们吧~": "social.",
    "*本文抓取时间: 2026-01-13 09:10:11*": "site.",
}


def _article() -> str:
    head = ["> 原文链接: https://mp.weixin.qq.com/s/AbCdEf0123456789", "", ARTICLE_BODY[0], ARTICLE_BODY[1], "",
            "点击上方", "蓝字", "关注我们 并设为", "星标", "",
            DISCLAIMER, ""]
    body = [line for b in ARTICLE_BODY[2:] for line in (b, "")]
    tail = ["**往期精彩**",
            "[小号的第一次涨粉](https://mp.weixin.qq.com/s?__biz=MzAbCd==&mid=2247400001&idx=1&sn=ab12&scene=21)", "",
            "喜欢就关注我们吧~", "", "*本文抓取时间: 2026-01-13 09:10:11*"]
    return "\n".join(head + body + tail) + "\n"


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def test_saved_article_keeps_its_body_and_loses_its_chrome(cleaner: Cleaner) -> None:
    result = cleaner.clean(_article())
    out = result.text.splitlines()
    for line in ARTICLE_BODY:
        assert line in out, line
    by_text = {r.text.strip(): r.rule for r in result.removed}
    for line, prefix in ARTICLE_CHROME.items():
        assert line not in out, line
        assert by_text.get(line, "").startswith(prefix), (line, by_text.get(line))


def test_saved_article_names_its_account(cleaner: Cleaner) -> None:
    assert "青柠手记" in cleaner.clean(_article()).metadata.contacts.get("gongzhonghao", [])


NOTE_BODY = [
    "# Go 的通道什么时候会阻塞",
    "作者：林小舟",
    "无缓冲的通道在发送方和接收方都准备好之前，双方都会阻塞。",
    "有缓冲的通道只有在缓冲区满了以后，发送才会阻塞。",
    "下面的例子演示了这两种情况，代码可以直接运行。",
    "关闭一个已经关闭的通道会引发 panic，这一点要特别注意。",
    "这个项目遵循 CC 4.0 BY-SA 协议发布，我们在下文解释它对商业使用意味着什么，以及如何正确署名。",
]

NOTE_NOTICE = [
    "作者：星河小舟",
    "链接：https://www.example-qa.com/question/12345678/answer/87654321",
    "来源：知乎",
    "著作权归作者所有。商业转载请联系作者获得授权，非商业转载请注明出处。",
    "版权声明：本文为博主原创文章，遵循 CC 4.0 BY-SA 版权协议，转载请附上原文出处链接和本声明。",
    "原文链接：https://blog.example-dev.net/someone/article/details/11223344",
]


def test_reprint_notice_goes_and_the_byline_under_the_title_stays(cleaner: Cleaner) -> None:
    text = "\n".join(NOTE_BODY[:2] + [""] + [line for b in NOTE_BODY[2:] for line in (b, "")] + NOTE_NOTICE) + "\n"
    result = cleaner.clean(text)
    out = result.text.splitlines()
    for line in NOTE_BODY:
        assert line in out, line
    for line in NOTE_NOTICE:
        assert line not in out, line


@pytest.mark.parametrize("line", [
    "他把重要的邮件都设为星标，这样每天早上一眼就能看到。",
    "读者在后台回复“报名”之后，会收到一份活动须知和集合地点。",
    "我们的团队欢迎加入的新成员尽快熟悉业务流程，导师会全程指导。",
    "文章来源于一次真实的采访，人物的名字做了处理。",
])
def test_sentences_that_look_like_chrome_stay_in_the_tail(cleaner: Cleaner, line: str) -> None:
    # The tail is where most of these rules look; a sentence there is still a sentence.
    text = "\n".join([NOTE_BODY[0], "", NOTE_BODY[2], "", NOTE_BODY[3], "", line]) + "\n"
    assert line in cleaner.clean(text).text.splitlines()
