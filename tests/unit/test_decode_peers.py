"""benchmarks/peers.py on a tiny corpus laid out like the peers' (folders named by encoding; ftfy's JSON cases),
made of invented text; and, when a local copy of chardet's corpus is given, the figure issue 20 asks for."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("peers", ROOT / "benchmarks" / "peers.py")
peers = sys.modules.setdefault("peers", importlib.util.module_from_spec(SPEC))  # dataclasses look it up there
SPEC.loader.exec_module(peers)  # type: ignore[union-attr]

ZH = "星河文库年度总结：今年我们在各个方面都取得了新的进展，这是全体同事共同努力的结果。\n" * 4
KO = "우리 마을 도서관은 매주 토요일 오후에 어린이를 위한 책 읽기 모임을 엽니다. 올해는 새 그림책이 많습니다.\n" * 4
RU = "Наша городская библиотека каждую субботу проводит чтения для детей, и дети очень рады.\n" * 4


@pytest.mark.parametrize(("folder", "codec"), [
    ("GB2312", "gb2312"), ("EUC-KR", "euc_kr"), ("iso-8859-5-russian", "iso8859-5"), ("windows-1250-czech", "cp1250"),
    ("MacCyrillic", "mac-cyrillic"), ("IBM866", "cp866"), ("UTF-16LE", "utf-16-le"), ("EUC-TW", None),
])
def test_folder_names_map_to_python_codecs(folder: str, codec: str | None) -> None:
    assert peers.folder_codec(folder) == codec


def test_gb2312_and_gb18030_readings_are_both_right() -> None:
    # GB2312 has ― where GBK/GB18030 have — for the same bytes: either text is the document's.
    data = "破折号\u2015\u2015在这里。".encode("gb2312")
    texts = peers.truths(data, "gb2312")
    assert data.decode("gb18030") != data.decode("gb2312")
    assert data.decode("gb18030") in texts and data.decode("gb2312") in texts


def _corpus(root: Path) -> None:
    for folder, text, codec in [("GB2312", ZH, "gb2312"), ("EUC-KR", KO, "euc_kr"),
                                ("iso-8859-5-russian", RU, "iso8859-5"), ("UTF-32LE", ZH, "utf-32-le")]:
        (root / folder).mkdir(parents=True)
        (root / folder / "doc.txt").write_bytes(text.encode(codec))
    (root / "UTF-32LE" / "noise.bin").write_bytes(bytes(range(0x80, 0x100, 3)))  # refused by both


def _ftfy_cases(root: Path) -> None:
    root.mkdir()
    fixed = [{"label": "utf-8 read as latin-1", "original": "caf\u00c3\u00a9 cr\u00c3\u00a8me", "fixed": "café crème",
              "expect": "pass"}]
    negative = [{"label": "plain", "original": "naïve café", "fixed": "naïve café", "expect": "pass"}]
    (root / "synthetic.json").write_text(json.dumps(fixed), encoding="utf-8")
    (root / "negative.json").write_text(json.dumps(negative), encoding="utf-8")


def test_the_table_counts_right_garbled_and_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _corpus(tmp_path / "chardet")
    _ftfy_cases(tmp_path / "ftfy")
    assert peers.main(["--chardet", str(tmp_path / "chardet"), "--ftfy", str(tmp_path / "ftfy"), "--list"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("chardet corpus (5 files"))
    assert "4 (0 garbled, 1 refused)" in row
    assert "refused   UTF-32LE/noise.bin" in out or "refused  UTF-32LE/noise.bin" in out
    assert any(line.startswith("ftfy cases (expect = pass, 1)") for line in out.splitlines())
    assert any(line.startswith("ftfy negative cases (1)") for line in out.splitlines())


def test_without_any_corpus_it_says_what_to_pass(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        peers.main([])
    assert "--chardet DIR" in capsys.readouterr().err


CHARDET_TESTS = os.environ.get("CLEANTEXT_CHARDET_TESTS")


@pytest.mark.slow
@pytest.mark.skipif(not CHARDET_TESTS, reason="set CLEANTEXT_CHARDET_TESTS to tests/ of a local chardet copy")
def test_on_chardets_corpus_no_chinese_or_unicode_file_is_garbled(capsys: pytest.CaptureFixture[str]) -> None:
    rows = peers.run_chardet(Path(CHARDET_TESTS), show=False)
    ours, theirs = rows[0][1], rows[0][2]
    assert int(ours.split()[0]) >= int(theirs.split()[0])
    assert rows[1][1] == "0 / 0"
