"""How much of the body of each mojibake document of a labelled folder comes back character for character.

    python benchmarks/mojibake_body.py --cases ../shared/dev-corpus [--no-lm] [--show 3]

Each document whose label has ``"kind": "mojibake"`` is cleaned as the scorer cleans it (``cleantext.clean`` on the
raw bytes), and its body lines are counted as the scorer counts them: a labelled line is kept only when the same
stripped line comes back (each output line used once). Prints per document the lines and characters kept, the
characters the repair says it guessed or left as U+FFFD, then the totals. ``--no-lm`` switches the optional
character trigrams off (``cleantext.text.mojibake_lm``) so that one venv with the ``mojibake-lm`` extra measures
both; ``--show N`` prints up to N lines per document that did not come back, with the labelled line above each (to
read: never copy them into the repository).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from cleantext.text import mojibake_lm

_NOTE = re.compile(r"mojibake repair: (\d+) character\(s\) guessed from lost bytes, (\d+) left as U\+FFFD")


@dataclass(frozen=True, slots=True)
class DocFigures:
    """One document's figures: labelled body lines and characters, those that came back exactly, and the repair's
    own count of guessed and unread characters."""

    doc_id: str
    lines: int
    kept_lines: int
    chars: int
    kept_chars: int
    guessed: int
    left: int
    missing: tuple[tuple[str, str | None], ...]  # (labelled line, the output line most like it)


def _stripped_lines(text: str) -> list[str]:
    return [s for line in text.splitlines() if (s := line.strip())]


def _closest(want: str, got: list[str]) -> str | None:
    """The output line of the same length with the most characters in place (a wrong guess keeps the length)."""
    same = [g for g in got if len(g) == len(want)]
    if not same:
        return None
    return max(same, key=lambda g: sum(a == b for a, b in zip(g, want, strict=True)))


def measure(label: dict, raw: bytes) -> DocFigures:
    """Clean one document and count its body as the scorer does."""
    import cleantext

    result = cleantext.clean(raw)
    got = _stripped_lines(result.text)
    available = Counter(got)
    want = [s for line in label["body_lines"] if (s := line.strip())]
    kept_lines = kept_chars = 0
    missing = []
    for line in want:
        if available[line] > 0:
            available[line] -= 1
            kept_lines += 1
            kept_chars += len(line)
        else:
            missing.append((line, _closest(line, got)))
    guessed = left = 0
    for warning in result.to_dict().get("metadata", {}).get("warnings", []) or []:
        if m := _NOTE.search(str(warning)):
            guessed, left = guessed + int(m.group(1)), left + int(m.group(2))
    return DocFigures(label["id"], len(want), kept_lines, sum(map(len, want)), kept_chars, guessed, left,
                      tuple(missing))


def _labels(folder: Path) -> list[dict]:
    path = folder / "labels.jsonl"
    if not path.is_file():
        raise SystemExit(f"no labels.jsonl in {folder}")
    with path.open(encoding="utf-8") as f:
        return [d for line in f if line.strip() and (d := json.loads(line)).get("kind") == "mojibake"]


def _pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:5.1f}" if b else "  -  "


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=Path, required=True, help="a labelled folder (labels.jsonl and its files)")
    ap.add_argument("--no-lm", action="store_true", help="switch the optional character trigrams off")
    ap.add_argument("--show", type=int, default=0, help="print up to N lines per document that did not come back")
    args = ap.parse_args(argv)
    if args.no_lm:
        mojibake_lm.available = lambda: False  # type: ignore[assignment]  # read at each use by the repair
    docs = [measure(lab, (args.cases / lab["file"]).read_bytes()) for lab in _labels(args.cases)]
    if not docs:
        print("no mojibake documents", file=sys.stderr)
        return 1
    print(f"trigrams: {'on' if mojibake_lm.available() else 'off'}")
    print(f"{'doc':<12} {'lines':>9} {'lines%':>6} {'chars':>9} {'chars%':>6} {'guessed':>7} {'left':>4}")
    for d in docs:
        print(f"{d.doc_id:<12} {d.kept_lines:>4}/{d.lines:<4} {_pct(d.kept_lines, d.lines):>6} "
              f"{d.kept_chars:>4}/{d.chars:<4} {_pct(d.kept_chars, d.chars):>6} {d.guessed:>7} {d.left:>4}")
        for want, got in d.missing[:args.show]:
            print(f"    want {want}\n    got  {got}")
    lines, kept_lines = sum(d.lines for d in docs), sum(d.kept_lines for d in docs)
    chars, kept_chars = sum(d.chars for d in docs), sum(d.kept_chars for d in docs)
    print(f"{'all':<12} {kept_lines:>4}/{lines:<4} {_pct(kept_lines, lines):>6} {kept_chars:>4}/{chars:<4} "
          f"{_pct(kept_chars, chars):>6} {sum(d.guessed for d in docs):>7} {sum(d.left for d in docs):>4}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
