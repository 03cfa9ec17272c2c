"""A collection profile inside ``clean_batch``: an invented collection of 60 documents from 3 invented
distributors (some bodies copied under another wrapper, some documents from no distributor) is cleaned with the
profile as extra evidence."""

from __future__ import annotations

import random

import pytest

from cleantext import Cleaner
from cleantext.evidence.patterns import load_negatives
from cleantext.evidence.profile import learn_documents, learn_profile_from_paths
from cleantext.integrations.batch import clean_batch

SUBJECTS = ["小组", "学校", "社区", "工厂", "车间", "图书馆", "合作社", "研究室", "医院", "村委会"]
VERBS = ["完成了", "推进了", "总结了", "讨论了", "安排了", "检查了", "落实了", "改进了"]
OBJECTS = ["年度计划", "安全培训", "设备维护", "读书活动", "课程改革", "卫生检查", "节能方案", "服务流程"]
ENDS = ["大家普遍认为效果很好", "下一步还要继续努力", "群众反映比较满意", "仍有一些问题需要解决", "相关经验值得推广",
        "具体情况另行通报"]
# Body lines that mention what boilerplate mentions (QQ群, 关注, 公众号, 转载, 学习): they must stay.
MENTIONS = ["我们建立了学习QQ群，方便同事之间交流经验。", "他每天关注天气预报，再决定是否出门。",
            "欢迎大家关注学校公众号上的通知。", "这篇文章转载自校报，经作者同意后略有删改。"]


def _sentence(rng: random.Random) -> str:
    return (f"{rng.choice(SUBJECTS)}在{rng.randint(1, 12)}月{rng.choice(VERBS)}{rng.choice(OBJECTS)}，"
            f"{rng.choice(ENDS)}。{rng.choice(SUBJECTS)}{rng.choice(VERBS)}{rng.choice(OBJECTS)}，{rng.choice(ENDS)}。")


def _body(rng: random.Random) -> list[str]:
    lines = [_sentence(rng) for _ in range(rng.randint(4, 12))]
    if rng.random() < 0.5:
        lines.insert(rng.randrange(len(lines)), rng.choice(MENTIONS))
    if rng.random() < 0.3:
        lines.insert(1, "“嗯。”")  # dialogue that repeats across documents
    return lines


def _wrapper(dist: int, i: int) -> tuple[list[str], list[str]]:
    """Head and tail lines of the three invented distributors (numbers and issue counts vary by document)."""
    if dist == 0:
        return ([f"星河文库整理 QQ：{12345678 + i}", "—— 星河文库 · 精品资料 ——"],
                ["更多资料请访问 www.example-novel.com", "本资料仅供学习交流，请勿外传"])
    if dist == 1:
        return (["本文档由百草书社提供，下载后可编辑"],
                [f"百草书社 微信：bc_{20240 + i % 7}", "好资料 共分享", "扫码关注百草书社，每日更新"])
    return ([f"【云舒资料站】第{i % 30 + 1}期 会员专享"],
            ["云舒资料站 yunshu-example.com 版权所有", "本站资料均来自网络，如有侵权请联系删除"])


def collection(seed: int = 7, n: int = 60) -> list[tuple[str, list[str], list[str]]]:
    """``(text, boilerplate lines, body lines)`` for each document; every fourth has no distributor, about one in
    seven copies an earlier body (title included) under its own wrapper, and every fifth title is the same."""
    rng = random.Random(seed)
    docs: list[tuple[str, list[str], list[str]]] = []
    bodies: list[tuple[str, list[str]]] = []
    for i in range(n):
        dist = i % 4
        if i >= 6 and rng.random() < 0.15:
            title, body = rng.choice(bodies)
        else:
            title = "工作总结" if i % 5 == 0 else f"{rng.choice(SUBJECTS)}{rng.choice(OBJECTS)}情况汇报（{i}）"
            body = _body(rng)
            bodies.append((title, body))
        head, tail = _wrapper(dist, i) if dist < 3 else ([], [])
        docs.append(("\n".join([*head, title, *body, *tail]), head + tail, [title, *body]))
    return docs


