"""The profile pass hands the clean pass what it read: a prepared document cleans exactly as its input, the files
kept for the clean pass are bounded and given only while unchanged, and the cheap form the literal scan reads finds
every line the full fold finds."""

from __future__ import annotations

import dataclasses
import os
import random
import re
import unicodedata
from pathlib import Path

import pytest

from cleantext import Cleaner, CleanerConfig, InputTooLargeError, NotTextError
from cleantext.cleaner import Prepared, prepare
from cleantext.evidence import profile as prof
from cleantext.evidence.profile import learn_and_prepare, learn_profile_from_paths
from cleantext.learn.shape import literal_runs, shape_of

from ..learn.collection import make_collection


def _same(a, b) -> None:
    assert a.text == b.text
    assert a.removed == b.removed
    assert a.metadata == b.metadata
    assert a.normalized == b.normalized


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> list[Path]:
    """40 invented documents of three distributors and none, every third in GB18030, one traditional."""
    root = tmp_path_factory.mktemp("prepared")
    paths = []
    for i, doc in enumerate(make_collection(40, seed=11)):
        text = doc.text if i != 5 else doc.text + "\n本書內容僅供學習參考，請關注我們的公眾號。\n"
        path = root / f"doc{i:02d}.txt"
        path.write_bytes(text.encode("gb18030" if i % 3 == 0 else "utf-8"))
        paths.append(path)
    return paths


def test_a_prepared_document_cleans_exactly_as_its_bytes_with_and_without_a_profile(folder) -> None:
    profile = learn_profile_from_paths(folder)
    assert profile.verdicts(), "the collection teaches the profile something"
    for cleaner in (Cleaner(), Cleaner(profile=profile), Cleaner(bundled=False, profile=profile)):
        for path in folder:
            data = path.read_bytes()
            _same(cleaner.clean(cleaner.prepare(data)), cleaner.clean(data))


def test_a_prepared_str_and_odd_inputs_clean_as_they_do_unprepared() -> None:
    cleaner = Cleaner()
    for data in ("仅供学习 禁止外传 用后删除\r\n标题\r\n\r\n\r\n正文，第一段。\u200b", "",
                 "\ufeff星河文库整理\n正文一句，很长的一句话。".encode("utf-8-sig"), b"\n\n  \n"):
        doc = cleaner.prepare(data)
        assert doc.size == (None if isinstance(data, str) else len(data))
        _same(cleaner.clean(doc), cleaner.clean(data))


def test_a_cleaner_that_reads_otherwise_refuses_a_prepared_document() -> None:
    data = "标题\n\n\n\n正文，第一段。".encode("gb18030")
    doc = Cleaner().prepare(data)
    with pytest.raises(ValueError, match="max_blank_lines"):
        Cleaner(max_blank_lines=2).clean(doc)
    with pytest.raises(ValueError, match="prepare it with this Cleaner"):
        Cleaner(encoding="utf-8").clean(doc)
    # Other rules, the same reading: accepted, and cleaned as the bytes are.
    other = Cleaner(bundled=False, zones=False)
    _same(other.clean(doc), other.clean(data))


def test_size_limits_hold_for_prepared_documents_too() -> None:
    data = ("正文，第一段。" * 20).encode("utf-8")
    with pytest.raises(InputTooLargeError):
        Cleaner(max_bytes=100).prepare(data)
    doc = Cleaner().prepare(data)
    with pytest.raises(InputTooLargeError, match="max_bytes"):
        Cleaner(max_bytes=100).clean(doc)
    with pytest.raises(NotTextError):
        prepare(bytes(range(256)) * 8, CleanerConfig())


def test_a_prepared_document_is_a_plain_value_that_pickles() -> None:
    import pickle

    doc = Cleaner().prepare("星河文库整理\n正文。".encode())
    back = pickle.loads(pickle.dumps(doc))
    assert isinstance(back, Prepared)
    assert (back.norm, back.encoding, back.size, back.settings) == (doc.norm, doc.encoding, doc.size, doc.settings)


def test_learn_and_prepare_learns_the_same_profile_and_keeps_every_file_within_the_budget(folder) -> None:
    cleaner = Cleaner()
    profile, kept = learn_and_prepare(folder, cleaner.config)
    assert profile == learn_profile_from_paths(folder)
    assert len(kept) == len(folder)
    assert kept.kept_bytes <= prof.KEEP_BYTES
    with_profile = Cleaner(profile=profile)
    for path in folder:
        doc = kept.take(path)
        assert doc is not None
        _same(with_profile.clean(doc), with_profile.clean(path.read_bytes()))
        assert kept.take(path) is None, "a file is given once"
    assert len(kept) == 0


def test_workers_learn_the_same_profile_and_keep_the_same_documents(folder) -> None:
    config = Cleaner().config
    one, kept_one = learn_and_prepare(folder, config, workers=1)
    two, kept_two = learn_and_prepare(folder, config, workers=2)
    assert one == two
    assert kept_one.docs.keys() == kept_two.docs.keys()
    for name, (stamp, doc) in kept_one.docs.items():
        stamp2, doc2 = kept_two.docs[name]
        assert stamp == stamp2 and doc.norm == doc2.norm and doc.encoding == doc2.encoding


def test_the_budget_bounds_what_is_kept_and_nothing_is_kept_without_one(folder) -> None:
    config = Cleaner().config
    one_doc = prof._text_bytes(Cleaner().prepare(folder[0].read_bytes()).norm.text)
    budget = 5 * one_doc
    _, kept = learn_and_prepare(folder, config, keep=budget)
    assert 0 < len(kept) < len(folder)
    assert kept.kept_bytes <= budget
    _, kept = learn_and_prepare(folder, config, workers=2, keep=budget)
    assert kept.kept_bytes <= budget
    _, none = learn_and_prepare(folder, config, keep=0)
    assert len(none) == 0


