"""How the command line shows things: the progress bar, one line per failed file, the batch summary, tables.

Rendering only: every function takes plain results (from ``batch``/``patterns``) and returns text.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleantext.evidence.patterns import builtin_pattern_dir

if TYPE_CHECKING:
    from cleantext.run.batch import BatchSummary, FileRecord
    from cleantext.result import EncodingInfo
    from cleantext.run.stream import StreamStats


def progress(total: int, quiet: bool) -> Any:
    """A tqdm bar on stderr, only when stderr is a terminal and ``--quiet`` is off (else a disabled bar)."""
    from tqdm import tqdm

    enabled = not quiet and sys.stderr.isatty()
    return tqdm(total=total, unit="file", file=sys.stderr, disable=not enabled, dynamic_ncols=True, leave=False)


def failure_line(rec: FileRecord) -> str:
    """``cleantext: failed: PATH: REASON`` (or ``skipped:``) — one line, whatever the reason (the first line of a
    long message)."""
    reason = (rec.error or "unknown error").strip().splitlines()[0]
    return f"cleantext: {rec.status}: {rec.input}: {reason}"


def size(n: int) -> str:
    """Bytes as MB (kB below 0.1 MB, so that a small batch does not read "0.00 MB")."""
    return f"{n / 1e6:.2f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"


def batch_summary(summary: BatchSummary, outdir: str, manifest: str) -> list[str]:
    """The closing lines of ``cleantext clean``: counts, MB read, removals by category, time, where things went."""
    c = summary.counts
    cleaned = c["ok"] + c["empty"]
    empty = f" ({c['empty']} empty)" if c["empty"] else ""
    lines = [f"cleaned {cleaned} file(s){empty}, failed {c['failed']}, skipped {c['skipped']} · "
             f"{size(summary.bytes_in)} in · {summary.elapsed:.2f} s"]
    if summary.categories:
        cats = ", ".join(f"{k} {v}" for k, v in sorted(summary.categories.items(), key=lambda kv: (-kv[1], kv[0])))
        lines.append(f"removals {sum(summary.categories.values())} (whole lines and inline cuts): {cats}")
    else:
        lines.append("removals 0")
    lines.append(f"output: {outdir} · manifest: {manifest}")
    return lines


def interrupted(done: int, total: int) -> str:
    """What Ctrl-C leaves: every output written is complete, and ``--resume`` finishes the job."""
    return (f"cleantext: interrupted: {done} of {total} file(s) recorded in the manifest; every output written is "
            "complete. Run the same command with --resume to finish.")


def stream_summary(stats: StreamStats, on_bad: str) -> str:
    """The closing line of ``cleantext clean --jsonl``."""
    fate = "passed through" if on_bad == "pass" else "skipped"
    return (f"records {stats.records}: cleaned {stats.cleaned}, bad {stats.bad} ({fate}) · "
            f"{stats.elapsed:.2f} s")


def detection_line(path: str, info: EncodingInfo) -> str:
    """``PATH: ENCODING (confidence 0.95[, BOM])`` and any decoding warnings."""
    extra = ", BOM" if info.had_bom else ""
    warn = f" — {'; '.join(info.warnings)}" if info.warnings else ""
    return f"{path}: {info.encoding} (confidence {info.confidence:.2f}{extra}){warn}"


def table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    """Left-aligned columns separated by two spaces (the last column is not padded)."""
    all_rows = [list(header), *map(list, rows)]
    widths = [max(len(r[i]) for r in all_rows) for i in range(len(header) - 1)]
    out = []
    for r in all_rows:
        cells = [cell.ljust(w) for cell, w in zip(r, widths, strict=False)] + [r[-1]]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def pattern_file_label(path: str) -> str:
    """A bundled pattern file relative to the bundled folder (``ad/ps-recommend.toml``); a user file as given."""
    try:
        return Path(path).resolve().relative_to(builtin_pattern_dir().resolve()).as_posix()
    except ValueError:
        return path
