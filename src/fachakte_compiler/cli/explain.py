"""`fachakte explain CODE` and `fachakte schema KIND`: the language's own documentation."""

from __future__ import annotations

from pathlib import Path

import click

from fachakte_compiler.cli.options import PathParam, completes
from fachakte_compiler.i18n import _, os_reason
from fachakte_compiler.resources import SCHEMA_KINDS, schema_path


@click.command()
@click.argument("code", required=False, metavar="[CODE]", shell_complete=completes("complete_code"))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="markdown: the reference of all codes with their examples, in the chosen language "
    "(German: docs/regeln.md).",
)
def explain(code: str | None, fmt: str) -> None:
    """Show the documentation of a diagnostic CODE (e.g. FA203); without CODE, list all. A code
    with sub-codes (FA213) lists them."""
    from fachakte_compiler.cli.table import aligned
    from fachakte_compiler.code_table import all_codes, lookup
    from fachakte_compiler.diagnostics.render import SEVERITY_WORDS
    from fachakte_compiler.diagnostics.suggest import with_suggestion

    if fmt == "markdown":
        from fachakte_compiler.rules_reference import reference

        if code is not None:
            raise click.UsageError(_("--format markdown documents all codes; give no CODE"))
        click.echo(reference(all_codes()), nl=False)
        return
    if code is None:
        rows = [
            (c.code, _(SEVERITY_WORDS[c.severity]), c.name, c.shown_summary()) for c in all_codes()
        ]
        click.echo("\n".join(aligned(rows)))
        return
    entry = lookup(code)
    family = [c for c in all_codes() if c.code.startswith(code.upper() + ".")]
    if entry is None and family:
        click.echo(
            _("{code} is split into sub-codes, one per condition:\n").format(code=code.upper())
        )
        click.echo("\n".join(aligned([(s.code, s.name, s.shown_summary()) for s in family])))
        return
    if entry is None:
        message = _("unknown code '{code}'").format(code=code)
        raise click.UsageError(
            _("{error}; run 'fachakte explain' for the list").format(
                error=with_suggestion(
                    message, code.upper(), [e.code for e in all_codes()], valid=None
                )
            )
        )
    severity = _(SEVERITY_WORDS[entry.severity])
    click.echo(f"{entry.code} ({entry.name}, {severity}): {entry.shown_summary()}\n")
    click.echo(entry.shown_explanation())


@click.command()
@click.argument(
    "kind", type=click.Choice([*SCHEMA_KINDS, "all"]), default="fachakte", metavar="[KIND]"
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown"]),
    default="json",
    show_default=True,
    help="json: the schema itself; markdown: a German reference.",
)
@click.option(
    "--write",
    "write_dir",
    type=PathParam(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Write every schema file (common.schema.json included) into this folder, e.g. for a "
    "separate definitions repository, instead of printing one.",
)
def schema(kind: str, fmt: str, write_dir: Path | None) -> None:
    """Print the JSON Schema (2020-12) of a definition KIND (default: fachakte), or a German
    Markdown reference of it (KIND 'all': every kind, as in docs/definitionssprache.md).
    KIND is one of fachakte, baustein, tenants, delegations, aktenplan or all.

    With --write DIR, write all schema files into DIR; definition files then name them in
    their first line (`# yaml-language-server: $schema=<relative path>`)."""
    if write_dir is not None:
        from fachakte_compiler.cli.main import Failure
        from fachakte_compiler.resources import write_schemas

        try:
            written = write_schemas(write_dir)
        except OSError as exc:
            raise Failure(
                _("cannot write the schemas to {write_dir}: {reason}").format(
                    write_dir=write_dir, reason=os_reason(exc)
                )
            ) from exc
        click.echo(
            _("wrote {count} schema files to {write_dir}").format(
                count=len(written), write_dir=write_dir
            )
        )
        return
    if fmt == "markdown":
        from fachakte_compiler.schema_reference import reference

        click.echo(reference(SCHEMA_KINDS if kind == "all" else (kind,)))
        return
    if kind == "all":
        raise click.UsageError(_("KIND 'all' needs --format markdown"))
    click.echo(schema_path(kind).read_text(encoding="utf-8"), nl=False)
