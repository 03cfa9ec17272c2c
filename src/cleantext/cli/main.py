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
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

import click

from cleantext import blockwise
from cleantext.cleaner import Cleaner, CleanerConfig
from cleantext.cli import render
from cleantext.cli import report as report_cli
from cleantext.errors import CleantextError, InputTooLargeError, PatternError
from cleantext.evidence.patterns import (
    builtin_pattern_files,
    collect_patterns,
    load_patterns,
    pattern_files,
    prose_problems,
)
from cleantext.evidence.profile import MIN_DOCS, PreparedFiles, Profile, learn_and_prepare
from cleantext.report.auditfile import AUDIT_NAME
from cleantext.result import CleanResult
from cleantext.run import batch, pool, remote, stream
from cleantext.run.atomic import atomic_output
from cleantext.schema import SCHEMAS, schema_text
from cleantext.text.decode import decode_bytes

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 110}


def cleaner_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --patterns/--no-bundled/--disable/--encoding; the command receives them as one ``config``."""
    @functools.wraps(command)
    def wrapper(*args: Any, patterns: tuple[str, ...], no_bundled: bool, disable: tuple[str, ...],
                encoding: str | None, decode_errors: str, **kwargs: Any) -> Any:
        if encoding:
            try:
                encoding = codecs.lookup(encoding).name
            except LookupError:
                raise click.BadParameter(f"unknown codec {encoding!r}", param_hint="--encoding") from None
        # `clean` (the one command with --no-profile) may clean with a collection profile alone: it checks later,
        # once it knows whether a profile was learned or given (_need_evidence).
        if no_bundled and not patterns and kwargs.get("no_profile") is not False:
            raise click.UsageError("--no-bundled without --patterns would remove nothing: give --patterns PATH")
        config = CleanerConfig(patterns=patterns, bundled=not no_bundled, disable=disable, encoding=encoding,
                               decode_errors=decode_errors)
        return command(*args, config=config, **kwargs)

    for option in (
        click.option("--decode-errors", type=click.Choice(["tolerant", "strict", "replace"]), default="tolerant",
                     show_default=True, help="Bytes that do not decode: tolerate a few (tolerant), fail the file "
                     "(strict), or replace them all with U+FFFD (replace)."),
        click.option("--encoding", metavar="CODEC", help="Force a codec (gb18030, big5, utf-16…), do not detect."),
        click.option("--disable", multiple=True, metavar="ID",
                     help="Switch off a pattern id, or a whole category with a trailing dot (promo.). Repeatable."),
        click.option("--no-bundled", is_flag=True, help="Use only the --patterns files, not the bundled ones."),
        click.option("--patterns", multiple=True, type=click.Path(exists=True), metavar="PATH",
                     help="An extra pattern file or folder of *.toml. Repeatable."),
    ):
        wrapper = option(wrapper)
    return wrapper


def build_cleaner(config: CleanerConfig, profile: Profile | None = None) -> Cleaner:
    """The Cleaner of ``config``; an unusable pattern file, or a --disable id that no loaded pattern has, is a
    usage error (exit 2) that says why."""
    try:
        cleaner = Cleaner(config, profile=profile)
    except PatternError as err:
        click.echo(f"cleantext: {err}", err=True)
        raise SystemExit(2) from None
    if config.disable:
        ids = {p.id for p in load_patterns(builtin_pattern_files(), verify=False)} if config.bundled else set()
        ids |= {p.id for p in load_patterns(config.patterns, verify=False)}
        unknown = [d for d in config.disable if not (d in ids or (d.endswith(".") and any(i.startswith(d)
                                                                                         for i in ids)))]
        if unknown:
            hint = "; profile rules are switched off with --no-profile" if any(
                u.startswith("profile.") for u in unknown) else ""
            raise click.UsageError(f"--disable {', '.join(unknown)}: no loaded pattern has this id or category "
                                   f"(see `cleantext patterns list`){hint}")
    return cleaner


def _out(text: str, **kwargs: Any) -> None:
    """Print to stdout; when the reader of a pipe has gone (``| head``), end quietly with 141, as Unix tools do
    (click itself would exit 1)."""
    try:
        click.echo(text, **kwargs)
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        raise SystemExit(141) from None


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
    memory (the size is checked before reading a file). A URL (``s3://…``) is read through fsspec."""
    if remote.is_remote(path):
        try:
            return remote.read_remote(path, limit)
        except (InputTooLargeError, remote.RemoteError) as err:
            raise InputError(str(err)) from None
    if path != "-" and (size := Path(path).stat().st_size) > limit:
        raise InputError(batch.too_large(size, limit))
    with (contextlib.nullcontext(_stdin()) if path == "-" else open(path, "rb")) as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise InputError(batch.too_large(len(data), limit) if path != "-" else
                         f"the input is over the limit of {limit / 1e6:.0f} MB (CleanerConfig.max_bytes)")
    return data


