"""``clean --memory-budget SIZE``: the bytes of input the ``-j`` workers hold together (issue 13, point 7)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cleantext.run import batch


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for n in range(3):
        text = f"仅供学习 禁止外传 用后删除\n第{n}次班会记录\n同学们讨论了春游的路线。\n"
        (src / f"{n}.txt").write_text(text, encoding="utf-8")
    return src


@pytest.mark.parametrize("given,expected", [("512M", 512 << 20), ("2G", 2 << 30), ("3145728", 3 << 20),
                                            ("1.5g", 3 << 29)])
def test_the_budget_reaches_the_batch(invoke, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      given: str, expected: int) -> None:
    seen: dict[str, Any] = {}
    real = batch.run_jobs

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.update(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "run_jobs", spy)
    result = invoke("clean", str(folder), "-o", str(tmp_path / "out"), "--memory-budget", given, "-q")
    assert result.exit_code == 0, result.stderr
    assert seen["memory_budget"] == expected
    assert (tmp_path / "out" / "1.txt").read_text(encoding="utf-8") == "第1次班会记录\n同学们讨论了春游的路线。\n"


def test_the_default_is_the_batch_default(invoke, folder: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    real = batch.run_jobs
    monkeypatch.setattr(batch, "run_jobs", lambda *a, **k: seen.update(k) or real(*a, **k))
    assert invoke("clean", str(folder), "-o", str(tmp_path / "out"), "-q").exit_code == 0
    assert seen["memory_budget"] == batch.DEFAULT_MEMORY_BUDGET


@pytest.mark.parametrize("given,why", [("lots", "is not a size"), ("10K", "under 1M")])
def test_a_bad_budget_is_a_usage_error(invoke, folder: Path, tmp_path: Path, given: str, why: str) -> None:
    result = invoke("clean", str(folder), "-o", str(tmp_path / "out"), "--memory-budget", given)
    assert result.exit_code == 2 and why in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_budget_does_not_apply_to_one_file_on_stdout(invoke, folder: Path) -> None:
    result = invoke("clean", str(folder / "0.txt"), "--memory-budget", "1G")
    assert result.exit_code == 2 and "--memory-budget does not apply" in result.stderr
