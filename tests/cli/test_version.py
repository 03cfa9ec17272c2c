"""`cleantext --version` through the console script: it names the distribution (cleantext-zh), its version and the
location of the package that runs, and warns about another distribution that ships a cleantext/ package."""

from __future__ import annotations

import os
import subprocess
from importlib import metadata
from pathlib import Path

import cleantext

from .documents import console_script


def _run(*args: str, extra_path: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if extra_path is not None:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH"), str(extra_path)) if p)
    return subprocess.run([console_script(), *args], capture_output=True, text=True, encoding="utf-8", timeout=60,
                          env=env)


def test_version_names_the_distribution_and_the_running_package() -> None:
    proc = _run("--version")
    assert proc.returncode == 0, proc.stderr
    where = str(Path(cleantext.__file__).resolve().parent)
    line = proc.stdout.strip()
    assert line.startswith("cleantext-zh ") and f"package cleantext at {where};" in line
    try:
        installed = metadata.version("cleantext-zh")
    except metadata.PackageNotFoundError:
        assert "not installed as a distribution" in line
    else:
        assert line.startswith(f"cleantext-zh {installed} (package cleantext at ")
    assert proc.stderr == ""
    assert _run("-V").stdout == proc.stdout


def test_version_warns_about_a_rival_distribution_named_cleantext(tmp_path: Path) -> None:
    # What `pip install clean-text` leaves behind: a distribution whose top-level package is cleantext/.
    info = tmp_path / "clean_text-0.7.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: clean-text\nVersion: 0.7.1\n", encoding="utf-8")
    (info / "top_level.txt").write_text("cleantext\n", encoding="utf-8")
    proc = _run("--version", extra_path=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith("cleantext-zh ")
    assert "warning: clean-text 0.7.1 also installs a cleantext/ package" in proc.stderr
    assert "pip uninstall clean-text" in proc.stderr
