"""A signed release is made of the committed blobs of the commit it names: files that git
ignores or that are marked skip-worktree never reach it. Real git repositories."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import invoke_cli
from test_release_helpers import git

MINI = Path(__file__).parent / "fixtures" / "mini"


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "definitions")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "definitions")
    git(repo, "commit", "-q", "-m", "Katalog")
    return repo


def _release(repo: Path, out: Path) -> tuple[int, str]:
    result = invoke_cli(
        "release", "definitions", "-o", out, "--first-release", "--allow-warnings", cwd=repo
    )
    return result.exit_code, result.stderr


def test_git_ignored_definition_file_is_refused(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    extra = repo / "definitions" / "bausteine" / "geheim.yaml"
    shutil.copy(repo / "definitions" / "bausteine" / "person.yaml", extra)
    extra.write_text(
        extra.read_text(encoding="utf-8").replace("id: person", "id: geheim", 1), encoding="utf-8"
    )
    (repo / ".gitignore").write_text("geheim.yaml\n", encoding="utf-8")
    git(repo, "add", ".gitignore")
    git(repo, "commit", "-q", "-m", "ignore")
    assert git(repo, "status", "--porcelain") == ""
    code, stderr = _release(repo, tmp_path / "out")
    assert code == 1, stderr
    assert "not the one in commit" in stderr
    assert "definitions/bausteine/geheim.yaml: not in commit" in stderr
    assert not (tmp_path / "out").exists()


def test_skip_worktree_change_is_refused(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    source = repo / "definitions" / "fachakten" / "beispiel.yaml"
    git(repo, "update-index", "--skip-worktree", "definitions/fachakten/beispiel.yaml")
    source.write_text(source.read_text(encoding="utf-8") + "# unbemerkt\n", encoding="utf-8")
    assert git(repo, "status", "--porcelain") == ""
    code, stderr = _release(repo, tmp_path / "out")
    assert code == 1, stderr
    assert "definitions/fachakten/beispiel.yaml: differs from commit" in stderr
    assert not (tmp_path / "out").exists()


def test_clean_checkout_is_released(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    code, stderr = _release(repo, tmp_path / "out")
    assert code == 0, stderr
    assert (tmp_path / "out" / "release.json").is_file()
