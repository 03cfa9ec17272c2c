"""The ``cleantext`` command line: parse, call the library, render, set the exit code. No cleaning logic lives here.

Exit codes: 0 everything succeeded, 1 some files (or records) failed, 2 a usage error (bad option, unusable pattern
file, OUTDIR that is an input folder).
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from cleantext import __version__
from cleantext.cli import render
from cleantext.run import batch, pool, stream
from cleantext.run.atomic import atomic_output
from cleantext.cleaner import Cleaner, CleanerConfig
from cleantext.text.decode import decode_bytes
from cleantext.errors import CleantextError, PatternError
from cleantext.evidence.patterns import (
    builtin_pattern_files,
    collect_patterns,
    load_patterns,
    pattern_files,
    prose_problems,
)

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 110}


def cleaner_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --patterns/--no-bundled/--disable/--encoding; the command receives them as one ``config``."""
    @functools.wraps(command)
    def wrapper(*args: Any, patterns: tuple[str, ...], no_bundled: bool, disable: tuple[str, ...],
                encoding: str | None, **kwargs: Any) -> Any:
        if encoding:
            try:
                encoding = codecs.lookup(encoding).name
            except LookupError:
                raise click.BadParameter(f"unknown codec {encoding!r}", param_hint="--encoding") from None
        config = CleanerConfig(patterns=patterns, bundled=not no_bundled, disable=disable, encoding=encoding)
        return command(*args, config=config, **kwargs)

    for option in (
        click.option("--encoding", metavar="CODEC", help="Force a codec (gb18030, big5, utf-16…), do not detect."),
        click.option("--disable", multiple=True, metavar="ID",
                     help="Switch off a pattern id, or a whole category with a trailing dot (promo.). Repeatable."),
        click.option("--no-bundled", is_flag=True, help="Use only the --patterns files, not the bundled ones."),
        click.option("--patterns", multiple=True, type=click.Path(exists=True), metavar="PATH",
                     help="An extra pattern file or folder of *.toml. Repeatable."),
    ):
        wrapper = option(wrapper)
    return wrapper


def build_cleaner(config: CleanerConfig) -> Cleaner:
    """The Cleaner of ``config``; an unusable pattern file is a usage error (exit 2) with every problem listed."""
    try:
        return Cleaner(config)
    except PatternError as err:
        click.echo(f"cleantext: {err}", err=True)
        raise SystemExit(2) from None


class InputError(Exception):
    """An input cannot be read (closed stdin, too large…): the command says so in one line and exits 1."""


def _stdin() -> Any:
    """The binary standard input, or InputError when it is closed (``<&-``)."""
    if sys.stdin is None:
        raise InputError("standard input is closed")
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None or buffer.closed:
        raise InputError("standard input is closed")
    return buffer


def _stdout() -> Any:
    """The binary standard output, or InputError when it is closed (``>&-``)."""
    if sys.stdout is None:
        raise InputError("standard output is closed")
    return sys.stdout.buffer


def _read_input(path: str, limit: int) -> bytes:
    """The bytes of a file or of stdin, read at most ``limit`` + 1 bytes: a larger input is refused before it fills
    memory (the size is checked before reading a file)."""
    if path != "-" and (size := Path(path).stat().st_size) > limit:
        raise InputError(batch.too_large(size, limit))
    with (contextlib.nullcontext(_stdin()) if path == "-" else open(path, "rb")) as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise InputError(batch.too_large(len(data), limit) if path != "-" else
                         f"the input is over the limit of {limit / 1e6:.0f} MB (CleanerConfig.max_bytes)")
    return data


def _output_failed(err: OSError, what: str = "<stdout>") -> int:
    """Report a failed write to stdout (a full disk, a closed pipe) in one line; stdout is pointed at /dev/null so
    that the interpreter's own flush at exit does not print a second error."""
    click.echo(f"cleantext: failed: cannot write {what}: {err.strerror or err}", err=True)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass
    return 1


@click.group(context_settings=CONTEXT, epilog="\b\nExample:\n  cleantext clean examples/dirty -o examples/clean")
@click.version_option(__version__, "-V", "--version", prog_name="cleantext", message="%(prog)s %(version)s")
def cli() -> None:
    """Dirty text documents in, clean ones out: watermarks, disclaimers, credit lines, ads and promo footers
    removed, encodings detected, with an audit of every removal."""


