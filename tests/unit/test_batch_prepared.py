"""The batch cleans a file from what the profile pass read of it (no second read, the same outputs), and reads a
file again when it changed after that pass."""

from __future__ import annotations

import os
from pathlib import Path

from cleantext import Cleaner
from cleantext.evidence.profile import learn_and_prepare
from cleantext.run import batch

BODY = "他把信折好，放进抽屉里，然后关上了灯。窗外的雨一直没有停，街上的行人越来越少。"
STAMP = "本资料由星河文库整理，仅供学习交流使用"


def _folder(tmp: Path, n: int = 8) -> Path:
    src = tmp / "in"
    src.mkdir()
    for i in range(n):
        (src / f"{i:02d}.txt").write_text(f"{STAMP}\n第{i}篇\n{BODY}{i}\n星河文库 第{i}页\n", encoding="utf-8")
    return src


def _run_reading_again(src: Path, out: Path) -> dict[str, str]:
    """The batch as it was before the profile pass kept what it read: every file read by the clean pass."""
    cleaner = Cleaner()
    jobs = batch.discover([src], out, manifest=out / batch.MANIFEST_NAME)
    cleaner.profile, _ = learn_and_prepare([j.src for j in jobs], cleaner.config)
    batch.run_jobs(jobs, cleaner, out / batch.MANIFEST_NAME, outdir=out)
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.txt"))}


def test_files_cleaned_from_the_profile_pass_come_out_as_when_read_again(tmp_path: Path, monkeypatch) -> None:
    src = _folder(tmp_path)
    reread = _run_reading_again(src, tmp_path / "a")
    reads: list[str] = []
    real_open = Path.open

    def counting_open(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.suffix == ".txt" and self.parent == src:
            reads.append(self.name)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", counting_open)
    cleaner = Cleaner()
    out = tmp_path / "b"
    jobs = batch.discover([src], out, manifest=out / batch.MANIFEST_NAME)
    profile, prepared = learn_and_prepare([j.src for j in jobs], cleaner.config)
    assert len(prepared) == len(jobs)
    cleaner.profile = profile
    reads.clear()
    batch.run_jobs(jobs, cleaner, out / batch.MANIFEST_NAME, outdir=out, kept=prepared)
    assert reads == []  # the clean pass read no input: it took what the profile pass prepared
    shared = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.txt"))}
    assert shared == reread
    assert all(STAMP not in text and BODY in text for text in shared.values())


def test_a_file_changed_after_the_profile_pass_is_read_again(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    cleaner = Cleaner()
    out = tmp_path / "out"
    jobs = batch.discover([src], out, manifest=out / batch.MANIFEST_NAME)
    profile, prepared = learn_and_prepare([j.src for j in jobs], cleaner.config)
    cleaner.profile = profile
    changed = src / "03.txt"
    changed.write_text(f"{STAMP}\n改过的一篇\n今天的会议改到下午三点，请大家准时参加，不要迟到。\n", encoding="utf-8")
    os.utime(changed, ns=(1, 1))  # another mtime, whatever the clock's resolution
    batch.run_jobs(jobs, cleaner, out / batch.MANIFEST_NAME, outdir=out, kept=prepared)
    assert "今天的会议改到下午三点" in (out / "03.txt").read_text(encoding="utf-8")
