"""The repetition detector holds no copy of a large document: its peak is a fraction of the text it reads, and
its exact counts survive hash collisions (issue 13 point 7)."""

from __future__ import annotations

import random
import tracemalloc
from collections import Counter

from cleantext.evidence import repetition
from cleantext.evidence.repetition import find_repetition

WHO = ["老周", "小林", "阿青", "船夫", "掌柜的", "那个孩子", "巡夜的兵", "师父", "客人", "姑娘"]
DID = ["沿着河岸慢慢走了很久", "推开门看了看外面的雨", "把信折好放进了怀里", "在灯下数着剩下的铜钱",
       "望着远处的山一言不发", "收起长剑转身离去", "想起了十年前的那个冬天", "把最后一碗粥递给了客人"]
TAG = "本书由星河文库首发，请勿转载！"


def novel(size: int, seed: int = 3) -> list[str]:
    """About ``size`` UTF-8 bytes of lines: prose, a site tag glued to one line in twenty, a footer line, blanks."""
    rng = random.Random(seed)
    lines: list[str] = []
    n = 0
    while n < size:
        line = "".join(rng.choice(WHO) + rng.choice(DID) + f"，第{rng.randint(1, 99999)}次。" for _ in range(2))
        roll = rng.random()
        line = line + TAG if roll < 0.05 else "星河文库 www.example-novel.com 手机阅读" if roll < 0.06 else line
        lines.append(line)
        if rng.random() < 0.3:
            lines.append("")
        n += len(line.encode("utf-8")) + 1
    return lines


def test_the_peak_is_a_fraction_of_the_document() -> None:
    lines = novel(2_000_000)
    size = sum(len(line.encode("utf-8")) + 1 for line in lines)
    tracemalloc.start()
    try:
        found = find_repetition(lines)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Measured 0.38 × (it was 5.35 ×: per-line dicts, a copy of every line without its final punctuation, the
    # joined text). Still the document's evidence: the tag and the footer line are found.
    assert peak < 1.0 * size, f"peak {peak / size:.2f} × the document"
    rules = Counter(e.rule for e in found)
    assert rules["repeat.suffix"] > 100 and rules["repeat.line"] > 20


class Colliding(str):
    """A string whose hash is one of two values: every candidate collides with half of the others."""

    def __hash__(self) -> int:
        return len(self) % 2


def test_counts_are_exact_whatever_the_hashes() -> None:
    rng = random.Random(5)
    words = [Colliding(rng.choice(WHO) * rng.randint(1, 3)) for _ in range(3000)]
    expected = Counter({w: c for w, c in Counter(words).items() if c >= 5})
    assert repetition._frequent(lambda: iter(words), len(words), 5) == expected
    plain = [str(w) for w in words]
    assert repetition._frequent(lambda: iter(plain), len(plain), 5) == Counter(
        {w: c for w, c in Counter(plain).items() if c >= 5})


def test_marked_lines_and_counts_do_not_depend_on_the_chunk_size(monkeypatch) -> None:
    lines = novel(300_000)
    before = find_repetition(lines)
    monkeypatch.setattr(repetition, "_CHUNK", 7)
    after = find_repetition(lines)
    assert [(e.line, e.rule, e.span, e.why) for e in after] == [(e.line, e.rule, e.span, e.why) for e in before]
    assert before


def rejected_tag_novel(n: int, seed: int = 5) -> list[str]:
    """Lines of which one in eight is a one-sentence line + a tag: those recur word for word and go as whole
    lines, so the tag at the end of the two-sentence lines is outnumbered by its occurrences and rejected; each
    "sentence + tag" ending shared by five of those (after 。, ！ or …: a branch point) is then a group of its own,
    whose tag is counted."""
    rng = random.Random(seed)
    lines = []
    for k in range(n):
        one, two = (rng.choice(WHO) + rng.choice(DID) for _ in range(2))
        roll = rng.random()
        if roll < 0.12:
            lines.append(f"{one}。★星河无弹窗★")
        elif roll < 0.22:
            lines.append(f"{two}{rng.choice('。！…')}{one}。★星河无弹窗★")
        elif roll < 0.25:  # endings no whole line has: a tag is accepted among them
            lines.append(f"{two}{rng.choice('。！…')}{rng.choice(WHO)}{one}。★星河无弹窗★")
        else:
            lines.append(f"他在第{k}天{one}。")
    return lines


def test_each_count_reads_only_the_lines_that_can_hold_the_tag(monkeypatch) -> None:
    lines = rejected_tag_novel(12_000)
    counted: list[tuple[str, int]] = []
    read = [0]
    count, raw_chunks = repetition._Doc.count, repetition._Doc._raw_chunks

    def counting(self, tag: str) -> int:
        counted.append((tag, count(self, tag)))
        return counted[-1][1]

    def reading(self, known):
        for first, chunk in raw_chunks(self, known):
            read[0] += len(chunk)
            yield first, chunk

    searched: list[int] = []  # lines looked at for the lines of each accepted tag
    cores = repetition._Edges.cores

    def searching(self, taken, holding=(), among=None):
        if holding and len(tuple(holding)) == 1:
            searched.append(len(self.doc.index if among is None else among))
        return cores(self, taken, holding, among)

    monkeypatch.setattr(repetition._Doc, "count", counting)
    monkeypatch.setattr(repetition._Doc, "_raw_chunks", reading)
    monkeypatch.setattr(repetition._Edges, "cores", searching)
    found = find_repetition(lines)
    # The lines of each accepted tag are looked for among the lines that hold it, not in the whole document.
    assert searched and all(n < len(lines) / 4 for n in searched)
    assert sum(1 for e in found if e.rule == "repeat.suffix") >= 5 * len(searched)
    # The case this is about: the tag was counted first, then many "sentence + tag" endings of its lines.
    assert counted[0][0] == "★星河无弹窗★" and len(counted) >= 20
    assert all(tag.endswith("★星河无弹窗★") for tag, _ in counted)
    # Each count is the one over every stripped line, although only the first reads the whole document: the
    # others read the lines that hold the first tag (before: len(counted) × len(lines)).
    for tag, n in counted:
        assert n == sum(line.strip().count(tag) for line in lines), tag
    holding = sum(1 for line in lines if "★星河无弹窗★" in line)
    assert holding < len(lines) / 4
    assert read[0] <= len(lines) + (len(counted) - 1) * holding, f"{read[0]} lines read by {len(counted)} counts"


def test_a_count_is_exact_after_any_other_count() -> None:
    lines = [f"  {w}说道：“{d}。”星河文库 " if k % 3 else f"{w}{d}，星河文库首发。" for k, (w, d) in
             enumerate((w, d) for w in WHO for d in DID for _ in range(3))] + [""] * 5
    rng = random.Random(9)
    tags = ["星河文库", "文库", "星河文库首发", "首发。", "。”星河文库 ", " 文库", "”星河文库", "说道：“", "库首"]
    for _ in range(30):
        doc = repetition._profile(lines)
        assert doc is not None
        for tag in rng.sample(tags, len(tags)):  # in any order, each count the one over every stripped line
            assert doc.count(tag) == sum(line.strip().count(tag) for line in lines), tag
