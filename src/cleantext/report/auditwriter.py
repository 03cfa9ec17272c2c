"""Writing a batch's ``audit.jsonl`` as its files are cleaned, in step with the manifest.

The new audit is written without a name (Linux ``O_TMPFILE``; elsewhere under a short temporary name) and is put
in place with ``os.replace`` (never through a link of that name) at the batch's first manifest checkpoint; from
then on the same file grows under its name and is flushed before every manifest checkpoint. So the audit always
holds at least the records of the files the manifest lists (a run killed by SIGKILL before its first checkpoint
leaves the previous audit and manifest untouched, and no temporary file), and a torn last line, which
:func:`~cleantext.report.auditfile.read_audit` skips, is the worst a kill does. Under ``--resume`` the previous
audit stays open for reading: the records of the files skipped are copied from it, byte for byte.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import IO

from cleantext.run.atomic import TMP_SUFFIX, _anonymous_file, _link_fd, _umask


class AuditWriter:
    """Appends audit lines to a new ``path``; ``previous`` (``--resume``) indexes the last run's audit there."""

    def __init__(self, path: Path, previous: bool = False) -> None:
        self.path = path
        self._old: IO[bytes] | None = None
        self._index: dict[str, tuple[int, int]] = {}
        if previous and path.is_file() and not path.is_symlink():
            self._old = open(path, "rb")  # held open for the run: read after the name is replaced
            self._index = _index(self._old)
        fd = _anonymous_file(path.parent)
        self._tmp: str | None = None
        if fd is None:
            fd, self._tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=TMP_SUFFIX)
            os.fchmod(fd, 0o666 & ~_umask())
        self._named = False
        self._fh: IO[bytes] = os.fdopen(fd, "wb")

    def write(self, line: bytes) -> None:
        self._fh.write(line)

    def previous(self, rel: str) -> bytes | None:
        """The last run's audit line of the file at ``rel`` (its path under its input root), if it had one."""
        where = self._index.get(rel)
        if where is None or self._old is None:
            return None
        self._old.seek(where[0])
        return self._old.read(where[1])

    def checkpoint(self) -> None:
        """Everything written so far is on its way to the file under its name (called before each manifest
        write, so that the audit never lags behind the manifest)."""
        self._fh.flush()
        if not self._named:
            if self._tmp is None:
                self._tmp = str(self.path.parent / f".{os.urandom(6).hex()}{TMP_SUFFIX}")
                _link_fd(self._fh.fileno(), self._tmp)
            os.replace(self._tmp, self.path)
            self._named = True

    def close(self, keep: bool = True) -> None:
        """Name the file (``keep``) or drop it (a run that failed before its first checkpoint), and close."""
        try:
            if keep:
                self.checkpoint()
        finally:
            self._fh.close()
            if self._old is not None:
                self._old.close()
            if not self._named and self._tmp is not None:
                Path(self._tmp).unlink(missing_ok=True)


def _index(fh: IO[bytes]) -> dict[str, tuple[int, int]]:
    """(offset, length) of each file's last line in an audit file, by its path; unreadable lines are ignored."""
    index: dict[str, tuple[int, int]] = {}
    offset = 0
    for line in fh:
        try:
            rec = json.loads(line)
            if isinstance(rec, dict) and isinstance(rec.get("path"), str) and line.endswith(b"\n"):
                index[rec["path"]] = (offset, len(line))
        except (ValueError, UnicodeDecodeError):
            pass
        offset += len(line)
    return index

