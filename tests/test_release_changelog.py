"""The changelog of a release compares with the previous `release-*` tag, not with HEAD's.

Which tag a release compares with does not depend on the catalogue's size: the repository holds
the small catalogue with three Fachakten (copy_small_catalogue)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from support.catalogue import copy_small_catalogue
from test_release_helpers import git, make_repo, release


def test_changelog_and_manifest_name_the_previous_release(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, copy_small_catalogue(tmp_path / "small" / "definitions"))
    git(repo, "tag", "release-2024-05")
    source = repo / "definitions" / "fachakten" / "beispiel.yaml"
    text = source.read_text(encoding="utf-8")
    assert "\nversion: 1.2.0\n" in text and "\ntitle: Beispielakte\n" in text
    text = text.replace("\nversion: 1.2.0\n", "\nversion: 1.2.1\n", 1)
    source.write_text(
        text.replace("\ntitle: Beispielakte\n", "\ntitle: Beispielakte (Satzung)\n", 1)
    )
    git(repo, "commit", "-q", "-am", "Beispielakte 1.2.1")
    # Tagging the commit to be released must not make it its own predecessor.
    git(repo, "tag", "-a", "-m", "Juni", "release-2024-06")
    result = release(repo, tmp_path / "out", extra=())
    assert result.returncode == 0, result.stderr
    changelog = (tmp_path / "out" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Verglichen mit dem vorigen Release `release-2024-05`" in changelog
    assert "- **beispiel** 1.2.0 → 1.2.1 – Beispielakte (Satzung): geändert" in changelog
    assert "- zweite 1.2.0: unverändert" in changelog
    if importlib.util.find_spec("fachakte_compiler.diff.changelog") is not None:
        assert "## Fachliche Änderungen" in changelog  # the semantic diff is embedded
    manifest = json.loads((tmp_path / "out" / "release.json").read_bytes())
    assert manifest["previous_release_tag"] == "release-2024-05"
