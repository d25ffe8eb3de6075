"""`fachakte new`: scaffold a Fachakte that validates and tells its authors what to fill in."""

from __future__ import annotations

import os
from pathlib import Path

import click

from fachakte_compiler.cli.main import Failure
from fachakte_compiler.cli.options import (
    catalogue_paths,
    completes,
    definitions_option,
    format_report,
)
from fachakte_compiler.i18n import N_, _, os_reason


@click.command("new")
@click.argument("fachakte_id", metavar="ID")
@click.option(
    "--owners",
    required=True,
    metavar="A,B,C",
    shell_complete=completes("complete_owners"),
    help="The three lead municipalities (tenant ids from tenants.yaml).",
)
@definitions_option(
    N_(
        "The catalogue folder; default: definitions/ here, or the catalogue the working folder "
        "lies in."
    ),
    dest="root",
)
def new_command(fachakte_id: str, owners: str, root: Path | None) -> None:
    """Create fachakten/ID.yaml with German placeholders and guiding comments.

    The new file validates at once; replace the placeholders step by step and run
    `fachakte validate` as you go. Existing files are never overwritten.
    """
    from fachakte_compiler.diagnostics.suggest import ascii_id, is_id, suggestion_text
    from fachakte_compiler.scaffold.create import ScaffoldError, WrongArgument, create

    if not is_id(fachakte_id):
        meant = ascii_id(fachakte_id)
        raise click.BadParameter(
            _(
                "use lowercase letters, digits and '_', starting with a letter, at most "
                "64 characters (e.g. 'wohngeld')"
            )
            + (f"; {suggestion_text([meant])}" if meant else ""),
            param_hint="ID",
        )
    names = [o.strip() for o in owners.split(",") if o.strip()]
    if len(names) != 3 or len(set(names)) != 3:
        raise click.BadParameter(
            _("give exactly three different tenant ids, e.g. --owners arnsberg,brilon,sundern"),
            param_hint="--owners",
        )
    root = root or catalogue_paths((), "--definitions")[0]
    if not (root / "tenants.yaml").is_file():
        raise click.UsageError(
            _(
                "{root} is not a catalogue folder: a catalogue holds tenants.yaml (the "
                "municipalities) and fachakten/; name such a folder with --definitions"
            ).format(root=root)
        )
    try:
        target, errors = create(root, fachakte_id, names)
    except WrongArgument as exc:
        raise click.UsageError(_("{error}; nothing was written").format(error=exc)) from exc
    except ScaffoldError as exc:
        raise Failure(_("{error}; nothing was written").format(error=exc)) from exc
    except OSError as exc:
        raise Failure(_("cannot create the file: {reason}").format(reason=os_reason(exc))) from exc
    shown = os.path.relpath(target)
    if errors:
        from fachakte_compiler.load.catalogue import discover

        click.echo(format_report(errors, [shown], "text", discover([root])), err=True)
        raise Failure(
            _("{shown} would not validate with these owners; nothing was written").format(
                shown=shown
            )
        )
    click.echo(
        _(
            "created {shown}\nnext: replace the placeholders (see the comments in the "
            "file), then run `fachakte validate {relpath}`"
        ).format(shown=shown, relpath=os.path.relpath(root))
    )
