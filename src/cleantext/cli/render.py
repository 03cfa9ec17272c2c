"""How the command line shows things: the progress bar, one line per failed file, the batch summary, tables.

Rendering only: every function takes plain results (from ``batch``/``patterns``) and returns text.
"""

from __future__ import annotations

import difflib
import os
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cleantext.evidence.patterns import builtin_pattern_dir

if TYPE_CHECKING:
    from cleantext.evidence.profile import Profile
    from cleantext.result import CleanResult, EncodingInfo
    from cleantext.run.batch import BatchSummary, FileRecord
    from cleantext.run.stream import StreamStats


def progress(total: int, quiet: bool) -> Any:
    """A tqdm bar on stderr, only when stderr is a terminal and ``--quiet`` is off (else a disabled bar)."""
    from tqdm import tqdm

    enabled = not quiet and sys.stderr.isatty()
    return tqdm(total=total, unit="file", file=sys.stderr, disable=not enabled, dynamic_ncols=True, leave=False)


def failure_line(rec: FileRecord) -> str:
    """``cleantext: failed: PATH: REASON`` (or ``skipped:``) — one line, whatever the reason (the first line of a
    long message)."""
    reason = cli_advice((rec.error or "unknown error").strip().splitlines()[0])
    return f"cleantext: {rec.status}: {rec.input}: {reason}"


def size(n: int) -> str:
    """Bytes as MB (kB below 0.1 MB, so that a small batch does not read "0.00 MB")."""
    return f"{n / 1e6:.2f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"


def batch_summary(summary: BatchSummary, outdir: str, manifest: str) -> list[str]:
    """The closing lines of ``cleantext clean``: counts, MB read, removals by category, time, where things went."""
    c = summary.counts
    cleaned = c["ok"] + c["empty"]
    empty = f" ({c['empty']} empty)" if c["empty"] else ""
    why = []
    if summary.resumed:
        why.append(f"{summary.resumed} unchanged since the last run: same resolved path, size and mtime")
    if c["skipped"] > summary.resumed:
        why.append(f"{c['skipped'] - summary.resumed} on purpose, see above")
    skipped = f"skipped {c['skipped']}" + (f" ({'; '.join(why)})" if why else "")
    lines = [f"cleaned {cleaned} file(s){empty}, failed {c['failed']}, {skipped} · "
             f"{size(summary.bytes_in)} in · {summary.elapsed:.2f} s"]
    if summary.changed:
        lines.append(f"--resume: {summary.changed} file(s) cleaned again because the input changed since the last run")
    if summary.categories:
        cats = ", ".join(f"{k} {v}" for k, v in sorted(summary.categories.items(), key=lambda kv: (-kv[1], kv[0])))
        lines.append(f"removals {sum(summary.categories.values())} (whole lines and inline cuts): {cats}")
    else:
        lines.append("removals 0")
    lines.append(f"output: {outdir} · manifest: {manifest}")
    return lines


