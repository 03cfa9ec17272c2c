"""Timing and memory helpers for ``run.py``: best-of-n timers, the two baselines, and child processes whose peak RSS
is read from the kernel (``os.wait4``), so a measurement never includes the parent's own memory."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import Any

import chardet
import ftfy


def best_of(fn: Callable[[], Any], repeat: int) -> float:
    """The shortest of ``repeat`` runs, in seconds (the least disturbed by other work on a shared machine)."""
    best = float("inf")
    for _ in range(max(repeat, 1)):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def floor_pass(docs: Sequence[bytes], encoding: str) -> None:
    """The floor: decode with the known codec and split the lines."""
    for raw in docs:
        raw.decode(encoding).splitlines()


def naive_pass(docs: Sequence[bytes], patterns: Sequence[Any]) -> None:
    """What a user writes without cleantext: chardet on the whole bytes, ftfy with its defaults on everything, then
    every pattern over every line, used the way it is meant (whole-line rules must match the stripped line, inline
    rules are searched), with no keyword prefilter; a line goes at its first whole-line hit."""
    whole = [p.compiled.fullmatch for p in patterns if p.scope != "inline"]
    inline = [p.compiled.sub for p in patterns if p.scope == "inline"]
    for raw in docs:
        guess = chardet.detect(raw)["encoding"] or "utf-8"
        text = ftfy.fix_text(raw.decode(guess, errors="replace"))
        kept = []
        for line in text.splitlines():
            s = line.strip()
            if any(f(s) for f in whole):
                continue
            for sub in inline:
                line = sub("", line)
            kept.append(line)
        "\n".join(kept)


def clean_pass(cleaner: Any, docs: Sequence[bytes]) -> None:
    for raw in docs:
        cleaner.clean(raw)


def run_child(argv: Sequence[str]) -> tuple[float, float, str]:
    """Run a command; returns (seconds, peak RSS in MB of that very process, its stdout). Raises if it fails.

    The child is reaped with ``os.wait4``, which gives its own resource usage (RUSAGE_CHILDREN would mix in every
    earlier child of this process)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(list(argv), stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:5])} failed ({proc.returncode}): {err.read().decode()[-2000:]}")
        return seconds, usage.ru_maxrss / 1024, out.read().decode(errors="replace")


# Run in a child: `python -c CHILD_SNIPPET RSS_FILE MODE ARGS...`. Its peak RSS is read from /proc/self/status (VmHWM)
# when it ends: the kernel's ru_maxrss of a fresh child would include the parent's memory (it is carried across exec).
CHILD_SNIPPET = r'''
import json, resource, sys
rss_file, mode, args = sys.argv[1], sys.argv[2], sys.argv[3:]
try:
    if mode == "floor-doc":
        with open(args[0], "rb") as f:
            f.read().decode("utf-8").splitlines()
    elif mode == "clean-doc":
        import cleantext
        with open(args[0], "rb") as f:
            data = f.read()
        cleantext.Cleaner().clean(data)
    elif mode == "floor-jsonl":
        with open(args[0], encoding="utf-8") as f:
            for line in f:
                json.loads(line)["text"].splitlines()
    elif mode == "clean-jsonl":  # the stand-in for `cleantext clean --jsonl` when the CLI is not there
        import cleantext
        cleaner = cleantext.Cleaner()
        with open(args[0], encoding="utf-8") as f, open(args[1], "w", encoding="utf-8") as out:
            for line in f:
                rec = json.loads(line)
                rec["text"] = cleaner.clean(rec["text"]).text
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    elif mode == "cli":
        import runpy
        sys.argv = ["cleantext", *args]
        runpy.run_module("cleantext", run_name="__main__")
finally:
    try:
        with open("/proc/self/status") as f:
            kb = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
    except OSError:
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(rss_file, "w") as f:
        f.write(str(kb))
'''


def child_rss(mode: str, *args: str) -> tuple[float, float]:
    """(seconds, peak RSS MB) of one CHILD_SNIPPET run: ``mode`` is floor-doc, clean-doc, floor-jsonl, clean-jsonl
    or cli (``args`` are then the arguments of the ``cleantext`` command)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        seconds, _, _ = run_child([sys.executable, "-c", CHILD_SNIPPET, rss.name, mode, *args])
        return seconds, int(rss.read() or 0) / 1024
