"""Block-wise cleaning of a huge file gives what cleaning it whole gives: text, audit (global line numbers, replay),
metadata and contacts; and it declines, writing nothing, where it could not. Documents are generated from invented
prose and invented boilerplate, with small blocks so that a few hundred KB span many of them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from cleantext import blockwise
from cleantext.audit import replay
from cleantext.cleaner import Cleaner, join_kept
from cleantext.report.auditfile import audit_record

WHO = ["老周", "小林", "阿青", "船夫", "掌柜的", "那个孩子", "巡夜的兵", "师父"]
DID = ["沿着河岸慢慢走了很久", "推开门看了看外面的雨", "把信折好放进了怀里", "在灯下数着剩下的铜钱",
       "望着远处的山一言不发", "收起长剑转身离去", "想起了十年前的那个冬天", "把最后一碗粥递给了客人"]
END = ["。", "，心里却很平静。", "！", "……", "。”"]
GLUED = ["本书由星河文库首发，请勿转载！", "（月影书屋 www.example-novel.com）", "★无弹窗★"]
LINES = ["本书由星河文库整理", "仅供学习交流使用，请于下载后24小时内删除", "手机用户请到m.example-novel.com阅读"]
HEAD = ["星河文库 www.example-novel.com", "仅供学习交流，请勿用于商业用途", "", "长河夜行", "", "作者：云间客", ""]
TAIL = ["", "（全书完）", "", "更多精彩小说请关注公众号：星河书友会", "加入QQ群12345678，与书友一起讨论",
        "联系邮箱：help@example-novel.com"]


def document(seed: int, lines: int, *, crlf: bool = False, traditional: bool = False) -> str:
    """A novel of ``lines`` paragraphs: a head and a tail of boilerplate, chapter headings, glued tags, credit
    lines, runs of blank lines (some long, to be shrunk), trailing spaces, the study-only line mid-text."""
    rng = random.Random(seed)
    out = list(HEAD)
    for n in range(lines):
        if n % 97 == 0:
            out += ["", f"第{n // 97 + 1}章 夜路", ""]
        roll = rng.random()
        if roll < 0.015:
            out.append(rng.choice(LINES))
            continue
        text = "".join(rng.choice(WHO) + rng.choice(DID) + rng.choice(END) for _ in range(rng.randint(1, 3)))
        if roll < 0.06:
            text += rng.choice(GLUED)
        if rng.random() < 0.05:
            text += "  "
        out.append(text)
        if rng.random() < 0.25:
            out.extend([""] * rng.choice([1, 1, 2, 4]))
    text = "\n".join(out + TAIL) + "\n"
    if traditional:
        text = text.replace("说", "說").replace("书", "書").replace("门", "門")
    return text.replace("\n", "\r\n") if crlf else text


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blockwise, "BLOCKWISE_MIN_BYTES", 0)
    monkeypatch.setattr(blockwise, "BLOCK_LINES", 400)
    monkeypatch.setattr(blockwise, "MARGIN_LINES", 60)
    monkeypatch.setattr(blockwise, "READ_BYTES", 8192)


def both(tmp_path: Path, text: str | bytes, cleaner: Cleaner | None = None) -> tuple:
    cleaner = cleaner or Cleaner()
    src, out = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return cleaner.clean(src.read_bytes()), blockwise.clean_file(cleaner, src, out), out


@pytest.mark.parametrize(("seed", "options"), [(1, {}), (2, {"crlf": True}), (3, {"traditional": True}), (4, {})])
def test_blockwise_equals_whole(tmp_path: Path, small_blocks: None, seed: int, options: dict) -> None:
    whole, res, out = both(tmp_path, document(seed, 2500, **options))
    assert res is not None and res.blocks >= 5
    assert out.read_text(encoding="utf-8") == whole.text + "\n"
    assert res.removed == whole.removed
    assert res.metadata == whole.metadata
    # The test means something: the audit reaches far into the document, names several rules and contacts.
    assert max(r.line for r in res.removed) > 4 * blockwise.BLOCK_LINES
    assert len({r.rule for r in res.removed}) >= 4
    assert res.metadata.contacts and res.metadata.distributors and res.metadata.title == "长河夜行"
    # What the batch's audit file records of it is what it records of the whole clean.
    assert res.audit_record("a/in.txt") == audit_record("a/in.txt", whole)


def test_the_audit_replays_from_the_normalized_lines(tmp_path: Path, small_blocks: None) -> None:
    cleaner = Cleaner()
    whole, res, out = both(tmp_path, document(5, 2000), cleaner)
    lines, _ = blockwise.read_lines(tmp_path / "in.txt", cleaner)
    normalized = "\n".join(lines)
    assert normalized == whole.normalized
    assert res is not None
    assert replay(normalized, res.removed) + "\n" == out.read_text(encoding="utf-8")


def test_to_a_stream_it_writes_the_same_bytes(tmp_path: Path, small_blocks: None) -> None:
    import io

    src = tmp_path / "in.txt"
    src.write_text(document(9, 1500), encoding="utf-8")
    stream = io.BytesIO()
    res = blockwise.clean_file_to(Cleaner(), src, stream)
    assert res is not None and res.blocks > 1
    assert stream.getvalue() == (Cleaner().clean(src.read_bytes()).text + "\n").encode("utf-8")


def test_blank_runs_across_block_borders_come_out_as_whole(tmp_path: Path, small_blocks: None) -> None:
    text = document(6, 1500).replace("\n\n\n\n\n", "\n\n\n\n\n本书由星河文库整理\n\n\n\n")
    whole, res, out = both(tmp_path, text)
    assert res is not None and res.blocks > 1
    assert out.read_text(encoding="utf-8") == whole.text + "\n"


@pytest.mark.parametrize("kept", [
    ["a", "", "", "b", None, "", "c"], ["", "", "a"], ["a", "", None, ""], [None, None],
    ["", "a", "", "", "", "b", ""]])
@pytest.mark.parametrize("max_blank", [0, 1, 2, -1])
def test_the_writer_is_join_kept(kept: list, max_blank: int) -> None:
    import io

    f = io.StringIO()
    writer = blockwise._Writer(f, max_blank)
    writer.add(kept[:2])
    writer.add(kept[2:])
    writer.close()
    expected = join_kept(kept, max_blank)
    assert f.getvalue() == (expected + "\n" if expected else "")
    assert writer.n == (expected.count("\n") + 1 if expected else 0)


@pytest.mark.parametrize(("what", "data"), [
    ("gb18030", document(7, 1200).encode("gb18030")),
    ("BOM", b"\xef\xbb\xbf" + document(7, 1200).encode("utf-8")),
    ("C0 control", document(7, 1200).replace("夜路", "夜\x07路").encode("utf-8")),
    ("format control", document(7, 1200).replace("夜路", "夜\u200f路").encode("utf-8")),
    ("mojibake", document(7, 1200).replace("长河夜行", "长河夜行".encode().decode("gbk", "replace"))
     .encode("utf-8")),
])
def test_it_declines_what_it_cannot_read_in_pieces_and_writes_nothing(tmp_path: Path, small_blocks: None,
                                                                      what: str, data: bytes) -> None:
    _, res, out = both(tmp_path, data)
    assert res is None, what
    assert not out.exists()
    assert blockwise.why_not(Cleaner(), tmp_path / "in.txt") is not None


def test_it_declines_a_document_without_prose_at_a_block_border(tmp_path: Path, small_blocks: None) -> None:
    # A list of short links: no line of prose anchors the zones near the borders.
    src, out = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_text("\n".join(f"- [第{n}章](https://example-novel.com/{n}.html)" for n in range(1000)) + "\n")
    assert blockwise.why_not(Cleaner(), src) is None  # it reads in pieces: the zones are what stop it
    assert blockwise.clean_file(Cleaner(), src, out) is None
    assert not out.exists()


def test_small_files_and_profiles_are_left_to_the_whole_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             small_blocks: None) -> None:
    src = tmp_path / "in.txt"
    src.write_text(document(8, 1200), encoding="utf-8")
    monkeypatch.setattr(blockwise, "BLOCKWISE_MIN_BYTES", src.stat().st_size + 1)
    assert blockwise.clean_file(Cleaner(), src, tmp_path / "out.txt") is None
    monkeypatch.setattr(blockwise, "BLOCKWISE_MIN_BYTES", 0)
    assert blockwise.clean_file(Cleaner(encoding="utf-8"), src, tmp_path / "out.txt") is None
    assert not (tmp_path / "out.txt").exists()


def test_a_file_over_max_bytes_is_refused_before_it_is_read(tmp_path: Path, small_blocks: None) -> None:
    from cleantext.errors import InputTooLargeError

    src = tmp_path / "big.txt"
    with open(src, "wb") as f:
        f.truncate(10_000_000)  # sparse: never read
    with pytest.raises(InputTooLargeError):
        blockwise.clean_file(Cleaner(max_bytes=1_000_000), src, tmp_path / "out.txt")


def test_the_batch_cleans_a_huge_file_in_blocks_as_it_would_whole(tmp_path: Path, small_blocks: None,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from cleantext.run import batch

    src = tmp_path / "in"
    src.mkdir()
    data = document(11, 3000).encode("utf-8")
    (src / "big.txt").write_bytes(data)
    out = tmp_path / "out"
    jobs = batch.discover([src], out, manifest=out / batch.MANIFEST_NAME)
    done: list[blockwise.BlockwiseResult | None] = []
    real = blockwise.clean_file
    monkeypatch.setattr(blockwise, "clean_file", lambda *args: done.append(real(*args)) or done[-1])
    summary = batch.run_jobs(jobs, Cleaner(), out / batch.MANIFEST_NAME, outdir=out)
    assert done and done[0] is not None and done[0].blocks > 1  # it went block by block
    whole = Cleaner().clean(data)
    assert summary.counts["ok"] == 1
    assert (out / "big.txt").read_text(encoding="utf-8") == whole.text + "\n"
    records = [json.loads(line) for line in (out / "audit.jsonl").read_text(encoding="utf-8").splitlines() if line]
    assert records[-1]["result"]["removed"] == [r.to_dict() for r in whole.removed]
