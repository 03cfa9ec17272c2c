"""Synthetic dirty documents for the benchmark, from sentences written for this project (no third-party text).

A document is a title, a few head boilerplate lines, paragraphs of body text (Chinese or English, with a hard
negative now and then) with an occasional inline ad, and a footer. Everything is seeded: the same call gives the same
bytes, so every run measures the same corpus.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

ZH_SENTENCES = (
    "本季度我们把仓库的盘点周期从每月一次缩短到每周一次，账实相符率明显提高。",
    "社区志愿者在周末组织了旧衣回收活动，共收集衣物四百多件。",
    "新修的步行道沿着河岸延伸，傍晚散步的居民比以前多了不少。",
    "实验小组连续三周记录了温室里的湿度变化，数据显示夜间波动最大。",
    "图书角新添了两百册绘本，低年级的孩子午休时常常围在一起翻看。",
    "为了减少排队时间，食堂在高峰时段增开了两个窗口。",
    "这次培训安排了十二个课时，内容涵盖设备保养和安全操作规程。",
    "山脚下的茶园今年春天雨水充足，头茬新茶的品质比去年更好。",
    "项目组把需求文档拆成了三十多个小任务，每个任务都有明确的负责人。",
    "老街改造保留了原有的青石板路面，只对排水系统做了整体更换。",
    "他在笔记本上画了一张草图，标出了每台机器到配电箱的距离。",
    "天刚亮，渡口边已经停满了等着装货的小船。",
    "我们在年终总结里列出了五项没有完成的指标，并逐项分析了原因。",
    "阅览室的灯光经过调整以后，读者反映看书时眼睛不再那么累了。",
    "她把收集到的意见按照出现的次数排序，放在报告的最前面。",
    "夜里起了风，院子里的桂花落了一地，空气里都是淡淡的香味。",
    "检查中发现两处消防通道被杂物占用，当天下午就清理完毕。",
    "这座桥建成已经六十多年，桥墩上还能看到当年工匠刻下的记号。",
    "合作社今年试种了三种耐旱的玉米，亩产都超过了预期。",
    "会议决定下个月起实行弹性上班制度，具体办法由人事科另行通知。",
    "少年沿着山路走了整整一天，直到看见远处村口那棵老槐树才停下脚步。",
    "师父把剑递给他，只说了一句：记住，先学会收，再学会出。",
    "城南的夜市每到八点以后最热闹，烤红薯的香气能飘出半条街。",
    "在数据迁移过程中，我们对每一张表都做了前后两次校验。",
)
ZH_NEGATIVES = (
    "班主任建了一个家长QQ群，方便及时通知放假安排。",
    "公司的微信公众号每周推送一次安全提示，职工阅读率较高。",
    "会员之家开放时间调整为每天上午九点到晚上八点。",
    "这篇文章整理了近三年的监测数据，供大家参考。",
    "第二部分介绍了设备的安装步骤，请按顺序完成。",
)
EN_SENTENCES = (
    "The committee met twice in March to review the budget for the new library wing.",
    "Most of the sensors were replaced after the storm, but two still report erratic readings.",
    "She kept a small notebook in her coat pocket and wrote down every bird she saw on the walk.",
    "Volunteers repainted the community hall over three weekends, working in shifts.",
    "The bridge was closed for inspection, so the morning buses took the longer road by the mill.",
    "Our team moved the nightly reports to a new server and cut the run time by half.",
    "He folded the map carefully, as if it might tear along the creases he had made years ago.",
    "Attendance at the evening classes rose steadily once the timetable was published in advance.",
    "The garden behind the school now grows beans, lettuce and a stubborn row of sunflowers.",
    "Each chapter ends with a short exercise that asks the reader to test the idea at home.",
    "When the lights failed, the choir kept singing and the audience hardly noticed.",
    "The survey shows that most residents want more benches along the river path.",
    "A new step-by-step guide explains how to set up the shared printers on each floor.",
    "We recommend keeping a spare copy of the settings file before any upgrade.",
)
EN_NEGATIVES = (
    "Parents can join the class QQ group to receive notices about field trips.",
    "Please visit the front desk if you lose your badge.",
)
ZH_HEAD = (
    "仅供学习交流 禁止外传 用后删除",
    "本资料由星河文稿独家整理，盗版必究",
    "【星河文稿】专属资料",
)
ZH_TAIL = (
    "更多精品资料请关注公众号“星河文稿”",
    "QQ：31415926",
    "微信：xinghe_wengao",
    "版权所有 侵权必究",
)
ZH_INLINE_AD = "【更多资料请访问 xinghewengao.com】"
EN_HEAD = ("Downloaded from www.starriver-notes.com",)
EN_TAIL = ("For personal use only. Do not redistribute.", "Visit www.starriver-notes.com for more free texts.")


def _paragraph(rng: random.Random, english: bool) -> str:
    pool, negatives = (EN_SENTENCES, EN_NEGATIVES) if english else (ZH_SENTENCES, ZH_NEGATIVES)
    parts = [rng.choice(pool) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.03:
        parts.append(rng.choice(negatives))
    sep = " " if english else ""
    text = sep.join(parts)
    if not english and rng.random() < 0.02:
        cut = rng.randint(0, len(text))
        text = text[:cut] + ZH_INLINE_AD + text[cut:]
    return text


def document(size: int, seed: int, english_share: float = 0.2) -> str:
    """One document of about ``size`` characters' worth of UTF-8 bytes: head, body paragraphs, footer."""
    rng = random.Random(seed)
    english = rng.random() < english_share
    head, tail = (EN_HEAD, EN_TAIL) if english else (ZH_HEAD, ZH_TAIL)
    title = f"Field notes, volume {seed % 97}" if english else f"第{seed % 97}期工作简报"
    lines = [title, *head[: rng.randint(1, len(head))], ""]
    used = sum(len(x.encode()) for x in lines)
    while used < size:
        p = _paragraph(rng, english)
        lines.append(p)
        if rng.random() < 0.3:
            lines.append("")
        used += len(p.encode()) + 1
    lines += ["", *tail[: rng.randint(1, len(tail))]]
    return "\n".join(lines) + "\n"


