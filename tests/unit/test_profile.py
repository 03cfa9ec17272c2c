"""The collection profile as a value: learning, the guards, merging, the file format, and the evidence it gives."""

from __future__ import annotations

import base64
import json
import pickle
import random
import zlib

import pytest

from cleantext import Cleaner
from cleantext.evidence import Strength
from cleantext.evidence.profile import FORMAT_VERSION, MIN_DOCS, Profile, profile_evidence

WORDS = "春夏秋冬山水花鸟风云雨雪江河湖海松竹梅兰日月星辰晨昏远近高低"


def prose(rng: random.Random, n: int = 6) -> list[str]:
    """``n`` distinct invented sentences of 20–40 characters."""
    return ["".join(rng.choice(WORDS) for _ in range(rng.randint(20, 40))) + "。" for _ in range(n)]


def docs_with(head: list[str], tail: list[str], n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return ["\n".join([*head, f"第{i}号通知", *prose(rng), *tail]) for i in range(n)]


def learned(texts: list[str]) -> dict[str, str]:
    """Example line of each learned shape → its rule."""
    p = Profile.learn(texts)
    return {p.rows[k][4]: v.rule or "line" for k, v in p.verdicts().items()}


def test_a_stamp_on_enough_documents_is_learned_and_below_the_threshold_it_is_not() -> None:
    stamp = "星河文库整理，仅供学习交流"
    assert stamp in learned(docs_with([stamp], [], MIN_DOCS))
    assert stamp not in learned(docs_with([stamp], [], MIN_DOCS - 1))


def test_a_template_with_varying_numbers_is_learned() -> None:
    texts = ["\n".join([f"星河文库 QQ：{10000000 + 7 * i}", *prose(random.Random(i))]) for i in range(10)]
    p = Profile.learn(texts)
    ev = profile_evidence(p, "星河文库 QQ：99887766\n标题\n正文一句话，内容很长很长很长很长很长。".split("\n"))
    assert [(e.line, e.rule, e.strength) for e in ev] == [(0, "profile.template", Strength.STRONG)]


def test_a_minority_of_documents_is_enough() -> None:
    rng = random.Random(5)
    texts = ["\n".join(prose(rng) + (["更多资料请访问 www.example-novel.com"] if i % 6 == 0 else []))
             for i in range(60)]
    assert "更多资料请访问 www.example-novel.com" in learned(texts)


def test_copies_of_one_document_teach_nothing_and_are_reported() -> None:
    rng = random.Random(2)
    body = ["欢迎关注本单位的公众号，这里每周发布一篇学习体会。", *prose(rng)]
    texts = ["\n".join([f"副本{i}", *body]) for i in range(12)]  # 12 copies, each with its own first line
    p = Profile.learn(texts)
    assert p.duplicates == 11
    assert p.duplicate_groups()[0][1] == 12
    assert p.copies_of(texts[0]) == 12
    assert p.verdicts() == {}
    assert profile_evidence(p, texts[0].split("\n")) == []


def test_dialogue_and_chapter_titles_are_not_learned() -> None:
    rng = random.Random(3)
    texts = ["\n".join([f"第{i}章 风起云涌", "“嗯。”", *prose(rng, 3), "“嗯。”", *prose(rng, 3), "“嗯。”"])
             for i in range(20)]
    got = learned(texts)
    assert "“嗯。”" not in got and not any(k.startswith("第") for k in got)


def test_a_recurring_title_stays_and_a_slogan_inside_the_footer_goes() -> None:
    tail = ["更多资料请访问 www.example-novel.com", "好资料 共分享", "本资料仅供学习交流，请勿外传"]
    rng = random.Random(4)
    texts = ["\n".join(["年度工作总结", *prose(rng), *tail]) for _ in range(12)]
    cleaner = Cleaner(bundled=False, profile=Profile.learn(texts))
    out = cleaner.clean(texts[0])
    assert out.text.split("\n")[0] == "年度工作总结"
    assert not set(tail) & set(out.text.split("\n"))
    assert {r.rule for r in out.removed} == {"profile.template", "profile.tail-line"}


def test_merge_of_two_halves_equals_the_whole() -> None:
    texts = docs_with(["星河文库整理，仅供学习交流"], ["百草书社 微信：bc_12345"], 30)
    texts += texts[:4]  # copies straddling the halves
    random.Random(9).shuffle(texts)
    whole = Profile.learn(texts)
    a, b = Profile.learn(texts[:17]), Profile.learn(texts[17:])
    assert Profile.merge(a, b) == whole
    assert Profile.merge(b, a) == whole
    assert Profile.merge(a, b).verdicts().keys() == whole.verdicts().keys()
    assert Profile.merge(Profile(), whole) == whole
    assert a != whole


def test_json_round_trip_and_clear_errors() -> None:
    p = Profile.learn(docs_with(["星河文库整理，仅供学习交流"], [], 10))
    text = p.to_json()
    data = json.loads(text)
    assert data["version"] == FORMAT_VERSION and data["format"] == "cleantext-profile"
    back = Profile.from_json(text)
    assert back == p and back.verdicts().keys() == p.verdicts().keys()
    data["version"] = 99
    with pytest.raises(ValueError, match="version 99"):
        Profile.from_json(json.dumps(data))
    with pytest.raises(ValueError, match="not a cleantext profile"):
        Profile.from_json("{}")
    with pytest.raises(ValueError, match="invalid JSON"):
        Profile.from_json("nope")


def test_a_cleaner_keeps_its_profile_through_pickling() -> None:
    p = Profile.learn(docs_with(["星河文库整理，仅供学习交流"], [], 10))
    cleaner = pickle.loads(pickle.dumps(Cleaner(bundled=False, profile=p)))
    assert cleaner.profile == p
    out = cleaner.clean("星河文库整理，仅供学习交流\n标题\n正文第一段，写得很长很长很长很长。")
    assert "星河文库整理" not in out.text


def test_a_line_in_the_middle_is_never_profile_evidence() -> None:
    p = Profile.learn(docs_with(["星河文库整理，仅供学习交流"], [], 10))
    rng = random.Random(8)
    lines = [*prose(rng, 15), "星河文库整理，仅供学习交流", *prose(rng, 15)]
    assert profile_evidence(p, lines) == []


def test_learned_lists_what_would_go_for_review() -> None:
    texts = docs_with(["星河文库整理，仅供学习交流"], ["联系QQ：12345678"], 10)
    rows = {r["example"]: r for r in Profile.learn(texts).learned()}
    assert (rows["星河文库整理，仅供学习交流"]["rule"], rows["星河文库整理，仅供学习交流"]["strength"]) == (
        "profile.head-line", "strong")
    assert (rows["联系QQ：12345678"]["rule"], rows["联系QQ：12345678"]["documents"]) == ("profile.template", 10)
    # The numbered title ("第0号通知") recurs too, but with no sign of boilerplate: weak, and not inside a run of
    # strong lines, so it stays.
    assert rows["第0号通知"]["strength"] == "weak"
    cleaned = Cleaner(bundled=False, profile=Profile.learn(texts)).clean(texts[3]).text.split("\n")
    assert cleaned[0] == "第3号通知" and "联系QQ：12345678" not in cleaned


def test_why_says_how_often_and_where_the_line_recurred() -> None:
    stamp, contact = "星河文库整理，仅供学习交流", "联系QQ：12345678"
    texts = docs_with([stamp], [contact], 12) + docs_with([], [], 5, seed=2)
    p = Profile.learn(texts)
    lines = texts[0].split("\n")
    why = {lines[ev.line]: ev.why for ev in profile_evidence(p, lines)}
    assert why[stamp].startswith("recurs at the head of 12 of 17 documents (12 distinct bodies;")
    assert why[contact].startswith("recurs at the tail of 12 of 17 documents")
    assert why[contact].endswith("联系QQ:<QQ>")  # the shape, masks spelled out
    # A line met at both edges says both counts.
    both = Profile.learn(docs_with([stamp], [], 9) + docs_with([], [stamp], 3, seed=3))
    assert next(iter(both.verdicts().values())).why.startswith(
        "recurs at the head of 9 and the tail of 3 of 12 documents")


def test_the_lazy_fingerprint_is_the_exhaustive_one() -> None:
    """body_fingerprint tests plainness only as far as it needs to: the value is that of testing every line."""
    from cleantext.evidence.profile import FINGERPRINT_MIN_CHARS, FINGERPRINT_PREFIX, _order, _plain, body_fingerprint
    from cleantext.learn.shape import digest

    def exhaustive(lines: list[str]) -> int:
        prefixes = {s[:FINGERPRINT_PREFIX] for s in lines if len(s) >= FINGERPRINT_MIN_CHARS and _plain(s)}
        if len(prefixes) < 2:
            return digest("\n".join(lines))
        return digest("\n".join(sorted(prefixes, key=_order)[:2]))

    rng = random.Random(5)
    stamps = ["星河文库整理，仅供学习交流，请勿外传谢谢", "联系QQ：12345678 获取更多精品资料合集", "★★★★★★★★★★★★★★★★★★"]
    for _ in range(200):
        lines = prose(rng, rng.randint(0, 5)) + rng.sample(stamps, rng.randint(0, 3))
        lines += [line[:FINGERPRINT_PREFIX] + "后来又改了几个字。" for line in lines[:1]]  # a shared prefix
        rng.shuffle(lines)
        assert body_fingerprint(lines) == exhaustive(lines)


def test_absorb_in_place_is_merge_and_leaves_its_argument_alone() -> None:
    texts = docs_with(["星河文库整理，仅供学习交流"], ["百草书社 微信：bc_12345"], 40, seed=3)
    parts = [Profile.learn(texts[i : i + 9]) for i in range(0, 40, 9)]
    before = [Profile.from_json(p.to_json()) for p in parts]
    acc = Profile()
    for p in parts:
        acc.absorb(p)
    assert acc == Profile.learn(texts)
    assert parts == before  # nothing of an absorbed part is shared with (or changed by) the accumulator
    acc.absorb(Profile.learn(texts[:3]))
    assert parts == before and acc != Profile.learn(texts)


def test_the_middle_sketch_survives_the_file_format() -> None:
    rng = random.Random(4)
    texts = ["\n".join(["星河文库整理，仅供学习交流", *prose(rng, 3), "“嗯。”", "“好。”", *prose(rng, 3)])
             for _ in range(12)]
    p = Profile.learn(texts)
    assert p.middle_count(next(iter(p.rows))) >= 0 and any(p.middle.values())
    back = Profile.from_json(p.to_json())
    assert back.middle == p.middle and back == p
    data = json.loads(p.to_json())
    data["middle"] = base64.b64encode(zlib.compress(bytes(16))).decode("ascii")
    with pytest.raises(ValueError, match="sketch size"):
        Profile.from_json(json.dumps(data))


def test_lookup_all_gives_what_lookup_gives_line_by_line() -> None:
    head = ["星河文库整理，仅供学习交流", "百草书社出品 QQ群：12345678"]
    texts = docs_with(head, ["ＷＷＷ．EXAMPLE-NOVEL．ＣＯＭ 首发"], 20, seed=6)
    rng = random.Random(7)
    probes = ["星河文库整理，仅供学习交流", "星河 文库 整理，仅供学习交流", "百草书社出品 QQ群：87654321",
              "百草书社出品",
              "www.example-novel.com 首发", "ＷＷＷ．EXAMPLE-NOVEL．ＣＯＭ 首发", "\u3000星河文库", "e\u0301 星河",
              *prose(rng, 20)]
    for _ in range(30):
        batch = rng.sample(probes, rng.randint(1, len(probes)))
        batch += batch[:2]  # repeated lines
        fresh = Profile.learn(texts)  # an empty memo: every line is scanned in the batch
        one_by_one = Profile.learn(texts)
        assert fresh.lookup_all(batch) == [one_by_one.lookup(s) for s in batch]
    assert any(hit is not None for hit in fresh.lookup_all(probes))


def test_fold_all_is_the_shape_fold_of_every_line() -> None:
    from cleantext.evidence.profile import _fold_all
    from cleantext.learn.shape import fold

    rng = random.Random(12)
    chars = "星河文库ＱＱ：１２３（）【】，。\u3000ａｂｃABC abc\u00e9e\u0301\uf900\u2f00ﬁ①"
    for _ in range(500):
        lines = ["".join(rng.choice(chars) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 5))]
        assert _fold_all("\n".join(lines)).split("\n") == [fold(s) for s in lines]


def test_absorb_that_consumes_its_parts_gives_the_same_profile() -> None:
    texts = docs_with(["星河文库整理，仅供学习交流"], ["百草书社 微信：bc_12345"], 30, seed=8)
    acc = Profile()
    for i in range(0, 30, 7):
        acc.absorb(Profile.learn(texts[i : i + 7]), consume=True)
    assert acc == Profile.learn(texts)
