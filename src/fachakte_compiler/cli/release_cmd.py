"""`fachakte release`, `fachakte verify`, `fachakte keygen`: signed releases for the HSK."""

from __future__ import annotations

import os
from pathlib import Path

import click

from fachakte_compiler.cli.main import Failure
from fachakte_compiler.cli.options import (
    PathParam,
    catalogue_paths,
    distinct_outputs,
    output_option,
    paths_argument,
    private_key_option,
    progress,
    public_key_option,
    report_findings,
    waiting_for,
)
from fachakte_compiler.i18n import N_, _, ngettext, os_reason
from fachakte_compiler.release import counted_files
from fachakte_compiler.xdomea_schemas import XSD_ENV


@click.command("release")
@paths_argument
@output_option(
    N_("Release folder to create; an earlier release there is replaced as a whole."),
    dest="out",
    type=PathParam(file_okay=False, path_type=Path),
)
@click.option(
    "--zip",
    "zip_file",
    type=PathParam(dir_okay=False, path_type=Path),
    help="Also (or instead of -o) write the release as one ZIP file, byte for byte the "
    "same for the same commit; `fachakte verify FILE` checks it.",
)
@private_key_option(
    N_(
        "PEM file of the Ed25519 private key (create a pair with `fachakte keygen`). Without "
        "it the release is unsigned. An encrypted key is opened with $FACHAKTE_KEY_PASSPHRASE."
    ),
    dest="key_file",
    type=PathParam(dir_okay=False, exists=True, path_type=Path),
)
@click.option(
    "--xsd-dir",
    type=PathParam(file_okay=False, exists=True, path_type=Path),
    envvar=XSD_ENV,
    help="Official xdomea 3.0.0 XSDs; also $FACHAKTE_XDOMEA_XSD_DIR; default: the copy fetched "
    "with `fachakte xdomea-schemas fetch`.",
)
@click.option(
    "--allow-warnings",
    is_flag=True,
    help="Release even if validation reports warnings (errors always block).",
)
@click.option(
    "--allow-version-violations",
    is_flag=True,
    help="Release even where a version does not fit its changes since the previous release "
    "(FD001-FD003); every violation is recorded in release.json.",
)
@click.option(
    "--first-release",
    is_flag=True,
    help="Declare that no earlier release-* tag exists; without it a history without one "
    "is refused, so that a clone without tags cannot pass everything off as new.",
)
def release_command(
    paths: tuple[Path, ...],
    out: Path | None,
    zip_file: Path | None,
    key_file: Path | None,
    xsd_dir: Path | None,
    allow_warnings: bool,
    allow_version_violations: bool,
    first_release: bool,
) -> None:
    """Build a release of the catalogue (default: definitions/) from a clean git commit.

    Compiles every target for every tenant into packages/ of the output folder (-o) and writes
    release.json, SHA256SUMS, CHANGELOG.md (since the previous `release-*` tag) and, with
    --private-key, the signatures release.json.sig and SHA256SUMS.sig; --zip writes the same
    files as one ZIP.
    Refuses uncommitted changes, validation findings, shallow clones, versions that
    `check-version` would reject against the previous release tag, and a private key that
    lies inside the catalogue's git work tree.
    """
    from fachakte_compiler.load.catalogue import CatalogueError, resolve_paths
    from fachakte_compiler.release.keys import KeyInWorkTree, refuse_key_in_work_tree
    from fachakte_compiler.write.guard import check_release_folder
    from fachakte_compiler.write.lock import output_lock

    if out is None and zip_file is None:
        raise click.UsageError(_("give -o DIR, --zip FILE or both"))
    if out is not None and zip_file is not None:
        _refuse_zip_in_folder(zip_file, out)
    from fachakte_compiler.build_service.source_date import source_date_epoch

    # A malformed SOURCE_DATE_EPOCH ends the run before git is asked or anything is built.
    source_date_epoch()
    paths = tuple(catalogue_paths(paths))
    try:
        root, _selected, _files = resolve_paths(list(paths))
    except CatalogueError as exc:
        raise click.UsageError(str(exc)) from exc
    if key_file is not None and root is not None:
        try:
            refuse_key_in_work_tree(key_file, root)
        except KeyInWorkTree as exc:
            raise Failure(_("{error}; nothing was written").format(error=exc)) from exc
    if zip_file is not None:
        _check_zip_target(zip_file, root)
    args = (paths, out, zip_file, key_file, xsd_dir)
    flags = (allow_warnings, allow_version_violations, first_release)
    if out is None:
        _release_locked(*args, *flags)
        return
    check_release_folder(out, root)
    with output_lock(out, on_wait=waiting_for(out)):
        _release_locked(*args, *flags)


