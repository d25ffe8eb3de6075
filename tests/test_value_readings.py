"""Values that YAML or a regex engine could read differently than written are findings.

Each case edits one line of a copy of the shipped catalogue and runs the real `fachakte
validate`; a value that validate accepts must mean what it says in every output.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from conftest import DEFINITIONS

Invoke = Callable[..., Result]

WOHNGELD = "fachakten/wohngeld.yaml"
ANSCHRIFT = "bausteine/anschrift.yaml"
PLZ = '    pattern: "^[0-9]{5}$"'

# name -> (file, line as shipped, line as edited, code, text in the message)
CASES: dict[str, tuple[str, str, str, str, str]] = {
    "version with a final line break": (
        WOHNGELD,
        "version: 3.0.0",
        'version: "3.0.0\\n"',
        "FA105",
        "'3.0.0\\n' has a line break or spaces around the version; write 3.0.0",
    ),
    "code-list key with a final line break": (
        WOHNGELD,
        "      - key: mietzuschuss",
        '      - key: "mietzuschuss\\n"',
        "FA105",
        "'mietzuschuss\\n' is not a valid key: use letters A-Z and a-z",
    ),
    "float where an integer is meant": (
        WOHNGELD,
        "    years: 10",
        "    years: 10.0",
        "FA103",
        "expected an integer, found the number 10.0 with a decimal point",
    ),
    "date and time in delegations.yaml": (
        "delegations.yaml",
        '    valid_from: "2026-01-01"',
        "    valid_from: 2026-01-01 10:00:00",
        "FA103",
        "expected a date, found a date and time",
    ),
    "date and time in aktenplan.yaml": (
        "aktenplan.yaml",
        "    title: Personalverwaltung",
        "    title: Personalverwaltung\n    valid_from: 2026-01-01T10:00:00Z",
        "FA103",
        "expected a date, found a date and time",
    ),
    "Python named group": (ANSCHRIFT, PLZ, '    pattern: "^(?P<plz>[0-9]{5})$"', "FA216", ""),
    "Python end of text": (ANSCHRIFT, PLZ, '    pattern: "^[0-9]{5}\\\\Z"', "FA216", ""),
    "POSIX class": (ANSCHRIFT, PLZ, '    pattern: "^[[:digit:]]+$"', "FA216", ""),
    "digit shorthand": (ANSCHRIFT, PLZ, '    pattern: "^\\\\d{5}$"', "FA217", "'\\d'"),
    "any character": (ANSCHRIFT, PLZ, '    pattern: "^.{5}$"', "FA217", "'.'"),
    "no anchors": (ANSCHRIFT, PLZ, '    pattern: "[0-9]{5}"', "FA217", "whole value"),
    "alternatives outside a group": (
        ANSCHRIFT,
        PLZ,
        '    pattern: "^[0-9]{5}|[0-9]{4}$"',
        "FA217",
        "'|' outside a group",
    ),
    "non-capturing group": (ANSCHRIFT, PLZ, '    pattern: "^(?:[0-9]{5})$"', "FA217", "XML Schema"),
    "Java class intersection": (ANSCHRIFT, PLZ, '    pattern: "^[0-9&&5]+$"', "FA217", "&&"),
    "unquoted base-60 number": (
        WOHNGELD,
        "      - key: mietzuschuss",
        "      - key: 1:30",
        "FA011",
        "'1:30'",
    ),
}


def _edit(catalogue: Path, file: str, old: str, new: str) -> None:
    path = catalogue / file
    text = path.read_text(encoding="utf-8")
    assert f"\n{old}\n" in text, old
    path.write_text(text.replace(f"\n{old}\n", f"\n{new}\n", 1), encoding="utf-8")


def _findings(invoke: Invoke, catalogue: Path) -> tuple[int, list[dict[str, Any]], str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = invoke("validate", catalogue, "--format", "json")
    shown = result.stderr + "".join(str(w.message) for w in caught)
    return result.exit_code, json.loads(result.stdout)["diagnostics"], shown


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_reading_is_one_finding(invoke: Invoke, catalogue: Path, name: str) -> None:
    file, old, new, code, text = CASES[name]
    _edit(catalogue, file, old, new)
    status, found, stderr = _findings(invoke, catalogue)
    assert status == 1, (found, stderr)
    assert stderr == ""  # and no Python warning (a FutureWarning for "[[:" leaked once)
    mine = [d for d in found if d["file"].endswith(file)]
    assert [d["code"] for d in mine] == [code], mine
    assert text in mine[0]["message"]
    assert mine[0]["line"] > 0 and mine[0]["column"] > 0


@pytest.mark.parametrize(
    "pattern", ["^\\\\p{L}+$", "^[\\\\p{Lu}][\\\\p{L} \\\\-]*$", "^[^@ ]+@[^@ ]+$", "^a\\\\$$"]
)
def test_patterns_all_targets_read_alike_are_accepted(
    invoke: Invoke, catalogue: Path, pattern: str
) -> None:
    _edit(catalogue, ANSCHRIFT, PLZ, f'    pattern: "{pattern}"')
    status, found, _ = _findings(invoke, catalogue)
    assert (status, found) == (0, [])


@pytest.mark.parametrize(
    # reproducible-builds.org: ASCII digits only; no sign, blank, fraction or other script.
    "value",
    ["yesterday", "-1", " 1000", "1000 ", "+5", "1.5", "١٢٣", "1e9"],
)
def test_an_invalid_source_date_epoch_is_a_usage_error(
    invoke: Invoke, tmp_path: Path, value: str
) -> None:
    out = tmp_path / "build"
    result = invoke("compile", DEFINITIONS, "-o", out, env={"SOURCE_DATE_EPOCH": value})
    assert result.exit_code == 2, result.stderr
    assert "SOURCE_DATE_EPOCH must be a whole number" in result.stderr
    assert "ASCII digits only" in result.stderr and repr(value) in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("value", ["99999999999999", "99999999999999999999"])
def test_a_source_date_epoch_beyond_year_9999_says_so(
    invoke: Invoke, tmp_path: Path, value: str
) -> None:
    out = tmp_path / "build"
    result = invoke("compile", DEFINITIONS, "-o", out, env={"SOURCE_DATE_EPOCH": value})
    assert result.exit_code == 2, result.stderr
    assert f"SOURCE_DATE_EPOCH {value} lies beyond the year 9999" in result.stderr
    assert "ASCII digits only" not in result.stderr
    assert not out.exists()
