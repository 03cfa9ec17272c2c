"""``cleantext learn``: the click command. It reads the options, streams the inputs into a
:class:`cleantext.learn.Learner`, writes the pattern file and the report, and prints a summary; the learning itself
lives in :mod:`cleantext.learn`. Registered on the main group with ``cli.add_command(learn_command)``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from cleantext.errors import PatternError
from cleantext.learn import LearnConfig, Learner, iter_documents, iter_jsonl, sample_removals
from cleantext.learn.output import to_report, to_toml


def _documents(inputs: tuple[str, ...], globs: tuple[str, ...], jsonl: str | None, field: str) -> Iterator[bytes | str]:
    if inputs:
        yield from iter_documents(inputs, globs)
    if jsonl:
        yield from iter_jsonl(jsonl, field)


@click.command("learn")
@click.argument("inputs", nargs=-1, type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True, allow_dash=True),
              help="Pattern file to write (TOML), e.g. learned.toml; - for stdout.")
@click.option("--report", type=click.Path(dir_okay=False, writable=True, allow_dash=True),
              help="Also write a Markdown report for review (- for stdout, when -o is a file).")
@click.option("--jsonl", type=click.Path(exists=True, dir_okay=False), help="Learn from a JSONL file.")
@click.option("--field", default="text", show_default=True, help="The JSONL field that holds the document.")
@click.option("--glob", "globs", multiple=True, default=("*.txt",), show_default=True,
              help="File names to read under folders (repeatable).")
@click.option("--min-docs", type=click.IntRange(min=1),
              help="Documents a line shape must occur in [default: max(3, 0.2 % of the documents)].")
@click.option("--min-share", type=click.FloatRange(0.0, 1.0), default=0.8, show_default=True,
              help="Share of its occurrences that must sit at heads/tails.")
@click.option("--edge-lines", type=click.IntRange(min=1), default=8, show_default=True,
              help="Non-blank lines counted as head and as tail (fewer in short documents).")
@click.option("--no-bundled", is_flag=True, help="Learn from the raw documents, not from what the bundled "
              "patterns leave.")
@click.option("--patterns", "pattern_paths", multiple=True, type=click.Path(exists=True),
              help="Also clean with these pattern files or folders before learning (repeatable).")
@click.option("--max-shapes", type=click.IntRange(min=1000), default=200_000, show_default=True,
              help="Cap of the counting table (memory).")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def learn_command(inputs: tuple[str, ...], output: str, report: str | None, jsonl: str | None, field: str,
                  globs: tuple[str, ...], min_docs: int | None, min_share: float, edge_lines: int, no_bundled: bool,
                  pattern_paths: tuple[str, ...], max_shapes: int, quiet: bool) -> None:
    """Discover boilerplate from the collection itself and propose patterns.

    Reads INPUT files and folders (and/or --jsonl), counts line shapes at heads, tails and in bodies, and writes
    the recurring head/tail lines as patterns to OUTPUT. Review them (--report), then apply them with
    `cleantext clean --patterns OUTPUT`.
    """
    if not inputs and not jsonl:
        raise click.UsageError("give INPUT files or folders, or --jsonl FILE")
    if output == "-" and report == "-":
        raise click.UsageError("-o - and --report - would mix the TOML and the report on stdout: name a file for one")
    config = LearnConfig(min_docs=min_docs, min_share=min_share, edge_lines=edge_lines, bundled=not no_bundled,
                         patterns=pattern_paths, max_shapes=max_shapes)
    try:
        learner = Learner(config)
    except PatternError as err:
        raise click.ClickException(str(err)) from err
    for doc in _documents(inputs, globs, jsonl, field):
        learner.add(doc)
    result = learner.finish()
    _write(output, to_toml(result))
    if report:
        _write(report, to_report(result, sample_removals(result)))
    if not quiet:
        click.echo(f"{result.documents} documents read ({result.errors} unreadable), {len(result.proposals)} "
                   f"patterns proposed (a shape needed {result.min_docs} documents) → "
                   f"{'<stdout>' if output == '-' else output}", err=True)
        for p in result.proposals:
            click.echo(f"  {p.pattern.id:34} {p.docs:>7} docs  {p.shape[:60]}", err=True)
        if report:
            saved = "FILE" if output == "-" else output
            click.echo(f"review: {report}; then apply: cleantext clean --patterns {saved} ...", err=True)


def _write(path: str, text: str) -> None:
    """Write ``text`` as UTF-8 to the file ``path``, or to stdout for ``-``."""
    if path == "-":
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return
    Path(path).write_text(text, encoding="utf-8")