@cli.command(epilog="""\b
Examples:
  cleantext clean examples/dirty -o examples/clean        # a folder, mirrored under OUTDIR
  cleantext clean - < report.txt > report.clean.txt       # stdin to stdout
  cleantext clean --jsonl docs.jsonl --field text -o clean.jsonl""")
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, allow_dash=True), metavar="INPUT...")
@click.option("-o", "--output", metavar="OUTDIR", help="Output folder (with --jsonl: an output file, or - for stdout).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [default: number of cores; with "
              "--jsonl: 1]. 1 runs in-process.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the clean UTF-8 text; json: the full result (text, metadata, removed) per document.")
@click.option("--glob", "globs", multiple=True, default=("*.txt",), show_default=True,
              help="File names to take from folders (case-insensitive). Repeatable. Named files are always taken.")
@click.option("--follow-symlinks", is_flag=True, help="Follow symbolic links that lead out of an input folder "
              "(by default they are listed as skipped).")
@click.option("--resume", is_flag=True, help="Skip inputs whose output exists and is newer than the input.")
@click.option("--manifest", type=click.Path(dir_okay=False),
              help=f"Manifest JSONL [default: OUTDIR/{batch.MANIFEST_NAME}].")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary (failures are still reported).")
@click.option("--jsonl", type=click.Path(exists=True, dir_okay=False, allow_dash=True), metavar="FILE|-",
              help="Clean one field of each record of a JSONL stream instead of files.")
@click.option("--field", default="text", show_default=True, help="With --jsonl: the field to clean.")
@click.option("--meta-key", default="cleantext", show_default=True, help="With --jsonl: where the audit goes.")
@click.option("--on-bad-record", type=click.Choice(["pass", "skip"]), default="pass", show_default=True,
              help="With --jsonl: write a bad record unchanged, or leave it out (it is reported either way).")
@cleaner_options
@click.pass_context
def clean(ctx: click.Context, inputs: tuple[str, ...], output: str | None, jobs: int | None, fmt: str,
          globs: tuple[str, ...], follow_symlinks: bool, resume: bool, manifest: str | None, quiet: bool,
          jsonl: str | None, field: str, meta_key: str, on_bad_record: str, config: CleanerConfig) -> None:
    """Clean files and folders into OUTDIR, stdin (-) to stdout, or a JSONL stream (--jsonl).

    Folders are walked recursively and mirrored under OUTDIR; outputs are written atomically; a manifest
    records every input. Exit code 1 when some files failed."""
    if jsonl:
        if inputs:
            raise click.UsageError("give either INPUT... or --jsonl, not both")
        ctx.exit(_clean_jsonl(jsonl, output, build_cleaner(config), field, meta_key, on_bad_record, jobs or 1, quiet))
    if not inputs:
        raise click.UsageError("give INPUT files or folders, - for stdin, or --jsonl FILE")
    if "-" in inputs:
        if len(inputs) > 1 or output:
            raise click.UsageError("- (stdin) is cleaned to stdout: give it alone and without -o")
        ctx.exit(_clean_stdin(build_cleaner(config), fmt))
    if not output:
        raise click.UsageError("-o OUTDIR is required to clean files or folders")
    if Path(output).exists() and not Path(output).is_dir():
        raise click.UsageError(f"OUTDIR {output} exists and is not a folder")
    manifest_path = Path(manifest) if manifest else Path(output) / batch.MANIFEST_NAME
    try:
        todo = batch.discover(inputs, output, globs=globs, fmt=fmt, manifest=manifest_path,
                              follow_symlinks=follow_symlinks)
    except batch.BatchSetupError as err:
        raise click.UsageError(str(err)) from None
    cleaner = build_cleaner(config)
    if not todo:
        click.echo(f"cleantext: no input files (folders are searched for {' '.join(globs)}; see --glob)", err=True)
    done = 0
    try:
        Path(output).mkdir(parents=True, exist_ok=True)
        with render.progress(len(todo), quiet) as bar:
            def on_record(rec: batch.FileRecord) -> None:
                nonlocal done
                done += 1
                bar.update(1)
                if rec.error:
                    bar.write(render.failure_line(rec), file=sys.stderr)

            summary = batch.run_jobs(todo, cleaner, manifest_path, fmt=fmt, resume=resume, on_record=on_record,
                                     workers=jobs or pool.default_workers(), outdir=output)
    except batch.BatchBusyError as err:
        click.echo(f"cleantext: failed: {err}", err=True)
        ctx.exit(1)
    except batch.BatchSetupError as err:  # the manifest changed into a link or an input since discovery
        raise click.UsageError(str(err)) from None
    except KeyboardInterrupt:
        click.echo(render.interrupted(done, len(todo)), err=True)
        ctx.exit(130)
    except OSError as err:  # the manifest or OUTDIR itself cannot be written
        click.echo(f"cleantext: failed: cannot write {err.filename or manifest_path}: {err.strerror or err}",
                   err=True)
        ctx.exit(1)
    if not quiet:
        click.echo("\n".join(render.batch_summary(summary, output, str(manifest_path))), err=True)
    ctx.exit(1 if summary.counts["failed"] else 0)


