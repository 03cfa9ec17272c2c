"""`cleantext --version`, `--help`, `explain`, `detect` and `patterns list|check` through click's CliRunner."""

from __future__ import annotations

import sys

import pytest

from cleantext import __version__

from .documents import PNG, SPORTS

BAD_PATTERN = '''[[pattern]]
id = "promo.my-slogan"
category = "promo"
scope = "line"
keywords = ["云舒"]
regex = \'\'\'云舒书屋.{0,6}\'\'\'
match = ["云舒书屋欢迎您", "云舒"]
keep = ["我在云舒书屋借了一本书，读得很开心。"]
'''
GOOD_PATTERN = BAD_PATTERN.replace('"云舒"]\nkeep', '"云舒书屋"]\nkeep').replace("my-slogan", "my-ok")


def test_version(invoke):
    res = invoke("--version")
    assert res.exit_code == 0 and res.stdout.startswith("cleantext-zh ") and f" {__version__} " in res.stdout


@pytest.mark.parametrize("command", [[], ["clean"], ["explain"], ["detect"], ["patterns"], ["patterns", "list"],
                                     ["patterns", "check"]])
def test_every_help_shows_an_example(invoke, command):
    res = invoke(*command, "--help")
    assert res.exit_code == 0
    assert "Example" in res.stdout and "  cleantext " + " ".join(command) in res.stdout


def test_explain_shows_each_line_and_its_rule(tmp_path, invoke):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(SPORTS.encode("gb18030"))
    res = invoke("explain", str(doc))
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert lines[0] == "1 - 仅供学习 禁止外传 用后删除  ← watermark.study-only [watermark]"
    assert lines[1] == "2 + 青石镇中学2025年春季运动会总结"
    assert "encoding:     gb18030" in res.stdout and "\x1b[" not in res.stdout  # plain: not a terminal
    piped = invoke("explain", "-", input=SPORTS.encode("utf-8")).stdout
    assert piped.splitlines()[:8] == lines[:8] and "encoding:     utf-8 (confidence 1.00)" in piped


def test_explain_of_a_binary_file_fails_with_one_line(tmp_path, invoke):
    (tmp_path / "x.txt").write_bytes(PNG)
    res = invoke("explain", str(tmp_path / "x.txt"))
    assert res.exit_code == 1 and res.stderr.count("\n") == 1 and "PNG image" in res.stderr


def test_detect_reports_each_file_and_fails_on_bad_ones(tmp_path, invoke):
    (tmp_path / "gb.txt").write_bytes(SPORTS.encode("gb18030"))
    (tmp_path / "u16.txt").write_bytes(SPORTS.encode("utf-16"))
    (tmp_path / "pic.txt").write_bytes(PNG)
    files = [str(tmp_path / n) for n in ("gb.txt", "u16.txt", "pic.txt", "missing.txt")]
    res = invoke("detect", *files)
    assert res.exit_code == 1
    out = res.stdout.splitlines()
    assert out[0].startswith(f"{files[0]}: gb18030 (confidence ")
    assert out[1] == f"{files[1]}: utf-16 (confidence 1.00, BOM)"
    assert len(out) == 2
    assert f"failed: {files[2]}: this is not a text document" in res.stderr
    assert f"failed: {files[3]}: No such file or directory" in res.stderr
    assert invoke("detect", files[0]).exit_code == 0


def test_patterns_list_shows_bundled_and_user_patterns(tmp_path, invoke):
    mine = tmp_path / "mine.toml"
    mine.write_text(GOOD_PATTERN, encoding="utf-8")
    res = invoke("patterns", "list", "--patterns", str(mine))
    assert res.exit_code == 0
    header, *rows = res.stdout.splitlines()
    assert header.split() == ["ID", "CATEGORY", "SCOPE", "FILE"]
    assert any(r.split() == ["watermark.study-only", "watermark", "line", *r.split()[3:]] for r in rows)
    assert rows[-1].split() == ["promo.my-ok", "promo", "line", str(mine)]
    only = invoke("patterns", "list", "--no-bundled", "--patterns", str(mine))
    assert len(only.stdout.splitlines()) == 2


def test_patterns_check_bundled_passes(invoke):
    res = invoke("patterns", "check")
    assert res.exit_code == 0 and res.stdout.startswith("ok: ") and "patterns" in res.stdout


def test_patterns_check_reports_file_id_and_reason(tmp_path, invoke):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "bad.toml").write_text(BAD_PATTERN, encoding="utf-8")
    (folder / "good.toml").write_text(GOOD_PATTERN, encoding="utf-8")
    (folder / "clash.toml").write_text(GOOD_PATTERN.replace("promo.my-ok", "watermark.study-only").replace(
        'category = "promo"', 'category = "watermark"'), encoding="utf-8")
    res = invoke("patterns", "check", str(folder))
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    assert f"{folder / 'bad.toml'}: promo.my-slogan: match example not matched as a whole line: '云舒'" in lines
    assert any(line.startswith(f"{folder / 'clash.toml'}: watermark.study-only: duplicate id") for line in lines)
    assert not any("good.toml" in line for line in lines)
    assert invoke("patterns", "check", str(folder / "good.toml")).stdout.startswith("ok: 1 file(s), 1 patterns")


def test_patterns_check_of_a_bundled_file_is_not_its_own_duplicate(invoke):
    from cleantext.evidence.patterns import builtin_pattern_files

    bundled = builtin_pattern_files()[0]
    res = invoke("patterns", "check", str(bundled))
    assert res.exit_code == 0, res.stdout
    assert res.stdout.startswith("ok: 1 file(s)")


def test_patterns_check_reports_a_broken_bundled_file_instead_of_failing(tmp_path, invoke, monkeypatch):
    import cleantext.cli.main as main

    broken = tmp_path / "broken.toml"
    broken.write_text(BAD_PATTERN, encoding="utf-8")
    good = tmp_path / "good.toml"
    good.write_text(GOOD_PATTERN, encoding="utf-8")
    monkeypatch.setattr(main, "builtin_pattern_files", lambda: [broken])
    assert invoke("patterns", "check", str(good)).stdout.startswith("ok: 1 file(s), 1 patterns")
    res = invoke("patterns", "check", str(broken))
    assert res.exit_code == 1
    assert f"{broken}: promo.my-slogan: match example not matched as a whole line: '云舒'" in res.stdout.splitlines()


def test_progress_bar_only_on_a_terminal(monkeypatch):
    from cleantext.cli.render import progress

    class Tty:
        def isatty(self) -> bool:
            return True

        def write(self, s: str) -> int:
            return len(s)

        def flush(self) -> None:
            pass

    monkeypatch.setattr(sys, "stderr", Tty())
    assert progress(3, quiet=False).disable is False
    assert progress(3, quiet=True).disable is True
