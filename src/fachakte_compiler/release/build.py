"""Building a release in memory: compile every target for every tenant with the build service,
then describe, sum and sign the result. Nothing here writes to disk; the caller commits the
files atomically."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fachakte_compiler.check.rules.placeholders import FA017
from fachakte_compiler.diagnostics import Diagnostic
from fachakte_compiler.errors import FachakteError
from fachakte_compiler.git import (
    FETCH_HINT,
    Tag,
    committed_differences,
    dirty_files,
    head_commit,
    is_shallow,
    previous_release_tag,
)
from fachakte_compiler.i18n import N_, _, ngettext
from fachakte_compiler.load.catalogue import Catalogue as Loaded
from fachakte_compiler.release import (
    CHANGELOG,
    CHECKSUMS,
    CHECKSUMS_SIGNATURE,
    MANIFEST,
    PACKAGES,
    SIGNATURE,
)

RELEASE_PREFIX = "hsk-fachakten"


class ReleaseRefused(FachakteError):
    """The release cannot be made as asked (dirty tree, findings, no targets); says why."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []


class FirstReleaseMismatch(ReleaseRefused):
    """--first-release given although an earlier release tag is reachable: the command line
    is what to change, exit code 2. (Its absence where no tag is reachable stays exit 1: the
    tags may only be missing from this clone.)"""

    exit_code = 2


@dataclass
class Findings(Exception):
    """Validation found problems; the caller reports them like `fachakte validate`. `reason`
    is an English msgid, translated where it is shown."""

    diagnostics: list[Diagnostic]
    loaded: Loaded
    reason: str = N_("validation reported findings")


@dataclass
class Release:
    release_id: str
    files: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    fachakten: int = 0
    signed: bool = False
    # Version violations released anyway with --allow-version-violations.
    version_warnings: list[str] = field(default_factory=list)
    # Validation warnings released anyway with --allow-warnings, and the catalogue they are
    # about (None without warnings), reported like `fachakte validate` reports them.
    warnings: list[Diagnostic] = field(default_factory=list)
    checked: Loaded | None = None


def build_release(
    paths: list[Path],
    *,
    private_key: Any | None,
    xsd_dir: Path | None,
    allow_warnings: bool,
    allow_version_violations: bool = False,
    first_release: bool = False,
    on_target: Callable[[str], None] | None = None,
) -> Release:
    from fachakte_compiler.build_service.service import build_outputs
    from fachakte_compiler.build_service.source_date import build_options, source_date
    from fachakte_compiler.model.load import load_model
    from fachakte_compiler.release.changelog import render_changelog
    from fachakte_compiler.release.keys import fingerprint, sign
    from fachakte_compiler.release.manifest import ReleaseInfo, render_checksums, render_manifest
    from fachakte_compiler.release.versions import check_release_versions
    from fachakte_compiler.targets import available_targets

    model, diagnostics, loaded = load_model(paths)
    root = loaded.root
    if root is None:
        raise ReleaseRefused(
            _(
                "a release needs a whole catalogue (a folder with tenants.yaml and "
                "fachakten/), not single files"
            )
        )
    commit = head_commit(root)
    dirty = dirty_files(root)
    if dirty:
        raise ReleaseRefused(
            _(
                "the catalogue has uncommitted changes; commit or remove them so "
                "that the release matches commit {commit}"
            ).format(commit=commit[:12]),
            dirty,
        )
    read = {f.path.relative_to(root).as_posix(): f.sha256 for f in loaded.files}
    different = committed_differences(root, commit, read)
    if different:
        raise ReleaseRefused(
            _(
                "the catalogue that was read is not the one in commit {commit}; a release is "
                "made of the committed files only: commit them, remove them, or clear "
                "skip-worktree (git update-index --no-skip-worktree FILE)"
            ).format(commit=commit[:12]),
            different,
        )
    blocking = [d for d in diagnostics if d.is_error or not allow_warnings]
    if model is None or blocking:
        raise Findings(diagnostics, loaded)
    unfinished = [d for d in diagnostics if d.code == FA017.code]
    if unfinished:
        # The reason names the Fachakten (cli.release_cmd): FA017 is recognised there.
        raise Findings(unfinished, loaded)
    previous = _previous_release(root, commit, first_release)
    versions = check_release_versions(root, previous, override=allow_version_violations)
    if versions.violations and not allow_version_violations:
        count = len(versions.violations)
        raise ReleaseRefused(
            ngettext(
                "{count} version does not fit the changes since {previous} (as `fachakte "
                "check-version` reports it); bump it, or release anyway with "
                "--allow-version-violations, which release.json records",
                "{count} versions do not fit the changes since {previous} (as `fachakte "
                "check-version` reports them); bump them, or release anyway with "
                "--allow-version-violations, which release.json records",
                count,
            ).format(
                count=count,
                previous=previous.name if previous else _("the previous release"),
            ),
            [line for v in versions.violations for line in v.lines()],
        )
    names = available_targets()
    if not names:
        raise ReleaseRefused(_("this installation has no output targets; nothing to release"))
    date = source_date(root)
    release = Release(
        f"{RELEASE_PREFIX}-{date:%Y-%m-%d}-{commit[:12]}", fachakten=len(model.fachakten)
    )
    options = build_options(model.tenants, date, xsd_dir, root, release.release_id)
    for name in names:
        output = build_outputs(model, [name], options)
        release.files.update({f"{PACKAGES}/{rel}": data for rel, data in output.files.items()})
        release.notes.extend(output.notes)
        if on_target is not None:
            on_target(name)
    release.version_warnings = [line for v in versions.violations for line in v.lines()]
    if diagnostics:
        release.warnings, release.checked = diagnostics, loaded
    release.files[CHANGELOG] = render_changelog(
        root, model, release.release_id, previous, versions.diff, versions.violations
    )
    public = private_key.public_key() if private_key is not None else None
    info = ReleaseInfo(
        release.release_id,
        date.strftime("%Y-%m-%dT%H:%M:%SZ"),
        commit,
        previous.name if previous else None,
        tuple(names),
        fingerprint(public) if public is not None else None,
        versions.as_dict(),
    )
    manifest = render_manifest(info, model, release.files)
    release.files[MANIFEST] = manifest
    release.files[CHECKSUMS] = render_checksums(release.files)
    if private_key is not None:
        release.files[SIGNATURE] = sign(private_key, manifest)
        release.files[CHECKSUMS_SIGNATURE] = sign(private_key, release.files[CHECKSUMS])
        release.signed = True
    return release


def _previous_release(root: Path, commit: str, first_release: bool) -> Tag | None:
    """The tag to compare with. A shallow clone, or a clone without tags, would silently
    make every release a first one, so a first release must be declared."""
    if is_shallow(root):
        raise ReleaseRefused(
            _(
                "this clone is shallow: it lacks the history and the release tags to compare "
                "with; {fetch}"
            ).format(fetch=_(FETCH_HINT))
        )
    previous = previous_release_tag(root, commit)
    if previous is not None and first_release:
        raise FirstReleaseMismatch(
            _("--first-release given, but {tag} is an earlier release of this history").format(
                tag=previous.name
            )
        )
    if previous is None and not first_release:
        raise ReleaseRefused(
            _(
                "no earlier release tag (release-*) is reachable from this commit; if this is "
                "the first release, say so with --first-release, otherwise {fetch}"
            ).format(fetch=_(FETCH_HINT))
        )
    return previous
