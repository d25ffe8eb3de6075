"""The few git facts a release needs: commit, cleanliness, release tags, files at a tag."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from fachakte_compiler.diff.revision import FETCH_HINT

__all__ = ["FETCH_HINT", "GitError", "Tag"]

RELEASE_TAG_PATTERN = "release-*"


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a git command failed."""


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, timeout=60, check=False
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed; a release needs the git history") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitError(f"git {args[0]} did not finish within 60 seconds") from exc
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args)} failed: {detail[-1] if detail else 'no output'}")
    return result.stdout.decode("utf-8", "replace")


def head_commit(root: Path) -> str:
    try:
        return _git(root, "rev-parse", "--verify", "HEAD").strip()
    except GitError as exc:
        raise GitError(
            f"{root} is not inside a git repository with at least one commit; a "
            "release must name the commit it was built from"
        ) from exc


def is_shallow(root: Path) -> bool:
    """True in a clone made with --depth (or --shallow-since): part of the history is cut."""
    return _git(root, "rev-parse", "--is-shallow-repository").strip() == "true"


def dirty_files(root: Path) -> list[str]:
    """Modified, staged, deleted or untracked paths below `root` (relative to the repo top)."""
    out = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".")
    entries = [e for e in out.split("\0") if e]
    # With -z a rename is followed by its source path as an entry of its own, without status.
    return sorted({e[3:] for e in entries if len(e) > 3 and e[2] == " "})


def repo_prefix(root: Path) -> str:
    """`root` relative to the top of its repository ('' at the top), posix style."""
    return _git(root, "rev-parse", "--show-prefix").strip().rstrip("/")


@dataclass(frozen=True)
class Tag:
    name: str
    commit: str


def previous_release_tag(root: Path, head: str) -> Tag | None:
    """The newest `release-*` tag reachable from HEAD that does not point at HEAD itself, so
    that tagging a commit before releasing it still compares with the release before."""
    out = _git(
        root,
        "for-each-ref",
        "--merged",
        head,
        "--format=%(creatordate:unix) %(objectname) %(*objectname) %(refname:strip=2)",
        f"refs/tags/{RELEASE_TAG_PATTERN}",
    )
    tags = []
    for line in out.splitlines():
        parts = line.split(" ")
        if len(parts) == 4:
            stamp, obj, peeled, name = parts
            tags.append((int(stamp or 0), name, peeled or obj))
    candidates = sorted((t for t in tags if t[2] != head), reverse=True)
    return Tag(candidates[0][1], candidates[0][2]) if candidates else None


def files_at(root: Path, rev: str) -> dict[str, bytes]:
    """Every file below `root` as it was at `rev`, keyed by path relative to `root`."""
    prefix = repo_prefix(root)
    spec = f"{prefix}/" if prefix else "."
    names = [
        n
        for n in _git(
            root, "ls-tree", "-r", "-z", "--name-only", "--full-tree", rev, "--", spec
        ).split("\0")
        if n
    ]
    result = {}
    for name in names:
        rel = name[len(prefix) + 1 :] if prefix else name
        data = subprocess.run(
            ["git", "show", f"{rev}:{name}"], cwd=root, capture_output=True, timeout=60, check=False
        )
        if data.returncode == 0:
            result[rel] = data.stdout
    return result
