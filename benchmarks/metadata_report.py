"""Per-kind contact precision/recall and title misses of cleantext on a labelled corpus (labels.jsonl + files).

    python benchmarks/metadata_report.py --cases ../shared/dev-corpus [--show 20]

Contacts are compared the way ``shared/tools/score.py`` compares them (NFKC, lower case, digits only for numbers,
URL without scheme or trailing slash), so the totals here equal its contacts_p / contacts_r columns.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import cleantext

KINDS = ("qq", "qq_group", "wechat", "gongzhonghao", "phone", "email", "url")


def norm(kind: str, value: str) -> str:
    """The scorer's normalization of one contact value."""
    v = unicodedata.normalize("NFKC", str(value)).strip().lower()
    if kind in ("qq", "qq_group", "phone"):
        return re.sub(r"\D", "", v)
    if kind == "url":
        return re.sub(r"^https?://", "", v).rstrip("/")
    return v


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", required=True)
    ap.add_argument("--show", type=int, default=15, help="print up to N misses of each sort")
    args = ap.parse_args()
    root = Path(args.cases)
    cleaner = cleantext.Cleaner()
    tp: dict[str, int] = defaultdict(int)
    n_pred: dict[str, int] = defaultdict(int)
    n_gold: dict[str, int] = defaultdict(int)
    fn: list[str] = []
    fp: list[str] = []
    title_miss: list[str] = []
    n_docs = title_ok = 0
    for line in (root / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        lab = json.loads(line)
        md = cleaner.clean((root / lab["file"]).read_bytes()).to_dict()["metadata"]
        n_docs += 1
        if (md.get("title") or None) == (lab["title"] or None):
            title_ok += 1
        else:
            title_miss.append(f"{lab['id']}: got {md.get('title')!r} want {lab['title']!r}")
        for kind in KINDS:
            gold = {norm(kind, v) for v in (lab.get("contacts") or {}).get(kind, [])}
            pred = {norm(kind, v) for v in (md.get("contacts") or {}).get(kind, [])}
            tp[kind] += len(gold & pred)
            n_pred[kind] += len(pred)
            n_gold[kind] += len(gold)
            fn += [f"{lab['id']} {kind}: {v}" for v in sorted(gold - pred)]
            fp += [f"{lab['id']} {kind}: {v}" for v in sorted(pred - gold)]
    pct = lambda a, b: 100.0 * a / b if b else 100.0  # noqa: E731
    print(f"{'kind':14}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>9}{'R':>9}")
    for kind in (*KINDS, "all"):
        g = sum(n_gold.values()) if kind == "all" else n_gold[kind]
        p = sum(n_pred.values()) if kind == "all" else n_pred[kind]
        t = sum(tp.values()) if kind == "all" else tp[kind]
        print(f"{kind:14}{g:>6}{p:>6}{t:>6}{pct(t, p):>9.2f}{pct(t, g):>9.2f}")
    print(f"title {title_ok}/{n_docs} = {pct(title_ok, n_docs):.2f}")
    for name, rows in (("missed contacts", fn), ("extra contacts", fp), ("title misses", title_miss)):
        if rows and args.show:
            print(f"\n{name} ({len(rows)}):")
            for r in rows[: args.show]:
                print("  " + r)


if __name__ == "__main__":
    main()
