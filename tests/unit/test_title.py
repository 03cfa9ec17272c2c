"""find_title: the document's own title from the first lines of the clean text, or None when it starts with prose."""

from __future__ import annotations

import pytest

from cleantext.extract import find_title


@pytest.mark.parametrize(("lines", "title"), [
    (["部编版三年级语文《秋天的雨》教学设计", "【教学目标】", "1. 认识生字。"], "部编版三年级语文《秋天的雨》教学设计"),
    (["国旗下讲话：珍惜时间，从今天开始", "老师们、同学们："], "国旗下讲话：珍惜时间，从今天开始"),
    (["# 星河文库年度报告", "作者 星河文库 2024-01-01", "正文第一段，讲的是一年的工作。"], "星河文库年度报告"),
    (["**关于秋季运动会的通知**", "各班：为丰富校园生活，学校决定举办秋季运动会。"], "关于秋季运动会的通知"),
    (["第一章 山雨欲来", "", "天色渐暗，城门口的行人越来越少。"], "第一章 山雨欲来"),
])
def test_a_heading_line_is_the_title(lines: list[str], title: str) -> None:
    assert find_title(lines) == title


def test_a_document_that_starts_with_prose_has_no_title() -> None:
    assert find_title(["今天天气很好，我们一起去公园散步。", "第二段。"]) is None
    assert find_title(["这是一段很长的文字" * 8]) is None
    assert find_title([]) is None and find_title(["", "   ", "———"]) is None


def test_front_matter_title_wins_over_the_first_heading() -> None:
    lines = ["---", "title: 星河笔记：蓝牙配对", "date: 2024-01-01", "---", "", "# 另一个标题", "正文。"]
    assert find_title(lines) == "星河笔记：蓝牙配对"


def test_front_matter_without_title_is_skipped() -> None:
    assert find_title(["---", "date: 2024-01-01", "---", "# 读书笔记", "正文。"]) == "读书笔记"


def test_a_long_markdown_h1_is_still_the_title() -> None:
    h1 = "星河扫描器：插件化的漏洞扫描工具，界面基于某框架。目前集成了十多种常见中间件的检测，还在持续更新中，欢迎试用"
    assert len(h1) > 50
    assert find_title([f"#  {h1}  ", "正文。"]) == h1


def test_a_markdown_sub_heading_first_means_no_title() -> None:
    assert find_title(["### 第一种方法：直接创建", "```java", "class A {}"]) is None


def test_book_name_line_gives_its_value_and_other_key_value_lines_are_passed_over() -> None:
    assert find_title(["书名：山海之间", "作者：某某", "简介：一个关于远行的故事，写得很长很长。"]) == "山海之间"
    lines = ["来源：星河文库", "作者：张三", "关于加强安全生产的通知", "各单位：……"]
    assert find_title(lines) == "关于加强安全生产的通知"


def test_a_tag_line_above_the_title_is_passed_over() -> None:
    lines = ["【星河文库】精品公文写作资料", "2024年上半年个人工作总结", "半年来，我在领导的关心下完成了各项工作。"]
    assert find_title(lines) == "2024年上半年个人工作总结"
    # ...but a tagged line with prose under it is the title itself
    tagged = ["【通知】秋季运动会安排", "各班：为丰富校园生活，学校决定举办秋季运动会。"]
    assert find_title(tagged) == "【通知】秋季运动会安排"


def test_a_lone_bracket_label_is_a_section_not_a_title() -> None:
    assert find_title(["【教学目标】", "1. 认识生字，会写十三个字。"]) is None


def test_a_contact_line_is_never_the_title() -> None:
    assert find_title(["客服V信：xinghe_2024（备注：会员）", "开通会员即可下载全站资料，欢迎咨询。"]) is None
    lines = ["qq：1234-5678（加我请注明来意）", "关于开展读书月活动的通知", "各班："]
    assert find_title(lines) == "关于开展读书月活动的通知"
    assert find_title(["关于QQ群管理的规定", "第一条 本规定适用于全体成员。"]) == "关于QQ群管理的规定"


def test_a_line_naming_a_distributor_is_a_brand_line() -> None:
    lines = ["星河文库·原创教案与范文", "八年级物理《浮力》第一课时教案", "一、教学目标"]
    assert find_title(lines) == "星河文库·原创教案与范文"  # without the names, it reads like a heading
    assert find_title(lines, distributors=["星河文库"]) == "八年级物理《浮力》第一课时教案"
    assert find_title(["星河文库·原创教案与范文"], distributors=["星河文库"]) is None


def test_a_banner_image_above_the_heading_is_no_title():
    lines = ["![](https://example.com/banner.gif)", "", "# 社区图书角一年记", "",
             "去年春天，我们在活动室里摆下了三个书架。"]
    assert find_title(lines) == "社区图书角一年记"


def test_html_tags_are_markup_not_a_title() -> None:
    badges = ['<div align="center">', '    <a href="https://example.com"> <img src="https://example.com/b.svg"></a>',
              "</div>", "", "# 星河笔记", "", "这里记录我每天读过的书和想过的事。"]
    assert find_title(badges) == "星河笔记"
    assert find_title(["<h1>社区图书角一年记</h1>", "去年春天，我们在活动室里摆下了三个书架。"]) == "社区图书角一年记"


def test_code_and_blog_export_labels_are_no_title() -> None:
    # A fenced block's "# comment" is code, not a heading; an export's "提交日期：…" and "博文内容：" are labels.
    assert find_title(["```python", "# 导入包", "import os", "```", "正文从这里开始，写得很长很长很长。"]) is None
    export = ["提交日期：Fri, 08 Jul 2022 12:12:00 GMT", "博文内容：", "# 星河构建入门", "## 1.1 简介", "正文。"]
    assert find_title(export) == "星河构建入门"
    # a translation's header table: its cells are labels and links, and the article starts with prose
    table = ["| 作者：林间客", "| https://example.com/post/1", "", "我之前去了一次大会，最初并没有过多的期待。"]
    assert find_title(table) is None