class _Size(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.2 only; we support 8.1
    """A size in bytes: ``1073741824``, ``512M``, ``2G`` (K, M, G: powers of 1024)."""

    name = "SIZE"
    _UNITS: ClassVar[dict[str, int]] = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().upper().removesuffix("B")
        unit = text[-1:] if text[-1:] in ("K", "M", "G") else ""
        try:
            size = int(float(text[: len(text) - len(unit)]) * self._UNITS[unit])
        except ValueError:
            self.fail(f"{value!r} is not a size (bytes, or a number with K, M or G)", param, ctx)
        if size < 1 << 20:
            self.fail(f"{value!r} is under 1M: the workers could not hold even a small document", param, ctx)
        return size


class _InputPath(click.Path):
    """An INPUT: a local file or folder that must exist, ``-``, or a URL (``s3://…``, ``hf://…``) read through
    fsspec (checked when it is listed)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and remote.is_remote(value):
            return value
        return super().convert(value, param, ctx)


def _is_dir(path: str) -> bool:
    """Whether an INPUT names a folder to walk (a local one, or a remote one behind a URL)."""
    if not remote.is_remote(path):
        return Path(path).is_dir()
    try:
        return remote.is_remote_dir(path)
    except remote.RemoteError as err:
        raise click.UsageError(str(err)) from None


def _output_failed(err: OSError, what: str = "<stdout>") -> int:
    """Report a failed write to stdout (a full disk) in one line, or end quietly with 141 when the reader of a pipe
    has gone (``| head``, as Unix tools do); stdout is pointed at /dev/null so that the interpreter's own flush at
    exit does not print a second error."""
    if isinstance(err, BrokenPipeError):
        _quiet_stdout()
        return 141
    click.echo(f"cleantext: failed: cannot write {what}: {err.strerror or err}", err=True)
    _quiet_stdout()
    return 1


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """--version: the distribution, its version and the location of the package that runs (another distribution
    also named cleantext may have replaced it), and a warning for each rival that ships a cleantext/ package."""
    if not value or ctx.resilient_parsing:
        return
    from cleantext.about import DISTRIBUTION, describe, rivals

    _out(describe())
    for rival in rivals():
        click.echo(f"cleantext: warning: {rival} also installs a cleantext/ package into this environment and "
                   f"overwrites this one's files (pip uninstall {rival.split()[0]}, then reinstall {DISTRIBUTION})",
                   err=True)
    ctx.exit(0)


@click.group(context_settings=CONTEXT, epilog="\b\nExample:\n  cleantext clean examples/dirty -o examples/clean")
@click.option("-V", "--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the distribution, its version and where the running package is installed, then exit.")
def cli() -> None:
    """Dirty text documents in, clean ones out: watermarks, disclaimers, credit lines, ads and promo footers
    removed, encodings detected, with an audit of every removal."""


@cli.command(epilog="""\b
Examples:
  cleantext clean examples/dirty -o examples/clean        # a folder, mirrored under OUTDIR
  cleantext clean report.txt > report.clean.txt           # one file to stdout (also: -o -)
  cleantext clean - < report.txt > report.clean.txt       # stdin to stdout
  cleantext clean --diff --color always report.txt | less -R   # what would change, as a unified diff
  cleantext clean --jsonl docs.jsonl --field text -o clean.jsonl""")
@click.argument("inputs", nargs=-1, type=_InputPath(exists=True, allow_dash=True), metavar="INPUT...")
@click.option("-o", "--output", metavar="OUTDIR", help="Output folder; - (or none, for one file) prints to stdout "
              "(with --jsonl: an output file, or - for stdout).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [default: number of cores; with "
              "--jsonl: 1]. 1 runs in-process.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the clean UTF-8 text; json: the full result (text, metadata, removed) per document.")
@click.option("--with-normalized", is_flag=True, help="With --format json or --jsonl: also write `normalized`, the "
              "text that removed[].line points into, so that the audit replays from the JSON alone.")
@click.option("--glob", "globs", multiple=True, default=("*.txt",), show_default=True,
              help="File names to take from folders (case-insensitive). Repeatable. Named files are always taken.")
@click.option("--follow-symlinks", is_flag=True, help="Follow symbolic links that lead out of an input folder "
              "(by default they are listed as skipped).")
@click.option("--resume", is_flag=True, help="Skip inputs that the last run cleaned and that have not changed since "
              "(same resolved path, size and modification time).")
@click.option("--manifest", type=click.Path(dir_okay=False),
              help=f"Manifest JSONL [default: OUTDIR/{batch.MANIFEST_NAME}].")
@click.option("--profile", "profile_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Collection profile: use FILE if it exists, else learn it from the inputs and save it to FILE.")
@click.option("--no-profile", is_flag=True, help=f"Do not learn a collection profile (by default one is learned "
              f"from {MIN_DOCS} or more documents: lines that recur at the edges of many distinct documents).")
@click.option("--diff", "show_diff", is_flag=True, help="One file or stdin: print a unified diff of the decoded "
              "input and the clean output instead of the output.")
@click.option("-v", "--verbose", is_flag=True, help="Say on stderr what was decided and why: every removal (one "
              "file) or one line per file (folders).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour --diff and --verbose (auto: on a terminal, unless NO_COLOR is set).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary (failures are still reported).")
@click.option("--report", "report_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="-o OUTDIR: write the HTML review report of the batch to FILE at the end (= cleantext report).")
@click.option("--no-audit", is_flag=True, help=f"-o OUTDIR: do not write {AUDIT_NAME} beside the manifest (the "
              "removals and excerpts a report shows per rule and per file).")
@click.option("--memory-budget", type=_Size(), default=batch.DEFAULT_MEMORY_BUDGET, show_default="1G",
              help="-o OUTDIR: the bytes of input the -j workers hold at once, together (512M, 2G…); a file larger "
              "than the budget runs alone.")
@click.option("--jsonl", type=click.Path(exists=True, dir_okay=False, allow_dash=True), metavar="FILE|-",
              help="Clean one field of each record of a JSONL stream instead of files.")
@click.option("--field", default="text", show_default=True, help="With --jsonl: the field to clean.")
@click.option("--meta-key", default="cleantext", show_default=True, help="With --jsonl: where the audit goes.")
@click.option("--on-bad-record", type=click.Choice(["pass", "skip"]), default="pass", show_default=True,
              help="With --jsonl: write a bad record unchanged, or leave it out (it is reported either way).")
@click.option("--bad-records", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="With --jsonl: also write each bad record's error as data to FILE, one JSON line each: "
              '{"error": …, "error_detail": {"type", "message", "record_line", "source", …}}.')
@cleaner_options
@click.pass_context
def clean(ctx: click.Context, inputs: tuple[str, ...], output: str | None, jobs: int | None, fmt: str,
          with_normalized: bool, globs: tuple[str, ...], follow_symlinks: bool, resume: bool, manifest: str | None,
          profile_file: str | None, no_profile: bool, show_diff: bool, verbose: bool, color: str, quiet: bool,
          report_file: str | None, no_audit: bool, memory_budget: int, jsonl: str | None, field: str, meta_key: str,
          on_bad_record: str, bad_records: str | None, config: CleanerConfig) -> None:
    """Clean files and folders into OUTDIR, one file or stdin (-) to stdout, or a JSONL stream (--jsonl).

    Folders are walked recursively and mirrored under OUTDIR; outputs are written atomically; a manifest
    records every input. With 8 or more files a collection profile is learned first (see --profile). Exit code 1
    when some files failed."""
    given = _given(ctx)
    if profile_file and no_profile:
        raise click.UsageError("give --profile FILE or --no-profile, not both")
    if with_normalized and not (jsonl or fmt == "json"):
        raise click.UsageError("--with-normalized adds a field to JSON: give --format json or --jsonl FILE")
    if jsonl:
        if inputs:
            raise click.UsageError("give either INPUT... or --jsonl, not both")
        _refuse(given, ("format", "glob", "resume", "manifest", "follow-symlinks", "diff", "verbose", "report",
                        "no-audit", "memory-budget"),
                "with --jsonl (records are cleaned to JSONL with their audit under --meta-key)")
        cleaner = build_cleaner(config)
        cleaner.profile = _jsonl_profile(jsonl, field, cleaner.config.max_bytes, profile_file, no_profile)
        _need_evidence(config, cleaner.profile)
        ctx.exit(_clean_jsonl(jsonl, output, cleaner, field, meta_key, on_bad_record, jobs or 1, quiet,
                              with_normalized, bad_records))
    _refuse(given, ("field", "meta-key", "on-bad-record", "bad-records"), "without --jsonl")
    if not inputs:
        raise click.UsageError("give INPUT files or folders, - for stdin, or --jsonl FILE")
    paint = render.use_color(color, sys.stderr if verbose and not show_diff else sys.stdout)
    one = len(inputs) == 1 and (inputs[0] == "-" or not _is_dir(inputs[0]))
    if "-" in inputs and not (one and output in (None, "-")):
        raise click.UsageError("- (stdin) is cleaned to stdout: give it alone, without -o (or with -o -)")
    if one and output in (None, "-"):
        _refuse(given, ("glob", "resume", "manifest", "follow-symlinks", "jobs", "report", "no-audit",
                        "memory-budget"), "when one file is cleaned to stdout (they apply to -o OUTDIR)")
        if show_diff and fmt == "json":
            raise click.UsageError("--diff prints a diff, not JSON: drop --format json or --diff")
        single = _single_profile(profile_file)
        _need_evidence(config, single)
        ctx.exit(_clean_one(inputs[0], build_cleaner(config, single), fmt, show_diff, verbose, paint,
                            with_normalized))
    if output == "-" or not output:
        raise click.UsageError("-o OUTDIR is required to clean several files or a folder (stdout takes one file)")
    _refuse(given, ("diff",), "with -o OUTDIR (it shows one file or stdin; see also `cleantext explain`)")
    if not any(_is_dir(i) for i in inputs):
        _refuse(given, ("glob",), "to files named on the command line (it picks files from folders)")
    if Path(output).exists() and not Path(output).is_dir():
        raise click.UsageError(f"OUTDIR {output} exists and is not a folder")
    if report_file and no_audit:
        raise click.UsageError("--report shows what the audit holds: drop --no-audit (or run `cleantext report` "
                               "later on a batch that wrote its audit)")
    manifest_path = Path(manifest) if manifest else Path(output) / batch.MANIFEST_NAME
    passed_over: Counter[str] = Counter()
    try:
        todo = batch.discover(inputs, output, globs=globs, fmt=fmt, manifest=manifest_path,
                              follow_symlinks=follow_symlinks, audit=not no_audit, passed_over=passed_over)
    except batch.BatchSetupError as err:
        raise click.UsageError(str(err)) from None
    if report_file:
        report_cli.check_report_path(report_file, todo, manifest_path)
    workers = jobs or pool.default_workers()
    cleaner = build_cleaner(config)  # a bad pattern file or --disable id stops here, before the profile pass
    learnable = [j.src for j in todo if not (j.problem or j.skip)]
    collection, kept = _collection_profile(learnable, profile_file, no_profile, workers, quiet, config)
    cleaner.profile = collection
    _need_evidence(config, collection)
    if not todo:
        click.echo(f"cleantext: no input files (folders are searched for {' '.join(globs)}; see --glob)", err=True)
        if passed_over:
            click.echo(render.passed_over_line(passed_over, globs), err=True)
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
                elif verbose:
                    bar.write(render.file_line(rec, paint), file=sys.stderr)

            summary = batch.run_jobs(todo, cleaner, manifest_path, fmt=fmt, resume=resume, on_record=on_record,
                                     workers=workers, outdir=output, audit=not no_audit,
                                     with_normalized=with_normalized, memory_budget=memory_budget, kept=kept)
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
        lines = render.batch_summary(summary, output, str(manifest_path))
        if collection is not None:
            lines.insert(-1, render.profile_line(collection, profile_file))
        if passed_over and todo:
            lines.insert(1, render.passed_over_line(passed_over, globs))
        click.echo("\n".join(lines), err=True)
    if report_file:
        said = report_cli.write_batch_report(manifest_path, report_file)
        if not quiet:
            click.echo(said, err=True)
    ctx.exit(1 if summary.counts["failed"] else 0)


def _given(ctx: click.Context) -> set[str]:
    """The options the user typed (as --names without dashes), not the ones left at their default."""
    sources = (click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT)
    found = set()
    for param in ctx.command.params:
        if param.name and ctx.get_parameter_source(param.name) in sources and isinstance(param, click.Option):
            found.add(max(param.opts, key=len).lstrip("-"))
    return found


def _refuse(given: set[str], names: Sequence[str], why: str) -> None:
    """A usage error (exit 2) naming the typed options among ``names`` that do not apply, rather than ignoring them."""
    bad = [f"--{n}" for n in names if n in given]
    if bad:
        raise click.UsageError(f"{', '.join(bad)} {'does' if len(bad) == 1 else 'do'} not apply {why}")


def _single_profile(profile_file: str | None) -> Profile | None:
    """The profile for one document: only a saved one (one document cannot teach a profile)."""
    if not profile_file:
        return None
    if not Path(profile_file).is_file():
        raise click.UsageError(f"--profile {profile_file}: no such file; one document cannot teach a profile "
                               f"(learn it with `cleantext clean FOLDER -o OUT --profile {profile_file}`)")
    return _load_profile(profile_file)


def _load_profile(profile_file: str) -> Profile:
    try:
        return Profile.from_json(Path(profile_file).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise click.UsageError(f"--profile {profile_file}: not a readable profile ({_reason(err)}); delete it to "
                               "learn a new one") from None


def _need_evidence(config: CleanerConfig, profile: Profile | None) -> None:
    """--no-bundled without --patterns cleans with the collection profile alone: refuse it when there is none."""
    if not config.bundled and not config.patterns and profile is None:
        raise click.UsageError(f"--no-bundled without --patterns cleans with a collection profile alone, and there "
                               f"is none: give --profile FILE, a folder of at least {MIN_DOCS} files, or --patterns")


def _collection_profile(files: Sequence[str], profile_file: str | None, no_profile: bool, workers: int,
                        quiet: bool, config: CleanerConfig) -> tuple[Profile | None, PreparedFiles | None]:
    """The collection profile of a batch: none (--no-profile), loaded from or learned into --profile FILE, or
    learned when there are at least MIN_DOCS files; and, when it was learned, what that pass read of the files
    (read as ``config`` reads them), which the clean pass takes instead of reading them again."""
    if no_profile:
        return None, None
    if profile_file and Path(profile_file).exists():
        return _load_profile(profile_file), None
    if not profile_file and len(files) < MIN_DOCS:
        return None, None
    if not quiet and sys.stderr.isatty():
        click.echo(f"learning the collection profile from {len(files)} file(s)…", err=True)
    learned, kept = learn_and_prepare(files, config, workers=workers)
    if profile_file:
        _save_profile(learned, profile_file)
    return learned, kept


def _jsonl_profile(src: str, field: str, limit: int, profile_file: str | None, no_profile: bool) -> Profile | None:
    """The collection profile of a JSONL file's records (a first pass over the file; stdin cannot be read twice,
    so from stdin only a saved --profile is used)."""
    if no_profile:
        return None
    if profile_file and Path(profile_file).exists():
        return _load_profile(profile_file)
    if src == "-":
        if profile_file:
            raise click.UsageError(f"--profile {profile_file}: no such file, and stdin cannot be read twice to learn "
                                   "it (learn it from the file: --jsonl FILE --profile ...)")
        return None
    with open(src, "rb") as raw:
        texts = stream.field_texts(stream.read_lines(raw, limit), field)
        learned = Profile.learn(texts)
    if not profile_file and learned.documents < MIN_DOCS:
        return None
    if profile_file:
        _save_profile(learned, profile_file)
    return learned


def _save_profile(profile: Profile, profile_file: str) -> None:
    try:
        with atomic_output(Path(profile_file), "wb") as f:
            f.write(profile.to_json().encode("utf-8"))
    except OSError as err:
        click.echo(f"cleantext: failed: cannot write {profile_file}: {err.strerror or err}", err=True)
        raise SystemExit(1) from None


def _clean_one(path: str, cleaner: Cleaner, fmt: str, show_diff: bool, verbose: bool, paint: bool,
               with_normalized: bool = False) -> int:
    """One file or stdin (``-``) cleaned to stdout: the text, the JSON result or (``show_diff``) a unified diff."""
    label = "<stdin>" if path == "-" else path
    with contextlib.ExitStack() as stack:
        try:
            # A huge text file is cleaned block by block into a temporary file (the same bytes, a fraction of the
            # memory); the JSON result, the diff and -v need the whole clean's result.
            staged = _in_blocks(path, cleaner, stack) if fmt == "text" and not (show_diff or verbose) else None
            result = cleaner.clean(_read_input(path, cleaner.config.max_bytes)) if staged is None else None
        except (InputError, OSError, CleantextError) as err:
            click.echo(f"cleantext: failed: {label}: {render.cli_advice(_reason(err))}", err=True)
            return 1
        except Exception as err:  # a bug: still one line and an exit code
            click.echo(f"cleantext: failed: {label}: unexpected {type(err).__name__}: {_reason(err)}", err=True)
            return 1
        chunks: Iterator[bytes] | list[bytes]
        if result is None:
            chunks = staged or []
        else:
            if verbose:
                click.echo(render.removals(label, result, paint), err=True, color=paint)
            chunks = _rendered(result, label, fmt, show_diff, paint, with_normalized)
        try:
            stdout = _stdout()
            for chunk in chunks:
                stdout.write(chunk)
            stdout.flush()
        except InputError as err:
            click.echo(f"cleantext: failed: {err}", err=True)
            return 1
        except OSError as err:
            return _output_failed(err)
    return 0


def _rendered(result: CleanResult, label: str, fmt: str, show_diff: bool, paint: bool,
              with_normalized: bool) -> list[bytes]:
    """What one clean prints, in pieces: a large text is encoded once, never first copied with its final line
    break."""
    if show_diff:
        return [render.diff(result.normalized, result.text, label, paint).encode("utf-8")]
    if fmt == "json":
        return [json.dumps(result.to_dict(with_normalized), ensure_ascii=False, indent=2).encode("utf-8"), b"\n"]
    return [result.text.encode("utf-8"), b"\n"] if result.text else []


def _in_blocks(path: str, cleaner: Cleaner, stack: contextlib.ExitStack) -> Iterator[bytes] | None:
    """The output of a local text file of ``blockwise.BLOCKWISE_MIN_BYTES`` or more, cleaned block by block into
    a temporary file (kept open on ``stack``) and read back in pieces; None when the file is to be cleaned whole:
    stdin, a URL, a smaller file, one over ``max_bytes`` (the whole path refuses it as before), or one that
    ``blockwise`` declines (it then wrote nothing)."""
    if path == "-" or remote.is_remote(path):
        return None
    size = Path(path).stat().st_size
    if size < blockwise.BLOCKWISE_MIN_BYTES or size > cleaner.config.max_bytes:
        return None
    out = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cleantext-blocks-"))) / "out.txt"
    if blockwise.clean_file(cleaner, path, out) is None:
        return None
    f = stack.enter_context(open(out, "rb"))
    return iter(functools.partial(f.read, 1 << 20), b"")


def _reason(err: BaseException) -> str:
    """The first line of an error's message (an OSError's strerror), never empty."""
    text = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
    return (text.strip().splitlines() or [type(err).__name__])[0]


def _clean_jsonl(src: str, output: str | None, cleaner: Cleaner, field: str, meta_key: str, on_bad: str,
                 jobs: int, quiet: bool, with_normalized: bool = False, bad_records: str | None = None) -> int:
    if output and output != "-" and src != "-" and Path(output).resolve() == Path(src).resolve():
        raise click.UsageError("the output file is the input file; inputs are never overwritten")
    if output and Path(output).is_dir():
        raise click.UsageError(f"with --jsonl, -o names a file (or - for stdout); {output} is a folder")
    label = "<stdin>" if src == "-" else src
    fate = "passed through" if on_bad == "pass" else "skipped"

    bad_out = None
    if bad_records:
        named = {Path(p).resolve() for p in (src, output) if p and p != "-"}
        if Path(bad_records).resolve() in named:  # a link to the input counts: resolve() follows it
            raise click.UsageError(f"--bad-records {bad_records} is the input or the output file; give another file")
        try:
            bad_out = open(bad_records, "w", encoding="utf-8")  # closed below
        except OSError as err:
            click.echo(f"cleantext: failed: cannot write {bad_records}: {err.strerror or err}", err=True)
            return 1

    def report(n: int, why: str) -> None:
        click.echo(f"cleantext: bad record: {label}:{n}: {why} ({fate})", err=True)
        if bad_out is not None and isinstance(why, stream.BadRecord):
            bad_out.write(stream.json_line(why.to_dict()))

    try:
        raw = _stdin() if src == "-" else open(src, "rb")  # closed below
    except (InputError, OSError) as err:
        click.echo(f"cleantext: failed: {label}: {_reason(err)}", err=True)
        if bad_out is not None:
            bad_out.close()
        return 1
    # Records end at \n only: a bare \r inside a record is JSON whitespace, not a line break.
    lines = stream.read_lines(raw, cleaner.config.max_bytes)
    args: dict[str, Any] = {"field": field, "meta_key": meta_key, "on_bad": on_bad, "workers": jobs, "report": report,
                            "with_normalized": with_normalized, "source": label}
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
        if bad_out is not None:
            bad_out.close()
    if not quiet:
        click.echo(render.stream_summary(stats, on_bad), err=True)
        if cleaner.profile is not None:
            click.echo(render.profile_line(cleaner.profile, None), err=True)
    return 1 if stats.bad else 0


@cli.command(epilog="\b\nExamples:\n  cleantext explain examples/dirty/health-report.txt --color always | less -R\n"
             "  cleantext explain --diff examples/dirty/health-report.txt")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the decoded input and the output.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="auto: colour on a terminal unless NO_COLOR is set.")
@cleaner_options
def explain(file: str, show_diff: bool, color: str, config: CleanerConfig) -> None:
    """Show every line of FILE (- for stdin) and what happened to it: kept (+), cut inline (~) or removed (-) by
    which rule and category; then the metadata. Coloured on a terminal (see --color and NO_COLOR)."""
    cleaner = build_cleaner(config)
    try:
        result = cleaner.clean(_read_input(file, cleaner.config.max_bytes))
    except (InputError, OSError, CleantextError) as err:
        click.echo(f"cleantext: failed: {file}: {render.cli_advice(_reason(err))}", err=True)
        raise SystemExit(1) from None
    except Exception as err:  # a bug: still one line and an exit code
        click.echo(f"cleantext: failed: {file}: unexpected {type(err).__name__}: {_reason(err)}", err=True)
        raise SystemExit(1) from None
    paint = render.use_color(color, sys.stdout)
    if show_diff:
        _out(render.diff(result.normalized, result.text, file, paint), nl=False, color=paint)
    else:
        _out(result.explain(color=paint), color=paint)


@cli.command(epilog="\b\nExamples:\n  cleantext detect examples/dirty/*.txt\n  cleantext detect examples/dirty\n"
             "  curl -s https://example-novel.com/1.txt | cleantext detect -")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True), metavar="FILE...")
@click.option("--encoding", metavar="CODEC", help="Check that the files decode with this codec instead.")
@click.option("--glob", "globs", multiple=True, default=("*.txt",), show_default=True,
              help="File names to take from folders (case-insensitive), as `clean` does. Repeatable.")
def detect(files: tuple[str, ...], encoding: str | None, globs: tuple[str, ...]) -> None:
    """Print the encoding and confidence of each FILE (- for stdin; folders are walked as `clean` walks them),
    one line each. Exit code 1 when some could not be read or decoded."""
    failed = 0
    if files.count("-") > 1:
        raise click.UsageError("- (stdin) can be read once: give it at most once")
    names: list[str] = []
    for f in files:
        names.extend(str(p) for p in batch.walk_files(f, globs)) if f != "-" and Path(f).is_dir() else names.append(f)
    for f in names:
        label = "<stdin>" if f == "-" else f
        try:
            _, info = decode_bytes(_read_input(f, CleanerConfig().max_bytes), encoding)
        except (InputError, OSError, LookupError, CleantextError) as err:
            failed += 1
            click.echo(f"cleantext: failed: {label}: {render.cli_advice(_reason(err))}", err=True)
            continue
        _out(render.detection_line(label, info))
    raise SystemExit(1 if failed else 0)


@cli.command(epilog="\b\nExamples:\n  cleantext schema > result.schema.json\n"
             "  cleantext schema --what manifest")
@click.option("--what", type=click.Choice(SCHEMAS), default="result", show_default=True,
              help="result: a result dict (--format json; its $defs/audit is what --jsonl adds under --meta-key); "
              "manifest: one record of manifest.jsonl.")
def schema(what: str) -> None:
    """Print the JSON Schema (draft 2020-12) of cleantext's JSON output, as shipped in the package. Every result,
    JSONL audit and manifest record carries the schema_version it follows."""
    _out(schema_text(what), nl=False)


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
    _out(render.table(rows, ("ID", "CATEGORY", "SCOPE", "FILE")))
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
        # Ids must not clash with the bundled files, but those being checked (a bundled file is not its own
        # duplicate); a bundled file that does not load is the check's to report when asked, not a crash.
        checked = {Path(f).resolve() for f in files}
        others = [f for f in builtin_pattern_files() if Path(f).resolve() not in checked]
        seen = {p.id: f"bundled {render.pattern_file_label(p.path)}"
                for p in collect_patterns(others, verify=False)[0]}
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


def _register_report() -> None:
    from cleantext.cli.report import report, serve

    cli.add_command(report)
    cli.add_command(serve)


_register_report()


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``cleantext`` console script and of ``python -m cleantext``. Whatever happens, the
    command ends with one line on stderr and an exit code, never a traceback."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="cleantext")
    except BrokenPipeError:  # `cleantext explain … | head`: the reader has all it wanted; end quietly, as cat does
        _quiet_stdout()
        raise SystemExit(141) from None
    except OSError as err:  # stdout or stderr gone, a full disk under click's own output…
        _last_words(f"cleantext: failed: {err.strerror or err}")
        raise SystemExit(1) from None
    except Exception as err:  # a bug: name it in one line (CLEANTEXT_DEBUG=1 shows the traceback)
        if os.environ.get("CLEANTEXT_DEBUG"):
            raise
        _last_words(f"cleantext: internal error: {type(err).__name__}: {_reason(err)} (please report it)")
        raise SystemExit(1) from None


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def _last_words(line: str) -> None:
    """Write one line to stderr if there is one; never raise."""
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError, AttributeError):
        pass
