"""Folders: discovery, atomic writes, one Cleaner per worker process (:mod:`cleantext.run.pool`), the manifest and
``--resume``. Plain functions and classes, usable from Python as from the ``cleantext`` command line.

>>> import tempfile, pathlib
>>> src = pathlib.Path(tempfile.mkdtemp())
>>> _ = (src / "a.txt").write_text("仅供学习 禁止外传 用后删除\\n标题\\n正文。", encoding="utf-8")
>>> summary = clean_folder([src], src / "out")
>>> summary.counts["ok"], (src / "out" / "a.txt").read_text(encoding="utf-8")
(1, '标题\\n正文。\\n')
>>> import shutil; shutil.rmtree(src)
"""

from __future__ import annotations

import builtins
import copy
import errno
import fnmatch
import json
import logging
import os
import re
import stat
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from cleantext import blockwise
from cleantext.cleaner import Cleaner, Prepared
from cleantext.errors import CleantextError, InputTooLargeError, error_record
from cleantext.report.auditfile import AUDIT_NAME, audit_line, count_record, json_line
from cleantext.report.auditwriter import AuditWriter
from cleantext.result import SCHEMA_VERSION, Metadata, Removal
from cleantext.run import remote
from cleantext.run.atomic import write_atomic
from cleantext.run.auditspool import AuditSpool, copy_line
from cleantext.run.lock import FolderBusyError, folder_lock
from cleantext.run.pool import WorkerPool

# Statuses of a manifest record. "empty": a zero-byte input, cleaned to an empty output (not a failure).
STATUSES = ("ok", "empty", "failed", "skipped")
MANIFEST_NAME = "manifest.jsonl"


class BatchSetupError(CleantextError, ValueError):
    """The batch cannot start as asked (OUTDIR is an input folder, …): a usage error, not a per-file failure.
    Also a ``ValueError``, as it always was."""


class DiscoveryError(CleantextError):
    """An input that discovery already knows cannot be cleaned (its output would overwrite an input or leave
    OUTDIR, its folder cannot be listed…): one failed file, recorded, while the batch goes on."""


class BatchBusyError(BatchSetupError):
    """Another run holds the lock of OUTDIR (two runs into one folder would tear its manifest)."""

# Input bytes that all workers together may hold at once (see run_jobs). A document needs several times its size
# while it is cleaned: with the default, -j N workers never hold more than about one maximal document between them.
DEFAULT_MEMORY_BUDGET = 1 << 30
# The manifest is rewritten in full (atomically) at most this often while a batch runs, and once at the end.
CHECKPOINT_SECONDS = 2.0
# Where an unexpected exception's traceback goes (a bug, recorded as a failed file rather than stopping the batch).
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Job:
    """One input file: where it is, its path relative to its input root, where its output goes; ``problem`` is set
    when discovery already knows it cannot be cleaned (its output would overwrite an input, leave OUTDIR…)."""

    src: str
    rel: str
    out: str
    problem: str | None = None
    skip: str | None = None  # not cleaned on purpose (a symbolic link leading out of its input folder)
    # What the profile pass read of the file: ((size, mtime_ns) when read, the Prepared document), cleaned instead
    # of reading the file again while it is unchanged (see cleantext.evidence.profile.learn_and_prepare).
    prepared: tuple[tuple[int, int], Prepared] | None = None


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
    # The failure as data (``errors.error_record``: type, message, and rule_id, line, file… when the error has them).
    error_detail: dict[str, Any] | None = None
    # What --resume matches on: the input's resolved path, size and modification time when it was cleaned (so that
    # a path typed another way, relative or absolute, is still the same input).
    source: str | None = None
    size: int | None = None
    mtime_ns: int | None = None
    copies: int | None = None  # documents of the profiled collection with this body (set when over 1)
    schema_version: int = SCHEMA_VERSION  # of the record's shape (``cleantext schema --what manifest``)
    # This file's audit.jsonl line (UTF-8 JSON), carried from the worker process to the parent, which writes it
    # and drops it; never part of the manifest.
    audit: builtins.bytes | None = field(default=None, repr=False, compare=False)  # not the field ``bytes``
    # Instead of ``audit``, for a document cleaned block-wise: a temporary file holding its audit line (which can
    # be hundreds of MB), copied to the audit file by the parent, then deleted; never part of the manifest.
    audit_file: str | None = field(default=None, repr=False, compare=False)

    def fail(self, message: str, err: BaseException) -> None:
        """Record a failure: ``error`` the words a person reads, ``error_detail`` the error as data."""
        self.error, self.error_detail = message, error_record(err)

    def cleaned(self, status: str, md: Metadata, removed: Sequence[Removal]) -> None:
        """Record a clean: its status and what the manifest keeps of its metadata and removals."""
        self.counted(status, md, len(removed), dict(Counter(r.category for r in removed)))

    def counted(self, status: str, md: Metadata, removed: int, categories: dict[str, int]) -> None:
        """``cleaned`` from the removals' counts alone (a block-wise clean keeps no list of them)."""
        self.status = status
        self.encoding, self.title, self.lines_in, self.lines_out = md.encoding, md.title, md.lines_in, md.lines_out
        self.removed, self.categories = removed, categories

    def manifest_dict(self) -> dict[str, Any]:
        """The manifest line's fields (everything but the audit payload), in field order. Built by hand, not by
        ``dataclasses.asdict``: its recursive copy was the parent's largest cost per file under ``-j N``."""
        d = {name: getattr(self, name) for name in _MANIFEST_FIELDS}
        d["categories"] = dict(self.categories)
        if self.error_detail is not None:
            d["error_detail"] = copy.deepcopy(self.error_detail)
        return d


