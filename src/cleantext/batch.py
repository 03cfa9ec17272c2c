"""Folders and JSONL streams: discovery, a process pool with one Cleaner per worker, atomic writes, the manifest
and ``--resume``. Plain functions and classes, usable from Python as from the ``cleantext`` command line.

>>> import tempfile, pathlib
>>> src = pathlib.Path(tempfile.mkdtemp())
>>> _ = (src / "a.txt").write_text("仅供学习 禁止外传 用后删除\\n标题\\n正文。", encoding="utf-8")
>>> summary = clean_folder([src], src / "out")
>>> summary.counts["ok"], (src / "out" / "a.txt").read_text(encoding="utf-8")
(1, '标题\\n正文。\\n')
>>> import shutil; shutil.rmtree(src)
"""

from __future__ import annotations

import fnmatch
import functools
import json
import os
import re
import signal
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any

from cleantext.cleaner import Cleaner
from cleantext.errors import CleantextError

# Statuses of a manifest record. "empty": a zero-byte input, cleaned to an empty output (not a failure).
STATUSES = ("ok", "empty", "failed", "skipped")
MANIFEST_NAME = "manifest.jsonl"
TMP_SUFFIX = ".cleantext-tmp"


class BatchSetupError(ValueError):
    """The batch cannot start as asked (OUTDIR is an input folder, …): a usage error, not a per-file failure."""


@dataclass(frozen=True, slots=True)
class Job:
    """One input file: where it is, its path relative to its input root, where its output goes; ``problem`` is set
    when discovery already knows it cannot be cleaned (its output would overwrite an input, leave OUTDIR…)."""

    src: str
    rel: str
    out: str
    problem: str | None = None


@dataclass(slots=True)
class FileRecord:
    """One manifest line. ``removed`` counts removals; ``categories`` counts them by category."""

    path: str
    input: str
    output: str
    status: str
    encoding: str | None = None
    title: str | None = None
    lines_in: int | None = None
    lines_out: int | None = None
    removed: int | None = None
    categories: dict[str, int] = field(default_factory=dict)
    bytes: int = 0
    error: str | None = None


@dataclass(slots=True)
class BatchSummary:
    """What a batch did: records per status, bytes read, removals by category, wall time."""

    counts: Counter[str] = field(default_factory=Counter)
    bytes_in: int = 0
    categories: Counter[str] = field(default_factory=Counter)
    failures: list[FileRecord] = field(default_factory=list)
    elapsed: float = 0.0

    def add(self, rec: FileRecord) -> None:
        self.counts[rec.status] += 1
        if rec.status == "failed":
            self.failures.append(rec)
        if rec.status != "skipped":
            self.bytes_in += rec.bytes
            self.categories.update(rec.categories)


@contextmanager
def atomic_output(path: Path, mode: str = "wb", **open_args: Any) -> Iterator[IO[Any]]:
    """A file opened on a temporary name in the same folder and ``os.replace``d onto ``path`` when the block ends
    without error: no reader, and no interrupted run, ever sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
    try:
        with os.fdopen(fd, mode, **open_args) as f:
            os.fchmod(f.fileno(), 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
            yield f
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@functools.cache
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_output`)."""
    with atomic_output(path) as f:
        f.write(data)


def output_name(rel: str, fmt: str) -> str:
    """The output's path under OUTDIR: the same relative path (``text``) or with ``.json`` appended (``json``)."""
    return rel + ".json" if fmt == "json" else rel


def _matches(name: str, globs: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(name.lower(), g.lower()) for g in globs)


def _walk(root: Path, globs: Sequence[str], skip: set[Path], errors: list[OSError]) -> Iterator[Path]:
    """Files under ``root`` whose name matches a glob, sorted, without descending into ``skip`` (OUTDIR); folders
    that cannot be listed go to ``errors``."""
    for top, dirs, files in os.walk(root, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if Path(top, d).resolve() not in skip)
        yield from (Path(top, f) for f in sorted(files) if _matches(f, globs))


def discover(inputs: Iterable[str | Path], outdir: str | Path, *, globs: Sequence[str] = ("*.txt",),
             fmt: str = "text", manifest: str | Path | None = None) -> list[Job]:
    """Every input file with its output path. Folders are walked recursively (only names matching ``globs``, case
    insensitive; OUTDIR is never entered); files named explicitly are taken whatever their name."""
    out_root = Path(outdir).resolve()
    pairs: list[tuple[Path, Path]] = []
    jobs: list[Job] = []
    for item in map(Path, inputs):
        if item.is_dir():
            if item.resolve() == out_root:
                raise BatchSetupError(f"OUTDIR {outdir} is the input folder {item} itself; choose another folder")
            errors: list[OSError] = []
            pairs.extend((f, item) for f in _walk(item, globs, {out_root}, errors))
            for err in errors:
                where = Path(err.filename or item)
                rel = where.relative_to(item).as_posix() if where.is_relative_to(item) else str(where)
                jobs.append(Job(str(where), rel, "", f"cannot list the folder: {err.strerror or err}"))
        elif item.exists():
            pairs.append((item, item.parent))
        else:
            raise BatchSetupError(f"{item}: no such file or folder")
    sources = {src.resolve() for src, _ in pairs}
    taken: dict[Path, str] = {Path(manifest or out_root / MANIFEST_NAME).resolve(): "the manifest"}
    real_dirs: dict[Path, Path] = {}
    for src, root in pairs:
        rel = src.relative_to(root).as_posix()
        out = Path(outdir) / output_name(rel, fmt)
        # os.replace writes the name itself (never through a symlink of that name): resolve only the folder.
        if out.parent not in real_dirs:
            real_dirs[out.parent] = out.parent.resolve()
        real = real_dirs[out.parent] / out.name
        problem = None
        if real in sources:
            problem = f"its output {out} would overwrite an input file; choose another OUTDIR"
        elif not real.is_relative_to(out_root):
            problem = f"its output {out} would leave OUTDIR (a symbolic link?)"
        elif real in taken:
            problem = f"its output {out} is also the output of {taken[real]}"
        taken.setdefault(real, str(src))
        jobs.append(Job(str(src), rel, str(out), problem))
    return jobs


