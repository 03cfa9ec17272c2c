"""The ```console blocks of README.md, run: each command on a temporary copy of `examples/`, its output compared line
for line with what the README shows.

A block is a shell session: `$ ` lines are commands (a command whose quotes or here-document are still open goes on
over the next lines), the lines after one are what it printed, stdout and stderr together as a terminal shows them.
The session runs in one `bash` in a fresh folder holding a copy of `examples/`, with `cleantext` a shell function
for `sys.executable -m cleantext` and every `/tmp/...` path moved into the test's temporary folder. Only what truly
varies is normalized: that temporary folder (shown as `/tmp`), elapsed times and speeds after a `· ` ("0.73 s"),
the bundled set's counts in `patterns check` and `patterns list` (they grow with every pattern), trailing whitespace
and trailing blank lines. A shown `echo $?` or `echo "${PIPESTATUS[0]}"` asserts the exit code.
The stderr of a piped command (`cleantext patterns list | head -4`) reaches a terminal before or after what the
pipe's reader prints, whichever comes first: the README may show it either way.

`CLEANTEXT_README=PATH` checks another copy of the README (a patched one, say) instead of the repository's.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = Path(os.environ.get("CLEANTEXT_README") or ROOT / "README.md")

# Commands that need files neither the repository nor the README provides: not run, their output not compared. A
# block all of whose commands are listed here is skipped with these reasons; a block with some of them runs the others.
NEEDS_MISSING_FILES: dict[str, str] = {
    "corpus": "needs corpus/ (13 files of a collection) and new.txt, which are not in the repository",
    "docs.jsonl": "needs docs.jsonl, which is not in the repository (click refuses a missing --jsonl file first)",
    "report.txt": "needs report.txt, which is not in the repository",
    "report.json": "needs report.json, made from report.txt (not in the repository)",
}

# Files the README shows whole with `$ cat FILE` in the block that uses them: the test writes the shown lines there
# before the block runs (so the `cat` itself shows them back, and the commands after it read what the reader reads).
SHOWN_BY_CAT = ("two.jsonl", "my-patterns/slogan.toml")

_MARK = "@@readme-console-command-done@@"
_ELAPSED = re.compile(r"(?<=· )\d+(?:\.\d+)? (?:ms|s|[kMG]?B/s|files?/s)\b")
_TMP = re.compile(r"(?<![\w./~-])/tmp/")
_HEREDOC = re.compile(r"<<-?\s*(['\"]?)(\w+)\1")


@dataclass(frozen=True)
class Command:
    line: int  # README line of its `$ `
    text: str  # as typed, continuation lines joined with newlines
    shown: tuple[str, ...]  # the output lines the README shows under it

    @property
    def missing(self) -> str | None:
        """Why this command cannot run here, or None."""
        for needle, reason in NEEDS_MISSING_FILES.items():
            if _names(needle, self.text):
                return reason
        return None

    @property
    def piped(self) -> bool:
        """Whether its stdout goes through a pipe (`| head -4`): then its stderr reaches the terminal when it will,
        before or after what the pipe's reader prints."""
        lexer = shlex.shlex(self.text, posix=True, punctuation_chars=True)
        return "|" in list(lexer)


@dataclass(frozen=True)
class Block:
    line: int  # README line of its ```console
    commands: tuple[Command, ...]


def _names(needle: str, text: str) -> bool:
    """Whether a command names this file or folder (`corpus`, `/tmp/corpus-clean`; not `health-report.txt` for
    `report.txt`)."""
    return re.search(rf"(?<![\w.-]){re.escape(needle)}(?!\w)", text) is not None


def _open(text: str) -> bool:
    """Whether a command line goes on over the next line (an open quote or a trailing backslash)."""
    try:
        shlex.split(text)
    except ValueError:
        return True
    return False


def parse(text: str) -> list[Block]:
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != "```console":
            i += 1
            continue
        start, i = i + 1, i + 1
        commands: list[Command] = []
        while i < len(lines) and lines[i].strip() != "```":
            line = lines[i]
            assert line.startswith("$ "), f"README.md:{i + 1}: output before the first command of a console block"
            at, typed = i + 1, [line[2:]]
            i += 1
            while _open("\n".join(typed)) and i < len(lines) and lines[i].strip() != "```":
                typed.append(lines[i])
                i += 1
            heredoc = _HEREDOC.search(typed[0])
            if heredoc:  # `cat > FILE <<'EOF'`: the lines up to EOF are the command's, not its output
                while i < len(lines) and lines[i].strip() != "```":
                    typed.append(lines[i])
                    i += 1
                    if typed[-1].strip() == heredoc.group(2):
                        break
            shown: list[str] = []
            while i < len(lines) and lines[i].strip() != "```" and not lines[i].startswith("$ "):
                shown.append(lines[i])
                i += 1
            commands.append(Command(at, "\n".join(typed), tuple(shown)))
        blocks.append(Block(start, tuple(commands)))
        i += 1
    return blocks


