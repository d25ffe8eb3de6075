"""`fachakte import-aktenplan`: merge an exported xdomea 0301 file plan into aktenplan.yaml."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import click

from fachakte_compiler.cli.main import Failure
from fachakte_compiler.cli.options import PathParam, catalogue_paths, definitions_option
from fachakte_compiler.i18n import N_, _, ngettext, os_reason


@click.command("import-aktenplan")
@click.argument(
    "message", metavar="MESSAGE", type=PathParam(exists=True, dir_okay=False, path_type=Path)
)
@definitions_option(
    N_(
        "Catalogue folder whose aktenplan.yaml receives the units (created if missing); "
        "default: definitions/ here, or the catalogue the working folder lies in."
    ),
    dest="folder",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
def import_command(message: Path, folder: Path | None, dry_run: bool) -> None:
    """Merge the units of MESSAGE, an xdomea 3.0.0 Aktenplan.Aktenplan.0301 message as a DMS
    exports it, into aktenplan.yaml.

    New units are added; units already there get the values they lack (title, retention,
    Stillgelegt, validity); differing values are reported as conflicts and left as they are.
    Units that belong to a Fachakte are only compared with it. Comments survive.

    Exit codes: 0 every unit of the export is in the catalogue; 1 conflicts or skipped units
    remain (listed; the rest is merged, with --dry-run nothing is written), or the message is
    unsafe, malformed or not an 0301 message, or its values would make aktenplan.yaml invalid
    (nothing is written); 2 usage error.
    """
    from fachakte_compiler.aktenplan_import import (
        derived_retention,
        fachakte_slots,
        merge,
        modeline,
        new_errors,
    )
    from fachakte_compiler.diagnostics.render import render_text
    from fachakte_compiler.targets.xdomea.read import XmlInputError, read_plan

    folder = folder or catalogue_paths((), "--definitions")[0]
    if not folder.is_dir():
        raise click.UsageError(
            _("{folder} is not a folder; --definitions names the catalogue").format(folder=folder)
        )
    target = folder / "aktenplan.yaml"
    try:
        plan = read_plan(message)
        current = target.read_text(encoding="utf-8") if target.exists() else None
    except XmlInputError as exc:
        raise Failure(_("{error}; nothing was written").format(error=exc)) from None
    except UnicodeDecodeError:
        _refuse_unreadable(target)
    except OSError as exc:
        raise Failure(
            _("cannot read {target}: {error}; nothing was written").format(target=target, error=exc)
        ) from None
    derived = derived_retention(folder) if current is not None else {}
    from ruamel.yaml.error import YAMLError as RoundTripError

    try:
        result = merge(plan, current, fachakte_slots(folder), modeline(folder), derived)
    except RoundTripError:
        _refuse_unreadable(target)
    for note in result.notes:
        click.echo(note.render())
    changed = result.text != (current or "")
    shown = os.path.relpath(target)
    source, errors = new_errors(current, result.text, target, shown)
    if errors:
        # Checked before anything is written: the merged file must load and meet the schema.
        for error in errors:
            click.echo(render_text(error, lambda _file, line: source.line(line)), err=True)
        raise Failure(
            _(
                "the export's values would make {file} invalid (see above); nothing was "
                "written. Correct them in the DMS or write the units by hand"
            ).format(file=shown)
        )
    units = len(plan.units)
    conflicts, skipped = result.count("conflict"), result.count("skipped")
    summary = _(
        "{units}: {added} added, {completed} completed, {conflicts}, {skipped} skipped"
    ).format(
        units=ngettext("{count} unit in the export", "{count} units in the export", units).format(
            count=units
        ),
        added=result.count("added"),
        completed=result.count("completed"),
        conflicts=ngettext("{count} conflict", "{count} conflicts", conflicts).format(
            count=conflicts
        ),
        skipped=skipped,
    )
    if dry_run:
        click.echo(
            _("{summary}; dry run, {shown} was not changed").format(summary=summary, shown=shown)
        )
    else:
        _write(target, current, result.text if changed else None)
        done = _("{summary}; {shown} written") if changed else _("{summary}; {shown} unchanged")
        click.echo(done.format(summary=summary, shown=shown))
    if conflicts + skipped:
        # The caller (a script, CI) learns from the exit code that the plans still differ.
        raise Failure(
            ngettext(
                "{count} unit of the export was not taken over (conflict or skipped, see "
                "above): make the DMS and the catalogue agree, then import again",
                "{count} units of the export were not taken over (conflicts or skipped, see "
                "above): make the DMS and the catalogue agree, then import again",
                conflicts + skipped,
            ).format(count=conflicts + skipped)
        )


def _write(target: Path, current: str | None, text: str | None) -> None:
    """Create or replace `target` with `text`; None leaves it as it is."""
    from fachakte_compiler.fmt.textfile import create_text, replace_text

    if text is None:
        return
    try:
        if current is None:
            create_text(target, text)
        else:
            replace_text(target, text)
    except OSError as exc:
        raise Failure(
            _("cannot write {target}: {reason}").format(target=target, reason=os_reason(exc))
        ) from None


def _refuse_unreadable(target: Path) -> NoReturn:
    """Exit 1 with the loader's findings (file:line:column, in the user's language) for an
    aktenplan.yaml that is no readable YAML, instead of the round-trip parser's English."""
    from fachakte_compiler.diagnostics.render import render_text
    from fachakte_compiler.load.source import SourceFile
    from fachakte_compiler.load.yaml_loader import load_source

    source = SourceFile(path=target, display=os.path.relpath(target), kind="aktenplan")
    for finding in load_source(source):
        if finding.is_error:
            click.echo(render_text(finding, lambda _file, line: source.line(line)), err=True)
    raise Failure(
        _("{file} cannot be read (see above); correct it first, nothing was written").format(
            file=source.display
        )
    )
