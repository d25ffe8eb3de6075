"""The one way tests run git: a fixed identity, no system or user configuration, no signing,
and optionally a fixed date (for commits whose time ends up in an output)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str, date: str | None = None, env: dict[str, str] | None = None) -> str:
    """Run `git ARGS` in `repo`; returns stdout, raises CalledProcessError on failure. `date`
    (ISO 8601) fixes author and committer date; `env` adds or overrides variables."""
    full = {**os.environ, **IDENTITY, **(env or {})}
    if date is not None:
        full |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    result = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args],
        cwd=repo,
        env=full,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def init(repo: Path) -> None:
    """An empty repository on branch main."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")


def commit_all(repo: Path, message: str, date: str | None = None) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)