def _clean_stdin(cleaner: Cleaner, fmt: str) -> int:
    try:
        result = cleaner.clean(_read_input("-", cleaner.config.max_bytes))
    except (InputError, OSError, CleantextError) as err:
        click.echo(f"cleantext: failed: <stdin>: {_reason(err)}", err=True)
        return 1
    except Exception as err:  # a bug: still one line and an exit code
        click.echo(f"cleantext: failed: <stdin>: unexpected {type(err).__name__}: {_reason(err)}", err=True)
        return 1
    if fmt == "json":
        out = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    else:
        out = result.text + "\n" if result.text else ""
    try:
        stdout = _stdout()
        stdout.write(out.encode("utf-8"))
        stdout.flush()
    except InputError as err:
        click.echo(f"cleantext: failed: {err}", err=True)
        return 1
    except OSError as err:
        return _output_failed(err)
    return 0


def _reason(err: BaseException) -> str:
    """The first line of an error's message (an OSError's strerror), never empty."""
    text = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
    return (text.strip().splitlines() or [type(err).__name__])[0]


def _clean_jsonl(src: str, output: str | None, cleaner: Cleaner, field: str, meta_key: str, on_bad: str,
                 jobs: int, quiet: bool) -> int:
    if output and output != "-" and src != "-" and Path(output).resolve() == Path(src).resolve():
        raise click.UsageError("the output file is the input file; inputs are never overwritten")
    if output and Path(output).is_dir():
        raise click.UsageError(f"with --jsonl, -o names a file (or - for stdout); {output} is a folder")
    label = "<stdin>" if src == "-" else src
    fate = "passed through" if on_bad == "pass" else "skipped"

    def report(n: int, why: str) -> None:
        click.echo(f"cleantext: bad record: {label}:{n}: {why} ({fate})", err=True)

    try:
        raw = _stdin() if src == "-" else open(src, "rb")  # closed below
    except (InputError, OSError) as err:
        click.echo(f"cleantext: failed: {label}: {_reason(err)}", err=True)
        return 1
    # Records end at \n only: a bare \r inside a record is JSON whitespace, not a line break.
    lines = stream.read_lines(raw, cleaner.config.max_bytes)
    args: dict[str, Any] = {"field": field, "meta_key": meta_key, "on_bad": on_bad, "workers": jobs, "report": report}
    try:
        if output and output != "-":
            with atomic_output(Path(output), "wb") as f:
                stats = stream.clean_jsonl(lines, lambda line: f.write(stream.encode_line(line)), cleaner, **args)
        else:
            out = _stdout()
            stats = stream.clean_jsonl(lines, lambda line: out.write(stream.encode_line(line)), cleaner, **args)
            out.flush()
    except InputError as err:
        click.echo(f"cleantext: failed: {err}", err=True)
        return 1
    except OSError as err:
        if output and output != "-":
            click.echo(f"cleantext: failed: cannot write {output}: {err.strerror or err}", err=True)
            return 1
        return _output_failed(err)
    finally:
        if src != "-":
            raw.close()
    if not quiet:
        click.echo(render.stream_summary(stats, on_bad), err=True)
    return 1 if stats.bad else 0


@cli.command(epilog="\b\nExample:\n  cleantext explain examples/dirty/health-report.txt | less -R")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@cleaner_options
def explain(file: str, config: CleanerConfig) -> None:
    """Show every line of FILE (- for stdin) and what happened to it: kept (+), cut inline (~) or removed (-) by
    which rule and category; then the metadata. Coloured on a terminal, plain when piped."""
    cleaner = build_cleaner(config)
    try:
        result = cleaner.clean(_read_input(file, cleaner.config.max_bytes))
    except (InputError, OSError, CleantextError) as err:
        click.echo(f"cleantext: failed: {file}: {_reason(err)}", err=True)
        raise SystemExit(1) from None
    except Exception as err:  # a bug: still one line and an exit code
        click.echo(f"cleantext: failed: {file}: unexpected {type(err).__name__}: {_reason(err)}", err=True)
        raise SystemExit(1) from None
    color = sys.stdout.isatty()
    click.echo(result.explain(color=color), color=color)


