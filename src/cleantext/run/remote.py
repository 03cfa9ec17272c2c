"""Remote inputs for ``cleantext clean``: ``s3://…``, ``hf://…``, ``memory://…`` paths, read through fsspec.

Only reading lives here: whether a path is remote, the files under a remote folder (the globs, the case-insensitive
matching and the order of a local walk), and one file's bytes with its size checked before anything is read.
fsspec is imported on first use; without it, or without the backend a protocol needs (``s3fs`` for ``s3://``,
``huggingface_hub`` for ``hf://``), a :class:`RemoteError` says what to install.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cleantext.errors import InputTooLargeError

# A URL scheme of two letters or more (a Windows drive, C:/…, is not one).
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+)://")
# Where the backend of a protocol comes from, for the error that says what to install.
BACKENDS: dict[str, str] = {"s3": "s3fs", "s3a": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "hf": "huggingface_hub",
                            "az": "adlfs", "abfs": "adlfs", "sftp": "paramiko", "ssh": "paramiko"}


class RemoteError(OSError):
    """A remote path cannot be listed or read: fsspec or its backend is missing, the protocol is unknown, or the
    file system said no (the message says which)."""


@dataclass(frozen=True)
class RemoteFile:
    """One remote file: its full URL, its path relative to the folder it was found under, and what its file
    system says of its size and modification time (None when it says nothing)."""

    url: str
    rel: str
    size: int | None
    mtime_ns: int | None = None


def protocol(path: object) -> str | None:
    """The URL scheme of ``path`` (``s3``, ``hf``, ``memory``, ``file``…), or None for a plain local path.

    >>> protocol("s3://bucket/corpus"), protocol("hf://datasets/x/y"), protocol("corpus/a.txt"), protocol("C://x")
    ('s3', 'hf', None, None)
    """
    m = _SCHEME.match(str(path)) if isinstance(path, str) else None
    return m.group(1).lower() if m else None


def is_remote(path: object) -> bool:
    """True when ``path`` is a URL to read through fsspec (``file://`` included), not a plain local path."""
    return protocol(path) is not None


def _filesystem(url: str) -> tuple[Any, str]:
    """(fsspec file system, path inside it) of ``url``; a RemoteError names what to install when it cannot."""
    try:
        import fsspec.core
    except ImportError as err:
        raise RemoteError(f"{url}: reading remote paths needs fsspec, which is not installed: pip install fsspec "
                          "(plus the backend of the protocol, e.g. s3fs for s3://)") from err
    proto = protocol(url) or "file"
    try:
        found: tuple[Any, str] = fsspec.core.url_to_fs(url)
        return found
    except ImportError as err:
        backend = BACKENDS.get(proto)
        hint = f": pip install {backend}" if backend else f" ({err})"
        raise RemoteError(f"{url}: fsspec needs a backend for {proto}://{hint}") from err
    except ValueError as err:
        raise RemoteError(f"{url}: fsspec does not know the protocol {proto}:// ({err})") from err


def _mtime_ns(info: dict[str, Any]) -> int | None:
    """The modification time a file system reports, under whichever key it uses, in nanoseconds."""
    for key in ("mtime", "LastModified", "last_modified", "updated", "created"):
        value = info.get(key)
        if isinstance(value, dt.datetime):
            return int(value.timestamp() * 1e9)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return int(value * 1e9)
    return None


def _size(info: dict[str, Any]) -> int | None:
    size = info.get("size")
    return int(size) if isinstance(size, (int, float)) and not isinstance(size, bool) else None


def _matches(name: str, globs: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(name.lower(), g.lower()) for g in globs)


def _walk_order(rel: str) -> list[tuple[int, str]]:
    """The order of a local walk (``os.walk`` top-down, sorted): a folder's files, then its subfolders, by name."""
    parts = rel.split("/")
    return [(1, d) for d in parts[:-1]] + [(0, parts[-1])]


def _info(fs: Any, path: str, url: str, doing: str) -> dict[str, Any]:
    """What the file system says of ``path``; a RemoteError naming ``url`` when it says nothing or fails."""
    try:
        info: dict[str, Any] = fs.info(path)
    except FileNotFoundError as err:
        raise RemoteError(f"{url}: no such file or folder") from err
    except OSError as err:
        raise RemoteError(f"{url}: {doing}: {err}") from err
    return info


def list_remote(root: str, globs: Sequence[str] = ("*.txt",)) -> list[RemoteFile]:
    """The files ``clean`` takes from ``root``: a file named itself is taken whatever its name; a folder is walked
    recursively for names matching ``globs`` (case-insensitive), in the order of a local walk."""
    fs, path = _filesystem(root)
    info = _info(fs, path, root, "cannot list")
    if info.get("type") != "directory":
        return [RemoteFile(root, path.rstrip("/").rsplit("/", 1)[-1], _size(info), _mtime_ns(info))]
    try:
        found = fs.find(path, detail=True)
    except OSError as err:
        raise RemoteError(f"{root}: cannot list: {err}") from err
    base = path.rstrip("/") + "/"
    files = []
    for name, entry in found.items():
        rel = name[len(base):] if name.startswith(base) else name.rsplit("/", 1)[-1]
        if entry.get("type", "file") == "file" and rel and _matches(rel.rsplit("/", 1)[-1], globs):
            files.append(RemoteFile(fs.unstrip_protocol(name), rel, _size(entry), _mtime_ns(entry)))
    return sorted(files, key=lambda f: _walk_order(f.rel))


def stat_remote(url: str) -> RemoteFile:
    """What the file system says of one remote file or folder (its ``rel`` is its name)."""
    fs, path = _filesystem(url)
    info = _info(fs, path, url, "cannot read")
    return RemoteFile(url, path.rstrip("/").rsplit("/", 1)[-1], _size(info), _mtime_ns(info))


def is_remote_dir(url: str) -> bool:
    """True when ``url`` names a folder (to walk) rather than a file; False when it names nothing."""
    fs, path = _filesystem(url)
    try:
        return bool(fs.isdir(path))
    except OSError as err:
        raise RemoteError(f"{url}: cannot read: {err}") from err


def read_remote(url: str, limit: int) -> bytes:
    """The bytes of a remote file, refused with InputTooLargeError when its reported size is over ``limit``
    (before anything is read) or when more than ``limit`` bytes come (the size was unknown or the file grew)."""
    fs, path = _filesystem(url)
    try:
        size = _size(fs.info(path))
        if size is not None and size > limit:
            raise InputTooLargeError(too_large_message(url, size, limit), size=size, limit=limit)
        with fs.open(path, "rb") as f:
            data: bytes = f.read(limit + 1)
    except FileNotFoundError as err:
        raise RemoteError(f"{url}: no such file") from err
    except InputTooLargeError:
        raise
    except OSError as err:
        raise RemoteError(f"{url}: cannot read: {err}") from err
    if len(data) > limit:
        raise InputTooLargeError(too_large_message(url, None, limit), size=len(data), limit=limit)
    return data


def too_large_message(url: str, size: int | None, limit: int) -> str:
    """Why a remote input is refused (the wording of the local one); ``size`` None: it kept coming past the limit."""
    what = f"{size / 1e6:.0f} MB" if size is not None else f"more than {limit} bytes"
    return f"{url}: the input is {what}, over the limit of {limit / 1e6:.0f} MB (CleanerConfig.max_bytes)"
