"""A shallow clone lacks the history and tags to compare with: `release`, `changelog`,
`diff --base` and `check-version` refuse it with the fetch hint instead of calling every
Fachakte new. After fetching the history the release is the same bytes as from the origin."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import invoke_cli
from test_diff_support import GitCatalogue, git
from test_release_helpers import tree


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> GitCatalogue:
    repo = GitCatalogue(tmp_path_factory.mktemp("shallow") / "origin")
    git(repo.repo, "tag", "release-1")
    repo.fachakte(lambda d: d.update(title="Testakte (neu)"), version="1.0.1")
    repo.commit("Titel")
    return repo


def shallow_clone(origin: GitCatalogue, target: Path) -> Path:
    git(origin.repo.parent, "clone", "-q", "--depth", "1", f"file://{origin.repo}", str(target))
    assert git(target, "rev-parse", "--is-shallow-repository").strip() == "true"
    return target


@pytest.mark.parametrize(
    "args",
    [
        ("release", "definitions", "-o", "out", "--allow-warnings"),
        ("release", "definitions", "-o", "out", "--first-release", "--allow-warnings"),
        ("changelog", "--base", "release-1"),
        ("changelog", "--base", "HEAD"),
        ("diff", "--base", "HEAD"),
        ("check-version", "--base", "HEAD"),
    ],
)
def test_shallow_clone_is_refused_with_the_fetch_hint(
    origin: GitCatalogue, tmp_path: Path, args: tuple[str, ...]
) -> None:
    clone = shallow_clone(origin, tmp_path / "clone")
    result = invoke_cli(*args, cwd=clone)
    assert result.exit_code in (1, 2), result.stdout
    assert "shallow" in result.stderr
    assert "git fetch --unshallow --tags" in result.stderr
    assert "Erstes Release" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not (clone / "out").exists()


def test_after_fetching_the_history_the_release_equals_the_origins(
    origin: GitCatalogue, tmp_path: Path
) -> None:
    clone = shallow_clone(origin, tmp_path / "clone")
    git(clone, "fetch", "-q", "--unshallow", "--tags")
    # --allow-warnings: the fixture catalogue has no schemas/ beside it (FA013).
    from_clone = invoke_cli(
        "release", "definitions", "-o", tmp_path / "a", "--allow-warnings", cwd=clone
    )
    assert from_clone.exit_code == 0, from_clone.stderr
    from_origin = invoke_cli(
        "release", "definitions", "-o", tmp_path / "b", "--allow-warnings", cwd=origin.repo
    )
    assert from_origin.exit_code == 0, from_origin.stderr
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert "release-1" in (tmp_path / "a" / "CHANGELOG.md").read_text(encoding="utf-8")
