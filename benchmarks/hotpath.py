"""Where the time of one document goes: CPU time per document of the user's example shape (2 KB, 12 KB, 5 MB), as
a ratio to decode+splitlines, and optionally a profile of the slowest stage.

    python benchmarks/hotpath.py 2k 12k 5m          # CPU seconds, best of a few runs (less disturbed by other load)
    python benchmarks/hotpath.py 2k --profile 30    # the 30 costliest functions (cumulative) on the 2 KB documents

CPU time (``time.process_time``) is used, not wall time: on a shared machine another process's load moves wall
time by a factor of two, CPU time much less. Compare two versions by running this under each in turn.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

from cleantext import Cleaner


def _cpu_best(fn: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def documents(case: str, encoding: str) -> list[bytes]:
    """The documents of one case: 2 KB cuts, copies of one 12 KB document, or one 5 MB document."""
    if case == "2k":
        return corpus.encoded(400_000, 2048, encoding, seed=2)
    if case == "12k":
        return [corpus.document(12288, 5).encode(encoding)] * 60
    return corpus.encoded(5_000_000, 5_000_000, encoding, seed=1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="*", choices=["2k", "12k", "5m"], default=["2k", "12k", "5m"])
    ap.add_argument("--profile", type=int, metavar="N", help="print the N costliest functions instead of timing")
    args = ap.parse_args(argv)
    cleaner = Cleaner()
    for case in args.cases:
        for enc in ("utf-8", "gb18030"):
            docs = documents(case, enc)
            for d in docs[:3]:
                cleaner.clean(d[:20_000])  # warm up: lazy imports and compiled patterns
            if args.profile:
                prof = cProfile.Profile()
                prof.runcall(lambda: [cleaner.clean(d) for d in docs])  # noqa: B023
                print(f"== {case} {enc}")
                pstats.Stats(prof).sort_stats("cumulative").print_stats(args.profile)
                continue
            t_floor = _cpu_best(lambda: [d.decode(enc).splitlines() for d in docs], 5)  # noqa: B023
            t_clean = _cpu_best(lambda: [cleaner.clean(d) for d in docs], 2 if case == "5m" else 3)  # noqa: B023
            print(f"{case} {enc}: {len(docs)} docs, clean {t_clean * 1e3 / len(docs):.3f} ms/doc, "
                  f"floor {t_floor * 1e6 / len(docs):.1f} us/doc, ratio {t_floor / t_clean:.4f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
