"""Bausteine, tenants with delegations, and the Aktenplan get their own sections in the German
changelog and in the Markdown diff; the output is the same in any environment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from catalogue_cases import with_delegations
from test_diff_support import GitCatalogue

# The changelog follows the chosen language; these tests read its German.
GERMAN = {"FACHAKTE_LANG": "de"}


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> GitCatalogue:
    """One change of each kind on top of the delegation fixture, left uncommitted."""
    repo = with_delegations(tmp_path_factory.mktemp("sections"))
    repo.edit(
        "bausteine/adresse.yaml",
        lambda d: d["fields"][1].update(title="Postleitzahl") or d.update(version="1.0.1"),
    )
    repo.fachakte(lambda d: None, version="1.0.1")
    repo.edit("delegations.yaml", lambda d: d["delegations"][0]["roles"].append("leitung"))
    repo.edit("tenants.yaml", lambda d: d["tenants"][1].update(doxis4_unit="NORD2", short="NORD"))
    repo.edit("aktenplan.yaml", lambda d: d["units"][1].update(title="Prüfgruppe"))
    return repo


def test_changelog_has_a_section_per_kind(changed: GitCatalogue, invoke: Any) -> None:
    result = invoke("changelog", "--base", "HEAD", cwd=changed.repo, env=GERMAN)
    assert result.exit_code == 0, result.output
    assert result.output == "\n".join(
        [
            "# Änderungen der E-Fachakten seit `HEAD`",
            "",
            "## Testakte (`testakte`)",
            "",
            "Version 1.0.0 → 1.0.1.",
            "",
            "### Redaktionelle Änderungen (Patch)",
            "",
            "- Feld „Postleitzahl“ (anschrift.plz): Bezeichnung von „PLZ“ zu „Postleitzahl“ "
            "geändert (FD301)",
            "",
            "## Bausteine",
            "",
            "### Adresse (`adresse`)",
            "",
            "Version 1.0.0 → 1.0.1.",
            "",
            "#### Redaktionelle Änderungen (Patch)",
            "",
            "- Feld „Postleitzahl“ (plz): Bezeichnung von „PLZ“ zu „Postleitzahl“ geändert (FD301)",
            "",
            "## Mandanten und Aufgabenübertragungen",
            "",
            "### Einschränkende Änderungen",
            "",
            "- Mandant „Stadt Nord“ (nord): Doxis4-Mandant von NORD zu NORD2 geändert; der Import "
            "zielt auf einen anderen Mandanten (FD414)",
            "",
            "### Erweiternde Änderungen",
            "",
            "- Aufgabenübertragung „testakte_west_nord“: Rolle „leitung“ übertragen (FD405)",
            "",
            "## Aktenplan",
            "",
            "### Redaktionelle Änderungen",
            "",
            "- Aktenplaneinheit „99“: Bezeichnung von „Testgruppe“ zu „Prüfgruppe“ geändert "
            "(FD423)",
            "",
        ]
    )


def test_embedded_changelog_keeps_the_sections_one_level_down(changed: GitCatalogue) -> None:
    from fachakte_compiler.diff.changelog import changelog_since

    text = changelog_since(changed.definitions, "HEAD")
    assert text.startswith("### Testakte (`testakte`)\n")
    for heading in ("### Bausteine", "#### Adresse (`adresse`)", "### Aktenplan"):
        assert f"\n{heading}\n" in text
    assert "\n### Mandanten und Aufgabenübertragungen\n\n#### Einschränkende Änderungen\n" in text


def test_markdown_and_text_show_the_sections(changed: GitCatalogue, invoke: Any) -> None:
    args = ("diff", "--base", "HEAD", "--format", "markdown")
    markdown = invoke(*args, cwd=changed.repo, env={"FACHAKTE_LANG": "de"}).output
    assert "\n## Bausteine\n\n| Baustein | Version | Änderungen | Nötige Versionserhöhung |" in (
        markdown
    )
    assert "| Adresse (`adresse`) | 1.0.0 → 1.0.1 | 1 redaktionell | Patch-Version |" in markdown
    assert "\n## Mandanten und Aufgabenübertragungen\n" in markdown
    # No "(major)": a tenant has no version to raise.
    assert (
        "| `FD414` | inkompatibel | Mandant „Stadt Nord“ (nord): Doxis4-Mandant von NORD zu NORD2"
        in markdown
    )
    assert "\n## Aktenplan\n" in markdown
    english = invoke(*args, cwd=changed.repo).output
    assert "| Adresse (`adresse`) | 1.0.0 → 1.0.1 | 1 cosmetic | patch |" in english
    assert "\n## Tenants and delegations\n\nNo version of their own, hence no version" in english
    assert "| `FD414` | breaking | tenant 'nord': Doxis4" in english
    text = invoke("diff", "--base", "HEAD", cwd=changed.repo).output
    assert "delegations.yaml (no version; shown for review)" in text
    assert "5 changes in 1 Fachakte, 1 Baustein and 3 catalogue files" in text


def test_same_bytes_in_any_environment(changed: GitCatalogue, fachakte: Any) -> None:
    outputs = set()
    for env in (
        {"TZ": "UTC", "LC_ALL": "C", "PYTHONHASHSEED": "1"},
        {"TZ": "Asia/Kathmandu", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "977"},
    ):
        runs = [
            fachakte(*args, cwd=changed.repo, env=env)
            for args in (
                ("diff", "--base", "HEAD", "--format", "json"),
                ("diff", "--base", "HEAD", "--format", "markdown"),
                ("changelog", "--base", "HEAD"),
            )
        ]
        assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
        outputs.add(tuple(r.stdout for r in runs))
    assert len(outputs) == 1


def test_changelog_of_an_untouched_catalogue(tmp_path: Path, invoke: Any) -> None:
    repo = with_delegations(tmp_path)
    text = invoke("changelog", "--base", "HEAD", cwd=repo.repo, env=GERMAN).output
    assert text.endswith("Keine fachlichen Änderungen seit `HEAD`.\n")
    assert "Bausteine" not in text and "Mandanten" not in text
