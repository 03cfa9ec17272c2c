"""datatrove in local mode: the step cleans Document.text as cleantext.clean does and keeps the audit in metadata."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datatrove", reason="datatrove is not installed (pip install 'cleantext-zh[datatrove]')")

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor

import cleantext
from cleantext.integrations.datatrove import CleantextFormatter

from .conftest import NOTE, PLAIN, REPORT

TEXTS = {"report": REPORT, "note": NOTE, "plain": PLAIN, "empty": "", "broken": None}
# "broken": a reader that gives no text (None): cleantext.clean raises TypeError for it


def documents() -> list[Document]:
    return [Document(text=text, id=name, metadata={"source": "invented"}) for name, text in TEXTS.items()]


def run_local(step: CleantextFormatter, tmp_path: Path, tasks: int = 2) -> list[Document]:
    """The step in a LocalPipelineExecutor: ``tasks`` ranks, each reading its share of the documents."""
    out: list[Document] = []

    def read(data: Any, rank: int = 0, world_size: int = 1) -> Any:
        yield from documents()[rank::world_size]

    def collect(data: Any, rank: int = 0, world_size: int = 1) -> Any:
        for doc in data:
            out.append(doc)
            yield doc

    executor = LocalPipelineExecutor(pipeline=[read, step, collect], tasks=tasks, workers=1,
                                     logging_dir=str(tmp_path / "logs"))
    executor.run()
    return sorted(out, key=lambda d: list(TEXTS).index(d.id))


def test_local_pipeline_cleans_text_and_keeps_the_audit(tmp_path: Path) -> None:
    docs = run_local(CleantextFormatter(), tmp_path)
    assert [d.id for d in docs] == list(TEXTS)
    for doc in docs[:-1]:
        result = cleantext.clean(TEXTS[doc.id])
        meta = doc.metadata["cleantext"]
        assert doc.text == result.text
        assert doc.metadata["source"] == "invented"  # the document's own metadata is kept
        assert meta["title"] == result.metadata.title
        assert meta["contacts"] == result.metadata.to_dict()["contacts"]
        assert meta["removed"] == len(result.removed) == sum(meta["categories"].values()) == sum(meta["rules"].values())
        assert "removals" not in meta
    report = docs[0].metadata["cleantext"]
    assert report["contacts"]["qq"] == ["31415926"] and report["distributors"] == ["星河文稿"]
    assert report["removed"] >= 2 and docs[0].text.startswith("春季运动会工作总结")
    assert docs[2].text == PLAIN and docs[2].metadata["cleantext"]["removed"] == 0


def test_audit_keeps_every_removal_and_stats_are_counted(tmp_path: Path) -> None:
    step = CleantextFormatter(audit=True)
    docs = run_local(step, tmp_path, tasks=1)
    removals = docs[1].metadata["cleantext"]["removals"]
    assert [r["text"] for r in removals] == [r.text for r in cleantext.clean(NOTE).removed]
    assert {"rule", "category", "line", "start", "end", "why"} <= set(removals[0])
    stats = (tmp_path / "logs" / "stats" / "00000.json").read_text(encoding="utf-8")
    assert "cleantext_removed" in stats and "cleantext_changed" in stats


def test_a_document_that_cannot_be_cleaned_is_kept_or_dropped(tmp_path: Path) -> None:
    kept = run_local(CleantextFormatter(), tmp_path / "keep")
    broken = next(d for d in kept if d.id == "broken")
    assert broken.text is None  # unchanged
    assert broken.metadata["cleantext"] == {
        "error": "TypeError: cleantext cleans bytes or str, not NoneType",
        "error_detail": {"type": "TypeError", "message": "cleantext cleans bytes or str, not NoneType"}}
    dropped = run_local(CleantextFormatter(on_error="drop"), tmp_path / "drop")
    assert [d.id for d in dropped] == [n for n in TEXTS if n != "broken"]
    assert '"cleantext_error"' in (tmp_path / "drop" / "logs" / "stats" / "00000.json").read_text(encoding="utf-8") \
        or '"cleantext_error"' in (tmp_path / "drop" / "logs" / "stats" / "00001.json").read_text(encoding="utf-8")


def test_the_step_is_small_to_pickle_and_checks_its_options() -> None:
    step = CleantextFormatter(zones=False)
    assert len(pickle.dumps(step)) < 5000  # the config travels, not a compiled Cleaner
    assert pickle.loads(pickle.dumps(step)).config == step.config
    with pytest.raises(ValueError, match="on_error"):
        CleantextFormatter(on_error="skip")  # type: ignore[arg-type]
    assert step.format(NOTE) == cleantext.clean(NOTE, zones=False).text
