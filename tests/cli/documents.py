"""Our own invented documents and a temporary tree of awkward inputs, shared by the command-line tests."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# Invented documents: a watermark, a credit line with a QQ number and an anti-resale footer around a short body.
SPORTS = """仅供学习 禁止外传 用后删除
青石镇中学2025年春季运动会总结
星河文稿整理，完整版请咨询QQ：31415926

本届运动会共有十二个班级参加，设田径、跳绳、拔河等十个项目。
各班同学积极参赛，赛出了风格，也赛出了水平；学校公众号对比赛进行了报道。
下一步，学校将继续开展阳光体育活动，增强学生体质。
【打击倒卖行动】
"""
SPORTS_CLEAN = """青石镇中学2025年春季运动会总结

本届运动会共有十二个班级参加，设田径、跳绳、拔河等十个项目。
各班同学积极参赛，赛出了风格，也赛出了水平；学校公众号对比赛进行了报道。
下一步，学校将继续开展阳光体育活动，增强学生体质。
"""
PLAIN = "柳溪村图书室借阅制度\n\n村民凭身份证登记后即可借书，每次不超过三本，借期一个月。\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def lookalike_text() -> str:
    return (FIXTURES / "lookalike.txt").read_text(encoding="utf-8")


def make_tree(root: Path) -> Path:
    """A folder of inputs: nested folders, a GB18030 and a UTF-16 document, an empty and a binary file, and
    files that are not *.txt. Returns the input folder."""
    src = root / "in"
    (src / "school" / "2025").mkdir(parents=True)
    (src / "village").mkdir()
    (src / "school" / "2025" / "sports.txt").write_bytes(SPORTS.encode("gb18030"))
    (src / "school" / "health.txt").write_bytes(lookalike_text().encode("utf-16"))
    (src / "village" / "library.TXT").write_text(PLAIN, encoding="utf-8")
    (src / "village" / "empty.txt").write_bytes(b"")
    (src / "village" / "photo.txt").write_bytes(PNG)
    (src / "village" / "notes.md").write_text("# 不是输入\n", encoding="utf-8")
    (src / "village" / "scan.png").write_bytes(PNG)
    return src


def read_manifest(path: Path) -> dict[str, dict]:
    return {r["path"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def console_script() -> str:
    """The installed ``cleantext`` console script (the one beside this interpreter first); skips without one."""
    beside = Path(sys.executable).parent / "cleantext"
    found = str(beside) if beside.exists() else shutil.which("cleantext")
    if not found:
        pytest.skip("the cleantext console script is not installed (pip install -e .)")
    return found
