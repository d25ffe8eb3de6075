"""`fachakte fmt`: rewrite definition files canonically, or list those that are not."""

from __future__ import annotations

import os
from pathlib import Path

import click

from fachakte_compiler.cli.main import Failure
from fachakte_compiler.cli.options import (
    catalogue_paths,
    format_report,
    paths_argument,
    read_stdin,
    stdin_filename_option,
)
from fachakte_compiler.i18n import _, ngettext, os_reason


@click.command("fmt")
@paths_argument
@click.option(
    "--check",
    is_flag=True,
    help="Change nothing; list files that are not formatted and exit 1 if any.",
)
@stdin_filename_option
def fmt_command(paths: tuple[Path, ...], check: bool, stdin_filename: Path | None) -> None:
    """Format definition files (default: definitions/) canonically.

    Keys in the order of the JSON Schema, two-space indentation, list items indented under
    their key, long texts not re-wrapped; comments and the `$schema` line are kept. Files
    that do not load are reported and left untouched. PATH '-' formats standard input
    (with --stdin-filename) and writes the result to standard output, for format-on-save.
    """
    buffer = read_stdin(paths, stdin_filename)
    if buffer is not None:
        _format_stdin(*buffer, check)
        return
    from fachakte_compiler.fmt.run import format_paths
    from fachakte_compiler.fmt.textfile import replace_text
    from fachakte_compiler.load.catalogue import CatalogueError

    try:
        outcome = format_paths(catalogue_paths(paths))
    except CatalogueError as exc:
        raise click.UsageError(str(exc)) from exc
    if outcome.refused:
        files = sorted({d.file for d in outcome.refused})
        click.echo(format_report(outcome.refused, files, "text", outcome.catalogue), err=True)
    for defect in outcome.defects:
        click.echo(_("error: {defect}").format(defect=defect), err=True)
    for path, text in sorted(outcome.changed.items()):
        shown = os.path.relpath(path)
        if check:
            click.echo(_("would reformat {shown}").format(shown=shown))
            continue
        try:
            replace_text(path, text)
        except OSError as exc:
            raise Failure(
                _("cannot write {shown}: {reason}").format(shown=shown, reason=os_reason(exc))
            ) from exc
        click.echo(_("reformatted {shown}").format(shown=shown))
    changed = len(outcome.changed)
    counted = (
        ngettext("{count} file would be reformatted", "{count} files would be reformatted", changed)
        if check
        else ngettext("{count} file reformatted", "{count} files reformatted", changed)
    )
    broken = len({d.file for d in outcome.refused})
    click.echo(
        _("{changed}, {unchanged} already formatted").format(
            changed=counted.format(count=changed), unchanged=len(outcome.unchanged)
        )
        + (_(", {count} not loadable").format(count=broken) if broken else "")
        + (
            _(", {count} left as they are").format(count=len(outcome.defects))
            if outcome.defects
            else ""
        ),
        err=True,
    )
    if outcome.refused:
        raise Failure(_("some files could not be formatted; fix the errors above first"))
    if outcome.defects:
        raise Failure(_("some files could not be formatted safely; they were left as they are"))
    if check and outcome.changed:
        raise click.exceptions.Exit(1)


def _format_stdin(name: Path, data: bytes, check: bool) -> None:
    """Format one buffer: the result on stdout; findings on stderr and exit 1 if it does not
    load (stdout stays empty, so an editor keeps its text)."""
    from fachakte_compiler.cli.options import check_buffer
    from fachakte_compiler.fmt.canonical import format_text
    from fachakte_compiler.fmt.verify import check_formatted

    view, diagnostics = check_buffer(name, data)
    source = view.files[0] if view.files else None
    errors = [d for d in diagnostics if d.is_error and d.code < "FA100"]
    if source is None or not source.loaded or errors:
        click.echo(format_report(errors, [f.display for f in view.files], "text", view), err=True)
        raise Failure(_("the input does not load; nothing was formatted"))
    formatted = format_text(source.text, source.kind)
    defect = check_formatted(source, formatted)
    if defect is not None:
        raise Failure(defect.shown(source.display))
    if check:
        if formatted != source.text.replace("\r\n", "\n"):
            click.echo(_("would reformat {name}").format(name=name), err=True)
            raise click.exceptions.Exit(1)
        return
    click.echo(formatted, nl=False)
