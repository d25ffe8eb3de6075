"""Bausteine carry their own version: `diff` lists each changed Baustein by itself, and
`check-version` demands its bump by the same rules as for Fachakten, while every Fachakte
using it still needs its own bump too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from test_diff_support import ADRESSE, GitCatalogue

Data = dict[str, Any]
BAUSTEIN = "bausteine/adresse.yaml"


def shorten_street_and_drop_austria(d: Data) -> None:
    d["fields"][0]["max_length"] = 60
    d["code_lists"][0]["values"].pop()


def set_versions(repo: GitCatalogue, baustein: str, fachakte: str) -> None:
    repo.edit(BAUSTEIN, lambda d: d.update(version=baustein))
    repo.fachakte(lambda d: None, version=fachakte)


def check(invoke: Any, repo: GitCatalogue, *extra: str) -> Any:
    return invoke("check-version", "--base", "HEAD", *extra, cwd=repo.repo)


def test_changed_baustein_is_listed_by_itself_and_in_its_fachakte(
    tmp_path: Path, invoke: Any
) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.edit(BAUSTEIN, shorten_street_and_drop_austria)
    result = invoke("diff", "--base", "HEAD", "--format", "json", cwd=repo.repo)
    report = json.loads(result.output)
    [adresse] = report["bausteine"]
    assert (adresse["id"], adresse["source"], adresse["required_bump"]) == (
        "adresse",
        "bausteine/adresse.yaml",
        "major",
    )
    own = [(c["code"], c["element"]) for c in adresse["changes"]]
    assert own == [("FD107", "code_value:adresse.land.at"), ("FD104", "field:strasse")]
    attributed = [(c["code"], c["element"]) for c in report["fachakten"][0]["changes"]]
    assert attributed == [
        ("FD107", "code_value:adresse.land.at"),
        ("FD104", "field:anschrift.strasse"),
    ]
    assert "Höchstlänge 80 → 60" in adresse["changes"][1]["message_de"]
    assert report["summary"]["breaking"] == 4  # two changes, each counted where it needs a bump
    text = invoke("diff", "--base", "HEAD", cwd=repo.repo).output
    assert "Baustein adresse 1.0.0 → 1.0.0 (bausteine/adresse.yaml): needs a major bump" in text
    assert "4 changes in 1 Fachakte and 1 Baustein (4 breaking)" in text


def test_too_small_baustein_bump_fails_at_its_version_line(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.edit(BAUSTEIN, shorten_street_and_drop_austria)
    set_versions(repo, baustein="1.1.0", fachakte="2.0.0")
    failed = check(invoke, repo)
    assert failed.exit_code == 1
    assert (
        "definitions/bausteine/adresse.yaml:3:10: error FD001: Baustein adresse: version got a "
        "minor bump to 1.1.0, but the changes need a major bump (to 2.0.0 or higher)"
    ) in failed.output
    assert "FD107 breaking: value 'adresse.land.at' removed" in failed.output
    assert "ok: testakte 1.0.0 → 2.0.0 (major bump needed)" in failed.output
    assert "1 Baustein needs a different version: Baustein adresse" in failed.output


def test_enough_bump_of_both_passes(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.edit(BAUSTEIN, lambda d: d["fields"][1].update(title="Postleitzahl"))
    set_versions(repo, baustein="1.0.1", fachakte="1.0.1")
    passed = check(invoke, repo)
    assert passed.exit_code == 0, passed.output
    assert "ok: Baustein adresse 1.0.0 → 1.0.1 (patch bump needed)" in passed.output
    assert "versions ok (1 Fachakte and 1 Baustein changed since HEAD)" in passed.output


def test_using_fachakte_still_needs_its_own_bump(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.edit(BAUSTEIN, lambda d: d["code_lists"][0]["values"].append({"key": "ch", "label": "CH"}))
    repo.edit(BAUSTEIN, lambda d: d.update(version="1.1.0"))
    failed = check(invoke, repo)
    assert failed.exit_code == 1
    assert "error FD001: testakte: version stayed at 1.0.0, but the changes need a minor" in (
        failed.output
    )
    assert "ok: Baustein adresse 1.0.0 → 1.1.0 (minor bump needed)" in failed.output


def test_baustein_bump_without_change_fails(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.edit(BAUSTEIN, lambda d: d.update(version="1.0.1"))
    failed = check(invoke, repo, "--format", "github")
    assert failed.exit_code == 1
    assert failed.output.startswith(
        "::error file=definitions/bausteine/adresse.yaml,line=3,col=10,endColumn=15,"
        "title=FD002::Baustein adresse: version bumped from 1.0.0 to 1.0.1 without any change"
    )
    report = json.loads(check(invoke, repo, "--format", "json").output.split("\nError")[0])
    assert report["fachakten"] == []
    assert [(b["id"], b["ok"]) for b in report["bausteine"]] == [("adresse", False)]


def test_new_baustein_passes_with_any_version_and_removal_is_a_note(
    tmp_path: Path, invoke: Any
) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.write("bausteine/kontakt.yaml", dict(ADRESSE, id="kontakt", version="0.3.7"))
    added = check(invoke, repo)
    assert added.exit_code == 0, added.output
    assert "ok: Baustein kontakt 0.3.7 is new" in added.output
    diff = json.loads(invoke("diff", "--base", "HEAD", "--format", "json", cwd=repo.repo).output)
    assert [(b["id"], b["changes"][0]["code"]) for b in diff["bausteine"]] == [("kontakt", "FD220")]
    repo.commit("kontakt")
    (repo.definitions / "bausteine" / "kontakt.yaml").unlink()
    removed = check(invoke, repo)
    assert removed.exit_code == 0, removed.output
    assert "note: Baustein kontakt 0.3.7 was removed; nothing to bump (FD123)" in removed.output


def test_naming_one_fachakte_file_leaves_bausteine_out(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.edit(BAUSTEIN, shorten_street_and_drop_austria)
    fachakte = repo.definitions / "fachakten" / "testakte.yaml"
    only = json.loads(
        invoke("diff", "--base", "HEAD", "--format", "json", fachakte, cwd=repo.repo).output
    )
    assert only["bausteine"] == [] and only["catalogue"] == {}
    assert [f["id"] for f in only["fachakten"]] == ["testakte"]
    named = repo.definitions / BAUSTEIN
    baustein = json.loads(
        invoke("diff", "--base", "HEAD", "--format", "json", named, cwd=repo.repo).output
    )
    assert [b["id"] for b in baustein["bausteine"]] == ["adresse"]
    assert [f["id"] for f in baustein["fachakten"]] == ["testakte"]
