"""Peak memory of the command line cleaning one large document, as a multiple of the document's size.

    python benchmarks/memory.py [SIZE_MB ...]      (default: 200 1000)

For each size, a text file of our own invented prose (a novel-like body with site tags glued to some lines, a few
boilerplate lines, blank lines) is written under the temporary folder, ``cleantext clean FILE`` runs on it in a
child process with its output going to a file, and the child's peak RSS (``os.wait4``: that process alone) is
printed with its multiple of the file size. The files are deleted afterwards. A size that would not fit in the
machine's available memory at 4 × is skipped with a note. Not a timed test: the figure it prints is the point.
"""

from __future__ import annotations

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


def measure(size_mb: float, folder: Path, base: int) -> None:
    size = int(size_mb * 1e6)
    if available_bytes() and 4 * size > available_bytes():
        print(f"{size_mb:>6.0f} MB: skipped, {available_bytes() / 1e9:.1f} GB available is under 4 × the file")
        return
    doc, out = folder / f"doc-{size_mb:.0f}.txt", folder / f"out-{size_mb:.0f}.txt"
    try:
        n = write_document(doc, size)
        seconds, rss, code = peak_rss([sys.executable, "-m", "cleantext", "clean", str(doc)], out)
        kept = out.stat().st_size
        print(f"{n / 1e6:>6.0f} MB: peak RSS {rss / 1e6:7.0f} MB = {rss / n:.2f} × the document, "
              f"{(rss - base) / n:.2f} × above the base ({seconds:.0f} s, exit {code}, {kept / n:.1%} kept)",
              flush=True)
    finally:
        doc.unlink(missing_ok=True)
        out.unlink(missing_ok=True)


def main(argv: list[str]) -> int:
    sizes = [float(a) for a in argv] or [200.0, 1000.0]
    with tempfile.TemporaryDirectory(prefix="cleantext-memory-") as tmp:
        base = baseline(Path(tmp))
        for size_mb in sizes:
            measure(size_mb, Path(tmp), base)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
