"""`fachakte compile`: validate, then build every requested target for every tenant."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from fachakte_compiler.cli.main import Failure
from fachakte_compiler.cli.options import (
    DEFAULT_PATH,
    completes,
    format_report,
    paths_argument,
    progress,
    waiting_for,
)
from fachakte_compiler.i18n import _, ngettext
from fachakte_compiler.write.cache import CACHE_ENV

XSD_ENV = "FACHAKTE_XDOMEA_XSD_DIR"


def selected_fachakten(loaded: Any, total: int) -> frozenset[str] | None:
    """Ids of the Fachakte files named on the command line, or None for the whole catalogue
    (no Fachakte file named, or all of them)."""
    chosen = frozenset(
        f.data["id"] for f in loaded.of_kind("fachakte") if f.path in loaded.selected
    )
    return chosen if chosen and len(chosen) < total else None


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
    default=1,
    show_default=True,
    help="Worker processes for the packages that are not in the cache.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar=CACHE_ENV,
    help="Build cache folder (default: .fachakte-cache next to the catalogue folder); "
    "also $FACHAKTE_CACHE_DIR.",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor fill the build cache.")
def compile_command(
    paths: tuple[Path, ...],
    targets: tuple[str, ...],
    tenant_ids: tuple[str, ...],
    out: Path,
    xsd_dir: Path | None,
    shard: str | None,
    jobs: int,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Build Doxis4 import packages, xdomea file plans and documentation.

    PATHS default to definitions/. Naming single Fachakte files builds only their packages
    (the file plans and the documentation always cover the whole catalogue) and leaves the
    other packages in OUT as they are.

    Nothing is written unless the definitions validate and every output is complete; the
    previous contents of OUT stay untouched on failure.
    """
    from fachakte_compiler.load.catalogue import CatalogueError, resolve_paths
    from fachakte_compiler.targets import available_targets
    from fachakte_compiler.targets.units import ShardError, parse_shard
    from fachakte_compiler.write.guard import check_build_folder
    from fachakte_compiler.write.lock import output_lock

    try:
        part = parse_shard(shard) if shard else None
        root, _selected, inputs = resolve_paths(list(paths) or [DEFAULT_PATH])
    except (CatalogueError, ShardError) as exc:
        raise click.UsageError(str(exc)) from exc
    available = available_targets()
    names = available if "all" in targets else [t for t in available if t in targets]
    missing = [t for t in targets if t != "all" and t not in available]
    if missing:
        raise click.UsageError(
            _("target not available in this installation: {missing}").format(
                missing=", ".join(missing)
            )
        )
    check_build_folder(out, root)
    with output_lock(out, on_wait=waiting_for(out)):
        _compile_locked(
            paths,
            names,
            tenant_ids,
            out,
            xsd_dir,
            shard,
            part,
            jobs,
            cache_dir,
            no_cache,
            root,
            inputs,
        )


