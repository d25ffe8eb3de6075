"""The version rules of `check-version` (FD001–FD003), applied by `release` against the
previous `release-*` tag: a version never ships with two different contents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fachakte_compiler.diagnostics import Diagnostic
from fachakte_compiler.diff.result import CatalogueDiff
from fachakte_compiler.git import Tag


@dataclass(frozen=True)
class Violation:
    """One Fachakte or Baustein whose version does not fit its changes since the tag.
    `message` and `changes` are English, as release.json records them in any language;
    `shown` holds the same lines in the user's language for the terminal, `german` in German
    for the release notes (CHANGELOG.md)."""

    kind: str
    id: str
    code: str
    message: str
    changes: tuple[str, ...]
    shown: tuple[str, ...] = ()
    german: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "code": self.code,
            "message": self.message,
            "changes": list(self.changes),
        }

    def lines(self) -> list[str]:
        """The violation for the terminal: code and message, then one indented line per
        change, in the user's language."""
        return list(self.shown) or [
            f"{self.code} {self.message}",
            *(f"  {c}" for c in self.changes),
        ]


@dataclass(frozen=True)
class VersionCheck:
    """The semantic diff since `previous` and the version rules' verdict on it.
    `diff` is None for a first release (nothing to compare with)."""

    previous: Tag | None
    diff: CatalogueDiff | None
    violations: tuple[Violation, ...]
    overridden: bool

    def as_dict(self) -> dict[str, Any]:
        """The `version_check` entry of release.json: what was compared and, when the rules
        were overridden with --allow-version-violations, every violation that shipped."""
        return {
            "base": self.previous.name if self.previous else None,
            "passed": not self.violations,
            "overridden": self.overridden,
            "violations": [v.as_dict() for v in self.violations],
        }


def check_release_versions(root: Path, previous: Tag | None, *, override: bool) -> VersionCheck:
    """Compare the catalogue at `root` (the committed working tree) with the definitions at
    `previous` exactly like `fachakte check-version --base TAG`.

    Raises GitError, CatalogueError or SideInvalid when the tag's catalogue cannot be
    read or does not validate."""
    from fachakte_compiler.diff.sources import compare, sides_against_revision
    from fachakte_compiler.diff.version_check import check_versions
    from fachakte_compiler.language import fixed_language

    if previous is None:
        return VersionCheck(None, None, (), override)
    old, new = sides_against_revision(previous.commit, root)
    diff = compare(old, new)
    # release.json records English whatever the user's language; the terminal gets theirs.
    with fixed_language("en"):
        recorded = check_versions(diff, new)
    with fixed_language("de"):
        german = check_versions(diff, new)
    shown = check_versions(diff, new)
    violations = tuple(
        Violation(
            v.diff.kind,
            v.diff.id,
            v.problem.code,
            v.problem.message,
            tuple(v.problem.notes),
            _lines(said),
            _lines(notes),
        )
        for v, said, notes in zip(
            recorded, (s.problem for s in shown), (g.problem for g in german), strict=True
        )
        if v.problem is not None and said is not None and notes is not None
    )
    return VersionCheck(previous, diff, violations, override)


def _lines(problem: Diagnostic) -> tuple[str, ...]:
    return (f"{problem.code} {problem.message}", *(f"  {n}" for n in problem.notes))
