"""What the collection profile costs: cleaning N invented files without a profile against learning one and cleaning
with it, as a ratio measured in the same run (issue 14: at most 1.30 for 10 000 files of 2 KB).

    python benchmarks/profile_overhead.py                 # 10 000 files of ~2 KB (about 2 CPU minutes)
    python benchmarks/profile_overhead.py --files 500     # a quick look
    python benchmarks/profile_overhead.py --reread        # the clean pass reads and decodes every file again

One process, files read from a temporary folder (written by ``corpus.write_folder``: every fourth in GB18030), so
that both sides pay the same reads; timed in CPU seconds of the process. The plain side reads and cleans each file.
The profile side is what a folder clean does: ``learn_and_prepare`` reads each file once, learns from it and keeps
what it prepared (decoded and normalized text, within ``KEEP_BYTES``), and the clean pass takes each file's prepared
document (the file stat'ed to see that it did not change), reading only the files that were not kept; with
``--reread`` nothing is kept (a collection far over the budget). The plain side goes first and last (the mean of the
two), which evens out a warm or cold cache and drift in the machine's other load. Prints the phases and, last, the
ratio.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

from cleantext import Cleaner  # noqa: E402
from cleantext.evidence.profile import KEEP_BYTES, PreparedFiles, learn_and_prepare  # noqa: E402

# CPU seconds of this process, not wall time: on a machine shared with other jobs the wall clock of one phase
# depends on their load more than on this code (both are printed; the ratio is of CPU time).
_clock = time.process_time


def _clean_all(cleaner: Cleaner, paths: list[Path]) -> tuple[float, int]:
    """CPU seconds to read and clean every file, and the lines removed (so the work cannot be skipped)."""
    start = _clock()
    removed = sum(len(cleaner.clean(p.read_bytes()).removed) for p in paths)
    return _clock() - start, removed


def _clean_prepared(cleaner: Cleaner, paths: list[Path], kept: PreparedFiles) -> tuple[float, int]:
    """CPU seconds to clean every file from what the profile pass kept (reading the others), and the lines removed."""
    start = _clock()
    removed = sum(len(cleaner.clean(kept.take(p) or p.read_bytes()).removed) for p in paths)
    return _clock() - start, removed


def measure(files: int, file_bytes: int, keep: int = KEEP_BYTES) -> dict[str, float]:
    """The phases and the ratio (learn + clean with the profile) / (clean without one)."""
    with tempfile.TemporaryDirectory(prefix="ct-profile-bench-") as tmp:
        folder = Path(tmp)
        corpus.write_folder(folder, files, file_bytes)
        paths = sorted(folder.iterdir())
        plain = Cleaner()
        _clean_all(plain, paths[: min(50, files)])  # warm up: patterns compiled, caches filled
        plain_a, removed_plain = _clean_all(plain, paths)
        start, wall = _clock(), time.perf_counter()
        profile, kept = learn_and_prepare(paths, plain.config, workers=1, keep=keep)
        learn = _clock() - start
        shared = len(kept)
        with_profile, removed_profile = _clean_prepared(Cleaner(plain.config, profile=profile), paths, kept)
        plain_b, _ = _clean_all(plain, paths)
        wall = time.perf_counter() - wall
    base = (plain_a + plain_b) / 2
    return {"files": files, "plain_s": base, "plain_first_s": plain_a, "plain_last_s": plain_b, "learn_s": learn,
            "clean_with_profile_s": with_profile, "wall_s": wall, "learned_shapes": len(profile.verdicts()), "kept": shared,
            "removed_plain": removed_plain, "removed_profile": removed_profile,
            "learn_ratio": learn / base, "clean_ratio": with_profile / base, "ratio": (learn + with_profile) / base}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--bytes", type=int, default=2048, help="size of each file (default 2048)")
    parser.add_argument("--reread", action="store_true", help="keep nothing: the clean pass reads every file again")
    args = parser.parse_args(argv)
    r = measure(args.files, args.bytes, keep=0 if args.reread else KEEP_BYTES)
    print(f"CPU seconds, files {r['files']}:  plain {r['plain_s']:.2f} s (first {r['plain_first_s']:.2f}, last "
          f"{r['plain_last_s']:.2f})  learn {r['learn_s']:.2f} s  clean with profile {r['clean_with_profile_s']:.2f} s"
          f"  (wall, learn to the end: {r['wall_s']:.0f} s)")
    print(f"learned shapes {r['learned_shapes']}  prepared files handed to the clean pass {r['kept']}  lines removed: plain {r['removed_plain']}, with profile "
          f"{r['removed_profile']}")
    print(f"learn {r['learn_ratio']:.3f}x  clean with profile {r['clean_ratio']:.3f}x  "
          f"ratio (learn + clean with profile) / plain = {r['ratio']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
