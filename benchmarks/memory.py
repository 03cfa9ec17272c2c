"""Peak memory of cleaning one large document (a multiple of its size) and a JSONL stream (MB): issues 13 and 17.

    python benchmarks/memory.py [--modes stdout,outdir,jsonl] [--jsonl-mb 1000] [SIZE_MB ...]
                                                                       (default: all three modes, 200 MB)

For each size, a text file of our own invented prose (a novel-like body with site tags glued to some lines, a few
boilerplate lines, blank lines) is written under the temporary folder and cleaned in a child process, whose peak
RSS (``os.wait4``: that process alone) is printed with its multiple of the file size, in each mode:

- ``stdout``: ``cleantext clean FILE > OUT`` (one file to stdout; block by block from ``BLOCKWISE_MIN_BYTES``);
- ``outdir``: ``cleantext clean FILE -o OUTDIR`` (the batch path: a worker, the manifest, the audit file; block by
  block from the same size); its text is compared with the ``stdout`` mode's when both ran;
- ``blockwise``: ``cleantext.blockwise.clean_file`` called directly (prints its block count or why it declined);
- ``jsonl``: ``cleantext clean --jsonl IN -o OUT`` on a stream of ``--jsonl-mb`` MB of 20 KB records (peak in MB:
  the issue's target is ≤ 200 MB, whatever the stream's length); ``--no-profile`` passes that option (without
  it a first pass learns the collection profile of the stream's records, which holds up to its ``max_keys``).

Each line says whether it meets the issue's target (≤ 3 × the document; ≤ 200 MB for the stream). The
files are deleted afterwards. A size that would not fit in the machine's available memory at 4 × is skipped with a
note. Not a timed test: the figures it prints are the point.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUBJECTS = ["他", "她", "老人", "少年", "师父", "掌柜的", "那个孩子", "村里的人", "巡夜的兵", "船夫"]
ACTIONS = ["沿着河岸慢慢走了很久", "推开门看了看外面的雨", "把信折好放进了怀里", "在灯下数着剩下的铜钱",
           "望着远处的山一言不发", "收起长剑转身离去", "把最后一碗粥递给了客人", "想起了十年前的那个冬天"]
ENDS = ["。", "。", "，心里却很平静。", "！", "……", "。”"]
# Invented boilerplate: glued site tags, whole lines, all of invented brands and domains.
TAGS = ["★无弹窗★", "本书由星河文库首发，请勿转载！", "（星河小说网 www.example-novel.com）"]
LINES = ["仅供学习交流使用，请于下载后24小时内删除", "本书由星河文库整理", "手机用户请到m.example-novel.com阅读"]


def paragraph(rng: random.Random) -> str:
    """One line of body text, sometimes with a tag glued on, or a boilerplate line of its own."""
    roll = rng.random()
    if roll < 0.01:
        return rng.choice(LINES)
    text = "".join(rng.choice(SUBJECTS) + rng.choice(ACTIONS) + rng.choice(ENDS) for _ in range(rng.randint(1, 4)))
    return text + rng.choice(TAGS) if roll < 0.05 else text


def write_document(path: Path, size: int, seed: int = 13) -> int:
    """Write about ``size`` bytes of UTF-8 text to ``path`` in chunks (never held whole); returns its size."""
    rng = random.Random(seed)
    written = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write("第一章 出发\n\n")
        while written < size:
            chunk = "\n".join(paragraph(rng) + ("\n" if rng.random() < 0.3 else "") for _ in range(2000)) + "\n"
            f.write(chunk)
            written += len(chunk.encode("utf-8"))
    return path.stat().st_size


def peak_rss(argv: list[str], stdout: Path) -> tuple[float, int, int]:
    """(seconds, peak RSS in bytes of that process alone, exit code) of one command."""
    with open(stdout, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0 and proc.stderr is not None:
        sys.stderr.write(proc.stderr.read().decode("utf-8", "replace")[-2000:])
    return seconds, usage.ru_maxrss * 1024, code


def available_bytes() -> int:
    """MemAvailable from /proc/meminfo (0 when unknown)."""
    try:
        with open("/proc/meminfo") as f:
            return next(int(line.split()[1]) * 1024 for line in f if line.startswith("MemAvailable:"))
    except (OSError, StopIteration):
        return 0


def baseline(folder: Path) -> int:
    """Peak RSS of the command on a one-line document: the interpreter, the imports and the compiled patterns."""
    doc, out = folder / "tiny.txt", folder / "tiny-out.txt"
    doc.write_text("第一章 出发\n他沿着河岸慢慢走了很久。\n", encoding="utf-8")
    _, rss, _ = peak_rss([sys.executable, "-m", "cleantext", "clean", str(doc)], out)
    print(f"  base: peak RSS {rss / 1e6:7.0f} MB on a one-line document (interpreter, imports, compiled patterns)")
    return rss


BLOCKWISE = """
import sys
from cleantext import blockwise
from cleantext.cleaner import Cleaner
res = blockwise.clean_file(Cleaner(), sys.argv[1], sys.argv[2])
print("declined: " + str(blockwise.why_not(Cleaner(), sys.argv[1])) if res is None else f"{res.blocks} blocks")
"""


def command(mode: str, doc: Path, out: Path) -> tuple[list[str], Path]:
    """The child's command line for a mode, and the file its stdout goes to."""
    if mode == "stdout":
        return [sys.executable, "-m", "cleantext", "clean", str(doc)], out
    if mode == "outdir":
        return [sys.executable, "-m", "cleantext", "clean", str(doc), "-o", str(out), "-q"], out.with_suffix(".log")
    if mode == "blockwise":
        return [sys.executable, "-c", BLOCKWISE, str(doc), str(out)], out.with_suffix(".log")
    raise ValueError(mode)