def _refuse_zip_in_folder(zip_file: Path, out: Path) -> None:
    """A ZIP inside the release folder would be a file the release does not list: `verify`
    of the folder would fail on it."""
    where, folder = zip_file.resolve(), out.resolve()
    if where == folder or where.is_relative_to(folder):
        from fachakte_compiler.errors import UsageProblem

        raise UsageProblem(
            _(
                "--zip {zip_file} lies inside the release folder {out}; put the ZIP beside the "
                "folder, e.g. --zip {beside}"
            ).format(zip_file=zip_file, out=out, beside=out.parent / zip_file.name)
        )


def _check_zip_target(zip_file: Path, root: Path | None) -> None:
    """The ZIP goes beside, never into, the catalogue (it would make the next release dirty)
    and into an existing folder; it replaces no file but an earlier release ZIP."""
    from fachakte_compiler.write.guard import check_output_file, is_release_zip

    where = zip_file.resolve()
    if root is not None and where.is_relative_to(root.resolve()):
        raise click.UsageError(
            _(
                "--zip {zip_file} lies inside the catalogue folder {root}; write it elsewhere"
            ).format(zip_file=zip_file, root=root)
        )
    check_output_file(zip_file, owned=is_release_zip)
    if not where.parent.is_dir():
        raise click.UsageError(
            _("--zip {zip_file}: folder {parent} does not exist").format(
                zip_file=zip_file, parent=zip_file.parent
            )
        )


