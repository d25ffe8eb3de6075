"""`fachakte drift --xdomea`: an exported 0301 file plan compared with the catalogue's."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import DEFINITIONS, invoke_cli

ENV = {"FACHAKTE_XDOMEA_XSD_DIR": "", "SOURCE_DATE_EPOCH": "1700000000", "FACHAKTE_LANG": "en"}


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Meschede's own 0301 message, as a DMS holding exactly the catalogue would export it."""
    out = tmp_path_factory.mktemp("build")
    result = invoke_cli(
        "compile", DEFINITIONS, "--target", "xdomea", "--tenant", "meschede", "-o", out, env=ENV
    )
    assert result.exit_code == 0, result.stderr
    (message,) = (out / "meschede" / "xdomea").glob("*.xml")
    return message.read_bytes()


def _drift(tmp_path: Path, data: bytes, *extra: str) -> tuple[int, str, str]:
    message = tmp_path / "export.xml"
    message.write_bytes(data)
    result = invoke_cli(
        "drift", DEFINITIONS, "--tenant", "meschede", "--xdomea", message, *extra, env=ENV
    )
    return result.exit_code, result.stdout, result.stderr


def test_our_own_export_shows_no_drift(tmp_path: Path, export: bytes) -> None:
    code, out, err = _drift(tmp_path, export)
    assert (code, err) == (0, "")
    assert "no drift" in out


def test_a_renamed_unit_and_a_changed_retention_are_named(tmp_path: Path, export: bytes) -> None:
    text = export.decode()
    title = "<xdomea:Inhaltsangabe>Allgemeine Verwaltung</xdomea:Inhaltsangabe>"
    assert text.count(title) == 1
    text = text.replace(title, "<xdomea:Inhaltsangabe>Verwaltung (lokal)</xdomea:Inhaltsangabe>")
    # The Grundsteuer unit keeps its Kennzeichen but gets 7 instead of its years.
    marker = "<xdomea:Kennzeichen>22.10.10</xdomea:Kennzeichen>"
    head, tail = text.split(marker)
    years_start = tail.index("<xdomea:AnzahlJahre>")
    years_end = tail.index("</xdomea:AnzahlJahre>")
    old_years = tail[years_start + len("<xdomea:AnzahlJahre>") : years_end]
    tail = tail[:years_start] + "<xdomea:AnzahlJahre>7" + tail[years_end:]
    code, out, _ = _drift(tmp_path, (head + marker + tail).encode(), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert [(f["code"], f["object"]) for f in report["findings"]] == [
        ("DR603", "1"),
        ("DR603", "22.10.10"),
    ]
    messages = [f["message"] for f in report["findings"]]
    assert "title: release 'Allgemeine Verwaltung', installed 'Verwaltung (lokal)'" in messages[0]
    assert f"retention: release {old_years} years, installed 7 years" in messages[1]
    assert messages[0].startswith("Aktenplan unit 1: ")
    # xdomea's terms stay the standard's words in German, and only there.
    german = invoke_cli(
        "drift",
        DEFINITIONS,
        "--tenant",
        "meschede",
        "--xdomea",
        tmp_path / "export.xml",
        env={**ENV, "FACHAKTE_LANG": "de"},
    )
    assert "DR603 Aktenplaneinheit 1: Inhaltsangabe: Release 'Allgemeine Verwaltung'" in (
        german.stdout
    )
    assert f"Aufbewahrungsdauer: Release {old_years} J., installiert 7 J." in german.stdout


def test_a_changed_disposition_and_retired_flag_are_named_in_english(
    tmp_path: Path, export: bytes
) -> None:
    text = export.decode()
    marker = "<xdomea:Kennzeichen>22.10.10</xdomea:Kennzeichen>"
    head, tail = text.split(marker)
    tail = tail.replace("<xdomea:Stillgelegt>false<", "<xdomea:Stillgelegt>true<", 1)
    code, out, _ = _drift(tmp_path, (head + marker + tail).encode())
    assert code == 1
    assert "DR603 Aktenplan unit 22.10.10: retired: release no, installed yes" in out
    for german in ("Stillgelegt", "Aktenplaneinheit", "Inhaltsangabe", " J.", "unbefristet"):
        assert german not in out


def test_an_entity_expansion_document_is_refused(tmp_path: Path) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<xdomea:Aktenplan.Aktenplan.0301 xmlns:xdomea="urn:xoev-de:xdomea:schema:3.0.0">&b;'
        b"</xdomea:Aktenplan.Aktenplan.0301>"
    )
    code, out, err = _drift(tmp_path, bomb)
    assert code == 2 and out == ""  # 1 is reserved for drift
    assert "declares a DTD" in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["github", "sarif", "codequality"])
