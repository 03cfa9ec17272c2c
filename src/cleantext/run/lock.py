"""One run at a time per output folder: an exclusive, non-blocking ``flock`` on the folder itself.

The lock is taken on the folder's own file descriptor (no lock file to leave behind or to be a symlink); the
kernel drops it when the process ends, even by SIGKILL, so a killed run never leaves a stale lock.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class FolderBusyError(RuntimeError):
    """Another process holds the lock of the folder (another ``cleantext clean`` writes into it)."""


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` for the block; raise :class:`FolderBusyError` at once if another process
    holds it. Where the platform has no ``flock`` the block runs unlocked."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise FolderBusyError(f"another cleantext run is writing into {folder} (it holds the folder's "
                                      "lock); wait for it to finish, or choose another OUTDIR") from None
            raise
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
