"""Remote inputs through fsspec, on its in-memory file system: listing with the CLI's globs and order, bounded
reads, and clear errors when fsspec, a backend or a file is missing."""

from __future__ import annotations

import importlib.util
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleantext.errors import InputTooLargeError
from cleantext.run.remote import (
    RemoteError,
    is_remote,
    is_remote_dir,
    list_remote,
    protocol,
    read_remote,
    stat_remote,
)

fsspec = pytest.importorskip("fsspec", reason="fsspec is not installed")

REPORT = "星河文稿整理\n春季运动会工作总结\n同学们积极参与。".encode("gb18030")
TREE = {  # relative path → bytes, written both in memory:// and on disk
    "b.txt": REPORT,
    "A.TXT": b"upper-case name, matched case-insensitively",
    "notes.md": b"not a .txt file",
    "sub/c.txt": "读书笔记".encode(),
    "sub/deeper/d.txt": b"deep",
    "sub/e.txt": b"",
    "zz/f.txt": b"last folder",
}


@pytest.fixture
def root() -> Iterator[str]:
    """A fresh folder of the (process-wide) memory file system, removed afterwards."""
    fs = fsspec.filesystem("memory")
    base = f"/cleantext-test-{uuid.uuid4().hex}"
    for rel, data in TREE.items():
        fs.pipe(f"{base}/{rel}", data)
    yield f"memory://{base}"
    fs.rm(base, recursive=True)


def test_remote_paths_are_told_from_local_ones() -> None:
    assert is_remote("s3://bucket/corpus/") and is_remote("hf://datasets/someone/corpus") and is_remote("memory://x")
    assert protocol("S3://bucket") == "s3" and protocol("file:///tmp/a.txt") == "file"
    assert not is_remote("corpus/a.txt") and not is_remote("/abs/a.txt") and not is_remote("C://Users/a.txt")
    assert not is_remote(Path("s3://bucket"))  # a Path is local by construction (and has lost the //)
    assert not is_remote("-")


def test_a_folder_lists_like_a_local_walk(root: str, tmp_path: Path) -> None:
    from cleantext.run.batch import walk_files

    files = list_remote(root)
    for rel, data in TREE.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(data)
    local = [p.relative_to(tmp_path).as_posix() for p in walk_files(tmp_path)]
    assert [f.rel for f in files] == local  # same globs, same case-insensitivity, same order
    assert [f.rel for f in files] == ["A.TXT", "b.txt", "sub/c.txt", "sub/e.txt", "sub/deeper/d.txt", "zz/f.txt"]
    assert files[1].url == f"{root}/b.txt" and files[1].size == len(REPORT)
    assert [f.rel for f in list_remote(root, globs=("*.md",))] == ["notes.md"]


def test_a_file_named_itself_is_taken_whatever_its_name(root: str) -> None:
    (only,) = list_remote(f"{root}/notes.md")
    assert (only.url, only.rel, only.size) == (f"{root}/notes.md", "notes.md", len(TREE["notes.md"]))
    assert stat_remote(f"{root}/sub/c.txt").size == len(TREE["sub/c.txt"])
    assert is_remote_dir(root) and is_remote_dir(f"{root}/sub") and not is_remote_dir(f"{root}/b.txt")
    assert not is_remote_dir(f"{root}/nothing-here")


def test_read_gives_the_bytes_and_the_cleaner_detects_them(root: str) -> None:
    import cleantext

    data = read_remote(f"{root}/b.txt", limit=1000)
    assert data == REPORT
    assert cleantext.clean(data).metadata.encoding == "gb18030"
    assert read_remote(f"{root}/sub/e.txt", limit=10) == b""


def test_size_is_checked_before_reading(root: str, monkeypatch: pytest.MonkeyPatch) -> None:
    memory = type(fsspec.filesystem("memory"))

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("opened a file that is over the limit")

    monkeypatch.setattr(memory, "open", no_open)
    with pytest.raises(InputTooLargeError, match=r"b\.txt: the input is .* over the limit"):
        read_remote(f"{root}/b.txt", limit=10)


def test_a_file_that_grows_past_its_reported_size_is_refused(root: str, monkeypatch: pytest.MonkeyPatch) -> None:
    memory = type(fsspec.filesystem("memory"))
    real_info = memory.info
    monkeypatch.setattr(memory, "info", lambda self, path, **kw: {**real_info(self, path, **kw), "size": None})
    with pytest.raises(InputTooLargeError, match="more than 10 bytes"):
        read_remote(f"{root}/b.txt", limit=10)


def test_missing_things_give_clear_errors(root: str) -> None:
    with pytest.raises(RemoteError, match="no such file or folder"):
        list_remote(f"{root}/nothing-here")
    with pytest.raises(RemoteError, match="no such file"):
        read_remote(f"{root}/gone.txt", limit=10)
    with pytest.raises(RemoteError, match="does not know the protocol nosuchproto://"):
        list_remote("nosuchproto://bucket/corpus")
    assert issubclass(RemoteError, OSError)  # a read failure, as a local one is


def test_a_missing_backend_is_named() -> None:
    if importlib.util.find_spec("s3fs") is not None:
        pytest.skip("s3fs is installed: the backend is not missing")
    with pytest.raises(RemoteError, match="pip install s3fs"):
        list_remote("s3://some-bucket/corpus")


def test_without_fsspec_the_error_says_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fsspec", None)
    monkeypatch.setitem(sys.modules, "fsspec.core", None)
    with pytest.raises(RemoteError, match="pip install fsspec"):
        list_remote("memory://anything")
