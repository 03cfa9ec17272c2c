"""The batch report: the audit file, the aggregation and its bounds, the page's content and escaping."""

from __future__ import annotations

import io
import json
import random
import time
from pathlib import Path
from typing import Any

from cleantext.report import build_report, read_audit, records_for_manifest, write_audit_record
from cleantext.report.highlight import line_segments, view_lines
from cleantext.report.summary import summarize


def test_audit_file_round_trip_skips_a_torn_line(cleaner, tmp_path: Path) -> None:
    fh = io.StringIO()
    result = cleaner.clean("仅供学习 禁止外传 用后删除\n正文，第一段（完）。\n")
    write_audit_record(fh, "a.txt", result)
    write_audit_record(fh, "b.txt", None, status="failed", error="DecodingError: no codec")
    audit = tmp_path / "audit.jsonl"
    audit.write_text(fh.getvalue() + '{"path": "torn', encoding="utf-8")
    recs = list(read_audit(audit))
    assert [r["path"] for r in recs] == ["a.txt", "b.txt"]
    assert recs[0]["normalized"].startswith("仅供学习")
    assert recs[0]["result"]["removed"][0]["line"] == 1
    assert recs[1]["result"] is None and recs[1]["error"].startswith("DecodingError")


def test_manifest_without_audit_gives_category_counts(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(json.dumps({"path": "x.txt", "status": "ok", "encoding": "utf-8",
                                    "categories": {"ad": 3}}) + "\n", encoding="utf-8")
    recs, source = records_for_manifest(manifest)
    assert "no audit.jsonl" in source
    summary = build_report(recs, tmp_path / "r.html", source=source)
    assert summary.categories["ad"] == 3
    assert "no audit.jsonl" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_segments_cut_at_spans_and_mark_whole_lines() -> None:
    segs, whole = line_segments("正文（广告）。", [{"rule": "ad.x", "category": "ad", "start": 2, "end": 6}])
    assert [(s.text, s.rule) for s in segs] == [("正文", None), ("（广告）", "ad.x"), ("。", None)]
    assert not whole
    lines = view_lines("广告行\n正文", [{"rule": "ad.y", "category": "ad", "line": 1, "start": 0, "end": 3}])
    assert lines[0].whole and not lines[1].whole


def test_page_shows_rules_samples_links_and_escapes(records, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    summary = build_report(records, out, source="test")
    page = out.read_text(encoding="utf-8")
    assert summary.statuses == {"ok": 3, "failed": 1}
    rule = summary.rules[0]
    assert rule.count >= 3 and rule.frequent[0].count >= 3  # the same watermark in three files counts as one line
    assert f'id="rule-{rule.rule}"' in page
    first = rule.frequent[0]
    assert f'href="#f{first.file}-l{first.line}"' in page and f'id="f{first.file}-l{first.line}"' in page
    # The document's markup is text on the page: escaped, never a tag.
    assert "<script>window" not in page and "&lt;script&gt;window.__pwned" in page
    assert "onerror=" not in page.replace("onerror=&quot;", "")
    # Full-width punctuation reaches the page untouched.
    assert "（有红的，也有白的）。" in page
    assert "NotTextError" in page and "notes/broken.bin" in page
    assert summary.duplicates == [[1, 2]]
    assert "<script" not in page.split("</style>")[1].replace("&lt;script", "")  # the page itself has no script


def test_weak_evidence_is_listed_apart() -> None:
    recs: list[dict[str, Any]] = [{
        "path": f"d{i}.txt", "status": "ok", "encoding": "utf-8", "error": None, "normalized": "页眉\n正文。",
        "result": {"text": "正文。", "removed": [
            {"rule": "repeat.line", "category": "site", "line": 1, "start": 0, "end": 2, "text": "页眉"}]},
    } for i in range(3)]
    summary = summarize(recs)
    assert [(s.text, s.count) for s in summary.weak] == [("页眉", 3)]
    assert summary.weak_rules[0] == "repeat.line"


def _generated(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """Records of an invented batch: 40 rules, each file with a few removals and a 2-4 kB normalized text."""
    rng = random.Random(seed)
    rules = [(f"{cat}.rule-{k}", cat) for k, cat in enumerate(["ad", "promo", "site", "social", "repeat"] * 8)]
    recs: list[dict[str, Any]] = []
    for i in range(n):
        body = [f"第{j}段，这是第{i}号文件的正文，讲星河文库的读书会（每周一次）。" for j in range(rng.randint(40, 90))]
        removed = []
        for _ in range(rng.randint(1, 6)):
            rule, cat = rng.choice(rules)
            text = f"更多资料请到星河文库{rng.randint(1, 300)}号下载" if cat != "repeat" else "星河文库自动保存"
            pos = rng.randrange(len(body) + 1)
            body.insert(pos, text)
            removed.append((pos, rule, cat, text))
        lines_removed = [{"rule": r, "category": c, "line": body.index(t) + 1, "start": 0, "end": len(t), "text": t}
                         for _, r, c, t in removed]
        status = "failed" if i % 997 == 0 else "ok"
        recs.append({"path": f"batch/{i // 1000}/{i}.txt", "status": status, "encoding": "gb18030",
                     "error": "DecodingError: no codec" if status == "failed" else None,
                     "normalized": "\n".join(body) if status == "ok" else None,
                     "result": {"text": "x", "removed": lines_removed} if status == "ok" else None})
    return recs


def test_a_50000_file_batch_gives_a_page_under_5_mb(tmp_path: Path) -> None:
    recs = _generated(50_000)
    out = tmp_path / "big.html"
    started = time.perf_counter()
    summary = build_report(recs, out)
    elapsed = time.perf_counter() - started
    size = out.stat().st_size
    assert size < 5_000_000, size
    assert len(summary.files) == 50_000 and summary.failure_reasons["DecodingError"] == 51
    assert all(len(r.frequent) <= 8 and len(r.random) <= 8 for r in summary.rules)
    assert summary.views and all(r.frequent[0].file in summary.views for r in summary.rules)
    assert elapsed < 60, elapsed


def test_report_command_reads_the_audit_next_to_the_manifest(records, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cleantext.cli.report import report

    (tmp_path / "manifest.jsonl").write_text("", encoding="utf-8")
    with open(tmp_path / "audit.jsonl", "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    out = tmp_path / "report.html"
    got = CliRunner().invoke(report, [str(tmp_path / "manifest.jsonl"), "-o", str(out)])
    assert got.exit_code == 0, got.output
    assert "4 files" in got.output and out.is_file()
    assert "watermark" in out.read_text(encoding="utf-8")
    missing = CliRunner().invoke(report, [str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
