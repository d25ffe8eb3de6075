"""`fachakte explain CODE` and `fachakte schema KIND`: the language's own documentation."""

from __future__ import annotations

import click

from fachakte_compiler.resources import SCHEMA_KINDS, schema_path


@click.command()
@click.argument("code", required=False)
def explain(code: str | None) -> None:
    """Show the documentation of a diagnostic CODE (e.g. FA203); without CODE, list all."""
    from fachakte_compiler.code_table import all_codes, lookup
    from fachakte_compiler.diagnostics.suggest import did_you_mean

    if code is None:
        for listed in all_codes():
            click.echo(
                f"{listed.code}  {listed.severity.value:<7}  {listed.name:<26} {listed.summary}"
            )
        return
    entry = lookup(code)
    if entry is None:
        hint = did_you_mean(code.upper(), [e.code for e in all_codes()])
        raise click.UsageError(
            f"unknown code '{code}'"
            + (f"; {hint}" if hint else "")
            + " (run 'fachakte explain' for the list)"
        )
    click.echo(f"{entry.code} ({entry.name}, {entry.severity.value}): {entry.summary}\n")
    click.echo(entry.explanation)


@click.command()
@click.argument("kind", type=click.Choice([*SCHEMA_KINDS, "all"]), default="fachakte")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown"]),
    default="json",
    show_default=True,
    help="json: the schema itself; markdown: a German reference.",
)
def schema(kind: str, fmt: str) -> None:
    """Print the JSON Schema (2020-12) of a definition KIND (default: fachakte), or a German
    Markdown reference of it (KIND 'all': every kind, as in docs/definitionssprache.md)."""
    if fmt == "markdown":
        from fachakte_compiler.schema_reference import reference

        click.echo(reference(SCHEMA_KINDS if kind == "all" else (kind,)))
        return
    if kind == "all":
        raise click.UsageError("KIND 'all' needs --format markdown")
    click.echo(schema_path(kind).read_text(encoding="utf-8"), nl=False)
