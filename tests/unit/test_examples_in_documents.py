"""Every bundled rule's examples, the way users meet them: inside a document cleaned by ``Cleaner.clean``.

The loader (``check_pattern``) already runs each example against its own rule alone. Here each ``match`` example
stands where its scope lets it act — a head rule's at the top, a tail rule's at the bottom, a weak rule's in the
tail zone, any other in the middle of the body — and must go (its whole line, or for an inline rule a cut on its
line that leaves what its ``examples`` say); each ``keep`` example stands in the body and must stay whole, against
the whole rule set. The body paragraphs around them must always stay. One test per pattern file, so that the suite
does not grow by an item per example; the failure message names every rule and example that failed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleantext import Cleaner
from cleantext.evidence.patterns import Pattern, builtin_pattern_files, load_file
from cleantext.result import CleanResult

FILES = builtin_pattern_files()
ROOT = FILES[0].parents[1] if FILES else Path()

# Invented prose: long sentences that anchor the body and that no rule names. The examples in the body stand
# after PAD of them and before as many again, beyond the reach of the edge rules.
BODY = [
    "那年秋天，他在镇上的旧书店里找到一本缺了封面的小说，读到天黑才回家。",
    "母亲把晚饭热了两遍，一边听他讲书里的故事，一边笑着摇头说他又忘了时间。",
    "第二天早上下起了小雨，他撑着伞把书送回店里，老板却说那本书可以送给他。",
    "后来他每个周末都去那家书店，帮老板整理书架，也慢慢认识了镇上爱读书的人。",
    "有一位退休的老师常来借旧杂志，总是坐在窗边，一页一页看得很仔细。",
    "冬天店里冷，老板生了一个小炉子，几个人围着炉子喝茶，聊各自读过的书。",
    "过了几年，书店搬到了河对岸，招牌换了新的，可书架还是原来那几排。",
    "他考上大学离开小镇的那天，老板送了他一支钢笔，叮嘱他常写信回来。",
]
PAD = 6
TITLE = "第一章 旧书店"


def _document(before: list[str], after: list[str], *, middle: list[str] = ()) -> tuple[str, list[int]]:
    """``before`` + title + PAD paragraphs + ``middle`` lines (a paragraph after each) + PAD paragraphs +
    ``after``; and the 0-based indexes of the body paragraphs, which must never be removed."""
    lines = [*before, TITLE, *BODY[:PAD]]
    for k, extra in enumerate(middle):
        lines += [extra, BODY[PAD + k % (len(BODY) - PAD)]]
    lines += [*BODY[-PAD:], *after]
    return "\n".join(lines), [i for i, s in enumerate(lines) if s in BODY]


def _middle(k: int) -> int:
    """The 0-based line of the k-th middle line of a document with nothing before its title."""
    return 1 + PAD + 2 * k


def _removed_lines(result: CleanResult) -> dict[int, list[tuple[int, int, str]]]:
    """0-based line → the spans removed from it."""
    out: dict[int, list[tuple[int, int, str]]] = {}
    for r in result.removed:
        out.setdefault(r.line - 1, []).append((r.start, r.end, r.rule))
    return out


def _placement(p: Pattern, text: str) -> tuple[list[str], list[str], list[str], int]:
    """Where the example goes: (before, after, middle, its 0-based line in the document)."""
    if p.scope == "head":
        return [text], [], [], 0
    if p.scope == "tail" or (p.scope == "line" and not p.strong):
        n = len(_document([], [])[0].split("\n"))
        return [], [text], [], n
    return [], [], [text], _middle(0)


def _check_match(cleaner: Cleaner, p: Pattern, text: str, clean: str | None) -> str | None:
    """Why ``text`` (a positive example of ``p``) does not go in a document, or None when it does."""
    before, after, middle, at = _placement(p, text)
    doc, body = _document(before, after, middle=middle)
    result = cleaner.clean(doc)
    cut = _removed_lines(result)
    lost = [doc.split("\n")[i] for i in body if i in cut]
    if lost:
        return f"a body paragraph went with it: {lost[0]!r}"
    lines = result.normalized.split("\n")
    if len(lines) != len(doc.split("\n")):
        return "normalization changed the number of lines (cannot locate the example)"
    line = lines[at]
    spans = cut.get(at, [])
    whole = any(s == 0 and e == len(line) for s, e, _ in spans)
    if p.scope != "inline":
        if not whole:
            return f"its line stayed ({', '.join(r for _, _, r in spans) or 'nothing cut'})"
        return None
    if not spans:
        return "nothing was cut from its line"
    if clean is not None and not whole:
        left = line
        for s, e, _ in sorted(spans, reverse=True):
            left = left[:s] + left[e:]
        if left.strip() != clean.strip() and clean.strip() not in result.text.split("\n"):
            return f"left {left.strip()!r}, the rule's example says {clean.strip()!r}"
    return None


def _check_keeps(cleaner: Cleaner, patterns: list[Pattern]) -> list[str]:
    """The keep examples of a file, all in the body of one document: each must come out whole."""
    keeps = [(p, text) for p in patterns for text in p.keep if text.strip() and "\n" not in text]
    if not keeps:
        return []
    doc, body = _document([], [], middle=[text for _, text in keeps])
    result = cleaner.clean(doc)
    cut = _removed_lines(result)
    failures = []
    for k, (p, text) in enumerate(keeps):
        at = _middle(k)
        if at in cut:
            rules = ", ".join(sorted({r for _, _, r in cut[at]}))
            failures.append(f"{p.id} keep {text!r}: removed by {rules}")
    failures += [f"body paragraph {doc.split(chr(10))[i]!r} removed" for i in body if i in cut]
    return failures


# Files whose examples fail in a document today because of another rule of the set (found by this test, reported
# for the pattern owners). Strict: the test says so as soon as the file passes, so that its entry goes.
KNOWN: dict[str, str] = {}


def _param(path: Path) -> object:
    name = path.relative_to(ROOT).as_posix()
    marks = [pytest.mark.xfail(reason=KNOWN[name], strict=True)] if name in KNOWN else []
    return pytest.param(path, id=name, marks=marks)


@pytest.mark.parametrize("path", [_param(f) for f in FILES])
def test_examples_of_a_pattern_file_hold_in_documents(cleaner: Cleaner, path: Path) -> None:
    patterns = load_file(path, verify=False)  # the loader's own checks run in test_patterns.py
    failures: list[str] = []
    for p in patterns:
        positives = [(t, None) for t in p.match] + [(t, c) for t, c in p.examples if c.strip() != t.strip()]
        for i, (text, clean) in enumerate(positives):
            if "\n" in text:
                continue  # a multi-line example is no single line of a document
            why = _check_match(cleaner, p, text, clean)
            if why:
                failures.append(f"{p.id} ({p.scope}) example {i} {text!r}: {why}")
    failures += _check_keeps(cleaner, patterns)
    assert not failures, f"{len(failures)} example(s) of {path.name} fail in a document:\n  " + "\n  ".join(failures)
