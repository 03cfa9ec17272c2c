"""The report and the playground in a real headless Chromium (Debian's), driven by Playwright's Python API.

Skipped when Playwright or Chromium is missing (``.ci/install-browser.sh`` installs both). Each test writes a
screenshot of its page under the pytest tmp dir.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cleantext.report import build_report

from .conftest import DIRTY
from .test_report_page import _generated

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
if CHROMIUM is None:
    pytest.skip("no Chromium (run .ci/install-browser.sh)", allow_module_level=True)

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda err: errors.append(str(err)))
    p.errors = errors
    yield p
    context.close()


def test_report_sample_links_to_its_file_view(page: Any, records, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    summary = build_report(records, out, source="test")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    assert page.locator("#overview").is_visible()
    rule = summary.rules[0]
    page.locator(f'[id="rule-{rule.rule}"] > summary').click()
    sample = page.locator(f'[id="rule-{rule.rule}"] a.sample').first
    sample.click()
    first = rule.frequent[0]
    view = page.locator(f"#f{first.file}")
    assert view.is_visible() and not page.locator("#overview").is_visible()
    line = page.locator(f'[id="f{first.file}-l{first.line}"]')
    assert rule.rule in line.inner_text() and "removed" in (line.get_attribute("class") or "")
    # The document's <script> line is shown as text and never ran; kept lines are there as they are.
    assert "<script>window.__pwned = 1</script>" in view.inner_text()
    assert "（有红的，也有白的）。" in view.inner_text()
    assert page.evaluate("window.__pwned") is None
    page.screenshot(path=str(tmp_path / "report-file-view.png"), full_page=True)
    page.locator(f"#f{first.file} a[href='#overview']").click()
    assert page.locator("#overview").is_visible()
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert all(u.startswith("file:") for u in requests), requests  # self-contained: nothing fetched
    assert not page.errors


def test_report_of_a_real_batch_opens_a_rule_sample_in_its_file_view(page: Any, tmp_path: Path) -> None:
    """A report written by a real `cleantext clean DIR -o OUT --report` run: from a rule's sample to its line."""
    script = Path(sys.executable).parent / "cleantext"
    if not script.exists():
        pytest.skip("the cleantext console script is not installed (pip install -e .)")
    src = tmp_path / "in"
    src.mkdir()
    for n in range(3):
        (src / f"doc{n}.txt").write_text(DIRTY.replace("星河小记", f"星河小记之{n}"), encoding="utf-8")
    proc = subprocess.run([str(script), "clean", str(src), "-o", str(tmp_path / "out"), "-q", "--report",
                           str(tmp_path / "report.html")], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    audit = [json.loads(line) for line in (tmp_path / "out" / "audit.jsonl").read_text("utf-8").splitlines()]
    removed = audit[0]["result"]["removed"]
    rule = removed[0]["rule"]
    page.goto((tmp_path / "report.html").as_uri())
    page.locator(f'[id="rule-{rule}"] > summary').click()
    page.locator(f'[id="rule-{rule}"] a.sample').first.click()
    view = page.locator("section.file:target, section.file:has(:target)")
    assert view.count() == 1 and view.is_visible() and not page.locator("#overview").is_visible()
    target = page.locator(".line:target")
    assert rule in target.inner_text() and "removed" in (target.get_attribute("class") or "")
    # The view highlights the lines the audit says were removed, and shows the kept ones as they are.
    index = int((view.get_attribute("id") or "f0")[1:])
    highlighted = {int(i.split("-l")[1]) for i in view.locator(".line:has(.rm)").evaluate_all(
        "els => els.map(e => e.id)")}
    assert highlighted == {r["line"] for r in audit[index]["result"]["removed"]}
    assert "<script>window.__pwned = 1</script>" in view.inner_text() and page.evaluate("window.__pwned") is None
    page.screenshot(path=str(tmp_path / "real-batch-file-view.png"), full_page=True)
    assert not page.errors


def test_a_50000_file_report_opens_in_a_second(page: Any, tmp_path: Path) -> None:
    out = tmp_path / "big.html"
    build_report(_generated(50_000), out)
    page.goto(out.as_uri(), wait_until="load")  # the first page of a fresh browser pays for its start
    page.goto("about:blank")
    page.goto(out.as_uri(), wait_until="load")
    elapsed = page.evaluate("performance.getEntriesByType('navigation')[0].duration") / 1000
    assert out.stat().st_size < 5_000_000
    assert page.locator("#by-rule tr").count() == 40
    page.screenshot(path=str(tmp_path / "big-report.png"))
    assert elapsed < 2.0, elapsed  # about 0.5 s measured on a loaded 2-core machine; the margin is for CI


def _line(page: Any, n: int) -> Any:
    return page.locator(f'#out .line[data-n="{n}"]')


def test_playground_rule_off_brings_the_line_back_and_never_runs_a_script(page: Any, server_url: str,
                                                                        tmp_path: Path) -> None:
    page.goto(server_url)
    # The served folder's one document opens on start; the template rule takes its last line.
    page.wait_for_selector('#out .line[data-n="6"] .cut[data-rule="promo.my-example"]')
    assert "removed" in (_line(page, 1).get_attribute("class") or "")
    assert "<script>window.__pwned = 1</script>" in _line(page, 5).inner_text()
    assert page.evaluate("window.__pwned") is None
    page.screenshot(path=str(tmp_path / "playground.png"), full_page=True)
    page.locator('input.rule-toggle[data-key="promo.my-example"]').uncheck()
    page.wait_for_function("() => !document.querySelector('#out .line[data-n=\"6\"] .cut')")
    assert _line(page, 6).inner_text().endswith("更多资料请到星河文库下载")
    assert "更多资料请到星河文库下载" in page.locator("#clean").inner_text()
    page.screenshot(path=str(tmp_path / "playground-rule-off.png"), full_page=True)
    assert not page.errors


def test_playground_shows_a_bad_regex_and_a_pasted_script(page: Any, server_url: str, tmp_path: Path) -> None:
    page.goto(server_url)
    page.wait_for_selector("#out .line")
    toml = page.locator("#toml")
    toml.fill(toml.input_value().replace("下载.{0,20}", "下载(.{0,20}"))
    page.wait_for_selector("#check .problem")
    assert "invalid regex" in page.locator("#check").inner_text()
    page.locator("#doc").fill("<script>window.__pwned = 3</script>\n<b>粗体</b>\n" + DIRTY)
    page.wait_for_function("() => document.querySelector('#out').textContent.includes('<b>粗体</b>')")
    assert page.evaluate("window.__pwned") is None and page.locator("#out b").count() == 0
    page.screenshot(path=str(tmp_path / "playground-bad-regex.png"), full_page=True)
    assert not page.errors
