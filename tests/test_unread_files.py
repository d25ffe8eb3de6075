"""No silent skips: a definition file in a place the catalogue does not read is an error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import invoke_cli


def test_files_the_catalogue_would_never_read_are_errors(catalogue: Path) -> None:
    nested = catalogue / "fachakten" / "entwurf"
    nested.mkdir()
    shutil.copy(catalogue / "fachakten" / "hundesteuer.yaml", nested / "hundesteuer.yaml")
    (catalogue / "gebuehren.yaml").write_text("id: gebuehren\n", encoding="utf-8")
    result = invoke_cli("validate", catalogue, "--format", "json")
    assert result.exit_code == 1, result.stdout
    found = {(Path(d["file"]).name, d["code"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert found == {("hundesteuer.yaml", "FA020"), ("gebuehren.yaml", "FA020")}
    text = invoke_cli("validate", catalogue / "fachakten" / "wohngeld.yaml").stdout
    assert "FA020" in text and "fachakten/*.yaml" in text  # names the places that are read


def test_a_clean_catalogue_has_no_unread_files(catalogue: Path) -> None:
    assert invoke_cli("validate", catalogue).exit_code == 0


def test_compile_reports_an_unread_file_even_when_its_cache_is_warm(
    catalogue: Path, tmp_path: Path
) -> None:
    out, cache = tmp_path / "build", tmp_path / "cache"
    build = ("compile", catalogue, "--target", "docs", "-o", out, "--cache-dir", cache)
    assert invoke_cli(*build).exit_code == 0
    before = sorted(p.read_bytes() for p in out.rglob("*") if p.is_file())
    stray = catalogue / "fachakten" / "entwurf" / "neu.yaml"
    stray.parent.mkdir()
    stray.write_text("id: neu\n", encoding="utf-8")
    result = invoke_cli(*build)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "nothing changed" not in result.stdout
    assert "FA020" in result.stdout and "fachakten/*.yaml" in result.stdout
    assert sorted(p.read_bytes() for p in out.rglob("*") if p.is_file()) == before


def test_a_finding_about_a_file_that_was_not_read_shows_no_empty_source_line(
    catalogue: Path,
) -> None:
    (catalogue / "gebuehren.yaml").write_text("id: gebuehren\n", encoding="utf-8")
    result = invoke_cli("validate", catalogue)
    block = next(b for b in result.stdout.split("\n\n") if "FA020" in b)
    assert " 1 | " not in block and "^" not in block
    assert block.splitlines()[1] == (
        "  = help: move it to one of those places, or out of the catalogue folder"
    )
