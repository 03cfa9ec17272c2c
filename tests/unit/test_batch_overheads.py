"""What the parent process of a batch does per file, made cheaper for ``-j N`` (issue 17), must say the same as
the slower forms it replaces: the manifest line of a record and the real paths of the inputs."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from cleantext.run import batch
from cleantext.run.batch import FileRecord

from ..learn.collection import make_collection


def _asdict_line(rec: FileRecord) -> dict:
    d = dataclasses.asdict(rec)
    del d["audit"], d["audit_file"]
    return d


def test_a_manifest_line_is_the_record_without_its_audit_in_field_order() -> None:
    rec = FileRecord("a/b.txt", "/in/a/b.txt", "/out/a/b.txt", "failed", encoding="gb18030", title="标题",
                     categories={"promo": 2, "watermark": 1}, error="cannot read",
                     error_detail={"type": "OSError", "message": "x", "nested": {"line": [3, 4]}},
                     audit=b'{"path": "a/b.txt"}\n', audit_file="/tmp/x")
    line = rec.manifest_dict()
    assert line == _asdict_line(rec)
    assert list(line) == list(_asdict_line(rec))
    assert "audit" not in line and "audit_file" not in line


def test_a_manifest_line_shares_nothing_mutable_with_its_record() -> None:
    rec = FileRecord("a.txt", "/in/a.txt", "/out/a.txt", "ok", categories={"promo": 1},
                     error_detail={"type": "E", "nested": {"k": [1]}})
    line = rec.manifest_dict()
    line["categories"]["promo"] = 9
    line["error_detail"]["nested"]["k"].append(2)
    assert rec.categories == {"promo": 1} and rec.error_detail == {"type": "E", "nested": {"k": [1]}}


def test_real_files_resolves_as_realpath_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    for name in ("a.txt", "sub/b.txt"):
        (real / name).write_text("x", encoding="utf-8")
    (tmp_path / "via").symlink_to(real, target_is_directory=True)  # a linked folder
    (real / "link.txt").symlink_to(real / "sub" / "b.txt")  # a linked file
    (real / "loop.txt").symlink_to(real / "loop.txt")  # a loop: realpath does not raise
    (real / "gone.txt").symlink_to(real / "nowhere.txt")  # broken
    monkeypatch.chdir(real)
    paths = [str(real / "a.txt"), str(tmp_path / "via" / "sub" / "b.txt"), str(real / "link.txt"), "a.txt",
             "sub/../a.txt", os.path.join("sub", "b.txt"), str(real / "loop.txt"), str(real / "gone.txt"),
             str(real / "missing.txt"), Path(tmp_path / "via" / "a.txt")]
    assert batch._real_files(paths) == {os.path.realpath(p) for p in paths}
    assert batch._real_files([]) == set()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> list[Path]:
    root = tmp_path_factory.mktemp("meanwhile")
    paths = []
    for i, doc in enumerate(make_collection(12, seed=5)):
        path = root / f"doc{i:02d}.txt"
        path.write_bytes(doc.text.encode("utf-8"))
        paths.append(path)
    return paths


def test_a_bad_pattern_file_stops_a_two_worker_batch_with_a_usage_error(tmp_path: Path, folder: list[Path]) -> None:
    from click.testing import CliRunner

    from cleantext.cli.main import cli

    bad = tmp_path / "bad.toml"
    bad.write_text('[[pattern]]\nid = "promo.x"\n', encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["clean", str(folder[0].parent), "-o", str(out), "-j", "2", "--patterns",
                                   str(bad)])
    assert res.exit_code == 2 and "missing field 'category'" in res.output
    assert not out.exists() or not any(out.rglob("*.txt"))


@pytest.mark.parametrize("root", [".", "in", "./in", "in/", "in//sub", "in/./sub", "in/../in", "absolute"])
def test_walked_relative_names_are_pathlibs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root: str) -> None:
    """discover's string shortcut for a walked file's relative name gives what ``relative_to`` gives."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in" / "sub" / "deep").mkdir(parents=True)
    for name in ("a.txt", "sub/b.txt", "sub/deep/c.txt"):
        (tmp_path / "in" / name).write_text("x", encoding="utf-8")
    start = tmp_path / "in" if root == "absolute" else Path(root)
    paths = list(batch._walk(start, ("*.txt",), set(), [], False))
    assert len(paths) >= 2
    for p in paths:
        assert batch._rel(p, start) == p.relative_to(start).as_posix()
    assert batch._rel(Path("/etc/hostname"), Path("/")) == "etc/hostname"


@pytest.mark.parametrize(("path", "root", "inside"), [
    ("/a/b", "/a", True), ("/a", "/a", True), ("/ab", "/a", False), ("/a/b/c", "/a/b", True), ("/x", "/", True),
    ("/a", "/a/b", False),
])
def test_inside_is_is_relative_to(path: str, root: str, inside: bool) -> None:
    assert batch._inside(path, root) is inside is Path(path).is_relative_to(root)
