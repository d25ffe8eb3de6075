"""`fachakte diff`, `check-version` and `changelog`: change control for pull requests."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from fachakte_compiler.cli.main import Failure
from fachakte_compiler.cli.options import (
    PathParam,
    catalogue_paths,
    catalogue_reads,
    check_reports,
    findings_report,
    output_option,
    write_report,
)
from fachakte_compiler.diagnostics.formats import FORMATS
from fachakte_compiler.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from fachakte_compiler.diagnostics import Diagnostic
    from fachakte_compiler.diff.sources import Side
    from fachakte_compiler.diff.version_check import Verdict
    from fachakte_compiler.load.source import SourceFile

F = TypeVar("F", bound=Callable[..., Any])


def _output_option(func: F) -> F:
    return output_option(
        N_("Write the report to this file instead of stdout."),
        type=PathParam(dir_okay=False, path_type=Path),
    )(func)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text.rstrip("\n"))
        return
    write_report(output, text)


def _sides(base: str | None, paths: tuple[Path, ...]) -> tuple[Side, Side]:
    """(old, new) sides; turns every input problem into a clear failure."""
    from fachakte_compiler.diff.sources import SideInvalid, load_pair, sides_against_revision
    from fachakte_compiler.errors import GitError
    from fachakte_compiler.load.catalogue import CatalogueError

    try:
        if base is not None:
            if len(paths) > 1:
                raise click.UsageError(
                    _("with --base, give at most one PATH (default: definitions)")
                )
            return sides_against_revision(base, catalogue_paths(paths)[0])
        if len(paths) != 2:
            raise click.UsageError(
                _("give OLD and NEW (files or folders), or --base GITREF [PATH]")
            )
        old, new = load_pair(paths[0], paths[1])
        for path, side in zip(paths, (old, new), strict=True):
            if missing := side.unresolved_bausteine():
                click.echo(
                    _(
                        "note: {path} lies outside a catalogue; the fields of its Bausteine "
                        "({missing}) are not compared"
                    ).format(path=path, missing=", ".join(missing)),
                    err=True,
                )
        return old, new
    except (CatalogueError, GitError) as exc:
        raise click.UsageError(str(exc)) from exc
    except SideInvalid as exc:
        click.echo(_render(exc.diagnostics, exc.loaded.files), err=True)
        raise Failure(str(exc)) from exc


def _render(diagnostics: list[Diagnostic], files: Iterable[SourceFile]) -> str:
    """Compiler-style blocks with the source line, plus each diagnostic's notes."""
    from fachakte_compiler.diagnostics.render import render_text

    by_display = {f.display: f for f in files}

    def line_of(file: str, number: int) -> str:
        source = by_display.get(file)
        return source.line(number) if source else ""

    return "\n\n".join(
        "\n".join([render_text(d, line_of), *(f"   = {n}" for n in d.notes)]) for d in diagnostics
    )


@click.command("diff")
@click.argument("paths", nargs=-1, metavar="[OLD NEW | PATH]", type=PathParam(path_type=Path))
@click.option("--base", metavar="GITREF", help="Compare PATH against this git revision.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="markdown suits pull-request comments.",
)
@_output_option
def diff_command(paths: tuple[Path, ...], base: str | None, fmt: str, output: Path | None) -> None:
    """Semantic changes between OLD and NEW, or between --base GITREF and the working tree.

    Each change has a rule code (fachakte explain FD101) and a class: breaking (major),
    compatible (minor) or cosmetic (patch). Exits 0 whatever changed; use check-version to
    enforce versions.
    """
    from fachakte_compiler.diff import render, render_markdown
    from fachakte_compiler.diff.sources import compare

    check_reports([("-o", output, fmt)], catalogue_reads(paths))
    renderers = {
        "text": render.to_text,
        "json": render.to_json,
        "markdown": render_markdown.to_markdown,
    }
    _emit(renderers[fmt](compare(*_sides(base, paths))), output)


