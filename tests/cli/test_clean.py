"""`cleantext clean` on folders and files, through click's CliRunner."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .documents import PLAIN, SPORTS, SPORTS_CLEAN, read_manifest


def _outputs(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_folder_is_mirrored_with_manifest_and_summary(tree, tmp_path, invoke):
    out = tmp_path / "out"
    res = invoke("clean", str(tree), "-o", str(out), "-j", "1")
    assert res.exit_code == 1  # the binary photo.txt failed; the others did not
    assert (out / "school" / "2025" / "sports.txt").read_text(encoding="utf-8") == SPORTS_CLEAN
    assert (out / "village" / "library.TXT").read_text(encoding="utf-8") == PLAIN
    assert (out / "village" / "empty.txt").read_bytes() == b""
    assert not (out / "village" / "photo.txt").exists()
    assert not (out / "village" / "notes.md").exists() and not (out / "village" / "scan.png").exists()

    records = read_manifest(out / "manifest.jsonl")
    assert set(records) == {"school/2025/sports.txt", "school/health.txt", "village/library.TXT",
                            "village/empty.txt", "village/photo.txt"}
    sports = records["school/2025/sports.txt"]
    assert sports["status"] == "ok" and sports["encoding"] == "gb18030"
    assert sports["title"] == "青石镇中学2025年春季运动会总结"
    assert (sports["lines_in"], sports["lines_out"], sports["removed"]) == (8, 5, 3)
    assert sports["categories"] == {"watermark": 1, "credit": 1, "promo": 1}
    assert records["school/health.txt"]["encoding"] == "utf-16"
    assert records["village/empty.txt"]["status"] == "empty"
    photo = records["village/photo.txt"]
    assert photo["status"] == "failed" and "PNG image" in photo["error"]

    err = res.stderr
    assert f"failed: {tree / 'village' / 'photo.txt'}: this is not a text document" in err
    assert "cleaned 4 file(s) (1 empty), failed 1, skipped 0" in err
    # notes.md and scan.png are left alone, and the summary says so (and how to take them)
    assert ("left alone 2 file(s) of the input folders that match no --glob (*.txt): .md 1, .png 1; "
            "--glob '*.md' takes them") in err
    assert "watermark" in err and "credit" in err and " s\n" in err
    assert "%|" not in err  # no progress bar: stderr is not a terminal
    assert res.stdout == ""


def test_a_folder_with_no_matching_file_says_what_it_left_alone(tmp_path, invoke):
    notes = tmp_path / "notes"
    (notes / "sub").mkdir(parents=True)
    for name in ("a.md", "sub/b.md", "README"):
        (notes / name).write_text("# 星河笔记\n正文第一段。\n", encoding="utf-8")
    res = invoke("clean", str(notes), "-o", str(tmp_path / "out"))
    assert res.exit_code == 0
    assert "no input files (folders are searched for *.txt; see --glob)" in res.stderr
    left = "left alone 3 file(s) of the input folders that match no --glob (*.txt): .md 2, (no extension) 1"
    assert left in res.stderr
    res = invoke("clean", str(notes), "-o", str(tmp_path / "out-md"), "--glob", "*.md")
    assert "cleaned 2 file(s)" in res.stderr and "(no extension) 1; see --glob" in res.stderr
    res = invoke("clean", str(notes), "-o", str(tmp_path / "out-all"), "--glob", "*.md", "--glob", "README")
    assert "cleaned 3 file(s)" in res.stderr and "left alone" not in res.stderr


def test_two_workers_give_the_same_outputs_as_one(tree, tmp_path, invoke):
    one, two = tmp_path / "one", tmp_path / "two"
    invoke("clean", str(tree), "-o", str(one), "-j", "1")
    invoke("clean", str(tree), "-o", str(two), "-j", "2")
    a, b = _outputs(one), _outputs(two)
    assert a.keys() == b.keys() and len(a) == 6  # four outputs, the manifest and the audit
    for name in a:
        if name != "manifest.jsonl":  # the audit names no output path: the same for -j 1 and -j 2
            assert a[name] == b[name], name
    strip = lambda m: {k: {f: v for f, v in r.items() if f != "output"} for k, r in m.items()}  # noqa: E731
    assert strip(read_manifest(one / "manifest.jsonl")) == strip(read_manifest(two / "manifest.jsonl"))


def test_resume_skips_outputs_newer_than_their_input(tree, tmp_path, invoke):
    out = tmp_path / "out"
    invoke("clean", str(tree), "-o", str(out), "-j", "1")
    sports_in = tree / "school" / "2025" / "sports.txt"
    later = (out / "school" / "2025" / "sports.txt").stat().st_mtime + 60
    os.utime(sports_in, (later, later))  # this input changed after its output was written
    res = invoke("clean", str(tree), "-o", str(out), "-j", "1", "--resume")
    records = read_manifest(out / "manifest.jsonl")
    assert records["school/2025/sports.txt"]["status"] == "ok"
    assert records["school/health.txt"]["status"] == "skipped"
    assert records["school/health.txt"]["title"] is not None  # carried over from the previous manifest
    assert records["village/photo.txt"]["status"] == "failed"  # no output: tried again
    assert "cleaned 1 file(s), failed 1, skipped 3" in res.stderr
    assert res.exit_code == 1


def test_outdir_inside_the_input_folder_is_not_walked(tree, invoke):
    out = tree / "cleaned"
    invoke("clean", str(tree), "-o", str(out), "-j", "1")
    res = invoke("clean", str(tree), "-o", str(out), "-j", "1")
    assert len(read_manifest(out / "manifest.jsonl")) == 5
    assert not (out / "cleaned").exists()
    assert "cleaned 4 file(s)" in res.stderr


def test_outdir_that_is_the_input_folder_is_a_usage_error(tree, invoke):
    res = invoke("clean", str(tree), "-o", str(tree))
    assert res.exit_code == 2 and "is the input folder" in res.stderr


def test_an_input_is_never_overwritten(tmp_path, invoke):
    doc = tmp_path / "doc.txt"
    doc.write_text(SPORTS, encoding="utf-8")
    res = invoke("clean", str(doc), "-o", str(tmp_path))
    assert res.exit_code == 1 and "would overwrite an input file" in res.stderr
    assert doc.read_text(encoding="utf-8") == SPORTS


def test_two_inputs_with_the_same_output_path(tmp_path, invoke):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "same.txt").write_text(PLAIN, encoding="utf-8")
    res = invoke("clean", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(tmp_path / "out"), "-j", "1")
    assert res.exit_code == 1 and "is also the output of" in res.stderr
    assert (tmp_path / "out" / "same.txt").read_text(encoding="utf-8") == PLAIN


def test_no_temporary_files_are_left(tree, tmp_path, invoke):
    out = tmp_path / "out"
    invoke("clean", str(tree), "-o", str(out), "-j", "2")
    names = [p.name for p in out.rglob("*")]
    assert names and not [n for n in names if n.endswith(".cleantext-tmp") or n.startswith(".")]


def test_glob_and_json_format(tree, tmp_path, invoke):
    out = tmp_path / "out"
    res = invoke("clean", str(tree), "-o", str(out), "--glob", "*.md", "--format", "json", "-j", "1")
    assert res.exit_code == 0
    d = json.loads((out / "village" / "notes.md.json").read_text(encoding="utf-8"))
    assert set(d) == {"schema_version", "text", "metadata", "removed"} and d["text"] == "# 不是输入"
    assert list(read_manifest(out / "manifest.jsonl")) == ["village/notes.md"]


def test_named_files_are_taken_whatever_their_name(tree, tmp_path, invoke):
    out = tmp_path / "out"
    res = invoke("clean", str(tree / "village" / "notes.md"), "-o", str(out), "--manifest", str(tmp_path / "m.jsonl"))
    assert res.exit_code == 0 and (out / "notes.md").exists()
    assert read_manifest(tmp_path / "m.jsonl")["notes.md"]["status"] == "ok"


def test_cleaner_options_reach_the_cleaner(tmp_path, invoke):
    doc = tmp_path / "in" / "doc.txt"
    doc.parent.mkdir()
    doc.write_text(SPORTS, encoding="utf-8")
    # The watermark line is taken by rules of two categories (watermark., disclaimer.): both are switched off.
    invoke("clean", str(doc.parent), "-o", str(tmp_path / "d"), "--disable", "watermark.", "--disable", "disclaimer.",
           "--disable", "promo.anti-resale")
    kept = (tmp_path / "d" / "doc.txt").read_text(encoding="utf-8")
    assert kept.startswith("仅供学习 禁止外传 用后删除\n") and kept.endswith("【打击倒卖行动】\n")
    assert "星河文稿整理" not in kept
    mine = tmp_path / "mine"
    mine.mkdir()  # a folder of pattern files that has none yet: only the user's (no) rules apply
    invoke("clean", str(doc.parent), "-o", str(tmp_path / "n"), "--no-bundled", "--patterns", str(mine))
    assert (tmp_path / "n" / "doc.txt").read_text(encoding="utf-8") == SPORTS


def test_unusable_pattern_file_is_a_usage_error(tmp_path, invoke):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[pattern]]\nid = "promo.x"\n', encoding="utf-8")
    (tmp_path / "in").mkdir()
    res = invoke("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--patterns", str(bad))
    assert res.exit_code == 2 and "missing field 'category'" in res.stderr


def test_usage_errors_exit_2(tree, invoke):
    assert invoke("clean", str(tree)).exit_code == 2  # no -o
    assert invoke("clean").exit_code == 2
    assert invoke("clean", "-", str(tree)).exit_code == 2
    assert invoke("clean", str(tree), "-o", "x", "-j", "0").exit_code == 2
    assert invoke("clean", str(tree / "missing.txt"), "-o", "x").exit_code == 2


def test_stdin_to_stdout(invoke):
    res = invoke("clean", "-", input=SPORTS.encode("gb18030"))
    assert res.exit_code == 0 and res.stdout == SPORTS_CLEAN
    res = invoke("clean", "-", "--format", "json", input=SPORTS.encode("utf-16"))
    d = json.loads(res.stdout)
    assert d["text"] + "\n" == SPORTS_CLEAN and d["metadata"]["encoding"] == "utf-16"
    res = invoke("clean", "-", input=b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert res.exit_code == 1 and res.stdout == "" and "failed: <stdin>:" in res.stderr
