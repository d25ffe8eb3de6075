"""The release drift compares with is checked as `fachakte verify` checks it, before any of its
files is read: every file release.json lists is there with its SHA-256 and no other file is
(and, given a public key, the signatures hold). A release ZIP, as municipalities receive it, is
checked the same way and only the members drift reads are unpacked, into a temporary folder."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fachakte_compiler.drift.errors import DriftReadError
from fachakte_compiler.i18n import _, ngettext, os_reason


def _read(release: Path) -> dict[str, Any]:
    from fachakte_compiler.release.archive import UnsafeArchive, read_release

    try:
        return dict(read_release(release))
    except UnsafeArchive as exc:
        raise DriftReadError(str(exc)) from None
    except OSError as exc:
        raise DriftReadError(
            _("cannot read {release}: {reason}").format(release=release, reason=os_reason(exc))
        ) from None


def verify_release(release: Path, public_key: Any | None) -> None:
    """Raises DriftReadError (one line: the first problem, how many there are, what to do)
    unless `release` (folder or ZIP) is intact; `public_key` None checks hashes and file list
    only, as `verify --no-signature` does."""
    from fachakte_compiler.release.verify import verify_files

    report = verify_files(_read(release), public_key)
    if report.intact:
        return
    count = len(report.problems)
    raise DriftReadError(
        ngettext(
            "{release}: the release does not match its release.json ({problem}; {count} "
            "problem): run 'fachakte verify {release}' to see it, and compare only with an "
            "intact release",
            "{release}: the release does not match its release.json ({problem}; {count} "
            "problems): run 'fachakte verify {release}' to see them all, and compare only "
            "with an intact release",
            count,
        ).format(release=release, problem=report.problems[0], count=count)
    )


def _wanted(name: str, tenant_id: str) -> bool:
    """The members drift reads: release.json, the tenant's packages, and the Doxis4 packages of
    every tenant (for the Fachakten the tenant does not run and a shared organization)."""
    parts = name.split("/")
    if name == "release.json":
        return True
    return (
        len(parts) >= 3
        and parts[0] == "packages"
        and (parts[1] == tenant_id or (parts[2] == "doxis4" and len(parts) == 4))
    )


@contextmanager
def checked_release(release: Path, tenant_id: str, public_key: Any | None) -> Iterator[Path]:
    """The folder to read the release from, once `release` is verified: the folder itself, or
    the ZIP's members that drift reads, unpacked into a temporary folder removed afterwards.
    Raises DriftReadError."""
    verify_release(release, public_key)
    if release.is_dir():
        yield release
        return
    with tempfile.TemporaryDirectory(prefix="fachakte-drift-") as folder:
        try:
            # read_release accepted the ZIP: no absolute or '..' names, links or bombs.
            with zipfile.ZipFile(release) as archive:
                for info in archive.infolist():
                    if not info.is_dir() and _wanted(info.filename, tenant_id):
                        archive.extract(info, folder)
        except (OSError, zipfile.BadZipFile) as exc:
            raise DriftReadError(
                _("cannot read {release}: {reason}").format(release=release, reason=exc)
            ) from None
        yield Path(folder)