def _compile_locked(
    paths: tuple[Path, ...],
    names: list[str],
    tenant_ids: tuple[str, ...],
    out: Path,
    xsd_dir: Path | None,
    shard: str | None,
    part: tuple[int, int] | None,
    jobs: int,
    cache_dir: Path | None,
    no_cache: bool,
    root: Path | None,
    inputs: list[Path],
) -> None:
    from fachakte_compiler.diagnostics.suggest import did_you_mean
    from fachakte_compiler.load.catalogue import CatalogueError, misplaced_findings
    from fachakte_compiler.model.load import load_model
    from fachakte_compiler.targets import BuildOptions, TargetError
    from fachakte_compiler.targets.runner import build
    from fachakte_compiler.targets.units import Keys, plan_units
    from fachakte_compiler.write.atomic import Staging
    from fachakte_compiler.write.cache import BuildCache, UnsafeCache, default_cache_dir
    from fachakte_compiler.write.guard import BUILD_MARKER, BUILD_MARKER_TEXT
    from fachakte_compiler.write.reproducible import SourceDateError, source_date
    from fachakte_compiler.write.stamp import (
        Stamp,
        StampedWriter,
        folder_fingerprint,
        inputs_digest,
    )
    from fachakte_compiler.xdomea_schemas import resolve_xsd_dir

    try:
        build_date = source_date(root)
    except SourceDateError as exc:
        raise click.UsageError(_("{error}; nothing was written").format(error=exc)) from exc
    cache = None
    if not no_cache:
        try:
            cache = BuildCache(cache_dir or default_cache_dir(root))
        except UnsafeCache as exc:
            click.echo(_("note: building without the cache: {error}").format(error=exc), err=True)
    xsd_dir = resolve_xsd_dir(xsd_dir)
    xsd_print = folder_fingerprint(xsd_dir)
    settings = [
        ",".join(sorted(str(p) for p in paths)),
        ",".join(names),
        ",".join(tenant_ids),
        shard or "",
        build_date.isoformat(),
        xsd_print,
    ]
    stamp, inputs_key = Stamp(), ""
    if cache is not None:
        inputs_key = inputs_digest(root, inputs, settings)
        stamp = Stamp.load(cache.folder, out)
        # A file the catalogue would not read is no input of the build, yet it is an error
        # (FA020) that the full check below reports: never skip that check while one exists.
        if stamp.up_to_date(out, inputs_key) and not (root and misplaced_findings(root)):
            click.echo(
                _("nothing changed: {count} files in {relpath} are up to date").format(
                    count=len(stamp.files), relpath=os.path.relpath(out)
                )
            )
            return

    try:
        model, diagnostics, loaded = load_model(list(paths) or [DEFAULT_PATH])
    except CatalogueError as exc:
        raise click.UsageError(str(exc)) from exc
    if model is None:
        shown = sorted(f.display for f in loaded.files if f.path in loaded.selected)
        click.echo(format_report(diagnostics, shown, "text", loaded))
        raise Failure(_("definitions have errors; nothing was written"))
    known = {t.id: t for t in model.tenants}
    for tenant_id in tenant_ids:
        if tenant_id not in known:
            hint = did_you_mean(tenant_id, known)
            message = _("unknown tenant '{tenant}'").format(tenant=tenant_id)
            raise click.UsageError(message + (f"; {hint}" if hint else ""))
    tenants = tuple(known[t] for t in tenant_ids) if tenant_ids else model.tenants
    options = BuildOptions(tenants, build_date, xsd_dir, loaded.root)
    only = selected_fachakten(loaded, len(model.fachakten))
    units = plan_units(model, names, tenants, part, only)
    sources = [
        (f.display if root is None else f.path.relative_to(root).as_posix(), f.sha256)
        for f in loaded.files
    ]
    keys = Keys(model, options, sources, xsd_print)
    try:
        staging = Staging(out, (BUILD_MARKER, BUILD_MARKER_TEXT))
    except OSError as exc:
        raise Failure(
            _("cannot write {out}: {reason}").format(out=out, reason=exc.strerror or exc)
        ) from exc
    writer = StampedWriter(staging, stamp)
    if cache is not None:
        # The stamp describes the build about to be replaced; a failed swap must not leave it.
        Stamp.forget(cache.folder, out)
    try:
        with progress(len(units), _("building packages")) as step:

            def sink(unit: Any, entry: Any) -> None:
                writer.put_entry(unit, entry)
                step()

            result = build(model, options, units, keys, cache, sink, jobs)
        # A shard or a selection of Fachakten holds only part of each folder, so it must not
        # clear the rest of it.
        partial = part is not None or only is not None
        staging.commit(set() if partial else result.replaced_dirs)
    except TargetError as exc:
        staging.discard()
        raise Failure(_("{error}; nothing was written").format(error=exc)) from exc
    except OSError as exc:
        staging.discard()
        raise Failure(
            _("cannot write {out}: {reason}; the previous build is unchanged").format(
                out=out, reason=exc.strerror or exc
            )
        ) from exc
    except BaseException:
        staging.discard()
        raise
    if cache is not None:
        Stamp.record(out, inputs_key, writer.hashes).save(cache.folder, out)
    for note in [*result.notes, *staging.leftovers]:
        click.echo(_("note: {note}").format(note=note), err=True)
    count = len(only) if only is not None else len(model.fachakten)
    fachakten = ngettext("{count} Fachakte", "{count} Fachakten", count).format(count=count)
    for_tenants = ngettext("{count} tenant", "{count} tenants", len(tenants)).format(
        count=len(tenants)
    )
    where = os.path.relpath(out) + (_(", shard {shard}").format(shard=shard) if part else "")
    click.echo(
        _(
            "compiled {fachakten} for {tenants} ({targets}): {files} files in {where} "
            "({built} built, {cached} from cache)"
        ).format(
            fachakten=fachakten,
            tenants=for_tenants,
            targets=", ".join(names),
            files=result.files,
            where=where,
            built=result.built,
            cached=result.cached,
        )
    )