def _release_locked(
    paths: tuple[Path, ...],
    out: Path | None,
    zip_file: Path | None,
    key_file: Path | None,
    xsd_dir: Path | None,
    allow_warnings: bool,
    allow_version_violations: bool,
    first_release: bool,
) -> None:
    from fachakte_compiler.build_service.source_date import SourceDateError
    from fachakte_compiler.diff.sources import SideInvalid
    from fachakte_compiler.errors import GitError
    from fachakte_compiler.load.catalogue import CatalogueError
    from fachakte_compiler.release.build import Findings, ReleaseRefused, build_release
    from fachakte_compiler.release.keys import load_private
    from fachakte_compiler.targets import TargetError, available_targets
    from fachakte_compiler.write.atomic import commit_tree, stage_file
    from fachakte_compiler.write.zipfile_det import deterministic_zip
    from fachakte_compiler.xdomea_schemas import resolve_xsd_dir

    xsd_dir = resolve_xsd_dir(xsd_dir)
    # A KeyFileError (exit 2) names a private key it cannot use; KeyInWorkTree (exit 1) a place.
    private_key = load_private(key_file) if key_file is not None else None
    try:
        with progress(len(available_targets()), _("compiling targets")) as step:
            release = build_release(
                list(paths),
                private_key=private_key,
                xsd_dir=xsd_dir,
                allow_warnings=allow_warnings,
                allow_version_violations=allow_version_violations,
                first_release=first_release,
                on_target=lambda _target: step(),
            )
    except (CatalogueError, SourceDateError) as exc:
        raise click.UsageError(str(exc)) from exc
    except Findings as found:
        report_findings(found.diagnostics, found.loaded)
        reason, allowed = _(found.reason), " " + _("(--allow-warnings accepts warnings)")
        if found.diagnostics[0].code == "FA017":
            # Each FA017 is in the file of its Fachakte, named by the id (fachakten/<id>.yaml).
            names = sorted({Path(d.file).stem for d in found.diagnostics})
            reason = ngettext(
                "Fachakte {names} still holds placeholders of `fachakte new`",
                "Fachakten {names} still hold placeholders of `fachakte new`",
                len(names),
            ).format(names=", ".join(names))
            allowed = ""
        raise Failure(
            _("{reason}; a release must be clean{allowed}; nothing was written").format(
                reason=reason, allowed=allowed
            )
        ) from None
    except ReleaseRefused as exc:
        for detail in exc.details:
            click.echo(f"  {detail}", err=True)
        message = _("{error}; nothing was written").format(error=exc)
        if exc.exit_code == click.UsageError.exit_code:
            raise click.UsageError(message) from exc
        raise Failure(message) from exc
    except SideInvalid as exc:
        raise Failure(
            _(
                "cannot check the versions against the previous release: {error}; "
                "nothing was written"
            ).format(error=exc)
        ) from exc
    except (GitError, TargetError) as exc:
        raise Failure(_("{error}; nothing was written").format(error=exc)) from exc
    leftovers: list[str] = []
    written = []
    # The ZIP is written first and renamed into place in the same moment as the folder, so
    # that an interrupt or a full disk leaves both as they were or both new, from one run.
    staged_zip = None
    if zip_file is not None:
        try:
            staged_zip = stage_file(zip_file, deterministic_zip(release.files), 0o644)
        except OSError as exc:
            raise _zip_not_written(zip_file, exc) from exc
    try:
        if out is not None:
            try:
                also = [(staged_zip, zip_file)] if staged_zip and zip_file else []
                leftovers = commit_tree(out, release.files, {"."}, also=also)
            except OSError as exc:
                raise Failure(
                    _(
                        "cannot write {out}: {reason}; the previous release folder is unchanged"
                    ).format(out=out, reason=os_reason(exc))
                ) from exc
            written.append(os.path.relpath(out))
        elif staged_zip is not None and zip_file is not None:
            try:
                os.replace(staged_zip, zip_file)
            except OSError as exc:
                raise _zip_not_written(zip_file, exc) from exc
    finally:
        if staged_zip is not None:
            staged_zip.unlink(missing_ok=True)
    if zip_file is not None:
        written.append(os.path.relpath(zip_file))
    if release.checked is not None:
        # What --allow-warnings let through is said, not passed over in silence.
        report_findings(release.warnings, release.checked)
    from fachakte_compiler.targets import shown_note

    for note in [*release.notes, *leftovers]:
        click.echo(_("note: {note}").format(note=shown_note(note)), err=True)
    for line in release.version_warnings:
        click.echo(_("warning: {line}").format(line=line), err=True)
    state = _("signed") if release.signed else _("UNSIGNED (no --private-key given)")
    fachakten = ngettext("{count} Fachakte", "{count} Fachakten", release.fachakten)
    click.echo(
        _("release {release_id}: {fachakten}, {files} in {written}, {state}").format(
            release_id=release.release_id,
            fachakten=fachakten.format(count=release.fachakten),
            files=counted_files(release.files),
            written=_(" and ").join(written),
            state=state,
        )
    )


def _zip_not_written(zip_file: Path, exc: OSError) -> Failure:
    return Failure(
        _("cannot write {zip_file}: {reason}; an earlier file there is unchanged").format(
            zip_file=zip_file, reason=os_reason(exc)
        )
    )


