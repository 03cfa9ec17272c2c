"""`mypy --strict` on the package, on a user script written against the README's API (which must pass and run), and
on a file of typical mistakes (which must be reported): the typed API is checked, not only annotated."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleantext import CleanerConfig
from cleantext.cleaner import CleanerOptions, ConfigOptions

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

needs_mypy = pytest.mark.skipif(shutil.which("mypy") is None and not (Path(sys.executable).parent / "mypy").exists(),
                                reason="mypy is not installed (pip install -e '.[test]')")


def _mypy(*args: str, cwd: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


@needs_mypy
def test_the_package_passes_mypy_strict(tmp_path: Path) -> None:
    proc = _mypy("src/cleantext", cwd=ROOT, cache=tmp_path / "cache")  # with the [tool.mypy] settings of pyproject
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("Success: no issues found")


@needs_mypy
def test_a_user_script_passes_and_mistakes_are_reported(tmp_path: Path) -> None:
    # Checked from elsewhere, as a user's project would be: cleantext is found as an installed package, which mypy
    # reads only because it ships py.typed.
    shutil.copy(HERE / "user.py", tmp_path / "user.py")
    shutil.copy(HERE / "misspelt.py.txt", tmp_path / "misspelt.py")
    proc = _mypy("user.py", "misspelt.py", cwd=tmp_path, cache=tmp_path / "cache")
    errors = [line for line in proc.stdout.splitlines() if ": error: " in line]
    assert not [e for e in errors if e.startswith("user.py")], proc.stdout
    source = (HERE / "misspelt.py.txt").read_text(encoding="utf-8").splitlines()

    def at(marker: str) -> str:
        return f"misspelt.py:{next(n for n, line in enumerate(source, 1) if marker in line)}: error: "

    assert any(e.startswith(at("encodng=")) and 'Unexpected keyword argument "encodng"' in e for e in errors), errors
    assert any(e.startswith(at("max_blank_lines=")) and "[arg-type]" in e for e in errors), errors
    assert any(e.startswith(at('["nosuch"]')) and "[typeddict-item]" in e for e in errors), errors
    assert len(errors) == 3, proc.stdout
    ran = subprocess.run([sys.executable, str(HERE / "user.py")], capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0 and '"title": "年度总结"' in ran.stdout, ran.stderr


def test_the_keyword_options_mirror_cleaner_config() -> None:
    fields = {f.name for f in dataclasses.fields(CleanerConfig)}
    assert set(ConfigOptions.__annotations__) == fields
    assert set(CleanerOptions.__annotations__) == fields | {"extra_patterns"}


def test_cleaner_config_takes_lists_and_keeps_tuples() -> None:
    config = CleanerConfig(patterns=[str(HERE)], disable=["promo.", "ad.x"])
    assert config.patterns == (str(HERE),) and config.disable == ("promo.", "ad.x")
    assert hash(config) == hash(CleanerConfig(patterns=(str(HERE),), disable=("promo.", "ad.x")))
    assert CleanerConfig(disable="promo.").disable == ("promo.",)
    assert CleanerConfig(patterns=[HERE]).patterns == (str(HERE),)
