"""A catalogue as it was at a git revision, read with git itself into a temporary folder."""

from __future__ import annotations

import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from fachakte_compiler.errors import GitError
from fachakte_compiler.git import FETCH_HINT, last_stderr_line, run
from fachakte_compiler.i18n import _
from fachakte_compiler.load.catalogue import find_root


class RevisionError(GitError):
    """The revision cannot be read: not a repository, unknown revision, git missing."""


@dataclass(frozen=True)
class Snapshot:
    """`path` is the user's path inside the copy (None if it did not exist at the revision);
    `tree` is the copy's top folder, so file names can be shown as 'REV:relative/path'."""

    rev: str
    path: Path | None
    tree: Path

    def label(self, shown: str) -> str:
        try:
            relative = Path(shown).resolve().relative_to(self.tree)
        except ValueError:
            return shown
        return f"{self.rev}:{relative.as_posix()}"


def merge_base(rev: str, top: Path) -> str:
    """The commit `git diff REV...HEAD` compares with: the merge base of REV and HEAD, so
    that changes made on REV's branch after the branch point are not taken for ours.
    Refuses shallow clones, where the merge base may be cut off or wrong."""
    shallow = run(top, "rev-parse", "--is-shallow-repository")
    if shallow.stdout.decode().strip() == "true":
        raise RevisionError(
            _(
                "this clone is shallow, so the merge base with '{rev}' cannot be trusted; {fetch}"
            ).format(rev=rev, fetch=_(FETCH_HINT))
        )
    commit = run(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if commit.returncode != 0:
        raise RevisionError(_unknown(rev, top))
    sha = commit.stdout.decode().strip()
    head = run(top, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    if head.returncode != 0:
        return sha  # no commit yet: everything in the working tree is new against REV
    base = run(top, "merge-base", sha, head.stdout.decode().strip())
    if base.returncode != 0:
        raise RevisionError(
            _("'{rev}' and HEAD have no common history; nothing to compare").format(rev=rev)
        )
    return base.stdout.decode().strip()


def _unknown(rev: str, top: Path) -> str:
    """Why `rev` is unknown: a misspelt branch or tag (named when one is close), else a
    clone that lacks the history or the target branch."""
    from fachakte_compiler.diagnostics.suggest import did_you_mean

    refs = run(
        top, "for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/remotes", "refs/tags"
    )
    known = [
        "HEAD",
        *(refs.stdout.decode("utf-8", "replace").split() if refs.returncode == 0 else []),
    ]
    hint = did_you_mean(rev, known, valid=None)  # names git itself listed
    if hint:
        return _("unknown git revision '{rev}' ({hint})").format(rev=rev, hint=hint)
    return _(
        "unknown git revision '{rev}': check the spelling; in a shallow or single-branch "
        "clone {fetch} and the target branch"
    ).format(rev=rev, fetch=_(FETCH_HINT))


@contextmanager
def at_revision(rev: str, path: Path) -> Iterator[Snapshot]:
    """Yields where `path` (a file or folder of the working tree) was at the merge base of
    `rev` and HEAD, inside a temporary copy of its whole catalogue; None when it did not
    exist there yet."""
    path = path.resolve()
    folder = path if path.is_dir() else path.parent
    root = find_root(path) or folder
    top_result = run(folder, "rev-parse", "--show-toplevel")
    if top_result.returncode != 0:
        raise RevisionError(
            _("{folder} is not inside a git repository; --base needs one").format(folder=folder)
        )
    top = Path(top_result.stdout.decode().strip()).resolve()
    sha = merge_base(rev, top)
    try:
        catalogue = root.relative_to(top).as_posix()
        inside = path.relative_to(top)
    except ValueError as exc:
        raise RevisionError(
            _("{path} is not inside the git repository {top}").format(path=path, top=top)
        ) from exc
    with tempfile.TemporaryDirectory(prefix="fachakte-base-") as tmp:
        tree = (Path(tmp) / "tree").resolve()
        listed = run(top, "ls-tree", "--name-only", sha, "--", catalogue)
        if catalogue != "." and not listed.stdout.strip():
            yield Snapshot(rev, None, tree)
            return
        archive = run(top, "archive", "--format=tar", sha, "--", catalogue)
        if archive.returncode != 0:
            raise RevisionError(
                _("git archive {rev} failed: {reason}").format(
                    rev=rev, reason=last_stderr_line(archive)
                )
            )
        tar_path = Path(tmp) / "base.tar"
        tar_path.write_bytes(archive.stdout)
        with tarfile.open(tar_path) as tar:
            # The data filter refuses links and paths that would leave the temporary folder.
            tar.extractall(tree, filter="data")
        copy = tree / inside
        yield Snapshot(rev, copy if copy.exists() else None, tree)
