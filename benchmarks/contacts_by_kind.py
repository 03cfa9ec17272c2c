"""Contacts recall and precision per kind (qq, qq_group, wechat, gongzhonghao, phone, email, url) on labelled folders.

    python benchmarks/contacts_by_kind.py --cases ../shared/real-dev --cases ../shared/dev-corpus [--scorer PATH]
                                          [--show 5]

The scorer (``../shared/tools/score.py``) gives contacts over all kinds only. This imports its own functions (how it
runs the cleaner, how it normalizes a contact, its list of kinds) so that the per-kind figures are the scorer's,
cut by kind: recall is found / labelled, precision is right / given, both over (kind, normalized value) pairs per
document. ``--show`` prints a few missed and wrongly given contacts per kind (from the labels, to read, not to copy).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

DEFAULT_SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"


def load_scorer(path: Path) -> ModuleType:
    """The scorer, imported as a module (its ``main`` is not run)."""
    spec = importlib.util.spec_from_file_location("cleantext_scorer", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import the scorer from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_labels(folder: Path) -> list[tuple[dict, bytes]]:
    """(label, raw bytes) per document, as the scorer reads them."""
    labels = []
    for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            lab = json.loads(line)
            labels.append((lab, (folder / lab["file"]).read_bytes()))
    return labels


def by_kind(scorer: ModuleType, labels: list[tuple[dict, bytes]]) -> tuple[dict[str, Counter[str]], dict]:
    """Per kind: true positives, given, labelled; and examples of misses and wrong ones."""
    outs, _ = scorer.run_cleaner(argparse.Namespace(oracle=False, baseline=None), labels)
    counts: dict[str, Counter[str]] = {k: Counter() for k in scorer.KINDS}
    examples: dict[str, dict[str, list[str]]] = {k: {"missed": [], "wrong": []} for k in scorer.KINDS}
    for (lab, _raw), (_text, md, _err) in zip(labels, outs, strict=True):
        gold = {(k, scorer.norm_contact(k, v)) for k, vs in (lab.get("contacts") or {}).items() for v in vs}
        pred = {(k, scorer.norm_contact(k, v)) for k, vs in ((md or {}).get("contacts") or {}).items()
                if k in scorer.KINDS for v in (vs or [])}
        for kind in scorer.KINDS:
            g = {v for k, v in gold if k == kind}
            p = {v for k, v in pred if k == kind}
            counts[kind].update(tp=len(g & p), given=len(p), labelled=len(g))
            examples[kind]["missed"] += [f"{lab['id']}: {v}" for v in sorted(g - p)]
            examples[kind]["wrong"] += [f"{lab['id']}: {v}" for v in sorted(p - g)]
    return counts, examples


def _pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:6.2f}" if b else "     -"


def table(name: str, counts: dict[str, Counter[str]]) -> list[str]:
    """Rows of the per-kind table of one folder, and the all-kinds row the scorer prints."""
    rows = [f"{name}", f"  {'kind':<13}{'recall':>8}{'precision':>11}{'found/labelled':>16}{'right/given':>13}"]
    total: Counter[str] = Counter()
    for kind, c in counts.items():
        total.update(c)
        rows.append(f"  {kind:<13}{_pct(c['tp'], c['labelled']):>8}{_pct(c['tp'], c['given']):>11}"
                    f"{c['tp']:>9}/{c['labelled']:<6}{c['tp']:>7}/{c['given']:<5}")
    rows.append(f"  {'all':<13}{_pct(total['tp'], total['labelled']):>8}{_pct(total['tp'], total['given']):>11}"
                f"{total['tp']:>9}/{total['labelled']:<6}{total['tp']:>7}/{total['given']:<5}")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, action="append", required=True, help="a labelled folder (repeatable)")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="path of the scorer's score.py")
    parser.add_argument("--show", type=int, default=0, help="misses and wrong contacts to print per kind")
    args = parser.parse_args(argv)
    if not args.scorer.is_file():
        parser.error(f"--scorer: {args.scorer} not found")
    scorer = load_scorer(args.scorer)
    for folder in args.cases:
        if not (folder / "labels.jsonl").is_file():
            parser.error(f"--cases: {folder} has no labels.jsonl")
        counts, examples = by_kind(scorer, load_labels(folder))
        print("\n".join(table(str(folder), counts)))
        if args.show:
            for kind, ex in examples.items():
                for what in ("missed", "wrong"):
                    for line in ex[what][: args.show]:
                        print(f"    {kind} {what}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