@click.command("check-version")
@click.argument("path", required=False, metavar="[PATH]", type=PathParam(path_type=Path))
@click.option(
    "--base",
    metavar="GITREF",
    required=True,
    help="The revision to compare with, e.g. origin/main (the PR's target branch).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="As for validate: github writes annotations for GitHub Actions, sarif for code "
    "scanning, junit and codequality for GitLab; json lists every verdict.",
)
@_output_option
def check_version_command(path: Path | None, base: str, fmt: str, output: Path | None) -> None:
    """Fail where a Fachakte's or Baustein's version was not bumped enough since --base.

    Required bump = the largest class of its changes; larger bumps are fine. A bump without
    any change and a version going backwards fail too; new definitions pass with any version.
    A Baustein's change needs its own bump and one in every Fachakte using it. Tenants,
    delegations and the Aktenplan have no version and are shown by diff only.
    """
    from fachakte_compiler.diff.sources import compare
    from fachakte_compiler.diff.version_check import check_versions, shown_name, verdicts_json

    check_reports([("-o", output, fmt)], catalogue_reads([path]))
    where = catalogue_paths((path,) if path else ())[0]
    old, new = _sides(base, (where,))
    verdicts = check_versions(compare(old, new), new)
    problems = [v.problem for v in verdicts if v.problem is not None]
    if fmt == "json":
        report = verdicts_json(verdicts)
    elif fmt == "text":
        report = "\n".join(
            v.summary if v.problem is None else _render([v.problem], new.sources.values())
            for v in verdicts
        )
    else:
        report = _findings_report(verdicts, new, fmt, where)
    if report or output is not None:
        _emit(report, output)
    if problems:
        failed = [v for v in verdicts if v.problem]
        raise Failure(
            ngettext(
                "{counted} needs a different version: {names}",
                "{counted} need a different version: {names}",
                len(failed),
            ).format(counted=_counted(failed), names=", ".join(shown_name(v.diff) for v in failed))
        )
    if fmt == "text" and output is None:
        click.echo(
            _("versions ok ({counted} changed since {base})").format(
                counted=_counted(verdicts), base=base
            )
        )


def _findings_report(verdicts: list[Verdict], new: Side, fmt: str, path: Path) -> str:
    """The version problems in one of validate's finding formats (the same family wherever
    findings are reported); every checked definition counts as a checked file."""
    from fachakte_compiler.load.catalogue import find_root

    # Annotations and results show only the message, so the changes that need the bump go
    # into it.
    problems = [
        dataclasses.replace(v.problem, message="; ".join((v.problem.message, *v.problem.notes)))
        for v in verdicts
        if v.problem is not None
    ]
    shown = {(v.diff.kind, v.diff.id): v.diff.source for v in verdicts}
    files = sorted(
        new.sources[key].display if key in new.sources else source for key, source in shown.items()
    )
    return findings_report(problems, files, fmt, find_root(path))


def _counted(verdicts: list[Verdict]) -> str:
    """'1 Fachakte', '2 Fachakten and 1 Baustein', …"""
    bausteine = sum(v.diff.kind == "baustein" for v in verdicts)
    fachakten = len(verdicts) - bausteine
    parts = (
        [ngettext("{count} Fachakte", "{count} Fachakten", fachakten).format(count=fachakten)]
        if fachakten or not bausteine
        else []
    )
    if bausteine:
        parts.append(
            ngettext("{count} Baustein", "{count} Bausteine", bausteine).format(count=bausteine)
        )
    return _(" and ").join(parts)


@click.command("changelog")
@click.argument("path", required=False, metavar="[PATH]", type=PathParam(path_type=Path))
@click.option("--base", metavar="GITREF", required=True, help="The revision to start from.")
@_output_option
def changelog_command(path: Path | None, base: str, output: Path | None) -> None:
    """Markdown changelog per Fachakte and Baustein since --base GITREF in the chosen
    language (the release notes hold it in German), with the changes of tenants, delegations
    and the Aktenplan in their own sections."""
    from fachakte_compiler.diff.changelog import render_changelog
    from fachakte_compiler.diff.sources import compare

    check_reports([("-o", output, "markdown")], catalogue_reads([path]))
    _emit(render_changelog(compare(*_sides(base, (path,) if path else ())), base), output)