@click.command("verify")
@click.argument("release", metavar="RELEASE", type=PathParam(exists=True, path_type=Path))
@public_key_option(
    N_("PEM file of the Ed25519 public key (create a pair with `fachakte keygen`)."),
    dest="public_key",
    type=PathParam(dir_okay=False, exists=True, path_type=Path),
)
@click.option(
    "--no-signature", is_flag=True, help="Check hashes and file list only, without a public key."
)
def verify_command(release: Path, public_key: Path | None, no_signature: bool) -> None:
    """Prove that a delivered RELEASE (folder or ZIP) is exactly what was signed.

    Exit codes: 0 intact, 1 anything modified, added or removed (each file is named),
    2 usage error.
    """
    from fachakte_compiler.diagnostics.diagnostic import one_line
    from fachakte_compiler.release.archive import UnsafeArchive, read_release
    from fachakte_compiler.release.keys import load_public
    from fachakte_compiler.release.verify import verify_files

    if public_key is None and not no_signature:
        raise click.UsageError(
            _(
                "give --public-key FILE, or --no-signature to check only the hashes "
                "(then nobody vouches for release.json)"
            )
        )
    if public_key is not None and no_signature:
        raise click.UsageError(_("--public-key and --no-signature exclude each other"))
    # A KeyFileError carries its exit code: 2, the file named is no usable public key.
    key = load_public(public_key) if public_key is not None else None
    try:
        files = read_release(release)
    except UnsafeArchive as exc:
        raise Failure(str(exc)) from exc
    except OSError as exc:
        raise Failure(
            _("cannot read {release}: {reason}").format(release=release, reason=os_reason(exc))
        ) from exc
    report = verify_files(files, key)
    # A member's name may hold a line break: written as an escape, it cannot forge a line
    # such as "… is intact" below a problem.
    for problem in report.problems:
        click.echo(one_line(f"{release}: {problem}"))
    for note in report.notes:
        click.echo(one_line(_("note: {note}").format(note=note)))
    name = (
        _("release {id}").format(id=report.release_id)
        if report.release_id
        else _("the release {path}").format(path=release)
    )
    if not report.intact:
        count = len(report.problems)
        raise Failure(
            ngettext(
                "{name} is NOT intact: {count} problem",
                "{name} is NOT intact: {count} problems",
                count,
            ).format(name=name, count=count)
        )
    # Intact: every file in `files` is listed and matches, or is one of the META_FILES.
    click.echo(
        _("{name} is intact: all {files} match, signature {signature}").format(
            name=name, files=counted_files(files), signature=_(report.signature)
        )
    )


@click.command("keygen")
@private_key_option(
    N_("Private key file to create (mode 0600); keep it off shared drives."),
    dest="private_path",
    type=PathParam(dir_okay=False, path_type=Path),
    default=Path("release-key.pem"),
    show_default=True,
)
@public_key_option(
    N_("Public key file to create; default: the private key's name with .pub.pem."),
    dest="public_path",
    type=PathParam(dir_okay=False, path_type=Path),
)
@click.option(
    "--passphrase",
    is_flag=True,
    help="Encrypt the private key with the passphrase in $FACHAKTE_KEY_PASSPHRASE.",
)
def keygen_command(private_path: Path, public_path: Path | None, passphrase: bool) -> None:
    """Create an Ed25519 key pair for signing releases. Never overwrites a file, and refuses
    to put the private key inside a git work tree (keep it e.g. in ~/.config/fachakte/)."""
    from fachakte_compiler.release.keys import generate, refuse_new_key_in_work_tree

    public_path = public_path or private_path.with_name(
        private_path.name.removesuffix(".pem") + ".pub.pem"
    )
    distinct_outputs({"--private-key": private_path, "--public-key": public_path})
    # KeyFileError: exit 2 (a key file that exists, as for `new`); KeyInWorkTree: exit 1.
    refuse_new_key_in_work_tree(private_path)
    print_ = generate(private_path, public_path, encrypt=passphrase)
    click.echo(
        _(
            "private key: {private_path} (mode 0600, keep it secret)\npublic key:  "
            "{public_path} (give it to every municipality)\nfingerprint: {fingerprint}"
        ).format(private_path=private_path, public_path=public_path, fingerprint=print_)
    )
