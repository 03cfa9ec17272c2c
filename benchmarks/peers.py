"""cleantext beside its peers, on the peers' own test files: chardet's corpus for decoding, ftfy's cases for repair.

    python benchmarks/peers.py --chardet DIR --ftfy DIR [--list]

``--chardet`` is the ``tests/`` folder of a local copy of https://github.com/chardet/chardet (one sub-folder per
encoding, named ``<encoding>[-<language>]``); ``--ftfy`` is ``tests/test-cases/`` of
https://github.com/rspeer/python-ftfy. Nothing of theirs is in this repository: fetch them yourself. Either may be
left out. ``--list`` also names every file cleantext garbles or refuses.

A file counts as *right* when the decoded text equals its text in the folder's encoding or in a superset that
decodes it strictly (GB18030 for GB2312, CP949 for EUC-KR...), *garbled* when a text came back that differs, and
*refused* when a CleantextError (or, for chardet, no answer) was given. An ftfy case counts as fixed when
``cleantext.clean(original).text`` equals the expected ``fixed`` text (both stripped, as clean strips line ends);
ftfy runs with the CJK-safe configuration (``fix_character_width=False, uncurl_quotes=False``).
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import chardet

import cleantext
from cleantext.errors import CleantextError
from cleantext.text.decode import decode_bytes

# Folder names that are not Python codec names, and supersets tried when the folder's codec fails strictly.
_FOLDER_CODEC = {"macroman": "mac-roman", "maccyrillic": "mac-cyrillic", "ibm855": "cp855", "ibm866": "cp866"}
_SUPERSETS = {
    "gb2312": ("gbk", "gb18030"), "big5": ("cp950", "big5hkscs"), "euc_kr": ("cp949",), "shift_jis": ("cp932",),
    "euc_jp": ("euc_jis_2004",), "iso8859-1": ("cp1252",), "ascii": ("utf-8",), "johab": (),
}
_CJK_UNICODE = ("big5", "gb2312", "gb18030", "utf-8", "utf-16", "utf-32")
CJK_SAFE = {"fix_character_width": False, "uncurl_quotes": False}


def folder_codec(folder: str) -> str | None:
    """The Python codec of a chardet corpus folder (``iso-8859-2-hungarian`` → ``iso8859-2``), or None."""
    parts = folder.lower().split("-")
    for n in range(len(parts), 0, -1):
        name = "-".join(parts[:n])
        try:
            return codecs.lookup(_FOLDER_CODEC.get(name, name)).name
        except LookupError:
            continue
    return None


def truths(data: bytes, codec: str) -> list[str]:
    """Every right reading of the document: strict in its codec and in each superset that decodes it (they can
    differ on a few marks, GB2312's ― being GB18030's —), else its codec with replacement characters."""
    texts = []
    for cand in (codec, *_SUPERSETS.get(codec, ())):
        try:
            texts.append(data.decode(cand).lstrip("\ufeff"))
        except UnicodeDecodeError:
            continue
    return texts or [data.decode(codec, errors="replace").lstrip("\ufeff")]


def _same(got: str, want: list[str]) -> bool:
    return got.lstrip("\ufeff") in want


@dataclass
class Tally:
    right: int = 0
    garbled: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def add(self, name: str, outcome: str) -> None:
        if outcome == "right":
            self.right += 1
        else:
            (self.garbled if outcome == "garbled" else self.refused).append(name)


def _cleantext_outcome(data: bytes, want: list[str]) -> tuple[str, str]:
    try:
        text, info = decode_bytes(data)
    except CleantextError as err:
        return "refused", type(err).__name__
    return ("right" if _same(text, want) else "garbled"), info.encoding


def _first_difference(data: bytes, want: list[str]) -> str:
    """How far cleantext's text is from the right one: characters that differ and the first of them, in context."""
    got = decode_bytes(data)[0].lstrip("\ufeff")
    right = want[0]
    diff = sum(a != b for a, b in zip(got, right, strict=False)) + abs(len(got) - len(right))
    at = next((i for i, (a, b) in enumerate(zip(got, right, strict=False)) if a != b), min(len(got), len(right)))
    lo, hi = max(0, at - 12), at + 6
    return f"; {diff} of {len(right)} characters differ, first {right[lo:hi]!r} → {got[lo:hi]!r}"


def _chardet_outcome(data: bytes, want: list[str]) -> tuple[str, str]:
    name = chardet.detect(data).get("encoding")
    if not name:
        return "refused", "None"
    try:
        text = data.decode(codecs.lookup(name).name, errors="replace")
    except LookupError:
        return "refused", name
    return ("right" if _same(text, want) else "garbled"), name


