"""The build service: validate, plan units, use the cache and the stamp, stage and commit.

`compile_catalogue` is `fachakte compile` without the command line: it builds an output folder
from a request and reports what it did, or raises a FachakteError. `build_outputs` builds the
same bytes in memory, without cache or output folder, for a release.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fachakte_compiler.build_service import DEFAULT_PATH
from fachakte_compiler.errors import BuildFailed, FachakteError, UsageProblem
from fachakte_compiler.i18n import _, os_reason

if TYPE_CHECKING:
    from fachakte_compiler.diagnostics import Diagnostic
    from fachakte_compiler.load.catalogue import Catalogue as Loaded
    from fachakte_compiler.model import Catalogue, Tenant
    from fachakte_compiler.targets import BuildOptions, TargetOutput

Notify = Callable[[str], None]
# Given the number of units, a context that yields the function to call after each unit.
Progress = Callable[[int], AbstractContextManager[Callable[[], None]]]


@contextmanager
def _silent(_units: int) -> Iterator[Callable[[], None]]:
    yield lambda: None


class RequestInvalid(UsageProblem):
    """The request cannot be built as asked (paths, --shard, --tenant, --target,
    SOURCE_DATE_EPOCH): exit code 2, shown like a usage error of the command."""


class DefinitionsInvalid(FachakteError):
    """Validation found errors; nothing was written. Carries the findings to report."""

    def __init__(self, diagnostics: list[Diagnostic], loaded: Loaded) -> None:
        super().__init__(_("definitions have errors; nothing was written"))
        self.diagnostics = diagnostics
        self.loaded = loaded


@dataclass(frozen=True)
class CompileRequest:
    """What `fachakte compile` was asked for; `targets` may hold 'all'."""

    paths: tuple[Path, ...]
    targets: tuple[str, ...]
    tenant_ids: tuple[str, ...]
    out: Path
    xsd_dir: Path | None = None
    shard: str | None = None
    jobs: int = 1
    cache_dir: Path | None = None
    no_cache: bool = False


@dataclass
class CompileOutcome:
    """`up_to_date` is True when the stamp proved there was nothing to do (then only `files`
    is set: the number of files in the output folder)."""

    up_to_date: bool = False
    files: int = 0
    fachakten: int = 0
    tenants: int = 0
    targets: tuple[str, ...] = ()
    built: int = 0
    cached: int = 0
    notes: list[str] = field(default_factory=list)
    # The validation warnings (errors stop the build), also while the build is up to date,
    # and the catalogue they are about, whose lines a report shows (None without warnings).
    warnings: list[Diagnostic] = field(default_factory=list)
    checked: Loaded | None = None

    def summary(self, where: str) -> str:
        """The one line `fachakte compile` and the editor's build command report; `where` names
        the output folder as the user should read it."""
        from fachakte_compiler.i18n import ngettext

        if self.up_to_date:
            return ngettext(
                "nothing changed: {count} file in {relpath} is up to date",
                "nothing changed: {count} files in {relpath} are up to date",
                self.files,
            ).format(count=self.files, relpath=where)
        count = self.fachakten
        fachakten = ngettext("{count} Fachakte", "{count} Fachakten", count).format(count=count)
        for_tenants = ngettext("{count} tenant", "{count} tenants", self.tenants).format(
            count=self.tenants
        )
        files = ngettext("{count} file", "{count} files", self.files).format(count=self.files)
        # Built and cached count work units (a tenant's package of one Fachakte, its xdomea
        # plan, the docs), not files: saying so keeps "155 files (126 built)" from looking short.
        units = self.built + self.cached
        work_units = ngettext("{count} work unit", "{count} work units", units).format(count=units)
        return _(
            "compiled {fachakten} for {tenants} ({targets}): {files} in {where} from "
            "{work_units} ({built} built, {cached} from cache)"
        ).format(
            fachakten=fachakten,
            tenants=for_tenants,
            targets=", ".join(self.targets),
            files=files,
            where=where,
            work_units=work_units,
            built=self.built,
            cached=self.cached,
        )


def _selected_fachakten(loaded: Loaded, total: int) -> frozenset[str] | None:
    """Ids of the Fachakte files named in the request, or None for the whole catalogue (no
    Fachakte file named, or all of them)."""
    chosen = frozenset(
        f.data["id"] for f in loaded.of_kind("fachakte") if f.path in loaded.selected
    )
    return chosen if chosen and len(chosen) < total else None


def _target_names(requested: Collection[str]) -> list[str]:
    from fachakte_compiler.targets import available_targets

    available = available_targets()
    missing = [t for t in requested if t != "all" and t not in available]
    if missing:
        raise RequestInvalid(
            _("target not available in this installation: {missing}").format(
                missing=", ".join(missing)
            )
        )
    return available if "all" in requested else [t for t in available if t in requested]


def _tenants(model: Catalogue, tenant_ids: tuple[str, ...]) -> tuple[Tenant, ...]:
    from fachakte_compiler.diagnostics.suggest import is_id, with_suggestion

    known = {t.id: t for t in model.tenants}
    for tenant_id in tenant_ids:
        if tenant_id not in known:
            message = _("unknown tenant '{tenant}'").format(tenant=tenant_id)
            raise RequestInvalid(with_suggestion(message, tenant_id, known, valid=is_id))
    return tuple(known[t] for t in tenant_ids) if tenant_ids else model.tenants


def not_run_notes(
    model: Catalogue, tenants: tuple[Tenant, ...], only: Collection[str] | None
) -> list[str]:
    """One note per named tenant that does not run some of the selected Fachakten (their
    `used_by`): its build holds no package, groups or file plan units of them. Not an error:
    a tenant is named for everything it runs, and the rest is left out on purpose. The notes
    are English (`targets.NOT_RUN`); `targets.shown_note` translates them."""
    from fachakte_compiler.targets import NOT_RUN

    notes = []
    for tenant in tenants:
        missing = [
            f.id
            for f in model.fachakten
            if (only is None or f.id in only) and not f.runs_in(tenant.id)
        ]
        if missing:
            notes.append(NOT_RUN.format(tenant=tenant.id, fachakten=", ".join(missing)))
    return notes


def compile_catalogue(
    request: CompileRequest, *, notify: Notify, on_wait: Notify, progress: Progress = _silent
) -> CompileOutcome:
    """Build `request.out` from the catalogue. `notify` receives lines for the user's error
    stream as they arise (e.g. that the cache is unusable), `on_wait` the message while another run
    holds the output folder; `progress` follows the units as they are built or read from the
    cache. Raises RequestInvalid, OutputRefused, DefinitionsInvalid,
    BuildFailed or LockError; the previous contents of the folder stay untouched then."""
    from fachakte_compiler.build_service.units import ShardError, parse_shard
    from fachakte_compiler.load.catalogue import CatalogueError, resolve_paths
    from fachakte_compiler.write.guard import check_build_folder
    from fachakte_compiler.write.lock import output_lock

    try:
        part = parse_shard(request.shard) if request.shard else None
        root, _selected, inputs = resolve_paths(list(request.paths) or [DEFAULT_PATH])
    except (CatalogueError, ShardError) as exc:
        raise RequestInvalid(str(exc)) from exc
    names = _target_names(request.targets)
    if request.xsd_dir is not None:
        from fachakte_compiler.targets import TargetError
        from fachakte_compiler.targets.xdomea.schema import require_entry

        try:
            require_entry(request.xsd_dir)
        except TargetError as exc:
            raise RequestInvalid(str(exc)) from exc
    check_build_folder(request.out, root)
    with output_lock(request.out, on_wait=on_wait):
        return _compile_locked(request, names, part, root, inputs, notify, progress)


def _compile_locked(
    request: CompileRequest,
    names: list[str],
    part: tuple[int, int] | None,
    root: Path | None,
    inputs: list[Path],
    notify: Notify,
    progress: Progress,
) -> CompileOutcome:
    from fachakte_compiler.build_service.cache import (
        BuildCache,
        Entry,
        UnsafeCache,
        default_cache_dir,
    )
    from fachakte_compiler.build_service.runner import build
    from fachakte_compiler.build_service.source_date import (
        SourceDateError,
        build_options,
        source_commit,
        source_date,
    )
    from fachakte_compiler.build_service.stamp import (
        Stamp,
        StampedWriter,
        folder_fingerprint,
        inputs_digest,
    )
    from fachakte_compiler.build_service.units import Keys, Unit, plan_units
    from fachakte_compiler.load.catalogue import CatalogueError, misplaced_findings
    from fachakte_compiler.model.load import load_model
    from fachakte_compiler.targets import TargetError
    from fachakte_compiler.write.atomic import Staging
    from fachakte_compiler.write.guard import BUILD_MARKER, BUILD_MARKER_TEXT
    from fachakte_compiler.xdomea_schemas import resolve_xsd_dir

    out, paths = request.out, list(request.paths) or [DEFAULT_PATH]
    try:
        build_date = source_date(root)
    except SourceDateError as exc:
        raise RequestInvalid(_("{error}; nothing was written").format(error=exc)) from exc
    cache = None
    if not request.no_cache:
        try:
            cache = BuildCache(request.cache_dir or default_cache_dir(root))
        except UnsafeCache as exc:
            notify(_("note: building without the cache: {error}").format(error=exc))
    xsd_dir = resolve_xsd_dir(request.xsd_dir)
    xsd_print = folder_fingerprint(xsd_dir)
    settings = [
        ",".join(sorted(str(p) for p in request.paths)),
        ",".join(names),
        ",".join(request.tenant_ids),
        request.shard or "",
        build_date.isoformat(),
        xsd_print,
        # The docs name the commit they were built from.
        repr(source_commit(root)),
    ]
    stamp, inputs_key = Stamp(), ""
    if cache is not None:
        inputs_key = inputs_digest(root, inputs, settings)
        stamp = Stamp.load(cache.folder, out)
        # A file the catalogue would not read is no input of the build, yet it is an error
        # (FA020) that the full check below reports: never skip that check while one exists.
        if stamp.up_to_date(out, inputs_key) and not misplaced_findings(root, paths):
            outcome = CompileOutcome(up_to_date=True, files=len(stamp.files), notes=stamp.notes)
            if stamp.warnings:
                # Unchanged inputs give the same findings: check again only to show them.
                outcome.checked, found = _checked(paths)
                outcome.warnings = [d for d in found if not d.is_error]
            return outcome

    try:
        model, diagnostics, loaded = load_model(paths)
    except CatalogueError as exc:
        raise RequestInvalid(str(exc)) from exc
    if model is None:
        raise DefinitionsInvalid(diagnostics, loaded)
    warnings = [d for d in diagnostics if not d.is_error]
    tenants = _tenants(model, request.tenant_ids)
    options = build_options(tenants, build_date, xsd_dir, loaded.root)
    only = _selected_fachakten(loaded, len(model.fachakten))
    skipped = not_run_notes(model, tenants, only) if request.tenant_ids else []
    units = plan_units(model, names, tenants, part, only)
    sources = [
        (f.display if root is None else f.path.relative_to(root).as_posix(), f.sha256)
        for f in loaded.files
    ]
    keys = Keys(model, options, sources, xsd_print)
    try:
        staging = Staging(out, (BUILD_MARKER, BUILD_MARKER_TEXT))
    except OSError as exc:
        raise BuildFailed(
            _("cannot write {out}: {reason}").format(out=out, reason=os_reason(exc))
        ) from exc
    writer = StampedWriter(staging, stamp)
    if cache is not None:
        # The stamp describes the build about to be replaced; a failed swap must not leave it.
        Stamp.forget(cache.folder, out)
    try:
        with progress(len(units)) as step:

            def sink(unit: Unit, entry: Entry) -> None:
                writer.put_entry(unit, entry)
                step()

            result = build(model, options, units, keys, cache, sink, request.jobs)
        # A shard or a selection of Fachakten holds only part of each folder, so it must not
        # clear the rest of it.
        partial = part is not None or only is not None
        staging.commit(set() if partial else result.replaced_dirs)
    except TargetError as exc:
        staging.discard()
        raise BuildFailed(_("{error}; nothing was written").format(error=exc)) from exc
    except OSError as exc:
        staging.discard()
        raise BuildFailed(
            _("cannot write {out}: {reason}; the previous build is unchanged").format(
                out=out, reason=os_reason(exc)
            )
        ) from exc
    except BaseException:
        staging.discard()
        raise
    # What the build says about itself (validation skipped, tenants left out) still holds
    # while it is up to date; a leftover that could not be removed is said once.
    lasting = [*skipped, *result.notes]
    if cache is not None:
        stamped = Stamp.record(out, inputs_key, writer.hashes, lasting, len(warnings))
        stamped.save(cache.folder, out)
    return CompileOutcome(
        files=result.files,
        fachakten=sum(
            1
            for f in model.fachakten
            if (only is None or f.id in only) and any(f.runs_in(t.id) for t in tenants)
        ),
        tenants=len(tenants),
        targets=tuple(names),
        built=result.built,
        cached=result.cached,
        notes=[*lasting, *staging.leftovers],
        warnings=warnings,
        checked=loaded if warnings else None,
    )


def _checked(paths: list[Path]) -> tuple[Loaded, list[Diagnostic]]:
    """The catalogue at `paths` and its findings; RequestInvalid where it cannot be read."""
    from fachakte_compiler.check.runner import validate_paths
    from fachakte_compiler.load.catalogue import CatalogueError

    try:
        return validate_paths(paths)
    except CatalogueError as exc:
        raise RequestInvalid(str(exc)) from exc


def build_outputs(model: Catalogue, names: list[str], options: BuildOptions) -> TargetOutput:
    """Every output of the targets `names` for `options.tenants`, in memory: the units a
    compile would build, without cache and without output folder (for a release)."""
    from fachakte_compiler.build_service.cache import Entry
    from fachakte_compiler.build_service.runner import build
    from fachakte_compiler.build_service.units import Unit, plan_units
    from fachakte_compiler.targets import TargetOutput

    output = TargetOutput()

    def collect(_unit: Unit, entry: Entry) -> None:
        output.files.update(entry.files)

    units = plan_units(model, names, options.tenants)
    result = build(model, options, units, None, None, collect)
    output.replaced_dirs = result.replaced_dirs
    output.notes = result.notes
    return output
