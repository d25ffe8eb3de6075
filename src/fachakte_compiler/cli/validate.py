"""`fachakte validate`: schema and semantic checks with compiler-style diagnostics."""

from __future__ import annotations

from pathlib import Path

import click

from fachakte_compiler.cli.options import (
    check_buffer,
    format_report,
    output_option,
    paths_argument,
    read_stdin,
    run_checks,
    stdin_filename_option,
    write_report,
)
from fachakte_compiler.diagnostics.formats import FORMATS
from fachakte_compiler.i18n import N_, _, ngettext


def _report_target(value: str) -> tuple[str, Path]:
    kind, sep, file = value.partition("=")
    if not sep or not file or kind not in FORMATS:
        raise click.BadParameter(
            _("'{value}' is not FORMAT=FILE with FORMAT one of {formats}").format(
                value=value, formats=", ".join(FORMATS)
            ),
            param_hint="--report",
        )
    return kind, Path(file)


@click.command()
@paths_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format: text for people, github for workflow annotations, sarif for "
    "code scanning, junit for GitLab test reports, codequality for GitLab's Code Quality "
    "report (Code Climate JSON), json for scripts.",
)
@click.option(
    "--report",
    "reports",
    multiple=True,
    metavar="FORMAT=FILE",
    help="Also write the findings in FORMAT to FILE (repeatable), in the same run: e.g. "
    "--report sarif=fachakte.sarif --report codequality=gl-code-quality-report.json.",
)
@output_option(
    N_("Write the report to this file instead of standard output."),
    type=click.Path(dir_okay=False, path_type=Path),
)
@stdin_filename_option
def validate(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    stdin_filename: Path | None,
    reports: tuple[str, ...],
) -> None:
    """Check definition files (default: definitions/) against the schema and all rules.
    PATH '-' reads one file from standard input (with --stdin-filename).

    Exit codes: 0 no errors, 1 errors found, 2 usage or internal error.
    """
    extra = [_report_target(r) for r in reports]
    buffer = read_stdin(paths, stdin_filename)
    if buffer is None:
        view, diagnostics = run_checks(paths, fmt, output)
        files = sorted(f.display for f in view.files if f.path in view.selected)
        if view.root is None and files:
            _say_outside_a_catalogue(files)
    else:
        view, diagnostics = check_buffer(*buffer)
        files = [f.display for f in view.files]
        report = format_report(diagnostics, files, fmt, view)
        if output is not None:
            write_report(output, report)
        elif report:
            click.echo(report)
    for kind, target in extra:
        write_report(target, format_report(diagnostics, files, kind, view))
    if any(d.is_error for d in diagnostics):
        raise click.exceptions.Exit(1)


def _say_outside_a_catalogue(files: list[str]) -> None:
    """A file checked alone passes the schema and its own rules only: say so, or a file
    received by mail would get an all-clear it has not earned."""
    click.echo(
        ngettext(
            "note: {files} lies outside a catalogue (no tenants.yaml, bausteine/ or fachakten/ "
            "around it): its Bausteine, owners, delegations and Aktenplan were not checked; "
            "copy it into the catalogue's fachakten/ and validate the catalogue",
            "note: {files} lie outside a catalogue (no tenants.yaml, bausteine/ or fachakten/ "
            "around them): their Bausteine, owners, delegations and Aktenplan were not checked; "
            "copy them into the catalogue's fachakten/ and validate the catalogue",
            len(files),
        ).format(files=", ".join(files)),
        err=True,
    )
