"""The small self-contained catalogue in a real git repository (support.catalogue), proven
here to be a valid catalogue whose edits are real commits, so every test that builds on it
starts from clean ground. Older tests import its names from this module."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from support.catalogue import (
    ADRESSE,
    AKTENPLAN,
    FILES,
    RETENTION,
    TENANTS,
    TESTAKTE,
    Data,
    GitCatalogue,
    by_id,
)
from support.git import git

__all__ = [
    "ADRESSE",
    "AKTENPLAN",
    "FILES",
    "RETENTION",
    "TENANTS",
    "TESTAKTE",
    "Data",
    "GitCatalogue",
    "by_id",
    "git",
]


def test_fixture_catalogue_validates_clean(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    result = invoke("validate", repo.definitions)
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output


def test_fixture_is_committed_and_clean(tmp_path: Path) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    assert git(repo.repo, "status", "--porcelain") == ""
    assert "fachakten/testakte.yaml" in git(repo.repo, "ls-files")