@cli.command(epilog="\b\nExample:\n  cleantext detect examples/dirty/*.txt")
@click.argument("files", nargs=-1, required=True, type=click.Path(), metavar="FILE...")
@click.option("--encoding", metavar="CODEC", help="Check that the files decode with this codec instead.")
def detect(files: tuple[str, ...], encoding: str | None) -> None:
    """Print the encoding and confidence of each FILE (one line each). Exit code 1 when some could not be read
    or decoded."""
    failed = 0
    for f in files:
        try:
            _, info = decode_bytes(Path(f).read_bytes(), encoding)
        except (OSError, LookupError, CleantextError) as err:
            failed += 1
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err).splitlines()[0]
            click.echo(f"cleantext: failed: {f}: {reason}", err=True)
            continue
        click.echo(render.detection_line(f, info))
    raise SystemExit(1 if failed else 0)


@cli.group(context_settings=CONTEXT, epilog="\b\nExample:\n  cleantext patterns check my-patterns/")
def patterns() -> None:
    """List the patterns in use, or check pattern files against their own examples."""


@patterns.command("list", epilog="\b\nExample:\n  cleantext patterns list --patterns my-patterns/ | grep promo")
@click.option("--patterns", "paths", multiple=True, type=click.Path(exists=True), metavar="PATH",
              help="Also list this pattern file or folder. Repeatable.")
@click.option("--no-bundled", is_flag=True, help="List only the --patterns files.")
def list_patterns(paths: tuple[str, ...], no_bundled: bool) -> None:
    """One row per pattern: id, category, scope and the file it comes from (bundled files relative to the bundled
    folder)."""
    files = ([] if no_bundled else builtin_pattern_files()) + list(paths)
    try:
        found = load_patterns(files)
    except PatternError as err:
        click.echo(f"cleantext: {err}\n(run `cleantext patterns check` on the file)", err=True)
        raise SystemExit(1) from None
    label = render.pattern_file_label
    rows = [(p.id, p.category, p.scope + (" shadow" if p.shadow else ""), label(p.path)) for p in found]
    click.echo(render.table(rows, ("ID", "CATEGORY", "SCOPE", "FILE")))
    click.echo(f"{len(found)} patterns from {len({p.path for p in found})} files", err=True)


@patterns.command("check", epilog="\b\nExamples:\n  cleantext patterns check                # the bundled files\n"
                  "  cleantext patterns check my-patterns/ extra.toml")
@click.argument("paths", nargs=-1, type=click.Path(exists=True), metavar="[PATH]...")
@click.option("--no-bundled", is_flag=True, help="Do not report ids that clash with bundled ones.")
def check_patterns(paths: tuple[str, ...], no_bundled: bool) -> None:
    """Load each pattern file (no PATH: the bundled ones), run every example of every pattern, refuse regexes that
    can backtrack exponentially and rules that remove running prose or the shared hard negatives; report each
    failure as `file: pattern id: reason`. Exit code 1 on any failure."""
    files = [f for p in paths for f in pattern_files(p)] if paths else builtin_pattern_files()
    seen: dict[str, str] = {}
    if paths and not no_bundled:
        seen = {p.id: f"bundled {render.pattern_file_label(p.path)}" for p in load_patterns(builtin_pattern_files())}
    loaded, problems = collect_patterns(files, seen)
    # A rule can pass its own examples and still take running prose (.*[。，].*): try each on body text too.
    problems.extend((p.path, p.id, why) for p in loaded for why in prose_problems(p))
    n_patterns = len(loaded)
    n_examples = sum(len(p.match) + len(p.examples) + len(p.keep) for p in loaded)
    for path, pid, why in problems:
        click.echo(f"{path}: {pid}: {why}" if pid else f"{path}: {why}")
    bad_files = len({path for path, _, _ in problems})
    if problems:
        click.echo(f"{len(problems)} problem(s) in {bad_files} of {len(files)} file(s)", err=True)
        raise SystemExit(1)
    click.echo(f"ok: {len(files)} file(s), {n_patterns} patterns, {n_examples} examples pass")


def _register_learn() -> None:
    from cleantext.learn.cli import learn_command

    cli.add_command(learn_command)


_register_learn()


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``cleantext`` console script and of ``python -m cleantext``. Whatever happens, the
    command ends with one line on stderr and an exit code, never a traceback."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="cleantext")
    except OSError as err:  # stdout or stderr gone, a full disk under click's own output…
        _last_words(f"cleantext: failed: {err.strerror or err}")
        raise SystemExit(1) from None
    except Exception as err:  # a bug: name it in one line (CLEANTEXT_DEBUG=1 shows the traceback)
        if os.environ.get("CLEANTEXT_DEBUG"):
            raise
        _last_words(f"cleantext: internal error: {type(err).__name__}: {_reason(err)} (please report it)")
        raise SystemExit(1) from None


def _last_words(line: str) -> None:
    """Write one line to stderr if there is one; never raise."""
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError, AttributeError):
        pass
