"""The batch module from Python: atomic writes, per-file errors that never stop a batch, one worker per process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleantext import Cleaner
from cleantext.run.batch import BatchSetupError, FileWorker, Job, clean_folder, discover, write_atomic
from cleantext.run.pool import WorkerPool

from .documents import PLAIN, SPORTS


def test_an_interrupted_write_leaves_neither_a_temp_file_nor_a_half_output(tmp_path, monkeypatch):
    target = tmp_path / "out" / "doc.txt"

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "正文".encode())
    assert list(target.parent.iterdir()) == []
    monkeypatch.undo()
    write_atomic(target, "正文".encode())
    assert [p.name for p in target.parent.iterdir()] == ["doc.txt"]
    assert oct(target.stat().st_mode & 0o777) != "0o600"  # the usual permissions, not mkstemp's


def test_an_unexpected_error_fails_one_file_and_the_batch_goes_on(tmp_path):
    class Flaky(Cleaner):
        def clean(self, data):  # type: ignore[override]
            if b"\xe6\x9d\x91" in data:  # "村"
                raise RuntimeError("boom")
            return super().clean(data)

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(PLAIN, encoding="utf-8")
    (src / "b.txt").write_text(SPORTS, encoding="utf-8")
    summary = clean_folder([src], tmp_path / "out", Flaky(bundled=False))
    assert summary.counts == {"failed": 1, "ok": 1}
    assert summary.failures[0].error == "unexpected RuntimeError: boom"
    assert (tmp_path / "out" / "b.txt").exists()


def test_outputs_never_leave_outdir(tmp_path):
    src, out, elsewhere = tmp_path / "in", tmp_path / "out", tmp_path / "elsewhere"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_text(PLAIN, encoding="utf-8")
    out.mkdir()
    elsewhere.mkdir()
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)
    (job,) = discover([src], out)
    assert job.problem and "would leave OUTDIR" in job.problem
    record = FileWorker(Cleaner(bundled=False))(job)
    assert record.status == "failed" and list(elsewhere.iterdir()) == []


def test_discover_refuses_a_missing_input(tmp_path):
    with pytest.raises(BatchSetupError, match="no such file"):
        discover([tmp_path / "nope"], tmp_path / "out")


_UNPICKLED = 0


class CountingWorker:
    """Says in which process it ran and how many times a copy of it was unpickled there."""

    def __setstate__(self, state: dict) -> None:
        global _UNPICKLED
        _UNPICKLED += 1
        self.__dict__.update(state)

    def __call__(self, item: int) -> tuple[int, int, int]:
        return item, os.getpid(), _UNPICKLED


def test_the_worker_reaches_each_process_once_and_results_keep_their_order():
    with WorkerPool(CountingWorker(), 2) as pool:
        got = list(pool.map(list(range(200))))
    assert [item for item, _, _ in got] == list(range(200))
    assert len({pid for _, pid, _ in got} - {os.getpid()}) >= 1
    assert max(n for _, _, n in got) <= 1  # received once (or inherited by fork), not once per item


def test_in_process_pool_runs_here():
    with WorkerPool(CountingWorker(), 1) as pool:
        assert {pid for _, pid, _ in pool.map([1, 2, 3])} == {os.getpid()}


def test_job_with_a_known_problem_is_not_read(tmp_path):
    job = Job(str(tmp_path / "absent.txt"), "absent.txt", str(tmp_path / "o.txt"), problem="known reason")
    rec = FileWorker(Cleaner(bundled=False))(job)
    assert (rec.status, rec.error) == ("failed", "known reason")
    assert not Path(tmp_path / "o.txt").exists()


def test_a_folder_that_cannot_be_listed_is_a_failed_record(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(PLAIN, encoding="utf-8")
    real_walk = os.walk

    def walk(top, onerror=None):
        onerror(PermissionError(13, "Permission denied", str(Path(top) / "locked")))
        yield from real_walk(top)

    monkeypatch.setattr(os, "walk", walk)
    summary = clean_folder([src], tmp_path / "out", Cleaner(bundled=False))
    assert summary.counts == {"failed": 1, "ok": 1}
    (failed,) = summary.failures
    assert (failed.path, failed.error) == ("locked", "cannot list the folder: Permission denied")
