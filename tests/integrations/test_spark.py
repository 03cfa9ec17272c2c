"""Spark in local mode with 2 cores: a binaryFile folder and a string column give what cleantext.clean gives.

One session for the module (starting one takes seconds), no UI, two shuffle partitions.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'cleantext-zh[spark]')")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'cleantext-zh[spark]')")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime (java on PATH or JAVA_HOME): Spark needs Java 17", allow_module_level=True)

from pyspark.sql import SparkSession
from pyspark.sql.types import ArrayType, BinaryType, LongType, StringType

from cleantext.integrations import output_names
from cleantext.integrations.spark import arrow_function, clean_spark, output_schema, read_files

from .conftest import NOTE, RAW_DOCS, REPORT, assert_like_clean, local_spark, run_doc_example, write_corpus

pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    with local_spark("cleantext-tests") as session:
        yield session


def test_binary_files_folder(spark: SparkSession, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path)
    files = spark.read.format("binaryFile").load(str(tmp_path))
    assert files.schema["content"].dataType == BinaryType()
    out = clean_spark(files, column="content")
    assert out.columns == files.columns + list(output_names("content").values())[1:]
    assert out.schema["content"].dataType == StringType()
    assert out.schema["cleantext_removed"].dataType == LongType()
    assert out.schema["cleantext_distributors"].dataType == ArrayType(StringType(), True)
    assert out.schema["cleantext_contacts"].dataType["qq"].dataType == ArrayType(StringType(), True)
    rows = {Path(r["path"]).stem: r.asDict() for r in out.collect()}
    assert sorted(rows) == sorted(set(paths) - {"empty"})  # Spark lists no empty file
    assert all(rows[name]["length"] == len(RAW_DOCS[name]) for name in rows)  # other columns kept
    assert_like_clean(list(rows.values()), [RAW_DOCS[name] for name in rows], output_names("content"))
    assert rows["binary"]["cleantext_error"].startswith("NotTextError:")


def test_a_failed_row_names_its_error_type_in_a_declared_string_column(spark: SparkSession) -> None:
    """Errors stay data (issue 16): ``cleantext_error_type`` is declared in the schema, StringType like
    ``cleantext_error``, and holds the class beside the words (null on a cleaned row)."""
    docs = [NOTE, None, "正文，第一段。" * 200]
    df = spark.createDataFrame([(i, d) for i, d in enumerate(docs)], "id long, text string")
    out = clean_spark(df, "text", profile=False, max_bytes=1000)
    assert out.schema["cleantext_error_type"].dataType == StringType() and out.schema["cleantext_error_type"].nullable
    assert out.schema.names[-2:] == ["cleantext_error", "cleantext_error_type"]
    rows = sorted(out.collect(), key=lambda r: r["id"])
    assert [r["cleantext_error_type"] for r in rows] == [None, "TypeError", "InputTooLargeError"]
    assert rows[2]["cleantext_error"].startswith("InputTooLargeError: ") and rows[0]["cleantext_error"] is None


def test_read_files_walks_subfolders_as_the_cli_does(spark: SparkSession, tmp_path: Path) -> None:
    write_corpus(tmp_path / "top")
    nested = write_corpus(tmp_path / "top" / "deeper" / "still")
    (tmp_path / "top" / "deeper" / "notes.md").write_bytes(RAW_DOCS["utf8"])
    flat = spark.read.format("binaryFile").option("pathGlobFilter", "*.txt").load(str(tmp_path / "top"))
    files = read_files(spark, str(tmp_path / "top"))
    found = sorted(Path(r["path"].removeprefix("file:")).relative_to(tmp_path / "top").as_posix()
                   for r in files.select("path").collect())
    assert [f for f in found if f.startswith("deeper/still/")] == sorted(
        f"deeper/still/{p.name}" for name, p in nested.items() if name != "empty")  # Spark lists no empty file
    assert flat.count() == len(found) // 2  # without recursiveFileLookup only the top folder's files
    both = read_files(spark, str(tmp_path / "top"), globs=("*.txt", "*.md"))
    assert both.count() == len(found) + 1


def test_string_column_by_hand_with_map_in_arrow(spark: SparkSession) -> None:
    docs = [REPORT, NOTE, "", None] * 3
    df = spark.createDataFrame([(i, d) for i, d in enumerate(docs)], "id long, text string").repartition(2)
    names = output_names("text", into="clean")
    out = df.mapInArrow(arrow_function("text", into="clean"), output_schema(df.schema, names))
    assert out.rdd.getNumPartitions() == 2
    rows = sorted((r.asDict() for r in out.collect()), key=lambda r: r["id"])
    assert [r["text"] for r in rows] == docs
    assert_like_clean(rows, docs, names)
    with pytest.raises(ValueError, match="no column 'body'"):  # said on the driver, not in a worker
        clean_spark(df, column="body")


def test_docs_example(spark: SparkSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_corpus(tmp_path / "corpus")
    run_doc_example("spark", tmp_path, monkeypatch)
    rows = {Path(r["path"]).stem: r.asDict() for r in spark.read.parquet(str(tmp_path / "corpus-clean")).collect()}
    names = output_names("content", into="text")
    assert_like_clean(list(rows.values()), [RAW_DOCS[name] for name in rows], names)
    assert rows["gb18030"]["cleantext_distributors"] == ["星河文稿"]
