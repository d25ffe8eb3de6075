"""Formats and tenants that would let two Akten share an Aktenzeichen are findings, each with its
own code (FA218–FA220, FA305); the examples of the declarations cover one case each, these the
other shapes of the same kinds."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import copy_catalogue

MINI = Path(__file__).parent / "fixtures" / "mini"
FORMAT = '"{kennzeichen}-{jahr}-{laufnummer:5}"'


def _codes(invoke: Callable[..., Result], root: Path) -> set[str]:
    result = invoke("validate", root, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return {d["code"] for d in json.loads(result.output)["diagnostics"]}


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("{kennzeichen}-{jahr}-{laufnummer:99999999}", "FA218"),
        ("{kennzeichen}-{jahr}-{laufnummer:²}", "FA218"),
        ("{kennzeichen}-{jahr}-{laufnummer:11}", "FA218"),
        ("{kennzeichen}-{laufnummer}-{laufnummer:5}", "FA219"),
        ("{kennzeichen}-{jahr}-{laufnummer:5}}", "FA220"),
        ("{kennzeichen-{jahr}-{laufnummer:5}", "FA220"),
    ],
)
def test_aktenzeichen_format(
    invoke: Callable[..., Result], tmp_path: Path, fmt: str, expected: str
) -> None:
    root = copy_catalogue(tmp_path / "mini", MINI)
    path = root / "fachakten" / "beispiel.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(FORMAT, f'"{fmt}"'), "utf-8")
    assert expected in _codes(invoke, root)


def test_widths_from_one_to_ten_and_none_pass(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    root = copy_catalogue(tmp_path / "mini", MINI)
    path = root / "fachakten" / "beispiel.yaml"
    text = path.read_text(encoding="utf-8")
    for fmt in ("{kennzeichen}-{jahr}-{laufnummer:1}", "{kennzeichen}-{laufnummer:10}"):
        path.write_text(text.replace(FORMAT, f'"{fmt}"'), "utf-8")
        assert not {"FA218", "FA219", "FA220"} & _codes(invoke, root)


def test_a_short_code_equal_to_another_tenants_unit(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    """{einheit} is `short`, else `doxis4_unit`: a short code that equals another tenant's unit
    collides as well."""
    root = copy_catalogue(tmp_path / "mini", MINI)
    path = root / "tenants.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("doxis4_unit: WESTDORF\n", "doxis4_unit: WESTDORF\n    short: KREIS\n"),
        "utf-8",
    )
    assert "FA305" in _codes(invoke, root)
    path.write_text(
        text.replace("doxis4_unit: WESTDORF\n", "doxis4_unit: WESTDORF\n    short: WD\n"),
        "utf-8",
    )
    assert "FA305" not in _codes(invoke, root)
