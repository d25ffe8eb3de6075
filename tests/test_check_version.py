"""`fachakte check-version`: required bumps in both directions, in real git repositories."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import copy_catalogue
from support.yaml_dump import dump
from support.yaml_dump import load as load_yaml
from test_diff_support import GitCatalogue, by_id, git

Data = dict[str, Any]


def remove_required_field(d: Data) -> None:
    d["fields"].remove(by_id(d["fields"], "antragsdatum"))
    by_id(d["document_types"], "antrag")["fields"] = ["betrag"]


def add_optional_field(d: Data) -> None:
    d["fields"].append({"id": "telefon", "title": "Telefon", "type": "string"})


def retitle(d: Data) -> None:
    d["title"] = "Testakte (neu gefasst)"


def check(invoke: Any, repo: GitCatalogue, *extra: str) -> Any:
    return invoke("check-version", "--base", "HEAD", *extra, cwd=repo.repo)


def test_headline_removed_required_field_needs_major(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(remove_required_field)
    failed = check(invoke, repo)
    assert failed.exit_code == 1
    assert (
        "definitions/fachakten/testakte.yaml:3:10: error FD001: testakte: version stayed "
        "at 1.0.0, but the changes need a major bump (to 2.0.0 or higher)"
    ) in failed.output
    assert "FD101 breaking: field 'antragsdatum' removed" in failed.output
    assert "1 Fachakte needs a different version: testakte" in failed.output
    repo.fachakte(lambda d: None, version="2.0.0")
    passed = check(invoke, repo)
    assert passed.exit_code == 0, passed.output
    assert "ok: testakte 1.0.0 → 2.0.0 (major bump needed)" in passed.output


BUMPS: list[tuple[str, str, Callable[[Data], None], str, str, str]] = [
    # (version before, needed bump, edit, too small, exactly enough, larger than needed)
    ("1.0.0", "major", remove_required_field, "1.1.0", "2.0.0", "3.0.0"),
    ("1.0.0", "minor", add_optional_field, "1.0.1", "1.1.0", "2.0.0"),
    ("1.0.0", "patch", retitle, "1.0.0", "1.0.1", "1.1.0"),
    # Before 1.0.0 (initial development, SemVer 2.0.0 §4) every place moves one down.
    ("0.1.0", "minor", remove_required_field, "0.1.1", "0.2.0", "1.0.0"),
    ("0.1.0", "patch", add_optional_field, "0.1.0", "0.1.1", "0.2.0"),
    ("0.1.0", "patch", retitle, "0.1.0", "0.1.1", "1.0.0"),
]
_CHANGES = ("breaking", "compatible", "cosmetic")


@pytest.mark.parametrize(
    ("base", "needed", "edit", "low", "enough", "larger"),
    BUMPS,
    ids=[f"{b[0]}-{change}" for b, change in zip(BUMPS, _CHANGES * 2, strict=True)],
)
def test_bump_in_both_directions(
    tmp_path: Path,
    invoke: Any,
    base: str,
    needed: str,
    edit: Callable[[Data], None],
    low: str,
    enough: str,
    larger: str,
) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    if base != "1.0.0":
        repo.fachakte(lambda d: None, version=base)
        repo.commit("in development")
    repo.fachakte(edit, version=low)
    too_low = check(invoke, repo)
    assert too_low.exit_code == 1, too_low.output
    assert f"the changes need a {needed} bump (to {enough} or higher)" in too_low.output
    for version in (enough, larger):
        repo.fachakte(lambda d: None, version=version)
        result = check(invoke, repo)
        assert result.exit_code == 0, (version, result.output)
        assert f"ok: testakte {base} → {version} ({needed} bump needed)" in result.output


def test_bump_without_changes_fails(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(lambda d: None, version="1.0.1")
    result = check(invoke, repo)
    assert result.exit_code == 1
    assert "FD002: testakte: version bumped from 1.0.0 to 1.0.1 without any change" in result.output
    assert "set the version back to 1.0.0" in result.output


def test_version_going_backwards_fails(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(lambda d: None, version="1.2.0")
    repo.commit("1.2.0")
    repo.fachakte(add_optional_field, version="1.1.5")
    result = check(invoke, repo)
    assert result.exit_code == 1
    assert "FD003: testakte: version went backwards from 1.2.0 to 1.1.5" in result.output


def test_new_fachakte_passes_with_any_version(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.add_second_fachakte(version="0.4.2")
    result = check(invoke, repo)
    assert result.exit_code == 0, result.output
    assert "ok: zweitakte 0.4.2 is new" in result.output


def test_removed_fachakte_is_a_note(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    (repo.definitions / "fachakten" / "testakte.yaml").unlink()
    result = check(invoke, repo)
    assert result.exit_code == 0, result.output
    assert "note: testakte 1.0.0 was removed; nothing to bump (FD122)" in result.output


def test_base_means_the_merge_base_like_git_diff_three_dots(tmp_path: Path, invoke: Any) -> None:
    """main bumps one Fachakte after the branch point, the branch another: the branch is
    compared with where it left main, so main's later bump is no 'version went backwards'."""
    repo = GitCatalogue(tmp_path / "repo")
    repo.add_second_fachakte()
    repo.commit("zweitakte")
    git(repo.repo, "checkout", "-q", "-b", "feature")
    repo.fachakte(add_optional_field, version="1.1.0")
    repo.commit("feature")
    git(repo.repo, "checkout", "-q", "main")
    repo.edit(
        "fachakten/zweitakte.yaml", lambda d: d.update(title="Zweitakte neu", version="1.0.1")
    )
    repo.commit("hotfix on main")
    git(repo.repo, "checkout", "-q", "feature")
    result = invoke("check-version", "--base", "main", cwd=repo.repo)
    assert result.exit_code == 0, result.output
    assert result.output == (
        "ok: testakte 1.0.0 → 1.1.0 (minor bump needed)\n"
        "versions ok (1 Fachakte changed since main)\n"
    )
    diff = invoke("diff", "--base", "main", "--format", "json", cwd=repo.repo)
    assert diff.exit_code == 0, diff.output
    assert [f["id"] for f in json.loads(diff.output)["fachakten"]] == ["testakte"]
    changelog = invoke("changelog", "--base", "main", cwd=repo.repo)
    assert "Testakte (`testakte`)" in changelog.output and "zweitakte" not in changelog.output