def measure(size_mb: float, folder: Path, base: int, modes: list[str]) -> None:
    size = int(size_mb * 1e6)
    if available_bytes() and 4 * size > available_bytes():
        print(f"{size_mb:>6.0f} MB: skipped, {available_bytes() / 1e9:.1f} GB available is under 4 × the file")
        return
    doc = folder / f"doc-{size_mb:.0f}.txt"
    outputs: dict[str, Path] = {}
    try:
        n = write_document(doc, size)
        for mode in (m for m in modes if m != "jsonl"):
            out = folder / f"out-{mode}-{size_mb:.0f}.txt"
            argv, stdout = command(mode, doc, out)
            seconds, rss, code = peak_rss(argv, stdout)
            text = out / doc.name if out.is_dir() else out
            kept = text.stat().st_size if text.exists() else 0
            said = stdout.read_text(encoding="utf-8").strip() if stdout != out and stdout.exists() else ""
            verdict = "not complete: no verdict on" if code != 0 else "meets" if rss <= 3 * n else "misses"
            print(f"{n / 1e6:>6.0f} MB {mode:>9}: peak RSS {rss / 1e6:7.0f} MB = {rss / n:.2f} × the document "
                  f"({verdict} ≤ 3 ×), {(rss - base) / n:.2f} × above the base ({seconds:.0f} s, exit {code}, "
                  f"{kept / n:.1%} kept{', ' + said if said else ''})", flush=True)
            outputs[mode] = text
        for other in ("outdir", "blockwise"):
            if "stdout" in outputs and other in outputs and outputs[other].exists():
                same = filecmp.cmp(outputs["stdout"], outputs[other], shallow=False)
                print(f"         {other} output {'identical to' if same else 'DIFFERS from'} the stdout one")
    finally:
        doc.unlink(missing_ok=True)
        for path in folder.glob("out-*"):
            if path.is_dir():
                for p in sorted(path.rglob("*"), reverse=True):
                    p.unlink() if p.is_file() else p.rmdir()
                path.rmdir()
            else:
                path.unlink()


def write_stream(path: Path, size: int, seed: int = 17) -> tuple[int, int]:
    """About ``size`` bytes of JSONL records of 20 KB of that prose each; (bytes, records)."""
    rng = random.Random(seed)
    written = records = 0
    with open(path, "w", encoding="utf-8") as f:
        while written < size:
            lines, n = ["第一章 出发", ""], 0
            while n < 20_000:
                lines.append(paragraph(rng))
                n += len(lines[-1].encode("utf-8")) + 1
            line = json.dumps({"id": records, "text": "\n".join(lines)}, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode("utf-8"))
            records += 1
    return path.stat().st_size, records


def measure_stream(size_mb: float, folder: Path, extra: list[str]) -> None:
    src, out = folder / "stream.jsonl", folder / "stream-out.jsonl"
    try:
        n, records = write_stream(src, int(size_mb * 1e6))
        argv = [sys.executable, "-m", "cleantext", "clean", "--jsonl", str(src), "-o", str(out), "-q", *extra]
        seconds, rss, code = peak_rss(argv, folder / "stream.log")
        verdict = "not complete: no verdict on" if code != 0 else "meets" if rss <= 200e6 else "misses"
        print(f"{n / 1e6:>6.0f} MB     jsonl: peak RSS {rss / 1e6:7.0f} MB for a stream of {records} records "
              f"({verdict} ≤ 200 MB; {seconds:.0f} s, exit {code}{'; ' + ' '.join(extra) if extra else ''})",
              flush=True)
    finally:
        src.unlink(missing_ok=True)
        out.unlink(missing_ok=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=float, default=[200.0], help="document sizes in MB")
    parser.add_argument("--modes", default="stdout,outdir,jsonl")
    parser.add_argument("--jsonl-mb", type=float, default=1000.0, help="size of the JSONL stream in MB")
    parser.add_argument("--no-profile", action="store_true",
                        help="clean the stream without the collection profile (its first pass learns one)")
    args = parser.parse_args(argv)
    modes = args.modes.split(",")
    with tempfile.TemporaryDirectory(prefix="cleantext-memory-") as tmp:
        base = baseline(Path(tmp))
        if set(modes) - {"jsonl"}:
            for size_mb in args.sizes:
                measure(size_mb, Path(tmp), base, modes)
        if "jsonl" in modes:
            measure_stream(args.jsonl_mb, Path(tmp), ["--no-profile"] if args.no_profile else [])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