_MANIFEST_FIELDS = tuple(f.name for f in fields(FileRecord) if f.name not in ("audit", "audit_file"))


@dataclass(slots=True)
class BatchSummary:
    """What a batch did: records per status, bytes read, removals by category, wall time."""

    counts: Counter[str] = field(default_factory=Counter)
    bytes_in: int = 0
    categories: Counter[str] = field(default_factory=Counter)
    failures: list[FileRecord] = field(default_factory=list)
    elapsed: float = 0.0
    resumed: int = 0  # skipped by --resume: same resolved path, size and mtime as a done record of the last run
    changed: int = 0  # cleaned again under --resume: the last run did it, but the input changed since

    def add(self, rec: FileRecord) -> None:
        self.counts[rec.status] += 1
        if rec.status == "failed":
            self.failures.append(rec)
        if rec.status != "skipped":
            self.bytes_in += rec.bytes
            self.categories.update(rec.categories)



def output_name(rel: str, fmt: str) -> str:
    """The output's path under OUTDIR: the same relative path (``text``) or with ``.json`` appended (``json``)."""
    return rel + ".json" if fmt == "json" else rel


def _matches(name: str, globs: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(name.lower(), g.lower()) for g in globs)


def _walk(root: Path, globs: Sequence[str], skip: set[Path], errors: list[OSError], follow: bool,
          passed: Counter[str] | None = None) -> Iterator[Path]:
    """Files under ``root`` whose name matches a glob, sorted, without entering ``skip`` (OUTDIR) or a folder twice
    (symlink loops); folders that cannot be listed go to ``errors``. Unfollowed folder links come out as files.
    ``passed`` counts the other files by extension (``.md``; ``""`` for none)."""
    seen = {*skip, _real(root)}
    for top, dirs, files in os.walk(root, onerror=errors.append, **({"followlinks": True} if follow else {})):
        links, keep = [], []
        for d in sorted(dirs):
            if not follow and Path(top, d).is_symlink():
                links.append(d)
            elif (real := _real(Path(top, d))) not in seen:
                seen.add(real)
                keep.append(d)
        dirs[:] = keep
        for f in sorted(files + links):
            if f in links or _matches(f, globs):
                yield Path(top, f)
            elif passed is not None:
                passed[os.path.splitext(f)[1].lower()] += 1


def walk_files(root: str | Path, globs: Sequence[str] = ("*.txt",)) -> list[Path]:
    """The files ``clean`` would take from folder ``root`` (names matching ``globs``, sorted; links not followed
    out of it), for commands that read folders without writing outputs (``detect``)."""
    return list(_walk(Path(root), globs, set(), [], False))


def _real(path: Path) -> Path:
    """``path`` with every symbolic link resolved; a link loop does not raise (``Path.resolve`` does on 3.11)."""
    return Path(os.path.realpath(path))


