"""A date written wrongly in any date field of a catalogue gets a finding that says what is
wrong with it and what to write, in English and German, at its file:line:column: a day that
does not exist (quoted or not), digits without dashes, a date with a time, a month 13, an empty
value; and a delegation that ends before it starts says how to fix that. Each through the real
CLI (`validate`, `compile`) on a copy of the test catalogue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import copy_catalogue, invoke_cli
from fachakte_compiler.resources import SCHEMA_KINDS, schemas_dir
from support.catalogue import edit_catalogue

MINI = Path(__file__).parent / "fixtures" / "mini"

# An Aktenplan with the level of the test catalogue's Fachakte (99.10) and one more.
AKTENPLAN = """\
title: Testplan
units:
  - kennzeichen: "99"
    title: Testgruppe
    valid_from: {first}
  - kennzeichen: "98"
    title: Weitere Gruppe
    valid_until: {second}
"""

SECOND_DELEGATION = """\
  - id: beispiel_nordstadt_kreis
    fachakte: beispiel
    from: nordstadt
    to: kreis
    roles: [sachbearbeitung]
    valid_from: "2026-03-01"
    valid_until: 2026-02-28
    legal_basis: Öffentlich-rechtliche Vereinbarung
"""

Where = tuple[str, int, int]


def _catalogue(tmp_path: Path, edits: dict[str, list[tuple[str, str]]], plan: str) -> Path:
    root = copy_catalogue(tmp_path / "definitions", MINI)
    (root / "aktenplan.yaml").write_text(plan, encoding="utf-8")
    return edit_catalogue(root, edits)


def _place(root: Path, name: str, written: str) -> Where:
    """file, line and column (1-based) of the first `written` in the catalogue's file `name`."""
    text = (root / name).read_text(encoding="utf-8")
    index = text.index(written)
    return name, text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _empty(root: Path, name: str, key: str) -> Where:
    """Where the empty value of the first `key` (written with its colon) stands: after it."""
    file, line, col = _place(root, name, key)
    return file, line, col + len(key.rstrip())


def _findings(root: Path, lang: str) -> dict[Where, tuple[str, str, str | None]]:
    result = invoke_cli("validate", root, "--format", "json", env={"FACHAKTE_LANG": lang})
    assert result.exit_code == 1, result.output
    return {
        (Path(d["file"]).as_posix().split("definitions/")[-1], d["line"], d["column"]): (
            d["code"],
            d["message"],
            d.get("hint"),
        )
        for d in json.loads(result.stdout)["diagnostics"]
        if d["severity"] == "error"
    }


@pytest.fixture
def written_wrongly(tmp_path: Path) -> Path:
    """Every date field of the language with a value the schema or a rule rejects."""
    edits = {
        "delegations.yaml": [
            ("valid_from: 2026-01-01", "valid_from: 20260101"),
            ('valid_until: "2027-12-31"', 'valid_until: "2027-02-29"'),
        ],
        "fachakten/beispiel.yaml": [
            ("    type: date\n    required: true\n", '    type: date\n    minimum: "20260101"\n')
        ],
    }
    root = _catalogue(tmp_path, edits, AKTENPLAN.format(first="2026-01-01 10:00", second='"13.13"'))
    with (root / "delegations.yaml").open("a", encoding="utf-8") as file:
        file.write(SECOND_DELEGATION)
    plan = root / "aktenplan.yaml"
    text = plan.read_text("utf-8").replace('"13.13"', '"2026-13-01"')
    plan.write_text(text.replace(" 10:00\n", " 10:00\n    valid_until:\n"), "utf-8")
    return root


def _expected_wrong(root: Path) -> dict[Where, dict[str, tuple[str, str, str | None]]]:
    return {
        _place(root, "delegations.yaml", "20260101"): {
            "en": (
                "FA103",
                "'20260101' is not a date: write a day of the calendar as YYYY-MM-DD, such as "
                "2026-01-31",
                "did you mean '2026-01-01'?",
            ),
            "de": (
                "FA103",
                "'20260101' ist kein Datum: einen Kalendertag als JJJJ-MM-TT angeben, etwa "
                "2026-01-31",
                "ist '2026-01-01' gemeint?",
            ),
        },
        _place(root, "delegations.yaml", '"2027-02-29"'): {
            "en": (
                "FA105",
                "'2027-02-29' is not a date: February 2027 has 28 days; write a day of the "
                "calendar as YYYY-MM-DD",
                None,
            ),
            "de": (
                "FA105",
                "'2027-02-29' ist kein Datum: der Februar 2027 hat 28 Tage; einen Kalendertag "
                "als JJJJ-MM-TT angeben",
                None,
            ),
        },
        _place(root, "delegations.yaml", "2026-02-28"): {
            "en": (
                "FA702",
                "delegation 'beispiel_nordstadt_kreis' ends (2026-02-28) before it starts "
                "(2026-03-01)",
                "set valid_until to 2026-03-01 or later, swap the two dates if they were "
                "exchanged, or remove valid_until for a delegation without end",
            ),
            "de": (
                "FA702",
                "Aufgabenübertragung 'beispiel_nordstadt_kreis' endet (2026-02-28), bevor sie "
                "beginnt (2026-03-01)",
                "valid_until auf 2026-03-01 oder später setzen, die beiden Daten tauschen, "
                "falls sie vertauscht wurden, oder valid_until für eine unbefristete "
                "Übertragung entfernen",
            ),
        },
        _place(root, "aktenplan.yaml", "2026-01-01 10:00"): {
            "en": (
                "FA105",
                "'2026-01-01 10:00' is not a date: write a day of the calendar as YYYY-MM-DD, "
                "such as 2026-01-31",
                "write the date alone: 2026-01-01",
            ),
            "de": (
                "FA105",
                "'2026-01-01 10:00' ist kein Datum: einen Kalendertag als JJJJ-MM-TT angeben, "
                "etwa 2026-01-31",
                "nur das Datum schreiben: 2026-01-01",
            ),
        },
        _empty(root, "aktenplan.yaml", "valid_until:\n"): {
            "en": ("FA103", "expected a date YYYY-MM-DD, found empty (null)", None),
            "de": ("FA103", "erwartet ist ein Datum JJJJ-MM-TT, gefunden leer (null)", None),
        },
        _place(root, "aktenplan.yaml", '"2026-13-01"'): {
            "en": (
                "FA105",
                "'2026-13-01' is not a date: a year has the months 01 to 12; write a day of "
                "the calendar as YYYY-MM-DD, such as 2026-01-31",
                None,
            ),
            "de": (
                "FA105",
                "'2026-13-01' ist kein Datum: ein Jahr hat die Monate 01 bis 12; einen "
                "Kalendertag als JJJJ-MM-TT angeben, etwa 2026-01-31",
                None,
            ),
        },
        _place(root, "fachakten/beispiel.yaml", '"20260101"'): {
            "en": (
                "FA213.5",
                'minimum of a date field must be a date like "2000-01-01"',
                'write "2026-01-01"',
            ),
            "de": (
                "FA213.5",
                'minimum eines Datumsfelds muss ein Datum wie "2000-01-01" sein',
                '"2026-01-01" schreiben',
            ),
        },
    }