def documents(total_bytes: int, doc_bytes: int, seed: int = 1) -> Iterator[str]:
    """Documents of about ``doc_bytes`` each until ``total_bytes`` (UTF-8 size) are reached."""
    done, i = 0, 0
    while done < total_bytes:
        doc = document(min(doc_bytes, max(total_bytes - done, 200)), seed * 1_000_003 + i)
        done += len(doc.encode())
        i += 1
        yield doc


def encoded(total_bytes: int, doc_bytes: int, encoding: str, seed: int = 1) -> list[bytes]:
    """The corpus as bytes in ``encoding`` (``utf-8`` or ``gb18030``)."""
    return [d.encode(encoding) for d in documents(total_bytes, doc_bytes, seed)]


def write_folder(folder: Path, n_files: int, doc_bytes: int, seed: int = 3) -> int:
    """``n_files`` documents into ``folder`` (every fourth in GB18030); returns the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n_files):
        data = document(doc_bytes, seed * 1_000_003 + i).encode("gb18030" if i % 4 == 3 else "utf-8")
        (folder / f"doc{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def write_jsonl(path: Path, total_bytes: int, doc_bytes: int = 4096, seed: int = 5) -> int:
    """A JSONL file of ``{"id", "text"}`` records of about ``total_bytes``, written record by record."""
    written = 0
    with path.open("w", encoding="utf-8") as f:
        for i, doc in enumerate(documents(total_bytes, doc_bytes, seed)):
            line = json.dumps({"id": i, "text": doc}, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode())
    return written


def big_document(path: Path, total_bytes: int, seed: int = 7) -> int:
    """One document of ``total_bytes`` (UTF-8) written in pieces, so the parent never holds it."""
    written = 0
    with path.open("wb") as f:
        for doc in documents(total_bytes, 1 << 20, seed):
            data = doc.encode()
            f.write(data)
            written += len(data)
    return written
