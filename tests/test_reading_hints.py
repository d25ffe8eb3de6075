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

# name -> (file, text as shipped, text as edited, code, {lang: (message part, hint part)})
CASES: dict[str, tuple[str, str, str, str, dict[str, tuple[str, str]]]] = {
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