def _real_files(paths: Iterable[str | Path]) -> set[str]:
    """``{os.path.realpath(p) for p in paths}`` at one ``lstat`` per file: a name that is not a symbolic link
    resolves to its folder's real path (resolved once per folder) joined with the name. Strings, not Paths: a
    folder of 200 000 files spends seconds building and hashing Path objects."""
    folders: dict[str, str] = {}
    found: set[str] = set()
    for p in paths:
        name = os.fspath(p)
        if os.path.islink(name):
            found.add(os.path.realpath(name))
            continue
        folder, base = os.path.split(name)
        if base in ("", ".", ".."):
            found.add(os.path.realpath(name))
            continue
        if folder not in folders:
            folders[folder] = os.path.realpath(folder or ".")
        found.add(os.path.join(folders[folder], base))
    return found


def _prefix(root: str) -> str:
    """What every path inside ``root`` (a path's ``str``) starts with: ``root/``, or nothing for ``.``."""
    return "" if root == "." else root if root.endswith("/") else root + "/"


def _inside(path: str, root: str) -> bool:
    """``Path(path).is_relative_to(root)`` for real (absolute, normalized) paths, on strings."""
    return path == root or path.startswith(_prefix(root))


def _rel(src: Path, root: Path) -> str:
    """``src.relative_to(root).as_posix()`` for a file found by walking ``root``: its name past the root's prefix
    (what :func:`_walk` built it from), or pathlib's answer where that shortcut does not apply."""
    s, prefix = str(src), _prefix(str(root))
    if os.sep == "/" and s.startswith(prefix) and not (prefix == "" and s.startswith(("/", ".."))):
        return s[len(prefix):]
    return src.relative_to(root).as_posix()


def _link_problem(src: Path, root: Path) -> tuple[str | None, str | None]:
    """(problem, skip) of a symbolic link found by walking ``root``: a loop, broken, or leading out of ``root``."""
    target = Path(os.readlink(src))
    try:
        src.stat()
    except OSError as err:
        if err.errno == errno.ELOOP:
            return f"a symbolic link loop (to {target}, which leads back to itself)", None
        return f"a broken symbolic link (to {target})", None
    if not _real(src).is_relative_to(_real(root)):
        return None, f"a symbolic link to {_real(src)}, outside the input folder: not followed (--follow-symlinks)"
    return None, None