BLOCKS = parse(README.read_text(encoding="utf-8"))


def _writes(command: Command, outdir: str) -> bool:
    """Whether a command cleans into OUTDIR afresh (`-o OUTDIR` without `--resume`)."""
    words = shlex.split(command.text)
    return "--resume" not in words and "-o" in words[:-1] and words[words.index("-o") + 1] == outdir


def _setup(block: Block) -> list[Command]:
    """The commands of earlier blocks that a `--resume` in this one resumes from: the last run with the same `-o`."""
    earlier = [c for b in BLOCKS if b.line < block.line for c in b.commands if c.missing is None]
    setup: list[Command] = []
    for command in block.commands:
        words = shlex.split(command.text)
        if "--resume" not in words or "-o" not in words:
            continue
        outdir = words[words.index("-o") + 1]
        first = [c for c in earlier if _writes(c, outdir)]
        if first and first[-1] not in setup:
            setup.append(first[-1])
    return setup


def _script(commands: list[Command], setup: list[Command], tmp: Path, stderr: Path) -> str:
    """One bash session: the setup quietly in subshells, then each command followed by a marker line with its
    exit statuses (the next command's `$?` and `${PIPESTATUS[...]}` read them from the marker's copy). The stderr
    of a piped command goes to the file `stderr`.N (N: its place in the session)."""
    def typed(command: Command) -> str:
        return _TMP.sub(f"{tmp}/", command.text)

    out = ['cleantext() { "$CLEANTEXT_PYTHON" -m cleantext "$@"; }']
    out += [f"( {typed(c)}\n) >/dev/null 2>&1" for c in setup]
    for n, command in enumerate(commands):
        text = typed(command).replace("PIPESTATUS", "__ps").replace("$?", "${__ps[-1]}")
        out.append(f"{{ {text}\n}} 2>{shlex.quote(f'{stderr}.{n}')}" if command.piped else text)
        out.append(f'__ps=("${{PIPESTATUS[@]}}"); printf "\\n{_MARK} %s\\n" "${{__ps[*]}}"')
    return "\n".join(out) + "\n"


# The bundled set's counts change with every pattern added: the README shows the form of these lines, not the count.
_COUNTS = re.compile(r"^(?:ok: \d+ file\(s\), \d+ patterns, \d+ examples pass|\d+ patterns from \d+ files)$")


def _normalize(lines: list[str] | tuple[str, ...]) -> list[str]:
    out = [_COUNTS.sub(lambda m: re.sub(r"\d+", "<n>", m.group()), _ELAPSED.sub("<elapsed>", line)).rstrip()
           for line in lines]
    while out and not out[-1]:
        out.pop()
    return out


@dataclass
class Session:
    """One block's bash session, started in its own folder: `work` (the copy of `examples/`, its cwd) and `tmp`
    (where its `/tmp/...` paths go)."""
    block: Block
    commands: list[Command]
    root: Path
    proc: subprocess.Popen[bytes]

    @classmethod
    def start(cls, block: Block, root: Path) -> Session:
        work, tmp = root / "work", root / "tmp"
        shutil.copytree(ROOT / "examples", work / "examples")
        tmp.mkdir()
        for command in block.commands:
            words = shlex.split(command.text)
            if len(words) == 2 and words[0] == "cat" and words[1] in SHOWN_BY_CAT:
                path = work / words[1]
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text("".join(f"{line}\n" for line in command.shown), encoding="utf-8")
        commands = [c for c in block.commands if c.missing is None]
        env = {k: v for k, v in os.environ.items() if not k.startswith("CLEANTEXT")}
        env.update(CLEANTEXT_PYTHON=sys.executable, NO_COLOR="1", PYTHONUTF8="1")
        script = _script(commands, _setup(block), tmp, root / "stderr")
        with open(root / "output", "wb") as out:
            proc = subprocess.Popen(["bash", "-c", script], cwd=work, env=env, stdin=subprocess.DEVNULL,
                                    stdout=out, stderr=subprocess.STDOUT)
        return cls(block, commands, root, proc)

    def text(self, path: Path) -> str:
        """A file the session wrote, with its temporary folder shown as `/tmp`."""
        out = path.read_bytes().decode("utf-8", errors="replace")
        tmp = self.root / "tmp"
        for name in sorted({str(tmp.resolve()), str(tmp)}, key=len, reverse=True):
            out = out.replace(name, "/tmp")
        return out

    def outputs(self) -> list[tuple[list[str], str]]:
        """Each command's output lines (a piped command's stderr before or after them, as the README shows it) and
        its exit statuses."""
        try:
            self.proc.wait(timeout=120)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
        output = self.text(self.root / "output")
        parts = re.split(rf"\n{_MARK} ([\d ]*)\n", output)
        assert len(parts) == 2 * len(self.commands) + 1 and not parts[-1], (
            f"README.md:{self.block.line}: the session did not run to its end "
            f"(bash exit {self.proc.returncode}):\n{output}")
        found = []
        for n, command in enumerate(self.commands):
            lines = _normalize(parts[2 * n].split("\n"))
            if command.piped:  # its stderr reaches the terminal before or after the pipe reader's output
                err = _normalize(self.text(self.root / f"stderr.{n}").split("\n"))
                lines = err + lines if err and _normalize(command.shown)[:len(err)] == err else lines + err
            found.append((lines, parts[2 * n + 1]))
        return found


