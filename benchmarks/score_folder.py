"""Score a whole folder cleaned through the command line, as a user runs it (one ``cleantext clean DIR`` with the
collection profile on by default), with the labelled-corpus scorer's own functions.

    python benchmarks/score_folder.py --cases ../shared/real-dev                       # bundled rules + profile
    python benchmarks/score_folder.py --cases ../shared/real-dev -- --no-bundled       # the profile alone
    python benchmarks/score_folder.py --cases ../shared/dev-corpus -- --no-profile     # bundled rules alone

``score.py`` cleans each document on its own (``cleantext.clean``), so it never sees a collection profile; this
script runs ``cleantext clean CASES/<folder> -o OUT --format json`` (arguments after ``--`` are passed on), reads
each labelled file's result from OUT and scores it with ``score.score`` and ``score.summarize`` imported from the
scorer (``--scorer``). It prints the scorer's columns and, last, a headline in the scorer's form.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_SCORER = HERE.parent.parent / "shared" / "tools" / "score.py"
COLUMNS = ("docs", "errors", "body_chars", "residue", "exact_docs", "title", "encoding", "contacts_p", "contacts_r",
           "hard_negatives", "negatives")
HEADLINE = ("body_chars", "residue", "hard_negatives", "negatives", "contacts_p", "contacts_r", "title", "encoding",
            "errors")


def load_scorer(path: Path) -> ModuleType:
    """The scorer as a module (its ``score`` and ``summarize`` are used as they are, never copied)."""
    if not path.is_file():
        raise SystemExit(f"scorer not found: {path} (pass --scorer)")
    spec = importlib.util.spec_from_file_location("cleantext_scorer", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_labels(cases: Path) -> list[tuple[dict[str, Any], bytes]]:
    labels = []
    with (cases / "labels.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                lab = json.loads(line)
                labels.append((lab, (cases / lab["file"]).read_bytes()))
    return labels


def clean_folder(cases: Path, labels: list[tuple[dict[str, Any], bytes]], out: Path,
                 extra: list[str]) -> list[tuple[str, dict[str, Any], str | None]]:
    """Run the CLI once over every folder the labels name; the (text, metadata, error) of each labelled file."""
    folders = sorted({(cases / lab["file"]).parent for lab, _ in labels})
    cmd = [sys.executable, "-m", "cleantext", "clean", *map(str, folders), "-o", str(out), "--format", "json", "-q",
           *extra]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: some files failed, which the score counts
        raise SystemExit(f"cleantext clean failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    outputs = {}
    with (out / "manifest.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("input"):
                outputs[str(Path(rec["input"]).resolve())] = rec
    results: list[tuple[str, dict[str, Any], str | None]] = []
    for lab, _ in labels:
        rec = outputs.get(str((cases / lab["file"]).resolve()))
        if rec is None or not rec.get("output") or not Path(rec["output"]).is_file():  # "ok", or "empty" input
            results.append(("", {}, f"not cleaned: {rec.get('status') if rec else 'no manifest record'}"))
            continue
        data = json.loads(Path(rec["output"]).read_text(encoding="utf-8"))
        results.append((data.get("text", ""), data.get("metadata", {}), None))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, required=True, help="a labelled corpus folder (labels.jsonl)")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help=f"score.py (default {DEFAULT_SCORER})")
    parser.add_argument("--keep", type=Path, help="write the CLI's output here (default: a temporary folder)")
    parser.add_argument("extra", nargs="*", help="arguments for cleantext clean, after --")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.scorer)
    labels = read_labels(args.cases)
    with tempfile.TemporaryDirectory(prefix="ct-score-folder-") as tmp:
        out = args.keep or Path(tmp) / "out"
        outs = clean_folder(args.cases, labels, out, args.extra)
    total = scorer.summarize(scorer.score(labels, outs))
    print(f"{'':22}" + "".join(f"{c[:10]:>11}" for c in COLUMNS))
    print(f"{'all':22}" + "".join(f"{total[c]:>11.2f}" if isinstance(total[c], float) else f"{total[c]:>11}"
                                  for c in COLUMNS))
    print(f"cleantext clean {' '.join(args.extra) or '(defaults)'}: "
          + " ".join(f"{k}={float(total[k]):.2f}" for k in HEADLINE))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