class FileWorker:
    """Cleans one Job: reads the input, writes the output atomically, returns a small FileRecord. One instance
    (one Cleaner) lives in each worker process."""

    def __init__(self, cleaner: Cleaner, fmt: str = "text", resume: bool = False) -> None:
        self.cleaner, self.fmt, self.resume = cleaner, fmt, resume

    def __call__(self, job: Job) -> FileRecord:
        rec = FileRecord(job.rel, job.src, job.out, "failed", error=job.problem)
        if job.problem:
            return rec
        src, out = Path(job.src), Path(job.out)
        try:
            mtime = src.stat().st_mtime_ns
            if self.resume and out.exists() and out.stat().st_mtime_ns > mtime:
                rec.status = "skipped"
                return rec
            data = src.read_bytes()
        except OSError as err:
            rec.error = f"cannot read: {err.strerror or err}"
            return rec
        rec.bytes = len(data)
        try:
            result = self.cleaner.clean(data)
        except CleantextError as err:
            rec.error = str(err)
            return rec
        except Exception as err:  # a bug must not stop the batch; the record names it
            rec.error = f"unexpected {type(err).__name__}: {err}"
            return rec
        if self.fmt == "json":
            payload = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
        else:
            payload = result.text + "\n" if result.text else ""
        try:
            write_atomic(out, payload.encode("utf-8"))
        except OSError as err:
            rec.error = f"cannot write {out}: {err.strerror or err}"
            return rec
        md = result.metadata
        rec.status = "ok" if data else "empty"
        rec.encoding, rec.title, rec.lines_in, rec.lines_out = md.encoding, md.title, md.lines_in, md.lines_out
        rec.removed = len(result.removed)
        rec.categories = dict(Counter(r.category for r in result.removed))
        return rec


def default_workers() -> int:
    """The cores this process may run on (``-j``'s default)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


_WORKER: Callable[[Any], Any] | None = None


def _install(worker: Callable[[Any], Any]) -> None:
    """Pool initializer: the worker (and its Cleaner) arrives once per process. Ctrl-C is left to the parent, so
    that a worker finishes the file it is writing."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = worker


def _call(item: Any) -> Any:
    assert _WORKER is not None
    return _WORKER(item)


