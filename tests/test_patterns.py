"""Every example of every bundled pattern is a test of its own, plus the shared hard negatives against the whole
set. The checks themselves live in ``cleantext.evidence.patterns.check_pattern`` (also used by ``cleantext patterns check``)."""

from __future__ import annotations

import pytest

from cleantext.evidence.patterns import apply_inline, builtin_pattern_files, check_pattern, load_file, load_negatives, shadow_of

BUNDLED = [p for f in builtin_pattern_files() for p in load_file(f)]


def _cases():
    for p in BUNDLED:
        for i, text in enumerate(p.match):
            yield pytest.param(p, "match", text, None, id=f"{p.id}:match[{i}]")
        for i, (text, clean) in enumerate(p.examples):
            yield pytest.param(p, "example", text, clean, id=f"{p.id}:example[{i}]")
        for i, text in enumerate(p.keep):
            yield pytest.param(p, "keep", text, None, id=f"{p.id}:keep[{i}]")


@pytest.mark.parametrize(("pattern", "kind", "text", "clean"), list(_cases()))
def test_pattern_example(pattern, kind, text, clean):
    if kind in ("match", "example"):
        seen = shadow_of(text) if pattern.shadow else text.lower()
        assert any(k.lower() in seen for k in pattern.keywords), "no keyword: the prefilter would hide it"
    if kind == "match":
        hit = pattern.spans(text) if pattern.scope == "inline" else pattern.matches_line(text)
        assert hit, f"{pattern.id} does not remove its own match example"
    elif kind == "example":
        got = apply_inline(pattern, text) if pattern.scope == "inline" else ("" if pattern.matches_line(text) else text)
        assert got == clean
    else:
        hit = pattern.spans(text) if pattern.scope == "inline" else pattern.matches_line(text)
        assert not hit, f"{pattern.id} would remove a keep example"


def test_bundled_set_is_sound():
    assert len(BUNDLED) >= 5
    assert len({p.id for p in BUNDLED}) == len(BUNDLED)
    for p in BUNDLED:
        assert check_pattern(p) == [], p.id


@pytest.mark.parametrize("line", load_negatives(), ids=lambda s: s[:12])
def test_shared_negative_survives_whole_set(cleaner, line):
    # As a body line between two paragraphs, and as the last line of a document.
    doc = (f"年度工作总结\n今年各项工作稳步推进，群众满意度持续提升。\n{line}\n"
           "下一步我们将继续努力，推动工作再上新台阶。")
    assert line in cleaner.clean(doc).text.splitlines()
    tail = f"年度工作总结\n今年各项工作稳步推进，群众满意度持续提升。\n{line}"
    assert line in cleaner.clean(tail).text.splitlines()


BODY = "第一段正文，内容完整，讲的是今年的工作。\n"


def test_every_keep_example_survives_whole_set(cleaner):
    for p in BUNDLED:
        for line in p.keep:
            # In the middle of a document long enough that head and tail rules do not reach it.
            doc = "标题\n" + BODY * 16 + f"{line}\n" + BODY * 16
            out = cleaner.clean(doc).text
            if p.scope != "inline":
                assert line.strip() in out.splitlines(), (p.id, line)