@pytest.fixture(scope="module")
def sessions(request, tmp_path_factory):
    """The sessions of every selected block, started at once (they take about 0.5 s of CPU per command, most of it
    starting Python and loading the patterns; side by side they use every core)."""
    params = [getattr(item, "callspec", None) for item in request.session.items]
    blocks = [p.params["block"] for p in params if p is not None and isinstance(p.params.get("block"), Block)]
    started = {}
    for block in blocks:
        if block.line not in started and any(c.missing is None for c in block.commands):
            started[block.line] = Session.start(block, tmp_path_factory.mktemp(f"readme-{block.line}-"))
    yield started
    for session in started.values():
        if session.proc.poll() is None:
            session.proc.kill()
            session.proc.wait()


@pytest.mark.skipif(shutil.which("bash") is None, reason="the README's sessions are bash")
@pytest.mark.parametrize("block", BLOCKS, ids=[f"README.md:{b.line}" for b in BLOCKS])
def test_console_block_shows_what_the_commands_print(block, sessions):
    if block.line not in sessions:
        reasons = sorted({c.missing for c in block.commands if c.missing})
        pytest.skip(f"README.md:{block.line}: " + "; ".join(reasons))
    session = sessions[block.line]
    problems = []
    for command, (real, statuses) in zip(session.commands, session.outputs(), strict=True):
        shown = _normalize(command.shown)
        if real != shown:
            diff = difflib.unified_diff(shown, real, "README.md", "actual", lineterm="")
            problems.append(f"README.md:{command.line}: $ {command.text}  (exit status {statuses})\n"
                            + "\n".join(diff))
    skipped = [f"README.md:{c.line}: $ {c.text}  (not run: {c.missing})" for c in block.commands if c.missing]
    if problems:
        pytest.fail("\n\n".join(problems + skipped), pytrace=False)


def test_every_skip_reason_still_applies():
    """Each listed need names a README command and a file the repository still lacks; each file shown by `cat` is
    shown by one."""
    commands = [c for b in BLOCKS for c in b.commands]
    for needle in NEEDS_MISSING_FILES:
        assert any(_names(needle, c.text) for c in commands), f"no README command needs {needle!r} any more"
        assert not (ROOT / needle).exists() and not (ROOT / "examples" / needle).exists(), needle
    for name in SHOWN_BY_CAT:
        assert any(shlex.split(c.text) == ["cat", name] for c in commands), f"no README command shows {name}"


def test_sessions_are_read_as_a_terminal_shows_them():
    """Commands, their outputs, a command over two lines (an open quote) and a here-document: invented lines."""
    text = "\n".join([
        "Some words.", "", "```console", "$ cat > notes/a.txt <<'EOF'", "柳溪村图书室", "EOF",
        "$ python -c 'print(1);", "print(2)'", "1", "2", "$ echo $?", "0", "```", "", "```bash", "$ not a session",
        "```", "```console", "$ true", "```"])
    first, second = parse(text)
    assert first.line == 3 and second.line == 18  # the lines of their ```console
    assert [(c.line, c.text, c.shown) for c in first.commands] == [
        (4, "cat > notes/a.txt <<'EOF'\n柳溪村图书室\nEOF", ()),
        (7, "python -c 'print(1);\nprint(2)'", ("1", "2")),
        (11, "echo $?", ("0",))]
    assert second.commands == (Command(19, "true", ()),)
    assert _names("report.txt", "cleantext clean report.txt") and not _names("report.txt", "a/health-report.txt")
    assert Command(1, "cleantext patterns list | head -4", ()).piped and not Command(1, "a || b", ()).piped
