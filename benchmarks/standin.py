"""Stand-in for ``cleantext clean DIR -o OUT -j N`` where the CLI is not installed: a process pool with one Cleaner
per worker, each file read, cleaned and written. ``run.py`` uses the real CLI whenever ``cleantext.cli.main`` exists.

    python benchmarks/standin.py SRC OUT JOBS
"""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from cleantext import Cleaner

_cleaner: Cleaner | None = None


def _init() -> None:
    global _cleaner
    _cleaner = Cleaner()


def _one(paths: tuple[str, str]) -> int:
    src, out = paths
    assert _cleaner is not None
    text = _cleaner.clean(Path(src).read_bytes()).text
    Path(out).write_text(text + "\n" if text else "", encoding="utf-8")
    return 1


def main(src: str, out: str, jobs: int) -> int:
    """Clean every *.txt of ``src`` into ``out``; returns the number of files."""
    Path(out).mkdir(parents=True, exist_ok=True)
    pairs = [(str(f), str(Path(out) / f.name)) for f in sorted(Path(src).glob("*.txt"))]
    if jobs == 1:
        _init()
        return sum(map(_one, pairs))
    with ProcessPoolExecutor(jobs, initializer=_init) as pool:
        return sum(pool.map(_one, pairs, chunksize=16))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
