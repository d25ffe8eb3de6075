"""A value that misses a pattern of the schema (FA105) gets a message in the user's language
that names what is expected, never the regular expression or the schema's German title in
English, and the spelling that was probably meant (`22-20-20`: 22.20.20)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import invoke_cli
from fachakte_compiler.check.pattern_texts import FORMATS, PATTERNS
from fachakte_compiler.check.pattern_texts import ONE_LINE as PATTERN_ONE_LINE
from fachakte_compiler.resources import LANGUAGE_SCHEMAS, schemas_dir
from support.catalogue import MINI, copy_catalogue, edit_catalogue


def _values(node: Any, keyword: str) -> Iterator[str]:
    """Every value of `keyword` (pattern, format) in a JSON Schema."""
    if isinstance(node, dict):
        if isinstance(node.get(keyword), str):
            yield node[keyword]
        for value in node.values():
            yield from _values(value, keyword)
    elif isinstance(node, list):
        for value in node:
            yield from _values(value, keyword)


def _used(keyword: str) -> set[str]:
    return {
        value
        for kind in LANGUAGE_SCHEMAS
        for value in _values(
            json.loads((schemas_dir() / f"{kind}.schema.json").read_text(encoding="utf-8")),
            keyword,
        )
    }


def test_every_pattern_and_format_of_the_language_schemas_is_described() -> None:
    patterns, formats = _used("pattern"), _used("format")
    assert len(patterns) >= 10 and formats
    assert sorted(patterns - PATTERNS.keys()) == []
    assert sorted(formats - FORMATS.keys()) == []
    # An entry without its pattern in a schema would be a description of nothing.
    assert sorted(PATTERNS.keys() - patterns) == []
    assert sorted(FORMATS.keys() - formats) == []


# pattern -> (a value that misses it as authors write it, the value meant)
WRITTEN = {
    "^[a-z][a-z0-9_]*$": ("Fundört", "fundoert"),
    r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$": (
        "Antragsteller/Geburtsdatum",
        "antragsteller.geburtsdatum",
    ),
    r"^[0-9]{1,3}(\.[0-9]{1,3}){0,5}$": ("22-20-20", "22.20.20"),
    r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$": ("v1.02.0", "1.2.0"),
    "^https://": (
        "http://www.gesetze-im-internet.de/wogg/",
        "https://www.gesetze-im-internet.de/wogg/",
    ),
    "^[A-Za-z0-9][A-Za-z0-9_.-]*$": ("Miete Ü", "Miete_Ue"),
    "^[A-Z][A-Z0-9_]{1,31}$": ("Brilon-Stadt", "BRILON_STADT"),
    "^[A-Z][A-Z0-9_]{1,63}$": ("Aktenplan HSK", "AKTENPLAN_HSK"),
    "^[0-9]{8}$": ("05 958 004", "05958004"),
    "^[A-Z]{2,6}$": ("Ar", "AR"),
    PATTERN_ONE_LINE: ("Bürger\u202eamt\tHSK", "Bürgeramt HSK"),
}


_ANY_DAY = "write a day of the calendar as YYYY-MM-DD, such as 2026-01-31"
# Written, meant, and what the message says is wrong before it asks for YYYY-MM-DD.
DATES = {
    "31.12.2027": ("2027-12-31", _ANY_DAY),
    "1.2.26": ("2026-02-01", _ANY_DAY),
    "2027/1/5": ("2027-01-05", _ANY_DAY),
    "2027-1-5": ("2027-01-05", _ANY_DAY),
    "20271231": ("2027-12-31", _ANY_DAY),
    "2027-12-31 10:00": ("2027-12-31", _ANY_DAY),
    # No day of the calendar: nothing to propose; the part that is wrong is named.
    "31.2.2027": (
        "31.2.2027",
        "February 2027 has 28 days; write a day of the calendar as YYYY-MM-DD",
    ),
    "2028-02-30": (
        "2028-02-30",
        "February 2028 has 29 days; write a day of the calendar as YYYY-MM-DD",
    ),
    "2027-13-31": ("2027-13-31", "a year has the months 01 to 12; " + _ANY_DAY),
    # Eight digits that spell no date are not judged as one (`12345678` is hardly month 56).
    "12345678": ("12345678", _ANY_DAY),
}


def test_every_described_pattern_has_an_example_here() -> None:
    assert sorted(PATTERNS.keys() - WRITTEN.keys()) == []


@pytest.mark.parametrize(("written", "meant", "why"), [(w, *m) for w, m in DATES.items()])
def test_a_date_in_another_order_is_proposed_as_yyyy_mm_dd(
    written: str, meant: str, why: str
) -> None:
    assert FORMATS["date"].meant(written) == meant
    assert FORMATS["date"].describe(written) == f"'{written}' is not a date: {why}"


@pytest.mark.parametrize("pattern", sorted(WRITTEN))
@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_message_names_what_is_expected_and_the_meant_spelling_fits(
    pattern: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACHAKTE_LANG", lang)
    written, meant = WRITTEN[pattern]
    assert re.search(pattern, written) is None
    assert re.search(pattern, meant) is not None
    expected = PATTERNS[pattern]
    assert expected.meant(written) == meant
    message = expected.describe(written)
    assert message.startswith(f"'{written}' ")
    assert pattern not in message and "[" not in message and "{" not in message
    german = " ist " in message
    assert german is (lang == "de"), message


def _catalogue(tmp_path: Path) -> Path:
    """The test catalogue with one value per kind of pattern (and a date) written wrongly."""
    root = copy_catalogue(tmp_path / "definitions", MINI)
    edits = {
        "fachakten/beispiel.yaml": [
            ('kennzeichen: "99.10"', 'kennzeichen: "99-10"'),
            ("version: 1.2.0", "version: v1.02.0"),
            ("      - key: folgeantrag", "      - key: Folge Antrag"),
        ],
        "delegations.yaml": [('valid_until: "2027-12-31"', 'valid_until: "31.12.2027"')],
        "tenants.yaml": [
            ('ags: "05999004"', 'ags: "05 999 004"'),
            ("doxis4_unit: NORDSTADT", "doxis4_unit: Nordstadt"),
            ("  - id: westdorf", "  - id: Westdorf"),
        ],
    }
    return edit_catalogue(root, edits)


def _fa105(root: Path, lang: str) -> dict[str, str | None]:
    result = invoke_cli("validate", root, "--format", "json", env={"FACHAKTE_LANG": lang})
    assert result.exit_code == 1, result.output
    found = json.loads(result.stdout)["diagnostics"]
    return {d["message"]: d.get("hint") for d in found if d["code"] == "FA105"}


def test_validate_says_what_each_value_should_be_in_english(tmp_path: Path) -> None:
    found = _fa105(_catalogue(tmp_path), "en")
    assert found == {
        "'99-10' is not a valid Aktenplan Kennzeichen: write one to six groups of one to "
        "three digits, separated by dots, such as 50.60.10": "did you mean '99.10'?",
        "'v1.02.0' is not a version MAJOR.MINOR.PATCH: write three numbers without leading "
        "zeros, separated by dots, such as 1.2.0": "did you mean '1.2.0'?",
        "'Folge Antrag' is not a valid key: use letters A-Z and a-z, digits, _, . and -, "
        "starting with a letter or a digit": "did you mean 'Folge_Antrag'?",
        "'05 999 004' is not an Amtlicher Gemeindeschlüssel (AGS): write its 8 digits, such "
        "as 05958004": "did you mean '05999004'?",
        "'Nordstadt' is not a valid Doxis4 name: use 2 to 32 capital letters A-Z, digits and "
        "_, starting with a letter": "did you mean 'NORDSTADT'?",
        # The tenant's id: the owners and delegations that name it are not also findings.
        "'Westdorf' is not a valid id: use lowercase letters a-z, digits and _, starting "
        "with a letter": "did you mean 'westdorf'?",
        "'31.12.2027' is not a date: write a day of the calendar as YYYY-MM-DD, such as "
        "2026-01-31": "did you mean '2027-12-31'?",
    }


def test_validate_says_what_each_value_should_be_in_german(tmp_path: Path) -> None:
    found = _fa105(_catalogue(tmp_path), "de")
    assert found[
        "'99-10' ist kein gültiges Aktenplankennzeichen: ein bis sechs Gruppen aus "
        "ein bis drei Ziffern, durch Punkte getrennt, etwa 50.60.10"
    ] == ("ist '99.10' gemeint?")
    assert (
        found[
            "'Westdorf' ist keine gültige Kennung: nur Kleinbuchstaben a–z, Ziffern "
            "und _, am Anfang ein Buchstabe"
        ]
        == "ist 'westdorf' gemeint?"
    )
    assert len(found) == 7 and all(" ist kein" in m for m in found), found


# A pattern for each error of the regular-expression engine that has its own words.
BROKEN_PATTERNS = {
    "^[a$": "Unbalanced bracket",
    "^(a$": "Unbalanced parenthesis",
    "^a{2,1}$": "Invalid quantifier",
    "^*a$": "Invalid atom character",
    "^(?P<n>a)$": "Invalid group modifier",
    "^(?<1>a)$": "Invalid token at named capture group identifier",
    "^[z-a]$": "Range values reversed, start char code is greater than end char code.",
    "^\\c$": "Invalid character escape",
    "^[\\d-z]$": "Invalid character range",
    "^(?<a>x)(?<a>y)$": "Duplicate capture group name",
}


@pytest.mark.parametrize("pattern", sorted(BROKEN_PATTERNS))
@pytest.mark.parametrize("language", ["en", "de"])
def test_a_broken_pattern_is_explained_in_the_user_s_language(
    pattern: str, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fachakte_compiler.check.pattern_dialect import _ENGINE_ERRORS, pattern_problem

    monkeypatch.setenv("FACHAKTE_LANG", language)
    engine = BROKEN_PATTERNS[pattern]
    problem = pattern_problem(pattern)
    assert problem is not None
    assert engine in _ENGINE_ERRORS  # the engine still says it in these words
    assert engine not in problem.message, problem.message
    lead = "kein gültiger regulärer Ausdruck" if language == "de" else "not a valid regular"
    assert problem.message.startswith(lead), problem.message


def test_a_broken_pattern_in_a_definition_speaks_german_throughout(tmp_path: Path) -> None:
    from support.catalogue import copy_catalogue

    catalogue = copy_catalogue(tmp_path / "definitions")
    path = catalogue / "fachakten" / "hundesteuer.yaml"
    text = path.read_text(encoding="utf-8")
    field = "    type: string\n"
    assert field in text
    path.write_text(text.replace(field, field + '    pattern: "^[a-$"\n', 1), encoding="utf-8")
    result = invoke_cli("validate", catalogue, env={"FACHAKTE_LANG": "de"})
    assert result.exit_code == 1
    (line,) = [line for line in result.stdout.splitlines() if "Fehler FA216" in line]
    assert "kein gültiger regulärer Ausdruck" in line and "Range values" not in line, line


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ('"Beispiel\\u202Eakte"', "Beispielakte"),  # right-to-left override
        ('"Beispiel\\takte"', "Beispiel akte"),
        ('"Beispiel\\nakte"', "Beispiel akte"),
        ('"Beispiel\\u0085akte"', "Beispielakte"),  # NEL, a C1 control
    ],
    ids=["bidi-override", "tab", "line-break", "control"],
)
def test_a_title_or_label_is_one_line_of_visible_text(
    tmp_path: Path, written: str, meant: str
) -> None:
    from support.catalogue import MINI, copy_catalogue

    catalogue = copy_catalogue(tmp_path / "definitions", MINI)
    path = catalogue / "fachakten" / "beispiel.yaml"
    text = path.read_text(encoding="utf-8")
    for shipped in ("title: Beispielakte\n", "        label: Erstantrag\n"):
        assert shipped in text
        broken = text.replace(shipped, shipped.split(":")[0] + f": {written}\n", 1)
        path.write_text(broken, encoding="utf-8")
        result = invoke_cli("validate", catalogue, "--format", "json")
        assert result.exit_code == 1
        found = json.loads(result.stdout)["diagnostics"]
        assert [(d["code"], d["hint"]) for d in found if d["severity"] == "error"] == [
            ("FA105", f"did you mean '{meant}'?")
        ], found
        assert "is not one line of visible text" in found[0]["message"]
