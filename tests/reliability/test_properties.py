"""Property tests: whatever goes in, cleantext raises only its own errors, its audit rebuilds the output, cleaning
is idempotent, a clean body passes unchanged, and injected boilerplate goes while the body stays.

No input is skipped: a property that fails is a bug to fix, not an input to assume away.
"""

from __future__ import annotations

import json
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from cleantext import Cleaner, CleantextError
from cleantext.audit import collapse_blank_lines, replay
from cleantext.text.decode import decode
from cleantext.text.normalize import normalize_text

from .strategies import PLAIN_ENDINGS, WHOLE_LINE_EXAMPLES, any_bytes, body_lines, dirty_text, messy_join

CLEANERS = {n: Cleaner(max_blank_lines=n) for n in (0, 1, 2)}
CLEANER = CLEANERS[1]


@given(data=any_bytes)
def test_arbitrary_bytes_raise_only_cleantext_errors(data: bytes, generated: Counter[str]) -> None:
    generated["bytes: only CleantextError"] += 1
    try:
        result = CLEANER.clean(data)
    except CleantextError as err:
        assert str(err).strip(), "an error must say what went wrong"
    else:
        assert isinstance(result.text, str)
        assert result.metadata.lines_out == (result.text.count("\n") + 1 if result.text else 0)
        json.dumps(result.to_dict(), ensure_ascii=True)


@given(text=dirty_text)
def test_arbitrary_text_raises_only_cleantext_errors(text: str, generated: Counter[str]) -> None:
    generated["text: only CleantextError"] += 1
    try:
        result = CLEANER.clean(text)
    except CleantextError as err:
        assert str(err).strip()
    else:
        assert result.metadata.encoding == "unicode"
        assert result.explain()


@given(text=dirty_text | body_lines().map("\n".join), max_blank=st.sampled_from([0, 1, 2]))
def test_audit_replays_to_the_clean_text(text: str, max_blank: int, generated: Counter[str]) -> None:
    generated["audit replays"] += 1
    cleaner = CLEANERS[max_blank]
    result = cleaner.clean(text)
    assert result.normalized == normalize_text(decode(text)[0], max_blank).text
    lines = result.normalized.split("\n")
    for r in result.removed:
        assert r.text == lines[r.line - 1][r.start : r.end]
    assert replay(result.normalized, result.removed, max_blank) == result.text
    # The JSON form of the audit replays just as well.
    as_json = json.loads(json.dumps(result.to_dict()["removed"]))
    assert replay(result.normalized, as_json, max_blank) == result.text


@given(text=dirty_text)
def test_cleaning_is_idempotent(text: str, generated: Counter[str]) -> None:
    generated["idempotent"] += 1
    first = CLEANER.clean(text)
    second = CLEANER.clean(first.text)
    assert second.text == first.text


@given(lines=body_lines(), data=st.data())
def test_clean_body_comes_out_as_its_normalized_input(lines: list[str], data: st.DataObject,
                                                       generated: Counter[str]) -> None:
    generated["clean body unchanged"] += 1
    doc = data.draw(messy_join(lines))
    result = CLEANER.clean(doc)
    assert result.removed == ()
    assert result.text == normalize_text(doc).text
    assert [line for line in result.text.split("\n") if line] == [line for line in lines if line]


@st.composite
def injected(draw: st.DrawFn) -> tuple[list[str], set[int]]:
    """A clean body with bundled boilerplate lines put in: head-scope ones before the title (within the head
    window), tail-scope ones after the last paragraph, line-scope ones anywhere. Returns the normalized lines and
    the indexes of the injected ones. Body sentences end with 。 or ；: a short line ending otherwise may read as
    a slogan to the tail-block zone, which is its documented job."""
    tagged = [(line, False) for line in draw(body_lines(PLAIN_ENDINGS))]
    for line in draw(st.lists(st.sampled_from(WHOLE_LINE_EXAMPLES["line"]), max_size=6)):
        tagged.insert(draw(st.integers(0, len(tagged))), (line, True))
    heads = draw(st.lists(st.sampled_from(WHOLE_LINE_EXAMPLES["head"]), max_size=3))
    tails = draw(st.lists(st.sampled_from(WHOLE_LINE_EXAMPLES["tail"]), max_size=4))
    tagged = [(h, True) for h in heads] + tagged + [(t, True) for t in tails]
    lines = [normalize_text(line).text for line, _ in tagged]
    return lines, {i for i, (_, boilerplate) in enumerate(tagged) if boilerplate}


@given(case=injected())
def test_injected_boilerplate_is_removed_and_body_kept(case: tuple[list[str], set[int]],
                                                       generated: Counter[str]) -> None:
    generated["injected boilerplate removed"] += 1
    lines, boilerplate = case
    doc = "\n".join(lines)
    result = CLEANER.clean(doc)
    assert result.normalized == doc
    assert {r.line - 1 for r in result.removed} == boilerplate
    assert all(r.start == 0 and r.end == len(lines[r.line - 1]) for r in result.removed)
    assert result.text == collapse_blank_lines("\n".join(l for i, l in enumerate(lines) if i not in boilerplate))
