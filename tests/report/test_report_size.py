"""The page-size bound of issue 19 on the audit format a real batch writes: a synthetic 50 000-file audit (records
made by ``audit_record`` from invented results, ``benchmarks/report_size.py``) read from disk gives a page under
5 MB, with every rule's first sample linked to a view; the timing is the benchmark's, not asserted here."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from cleantext.report import AuditSource, build_report, read_audit

ROOT = Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("report_size", ROOT / "benchmarks" / "report_size.py")
assert SPEC and SPEC.loader
bench = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(bench)


def test_synthetic_records_are_what_a_batch_writes(tmp_path: Path) -> None:
    manifest = bench.write_batch(tmp_path, 12)
    records = list(read_audit(manifest.with_name("audit.jsonl")))
    assert len(records) == 12 and records[0]["status"] == "failed"
    short, long = records[1], records[3]
    assert short["normalized"] and short["excerpt"] is None and short["lines"] <= 150
    assert long["normalized"] is None and long["excerpt"] and long["lines"] > 150
    for rec in (short, long):
        lines = dict(rec["excerpt"]) if rec["excerpt"] else dict(enumerate(rec["normalized"].split("\n"), 1))
        assert all(lines[r["line"]] == r["text"] for r in rec["result"]["removed"])  # removals point into them


def test_a_50000_file_audit_gives_a_page_under_5_mb(tmp_path: Path) -> None:
    manifest = bench.write_batch(tmp_path, 50_000, small=True)  # the benchmark's documents, shorter
    records = AuditSource(manifest)
    out = tmp_path / "report.html"
    summary = build_report(records, out, source=records.source)
    size = out.stat().st_size
    assert size < bench.PAGE_BOUND, size
    assert len(summary.files) == 50_000 and summary.failure_reasons["DecodingError"] == 51
    assert all(len(r.frequent) <= 8 and len(r.random) <= 8 for r in summary.rules)
    assert all(r.frequent[0].file in summary.views for r in summary.rules)
    page = out.read_text(encoding="utf-8")
    # Long documents are viewed from their excerpt: their kept lines are elided, their removed lines are shown.
    long_views = [i for i in summary.views if i % 4 == 3]
    assert long_views
    section = re.search(rf'<section class="file" id="f{long_views[0]}">(.*?)</section>', page, re.S)
    assert section and "kept lines …" in section.group(1) and 'class="rm"' in section.group(1)


def test_a_page_read_from_the_audit_file_is_the_page_of_its_records_in_memory(tmp_path: Path) -> None:
    manifest = bench.write_batch(tmp_path, 600, small=True)
    with (tmp_path / "audit.jsonl").open("ab") as fh:
        fh.write(b'{"path": "torn')  # a run killed mid-write: the torn line is skipped both ways
    from_disk = build_report(AuditSource(manifest), tmp_path / "disk.html", source="s")
    in_memory = build_report(list(read_audit(tmp_path / "audit.jsonl")), tmp_path / "memory.html", source="s")
    assert len(from_disk.files) == 600 and from_disk.views == in_memory.views
    assert (tmp_path / "disk.html").read_bytes() == (tmp_path / "memory.html").read_bytes()