def discover(inputs: Iterable[str | Path], outdir: str | Path, *, globs: Sequence[str] = ("*.txt",),
             fmt: str = "text", manifest: str | Path | None = None, follow_symlinks: bool = False,
             audit: bool = True, passed_over: Counter[str] | None = None) -> list[Job]:
    """Every input file with its output path. Folders are walked recursively (only names matching ``globs``, case
    insensitive; OUTDIR is never entered); files named explicitly are taken whatever their name. Symbolic links
    that lead out of their input folder are skipped unless ``follow_symlinks``; broken ones fail. The manifest
    and (``audit``) the audit file beside it must be safe to write (:func:`check_manifest`); no output may take
    their names. ``passed_over`` counts, by extension, the files of the folders that no glob matched."""
    out_root = _real(Path(outdir))
    pairs: list[tuple[Path, Path, bool]] = []  # (file, its input root, found by walking the root)
    jobs: list[Job] = []
    remote_files: list[remote.RemoteFile] = []  # s3://…, hf://…: listed through fsspec, never a local path
    local: list[Path] = []
    for raw in inputs:
        if remote.is_remote(raw):
            try:
                remote_files.extend(remote.list_remote(str(raw), globs))
            except remote.RemoteError as err:
                raise BatchSetupError(str(err)) from None
        else:
            local.append(Path(raw))
    for item in local:
        if item.is_dir():
            if _real(item) == out_root:
                raise BatchSetupError(f"OUTDIR {outdir} is the input folder {item} itself; choose another folder")
            errors: list[OSError] = []
            pairs.extend((f, item, True) for f in _walk(item, globs, {out_root}, errors, follow_symlinks, passed_over))
            for failure in errors:
                where = Path(failure.filename or item)
                rel = where.relative_to(item).as_posix() if where.is_relative_to(item) else str(where)
                jobs.append(Job(str(where), rel, "", f"cannot list the folder: {failure.strerror or failure}"))
        elif item.exists():
            pairs.append((item, item.parent, False))
        else:
            raise BatchSetupError(f"{item}: no such file or folder")
    sources = _real_files(src for src, _, _ in pairs)
    manifest_path = Path(manifest) if manifest else Path(outdir) / MANIFEST_NAME
    inside = out_root if manifest is None else None
    real_manifest = check_manifest(manifest_path, sources, inside)
    taken: dict[str, str] = {str(real_manifest): "the manifest"}
    audit_path = manifest_path.with_name(AUDIT_NAME)
    taken[str(check_manifest(audit_path, sources, inside, "audit file")) if audit else
          os.path.join(_real(audit_path.parent), audit_path.name)] = "the audit file"
    # Per file, on strings (os.path), not Paths: this loop runs once per input file, before any is cleaned.
    out_prefix, root_s = _prefix(str(Path(outdir))), str(out_root)
    real_dirs: dict[str, str] = {}
    for src, root, walked in pairs:
        link = walked and src.is_symlink()
        problem, skip = _link_problem(src, root) if link else (None, None)
        # A walked name that is not a link is not a folder (os.walk lists folders apart); a named one was checked.
        if problem is skip is None and link and src.is_dir():
            continue  # a folder link inside the tree, not followed: its folder is walked anyway
        skip = None if follow_symlinks else skip
        rel = _rel(src, root) if walked else src.relative_to(root).as_posix()
        out = out_prefix + output_name(rel, fmt)
        # os.replace writes the name itself (never through a symlink of that name): resolve only the folder.
        folder, name = os.path.split(out)
        if folder not in real_dirs:
            real_dirs[folder] = os.path.realpath(folder or ".")
        real = os.path.join(real_dirs[folder], name)
        if problem or skip:
            pass
        elif real in sources:
            problem = f"its output {out} would overwrite an input file; choose another OUTDIR"
        elif not _inside(real, root_s):
            problem = f"its output {out} would leave OUTDIR (a symbolic link?)"
        elif real in taken:
            problem = f"its output {out} is also the output of {taken[real]}"
        if not (problem or skip):
            taken.setdefault(real, str(src))
        jobs.append(Job(str(src), rel, out, problem, skip))
    for rf in remote_files:  # a remote input cannot be an output or the manifest: only outputs may collide
        out_path = Path(outdir) / output_name(rf.rel, fmt)
        real = os.path.join(_real(out_path.parent), out_path.name)
        problem = f"its output {out_path} is also the output of {taken[real]}" if real in taken else None
        taken.setdefault(real, rf.url)
        jobs.append(Job(rf.url, rf.rel, str(out_path), problem))
    return jobs


def check_manifest(path: Path, sources: set[str], inside: Path | None = None, what: str = "manifest") -> Path:
    """The real path the manifest (or, ``what``, the audit file beside it) will be written to, or
    :class:`BatchSetupError` when it would replace an input (by name or as a hard link), be written through a
    symbolic link, or (``inside``: the default manifest) land outside OUTDIR. Like every output it is then written
    atomically under its own name."""
    real = _real(path.parent) / path.name
    if path.is_symlink():
        raise BatchSetupError(f"the {what} {path} is a symbolic link (to {os.readlink(path)}); it is never "
                              "written through a link: remove the link or choose another --manifest")
    if str(real) in sources:
        raise BatchSetupError(f"the {what} {path} is an input file; inputs are never overwritten: choose another "
                              "--manifest or OUTDIR")
    if inside is not None and not real.is_relative_to(inside):
        raise BatchSetupError(f"the {what} {path} would be written outside OUTDIR {inside} (a symbolic link?)")
    try:
        info = real.stat()
    except OSError:
        return real
    if info.st_nlink > 1 and any(_same_file(info, s) for s in sources):
        raise BatchSetupError(f"the {what} {path} is a hard link to an input file; inputs are never overwritten")
    if stat.S_ISDIR(info.st_mode):
        raise BatchSetupError(f"the {what} {path} is a folder")
    return real


def _same_file(info: os.stat_result, other: str) -> bool:
    try:
        o = os.stat(other)
    except OSError:
        return False
    return (o.st_ino, o.st_dev) == (info.st_ino, info.st_dev)


def too_large(size: int, limit: int) -> str:
    """The reason given for an input over ``CleanerConfig.max_bytes`` (the words of ``InputTooLargeError``)."""
    return f"the input is {size / 1e6:.0f} MB, over the limit of {limit / 1e6:.0f} MB (CleanerConfig.max_bytes)"


