"""Atomic writes: an output appears complete under its name, or not at all.

The file is written without a name (Linux ``O_TMPFILE``; elsewhere under a short temporary name) and put in place
with ``os.replace`` only when complete, so no reader, and no run interrupted even by SIGKILL, ever sees a
half-written output or leaves a temporary one behind.
"""

from __future__ import annotations

import errno
import functools
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

TMP_SUFFIX = ".cleantext-tmp"


@contextmanager
def atomic_output(path: Path, mode: str = "wb", **open_args: Any) -> Iterator[IO[Any]]:
    """A file written without a name (Linux ``O_TMPFILE``; elsewhere under a temporary name) that gets a temporary
    name and is ``os.replace``d onto ``path`` only when the block ends without error: no reader, and no run
    interrupted even by SIGKILL, ever sees a half-written file or leaves a temporary one behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = _anonymous_file(path.parent)  # temporary names are short: a 255-byte name must still fit
    tmp = None if fd is not None else tempfile.mkstemp(dir=path.parent, prefix=".", suffix=TMP_SUFFIX)
    try:
        with os.fdopen(tmp[0] if tmp else fd, mode, **open_args) as f:  # type: ignore[arg-type]
            if tmp is not None:
                os.fchmod(f.fileno(), 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
            yield f
            f.flush()
            if tmp is None:  # name it now that it is complete
                tmp = (-1, str(path.parent / f".{os.urandom(6).hex()}{TMP_SUFFIX}"))
                _link_fd(f.fileno(), tmp[1])
        os.replace(tmp[1], path)
    except BaseException:
        if tmp is not None:
            Path(tmp[1]).unlink(missing_ok=True)
        raise


def _anonymous_file(folder: Path) -> int | None:
    """An unnamed file in ``folder`` (vanishes with the process unless linked), or None where unsupported."""
    if not hasattr(os, "O_TMPFILE") or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o666)
    except OSError as err:
        if err.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):  # a file system without O_TMPFILE
            return None
        raise


def _link_fd(fd: int, name: str) -> None:
    """Give the unnamed file ``fd`` a name: linkat through /proc, following its magic link (plain link() would not)."""
    proc = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.link(str(fd), name, src_dir_fd=proc, follow_symlinks=True)
    finally:
        os.close(proc)


@functools.cache
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_output`)."""
    with atomic_output(path) as f:
        f.write(data)
