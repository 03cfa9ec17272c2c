"""Which installed distribution provides the running ``cleantext`` package, and which others claim the same name.

The import package is ``cleantext`` but the distribution is ``cleantext-zh``: PyPI's ``cleantext`` is another
project, and ``clean-text`` installs a ``cleantext/`` package of its own over this one. ``cleantext --version``
prints :func:`describe` so that a user can tell which one runs.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

import cleantext

__all__ = ["DISTRIBUTION", "describe", "rivals"]

DISTRIBUTION = "cleantext-zh"


def _canonical(name: str) -> str:
    """A distribution name as the registry compares it (PEP 503: case and runs of ``-_.`` do not matter)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def describe() -> str:
    """One line: the distribution, its installed version and where the running package lives, e.g.
    ``cleantext-zh 0.1.0 (package cleantext at /venv/lib/python3.11/site-packages/cleantext; Python 3.11.7)``."""
    where = Path(cleantext.__file__).resolve().parent
    python = ".".join(str(n) for n in sys.version_info[:3])
    try:
        version = metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return (f"{DISTRIBUTION} {cleantext.__version__} (not installed as a distribution: package cleantext at "
                f"{where}; Python {python})")
    return f"{DISTRIBUTION} {version} (package cleantext at {where}; Python {python})"


def rivals() -> list[str]:
    """Other installed distributions that ship a top-level ``cleantext`` package (``clean-text`` does): each one
    as ``name version``. Installing one of them overwrites the files of this package."""
    found: list[str] = []
    for name in metadata.packages_distributions().get("cleantext", []):
        if _canonical(name) != _canonical(DISTRIBUTION):
            try:
                found.append(f"{name} {metadata.version(name)}")
            except metadata.PackageNotFoundError:
                found.append(name)
    return sorted(set(found))
