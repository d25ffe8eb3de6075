"""`fachakte validate`: schema and semantic checks with compiler-style diagnostics."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from fachakte_compiler.cli.options import (
    STDIN,
    PathParam,
    catalogue_reads,
    check_buffer,
    check_reports,
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

if TYPE_CHECKING:
    from fachakte_compiler.diagnostics import Diagnostic


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
    type=PathParam(dir_okay=False, path_type=Path),
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
    check_reports(
        [("-o", output, fmt), *(("--report", target, kind) for kind, target in extra)],
        catalogue_reads([stdin_filename] if STDIN in paths else list(paths)),
    )
    buffer = read_stdin(paths, stdin_filename)
    view, found = run_checks(paths) if buffer is None else check_buffer(*buffer, everywhere=True)
    named = sorted(f.display for f in view.files if f.path in view.selected)
    report = _report(found, named, fmt, view)
    if output is not None:
        write_report(output, report)
    elif report:
        click.echo(report)
    if buffer is None and view.root is None and named:
        _say_outside_a_catalogue(named)
    for kind, target in extra:
        write_report(target, _report(found, named, kind, view))
    # An edit that breaks another file breaks the catalogue: an editor or a pre-commit hook
    # checking only the edited file must not pass it.
    if any(d.is_error for d in found):
        raise click.exceptions.Exit(1)


# How many places of findings in other files the text report names before "and N more".
_PLACES_SHOWN = 3


def _report(found: list[Diagnostic], named: list[str], fmt: str, view: Any) -> str:
    """The report of `found` (every finding of the catalogue) for the files `named`. Text shows
    the named files' findings in full and one line counting and placing the others; machine
    formats carry every finding (their readers filter), listing the other files that have
    findings after the named ones."""
    others = {f.display for f in view.files if f.path not in view.selected}
    elsewhere = [d for d in found if d.file in others]
    if fmt != "text":
        return format_report(found, [*named, *sorted({d.file for d in elsewhere})], fmt, view)
    own = format_report([d for d in found if d.file not in others], named, fmt, view)
    return "\n".join([own, _elsewhere_line(elsewhere, view.root)]) if elsewhere else own


def _elsewhere_line(elsewhere: list[Diagnostic], root: Path | None) -> str:
    """'the catalogue has 1 error, 0 warnings in other files: definitions/aktenplan.yaml:39:18;
    see them with `fachakte validate definitions`' (errors placed first)."""
    from fachakte_compiler.diagnostics.render import counts

    first = sorted(elsewhere, key=lambda d: not d.is_error)[:_PLACES_SHOWN]
    places = [f"{d.file}:{d.span.line}:{d.span.col}" if d.span else d.file for d in first]
    rest = len(elsewhere) - len(first)
    if rest:
        places.append(ngettext("and {count} more", "and {count} more", rest).format(count=rest))
    catalogue = os.path.relpath(root) if root is not None else "."
    return _(
        "the catalogue has {counts} in other files: {places}; see them with "
        "`fachakte validate {catalogue}`"
    ).format(counts=counts(elsewhere), places=", ".join(places), catalogue=catalogue)


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
