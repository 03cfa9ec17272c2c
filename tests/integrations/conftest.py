"""Documents written for these tests, the row ``cleantext.clean`` expects for each, and the docs' examples."""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import cleantext
from cleantext.integrations import output_names

DOCS_FILE = Path(__file__).resolve().parents[2] / "README.md"

REPORT = "\n".join([
    "星河文稿整理，完整版请咨询QQ：31415926",
    "仅供学习 禁止外传 用后删除",
    "春季运动会工作总结",
    "",
    "本次运动会共有十二个班级参加，同学们积极参与，赛出了风格。",
    "",
    "学校将继续开展阳光体育活动。",
    "星河文稿",
])
NOTE = "仅供学习 禁止外传 用后删除\n读书笔记\n这本书讲的是一座小城四十年的变化。"
PLAIN = "Quarterly notes\n\nThe team finished the migration in March."

# Raw documents as a binary column holds them: several encodings, an empty one and three bad records.
RAW_DOCS: dict[str, bytes | None] = {
    "gb18030": REPORT.encode("gb18030"),
    "utf8": NOTE.encode("utf-8"),
    "utf16": PLAIN.encode("utf-16"),
    "empty": b"",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    "undecodable": codecs.BOM_UTF8 + "小城".encode("gb18030") * 20,
    "missing": None,
}
# What an untyped column (a Python list, a pandas object column) may hold besides.
MIXED_DOCS: dict[str, Any] = {**RAW_DOCS, "str": NOTE, "wrong-type": 31415926}


def expected_row(doc: Any) -> dict[str, Any]:
    """The row for ``doc`` as ``cleantext.clean`` gives it; JSON columns parsed, errors as ``Class: message``."""
    try:
        result = cleantext.clean(doc)
    except Exception as err:
        return {"text": None, "title": None, "encoding": None, "contacts": None, "distributors": None,
                "removed": None, "error": f"{type(err).__name__}: {err}", "error_type": type(err).__name__}
    meta = result.metadata.to_dict()
    return {"text": result.text, "title": meta["title"], "encoding": meta["encoding"], "contacts": meta["contacts"],
            "distributors": meta["distributors"], "removed": len(result.removed), "error": None,
            "error_type": None}


def plain(value: Any) -> Any:
    """An engine's value as plain Python: a Spark Row as a dict, numpy arrays as lists, NaN and pd.NA as None."""
    if hasattr(value, "asDict"):
        value = value.asDict(recursive=True)
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if type(value).__name__ == "NAType" or (isinstance(value, float) and value != value):
        return None
    return value


def parsed(row: dict[str, Any], names: dict[str, str] | None = None) -> dict[str, Any]:
    """An adapter's output row under the canonical column names, as plain Python (missing values as None)."""
    names = names or output_names(None)
    out = {}
    for canonical, name in names.items():
        value = plain(row[name])
        if canonical == "removed" and value is not None:
            value = int(value)
        out[canonical] = value
    return out


def assert_like_clean(rows: list[dict[str, Any]], docs: list[Any], names: dict[str, str] | None = None) -> None:
    assert len(rows) == len(docs)
    for row, doc in zip(rows, docs, strict=True):
        assert parsed(row, names) == expected_row(doc), repr(doc)[:60]


def write_corpus(folder: Path) -> dict[str, Path]:
    """The raw documents as files (the missing one is left out: a file cannot hold None)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, data in RAW_DOCS.items():
        if data is not None:
            paths[name] = folder / f"{name}.txt"
            paths[name].write_bytes(data)
    return paths


def doc_example(engine: str) -> str:
    """The Python block that follows ``<!-- example: ENGINE -->`` in README.md."""
    text = DOCS_FILE.read_text(encoding="utf-8")
    m = re.search(rf"<!-- example: {re.escape(engine)} -->\s*```(?:python|bash)\n(.*?)```", text, re.S)
    if m is None:
        pytest.fail(f"README.md has no example marked {engine!r}")
    return m.group(1)


def run_doc_example(engine: str, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Run a docs example in ``cwd`` and return its variables, for the test to check."""
    monkeypatch.chdir(cwd)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    exec(compile(doc_example(engine), f"README.md[{engine}]", "exec"), namespace)
    return namespace


@contextlib.contextmanager
def local_spark(app: str) -> Iterator[Any]:
    """A ``local[2]`` Spark session bound to loopback, whose workers import cleantext from this venv."""
    from pyspark.sql import SparkSession

    saved = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName(app)
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
        if saved is None:
            os.environ.pop("PYSPARK_PYTHON", None)
        else:
            os.environ["PYSPARK_PYTHON"] = saved
