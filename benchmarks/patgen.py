"""Generated pattern files: many valid patterns with keywords, to show that cleaning time is flat in their number.

Each pattern has an invented keyword (two or three CJK characters drawn from the whole block, so a few of them do occur
in text), a whole-line regex built around it, two match examples and one keep example, so that every file loads
through the same checks as the bundled ones.
"""

from __future__ import annotations

import random
from pathlib import Path

PER_FILE = 100
_TEMPLATE = '''[[pattern]]
id = "ad.gen-{n:05d}"
category = "ad"
scope = "line"
keywords = ["{kw}"]
regex = \'\'\'[\\s\\p{{P}}]*{kw}[^，。！？]{{0,12}}(?:QQ|微信)[:：]?\\s?[0-9]{{5,11}}[\\s\\p{{P}}]*\'\'\'
match = ["【{kw}资料群】QQ：{num}", "{kw}微信:{num}"]
keep = ["今天我们讨论了{kw}的历史，大家发言积极。"]
'''


def keywords(n: int, seed: int = 11) -> list[str]:
    """``n`` distinct keywords of two or three CJK ideographs."""
    rng = random.Random(seed)
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.choice((2, 2, 3)))))
    return sorted(out)


def write_patterns(folder: Path, n: int, seed: int = 11) -> list[Path]:
    """``n`` patterns in files of ``PER_FILE`` under ``folder``; returns the files."""
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    kws = keywords(n, seed)
    for start in range(0, n, PER_FILE):
        body = ['[meta]\ndescription = "generated for the benchmark"\n']
        for i in range(start, min(start + PER_FILE, n)):
            body.append(_TEMPLATE.format(n=i, kw=kws[i], num=31415926 + i))
        path = folder / f"gen-{start // PER_FILE:04d}.toml"
        path.write_text("\n".join(body), encoding="utf-8")
        files.append(path)
    return files
