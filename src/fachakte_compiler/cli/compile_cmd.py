"""`fachakte compile`: validate, then build every requested target for every tenant.

The command turns its options into a build request and the outcome into text; the work is the
build service's (fachakte_compiler.build_service).
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from fachakte_compiler.build_service import CACHE_ENV
from fachakte_compiler.cli.main import Failure
from fachakte_compiler.cli.options import (
    DEFAULT_PATH,
    PathParam,
    catalogue_paths,
    completes,
    distinct_outputs,
    output_option,
    paths_argument,
    progress,
    report_findings,
    waiting_for,
)
from fachakte_compiler.i18n import N_, _
from fachakte_compiler.xdomea_schemas import XSD_ENV

BUILD = Path("build")


@click.command("compile")
@paths_argument
@click.option(
    "--target",
    "targets",
    multiple=True,
    default=("all",),
    show_default=True,
    type=click.Choice(["doxis4", "xdomea", "docs", "all"]),
    help="Output to build; repeat for several.",
)
@click.option(
    "--tenant",
    "tenant_ids",
    multiple=True,
    metavar="ID",
    shell_complete=completes("complete_tenant"),
    help="Build only for this tenant; repeat for several (default: all).",
)
@output_option(
    N_(
        "Output folder. Default: build/ in the working folder; run inside a catalogue, build/ "
        "beside the catalogue folder."
    ),
    dest="out",
    type=PathParam(file_okay=False, path_type=Path),
)
@click.option(
    "--xsd-dir",
    type=PathParam(file_okay=False, exists=True, path_type=Path),
    envvar=XSD_ENV,
    help="Folder with the official xdomea 3.0.0 XSDs (xdomea.xsd) to validate the xdomea "
    "output against; also $FACHAKTE_XDOMEA_XSD_DIR. Default: the copy that "
    "`fachakte xdomea-schemas fetch` keeps in the user's cache folder.",
)
@click.option(
    "--shard",
    metavar="K/N",
    help="Build only part K of N of the work (packages per tenant and Fachakte), e.g. for a CI "
    "matrix; the N parts together are the full build. Stale files are not removed.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    metavar="N",
    default=1,
    show_default=True,
    help="Worker processes for the packages that are not in the cache.",
)
@click.option(
    "--cache-dir",
    type=PathParam(file_okay=False, path_type=Path),
    envvar=CACHE_ENV,
    help="Build cache folder (default: .fachakte-cache next to the catalogue folder); "
    "also $FACHAKTE_CACHE_DIR.",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor fill the build cache.")
def compile_command(
    paths: tuple[Path, ...],
    targets: tuple[str, ...],
    tenant_ids: tuple[str, ...],
    out: Path | None,
    xsd_dir: Path | None,
    shard: str | None,
    jobs: int,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Build Doxis4 import packages, xdomea file plans and documentation.

    PATHS default to definitions/. Naming single Fachakte files builds only their packages
    (the file plans and the documentation always cover the whole catalogue) and leaves the
    other packages in the output folder as they are.

    Nothing is written unless the definitions validate and every output is complete; the
    previous contents of the output folder stay untouched on failure.
    """
    from fachakte_compiler.build_service.service import (
        CompileRequest,
        DefinitionsInvalid,
        RequestInvalid,
        compile_catalogue,
    )

    given, paths = paths, tuple(catalogue_paths(paths))
    if out is None:
        # Found from inside it, the catalogue's build folder lies beside it, as for `make run`
        # and the editor's build command; never inside the catalogue.
        found = not given and paths != (DEFAULT_PATH,)
        out = Path(os.path.relpath(paths[0].resolve().parent / "build")) if found else BUILD
    distinct_outputs({"-o": out, "--cache-dir": None if no_cache else cache_dir})
    request = CompileRequest(
        paths, targets, tenant_ids, out, xsd_dir, shard, jobs, cache_dir, no_cache
    )
    try:
        outcome = compile_catalogue(
            request,
            notify=lambda line: click.echo(line, err=True),
            on_wait=waiting_for(out),
            progress=lambda units: progress(units, _("building packages")),
        )
    except RequestInvalid as exc:
        raise click.UsageError(str(exc)) from exc
    except DefinitionsInvalid as exc:
        report_findings(exc.diagnostics, exc.loaded)
        raise Failure(str(exc)) from None
    if outcome.checked is not None:
        # Warnings never stop a build, yet they are the author's to read: shown as `validate`
        # shows them, by every build, also one that found nothing to do.
        report_findings(outcome.warnings, outcome.checked)
    from fachakte_compiler.targets import shown_note

    for note in outcome.notes:
        click.echo(_("note: {note}").format(note=shown_note(note)), err=True)
    if outcome.up_to_date:
        click.echo(outcome.summary(os.path.relpath(out)))
        return
    where = os.path.relpath(out) + (_(", shard {shard}").format(shard=shard) if shard else "")
    click.echo(outcome.summary(where))
    _say_what_stays(out, outcome.files, given, targets, tenant_ids, shard)


def _say_what_stays(
    out: Path,
    written: int,
    given: tuple[Path, ...],
    targets: tuple[str, ...],
    tenant_ids: tuple[str, ...],
    shard: str | None,
) -> None:
    """After a partial build, how many files of the folder are still those of an earlier build
    (other tenants, targets, shards or Fachakten), so that nobody takes the folder for current."""
    from fachakte_compiler.write.guard import BUILD_MARKER

    narrowed = [
        option
        for option, used in (
            ("--tenant", bool(tenant_ids)),
            ("--target", "all" not in targets),
            ("--shard", bool(shard)),
            ("PATHS", any(p.is_file() for p in given)),
        )
        if used
    ]
    if not narrowed:
        return
    files = sum(1 for p in out.rglob("*") if p.is_file() and p.name != BUILD_MARKER)
    if files > written:
        click.echo(
            _(
                "note: {count} other files in {out} are from an earlier build ({options} "
                "narrowed this one); compile without {options} to bring them up to date"
            ).format(count=files - written, out=os.path.relpath(out), options=", ".join(narrowed)),
            err=True,
        )
