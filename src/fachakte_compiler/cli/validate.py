"""`fachakte validate`: schema and semantic checks with compiler-style diagnostics."""

from __future__ import annotations

from pathlib import Path

import click

from fachakte_compiler.cli.options import paths_argument, run_checks
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
def validate(paths: tuple[Path, ...], fmt: str, output: Path | None) -> None:
    """Check definition files (default: definitions/) against the schema and all rules.

    Exit codes: 0 no errors, 1 errors found, 2 usage or internal error.
    """
    _, diagnostics = run_checks(paths, fmt, output)
    if any(d.is_error for d in diagnostics):
        raise click.exceptions.Exit(1)
