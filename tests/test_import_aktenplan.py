"""`fachakte import-aktenplan`: every tenant's own 0301 message imports into an empty catalogue
as the same units, a re-imported plan compiles to the same bytes, a hand-written export with an
extra level and a retired unit merges as expected, and hostile documents are refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from conftest import DEFINITIONS, copy_catalogue, invoke_cli, tree, xdomea_message
from fachakte_compiler.safe_xml import UnsafeXml, parse_bytes
from fachakte_compiler.targets.xdomea.read import ExportedUnit, read_units
from support.yaml_dump import load as load_yaml

ENV = {"SOURCE_DATE_EPOCH": "1700000000", "FACHAKTE_XDOMEA_XSD_DIR": ""}


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("import") / "build"
    result = invoke_cli(
        "compile", DEFINITIONS, "--target", "xdomea", "-o", out, "--no-cache", env=ENV
    )
    assert result.exit_code == 0, result.stderr
    return out


def _as_yaml_unit(unit: ExportedUnit) -> dict[str, Any]:
    expected: dict[str, Any] = {"kennzeichen": unit.kennzeichen, "title": unit.title}
    if unit.retired:
        expected["retired"] = True
    if unit.valid_from:
        expected["valid_from"] = unit.valid_from
    if unit.valid_until:
        expected["valid_until"] = unit.valid_until
    period: dict[str, Any] = {"unlimited": True} if unit.unlimited else {"years": unit.years}
    expected["retention"] = {"disposition": unit.disposition, **period}
    return expected


def test_each_tenants_message_imports_into_an_empty_catalogue_as_the_same_units(
    build: Path, tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    tenants = sorted(p.name for p in build.iterdir() if (p / "xdomea").is_dir())
    assert len(tenants) == 13
    for tenant in tenants:
        message = xdomea_message(build, tenant)
        folder = tmp_path / tenant
        folder.mkdir()
        result = invoke("import-aktenplan", message, "--definitions", folder)
        assert result.exit_code == 0, result.output
        units = read_units(message)
        assert f"{len(units)} units in the export: {len(units)} added, 0 completed" in result.output
        written = load_yaml((folder / "aktenplan.yaml").read_text(encoding="utf-8"))
        assert written["title"].startswith("Gemeinsamer Aktenplan")
        assert written["units"] == sorted(
            (_as_yaml_unit(u) for u in units),
            key=lambda u: (
                u["kennzeichen"].split(".")[0],
                *map(int, u["kennzeichen"].split(".")[1:]),
            ),
        ), tenant


def test_a_catalogue_whose_plan_is_reimported_compiles_to_the_same_bytes(
    build: Path, tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    catalogue = tmp_path / "definitions"
    copy_catalogue(catalogue)
    (catalogue / "aktenplan.yaml").unlink()
    result = invoke("import-aktenplan", xdomea_message(build, "brilon"), "--definitions", catalogue)
    assert result.exit_code == 0, result.output
    # Units of Fachakten stay in the Fachakten; they agree with the export, so no conflicts.
    assert "26 units in the export: 18 added, 0 completed, 0 conflicts, 0 skipped" in result.output
    assert invoke("validate", catalogue).exit_code == 0
    out = tmp_path / "again"
    again = invoke_cli("compile", catalogue, "--target", "xdomea", "-o", out, env=ENV)
    assert again.exit_code == 0, again.stderr
    assert tree(out) == tree(build)


EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<xdomea:Aktenplan.Aktenplan.0301 xmlns:xdomea="urn:xoev-de:xdomea:schema:3.0.0">
  <xdomea:Kopf>
    <xdomea:ProzessID>4d1b7a0e-0d0b-4c44-9d53-0e2f8f4c1a11</xdomea:ProzessID></xdomea:Kopf>
  <xdomea:Aktenplan>
    <xdomea:Bezeichnung>Aktenplan der Stadt Brilon</xdomea:Bezeichnung>
    <xdomea:Version>2024</xdomea:Version>
    <xdomea:Einheit>
      <xdomea:Kennzeichen>2</xdomea:Kennzeichen>
      <xdomea:Inhaltsangabe>Finanzverwaltung</xdomea:Inhaltsangabe>
      <xdomea:Aussonderungsart>
        <xdomea:Aussonderungsart><code>A</code></xdomea:Aussonderungsart></xdomea:Aussonderungsart>
      <xdomea:Stillgelegt>false</xdomea:Stillgelegt>
      <xdomea:Aufbewahrungsdauer>
        <xdomea:AnzahlJahre>30</xdomea:AnzahlJahre></xdomea:Aufbewahrungsdauer>
      <xdomea:Einheit>
        <xdomea:Kennzeichen>22</xdomea:Kennzeichen>
        <xdomea:Inhaltsangabe>Steuern und Abgaben</xdomea:Inhaltsangabe>
        <xdomea:Aussonderungsart>
          <xdomea:Aussonderungsart><code>B</code></xdomea:Aussonderungsart></xdomea:Aussonderungsart>
        <xdomea:Stillgelegt>false</xdomea:Stillgelegt>
        <xdomea:Aufbewahrungsdauer>
          <xdomea:AnzahlJahre>10</xdomea:AnzahlJahre></xdomea:Aufbewahrungsdauer>
        <xdomea:Einheit>
          <xdomea:Kennzeichen>22.30</xdomea:Kennzeichen>
          <xdomea:Inhaltsangabe>Vollstreckung</xdomea:Inhaltsangabe>
          <xdomea:Aussonderungsart>
            <xdomea:Aussonderungsart><code>V</code></xdomea:Aussonderungsart></xdomea:Aussonderungsart>
          <xdomea:Stillgelegt>false</xdomea:Stillgelegt>
          <xdomea:Aufbewahrungsdauer>
            <xdomea:AnzahlJahre>6</xdomea:AnzahlJahre></xdomea:Aufbewahrungsdauer>
          <xdomea:Einheit>
            <xdomea:Kennzeichen>22.30.10</xdomea:Kennzeichen>
            <xdomea:Inhaltsangabe>Vollstreckungsakten bis 2019</xdomea:Inhaltsangabe>
            <xdomea:Aussonderungsart>
              <xdomea:Aussonderungsart><code>V</code></xdomea:Aussonderungsart></xdomea:Aussonderungsart>
            <xdomea:Gueltigkeit>
              <xdomea:Beginn>2005-01-01</xdomea:Beginn>
              <xdomea:Ende>2019-12-31</xdomea:Ende></xdomea:Gueltigkeit>
            <xdomea:Stillgelegt>true</xdomea:Stillgelegt>
            <xdomea:Aufbewahrungsdauer>
              <xdomea:AnzahlJahre>6</xdomea:AnzahlJahre></xdomea:Aufbewahrungsdauer>
          </xdomea:Einheit>
        </xdomea:Einheit>
        <xdomea:Einheit>
          <xdomea:Kennzeichen>22.10.10</xdomea:Kennzeichen>
          <xdomea:Inhaltsangabe>Grundsteuer</xdomea:Inhaltsangabe>
          <xdomea:Aussonderungsart>
            <xdomea:Aussonderungsart><code>A</code></xdomea:Aussonderungsart></xdomea:Aussonderungsart>
          <xdomea:Stillgelegt>false</xdomea:Stillgelegt>
          <xdomea:Aufbewahrungsdauer>
            <xdomea:Unbefristet>true</xdomea:Unbefristet></xdomea:Aufbewahrungsdauer>
        </xdomea:Einheit>
      </xdomea:Einheit>
    </xdomea:Einheit>
  </xdomea:Aktenplan>
</xdomea:Aktenplan.Aktenplan.0301>
"""


