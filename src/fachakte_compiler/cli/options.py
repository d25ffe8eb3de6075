"""Options and steps that several commands share: paths, checking and reporting."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from fachakte_compiler.diagnostics import Diagnostic

DEFAULT_PATH = Path("definitions")


def paths_argument(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument("paths", nargs=-1, type=click.Path(path_type=Path))(func)


def run_checks(
    paths: tuple[Path, ...], fmt: str = "text", output: Path | None = None
) -> tuple[Any, list[Diagnostic]]:
    """Load and check a catalogue, report findings in `fmt`; returns (catalogue, diagnostics)."""
    from fachakte_compiler.check.runner import validate_paths
    from fachakte_compiler.load.catalogue import CatalogueError

    targets = list(paths) or [DEFAULT_PATH]
    try:
        catalogue, diagnostics = validate_paths(targets)
    except CatalogueError as exc:
        raise click.UsageError(str(exc)) from exc
    files = sorted(f.display for f in catalogue.files if f.path in catalogue.selected)
    report = format_report(diagnostics, files, fmt, catalogue)
    if output is not None:
        output.write_text(report + "\n", encoding="utf-8")
    elif report:
        click.echo(report)
    return catalogue, diagnostics


def format_report(diagnostics: list[Diagnostic], files: list[str], fmt: str, catalogue: Any) -> str:
    from fachakte_compiler.diagnostics import formats
    from fachakte_compiler.diagnostics.render import render_text, summary

    if fmt == "json":
        return formats.to_json(diagnostics, files)
    if fmt == "github":
        return formats.to_github(diagnostics)
    if fmt == "sarif":
        from fachakte_compiler.code_table import lookup

        return formats.to_sarif(diagnostics, lookup)
    if fmt == "junit":
        return formats.to_junit(diagnostics, files)
    by_display = {f.display: f for f in catalogue.files}

    def line_of(file: str, number: int) -> str:
        source = by_display.get(file)
        return source.line(number) if source else ""

    blocks = [render_text(d, line_of) for d in diagnostics]
    return "\n\n".join([*blocks, summary(diagnostics, len(files))])
