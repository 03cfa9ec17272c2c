"""The collection profile's memory bound (issue 17: a 1 GB JSONL stream learned and cleaned in ≤ 200 MB): its
table holds at most ``max_keys`` shapes, pruning keeps the shapes a distributor repeats, and the default bound,
at the bytes a row measurably costs, leaves room for the rest of the stream's run."""

from __future__ import annotations

import random
import sys

from cleantext.evidence.profile import DEFAULT_MAX_KEYS, DEPTH, MIN_DOCS, WIDTH_BITS, Profile

WORDS = "春夏秋冬山水花鸟风云雨雪江河湖海松竹梅兰日月星辰晨昏远近高低"
STAMP = "本书由星河文库整理，仅供学习交流"


def documents(n: int, seed: int = 5) -> list[str]:
    """``n`` documents whose heads and tails are mostly lines of their own (new shapes in every document), with
    one invented distributor's stamp at the head of every fourth."""
    rng = random.Random(seed)

    def line() -> str:
        return "".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30))) + "。"

    out = []
    for i in range(n):
        head = [STAMP] if i % 4 == 0 else []
        out.append("\n".join(head + [line() for _ in range(40)]))
    return out


def test_the_table_stays_under_max_keys_and_pruning_keeps_the_repeated_stamp() -> None:
    docs = documents(400)
    small = Profile(max_keys=1000)
    sizes = []
    for text in docs:
        small.add(text)
        sizes.append(len(small.rows))
    assert max(sizes) <= 1000 and small.pruned >= 3  # it pruned, more than once
    stamps = [k for k, r in small.rows.items() if r[4] == STAMP]
    assert stamps and len(small.rows[stamps[0]][2]) >= MIN_DOCS  # seen with many distinct bodies, kept
    assert stamps[0] in small.verdicts()
    # Under the bound nothing changes: the same documents under the default bound never prune, and learn the stamp.
    whole = Profile.learn(docs)
    assert whole.pruned == 0 and len(whole.rows) > 1000 and stamps[0] in whole.verdicts()


def _deep(obj: object) -> int:
    """Bytes of ``obj`` and of what it holds (dicts, lists, their keys and items)."""
    size = sys.getsizeof(obj)
    if isinstance(obj, dict):
        size += sum(_deep(k) + _deep(v) for k, v in obj.items())
    elif isinstance(obj, list):
        size += sum(_deep(x) for x in obj)
    return size


def test_the_default_bound_costs_well_under_the_stream_budget() -> None:
    profile = Profile.learn(documents(300, seed=6))
    per_row = _deep(profile.rows) / len(profile.rows)
    per_cell = _deep(profile.middle) / len(profile.middle)
    assert 200 < per_row < 1500 and 30 < per_cell < 200  # what a row and a cell of the middle sketch cost
    full = DEFAULT_MAX_KEYS * per_row + (DEPTH << WIDTH_BITS) * per_cell  # the table and the sketch at their most
    assert full < 130e6  # of the 200 MB: the interpreter and the patterns take ~50 MB, a record's clean the rest
