"""`fachakte validate`: schema and semantic checks with compiler-style diagnostics."""

from __future__ import annotations

from pathlib import Path

import click

from fachakte_compiler.cli.options import (
    check_buffer,
    format_report,
    paths_argument,
    read_stdin,
    run_checks,
    stdin_filename_option,
)
from fachakte_compiler.diagnostics.formats import FORMATS


@click.command()
@paths_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format: text for people, github for workflow annotations, sarif for "
    "code scanning, junit for GitLab, json for scripts.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@stdin_filename_option
def validate(
    paths: tuple[Path, ...], fmt: str, output: Path | None, stdin_filename: Path | None
) -> None:
    """Check definition files (default: definitions/) against the schema and all rules.
    PATH '-' reads one file from standard input (with --stdin-filename).

    Exit codes: 0 no errors, 1 errors found, 2 usage or internal error.
    """
    buffer = read_stdin(paths, stdin_filename)
    if buffer is None:
        _, diagnostics = run_checks(paths, fmt, output)
    else:
        view, diagnostics = check_buffer(*buffer)
        report = format_report(diagnostics, [f.display for f in view.files], fmt, view)
        if output is not None:
            output.write_text(click.unstyle(report) + "\n", encoding="utf-8")
        elif report:
            click.echo(report)
    if any(d.is_error for d in diagnostics):
        raise click.exceptions.Exit(1)
