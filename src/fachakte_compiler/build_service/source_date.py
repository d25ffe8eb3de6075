"""The one timestamp outputs may contain, from a reproducible source, and the commit they name."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from fachakte_compiler.errors import UsageProblem
from fachakte_compiler.i18n import _

# Used when neither SOURCE_DATE_EPOCH nor git history is available: fixed, so still reproducible.
FALLBACK_EPOCH = 315532800  # 1980-01-01T00:00:00Z


class SourceDateError(UsageProblem):
    """SOURCE_DATE_EPOCH is set but is no usable epoch: a usage error (exit 2)."""


def source_date(root: Path | None) -> dt.datetime:
    """SOURCE_DATE_EPOCH if set, else the time of the newest commit touching `root`, else a fixed
    date. Always UTC, so the local timezone never leaks into outputs.

    Raises SourceDateError where SOURCE_DATE_EPOCH is set but is no usable epoch (a usage error:
    the caller exits 2)."""
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if env:
        try:
            return dt.datetime.fromtimestamp(int(env), tz=dt.UTC)
        except (ValueError, OverflowError, OSError) as exc:
            raise SourceDateError(
                _(
                    "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 "
                    "UTC (e.g. 1767225600), got {env!r}"
                ).format(env=env)
            ) from exc
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
