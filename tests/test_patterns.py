"""The bundled pattern set: sound by the loader's own checks, and the shared hard negatives against the whole set.

Each rule's examples are checked by ``cleantext.evidence.patterns.check_pattern`` (also run by the loader and by
``cleantext patterns check``): every match example matches (and holds a keyword), every ``examples`` pair gives its
clean text, no keep example is hit. ``tests/unit/test_examples_in_documents.py`` then runs them all through
``Cleaner.clean`` in documents.
"""

from __future__ import annotations

import pytest

from cleantext.evidence.patterns import builtin_pattern_files, collect_patterns, load_file, load_negatives

BUNDLED = [p for f in builtin_pattern_files() for p in load_file(f, verify=False)]


def test_bundled_set_is_sound():
    assert len(BUNDLED) >= 5
    assert len({p.id for p in BUNDLED}) == len(BUNDLED)
    _, problems = collect_patterns(builtin_pattern_files(), verify=True)
    assert problems == [], "\n".join(f"{path}: {pid}: {why}" for path, pid, why in problems)


@pytest.mark.parametrize("line", load_negatives(), ids=lambda s: s[:12])
def test_shared_negative_survives_whole_set(cleaner, line):
    # As a body line between two paragraphs, and as the last line of a document.
    doc = (f"年度工作总结\n今年各项工作稳步推进，群众满意度持续提升。\n{line}\n"
           "下一步我们将继续努力，推动工作再上新台阶。")
    assert line in cleaner.clean(doc).text.splitlines()
    tail = f"年度工作总结\n今年各项工作稳步推进，群众满意度持续提升。\n{line}"
    assert line in cleaner.clean(tail).text.splitlines()