def too_large_error(size: int, limit: int) -> InputTooLargeError:
    """The error of an input over the limit, found before the cleaner saw it (its size on disk, or what was read)."""
    return InputTooLargeError(too_large(size, limit), size=size, limit=limit)


def job_weight(job: Job) -> int:
    """The bytes one job reads (its input's size): what it takes from the workers' shared memory budget."""
    try:
        if job.problem or job.skip:
            return 0
        return (remote.stat_remote(job.src).size or 0) if remote.is_remote(job.src) else os.stat(job.src).st_size
    except OSError:
        return 0


class FileWorker:
    """Cleans one Job: reads the input, writes the output atomically, returns a small FileRecord. One instance
    (one Cleaner) lives in each worker process. ``resume``: skip outputs newer than their input (all, or only
    those in the given set). ``audit``: the record carries the file's audit line (see
    :mod:`cleantext.report.auditfile`: the removals and the part of the normalized text a file view needs).
    ``with_normalized``: JSON outputs also carry the normalized text (a replayable audit)."""

    def __init__(self, cleaner: Cleaner, fmt: str = "text",
                 resume: bool | frozenset[str] | dict[str, ResumeKey] = False, audit: bool = False,
                 with_normalized: bool = False) -> None:
        self.cleaner, self.fmt, self.resume, self.audit = cleaner, fmt, resume, audit
        self.with_normalized = with_normalized

    def _done_before(self, job: Job, info: os.stat_result) -> bool:
        """Whether ``--resume`` skips this job: its output exists and the last run cleaned this very input (same
        resolved path, size and mtime); a record of an older manifest without them: its output is newer."""
        out = Path(job.out)
        if not self.resume or not out.exists():
            return False
        if isinstance(self.resume, dict):
            key = self.resume.get(output_key(job.out))
            if key is None:
                return False
            if key[0] is not None:
                return key == (_real(Path(job.src)).as_posix(), info.st_size, info.st_mtime_ns)
        elif self.resume is not True and job.out not in self.resume:
            return False
        return out.stat().st_mtime_ns > info.st_mtime_ns

    def __call__(self, job: Job) -> FileRecord:
        rec = FileRecord(job.rel, job.src, job.out, "skipped" if job.skip else "failed", error=job.skip)
        if job.problem:
            rec.fail(job.problem, DiscoveryError(job.problem))
            return rec
        if rec.error:
            return rec
        if remote.is_remote(job.src):
            return self._clean_remote(job, rec)
        src = Path(job.src)
        try:
            info = src.stat()
            if not stat.S_ISREG(info.st_mode):  # never open a FIFO or a device: reading it could block for ever
                folder = stat.S_ISDIR(info.st_mode)
                why = "a folder, not a file" if folder else "not a regular file"
                rec.fail(why, OSError(errno.EISDIR if folder else errno.EINVAL, why, job.src))
                return rec
            rec.source, rec.size, rec.mtime_ns = _real(src).as_posix(), info.st_size, info.st_mtime_ns
            if self._done_before(job, info):
                rec.status = "skipped"
                return rec
            limit = self.cleaner.config.max_bytes
            if info.st_size > limit:  # checked before reading: a 30 GB file must not be read to be refused
                rec.fail(too_large(info.st_size, limit), too_large_error(info.st_size, limit))
                rec.bytes = info.st_size
                return rec
            if job.prepared is not None and job.prepared[0] == (info.st_size, info.st_mtime_ns):
                return self._clean_and_write(job, rec, job.prepared[1])  # read once, by the profile pass
            if self.fmt == "text" and info.st_size >= blockwise.BLOCKWISE_MIN_BYTES:
                done = self._clean_in_blocks(job, rec, src)
                if done is not None:
                    return done
            with src.open("rb") as f:
                data = f.read(limit + 1)  # bounded: the file may have grown since stat
            if len(data) > limit:
                rec.fail(too_large(len(data), limit), too_large_error(len(data), limit))
                rec.bytes = len(data)
                return rec
        except OSError as err:
            rec.fail(f"cannot read: {err.strerror or err}", err)
            return rec
        return self._clean_and_write(job, rec, data)

    def _clean_remote(self, job: Job, rec: FileRecord) -> FileRecord:
        """A job whose input is a URL (fsspec): its size checked before reading, then cleaned as a local one."""
        try:
            info = remote.stat_remote(job.src)
            rec.source, rec.size, rec.mtime_ns = job.src, info.size, info.mtime_ns
            if self._done_remote(job, info):
                rec.status = "skipped"
                return rec
            data = remote.read_remote(job.src, self.cleaner.config.max_bytes)
        except InputTooLargeError as err:
            rec.fail(str(err), err)
            rec.bytes = info.size or 0
            return rec
        except OSError as err:  # RemoteError included: what the file system said
            rec.fail(f"cannot read: {err}", err)
            return rec
        return self._clean_and_write(job, rec, data)

    def _done_remote(self, job: Job, info: remote.RemoteFile) -> bool:
        """``--resume`` for a URL: the last run cleaned this very input (same URL, size and modification time)."""
        if not isinstance(self.resume, dict) or not Path(job.out).exists():
            return False
        key = self.resume.get(output_key(job.out))
        return key is not None and info.mtime_ns is not None and key == (job.src, info.size, info.mtime_ns)

    def _clean_in_blocks(self, job: Job, rec: FileRecord, src: Path) -> FileRecord | None:
        """A huge file cleaned block by block, its output written as it goes (:mod:`cleantext.blockwise`: memory
        stays near the document's size); None when it declines (the result could differ): then it is cleaned
        whole. With the audit on, its removals are spooled to disk as they are decided and its audit line is
        written to a temporary file (``rec.audit_file``, :mod:`cleantext.run.auditspool`), never held whole."""
        spool = AuditSpool() if self.audit else None
        try:
            try:
                done = blockwise.clean_file(self.cleaner, src, job.out, spool)
            except CleantextError as err:
                rec.fail(str(err), err)
                return rec
            except OSError as err:
                rec.fail(f"cannot write {job.out}: {err.strerror or err}", err)
                return rec
            if done is None:
                return None
            rec.bytes = rec.size or 0
            rec.counted("ok", done.metadata, done.removal_count, done.categories)
            if spool is not None:
                rec.audit_file = _spool_line(spool, done.audit_record(job.rel, status=rec.status))
        finally:
            if spool is not None:
                spool.close()
        return rec

    def _clean_and_write(self, job: Job, rec: FileRecord, data: bytes | Prepared) -> FileRecord:
        out = Path(job.out)
        rec.bytes = (data.size or 0) if isinstance(data, Prepared) else len(data)
        try:
            result = self.cleaner.clean(data)
        except CleantextError as err:
            rec.fail(str(err), err)
            return rec
        except Exception as err:  # a bug must not stop the batch; the record names it, the debug log has its trace
            log.debug("unexpected error cleaning %s", job.src, exc_info=True)
            rec.fail(f"unexpected {type(err).__name__}: {err}", err)
            return rec
        if self.fmt == "json":
            payload = json.dumps(result.to_dict(self.with_normalized), ensure_ascii=False, indent=2) + "\n"
        else:
            payload = result.text + "\n" if result.text else ""
        try:
            write_atomic(out, payload.encode("utf-8"))
        except OSError as err:
            rec.fail(f"cannot write {out}: {err.strerror or err}", err)
            return rec
        rec.cleaned("ok" if rec.bytes else "empty", result.metadata, result.removed)
        if self.cleaner.profile is not None and (copies := self.cleaner.profile.copies_of(result.normalized)) > 1:
            rec.copies = copies
        if self.audit:
            rec.audit = audit_line(job.rel, result, status=rec.status)
        return rec