def test_drift_reports_in_the_finding_formats_of_validate(
    tmp_path: Path, export: bytes, fmt: str
) -> None:
    title = "<xdomea:Inhaltsangabe>Allgemeine Verwaltung</xdomea:Inhaltsangabe>"
    changed = export.decode().replace(title, "<xdomea:Inhaltsangabe>X</xdomea:Inhaltsangabe>")
    report = tmp_path / f"drift.{fmt}"
    code, out, err = _drift(tmp_path, changed.encode(), "--format", fmt, "-o", report)
    assert (code, out, err) == (1, "", "")
    text = report.read_text(encoding="utf-8")
    line = "Aktenplan unit 1: title: release 'Allgemeine Verwaltung', installed 'X'"
    if fmt == "github":
        where = f"file={Path(os.path.relpath(DEFINITIONS)).as_posix()}"
        assert text == f"::error {where},title=DR603::{line}\n"
    elif fmt == "sarif":
        (result,) = json.loads(text)["runs"][0]["results"]
        assert (result["ruleId"], result["level"], result["message"]["text"]) == (
            "DR603",
            "error",
            line,
        )
    else:
        (issue,) = json.loads(text)
        assert issue["check_name"] == "DR603" and issue["severity"] == "major"
        assert issue["description"] == f"DR603: {line}"
    # The unchanged export: exit 0 and a report without findings.
    code, out, err = _drift(tmp_path, export, "--format", fmt, "-o", report)
    assert (code, out, err) == (0, "", "")
    empty = {"github": "\n", "codequality": "[]\n"}.get(fmt)
    text = report.read_text(encoding="utf-8")
    assert text == empty if empty else json.loads(text)["runs"][0]["results"] == []


def as_export_of_the_kreis(message: bytes) -> bytes:
    """Meschede's file plan as if the Hochsauerlandkreis's DMS held it: the Kreis runs no
    Friedhof, Grundsteuer, … (used_by), so these units are left over in its export."""
    meschede, kreis = b"<code>05958032</code>", b"<code>059580000000</code>"
    assert message.count(meschede) == 1
    return message.replace(meschede, kreis)


def test_units_of_a_fachakte_the_tenant_does_not_run_are_named_as_such(
    tmp_path: Path, export: bytes
) -> None:
    message = tmp_path / "export.xml"
    message.write_bytes(as_export_of_the_kreis(export))
    args = ("drift", DEFINITIONS, "--tenant", "hsk", "--xdomea", message)
    result = invoke_cli(*args, "--format", "json", env=ENV)
    assert result.exit_code == 1, result.stderr
    found = {f["object"]: f for f in json.loads(result.stdout)["findings"]}
    # Every unit the Kreis lacks is of a Fachakte it does not run, none foreign (DR602).
    assert {f["code"] for f in found.values()} == {"DR604"}
    assert {"22.20.10", "22.20", "67.30.10", "50.60.10"} <= set(found)
    assert found["22.20.10"]["message"] == (
        "Aktenplan unit 22.20.10 belongs to Fachakte hundesteuer, which this tenant does not "
        "run (used_by)"
    )
    assert "Fachakten gewerbesteuer, grundsteuer" in found["22.10"]["message"]
    german = invoke_cli(*args, env={**ENV, "FACHAKTE_LANG": "de"})
    assert (
        "DR604 Aktenplaneinheit 22.20.10 gehört zur Fachakte hundesteuer, die dieser Mandant "
        "nicht führt (used_by)"
    ) in german.stdout
    # A Kennzeichen outside the catalogue stays DR602.
    foreign = export.replace(b">67.30.10<", b">67.99.10<")
    message.write_bytes(as_export_of_the_kreis(foreign))
    result = invoke_cli(*args, "--format", "json", env=ENV)
    codes = {f["object"]: f["code"] for f in json.loads(result.stdout)["findings"]}
    assert (codes["67.99.10"], codes["67.30"]) == ("DR602", "DR604")
