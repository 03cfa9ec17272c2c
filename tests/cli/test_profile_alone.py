"""``clean --no-bundled`` without ``--patterns`` cleans a folder with its collection profile alone (issue 14), and
says why when there is no profile to clean with."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleantext.evidence.profile import MIN_DOCS

HEADER = "蓝鲸文稿 整理分享 编号{n}"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for n in range(MIN_DOCS + 2):
        (src / f"{n:02d}.txt").write_text(f"{HEADER.format(n=n)}\n第{n}次班会记录\n同学们讨论了春游的路线和分工。\n"
                                          f"最后决定第{n}小组负责准备午餐。\n", encoding="utf-8")
    return src


def test_a_folder_is_cleaned_with_its_profile_alone(invoke, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("clean", str(folder), "-o", str(out), "--no-bundled", "-q")
    assert result.exit_code == 0, result.stderr
    for n in range(MIN_DOCS + 2):
        text = (out / f"{n:02d}.txt").read_text(encoding="utf-8")
        assert text == f"第{n}次班会记录\n同学们讨论了春游的路线和分工。\n最后决定第{n}小组负责准备午餐。\n"


def test_no_profile_and_no_rules_is_a_usage_error_that_says_why(invoke, folder: Path, tmp_path: Path) -> None:
    one = invoke("clean", str(folder / "00.txt"), "--no-bundled")
    assert one.exit_code == 2 and "collection profile alone" in one.stderr
    off = invoke("clean", str(folder), "-o", str(tmp_path / "o"), "--no-bundled", "--no-profile")
    assert off.exit_code == 2 and "would remove nothing" in off.stderr
    assert not (tmp_path / "o").exists()