def test_a_hand_written_export_with_an_extra_level_and_a_retired_unit_merges(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    catalogue = tmp_path / "definitions"
    copy_catalogue(catalogue)
    message = tmp_path / "export.xml"
    message.write_text(EXPORT, encoding="utf-8")
    plan = catalogue / "aktenplan.yaml"
    before = plan.read_text(encoding="utf-8")

    # Conflicts left: exit 1 in a dry run as in a real one, so a script learns of them.
    dry = invoke("import-aktenplan", message, "--definitions", catalogue, "--dry-run")
    assert dry.exit_code == 1, dry.output
    assert plan.read_text(encoding="utf-8") == before
    assert "2 conflicts, 0 skipped; dry run" in dry.stdout
    assert dry.stderr == (
        "Error: 2 units of the export were not taken over (conflicts or skipped, see above): "
        "make the DMS and the catalogue agree, then import again\n"
    )
    # One conflict is one, in either language.
    message.write_text(EXPORT.replace("Finanzverwaltung", "Finanzen"), encoding="utf-8")
    german = ("import-aktenplan", message, "--definitions", catalogue, "--dry-run")
    one = invoke(*german, env={"FACHAKTE_LANG": "de"})
    assert one.exit_code == 1, one.output
    assert "5 Einheiten im Export: 2 ergänzt, 1 vervollständigt, 1 Konflikt, 0 übersprungen" in (
        one.stdout
    )
    assert "1 Einheit des Exports wurde nicht übernommen (Konflikt oder übersprungen" in one.stderr
    assert "1 conflict, 0 skipped" in invoke(*german).stdout
    message.write_text(EXPORT, encoding="utf-8")

    result = invoke("import-aktenplan", message, "--definitions", catalogue)
    assert result.exit_code == 1, result.output
    assert "2 units of the export were not taken over" in result.stderr
    lines = result.stdout.splitlines()
    assert (
        "conflict  2: title: 'Finanzen' in aktenplan.yaml, 'Finanzverwaltung' in the export; "
        "kept aktenplan.yaml's"
    ) in lines
    assert "completed 2: added retention" in lines
    # '22' already states the retention the export gives: nothing to report.
    assert not [line for line in lines if line.split()[1:2] == ["22:"]]
    assert "added     22.30: 'Vollstreckung'" in lines
    assert "added     22.30.10: 'Vollstreckungsakten bis 2019'" in lines
    assert any(
        line.startswith(
            "conflict  22.10.10: belongs to the Fachakte in fachakten/grundsteuer.yaml: "
            "retention B/10 Jahre there, A/unbefristet in the export"
        )
        for line in lines
    ), lines
    assert lines[-1].startswith(
        "5 units in the export: 2 added, 1 completed, 2 conflicts, 0 skipped"
    )

    after = plan.read_text(encoding="utf-8")
    # Comments and the catalogue's own values survive; new units sit in Kennzeichen order.
    assert [line for line in before.splitlines() if line.startswith("#")] == [
        line for line in after.splitlines() if line.startswith("#")
    ]
    data = load_yaml(after)
    units = {u["kennzeichen"]: u for u in data["units"]}
    assert units["2"]["title"] == "Finanzen"
    assert units["2"]["retention"] == {"disposition": "A", "years": 30}
    assert units["22.30"] == {
        "kennzeichen": "22.30",
        "title": "Vollstreckung",
        "retention": {"disposition": "V", "years": 6},
    }
    assert units["22.30.10"] == {
        "kennzeichen": "22.30.10",
        "title": "Vollstreckungsakten bis 2019",
        "valid_from": dt.date(2005, 1, 1),
        "valid_until": dt.date(2019, 12, 31),
        "retired": True,
        "retention": {"disposition": "V", "years": 6},
    }
    order = [u["kennzeichen"] for u in data["units"]]
    assert order.index("22.20") < order.index("22.30") < order.index("22.30.10") < order.index("3")
    assert "22.10.10" not in units, "a Fachakte's unit is not copied into aktenplan.yaml"
    # Importing the same export again changes nothing more.
    again = invoke("import-aktenplan", message, "--definitions", catalogue)
    assert again.exit_code == 1, again.output
    assert "0 added, 0 completed, 2 conflicts" in again.output
    assert plan.read_text(encoding="utf-8") == after


ROOT = b'xdomea:Aktenplan.Aktenplan.0301 xmlns:xdomea="urn:xoev-de:xdomea:schema:3.0.0"'
XXE = (
    b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<%s>&secret;</xdomea:Aktenplan.Aktenplan.0301>
"""
    % ROOT
)
LAUGHS = (
    b"""<?xml version="1.0"?>
<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<%s>&d;</xdomea:Aktenplan.Aktenplan.0301>
"""
    % ROOT
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (XXE, "declares a DTD or entities"),
        (LAUGHS, "declares a DTD or entities"),
        (b"<xdomea:x xmlns:xdomea='urn:a'>&undefined;</xdomea:x>", "not well-formed XML"),
    ],
    ids=["xxe", "billion-laughs", "undefined-entity"],
)
def test_hostile_documents_are_refused_and_nothing_is_written(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    catalogue = tmp_path / "definitions"
    copy_catalogue(catalogue)
    before = tree(catalogue)
    message = tmp_path / "export.xml"
    message.write_bytes(content)
    result = invoke_cli("import-aktenplan", message, "--definitions", catalogue)
    assert result.exit_code == 1
    assert expected in result.stderr and "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr and "root:" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1
    assert tree(catalogue) == before


def test_the_size_limit_is_checked_before_parsing() -> None:
    with pytest.raises(UnsafeXml, match="more than the limit of 100 bytes"):
        parse_bytes(b"<a>" + b"x" * 200 + b"</a>", "big.xml", max_bytes=100)
    assert parse_bytes(b"<a>x</a>", "small.xml", max_bytes=100).text == "x"


@pytest.mark.parametrize(
    ("content", "place", "english", "german"),
    [
        (b"<a>\n  <b></c>\n</a>\n", "2:10", "an end tag that does not match", "ein Endtag, der"),
        (b"<a><b></b>", "1:11", "ends before all elements are closed", "endet, bevor alle"),
        (b"<a/><b/>", "1:5", "more content after the end of the root", "weiterer Inhalt nach"),
        (b"<a x=1/>", "1:6", "an attribute value without quotes", "ein Attributwert ohne"),
        (b"<a>&foo;</a>", "1:9", "an undefined entity", "eine nicht definierte Entität"),
        (b"<a>\xff</a>", "1:4", "bytes that are not valid", "Bytes, die in der Kodierung"),
        # A rarer error keeps the parser's own words.
        (b"<1a/>", "1:2", "StartTag: invalid element name", "StartTag: invalid element name"),
    ],
    ids=["mismatch", "cut-off", "two-roots", "unquoted", "entity", "encoding", "other"],
)
def test_a_broken_export_is_named_in_the_user_s_language(
    tmp_path: Path, content: bytes, place: str, english: str, german: str
) -> None:
    message = tmp_path / "export.xml"
    message.write_bytes(content)
    for language, reason in (("en", english), ("de", german)):
        result = invoke_cli(
            "import-aktenplan", message, "--definitions", tmp_path, env={"FACHAKTE_LANG": language}
        )
        assert result.exit_code == 1
        (line,) = result.stderr.strip().splitlines()
        assert f"{message}:{place}: " in line and reason in line, line
