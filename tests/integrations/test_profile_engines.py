"""The collection profile learned by Spark and Dask (local mode) as one aggregation: it equals the profile learned
in one process on the same documents, and cleaning with it gives what ``clean_batch`` gives. Each engine's tests
skip when the engine is not installed."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleantext.evidence.profile import MIN_DOCS, Profile, learn_documents
from cleantext.integrations.batch import clean_batch

from .conftest import local_spark
from .test_profile_batch import _measure, collection

HAS_DASK = all(importlib.util.find_spec(m) is not None for m in ("dask", "pandas", "pyarrow"))
HAS_SPARK = (all(importlib.util.find_spec(m) is not None for m in ("pyspark", "pandas", "pyarrow"))
             and (shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))))
needs_dask = pytest.mark.skipif(not HAS_DASK, reason="dask is not installed (pip install 'cleantext-zh[dask]')")
needs_spark = pytest.mark.skipif(not HAS_SPARK, reason="pyspark or a Java runtime is missing (cleantext-zh[spark])")


@pytest.fixture(scope="module")
def docs() -> list[bytes]:
    """The invented 60-document collection of test_profile_batch, as bytes (every third in GB18030)."""
    return [text.encode("gb18030" if i % 3 == 0 else "utf-8") for i, (text, _, _) in enumerate(collection())]


@pytest.fixture(scope="module")
def whole(docs: list[bytes]) -> Profile:
    return learn_documents(docs)


def test_the_collection_is_worth_learning(whole: Profile) -> None:
    assert whole.documents >= MIN_DOCS and whole.verdicts()  # else the engine tests below prove nothing


# -- Dask ---------------------------------------------------------------------------------------------------------


@needs_dask
def test_dask_learns_the_profile_of_one_process(docs: list[bytes], whole: Profile) -> None:
    import dask.bag as db

    from cleantext.integrations.dask import learn_profile

    records, learned = learn_profile(db.from_sequence(docs, npartitions=4)).compute(scheduler="sync")
    assert records == len(docs)
    assert learned == whole


@needs_dask
def test_dask_cleans_texts_as_clean_batch_does(docs: list[bytes], whole: Profile) -> None:
    import dask.bag as db

    from cleantext.integrations.dask import clean_texts

    bag = db.from_sequence(docs, npartitions=4)
    with_profile = [r["cleantext_text"] for r in clean_texts(bag, bundled=False).compute(scheduler="sync")]
    assert with_profile == clean_batch(docs, bundled=False)["cleantext_text"]
    assert _measure(with_profile, collection())[0] >= 95.0  # the profile did its work across partitions
    without = [r["cleantext_text"] for r in clean_texts(bag, bundled=False, profile=False).compute(scheduler="sync")]
    assert without == clean_batch(docs, bundled=False, profile=False)["cleantext_text"]
    assert without != with_profile
    given = [r["cleantext_text"] for r in clean_texts(db.from_sequence(docs[:4], npartitions=2), bundled=False,
                                            profile=whole).compute(scheduler="sync")]
    assert given == clean_batch(docs[:4], bundled=False, profile=whole)["cleantext_text"]


@needs_dask
def test_dask_few_documents_are_cleaned_without_a_profile(docs: list[bytes]) -> None:
    import dask.bag as db

    from cleantext.integrations.dask import clean_texts

    few = docs[: MIN_DOCS - 1]
    out = [r["cleantext_text"] for r in clean_texts(db.from_sequence(few, npartitions=2), bundled=False).compute()]
    assert out == clean_batch(few, bundled=False, profile=False)["cleantext_text"]


@needs_dask
def test_dask_files_and_a_frame_column_on_the_process_scheduler(tmp_path: Path, docs: list[bytes]) -> None:
    import dask
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    from cleantext.integrations.dask import clean_dataframe, clean_files

    paths = []
    for i, data in enumerate(docs):
        p = tmp_path / f"{i:03}.txt"
        p.write_bytes(data)
        paths.append(str(p))
    expected = clean_batch(docs, bundled=False)["cleantext_text"]
    with dask.config.set(scheduler="processes", num_workers=2):
        records = clean_files(db.from_sequence([*paths, str(tmp_path / "gone.txt")], npartitions=3),
                              bundled=False).compute()
        texts = [t for t, _, _ in collection()]  # a frame column of str (Dask turns bytes objects into strings)
        frame = clean_dataframe(dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=3),
                                bundled=False).compute()
    assert [r["cleantext_text"] for r in records[:-1]] == expected
    assert records[-1]["cleantext_error"].startswith("FileNotFoundError:")
    assert frame["text"].tolist() == clean_batch(texts, bundled=False)["cleantext_text"]
    assert frame["text"].tolist() != clean_batch(texts, bundled=False, profile=False)["cleantext_text"]


# -- pandas, Arrow and Hugging Face datasets: one profile for the whole column, not one per chunk -------------------

HAS_FRAME = all(importlib.util.find_spec(m) is not None for m in ("pandas", "pyarrow"))


@pytest.mark.skipif(not HAS_FRAME, reason="pandas or pyarrow is not installed (pip install 'cleantext-zh[pandas]')")
def test_frame_and_table_chunks_share_one_profile() -> None:
    import pandas as pd
    import pyarrow as pa

    from cleantext.integrations.frame import clean_frame, clean_table

    texts = [t for t, _, _ in collection()]
    expected = clean_batch(texts, bundled=False)["cleantext_text"]
    # Chunks of 5 are too few to learn from alone: only a profile of the whole column removes the wrappers.
    assert clean_frame(pd.DataFrame({"text": texts}), chunk_size=5, bundled=False)["text"].tolist() == expected
    table = clean_table(pa.table({"text": texts}), chunk_size=5, bundled=False)
    assert table.column("text").to_pylist() == expected
    off = clean_frame(pd.DataFrame({"text": texts}), chunk_size=5, bundled=False, profile=False)["text"].tolist()
    assert off == clean_batch(texts, bundled=False, profile=False)["cleantext_text"] != expected


@pytest.mark.skipif(importlib.util.find_spec("datasets") is None, reason="datasets is not installed")
def test_hf_dataset_batches_share_one_profile() -> None:
    import datasets

    from cleantext.integrations.hf import clean_dataset

    texts = [t for t, _, _ in collection()]
    out = clean_dataset(datasets.Dataset.from_dict({"text": texts}), batch_size=5, bundled=False)
    assert out["text"] == clean_batch(texts, bundled=False)["cleantext_text"]


# -- Spark --------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    if not HAS_SPARK:
        pytest.skip("pyspark or a Java runtime is missing (cleantext-zh[spark])")
    with local_spark("cleantext-profile-tests") as session:
        yield session


@needs_spark
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
def test_spark_learns_the_profile_of_one_process_and_cleans_as_clean_batch(spark, docs: list[bytes],
                                                                           whole: Profile) -> None:
    from cleantext.integrations.spark import clean_spark, learn_profile_spark

    df = spark.createDataFrame([(i, d) for i, d in enumerate(docs)], "id long, content binary").repartition(3)
    records, learned = learn_profile_spark(df, "content")
    assert records == len(docs)
    assert learned == whole

    def texts(out) -> list[str | None]:
        return [r["content"] for r in sorted(out.collect(), key=lambda r: r["id"])]

    with_profile = texts(clean_spark(df, "content", bundled=False))
    assert with_profile == clean_batch(docs, bundled=False)["cleantext_text"]
    assert _measure(with_profile, collection())[0] >= 95.0
    assert texts(clean_spark(df, "content", bundled=False, profile=False)) == clean_batch(
        docs, bundled=False, profile=False)["cleantext_text"]
    small = df.filter("id < 4")
    assert texts(clean_spark(small, "content", bundled=False, profile=whole)) == clean_batch(
        docs[:4], bundled=False, profile=whole)["cleantext_text"]