def run_chardet(root: Path, show: bool) -> list[tuple[str, str, str]]:
    """Rows of the chardet half of the table; with ``show``, one line per file cleantext does not get right."""
    ours, theirs, ours_cjk, skipped = Tally(), Tally(), Tally(), []
    by_folder: Counter[tuple[str, str]] = Counter()
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        codec = folder_codec(folder.name)
        files = sorted(p for p in folder.iterdir() if p.is_file())
        if codec is None:
            skipped.extend(f"{folder.name}/{p.name}" for p in files)
            continue
        cjk = folder.name.lower().startswith(_CJK_UNICODE)
        for path in files:
            data = path.read_bytes()
            want = truths(data, codec)
            name = f"{folder.name}/{path.name}"
            outcome, how = _cleantext_outcome(data, want)
            ours.add(name, outcome)
            if cjk:
                ours_cjk.add(name, outcome)
            theirs.add(name, _chardet_outcome(data, want)[0])
            if outcome != "right":
                by_folder[(folder.name, f"{outcome} as {how}")] += 1
                if show:
                    print(f"  {outcome:8} {name}  (cleantext: {how}; chardet: {chardet.detect(data)['encoding']})"
                          + (_first_difference(data, want) if outcome == "garbled" else ""))
    if show and by_folder:
        print("  by folder: " + "; ".join(f"{f} {how} ×{n}" for (f, how), n in sorted(by_folder.items())))
    total = ours.right + len(ours.garbled) + len(ours.refused)
    rows = [
        (f"chardet corpus ({total} files; {len(skipped)} without a Python codec skipped): decoded right",
         f"{ours.right} ({len(ours.garbled)} garbled, {len(ours.refused)} refused)",
         f"{theirs.right} ({len(theirs.garbled)} garbled, {len(theirs.refused)} refused)"),
        ("  of which Chinese and Unicode files (Big5, GB2312, UTF-8/16/32): garbled / refused",
         f"{len(ours_cjk.garbled)} / {len(ours_cjk.refused)}", ""),
    ]
    return rows


def _ftfy_cases(root: Path) -> tuple[list[dict], list[dict]]:
    negative = json.loads((root / "negative.json").read_text(encoding="utf-8"))
    positive = [case for path in sorted(root.glob("*.json")) if path.name != "negative.json"
                for case in json.loads(path.read_text(encoding="utf-8")) if case.get("expect") == "pass"]
    return positive, [case for case in negative if case.get("expect") == "pass"]


def _cleaned(text: str) -> str | None:
    try:
        return cleantext.clean(text).text
    except CleantextError:
        return None


def run_ftfy(root: Path, show: bool) -> list[tuple[str, str, str]]:
    """Rows of the ftfy half of the table."""
    import ftfy

    positive, negative = _ftfy_cases(root)
    ours_fixed = sum((_cleaned(c["original"]) or "").strip() == c["fixed"].strip() for c in positive)
    theirs_fixed = sum(ftfy.fix_text(c["original"], **CJK_SAFE) == c["fixed"] for c in positive)
    ours_kept = sum((_cleaned(c["original"]) or "").strip() == c["fixed"].strip() for c in negative)
    theirs_kept = sum(ftfy.fix_text(c["original"], **CJK_SAFE) == c["fixed"] for c in negative)
    if show:
        for case in positive:
            if (_cleaned(case["original"]) or "").strip() != case["fixed"].strip():
                print(f"  not fixed: {case['label']}")
    return [
        (f"ftfy cases (expect = pass, {len(positive)}): mojibake fixed", str(ours_fixed), str(theirs_fixed)),
        (f"ftfy negative cases ({len(negative)}): left unchanged", str(ours_kept), str(theirs_kept)),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chardet", type=Path, help="tests/ of a local copy of chardet/chardet")
    parser.add_argument("--ftfy", type=Path, help="tests/test-cases/ of a local copy of rspeer/python-ftfy")
    parser.add_argument("--list", action="store_true", help="name every file or case cleantext does not get right")
    args = parser.parse_args(argv)
    if not args.chardet and not args.ftfy:
        parser.error("give --chardet DIR and/or --ftfy DIR (local copies of the peers' test files)")
    rows: list[tuple[str, str, str]] = []
    if args.chardet:
        if not args.chardet.is_dir():
            parser.error(f"--chardet: {args.chardet} is not a folder")
        rows += run_chardet(args.chardet, args.list)
    if args.ftfy:
        if not (args.ftfy / "negative.json").is_file():
            parser.error(f"--ftfy: {args.ftfy} has no negative.json")
        rows += run_ftfy(args.ftfy, args.list)
    head = ("", f"cleantext {cleantext.__version__}", f"peer (chardet {chardet.__version__}; ftfy CJK-safe)")
    width = max(len(r[0]) for r in (head, *rows))
    for label, ours, theirs in (head, *rows):
        print(f"{label:<{width}}  {ours:<28}  {theirs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