def test_unrelated_histories_have_no_merge_base(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    git(repo.repo, "checkout", "-q", "--orphan", "other")
    repo.commit("unrelated")
    result = invoke("check-version", "--base", "main", cwd=repo.repo)
    assert result.exit_code == 2
    assert "'main' and HEAD have no common history" in result.stderr
    assert "Traceback" not in result.stderr


def test_github_annotations_and_json(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(remove_required_field, version="1.1.0")
    github = check(invoke, repo, "--format", "github")
    assert github.exit_code == 1
    assert github.output.startswith(
        "::error file=definitions/fachakten/testakte.yaml,line=3,col=10,endColumn=15,"
        "title=FD001::testakte: version got a minor bump to 1.1.0"
    )
    assert "FD101 breaking: field 'antragsdatum' removed" in github.output
    # Run from a subfolder in a workflow, the file is still named from the repository root,
    # as GitHub resolves it ($GITHUB_WORKSPACE).
    below = invoke(
        "check-version",
        "--base",
        "HEAD",
        "--format",
        "github",
        cwd=repo.definitions / "fachakten",
        env={"GITHUB_WORKSPACE": str(repo.repo)},
    )
    assert below.stdout.startswith("::error file=definitions/fachakten/testakte.yaml,line=3,")
    report = json.loads(check(invoke, repo, "--format", "json").output.split("\nError")[0])
    [entry] = report["fachakten"]
    assert (entry["ok"], entry["required_bump"]) == (False, "major")
    assert entry["changes"][0]["element"] == "field:antragsdatum"


def test_invalid_base_fails_with_the_reason(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(lambda d: d.update(version="eins"))
    repo.commit("broken version")
    repo.fachakte(lambda d: None, version="1.0.0")
    result = invoke("check-version", "--base", "HEAD", cwd=repo.repo)
    assert result.exit_code == 1
    assert "HEAD:definitions/fachakten/testakte.yaml:3:10" in result.stderr
    assert "the base revision HEAD does not validate (1 error)" in result.stderr
    assert "Traceback" not in result.stderr


def test_base_is_required(tmp_path: Path, invoke: Any) -> None:
    result = invoke("check-version", cwd=tmp_path)
    assert result.exit_code == 2 and "Missing option '--base'" in result.stderr


def _without(data: Data, field_id: str) -> Data:
    """The Fachakte without a field and the lists that merely assign it."""
    data["fields"] = [f for f in data["fields"] if f["id"] != field_id]
    data["akte"]["fields"] = [f for f in data["akte"]["fields"] if f != field_id]
    for document in data["document_types"]:
        document["fields"] = [f for f in document.get("fields", []) if f != field_id]
    return data


def test_headline_on_the_shipped_catalogue(tmp_path: Path, invoke: Any) -> None:
    """The same promise on the real catalogue: the first required field that can go without
    touching other references is removed from a real Fachakte."""
    repo = tmp_path / "repo"
    copy_catalogue(repo / "definitions")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "add", "-A")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    for path in sorted((repo / "definitions" / "fachakten").glob("*.yaml")):
        original = path.read_text(encoding="utf-8")
        data = load_yaml(original)
        for field in (f for f in data["fields"] if f.get("required")):
            path.write_text(
                dump(_without(copy.deepcopy(data), field["id"]), sort_keys=False),
                encoding="utf-8",
            )
            if invoke("validate", repo / "definitions").exit_code == 0:
                failed = invoke("check-version", "--base", "HEAD", cwd=repo)
                assert failed.exit_code == 1
                assert f"{data['id']}: version stayed at {data['version']}" in failed.output
                assert f"FD101 breaking: field '{field['id']}' removed" in failed.output
                major = f"{int(data['version'].split('.')[0]) + 1}.0.0"
                bumped = _without(copy.deepcopy(data), field["id"]) | {"version": major}
                path.write_text(dump(bumped, sort_keys=False), encoding="utf-8")
                passed = invoke("check-version", "--base", "HEAD", cwd=repo)
                assert passed.exit_code == 0, passed.output
                return
        path.write_text(original, encoding="utf-8")
    pytest.fail("no required field of the shipped catalogue could be removed cleanly")
