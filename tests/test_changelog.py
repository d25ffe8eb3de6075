"""`fachakte changelog`: a Markdown changelog per Fachakte since a git revision, in the chosen
language; the release notes embed it in German."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fachakte_compiler.diff.changelog import changelog_since
from test_diff_support import GitCatalogue, by_id, git

Data = dict[str, Any]

# The changelog follows the chosen language; these tests read its German.
GERMAN = {"FACHAKTE_LANG": "de"}


def mixed_changes(d: Data) -> None:
    d["fields"].remove(by_id(d["fields"], "kennung"))
    by_id(d["document_types"], "bescheid")["fields"] = ["betrag", "anzahl"]
    by_id(d["fields"], "bemerkung").update(id="notiz", renamed_from=["bemerkung"])
    by_id(d["document_types"], "nachweis")["fields"] = ["notiz"]
    d["title"] = "Testakte (neu)"
    d["version"] = "2.0.0"


def test_changelog_groups_changes_by_meaning(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(mixed_changes)
    repo.commit("2.0.0")
    result = invoke("changelog", "--base", "HEAD~1", cwd=repo.repo, env=GERMAN)
    assert result.exit_code == 0, result.output
    assert result.output == "\n".join(
        [
            "# Änderungen der E-Fachakten seit `HEAD~1`",
            "",
            "## Testakte (neu) (`testakte`)",
            "",
            "Version 1.0.0 → 2.0.0.",
            "",
            "### Inkompatible Änderungen (neue Hauptversion)",
            "",
            "- Feld „Kennung“ (kennung) entfernt (FD101)",
            "- Dokumenttyp „Bescheid“ (bescheid): Feld „Kennung“ (kennung) nicht mehr zugeordnet "
            "(FD115)",
            "",
            "### Kompatible Erweiterungen (neue Nebenversion)",
            "",
            "- Feld „Bemerkung“ (notiz) umbenannt, vorher „bemerkung“ (renamed_from) (FD202)",
            "  - Migration: Feld „bemerkung“ heißt jetzt „notiz“: gespeicherte Werte und Verweise "
            "beim Import von „bemerkung“ auf „notiz“ übertragen.",
            "",
            "### Redaktionelle Änderungen (Patch)",
            "",
            "- Fachakte: Bezeichnung von „Testakte“ zu „Testakte (neu)“ geändert (FD301)",
            "",
        ]
    )


def test_changelog_in_english(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(mixed_changes)
    repo.commit("2.0.0")
    text = invoke("changelog", "--base", "HEAD~1", cwd=repo.repo).output
    assert text.startswith("# Changes of the E-Fachakten since `HEAD~1`\n")
    for line in (
        "### Breaking changes (new major version)",
        "- field 'kennung' removed (FD101)",
        "### Compatible extensions (new minor version)",
        "  - Migration: field 'bemerkung' is now 'notiz': carry stored values and references "
        "over from 'bemerkung' to 'notiz' on import.",
        "### Cosmetic changes (patch)",
    ):
        assert f"\n{line}\n" in text, line
    assert not {"Feld", "entfernt", "Änderungen", "heißt"} & set(text.split())


def test_changelog_without_changes_and_to_a_file(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    out = tmp_path / "CHANGELOG.md"
    result = invoke("changelog", "--base", "HEAD", "-o", out, cwd=repo.repo, env=GERMAN)
    assert result.exit_code == 0 and result.output == ""
    assert out.read_text(encoding="utf-8").endswith("Keine fachlichen Änderungen seit `HEAD`.\n")


def test_new_fachakte_in_changelog(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.add_second_fachakte()
    text = invoke("changelog", "--base", "HEAD", cwd=repo.repo, env=GERMAN).output
    assert "## Zweitakte (`zweitakte`)\n\nNeu im Katalog, Version 1.0.0." in text
    assert "testakte" not in text


def test_embeddable_changelog_for_release_notes(tmp_path: Path) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    git(repo.repo, "tag", "release-1")
    repo.fachakte(mixed_changes)
    # German in any language: the release notes are German documentation.
    text = changelog_since(repo.definitions, "release-1")
    assert text.startswith("### Testakte (neu) (`testakte`)\n")
    assert "#### Inkompatible Änderungen (neue Hauptversion)" in text
    missing = changelog_since(repo.definitions, "release-0")
    assert missing.startswith(
        "Die fachlichen Änderungen seit `release-0` ließen sich nicht "
        "ermitteln: unbekannte git-Revision 'release-0'"
    )
