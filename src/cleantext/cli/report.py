"""The ``report`` and ``serve`` commands (registered on the main group by ``cli/main.py``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from cleantext.errors import CleantextError
from cleantext.report.auditfile import AUDIT_NAME
from cleantext.run.batch import Job

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 110}


@click.command(context_settings=CONTEXT, epilog="\b\nExample:\n  cleantext report out/manifest.jsonl -o report.html")
@click.argument("manifest", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "output", default="report.html", show_default=True, type=click.Path(dir_okay=False),
              help="Where to write the HTML report.")
@click.option("--title", default="cleantext report", show_default=True, help="The page's title.")
def report(manifest: str, output: str, title: str) -> None:
    """Write one self-contained HTML review report of a batch: what every rule took, with samples linked to
    per-file views. Reads the audit.jsonl next to MANIFEST (without it: counts by category only)."""
    from cleantext.report import AuditSource, build_report

    try:
        records = AuditSource(manifest)
        summary = build_report(records, output, source=records.source, title=title)
    except OSError as err:
        raise click.ClickException(f"cannot write the report: {err.strerror or err}") from None
    click.echo(f"report of {len(summary.files)} files ({summary.lines_removed} removals) written to {output}",
               err=True)


@click.command(context_settings=CONTEXT, epilog="\b\nExamples:\n  cleantext serve examples/dirty\n"
               "  cleantext serve --host 0.0.0.0 --port 8080    # reachable from other machines: on purpose only")
@click.argument("paths", nargs=-1, type=click.Path(exists=True), metavar="[FILE_OR_DIR]...")
@click.option("--host", default=None, metavar="ADDR",
              help="Address to bind [default: 127.0.0.1]; anything but loopback needs this option.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True, help="Port (0: a free one).")
@click.option("--patterns", "patterns", multiple=True, type=click.Path(exists=True), metavar="PATH",
              help="Extra pattern files or folders, loaded after the bundled ones.")
@click.option("--disable", multiple=True, metavar="ID", help="Switch off a rule id (or a category: 'ad.').")
def serve(paths: tuple[str, ...], host: str | None, port: int, patterns: tuple[str, ...],
          disable: tuple[str, ...]) -> None:
    """A local page to try the cleaner: paste or open a document, switch rules off, edit a pattern file."""
    from cleantext.cleaner import Cleaner
    from cleantext.report.serve import serve as run_server

    click.echo("loading and checking the rules…", err=True)
    try:
        cleaner = Cleaner(patterns=patterns, disable=disable)
        run_server(paths, host=host or "127.0.0.1", port=port, allow_remote=host is not None, cleaner=cleaner)
    except CleantextError as err:
        raise click.ClickException(str(err)) from None
    except OSError as err:
        raise click.ClickException(f"cannot listen on {host or '127.0.0.1'}:{port}: {err.strerror or err}") from None
    sys.exit(0)


def check_report_path(report_file: str, jobs: Sequence[Job], manifest: Path) -> None:
    """A usage error, before the batch starts, when ``clean --report FILE`` would overwrite an input, an output,
    the manifest or the audit file, or is a folder."""
    target = Path(report_file)
    if target.is_dir():
        raise click.UsageError(f"--report {report_file} is a folder; give the HTML file to write")
    real = Path(os.path.realpath(target.parent)) / target.name
    taken = {Path(os.path.realpath(p)): "the manifest" for p in (manifest,)}
    taken[Path(os.path.realpath(manifest.with_name(AUDIT_NAME)))] = "the audit file"
    for job in jobs:
        taken.setdefault(Path(os.path.realpath(job.src)), f"the input {job.src}")
        if job.out:
            taken.setdefault(Path(os.path.realpath(job.out)), f"the output of {job.src}")
    if real in taken:
        raise click.UsageError(f"--report {report_file} is {taken[real]}; choose another file for the report")


def write_batch_report(manifest: Path, report_file: str) -> str:
    """Write the report of the batch whose manifest is ``manifest`` (what ``cleantext report`` would write) and
    say so in a line for stderr."""
    from cleantext.report import AuditSource, build_report

    try:
        records = AuditSource(manifest)
        summary = build_report(records, report_file, source=records.source)
    except OSError as err:
        raise click.ClickException(f"cannot write the report {report_file}: {err.strerror or err}") from None
    return f"report of {len(summary.files)} files ({summary.lines_removed} removals) written to {report_file}"
