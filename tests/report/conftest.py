"""Fixtures of the report and playground tests: one bundled Cleaner for the session (building it checks every
bundled rule, which takes seconds), an invented dirty document, and batch records made from it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from cleantext.cleaner import Cleaner
from cleantext.report.auditfile import audit_record

# Invented: a study-only watermark, a title, prose (one line mentions 公众号 and must stay), markup that must be
# shown and never run, and a line only the playground's template rule (promo.my-example) takes.
DIRTY = ("仅供学习 禁止外传 用后删除\n"
         "星河小记\n"
         "今天我们在公园里散步，看见了很多花（有红的，也有白的）。\n"
         "我们的公众号每周写一篇读书笔记，欢迎同学们一起讨论。\n"
         "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">\n"
         "更多资料请到星河文库下载\n")


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.fixture(scope="session")
def records(cleaner: Cleaner) -> list[dict[str, Any]]:
    other = DIRTY.replace("星河小记", "月光小记").replace("花", "树")
    return [audit_record("notes/a.txt", cleaner.clean(DIRTY)),
            audit_record("notes/b.txt", cleaner.clean(other)),
            audit_record("notes/b-copy.txt", cleaner.clean(other)),
            audit_record("notes/broken.bin", None, status="failed", encoding=None,
                         error="NotTextError: the input is binary")]


@pytest.fixture(scope="session")
def server_url(cleaner: Cleaner, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A playground serving one invented document, in a thread of this process."""
    from cleantext.report.serve import make_server

    folder = tmp_path_factory.mktemp("docs")
    (folder / "dirty.txt").write_text(DIRTY, encoding="utf-8")
    server = make_server([folder], cleaner=cleaner)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.url
    server.shutdown()
    server.server_close()