def _spool_line(spool: AuditSpool, record: dict[str, Any]) -> str:
    """The audit line of ``record`` and the spooled removals, written to a new temporary file: its path."""
    fd, path = tempfile.mkstemp(prefix="cleantext-audit-", suffix=".jsonl")
    try:
        with os.fdopen(fd, "wb") as fh:
            spool.write_line(record, fh)
    except BaseException:
        os.unlink(path)
        raise
    return path


# (resolved input path, size, mtime_ns) of a done record; (None, None, None) for a record of an older manifest.
ResumeKey = tuple[str | None, int | None, int | None]


def output_key(out: str) -> str:
    """An output path as --resume matches it: resolved, so that ``out`` and ``/abs/out`` are one output."""
    path = Path(out)
    return (_real(path.parent) / path.name).as_posix()


def resume_keys(previous: dict[str, dict[str, Any]]) -> dict[str, ResumeKey]:
    """What --resume needs of the last manifest's done records, by resolved output path."""
    keys: dict[str, ResumeKey] = {}
    for out, old in previous.items():
        keys[output_key(out)] = (old.get("source"), old.get("size"), old.get("mtime_ns"))
    return keys


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


def _json_line(record: dict[str, Any]) -> str:
    """One manifest line; a file name that is not UTF-8 (its bytes kept as surrogates) is written \\u-escaped."""
    line = json.dumps(record, ensure_ascii=False)
    return (line if line.isascii() or not _SURROGATE.search(line) else json.dumps(record)) + "\n"


