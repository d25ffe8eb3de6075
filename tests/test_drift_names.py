"""Installed objects whose names only look like the catalogue's naming scheme (a Cyrillic
letter, a blank around the name, an invisible character), and names the organization holds
twice with different properties, are findings of their own (DR701, DR702), never "no drift"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import DEFINITIONS, invoke_cli
from drift_server import answers_for
from fachakte_compiler.drift.expected import ExpectedSource
from test_drift_hostile_files import write_snapshot

TENANT = "brilon"


@pytest.fixture(scope="module")
def expected() -> ExpectedSource:
    return ExpectedSource.from_catalogue([DEFINITIONS])


def _drift(
    expected: ExpectedSource, tmp_path: Path, answers: dict[str, Any], language: str = "en"
) -> tuple[int, list[dict[str, Any]], str]:
    folder = write_snapshot(tmp_path / "snap_brilon", answers, expected.organization(TENANT))
    args = ("drift", DEFINITIONS, "--tenant", TENANT, "--snapshot", folder)
    result = invoke_cli(*args, "--format", "json", env={"FACHAKTE_LANG": "en"})
    text = invoke_cli(*args, env={"FACHAKTE_LANG": language})
    assert result.stderr == "" and text.stderr == "", result.stderr + text.stderr
    return result.exit_code, json.loads(result.stdout)["findings"], text.stdout


def _descriptor(name: str, data_type: str = "STRING") -> dict[str, Any]:
    return {
        "uuid": f"uuid-{name.encode('unicode_escape').decode()}",
        "name": name,
        "shortName": "Lokal",
        "attributeDataType": data_type,
        "length": 40,
        "multivalueType": "NONE",
    }


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("W\u041eHNGELD_LOKAL", "'\u041e' is U+041E CYRILLIC CAPITAL LETTER O, not a Latin letter"),
        (" WOHNGELD_LOKAL", "a blank before or after the name"),
        ("WOHNGELD_LOKAL\u200b", "an invisible character (U+200B ZERO WIDTH SPACE)"),
        ("\u0412RILON_FRIEDHOF_KASSE", "U+0412 CYRILLIC CAPITAL LETTER VE"),
    ],
)
def test_a_name_that_only_looks_like_the_scheme_is_reported(
    expected: ExpectedSource, tmp_path: Path, name: str, said: str
) -> None:
    answers = answers_for(expected.inventory(TENANT))
    group = name.endswith("KASSE")
    if group:
        answers["groups"].append({"uuid": "uuid-lookalike", "name": name})
    else:
        answers["attributeDefinitions"].append(_descriptor(name))
    code, findings, text = _drift(expected, tmp_path, answers)
    assert code == 1
    (finding,) = findings
    assert (finding["code"], finding["object"]) == ("DR701", name)
    shown = name.encode("unicode_escape").decode() if "\u200b" in name else name
    what = "group" if group else "descriptor"
    assert finding["message"].startswith(f"{what} '{shown}' only looks like a name of the"), (
        finding["message"]
    )
    assert said in finding["message"] and "not part of the release" in finding["message"]
    assert f"DR701 {what} '{shown}'" in text


def test_a_lookalike_is_named_in_german(expected: ExpectedSource, tmp_path: Path) -> None:
    answers = answers_for(expected.inventory(TENANT))
    answers["attributeDefinitions"].append(_descriptor("W\u041eHNGELD_LOKAL"))
    _, _, text = _drift(expected, tmp_path, answers, "de")
    assert "DR701 Deskriptor 'W\u041eHNGELD_LOKAL' sieht nur wie ein Name" in text
    assert "'\u041e' ist U+041E CYRILLIC CAPITAL LETTER O, kein lateinischer Buchstabe" in text


def test_a_plain_local_name_stays_a_local_development(
    expected: ExpectedSource, tmp_path: Path
) -> None:
    answers = answers_for(expected.inventory(TENANT))
    answers["attributeDefinitions"] += [_descriptor("WOHNGELD_LOKAL"), _descriptor("ЛОКАЛЬНО")]
    code, findings, _ = _drift(expected, tmp_path, answers)
    assert code == 1
    assert [(f["code"], f["object"]) for f in findings] == [("DR103", "WOHNGELD_LOKAL")]


def test_a_name_held_twice_with_different_properties_is_reported(
    expected: ExpectedSource, tmp_path: Path
) -> None:
    answers = answers_for(expected.inventory(TENANT))
    (first,) = (
        d for d in answers["attributeDefinitions"] if d["name"] == "FRIEDHOF_ANZAHL_STELLEN"
    )
    answers["attributeDefinitions"].append(
        {**first, "uuid": "uuid-2", "attributeDataType": "STRING"}
    )
    (group,) = answers["groups"][:1]
    answers["groups"].append({**group, "uuid": "uuid-3"})
    code, findings, text = _drift(expected, tmp_path, answers)
    assert code == 1
    assert {(f["code"], f["object"]) for f in findings} == {
        ("DR702", "FRIEDHOF_ANZAHL_STELLEN"),
        ("DR702", group["name"]),
    }
    assert (
        "DR702 descriptor 'FRIEDHOF_ANZAHL_STELLEN' exists more than once, with different "
        "properties"
    ) in text
    # The same answer twice (a repeated page) is one object, not a duplicate.
    answers = answers_for(expected.inventory(TENANT))
    answers["attributeDefinitions"].append(dict(first))
    code, findings, _ = _drift(expected, tmp_path / "again", answers)
    assert (code, findings) == (0, [])
