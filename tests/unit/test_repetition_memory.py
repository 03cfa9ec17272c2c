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
