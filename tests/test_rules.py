"""Each schema and semantic rule, triggered by one small change to a valid catalogue.

A case replaces a snippet of a fixture file and names the text the caret must point at; the
expected line and column are derived from where that text stands in the changed file.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import copy_catalogue

MINI = Path(__file__).parent / "fixtures" / "mini"
FA = "fachakten/beispiel.yaml"


Case = tuple[str, list[tuple[str, str]], str, str, int]


def _case(
    file: str,
    old: str | list[tuple[str, str]],
    new: str,
    code: str,
    anchor: str,
    occurrence: int = 1,
) -> Case:
    """`old` -> `new` in `file` (or a list of replacements); the caret must be at the
    `occurrence`-th `anchor` of the changed file."""
    replacements = old if isinstance(old, list) else [(old, new)]
    return (file, replacements, code, anchor, occurrence)


CASES = {
    # editor support
    "schema-comment": _case(
        FA,
        "# yaml-language-server: $schema=../../schemas/fachakte.schema.json",
        "# Beispielakte",
        "FA013",
        "# Beispielakte",
    ),
    "wrong-schema": _case(
        FA, "schemas/fachakte.schema.json", "schemas/baustein.schema.json", "FA013", "# yaml"
    ),
    # schema
    "missing-key": _case(
        FA, "title: Beispielakte\ndescription", "description", "FA101", "id: beispiel"
    ),
    "unknown-key": _case(
        FA, "    decimal_places: 2\n", "    decimal_place: 2\n", "FA102", "decimal_place"
    ),
    "wrong-type": _case(
        FA, "owners: [kreis, nordstadt, suedstadt]", "owners: kreis", "FA103", "kreis"
    ),
    "yaml11-bool": _case(FA, "title: Beispielakte\n", "title: no\n", "FA011", "no"),
    "invalid-choice": _case(FA, "disposition: B", "disposition: X", "FA104", "X"),
    "invalid-value": _case(FA, "version: 1.2.0", 'version: "1.2"', "FA105", '"1.2"'),
    "alternatives": _case(FA, "    years: 10\n", "", "FA106", "retention"),
    # references
    "unknown-field": _case(
        FA, "fields: [bescheiddatum]", "fields: [bescheid_datum]", "FA201", "bescheid_datum"
    ),
    "unknown-code-list": _case(
        FA, "code_list: antragsart", "code_list: antragsarten", "FA202", "antragsarten"
    ),
    "unknown-document-type": _case(
        FA,
        "document_types: [bescheid]",
        "document_types: [bescheid, bescheide]",
        "FA203",
        "bescheide",
    ),
    "unknown-register": _case(
        FA, "- register: antrag", "- register: antraege", "FA204", "antraege"
    ),
    "unknown-role": _case(
        FA,
        "roles: [sachbearbeitung, leitung]",
        "roles: [sachbearbeitung, leitng]",
        "FA205",
        "leitng",
    ),
    "unknown-baustein": _case(FA, "baustein: person", "baustein: persn", "FA206", "persn"),
    "unknown-owner": _case(
        FA,
        "owners: [kreis, nordstadt, suedstadt]",
        "owners: [kreis, nordstadt, suedstat]",
        "FA207",
        "suedstat",
    ),
    "unknown-state": _case(FA, "to: abgeschlossen", "to: abgeschlosen", "FA208", "abgeschlosen"),
    "unknown-fachakte": _case(
        "delegations.yaml", "fachakte: beispiel", "fachakte: beispil", "FA209", "beispil"
    ),
    "no-laufnummer": _case(
        FA,
        '"{kennzeichen}-{jahr}-{laufnummer:5}"',
        '"{kennzeichen}-{jahr}"',
        "FA210",
        '"{kennzeichen}-{jahr}"',
    ),
    "bad-display-title": _case(
        FA, "{antragsteller.nachname}", "{antragsteller.name}", "FA210", '"{antragsteller.name}'
    ),
    "unfiled-document": _case(
        FA, "document_types: [bescheid]", "document_types: [antrag]", "FA211", "bescheid\n", 1
    ),
    "unused-field": _case(FA, "fields: [bescheiddatum]", "fields: []", "FA212", "bescheiddatum", 1),
    "type-mismatch": _case(
        FA,
        "    type: date\n    required: true\n",
        "    type: date\n    required: true\n    max_length: 3\n",
        "FA213",
        "max_length: 3",
    ),
    "id-file-mismatch": _case(FA, "id: beispiel", "id: beispiel_neu", "FA215", "beispiel_neu"),
    "bad-pattern": _case(
        "bausteine/person.yaml",
        "    max_length: 100\n    required: true\n    personal_data: personal\n  - id: nachname",
        "    max_length: 100\n    pattern: '[A-Z'\n    required: true\n"
        "    personal_data: personal\n  - id: nachname",
        "FA216",
        "'[A-Z'",
    ),
    # uniqueness
    "duplicate-id": _case(
        FA,
        "  - id: leitung\n",
        "  - id: sachbearbeitung\n",
        "FA301",
        "sachbearbeitung\n    title: Leitung",
    ),
    "duplicate-kennzeichen": _case(
        FA, 'kennzeichen: "99.10"', 'kennzeichen: "99.10"', "FA303", "x"
    ),
    "duplicate-ags": _case(
        "tenants.yaml", 'ags: "05999008"', 'ags: "05999004"', "FA304", '"05999004"', 2
    ),
    # ownership
    "owners-distinct": _case(
        FA,
        "owners: [kreis, nordstadt, suedstadt]",
        "owners: [kreis, nordstadt, kreis]",
        "FA401",
        "kreis]",
    ),
    # retention
    "below-minimum": _case(FA, "      years: 6\n", "      years: 5\n", "FA501", "5\n"),
    "outlives-akte": _case(FA, "      years: 6\n", "      years: 12\n", "FA502", "12"),
    "archive-in-destroyed": _case(
        FA,
        [
            ("    disposition: B", "    disposition: V"),
            ("      disposition: V", "      disposition: A"),
        ],
        "",
        "FA502",
        "A\n      legal",
    ),
    "trigger-field": _case(
        FA, "    trigger: akte_geschlossen", "    trigger: feld", "FA503", "feld"
    ),
    # workflow
    "initial-state": _case(
        FA,
        "      title: In Bearbeitung\n",
        "      title: In Bearbeitung\n      initial: true\n",
        "FA601",
        "true\n    - id: abgeschlossen",
        1,
    ),
    "unreachable-state": _case(
        FA,
        "    - from: eingegangen\n      to: in_bearbeitung\n",
        "    - from: eingegangen\n      to: eingegangen\n",
        "FA602",
        "in_bearbeitung\n      title",
    ),
    "no-final-state": _case(FA, "      final: true\n", "", "FA603", "states"),
    "relative-field": _case(
        FA,
        "      after_state: in_bearbeitung\n",
        "      relative_to_field: antragsart\n",
        "FA604",
        "antragsart\n      days",
    ),
    # delegations
    "self-delegation": _case(
        "delegations.yaml", "to: nordstadt", "to: westdorf", "FA701", "westdorf", 3
    ),
    "overlap": _case(
        "delegations.yaml",
        "    legal_basis: Ö",
        "    legal_basis: X\n"
        "  - id: zweite\n    fachakte: beispiel\n    from: westdorf\n"
        "    to: suedstadt\n    roles: [leitung]\n    valid_from: 2027-06-01\n"
        "    legal_basis: Ö",
        "FA703",
        "2027-06-01",
    ),
    "duplicate-definition": _case(
        "bausteine/person.yaml", "id: person\n", "id: person\n", "FA302", "person"
    ),
    "period": _case(
        "delegations.yaml",
        'valid_until: "2027-12-31"',
        'valid_until: "2025-12-31"',
        "FA702",
        '"2025-12-31"',
    ),
}


def _apply(root: Path, case: Case) -> tuple[str, int, int]:
    file, replacements, code, anchor, occurrence = case
    path = root / file
    changed = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in changed, f"fixture does not contain {old!r}"
        changed = changed.replace(old, new, 1)
    path.write_text(changed, encoding="utf-8")
    index = -1
    for _ in range(occurrence):
        index = changed.index(anchor, index + 1)
    line = changed.count("\n", 0, index) + 1
    col = index - (changed.rfind("\n", 0, index) + 1) + 1
    return code, line, col


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    target = tmp_path / "mini"
    copy_catalogue(target, MINI)
    return target


def test_fixture_is_clean(invoke: Callable[..., Result], mini: Path) -> None:
    result = invoke("validate", mini)
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule(invoke: Callable[..., Result], mini: Path, name: str) -> None:
    case = CASES[name]
    if name == "duplicate-definition":
        # A second file defines the building block 'person' again.
        shutil.copy(mini / "bausteine" / "person.yaml", mini / "bausteine" / "mensch.yaml")
        code, line, col, file = "FA302", 2, 5, "bausteine/person.yaml"
    elif name == "duplicate-kennzeichen":
        # A second Fachakte on the same Aktenplan position.
        text = (mini / FA).read_text(encoding="utf-8").replace("id: beispiel", "id: zweite")
        (mini / "fachakten" / "zweite.yaml").write_text(text, encoding="utf-8")
        code, line, col = "FA303", text.count("\n", 0, text.index('"99.10"')) + 1, 16
        file = "fachakten/zweite.yaml"
    else:
        code, line, col = _apply(mini, case)
        file = case[0]
    result = invoke("validate", mini, "--format", "json")
    report = json.loads(result.output)
    found = {
        (d["code"], Path(d["file"]).as_posix().split("mini/")[-1], d["line"], d["column"])
        for d in report["diagnostics"]
    }
    assert (code, file, line, col) in found, sorted(found)
    severity = {d["code"]: d["severity"] for d in report["diagnostics"]}[code]
    assert result.exit_code == (1 if severity == "error" else 0)


def test_every_semantic_code_is_covered() -> None:
    from fachakte_compiler.code_table import all_codes

    covered = {case[2] for case in CASES.values()}
    rule_codes = {c.code for c in all_codes() if c.code[2] in "1234567" and c.code.startswith("FA")}
    # FA402 (owner load) needs a catalogue of its own: see test_owner_load.
    assert rule_codes - covered <= {"FA402"}, sorted(rule_codes - covered)


def test_owner_load(invoke: Callable[..., Result], mini: Path) -> None:
    text = (mini / FA).read_text(encoding="utf-8")
    for i in range(4):
        clone = text.replace("id: beispiel", f"id: kopie{i}").replace('"99.10"', f'"99.2{i}"')
        (mini / "fachakten" / f"kopie{i}.yaml").write_text(clone, encoding="utf-8")
    result = invoke("validate", mini)
    assert "warning FA402: tenant 'kreis' leads 5 Fachakten" in result.output
    assert result.exit_code == 0, result.output
