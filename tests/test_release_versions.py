"""`release` applies the version rules of `check-version` (FD001–FD003) against the previous
`release-*` tag; an override exists only as a flag that release.json records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import invoke_cli
from test_diff_support import GitCatalogue, git

Data = dict[str, Any]


def keep_forever(d: Data) -> None:
    """Aussonderungsart B → A: a breaking change (FD1xx) that needs a major bump."""
    d["akte"]["retention"]["disposition"] = "A"


def released(repo: GitCatalogue, out: Path, *extra: str) -> Any:
    # The fixture catalogue has no schemas/ beside it, which FA013 warns about.
    return invoke_cli(
        "release", "definitions", "-o", out, "--allow-warnings", *extra, cwd=repo.repo
    )


def tagged(tmp_path: Path) -> GitCatalogue:
    repo = GitCatalogue(tmp_path / "repo")
    git(repo.repo, "tag", "release-1")
    return repo


def test_breaking_change_without_major_bump_is_refused(tmp_path: Path) -> None:
    repo = tagged(tmp_path)
    repo.fachakte(keep_forever, version="1.0.1")
    repo.commit("Aussonderungsart A, nur Patch")
    result = released(repo, tmp_path / "out")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "1 version does not fit the changes since release-1" in result.stderr
    assert "FD001 testakte: version got a patch bump to 1.0.1, but the changes need a major" in (
        result.stderr
    )
    assert "Aussonderungsart" in result.stderr or "disposition" in result.stderr
    assert "--allow-version-violations" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_backwards_and_needless_bumps_are_refused_too(tmp_path: Path) -> None:
    repo = tagged(tmp_path)
    repo.fachakte(lambda d: None, version="1.1.0")
    repo.edit("bausteine/adresse.yaml", lambda d: d.update(version="0.9.0"))
    repo.commit("Versionen ohne Änderung")
    result = released(repo, tmp_path / "out")
    assert result.exit_code == 1
    assert "2 versions do not fit" in result.stderr
    assert "FD002 testakte: version bumped from 1.0.0 to 1.1.0 without any change" in result.stderr
    assert "FD003 Baustein adresse: version went backwards from 1.0.0 to 0.9.0" in result.stderr


def test_override_is_recorded_in_release_json(tmp_path: Path) -> None:
    repo = tagged(tmp_path)
    repo.fachakte(keep_forever, version="1.0.1")
    repo.commit("Aussonderungsart A, nur Patch")
    out = tmp_path / "out"
    result = released(repo, out, "--allow-version-violations")
    assert result.exit_code == 0, result.stderr
    assert "warning: FD001 testakte" in result.stderr
    check = json.loads((out / "release.json").read_bytes())["version_check"]
    assert check["base"] == "release-1"
    assert check["passed"] is False and check["overridden"] is True
    [violation] = check["violations"]
    assert violation["id"] == "testakte" and violation["code"] == "FD001"
    assert any(c.startswith("FD1") for c in violation["changes"])
    # The release notes say it too, in German, before anything else.
    notes = (out / "CHANGELOG.md").read_text(encoding="utf-8")
    head = notes.split("## Versionsregeln übergangen\n", 1)
    assert len(head) == 2 and "## " not in head[0], notes
    assert "- FD001 testakte: Version bekam mit 1.0.1 eine neue Patch-Version" in head[1]


def test_correct_major_bump_releases_and_records_a_passed_check(tmp_path: Path) -> None:
    repo = tagged(tmp_path)
    repo.fachakte(keep_forever, version="2.0.0")
    repo.commit("Aussonderungsart A, 2.0.0")
    out = tmp_path / "out"
    result = released(repo, out)
    assert result.exit_code == 0, result.stderr
    assert "Versionsregeln übergangen" not in (out / "CHANGELOG.md").read_text(encoding="utf-8")
    check = json.loads((out / "release.json").read_bytes())["version_check"]
    assert check == {"base": "release-1", "passed": True, "overridden": False, "violations": []}
    changelog = (out / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Version 1.0.0 → 2.0.0." in changelog


def test_first_release_must_be_declared(tmp_path: Path) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    result = released(repo, tmp_path / "out")
    assert result.exit_code == 1  # the tags may only be missing from this clone
    assert "no earlier release tag (release-*) is reachable" in result.stderr
    assert "--first-release" in result.stderr and "git fetch --unshallow --tags" in result.stderr
    assert not (tmp_path / "out").exists()
    git(repo.repo, "tag", "release-1")
    repo.fachakte(lambda d: d.update(title="Testakte neu"), version="1.0.1")
    repo.commit("Titel")
    result = released(repo, tmp_path / "out", "--first-release")
    assert result.exit_code == 2  # the command line contradicts the history
    assert "--first-release given, but release-1 is an earlier release" in result.stderr
