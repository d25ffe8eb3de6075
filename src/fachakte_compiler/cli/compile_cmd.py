"""`fachakte compile`: validate, then build every requested target for every tenant."""

from __future__ import annotations

import os
from pathlib import Path

import click

from fachakte_compiler.cli.main import Failure
from fachakte_compiler.cli.options import DEFAULT_PATH, format_report, paths_argument

XSD_ENV = "FACHAKTE_XDOMEA_XSD_DIR"


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
    help="Build only for this tenant; repeat for several (default: all).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Output folder.",
)
@click.option(
    "--xsd-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    envvar=XSD_ENV,
    help="Folder with the official xdomea 3.0.0 XSDs (xdomea.xsd) to "
    f"validate the xdomea output against; also ${XSD_ENV}.",
)
def compile_command(
    paths: tuple[Path, ...],
    targets: tuple[str, ...],
    tenant_ids: tuple[str, ...],
    out: Path,
    xsd_dir: Path | None,
) -> None:
    """Build Doxis4 import packages, xdomea file plans and documentation.

    Nothing is written unless the definitions validate and every output is complete; the
    previous contents of OUT stay untouched on failure.
    """
    from fachakte_compiler.diagnostics.suggest import did_you_mean
    from fachakte_compiler.load.catalogue import CatalogueError
    from fachakte_compiler.model.load import load_model
    from fachakte_compiler.targets import (
        BuildOptions,
        TargetError,
        available_targets,
        emit_all,
    )
    from fachakte_compiler.write.atomic import commit_tree
    from fachakte_compiler.write.reproducible import source_date

    try:
        model, diagnostics, loaded = load_model(list(paths) or [DEFAULT_PATH])
    except CatalogueError as exc:
        raise click.UsageError(str(exc)) from exc
    if model is None:
        files = sorted(f.display for f in loaded.files if f.path in loaded.selected)
        click.echo(format_report(diagnostics, files, "text", loaded))
        raise Failure("definitions have errors; nothing was written")
    known = {t.id: t for t in model.tenants}
    for tenant_id in tenant_ids:
        if tenant_id not in known:
            hint = did_you_mean(tenant_id, known)
            raise click.UsageError(f"unknown tenant '{tenant_id}'" + (f"; {hint}" if hint else ""))
    tenants = tuple(known[t] for t in tenant_ids) if tenant_ids else model.tenants
    available = available_targets()
    names = available if "all" in targets else [t for t in available if t in targets]
    missing = [t for t in targets if t != "all" and t not in available]
    if missing:
        raise click.UsageError(f"target not available in this installation: {', '.join(missing)}")
    try:
        options = BuildOptions(tenants, source_date(loaded.root), xsd_dir, loaded.root)
        output = emit_all(model, names, options)
    except (TargetError, ValueError) as exc:
        raise Failure(f"{exc}; nothing was written") from exc
    try:
        commit_tree(out, output.files, output.replaced_dirs)
    except OSError as exc:
        raise Failure(
            f"cannot write {out}: {exc.strerror or exc}; the previous build is unchanged"
        ) from exc
    for note in output.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(
        f"compiled {len(model.fachakten)} Fachakten for {len(tenants)} tenant"
        f"{'s' * (len(tenants) != 1)} ({', '.join(names)}): {len(output.files)} files in "
        f"{os.path.relpath(out)}"
    )
