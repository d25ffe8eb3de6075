"""Helpers shared by the release and verify tests (this module holds no tests of its own):
a real git repository with a copy of the shipped catalogue, keys and releases via the CLI."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import XDOMEA_XSD_DIR, copy_catalogue, invoke_cli, run_fachakte
from support.catalogue import DEFINITIONS
from support.git import git as support_git
from support.tree import tree

# Fixed identity and dates, so commits (and thus release ids) do not depend on the machine.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Release Test",
    "GIT_AUTHOR_EMAIL": "release@example.org",
    "GIT_COMMITTER_NAME": "Release Test",
    "GIT_COMMITTER_EMAIL": "release@example.org",
    "GIT_AUTHOR_DATE": "2024-05-01T10:00:00+00:00",
    "GIT_COMMITTER_DATE": "2024-05-01T10:00:00+00:00",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    """git with the release tests' fixed author and date (support.git does the running)."""
    return support_git(repo, *args, env=GIT_ENV)


def make_repo(base: Path, source: Path = DEFINITIONS) -> Path:
    """`base`/repo: a git repository whose first commit holds the catalogue `source` (by
    default the shipped one)."""
    repo = base / "repo"
    copy_catalogue(repo / "definitions", source)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "definitions", "schemas")
    git(repo, "commit", "-q", "-m", "Katalog")
    return repo


def keypair(base: Path, name: str = "release-key") -> tuple[Path, Path]:
    private, public = base / f"{name}.pem", base / f"{name}.pub.pem"
    result = invoke_cli("keygen", "--private-key", private, "--public-key", public)
    assert result.exit_code == 0, result.stderr
    return private, public


def release(
    repo: Path,
    out: Path | None,
    key: Path | None = None,
    env: dict[str, str] | None = None,
    extra: tuple[str, ...] = ("--first-release",),
) -> subprocess.CompletedProcess[str]:
    """`fachakte release` in `repo` into `out` (None: no -o); by default as a declared first
    release (no tags yet)."""
    args: list[str | Path] = ["release", "definitions", *(("-o", out) if out else ()), *extra]
    if (XDOMEA_XSD_DIR / "xdomea.xsd").is_file():
        args += ["--xsd-dir", XDOMEA_XSD_DIR]  # the xdomea plans are then checked by lxml
    if key is not None:
        args += ["--private-key", key]
    return run_fachakte(*args, cwd=repo, env=env)


__all__ = ["git", "keypair", "make_repo", "release", "tree"]
