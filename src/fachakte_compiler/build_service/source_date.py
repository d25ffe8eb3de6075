"""The one timestamp outputs may contain, from a reproducible source, and the commit they name."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fachakte_compiler.errors import UsageProblem
from fachakte_compiler.i18n import _

if TYPE_CHECKING:
    from fachakte_compiler.model import Tenant
    from fachakte_compiler.targets import BuildOptions

# Used when neither SOURCE_DATE_EPOCH nor git history is available: fixed, so still reproducible.
FALLBACK_EPOCH = 315532800  # 1980-01-01T00:00:00Z


class SourceDateError(UsageProblem):
    """SOURCE_DATE_EPOCH is set but is no usable epoch: a usage error (exit 2)."""


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as reproducible-builds.org specifies it: ASCII digits only, a
    non-negative whole number of seconds since 1970-01-01 UTC. None when it is unset or empty;
    SourceDateError for any other malformed value (a sign, spaces, a fraction, digits of
    other scripts, a date beyond year 9999), since a build must fail rather than guess."""
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if not env:
        return None
    if re.fullmatch(r"[0-9]+", env, re.ASCII) is not None:
        try:
            dt.datetime.fromtimestamp(int(env), tz=dt.UTC)
            return int(env)
        except (ValueError, OverflowError, OSError):
            raise SourceDateError(
                _(
                    "SOURCE_DATE_EPOCH {env} lies beyond the year 9999; give the seconds since "
                    "1970-01-01 UTC (e.g. 1767225600), or unset it"
                ).format(env=env)
            ) from None
    raise SourceDateError(
        _(
            "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, ASCII "
            "digits only (e.g. 1767225600), got {env!r}; correct it or unset it"
        ).format(env=env)
    )


def source_date(root: Path | None) -> dt.datetime:
    """SOURCE_DATE_EPOCH if set, else the time of the newest commit touching `root`, else a fixed
    date. Always UTC, so the local timezone never leaks into outputs.

    Raises SourceDateError where SOURCE_DATE_EPOCH is set but is no usable epoch (a usage error:
    the caller exits 2)."""
    epoch = source_date_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    if root is not None:
        from fachakte_compiler.git import last_commit_time

        committed = last_commit_time(root)
        if committed is not None:
            return dt.datetime.fromtimestamp(committed, tz=dt.UTC)
    return dt.datetime.fromtimestamp(FALLBACK_EPOCH, tz=dt.UTC)


@dataclass(frozen=True)
class SourceCommit:
    """The git commit a build was made from: `commit` is the full hash of HEAD, `dirty` whether
    files below the catalogue differ from it (modified, staged or untracked)."""

    commit: str
    dirty: bool


def source_commit(root: Path | None) -> SourceCommit | None:
    """HEAD of the repository holding the catalogue folder `root`; None outside a repository,
    without git, or for single files (root None). Never raises."""
    from fachakte_compiler.errors import GitError
    from fachakte_compiler.git import dirty_files, head_commit

    if root is None:
        return None
    try:
        return SourceCommit(head_commit(root), bool(dirty_files(root)))
    except GitError:
        return None


def build_options(
    tenants: tuple[Tenant, ...],
    build_date: dt.datetime,
    xsd_dir: Path | None,
    root: Path | None,
    release: str | None = None,
) -> BuildOptions:
    """What every target is told about a build of the catalogue below `root`: the tenants, the
    build date, the XSD folder, the release id (None for compile) and the source commit of
    `root` as `source_commit` finds it."""
    from fachakte_compiler.targets import BuildOptions

    found = source_commit(root)
    return BuildOptions(
        tenants,
        build_date,
        xsd_dir,
        root,
        release,
        commit=found.commit if found else None,
        dirty=found.dirty if found else False,
    )