@pytest.mark.parametrize("lang", ["en", "de"])
def test_each_wrong_date_says_what_is_wrong_and_what_to_write(
    written_wrongly: Path, lang: str
) -> None:
    expected = {where: texts[lang] for where, texts in _expected_wrong(written_wrongly).items()}
    assert _findings(written_wrongly, lang) == expected


@pytest.fixture
def no_such_day(tmp_path: Path) -> Path:
    """Unquoted days that do not exist, which YAML cannot read as dates, in two files."""
    edits = {"delegations.yaml": [("valid_from: 2026-01-01", "valid_from: 2026-02-30")]}
    return _catalogue(tmp_path, edits, AKTENPLAN.format(first="2024-02-29", second="2026-04-31"))


@pytest.mark.parametrize(
    ("lang", "messages"),
    [
        (
            "en",
            (
                "'2026-02-30' is not a date: February 2026 has 28 days; write a day of the "
                "calendar as YYYY-MM-DD",
                "'2026-04-31' is not a date: April 2026 has 30 days; write a day of the "
                "calendar as YYYY-MM-DD",
            ),
        ),
        (
            "de",
            (
                "'2026-02-30' ist kein Datum: der Februar 2026 hat 28 Tage; einen Kalendertag "
                "als JJJJ-MM-TT angeben",
                "'2026-04-31' ist kein Datum: der April 2026 hat 30 Tage; einen Kalendertag "
                "als JJJJ-MM-TT angeben",
            ),
        ),
    ],
)
def test_an_unquoted_day_that_does_not_exist_is_named_without_quoting_advice(
    no_such_day: Path, lang: str, messages: tuple[str, str]
) -> None:
    # 2024-02-29 exists (a leap year): no finding there.
    assert _findings(no_such_day, lang) == {
        _place(no_such_day, "delegations.yaml", "2026-02-30"): ("FA002", messages[0], None),
        _place(no_such_day, "aktenplan.yaml", "2026-04-31"): ("FA002", messages[1], None),
    }


def test_compile_refuses_the_day_with_its_place_and_writes_nothing(
    no_such_day: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = invoke_cli("compile", no_such_day, "-o", out, env={"FACHAKTE_LANG": "de"})
    assert result.exit_code == 1, result.output
    file, line, col = _place(no_such_day, "delegations.yaml", "2026-02-30")
    assert (
        f"{file}:{line}:{col}: Fehler FA002: '2026-02-30' ist kein Datum: der Februar 2026 hat "
        "28 Tage; einen Kalendertag als JJJJ-MM-TT angeben"
    ) in result.stdout
    assert "Anführungszeichen" not in result.output and "Traceback" not in result.output
    assert not out.exists()


def _date_fields(schema: Any, path: str, found: set[str]) -> set[str]:
    if isinstance(schema, dict):
        if schema.get("format") == "date":
            found.add(path)
        for key, value in schema.items():
            _date_fields(value, f"{path}/{key}", found)
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            _date_fields(value, f"{path}/{index}", found)
    return found


def test_the_tests_above_cover_every_date_field_of_the_language() -> None:
    """A new `format: date` field in a language schema is to be added to the cases above."""
    found: set[str] = set()
    for kind in SCHEMA_KINDS:
        schema = json.loads((schemas_dir() / f"{kind}.schema.json").read_text("utf-8"))
        _date_fields(schema, kind, found)
    names = {path.split("/")[0] + ":" + path.split("/")[-1] for path in found}
    assert names == {
        "aktenplan:valid_from",
        "aktenplan:valid_until",
        "delegations:valid_from",
        "delegations:valid_until",
    }, sorted(found)