def passed_over_line(passed: Counter[str], globs: Sequence[str]) -> str:
    """The files of the input folders that no --glob matched, by extension (the commonest first), and how to take
    them: a folder of .md notes cleaned with the default *.txt must not look like an empty folder."""
    kinds = sorted(passed.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = ", ".join(f"{ext or '(no extension)'} {n}" for ext, n in kinds[:4]) + (", …" if len(kinds) > 4 else "")
    hint = next((ext for ext, _ in kinds if ext), "")
    take = f"--glob '*{hint}' takes them" if hint else "see --glob"
    return (f"left alone {sum(passed.values())} file(s) of the input folders that match no --glob "
            f"({' '.join(globs)}): {shown}; {take}")


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


def width(text: str) -> int:
    """How many terminal columns ``text`` takes: wide and full-width characters (CJK, （）：) take two.

    >>> width("ad/x.toml"), width("星河文库（广告）")
    (9, 16)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    """Left-aligned columns separated by two spaces (the last column is not padded), aligned by display width
    so that a column of Chinese names lines up in a terminal.

    >>> print(table([["星河文库", "3"], ["ad", "12"]], ["name", "n"]))
    name      n
    星河文库  3
    ad        12
    """
    all_rows = [list(header), *map(list, rows)]
    widths = [max(width(r[i]) for r in all_rows) for i in range(len(header) - 1)]
    out = []
    for r in all_rows:
        cells = [cell + " " * (w - width(cell)) for cell, w in zip(r, widths, strict=False)] + [r[-1]]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def pattern_file_label(path: str) -> str:
    """A bundled pattern file relative to the bundled folder (``ad/ps-recommend.toml``); a user file as given."""
    try:
        return Path(path).resolve().relative_to(builtin_pattern_dir().resolve()).as_posix()
    except ValueError:
        return path


def use_color(choice: str, stream: Any) -> bool:
    """``--color``: always, never, or (auto) when ``stream`` is a terminal and ``NO_COLOR`` is unset or empty
    (https://no-color.org)."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


# The library's advice names Python keywords; on the command line the same advice names options.
_ADVICE = (
    ("Pass encoding=... (--encoding)", "Use --encoding CODEC"),
    ("Pass encoding=...", "Use --encoding CODEC"),
    ("decode_errors='replace'", "--decode-errors replace"),
    (" (CleanerConfig.max_bytes)", ""),
)


def cli_advice(message: str) -> str:
    """A library error message with its advice in command-line terms (``--encoding``, ``--decode-errors``)."""
    for python, option in _ADVICE:
        message = message.replace(python, option)
    return message


def diff(before: str, after: str, label: str, color: bool) -> str:
    """A unified diff of the decoded (normalized) input and the clean output; red/green with ``color``."""
    # Both sides as files: the clean output is written with a final newline, so a last line is not "changed".
    a, b = [line + "\n" for line in before.splitlines()], [line + "\n" for line in after.splitlines()]
    lines = difflib.unified_diff(a, b, f"{label} (input)", f"{label} (clean)")
    out = []
    for line in lines:
        line = line if line.endswith("\n") else line + "\n"  # the header lines
        if color and line[:1] in "+-@" and not line.startswith(("+++", "---")):
            style = {"+": "green", "-": "red", "@": "cyan"}[line[0]]
            line = click.style(line.rstrip("\n"), fg=style) + "\n"
        out.append(line)
    return "".join(out)


def removals(label: str, result: CleanResult, color: bool) -> str:
    """``-v`` for one document: each removal with its line, rule, category and reason, then a count."""
    out = []
    for r in result.removed:
        why = f" — {r.why}" if r.why else ""
        head = f"{label}:{r.line}: {r.rule} ({r.category}){why}"
        out.append(f"{click.style(head, fg='yellow') if color else head}: {r.text}")
    md = result.metadata
    out.append(f"{label}: {md.encoding}, {md.lines_in} line(s) in, {md.lines_out} out, "
               f"{len(result.removed)} removal(s), title {md.title!r}")
    return "\n".join(out)


def file_line(rec: FileRecord, color: bool) -> str:
    """``-v`` for a batch: one line per file, what it became and which categories were removed."""
    if rec.status == "skipped":
        return f"{rec.input}: skipped (unchanged since the last run)"
    cats = ", ".join(f"{k} {v}" for k, v in sorted(rec.categories.items())) or "nothing removed"
    copies = f", {rec.copies} copies in the collection" if rec.copies else ""
    head = f"{rec.input}: {rec.encoding}, {rec.lines_in} → {rec.lines_out} line(s)"
    return f"{click.style(head, fg='cyan') if color else head}: {cats}{copies}"


def profile_line(profile: Profile, saved: str | None) -> str:
    """What the collection profile learned and how many documents were copies of others."""
    where = f" · saved in {saved}" if saved else ""
    return (f"profile: {profile.documents} document(s), {len(profile.learned())} recurring edge line(s) learned, "
            f"{profile.duplicates} duplicate document(s){where}")
