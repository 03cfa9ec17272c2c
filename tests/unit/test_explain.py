"""explain(): what each row says, and that the report costs one split of the text however many removals."""

from __future__ import annotations

from cleantext.explain import render_explanation
from cleantext.result import CleanResult, Metadata, Removal


class CountingText(str):
    """A str that counts its splits: the report must not split the text once per removal."""

    splits = 0

    def split(self, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        CountingText.splits += 1
        return super().split(*args, **kwargs)


def _result(normalized: str, removed: list[Removal], text: str = "") -> CleanResult:
    return CleanResult(text, Metadata("标题", "utf-8", 0.99, lines_in=normalized.count("\n") + 1), tuple(removed),
                       normalized)


def test_rows_mark_removed_cut_and_kept_lines_with_the_rule() -> None:
    normalized = "标题\n本书由星河文库整理\n正文（广告）。\n\n结尾。"
    report = render_explanation(_result(normalized, [Removal("credit.by", "credit", 2, 0, 9, "本书由星河文库整理"),
                                                     Removal("ad.paren", "ad", 3, 2, 6, "（广告）")]))
    rows = report.split("\n")
    assert rows[0] == "1 + 标题"
    assert rows[1] == "2 - 本书由星河文库整理  ← credit.by [credit]"
    assert rows[2] == "3 ~ 正文（广告）。  ad.paren [ad] cut '（广告）'"
    assert rows[3] == "4"
    assert rows[4] == "5 + 结尾。"
    assert "lines:        5 in, 0 out, 2 removals" in rows


def test_a_cut_that_starts_the_line_but_leaves_some_of_it_is_no_whole_line_removal() -> None:
    report = render_explanation(_result("星河文库正文。", [Removal("brand.x", "brand", 1, 0, 4, "星河文库")]))
    assert report.split("\n")[0] == "1 ~ 星河文库正文。  brand.x [brand] cut '星河文库'"


def test_color_paints_removed_rows_red() -> None:
    report = render_explanation(_result("广告\n正文。", [Removal("ad.x", "ad", 1, 0, 2, "广告")]), color=True)
    assert report.split("\n")[0].startswith("\x1b[31m1 - 广告\x1b[0m")


def test_four_thousand_removals_split_the_text_once() -> None:
    n = 4000
    lines = [f"广告{k:05d}" for k in range(n)] + ["正文。"]
    normalized = CountingText("\n".join(lines))
    removed = [Removal("ad.x", "ad", k + 1, 0, len(lines[k]), lines[k]) for k in range(n)]
    CountingText.splits = 0
    report = render_explanation(_result(normalized, removed, "正文。"))
    assert CountingText.splits == 1
    assert report.count(" - 广告") == n
    assert f"{n} removals" in report
