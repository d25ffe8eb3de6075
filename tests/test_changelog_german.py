"""The German changelog reads like one, on real commits of a real git repository: elements by
their labels with the id in parentheses, no doubled words, "Dokumenttyp" as in the docs,
enumeration values in German, and a hint to `renamed_from` where a removed and an added field
look alike."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from support.catalogue import Data, GitCatalogue, by_id

# The changelog follows the chosen language; these tests read its German.
GERMAN = {"FACHAKTE_LANG": "de"}


def _edits(d: Data) -> None:
    # "bemerkung" becomes "notiz" without renamed_from: same type and title.
    by_id(d["fields"], "bemerkung").update(id="notiz")
    by_id(d["document_types"], "nachweis")["fields"] = ["notiz"]
    d["fields"].append({"id": "aktenhinweis", "title": "Aktenhinweis", "type": "string"})
    d["fields"].append(
        {"id": "eingang", "title": "Eingangsdatum", "type": "date", "required": True}
    )
    d["akte"]["fields"] += ["aktenhinweis", "eingang"]
    by_id(d["fields"], "antragsteller").update(personal_data="none", searchable=False)
    d["akte"]["retention"].update(disposition="A")
    d["document_types"].remove(by_id(d["document_types"], "bescheid"))
    by_id(d["akte"]["registers"], "bescheid")["document_types"] = ["antrag"]
    d["version"] = "2.0.0"


def _changed(tmp_path: Path) -> GitCatalogue:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(_edits)
    repo.commit("2.0.0")
    return repo


def test_changelog_names_labels_with_ids_in_german(tmp_path: Path, invoke: Any) -> None:
    repo = _changed(tmp_path)
    result = invoke("changelog", "--base", "HEAD~1", cwd=repo.repo, env=GERMAN)
    assert result.exit_code == 0, result.output
    text = result.output
    for line in (
        "- Feld „Bemerkung“ (bemerkung) entfernt (FD101)",
        "- Feld „Bemerkung“ (notiz) hinzugefügt, optional (FD201)",
        "- Feld „Eingangsdatum“ (eingang) als Pflichtfeld hinzugefügt (FD105)",
        "- Dokumenttyp „Bescheid“ (bescheid) entfernt (FD108)",
        "- Feld „Antragsteller“ (antragsteller): Personenbezug personenbezogen → kein "
        "Personenbezug (FD216)",
        "- Feld „Antragsteller“ (antragsteller): Suchfeld ja → nein (FD216)",
        "- Akte: Aussonderungsart von „bewerten – das Archiv entscheidet“ (B) zu „archivwürdig – "
        "dem Archiv anbieten“ (A) geändert (FD117)",
        "- Register „Bescheid“ (bescheid): Dokumenttyp „Antrag“ (antrag) hier abgelegt (FD214)",
    ):
        assert line in text, f"{line}\n--- in ---\n{text}"
    assert "  - Hinweis: gleicht dem entfernten Feld „bemerkung“" in text
    assert "`renamed_from: [bemerkung]`" in text
    for wrong in ("Feld Feld", "Pflichtfeld Feld", "Dokumentart", "personal", "True", "False"):
        assert wrong not in text, wrong
    # Every element is named by its label; a bare id in quotes remains only where the text
    # speaks of ids (renamed_from) or the element has no label.
    assert not re.search(r"(Feld|Dokumenttyp|Register|Rolle) „[a-z_]+“ ", text.split("Hinweis")[0])


def test_diff_suggests_renamed_from_in_text_and_json(tmp_path: Path, invoke: Any) -> None:
    repo = _changed(tmp_path)
    text = invoke("diff", "--base", "HEAD~1", cwd=repo.repo).output
    assert (
        "hint: looks like the removed field 'bemerkung' (same type and title); if it was "
        "renamed, add `renamed_from: [bemerkung]` to field 'notiz'" in text
    )
    found = json.loads(invoke("diff", "--base", "HEAD~1", "--format", "json", cwd=repo.repo).output)
    hinted = [c for f in found["fachakten"] for c in f["changes"] if "hint" in c]
    assert [c["element"] for c in hinted] == ["field:notiz"]
    assert "renamed_from: [bemerkung]" in hinted[0]["hint_de"]
    # Fields that only share a type, or only a title, are no suggestion.
    assert "aktenhinweis" not in json.dumps(hinted)


def test_following_the_hint_turns_removal_and_addition_into_a_rename(
    tmp_path: Path, invoke: Any
) -> None:
    repo = _changed(tmp_path)

    def renamed(d: Data) -> None:
        by_id(d["fields"], "notiz")["renamed_from"] = ["bemerkung"]

    repo.fachakte(renamed)
    repo.commit("renamed_from")
    text = invoke("changelog", "--base", "HEAD~2", cwd=repo.repo, env=GERMAN).output
    assert "- Feld „Bemerkung“ (notiz) umbenannt, vorher „bemerkung“ (renamed_from) (FD202)" in text
    assert "Hinweis" not in text and "(bemerkung) entfernt" not in text