def test_a_file_that_changed_since_it_was_read_is_read_again(tmp_path) -> None:
    paths = []
    for i, doc in enumerate(make_collection(10, seed=3)):
        path = tmp_path / f"d{i}.txt"
        path.write_text(doc.text, encoding="utf-8")
        paths.append(path)
    _, kept = learn_and_prepare(paths, Cleaner().config)
    paths[0].write_text("改过的正文，比原来的长了一些。\n" * 3, encoding="utf-8")
    info = os.stat(paths[0])
    os.utime(paths[0], ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    assert kept.take(paths[0]) is None
    paths[1].unlink()
    assert kept.take(paths[1]) is None
    assert kept.take(tmp_path / "never-read.txt") is None
    info = os.stat(paths[2])
    assert kept.take(paths[2], (info.st_size, info.st_mtime_ns)) is not None
    assert kept.take(paths[3], (info.st_size + 1, 0)) is None


def test_the_profile_pass_reads_as_the_cleaner_reads(tmp_path) -> None:
    """With a forced encoding the profile learns the text that cleaner will see, and hands it over."""
    paths = []
    for i, doc in enumerate(make_collection(20, seed=5)):
        path = tmp_path / f"d{i}.txt"
        path.write_bytes(doc.text.encode("gb18030"))
        paths.append(path)
    config = dataclasses.replace(Cleaner().config, encoding="gb18030")
    profile, kept = learn_and_prepare(paths, config)
    assert profile == learn_profile_from_paths(paths, config=config)
    cleaner = Cleaner(config, profile=profile)
    for path in paths:
        _same(cleaner.clean(kept.take(path)), cleaner.clean(path.read_bytes()))


# -- the literal scan's cheap form --------------------------------------------------------------------------------

_OLD_SPACE = re.compile(r"[^\S\n]+")
ODD = "ＡＢＣａｂｃＱｑ１２３，：（）\u3000\u00a0\u2003豈⼀㈠ⓐ㎏é\u0301ﬁⅫ\u200b\t\r\x0b\u2028 𝐀𝟏"
LINES = ["星河文库整理，仅供学习交流", "更多资料请访问 www.example-novel.com", "QQ：12345678 微信：xh_2024",
         "Downloaded from example-notes.org", "第12章 山路", "“嗯。”", "一、主要做法", "星 河 文 库 出 品",
         "ＱＱ群：８７６５４３２１", "本書由雲海書苑整理", "豈有此理的故事", "⼀⼆三四五"]


def _full(text: str) -> str:
    """The form the scan read before: the whole fold, whitespace but line breaks dropped."""
    return _OLD_SPACE.sub("", prof._fold_all(text))


def test_the_scan_form_finds_every_run_the_full_fold_finds() -> None:
    rng = random.Random(4)
    lines = list(LINES)
    for _ in range(3000):
        chars = list(rng.choice(LINES))
        for _ in range(rng.randint(1, 5)):
            chars.insert(rng.randint(0, len(chars)), rng.choice(ODD))
        lines.append("".join(chars).strip())
    runs = sorted({r for s in lines for r in literal_runs(shape_of(s).key) if len(r) >= 2})
    scan = re.compile(prof._trie_source(runs))
    plain = re.compile("|".join(re.escape(r) for r in sorted(runs, key=len, reverse=True)))
    missed = [s for s in lines if plain.search(_full(s)) and not scan.search(prof.scan_form(s))]
    assert not missed
    assert len(prof.scan_form("\n".join(lines)).split("\n")) == len(lines), "line breaks stay"


def test_looking_lines_up_together_gives_what_looking_each_up_alone_gives(folder) -> None:
    """lookup_all scans the joined cheap form once; the answer is that of the exact lookup of every line."""
    profile = learn_profile_from_paths(folder)
    table = profile.verdicts()
    rng = random.Random(9)
    examples = [row[4] for key, row in profile.rows.items() if key in table]
    lines = []
    for _ in range(400):
        chars = list(rng.choice(examples))
        for _ in range(rng.randint(0, 3)):
            chars.insert(rng.randint(0, len(chars)), rng.choice(ODD))
        lines.append("".join(chars).strip())
    for start in range(0, len(lines), 20):
        chunk = lines[start : start + 20]
        profile._memo.clear()
        assert profile.lookup_all(chunk) == [prof._lookup(table, s) for s in chunk]
    assert any(prof._lookup(table, s) for s in lines)


def test_full_width_punctuation_is_left_wide_and_letters_are_narrowed() -> None:
    assert prof.scan_form("星河，文库：（一）") == "星河，文库：（一）"
    assert prof.scan_form("ＱＱ：１２３ 星河") == "QQ:123星河"  # a wide letter: the whole fold
    assert prof.scan_form("a b\tc\u3000d\ne f") == "abcd\nef"


def test_every_decomposable_character_lies_below_the_bound() -> None:
    beyond = [c for c in range(prof._DECOMPOSABLE_BELOW, 0x110000) if unicodedata.decomposition(chr(c))]
    assert beyond == []


def test_the_trie_finds_the_lines_an_alternation_finds() -> None:
    words = ["星河文库", "星河", "星海书屋", "QQ", "QQ群", "Downloaded", "Down", "资料站"]
    trie = re.compile(prof._trie_source(words))
    plain = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    for line in ["星河之夜", "星海书", "星海书屋出品", "加QQ群", "Dow", "Download now", "本资料站", "无关的一句话"]:
        assert bool(trie.search(line)) == bool(plain.search(line)), line