class WorkerPool:
    """``map`` in order, in-process for ``jobs <= 1``, else over processes that each received ``worker`` once.
    Items go in chunks so that thousands of small files are not thousands of round trips."""

    def __init__(self, worker: Callable[[Any], Any], jobs: int) -> None:
        self.worker, self.jobs = worker, jobs
        self._ex: ProcessPoolExecutor | None = None

    def __enter__(self) -> WorkerPool:
        if self.jobs > 1:
            self._ex = ProcessPoolExecutor(self.jobs, initializer=_install, initargs=(self.worker,))
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if self._ex is not None:
            self._ex.shutdown(wait=exc_type is None, cancel_futures=exc_type is not None)

    def map(self, items: Sequence[Any]) -> Iterator[Any]:
        if self._ex is None:
            return map(self.worker, items)
        chunksize = max(1, min(64, len(items) // (self.jobs * 4)))
        return self._ex.map(_call, items, chunksize=chunksize)


def _previous_records(path: Path) -> dict[str, dict[str, Any]]:
    """The last manifest's records by output path (a torn last line is ignored), for ``--resume``."""
    found: dict[str, dict[str, Any]] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                rec = json.loads(line)
                found[rec["output"]] = rec
            except (ValueError, KeyError, TypeError):
                continue
    return found


def run_jobs(jobs: Sequence[Job], cleaner: Cleaner, manifest: str | Path, *, fmt: str = "text", workers: int = 1,
             resume: bool = False, on_record: Callable[[FileRecord], None] | None = None) -> BatchSummary:
    """Clean every job, in order, writing one manifest line per job as it finishes (a crash leaves a valid prefix).
    A skipped job keeps what the previous manifest knew about it."""
    started = time.monotonic()
    manifest = Path(manifest)
    previous = _previous_records(manifest) if resume else {}
    manifest.parent.mkdir(parents=True, exist_ok=True)
    summary = BatchSummary()
    workers = max(1, min(workers, len(jobs)))
    with WorkerPool(FileWorker(cleaner, fmt, resume), workers) as pool, manifest.open("w", encoding="utf-8") as log:
        for rec in pool.map(list(jobs)):
            old = previous.get(rec.output)
            if rec.status == "skipped" and old and old.get("status") in ("ok", "empty"):
                for key in ("encoding", "title", "lines_in", "lines_out", "removed", "categories", "bytes"):
                    setattr(rec, key, old.get(key, getattr(rec, key)))
            log.write(json.dumps(asdict(rec), ensure_ascii=False) + "\n")
            log.flush()
            summary.add(rec)
            if on_record:
                on_record(rec)
    summary.elapsed = time.monotonic() - started
    return summary


def clean_folder(inputs: Iterable[str | Path], outdir: str | Path, cleaner: Cleaner | None = None, *,
                 globs: Sequence[str] = ("*.txt",), fmt: str = "text", workers: int = 1, resume: bool = False,
                 manifest: str | Path | None = None,
                 on_record: Callable[[FileRecord], None] | None = None) -> BatchSummary:
    """Discover and clean files and folders into ``outdir`` (the mirror of each input tree); see :func:`discover`
    and :func:`run_jobs`. The manifest goes to ``outdir/manifest.jsonl`` unless given."""
    manifest = Path(manifest) if manifest else Path(outdir) / MANIFEST_NAME
    jobs = discover(inputs, outdir, globs=globs, fmt=fmt, manifest=manifest)
    Path(outdir).mkdir(parents=True, exist_ok=True)
    return run_jobs(jobs, cleaner or Cleaner(), manifest, fmt=fmt, workers=workers, resume=resume,
                    on_record=on_record)


class RecordWorker:
    """Cleans the ``field`` of one JSONL record: returns (output line, None), or (None, why the record is bad)."""

    def __init__(self, cleaner: Cleaner, field: str = "text", meta_key: str = "cleantext") -> None:
        self.cleaner, self.field, self.meta_key = cleaner, field, meta_key

    def __call__(self, line: str) -> tuple[str | None, str | None]:
        if _UNDECODED.search(line):
            return None, "not valid UTF-8"
        try:
            record = json.loads(line)
        except ValueError as err:
            return None, f"invalid JSON: {err}"
        if not isinstance(record, dict):
            return None, f"not a JSON object but {type(record).__name__}"
        if self.field not in record:
            return None, f"missing field {self.field!r}"
        value = record[self.field]
        if not isinstance(value, str):
            return None, f"field {self.field!r} is {type(value).__name__}, not a string"
        try:
            result = self.cleaner.clean(value)
        except CleantextError as err:
            return None, str(err).splitlines()[0]
        except Exception as err:  # a bug must not stop the stream; the report names it
            return None, f"unexpected {type(err).__name__}: {err}"
        audit = result.to_dict()
        record[self.field] = audit.pop("text")
        record[self.meta_key] = audit
        return json.dumps(record, ensure_ascii=False) + "\n", None


# Input is read with errors="surrogateescape": bytes that are not UTF-8 become these code points (and pass through).
_UNDECODED = re.compile("[\udc80-\udcff]")


@dataclass(slots=True)
class StreamStats:
    """What a JSONL stream did: records seen, cleaned, bad (each reported), and wall time."""

    records: int = 0
    cleaned: int = 0
    bad: int = 0
    elapsed: float = 0.0


def clean_jsonl(lines: Iterable[str], write: Callable[[str], Any], cleaner: Cleaner | None = None, *,
                field: str = "text", meta_key: str = "cleantext", on_bad: str = "pass", workers: int = 1,
                report: Callable[[int, str], None] | None = None) -> StreamStats:
    """Stream JSONL records from ``lines`` to ``write``: the field is replaced by its clean text and the audit
    (``metadata``, ``removed``) is added under ``meta_key``. A bad record is reported to ``report(line_no, why)``
    and then written unchanged (``on_bad="pass"``) or left out (``"skip"``). Blank lines are not records. Records
    are read in bounded batches, so memory stays flat however long the stream."""
    if on_bad not in ("pass", "skip"):
        raise ValueError(f"on_bad must be pass or skip, not {on_bad!r}")
    started = time.monotonic()
    stats = StreamStats()
    numbered = ((n, line) for n, line in enumerate(lines, 1) if line.strip())
    with WorkerPool(RecordWorker(cleaner or Cleaner(), field, meta_key), workers) as pool:
        while batch := list(islice(numbered, 256 * max(1, workers))):
            for (n, line), (out, why) in zip(batch, pool.map([line for _, line in batch]), strict=True):
                stats.records += 1
                if why is None:
                    stats.cleaned += 1
                    write(out)
                    continue
                stats.bad += 1
                if report:
                    report(n, why)
                if on_bad == "pass":
                    write(line if line.endswith("\n") else line + "\n")
    stats.elapsed = time.monotonic() - started
    return stats