def _measure(texts: list[str | None], docs: list[tuple[str, list[str], list[str]]]) -> tuple[float, float]:
    """(share of boilerplate lines removed, share of body characters kept), in %."""
    boiler = gone = chars = kept = 0
    for text, (_, bp, body) in zip(texts, docs, strict=True):
        out = {line.strip() for line in (text or "").split("\n")}
        boiler += len(bp)
        gone += sum(line not in out for line in bp)
        chars += sum(map(len, body))
        kept += sum(len(line) for line in body if line in out)
    return 100 * gone / boiler, 100 * kept / chars


@pytest.fixture(scope="module")
def docs() -> list[tuple[str, list[str], list[str]]]:
    return collection()


def test_profile_alone_removes_the_distributors_lines_and_keeps_the_body(docs) -> None:
    cols = clean_batch([d[0] for d in docs], bundled=False)
    gone, kept = _measure(cols["cleantext_text"], docs)
    assert gone >= 95.0
    assert kept >= 99.5
    plain = clean_batch([d[0] for d in docs], bundled=False, profile=False)
    assert _measure(plain["cleantext_text"], docs)[0] < 50.0  # without the profile, little knows these lines


def test_with_bundled_patterns_profiling_is_never_worse(docs) -> None:
    texts = [d[0] for d in docs]
    with_profile = _measure(clean_batch(texts)["cleantext_text"], docs)
    without = _measure(clean_batch(texts, profile=False)["cleantext_text"], docs)
    assert with_profile[0] >= without[0]
    assert with_profile[1] >= without[1]
    assert with_profile[0] > without[0]  # the bundled rules do not know the invented distributors


def test_body_lines_that_mention_groups_and_accounts_stay(docs) -> None:
    cols = clean_batch([d[0] for d in docs], bundled=False)
    for text, (_, _, body) in zip(cols["cleantext_text"], docs, strict=True):
        kept = set(text.split("\n"))
        for line in body:
            if line in MENTIONS or line == "“嗯。”" or line == "工作总结":
                assert line in kept


def test_duplicated_bodies_are_reported(docs) -> None:
    profile = learn_documents(d[0] for d in docs)
    bodies = [tuple(d[2]) for d in docs]
    copies = len(bodies) - len(set(bodies))
    assert copies > 0
    assert profile.duplicates == copies
    assert sum(c - 1 for _, c in profile.duplicate_groups()) == copies


def test_a_given_profile_is_reused_and_a_generator_is_consumed_once(docs) -> None:
    texts = [d[0] for d in docs]
    profile = learn_documents(texts)
    reused = clean_batch(iter(texts[:5]), bundled=False, profile=profile)  # too few to learn, but a profile given
    assert _measure(reused["cleantext_text"], docs[:5])[0] >= 95.0
    once = clean_batch((t for t in texts), bundled=False)
    assert once["cleantext_text"] == clean_batch(texts, bundled=False)["cleantext_text"]


def test_hard_negatives_at_every_head_stay() -> None:
    negatives = load_negatives()[:3]
    rng = random.Random(3)
    texts = ["\n".join(negatives + _body(rng) + negatives) for _ in range(12)]
    cols = clean_batch(texts, bundled=False)
    for text in cols["cleantext_text"]:
        for line in negatives:
            assert line.strip() in text


def test_files_learned_in_parallel_give_the_same_profile(tmp_path, docs) -> None:
    paths = []
    for i, (text, _, _) in enumerate(docs):
        p = tmp_path / f"{i:03}.txt"
        p.write_bytes(text.encode("gb18030" if i % 3 == 0 else "utf-8"))
        paths.append(p)
    one = learn_profile_from_paths(paths, workers=1)
    assert learn_profile_from_paths(paths, workers=2) == one
    assert one == learn_documents(d[0] for d in docs)
    cleaner = Cleaner(bundled=False, profile=one)
    assert _measure([cleaner.clean(p.read_bytes()).text for p in paths], docs)[0] >= 95.0
