"""The one place that runs git: every git fact the tool needs (commit, cleanliness, release
tags, files at a revision, merge base, time of the last commit) comes from here.

Every failure is a GitError (exit code 1): git missing, a timeout, a folder outside a
repository, a command that failed. Callers that give a failure its own meaning (an unknown
revision for `diff --base`) catch it or ask with `run`, which leaves the exit status to them.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from fachakte_compiler.errors import GitError
from fachakte_compiler.i18n import N_, _

__all__ = ["FETCH_HINT", "GitError", "Tag"]

RELEASE_TAG_PATTERN = "release-*"

# What CI and people must do when the history or tags needed for a comparison are missing
# (translated where it is shown).
FETCH_HINT = N_(
    "fetch the full history and the tags (git fetch --unshallow --tags; in CI "
    "fetch-depth: 0 on GitHub, GIT_DEPTH: 0 on GitLab)"
)

TIMEOUT = 120  # seconds; reading a large history or archive is slow on a loaded CI runner


def run(
    cwd: Path, *args: str, stdin: bytes | None = None, timeout: int = TIMEOUT
) -> subprocess.CompletedProcess[bytes]:
    """`git ARGS` in `cwd`, whatever its exit status. Raises GitError where git is missing or
    does not finish within `timeout` seconds."""
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, timeout=timeout, check=False
        )
    except FileNotFoundError as exc:
        raise GitError(_("git is not installed or not on PATH")) from exc
    except subprocess.TimeoutExpired as exc:
        raise GitError(
            _("git {command} did not finish within {timeout} seconds").format(
                command=args[0], timeout=timeout
            )
        ) from exc


def last_stderr_line(result: subprocess.CompletedProcess[bytes]) -> str:
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else _("no output")


def _git(root: Path, *args: str) -> str:
    """stdout of `git ARGS`; GitError where it fails."""
    result = run(root, *args)
    if result.returncode != 0:
        raise GitError(
            _("git {command} failed: {reason}").format(
                command=" ".join(args), reason=last_stderr_line(result)
            )
        )
    return result.stdout.decode("utf-8", "replace")


def last_commit_time(folder: Path) -> int | None:
    """Unix time of the newest commit that touches `folder`; None outside a repository, without
    git or without such a commit (then the caller falls back to a fixed date)."""
    try:
        result = run(folder, "log", "-1", "--format=%ct", "--", ".", timeout=30)
    except (GitError, OSError):
        return None
    text = result.stdout.decode("ascii", "replace").strip()
    return int(text) if result.returncode == 0 and text.isdigit() else None


def head_commit(root: Path) -> str:
    try:
        return _git(root, "rev-parse", "--verify", "HEAD").strip()
    except GitError as exc:
        raise GitError(
            _(
                "{root} is not inside a git repository with at least one commit; a "
                "release must name the commit it was built from"
            ).format(root=root)
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


def top_level(folder: Path) -> Path:
    """The top folder of the repository that holds `folder`; GitError outside one."""
    return Path(_git(folder, "rev-parse", "--show-toplevel").strip())


def tracked(top: Path, rel: str) -> bool:
    """Whether `rel` (posix, relative to the repository top `top`) is in git's index."""
    return bool(_git(top, "ls-files", "-z", "--", f":(literal){rel}").strip("\0"))


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
        data = run(root, "show", f"{rev}:{name}")
        if data.returncode == 0:
            result[rel] = data.stdout
    return result


def _is_catalogue_file(rel: str) -> bool:
    """The same selection as load.catalogue.catalogue_files, on a path relative to the root."""
    from fachakte_compiler.load.catalogue import FOLDERS, SINGLE_FILES
    from fachakte_compiler.load.filekind import YAML_SUFFIXES, is_apple_double

    path = PurePosixPath(rel)
    if path.suffix not in YAML_SUFFIXES or is_apple_double(path.name):
        return False
    if len(path.parts) == 1:
        return path.stem in SINGLE_FILES
    return len(path.parts) == 2 and path.parts[0] in FOLDERS


def committed_differences(root: Path, commit: str, loaded: dict[str, str]) -> list[str]:
    """Where the catalogue files that were loaded (path relative to `root` -> SHA-256 of the
    bytes read) differ from the blobs of `commit`: files git ignores or does not track,
    files whose bytes differ (a file marked skip-worktree or assume-unchanged passes
    `git status`), and committed files that were not read. Empty when the release is made of
    exactly the committed blobs."""
    prefix = repo_prefix(root)
    spec = f"{prefix}/" if prefix else "."
    listing = _git(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", spec)
    blobs: dict[str, str] = {}
    for entry in listing.split("\0"):
        meta, _tab, name = entry.partition("\t")
        parts = meta.split(" ")
        if len(parts) == 3 and parts[1] == "blob":
            rel = name[len(prefix) + 1 :] if prefix else name
            if _is_catalogue_file(rel):
                blobs[rel] = parts[2]
    contents = _blob_sha256(root, blobs)
    problems = []
    for rel in sorted(set(loaded) | set(blobs)):
        shown = f"{prefix}/{rel}" if prefix else rel
        if rel not in blobs:
            problem = _("{file}: not in commit {commit} (ignored or untracked)")
        elif rel not in loaded:
            problem = _("{file}: in commit {commit} but not in the working tree")
        elif contents.get(rel) != loaded[rel]:
            problem = _(
                "{file}: differs from commit {commit} (marked skip-worktree or assume-unchanged?)"
            )
        else:
            continue
        problems.append(problem.format(file=shown, commit=commit[:12]))
    return problems


def _blob_sha256(root: Path, blobs: dict[str, str]) -> dict[str, str]:
    """content_sha256 of each blob's bytes (as the loader hashes a file, line ends as LF),
    read in one `git cat-file --batch`."""
    from fachakte_compiler.load.source import content_sha256

    if not blobs:
        return {}
    names = sorted(blobs)
    request = "".join(f"{blobs[n]}\n" for n in names).encode()
    try:
        done = run(root, "cat-file", "--batch", stdin=request)
    except OSError as exc:
        raise GitError(_("git cat-file failed: {reason}").format(reason=exc)) from exc
    if done.returncode != 0:
        raise GitError(_("git cat-file --batch failed"))
    out, at, result = done.stdout, 0, {}
    for name in names:
        end = out.index(b"\n", at)
        size = int(out[at:end].split(b" ")[2])
        result[name] = content_sha256(out[end + 1 : end + 1 + size])
        at = end + 1 + size + 1
    return result
