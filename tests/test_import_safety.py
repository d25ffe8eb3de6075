"""`import-aktenplan` as a new user meets it: our own export changes nothing, texts YAML would
read as something else are quoted, values the schema refuses are findings before anything is
written, and a Kennzeichen that appears twice is refused the same way by import and drift."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import DEFINITIONS, copy_catalogue, invoke_cli, tree, xdomea_message
from support.yaml_dump import load as load_yaml

ENV = {"SOURCE_DATE_EPOCH": "1700000000", "FACHAKTE_XDOMEA_XSD_DIR": "", "FACHAKTE_LANG": "en"}
TITLE = "<xdomea:Inhaltsangabe>Allgemeine Verwaltung</xdomea:Inhaltsangabe>"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("import-safety") / "build"
    result = invoke_cli(
        "compile", DEFINITIONS, "--target", "xdomea", "-o", out, "--no-cache", env=ENV
    )
    assert result.exit_code == 0, result.stderr
    return out


def _export(build: Path, tmp_path: Path, old: str, new: str, tenant: str = "hsk") -> Path:
    text = xdomea_message(build, tenant).read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "export.xml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_importing_our_own_export_changes_nothing(
    build: Path, tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    """Levels without a written retention carry a derived one in the export; it is what the
    catalogue already says, not a value to complete."""
    catalogue = copy_catalogue(tmp_path / "definitions")
    before = tree(catalogue)
    result = invoke("import-aktenplan", xdomea_message(build, "brilon"), "--definitions", catalogue)
    assert result.exit_code == 0, result.output
    assert "26 units in the export: 0 added, 0 completed, 0 conflicts, 0 skipped" in result.output
    assert "unchanged" in result.output
    assert tree(catalogue) == before


@pytest.mark.parametrize("title", ["yes", "off", "~", "0x1F", "1_000", "null", "2026-01-01"])
def test_texts_yaml_would_read_otherwise_are_quoted(
    build: Path, tmp_path: Path, invoke: Callable[..., Result], title: str
) -> None:
    folder = tmp_path / "neu"
    folder.mkdir()
    (folder / "tenants.yaml").write_bytes((DEFINITIONS / "tenants.yaml").read_bytes())
    export = _export(
        build, tmp_path, TITLE, f"<xdomea:Inhaltsangabe>{title}</xdomea:Inhaltsangabe>"
    )
    result = invoke("import-aktenplan", export, "--definitions", folder)
    assert result.exit_code == 0, result.output
    written = load_yaml((folder / "aktenplan.yaml").read_text(encoding="utf-8"))
    assert written["units"][0] == {**written["units"][0], "kennzeichen": "1", "title": title}
    checked = invoke("validate", folder)
    assert " error " not in checked.output, checked.output


def test_a_title_the_schema_refuses_is_a_finding_and_nothing_is_written(
    build: Path, tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    catalogue = copy_catalogue(tmp_path / "definitions")
    (catalogue / "aktenplan.yaml").unlink()
    before = tree(catalogue)
    long = "Sehr lange Inhaltsangabe " * 10
    export = _export(build, tmp_path, TITLE, f"<xdomea:Inhaltsangabe>{long}</xdomea:Inhaltsangabe>")
    result = invoke("import-aktenplan", export, "--definitions", catalogue)
    assert result.exit_code == 1, result.output
    assert "aktenplan.yaml:5:12: error FA105: text is longer than 200 characters" in result.output
    assert "nothing was written" in result.output
    assert tree(catalogue) == before


def test_a_kennzeichen_twice_is_refused_alike_by_import_and_drift(
    build: Path, tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    export = _export(
        build,
        tmp_path,
        "<xdomea:Kennzeichen>10.40</xdomea:Kennzeichen>",
        "<xdomea:Kennzeichen>11.10</xdomea:Kennzeichen>",
    )
    catalogue = copy_catalogue(tmp_path / "definitions")
    before = tree(catalogue)
    message = "Kennzeichen '11.10' appears twice in the file plan (first on line"
    imported = invoke("import-aktenplan", export, "--definitions", catalogue)
    assert imported.exit_code == 1
    assert message in imported.output and "nothing was written" in imported.output
    assert tree(catalogue) == before
    drift = invoke_cli("drift", catalogue, "--tenant", "hsk", "--xdomea", export, env=ENV)
    assert drift.exit_code == 2
    assert message in drift.stderr


def test_drift_refuses_an_export_addressed_to_another_tenant(build: Path, tmp_path: Path) -> None:
    """The file plan is shared, so another tenant's export would otherwise compare clean."""
    arnsberg = xdomea_message(build, "arnsberg")
    same = invoke_cli("drift", DEFINITIONS, "--tenant", "arnsberg", "--xdomea", arnsberg, env=ENV)
    assert same.exit_code == 0, same.stderr
    other = invoke_cli("drift", DEFINITIONS, "--tenant", "brilon", "--xdomea", arnsberg, env=ENV)
    assert other.exit_code == 2
    assert "addressed to Behördenschlüssel 05958004, but tenant 'brilon' has 05958012" in (
        other.stderr
    )
    assert other.stdout == ""


def test_drift_refuses_an_export_of_another_message_type(build: Path, tmp_path: Path) -> None:
    export = _export(build, tmp_path, "<code>0301</code>", "<code>0501</code>")
    result = invoke_cli("drift", DEFINITIONS, "--tenant", "hsk", "--xdomea", export, env=ENV)
    assert result.exit_code == 2
    assert "the Kopf names Nachrichtentyp 0501, not 0301" in result.stderr
