"""What `fachakte validate` says about a value it cannot take as written, in English and German.

Each case edits one line of a copy of the small test catalogue and runs the real CLI: the
finding names the value (shortened where it is long), tells what to do, and never passes on
Python's own wording.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from support.catalogue import MINI

Invoke = Callable[..., Result]

BEISPIEL = "fachakten/beispiel.yaml"
LONG = "9" * 5000

# name -> (file, text as shipped, text as edited, code, {lang: (message part, hint part)})
CASES: dict[str, tuple[str, str, str, str, dict[str, tuple[str, str]]]] = {
    "decimal with a leading zero in a value list": (
        BEISPIEL,
        "      - key: erstantrag",
        "      - key: 09",
        "FA011",
        {
            "en": (
                "YAML 1.2 reads '09' as the number 9, YAML 1.1 as a text",
                'write 9 if that number is meant, or put "09" in quotes for a text',
            ),
            "de": (
                "YAML 1.2 liest '09' als die Zahl 9, YAML 1.1 als Text",
                '9 schreiben, wenn diese Zahl gemeint ist, oder "09" für einen Text in',
            ),
        },
    ),
    "AGS with a leading zero in tenants.yaml": (
        "tenants.yaml",
        '    ags: "05999004"',
        "    ags: 05999004",
        "FA011",
        {
            "en": ("reads '05999004' as the number 5999004", 'or put "05999004" in quotes'),
            "de": ("liest '05999004' als die Zahl 5999004", 'oder "05999004" für einen Text'),
        },
    ),
    "octal of YAML 1.1 keeps its finding": (
        BEISPIEL,
        "      - key: erstantrag",
        "      - key: 010",
        "FA011",
        {"en": ("YAML 1.1 reads '010' as the number 8", 'put "010" in quotes')},
    ),
    "octal of YAML 1.2": (
        BEISPIEL,
        "      - key: erstantrag",
        "      - key: 0o17",
        "FA011",
        {"en": ("YAML 1.2 reads '0o17' as the number 15", "write 15 if that number is meant")},
    ),
    "exponent without a decimal point": (
        BEISPIEL,
        "      - key: erstantrag",
        "      - key: 1e3",
        "FA011",
        {"en": ("YAML 1.2 reads '1e3' as the number 1000.0", "write 1000.0 if that number")},
    ),
    "YAML 1.1 boolean where a boolean is expected": (
        BEISPIEL,
        "    required: true",
        "    required: no",
        "FA011",
        {
            "en": (
                "YAML 1.1 reads 'no' as the boolean false, YAML 1.2 as a text",
                "write false if a yes/no value is meant",
            ),
            "de": (
                "YAML 1.1 liest 'no' als den Wahrheitswert false, YAML 1.2 als Text",
                "false schreiben, wenn ein Ja/Nein-Wert gemeint ist",
            ),
        },
    ),
    "YAML 1.1 boolean where a text is expected": (
        BEISPIEL,
        "    title: Antragsart",
        "    title: On",
        "FA011",
        {"en": ("YAML 1.1 reads 'On' as the boolean true", 'put "On" in quotes for a text')},
    ),
    "single value where a list is expected": (
        BEISPIEL,
        "  - id: eingangsdatum",
        "  - id: eingangsdatum\n    renamed_from: eingang",
        "FA103",
        {
            "en": ("expected a list, found a string", "write [eingang]"),
            "de": ("erwartet ist eine Liste", "[eingang] schreiben"),
        },
    ),
    "number where a list is expected": (
        BEISPIEL,
        "owners: [kreis, nordstadt, suedstadt]",
        "owners: 12",
        "FA103",
        {"en": ("expected a list, found an integer", "write [12]")},
    ),
    "leading zero where a number is expected": (
        BEISPIEL,
        "    minimum: 0",
        "    minimum: 09",
        "FA011",
        # Quotes alone would make it a text, which a number key rejects (FA103).
        {"en": ("YAML 1.2 reads '09' as the number 9", "write 9 if that number is meant")},
    ),
    "number beyond Python's digit limit": (
        BEISPIEL,
        "    minimum: 0",
        f"    minimum: {LONG}",
        "FA002",
        {
            "en": (
                f"cannot read value '{'9' * 40}…': a number with more than 4300 digits",
                "put it in quotes if a text is meant",
            ),
            "de": ("eine Zahl mit mehr als 4300 Ziffern", "wenn ein Text gemeint ist"),
        },
    ),
    "integer limit written as a text": (
        BEISPIEL,
        "fields:",
        'fields:\n  - id: anzahl\n    title: Anzahl\n    type: integer\n    minimum: "1"',
        "FA213.6",
        {
            "en": ("minimum of an integer field must be a number", ""),
            "de": ("minimum eines Felds vom Typ integer muss eine Zahl sein", ""),
        },
    ),
}


def _copy(tmp_path: Path) -> Path:
    catalogue = tmp_path / "definitions"
    shutil.copytree(MINI, catalogue)
    return catalogue


def _edit(catalogue: Path, file: str, old: str, new: str) -> None:
    path = catalogue / file
    text = path.read_text(encoding="utf-8")
    assert f"\n{old}\n" in text, old
    path.write_text(text.replace(f"\n{old}\n", f"\n{new}\n", 1), encoding="utf-8")


def _errors(invoke: Invoke, catalogue: Path, lang: str) -> tuple[Result, list[dict[str, Any]]]:
    result = invoke("validate", catalogue, "--format", "json", env={"FACHAKTE_LANG": lang})
    found = json.loads(result.stdout)["diagnostics"]
    return result, [d for d in found if d["severity"] == "error"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_value_gets_one_finding_with_what_to_do(
    invoke: Invoke, tmp_path: Path, name: str
) -> None:
    file, old, new, code, texts = CASES[name]
    catalogue = _copy(tmp_path)
    _edit(catalogue, file, old, new)
    for lang, (message, hint) in texts.items():
        result, errors = _errors(invoke, catalogue, lang)
        assert result.exit_code == 1, result.output
        assert [d["code"] for d in errors] == [code], errors
        assert message in errors[0]["message"], (lang, errors[0])
        assert hint in (errors[0]["hint"] or ""), (lang, errors[0])
        assert errors[0]["file"].endswith(file) and errors[0]["line"] > 1
        # Python's own wording (digit limits, sys.set_int_max_str_digits) never shows, nor the
        # whole of a long value.
        assert "sys." not in result.output and LONG not in errors[0]["message"]


def test_the_text_report_names_the_long_number_shortened(invoke: Invoke, tmp_path: Path) -> None:
    catalogue = _copy(tmp_path)
    _edit(catalogue, BEISPIEL, "    minimum: 0", f"    minimum: {LONG}")
    result = invoke("validate", catalogue, env={"FACHAKTE_LANG": "en"})
    assert result.exit_code == 1
    assert "a number with more than 4300 digits" in result.stdout
    assert "Exceeds the limit" not in result.output and "Traceback" not in result.output
    assert max(len(line) for line in result.stdout.splitlines()) < 400


@pytest.mark.parametrize(
    ("lang", "hint"),
    [
        ("en", "write the document's keys into it (a Fachakte can start from `fachakte new"),
        ("de", "die Schlüssel des Dokuments eintragen (eine Fachakte kann mit `fachakte new"),
    ],
)
def test_an_empty_file_says_what_to_write(
    invoke: Invoke, tmp_path: Path, lang: str, hint: str
) -> None:
    catalogue = _copy(tmp_path)
    (catalogue / "fachakten" / "leer.yaml").write_text("# noch leer\n", encoding="utf-8")
    result, errors = _errors(invoke, catalogue, lang)
    assert result.exit_code == 1
    assert [(d["code"], d["file"].endswith("leer.yaml")) for d in errors] == [("FA008", True)]
    assert hint in errors[0]["hint"]


def test_the_article_fits_the_kind_of_file(invoke: Invoke, catalogue: Path) -> None:
    for name in ("aktenplan.yaml", "fachakten/wohngeld.yaml"):
        path = catalogue / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(".schema.json", "x.schema.json", 1), encoding="utf-8")
    result = invoke("validate", catalogue, "--format", "json", env={"FACHAKTE_LANG": "en"})
    hints = {
        d["file"].rsplit("/", 1)[-1]: d["hint"]
        for d in json.loads(result.stdout)["diagnostics"]
        if d["code"] == "FA013"
    }
    assert hints == {
        "aktenplan.yaml": "an aktenplan file uses aktenplan.schema.json",
        "wohngeld.yaml": "a fachakte file uses fachakte.schema.json",
    }