_SURROGATE = re.compile("[\ud800-\udfff]")


def run_jobs(jobs: Sequence[Job], cleaner: Cleaner, manifest: str | Path, *, fmt: str = "text", workers: int = 1,
             resume: bool = False, on_record: Callable[[FileRecord], None] | None = None,
             outdir: str | Path | None = None, memory_budget: int = DEFAULT_MEMORY_BUDGET,
             audit: bool = True, with_normalized: bool = False, kept: Any = None) -> BatchSummary:
    """Clean every job, in order, with one manifest line per job. The manifest is written atomically (never torn,
    never through a link) and rewritten every few seconds as jobs finish, so a killed run leaves a recent, valid
    manifest. ``outdir`` (default: the manifest's folder) is locked for the run: a second run into it fails at once
    with :class:`BatchBusyError`. Workers share ``memory_budget`` bytes of input: a job waits while the others
    hold too much (a job larger than the budget runs alone). With ``resume``, only outputs that the previous
    manifest records as done are skipped (an output written just before a kill, but not recorded, is cleaned
    again), and a skipped job keeps what that manifest knew about it. With ``audit`` the batch also writes
    ``audit.jsonl`` beside the manifest (:mod:`cleantext.report.auditwriter`), one record per job in the same order:
    what ``cleantext report`` shows per rule and per file; a job skipped by ``resume`` keeps its last record.
    ``kept``: the :class:`~cleantext.evidence.profile.PreparedFiles` of a profile pass over these files; a job
    whose file is unchanged since is cleaned from what that pass read instead of reading the file again."""
    started = time.monotonic()
    if kept is not None and len(kept):
        jobs = [replace(j, prepared=kept.docs.pop(j.src, None)) for j in jobs]
    manifest = Path(manifest)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    lock_dir = Path(outdir) if outdir is not None else manifest.parent
    lock_dir.mkdir(parents=True, exist_ok=True)
    try:
        with folder_lock(lock_dir):
            return _run_locked(jobs, cleaner, manifest, fmt, workers, resume, on_record, memory_budget, started,
                               audit, with_normalized)
    except FolderBusyError as err:
        raise BatchBusyError(str(err)) from None


def _run_locked(jobs: Sequence[Job], cleaner: Cleaner, manifest: Path, fmt: str, workers: int, resume: bool,
                on_record: Callable[[FileRecord], None] | None, memory_budget: int, started: float,
                audit: bool, with_normalized: bool = False) -> BatchSummary:
    sources = _real_files(j.src for j in jobs)
    check_manifest(manifest, sources)  # again under the lock: it may have changed
    audit_path = manifest.with_name(AUDIT_NAME)
    if audit:
        check_manifest(audit_path, sources, what="audit file")
    else:
        _drop_stale_audit(audit_path, sources)
    previous = {out: old for out, old in _previous_records(manifest).items()
                if resume and old.get("status") in ("ok", "empty", "skipped") and not old.get("error")}
    summary = BatchSummary()
    workers = max(1, min(workers, len(jobs)))
    resume_by = resume_keys(previous)
    worker = FileWorker(cleaner, fmt, resume_by, audit, with_normalized)
    previous = {output_key(out): old for out, old in previous.items()}
    lines: list[str] = []
    last_write, write_cost = time.monotonic(), 0.0

    writer = AuditWriter(audit_path, previous=resume) if audit else None

    def checkpoint() -> None:
        nonlocal last_write, write_cost
        t = time.monotonic()
        if writer is not None:
            writer.checkpoint()  # first: the audit holds at least the records the manifest lists
        write_atomic(manifest, "".join(lines).encode("utf-8"))
        last_write, write_cost = time.monotonic(), time.monotonic() - t

    interrupted: BaseException | None = None
    ok = False
    try:
        with WorkerPool(worker, workers, weight=job_weight, budget=memory_budget) as pool:
            try:
                for rec in pool.map(list(jobs)):
                    resumed = _merge_previous(rec, previous, summary)
                    payload, rec.audit = rec.audit, None
                    spooled, rec.audit_file = rec.audit_file, None
                    try:
                        if writer is not None and spooled is not None:
                            copy_line(spooled, writer)
                        elif writer is not None:
                            writer.write(_audit_payload(rec, payload, writer, resumed))
                    finally:
                        if spooled is not None:
                            os.unlink(spooled)
                    lines.append(_json_line(rec.manifest_dict()))
                    summary.add(rec)
                    if on_record:
                        on_record(rec)
                    # Rewriting the whole manifest costs O(records): never spend more than a tenth of the time on it.
                    if time.monotonic() - last_write > max(CHECKPOINT_SECONDS, 10 * write_cost):
                        checkpoint()
            except KeyboardInterrupt as err:  # record what is done, then let the interrupt stop the workers
                interrupted = err
            checkpoint()
            ok = True
            if interrupted is not None:
                raise interrupted
    finally:
        if writer is not None:
            writer.close(keep=ok)
    summary.elapsed = time.monotonic() - started
    return summary


