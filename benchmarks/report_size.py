"""How large the batch report's page gets, and what building it costs, for a synthetic audit of N files written in
the format a real batch writes (records made by ``audit_record`` from invented ``CleanResult``s, not N real cleans).

    python benchmarks/report_size.py                  # 50 000 files (issue 19: the page under 5 MB)
    python benchmarks/report_size.py --files 2000     # a quick look
    python benchmarks/report_size.py --browser        # also open the page in headless Chromium (Playwright)

The batch is shaped like a mixed collection: three quarters short notices (20-90 lines, kept whole in the audit),
a quarter long chapters (160-320 lines, kept as an excerpt), 40 pattern rules and three weak-evidence ones, one
failure in 997. Prints the audit's size, the page's size (and per file), the seconds to build the page from the
audit file on disk (``cleantext report``'s path: read twice, only the viewed records held) and the peak memory of
the process; the last line is the headline. ``tests/report/test_report_size.py`` asserts the size bound with this
generator.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from cleantext.report import AuditSource, build_report
from cleantext.report.auditfile import AUDIT_NAME, audit_record, json_line
from cleantext.result import CleanResult, Metadata, Removal

PAGE_BOUND = 5_000_000
RULES = [(f"{cat}.rule-{k}", cat) for k, cat in enumerate(["ad", "promo", "site", "credit", "watermark"] * 8)]
WEAK = [("repeat.line", "site"), ("structure.tail-block", "promo"), ("profile.edge", "site")]


def synthetic_result(i: int, rng: random.Random, small: bool = False) -> CleanResult:
    """One invented cleaned document: a body of numbered lines with a few boilerplate lines put in and removed
    (``small``: shorter documents, the long ones just over the excerpt threshold, for a quicker test)."""
    long = i % 4 == 3
    if small:
        n_lines = rng.randint(152, 170) if long else rng.randint(8, 30)
    else:
        n_lines = rng.randint(160, 320) if long else rng.randint(20, 90)
    body = [f"第{j}段：星河镇第{i}号文件的正文，讲读书会（每周六上午）的安排和借书的办法。" for j in range(n_lines)]
    removals: list[tuple[int, str, str, str]] = []
    for _ in range(rng.randint(1, 6)):
        rule, cat = rng.choice(RULES) if rng.random() > 0.1 else rng.choice(WEAK)
        text = rng.choice([f"更多资料请到星河文库{rng.randint(1, 400)}号下载", "星河文库自动保存",
                           f"欢迎加入读书群12345{rng.randint(100, 999)}", "本文来自 www.example-novel.com"])
        pos = rng.choice([0, 1, len(body)]) if rng.random() < 0.6 else rng.randrange(len(body) + 1)
        body.insert(pos, text)
        removals.append((pos, rule, cat, text))
    rule_of: dict[str, tuple[str, str]] = {}
    for _, rule, cat, text in removals:
        rule_of.setdefault(text, (rule, cat))  # a line put in twice is taken by its first rule both times
    removed = tuple(Removal(*rule_of[line], n + 1, 0, len(line), line)
                    for n, line in enumerate(body) if line in rule_of)
    kept = [line for line in body if line not in rule_of]
    md = Metadata(title=kept[0][:20], encoding="gb18030" if i % 3 else "utf-8", confidence=0.99,
                  lines_in=len(body), lines_out=len(kept))
    return CleanResult("\n".join(kept), md, removed, "\n".join(body))


def write_batch(folder: Path, n: int, seed: int = 19, small: bool = False) -> Path:
    """A manifest and its audit of ``n`` synthetic files in ``folder``; returns the manifest's path."""
    rng = random.Random(seed)
    with open(folder / AUDIT_NAME, "wb") as audit, open(folder / "manifest.jsonl", "wb") as manifest:
        for i in range(n):
            path = f"batch/{i // 1000}/{i}.txt"
            if i % 997 == 0:
                rec = audit_record(path, None, status="failed", error="DecodingError: no codec decodes it")
            else:
                rec = audit_record(path, synthetic_result(i, rng, small))
            audit.write(json_line(rec))
            manifest.write(json_line({"path": path, "status": rec["status"], "error": rec["error"]}))
    return folder / "manifest.jsonl"


def open_seconds(page: Path, chromium: str) -> tuple[float, float]:
    """Seconds from navigation to DOMContentLoaded and to the load event of ``page`` in headless Chromium, as the
    browser's own Navigation Timing reports them (the page has no script of its own, so that is when it shows)."""
    from playwright import sync_api

    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=flags, headless=True)
        try:
            tab = browser.new_page()
            tab.goto(page.as_uri(), wait_until="load", timeout=120_000)
            timing = tab.evaluate("() => { const t = performance.getEntriesByType('navigation')[0];"
                                  " return [t.domContentLoadedEventEnd, t.loadEventEnd]; }")
        finally:
            browser.close()
    return timing[0] / 1000, timing[1] / 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=50_000)
    ap.add_argument("--browser", nargs="?", const=shutil.which("chromium") or "/usr/bin/chromium", default=None,
                    metavar="CHROMIUM", help="open the page in headless Chromium and print how long it takes")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        manifest = write_batch(folder, args.files)
        made = time.perf_counter() - t
        audit_bytes = (folder / AUDIT_NAME).stat().st_size
        print(f"audit: {args.files} records, {audit_bytes / 1e6:.1f} MB ({audit_bytes / args.files:.0f} B/file), "
              f"written in {made:.1f} s")
        t = time.perf_counter()
        records = AuditSource(manifest)
        summary = build_report(records, folder / "report.html", source=records.source)
        built = time.perf_counter() - t
        size = (folder / "report.html").stat().st_size
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"page: {len(summary.rules)} rules, {len(summary.views)} file views, built in {built:.1f} s; "
              f"peak memory of the process {peak:.0f} MB")
        print(json.dumps({"files": args.files, "page_bytes": size, "bytes_per_file": round(size / args.files, 1),
                          "build_seconds": round(built, 1), "audit_bytes": audit_bytes}))
        if args.browser:
            ready, loaded = open_seconds(folder / "report.html", args.browser)
            print(f"opened in headless Chromium: DOMContentLoaded {ready:.2f} s, load {loaded:.2f} s")
        print(f"page {size / 1e6:.2f} MB for {args.files} files (bound {PAGE_BOUND / 1e6:.0f} MB): "
              f"{'within' if size < PAGE_BOUND else 'OVER'}")


if __name__ == "__main__":
    main()
