"""The playground: rules switched off, edited patterns checked live, size caps, loopback only."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from cleantext.report.playground import MAX_DOCUMENT_BYTES, Playground, PlaygroundInputError
from cleantext.report.serve import is_loopback, make_server

from .conftest import DIRTY

TEMPLATE_RULE = """[[pattern]]
id = "promo.my-example"
category = "promo"
scope = "line"
keywords = ["星河文库"]
regex = '''更多资料请到星河文库下载.{0,20}'''
match = ["更多资料请到星河文库下载", "更多资料请到星河文库下载，每日更新"]
keep = ["我在星河文库读到一篇好文章。"]
"""


def _removed_lines(data: dict) -> list[int]:
    return [line["n"] for line in data["lines"] if any(seg[1] for seg in line["segs"])]


def test_switching_a_rule_off_brings_its_line_back(cleaner) -> None:
    pg = Playground(cleaner)
    on = pg.clean(DIRTY, toml=TEMPLATE_RULE)
    assert 6 in _removed_lines(on) and "更多资料" not in on["text"]
    off = pg.clean(DIRTY, disable=["promo.my-example"], toml=TEMPLATE_RULE)
    assert 6 not in _removed_lines(off) and "更多资料请到星河文库下载" in off["text"]
    # The legitimate 公众号 sentence and the full-width punctuation stay either way.
    assert "我们的公众号每周写一篇读书笔记，欢迎同学们一起讨论。" in on["text"]
    assert "（有红的，也有白的）。" in on["text"]


def test_a_category_switched_off_puts_back_every_rule_of_it(cleaner) -> None:
    pg = Playground(cleaner)
    assert 1 in _removed_lines(pg.clean(DIRTY))
    assert 1 not in _removed_lines(pg.clean(DIRTY, disable=["watermark."]))


def test_a_bad_regex_is_a_clear_error_and_examples_are_checked(cleaner) -> None:
    pg = Playground(cleaner)
    bad = pg.check(TEMPLATE_RULE.replace("下载.{0,20}", "下载(.{0,20}"))
    assert not bad["ok"] and "invalid regex" in bad["problems"][0]["reason"]
    wrong_keep = pg.check(TEMPLATE_RULE.replace("我在星河文库读到一篇好文章。", "更多资料请到星河文库下载吧"))
    assert not wrong_keep["ok"]
    keeps = [e for p in wrong_keep["patterns"] for e in p["examples"] if e["kind"] == "keep"]
    assert keeps and keeps[0]["ok"] is False
    good = pg.check(TEMPLATE_RULE)
    assert good["ok"] and all(e["ok"] for e in good["patterns"][0]["examples"])
    # A broken edit never breaks cleaning: the document is cleaned by the other rules and the problem is returned.
    data = pg.clean(DIRTY, toml="[[pattern]\n")
    assert data["problems"] and 1 in _removed_lines(data)


def test_a_pasted_document_over_the_cap_is_refused(cleaner) -> None:
    with pytest.raises(PlaygroundInputError, match="cleantext clean"):
        Playground(cleaner).clean("字" * (MAX_DOCUMENT_BYTES // 3 + 1))


def test_only_loopback_unless_asked(cleaner) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("example-novel.com")
    with pytest.raises(ValueError, match="--host"):
        make_server(host="0.0.0.0", cleaner=cleaner)


def _post(url: str, body: bytes, host: str | None = None) -> tuple[int, dict]:
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    if host:
        req.add_header("Host", host)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_http_api(server_url: str) -> None:
    assert server_url.startswith("http://127.0.0.1:") and not server_url.endswith(":0/")
    status, data = _post(server_url + "api/clean", json.dumps({"text": DIRTY}).encode())
    assert status == 200 and data["fired"]
    with urllib.request.urlopen(server_url, timeout=30) as r:
        assert "script-src 'unsafe-inline'" in r.headers["Content-Security-Policy"]
        assert "<textarea" in r.read().decode()
    status, data = _post(server_url + "api/clean", json.dumps({"text": "字" * MAX_DOCUMENT_BYTES}).encode())
    assert status == 413 and "cleantext clean" in data["error"]
    status, data = _post(server_url + "api/clean", b"{not json")
    assert status == 400 and "bad request" in data["error"]
    # A page elsewhere that rebinds its own name to 127.0.0.1 is refused.
    status, data = _post(server_url + "api/clean", json.dumps({"text": DIRTY}).encode(), host="evil.example.com")
    assert status == 421