def _drop_stale_audit(path: Path, sources: set[str]) -> None:
    """A run without an audit removes the last run's ``audit.jsonl`` (a report would show its stale removals for
    the files cleaned again), unless that name is a link, an input, or not a file that starts with an audit
    record: then it is left alone."""
    try:
        check_manifest(path, sources, what="audit file")
        with path.open("rb") as fh:
            first = json.loads(fh.readline())
    except (BatchSetupError, OSError, ValueError):
        return
    if isinstance(first, dict) and {"path", "status", "result"} <= first.keys():
        path.unlink(missing_ok=True)


def _merge_previous(rec: FileRecord, previous: dict[str, dict[str, Any]], summary: BatchSummary) -> bool:
    """A job skipped by --resume keeps what the last manifest knew of it (returns True); a job the last run did
    but that was cleaned again counts as changed."""
    done_before = previous.get(output_key(rec.output)) if rec.output and previous else None
    if rec.status == "skipped" and done_before is not None and not rec.error:
        summary.resumed += 1
        for key in ("encoding", "title", "lines_in", "lines_out", "removed", "categories", "bytes", "copies"):
            setattr(rec, key, done_before.get(key, getattr(rec, key)))
        return True
    if done_before is not None and rec.status != "skipped":
        summary.changed += 1
    return False


def _audit_payload(rec: FileRecord, payload: bytes | None, writer: AuditWriter, resumed: bool) -> bytes:
    """The audit line of a job: the worker's (a cleaned file), the last run's (skipped by --resume; when that run
    wrote none, the manifest's counts by category), or one made of the record (failed or skipped)."""
    if payload is not None:
        return payload
    if resumed:
        old = writer.previous(rec.path)
        if old is not None:
            return old
        return json_line(count_record(rec.manifest_dict()))
    return audit_line(rec.path, None, status=rec.status, encoding=rec.encoding, error=rec.error,
                      error_detail=rec.error_detail)


def clean_folder(inputs: Iterable[str | Path], outdir: str | Path, cleaner: Cleaner | None = None, *,
                 globs: Sequence[str] = ("*.txt",), fmt: str = "text", workers: int = 1, resume: bool = False,
                 manifest: str | Path | None = None, follow_symlinks: bool = False,
                 on_record: Callable[[FileRecord], None] | None = None,
                 memory_budget: int = DEFAULT_MEMORY_BUDGET, audit: bool = True) -> BatchSummary:
    """Discover and clean files and folders into ``outdir`` (the mirror of each input tree); see :func:`discover`
    and :func:`run_jobs`. The manifest goes to ``outdir/manifest.jsonl`` unless given, the audit beside it."""
    manifest = Path(manifest) if manifest else Path(outdir) / MANIFEST_NAME
    jobs = discover(inputs, outdir, globs=globs, fmt=fmt, manifest=manifest, follow_symlinks=follow_symlinks,
                    audit=audit)
    Path(outdir).mkdir(parents=True, exist_ok=True)
    return run_jobs(jobs, cleaner or Cleaner(), manifest, fmt=fmt, workers=workers, resume=resume,
                    on_record=on_record, outdir=outdir, memory_budget=memory_budget, audit=audit)
