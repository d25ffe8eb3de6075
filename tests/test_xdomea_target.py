"""The xdomea file plan of the shipped catalogue, checked against the official xdomea 3.0.0 XSDs."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from lxml import etree

from conftest import DEFINITIONS, XDOMEA_XSD_DIR, invoke_cli, needs_xsd, xdomea_message
from fachakte_compiler.model import Catalogue
from fachakte_compiler.model.load import load_model
from fachakte_compiler.targets.xdomea.schema import schema_errors

NS = {"x": "urn:xoev-de:xdomea:schema:3.0.0"}
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z


@pytest.fixture(scope="module")
def model() -> Catalogue:
    catalogue, _, _ = load_model([DEFINITIONS])
    assert catalogue is not None, "the shipped catalogue must validate"
    return catalogue


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xdomea") / "build"
    result = invoke_cli(
        "compile",
        DEFINITIONS,
        "--target",
        "xdomea",
        "-o",
        out,
        env={"SOURCE_DATE_EPOCH": EPOCH, "FACHAKTE_XDOMEA_XSD_DIR": ""},
    )
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def official_schema() -> etree.XMLSchema:
    if not (XDOMEA_XSD_DIR / "xdomea.xsd").is_file():
        pytest.skip(f"official xdomea 3.0.0 XSDs not found in {XDOMEA_XSD_DIR}")
    return etree.XMLSchema(etree.parse(str(XDOMEA_XSD_DIR / "xdomea.xsd")))


def _message(build: Path, tenant: str) -> etree._Element:
    return etree.parse(str(xdomea_message(build, tenant))).getroot()


def _find(element: etree._Element | None, path: str) -> etree._Element:
    assert element is not None
    found = element.find(path, NS)
    assert found is not None, f"{path} missing below {element.tag}"
    return found


def _parent(element: etree._Element) -> etree._Element:
    parent = element.getparent()
    assert parent is not None
    return parent


def _units(root: etree._Element, kennzeichen: str) -> list[etree._Element]:
    return [
        e
        for e in root.iterfind(".//x:Einheit", NS)
        if e.findtext("x:Kennzeichen", namespaces=NS) == kennzeichen
    ]


def _unit(root: etree._Element, kennzeichen: str) -> etree._Element:
    found = _units(root, kennzeichen)
    assert len(found) == 1, f"expected one unit {kennzeichen}, found {len(found)}"
    return found[0]


def test_every_tenant_gets_a_message_valid_against_the_official_xsd(
    build: Path, model: Catalogue, official_schema: etree.XMLSchema
) -> None:
    written = sorted(p.relative_to(build).as_posix() for p in build.rglob("*.xml"))
    assert written == sorted(
        xdomea_message(build, t.id).relative_to(build).as_posix() for t in model.tenants
    )
    assert len(written) == 13
    for tenant in model.tenants:
        document = etree.parse(str(xdomea_message(build, tenant.id)))
        assert official_schema.validate(document), (tenant.id, official_schema.error_log)
        assert document.getroot().tag == "{urn:xoev-de:xdomea:schema:3.0.0}Aktenplan.Aktenplan.0301"


def test_kopf_addresses_the_tenant_from_the_kreis(build: Path, model: Catalogue) -> None:
    kreis = next(t for t in model.tenants if t.kind == "kreis")
    process_ids = set()
    for tenant in model.tenants:
        kopf = _find(_message(build, tenant.id), "x:Kopf")
        process_ids.add(uuid.UUID(kopf.findtext("x:ProzessID", default="", namespaces=NS)))
        assert kopf.findtext("x:Nachrichtentyp/code", namespaces=NS) == "0301"
        assert (
            _find(kopf, "x:Nachrichtentyp").get("listURI")
            == "urn:xoev-de:xdomea:codeliste:nachrichtentyp"
        )
        assert kopf.findtext("x:Erstellungszeitpunkt", namespaces=NS) == "2023-11-14T22:13:20Z"
        assert kopf.findtext("x:Absender/x:Institution/x:Name", namespaces=NS) == kreis.name
        sender_key = _find(kopf, "x:Absender/x:Behoerdenkennung/x:Behoerdenschluessel")
        recipient_key = _find(kopf, "x:Empfaenger/x:Behoerdenkennung/x:Behoerdenschluessel")
        # The Kreis is no municipality: its Regionalschlüssel, not an AGS, names it.
        assert (sender_key.findtext("code"), sender_key.get("listURI")) == (
            "059580000000",
            "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs",
        )
        assert kopf.findtext("x:Empfaenger/x:Institution/x:Name", namespaces=NS) == tenant.name
        expected = ("059580000000", "rs") if tenant.kind == "kreis" else (tenant.ags, "ags")
        assert (recipient_key.findtext("code"), recipient_key.get("listURI")) == (
            expected[0],
            f"urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:{expected[1]}",
        )
        assert recipient_key.get("listVersionID") == sender_key.get("listVersionID") == "2024-10-31"
        assert kopf.find("x:Absender/x:Behoerdenkennung/x:Praefix", NS) is None
        # Only the Kreis' own copy is addressed to its sender, and it says why.
        hinweis = kopf.findtext("x:Hinweis", namespaces=NS)
        assert (hinweis is not None) == (tenant.id == kreis.id)
        assert kopf.findtext("x:Empfangsbestaetigung", namespaces=NS) == "false"
    assert len(process_ids) == len(model.tenants), "each tenant's message needs its own ProzessID"
    assert kreis.name == "Hochsauerlandkreis"


def test_the_aktenplan_body_is_identical_for_tenants_that_run_the_same(
    build: Path, model: Catalogue
) -> None:
    bodies: dict[tuple[str, ...], set[bytes]] = {}
    for t in model.tenants:
        runs = tuple(f.id for f in model.fachakten if f.runs_in(t.id))
        body = etree.tostring(_find(_message(build, t.id), "x:Aktenplan"))
        bodies.setdefault(runs, set()).add(body)
    assert all(len(found) == 1 for found in bodies.values())
    # The Kreis runs Personalakte and Vergabe only (used_by): its plan holds no Grabstätten.
    assert len(bodies) == 2
    kreis = _message(build, "hsk")
    assert _units(kreis, model.fachakte("personalakte").kennzeichen)
    assert not _units(kreis, model.fachakte("friedhof").kennzeichen)


def test_units_nest_by_kennzeichen_with_titles_from_the_aktenplan(
    build: Path, model: Catalogue
) -> None:
    root = _message(build, "brilon")
    plan = _find(root, "x:Aktenplan")
    assert plan.findtext("x:Bezeichnung", namespaces=NS) == model.aktenplan_title
    titles = {u.kennzeichen: u.title for u in model.aktenplan}
    for fachakte in model.fachakten:
        leaf = _unit(root, fachakte.kennzeichen)
        assert leaf.findtext("x:Inhaltsangabe", namespaces=NS) == fachakte.aktenplan_title
        parts = fachakte.kennzeichen.split(".")
        parent = _parent(leaf)
        for depth in range(len(parts) - 1, 0, -1):
            level = ".".join(parts[:depth])
            assert parent.findtext("x:Kennzeichen", namespaces=NS) == level
            assert parent.findtext("x:Inhaltsangabe", namespaces=NS) == titles[level]
            parent = _parent(parent)
        # The KGSt Hauptgruppe ('2' above '22') is the top level.
        assert parent.findtext("x:Kennzeichen", namespaces=NS) == parts[0][0]
        assert _parent(parent).tag == f"{{{NS['x']}}}Aktenplan"


def test_retention_maps_to_aussonderungsart_and_aufbewahrungsdauer(
    build: Path, model: Catalogue
) -> None:
    root = _message(build, "brilon")
    for fachakte in model.fachakten:
        leaf = _unit(root, fachakte.kennzeichen)
        code = _find(leaf, "x:Aussonderungsart/x:Aussonderungsart")
        assert code.findtext("code") == fachakte.akte.retention.disposition
        assert code.get("listURI") == "urn:xoev-de:xdomea:codeliste:aussonderungsart"
        assert code.get("listVersionID") == "1.0"
        assert leaf.findtext("x:Stillgelegt", namespaces=NS) == "false"
        years = leaf.findtext("x:Aufbewahrungsdauer/x:AnzahlJahre", namespaces=NS)
        unlimited = leaf.findtext("x:Aufbewahrungsdauer/x:Unbefristet", namespaces=NS)
        if fachakte.akte.retention.unlimited:
            assert (years, unlimited) == (None, "true")
        else:
            assert (years, unlimited) == (str(fachakte.akte.retention.years), None)
    # A level carries the strongest disposition found below it.
    for top in root.findall("x:Aktenplan/x:Einheit", NS):
        codes = top.iterfind(".//x:Aussonderungsart/x:Aussonderungsart", NS)
        below = {c.findtext("code", default="") for c in codes}
        own = _find(top, "x:Aussonderungsart/x:Aussonderungsart").findtext("code")
        assert own == max(below, key=lambda c: "VBA".index(c))


def test_descriptors_travel_in_the_extension(build: Path, model: Catalogue) -> None:
    root = _message(build, "brilon")
    for fachakte in model.fachakten:
        extension = _find(_unit(root, fachakte.kennzeichen), "x:AnwendungsspezifischeErweiterung")
        assert extension.findtext("x:Versionsnummer", namespaces=NS) == fachakte.version
        leaf_names = sorted(path[-1] for f in fachakte.fields for path, _ in f.leaves())
        fields = sorted(e.text or "" for e in extension.iterfind(".//x:Feld/x:Name", NS))
        assert fields == leaf_names
        groups = [e.text for e in extension.findall("x:Feldgruppe/x:Name", NS)]
        assert groups == [f.id for f in fachakte.fields if f.subfields]


@needs_xsd
def test_a_broken_unit_is_rejected_by_the_official_xsd(build: Path) -> None:
    data = xdomea_message(build, "olsberg").read_bytes()
    assert schema_errors(data, XDOMEA_XSD_DIR) == []
    pattern = rb"(codeliste:aussonderungsart\" listVersionID=\"1.0\">\s*<code>)[ABV]"
    broken, count = re.subn(pattern, rb"\1X", data, count=1)
    assert count == 1
    errors = schema_errors(broken, XDOMEA_XSD_DIR)
    assert errors, "an Aussonderungsart 'X' must not validate"
    assert "Aussonderungsart/code" in errors[0] and "'X'" in errors[0]
    match = re.search(pattern, data)
    assert match is not None
    line = data[: match.end()].count(b"\n") + 1
    assert errors[0].startswith(f"line {line}:")
    # An unknown Nachrichtentyp and a missing Stillgelegt are rejected too.
    assert schema_errors(data.replace(b"<code>0301</code>", b"<code>9999</code>"), XDOMEA_XSD_DIR)
    assert schema_errors(
        data.replace(b"<xdomea:Stillgelegt>false</xdomea:Stillgelegt>", b"", 1), XDOMEA_XSD_DIR
    )
