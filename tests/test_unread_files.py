"""No silent skips: a definition file in a place the catalogue does not read is an error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import run_fachakte


def test_files_the_catalogue_would_never_read_are_errors(catalogue: Path) -> None:
    nested = catalogue / "fachakten" / "entwurf"
    nested.mkdir()
    shutil.copy(catalogue / "fachakten" / "hundesteuer.yaml", nested / "hundesteuer.yaml")
    (catalogue / "gebuehren.yaml").write_text("id: gebuehren\n", encoding="utf-8")
    result = run_fachakte("validate", catalogue, "--format", "json")
    assert result.returncode == 1, result.stdout
    found = {(Path(d["file"]).name, d["code"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert found == {("hundesteuer.yaml", "FA020"), ("gebuehren.yaml", "FA020")}
    text = run_fachakte("validate", catalogue / "fachakten" / "wohngeld.yaml").stdout
    assert "FA020" in text and "fachakten/*.yaml" in text  # names the places that are read


def test_a_clean_catalogue_has_no_unread_files(catalogue: Path) -> None:
    assert run_fachakte("validate", catalogue).returncode == 0
