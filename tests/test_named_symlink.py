"""A definition file named on the command line that is a symbolic link to a file outside the
catalogue is a finding (FA021), not read, whether it is named alone, beside other files or
lies where the catalogue would not read it; never an internal error or a foreign catalogue."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import copy_catalogue

MINI = Path(__file__).parent / "fixtures" / "mini"
SECRET = "Geheimer Baustein von außerhalb"


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    root = copy_catalogue(tmp_path / "mini", MINI)
    outside = tmp_path / "outside" / "person.yaml"
    outside.parent.mkdir()
    text = (root / "bausteine" / "person.yaml").read_text(encoding="utf-8")
    outside.write_text(text.replace("title: Natürliche Person", f"title: {SECRET}"), "utf-8")
    assert SECRET in outside.read_text(encoding="utf-8")
    (root / "bausteine" / "person.yaml").unlink()
    (root / "bausteine" / "person.yaml").symlink_to(outside)
    (root / "fachakten" / "link.yaml").symlink_to(outside)
    return root


@pytest.mark.parametrize(
    "named",
    [
        ["bausteine/person.yaml"],
        ["fachakten/beispiel.yaml", "bausteine/person.yaml"],
        ["fachakten/link.yaml"],
    ],
)
@pytest.mark.parametrize("command", ["validate", "compile"])
def test_a_named_link_out_of_the_catalogue_is_a_finding(
    invoke: Callable[..., Result], linked: Path, tmp_path: Path, named: list[str], command: str
) -> None:
    args = [linked / name for name in named]
    if command == "validate":
        result = invoke("validate", *args, "--format", "json")
        assert result.exit_code == 1, result.output
        report = json.loads(result.output)
        flagged = {
            d["file"].split("mini/")[-1] for d in report["diagnostics"] if d["code"] == "FA021"
        }
        assert set(named) - {"fachakten/beispiel.yaml"} <= flagged
        assert SECRET not in result.output
    else:
        result = invoke("compile", *args, "-o", tmp_path / "out")
        assert result.exit_code == 1, result.output
        assert "FA021" in result.output
        assert not (tmp_path / "out").exists()
