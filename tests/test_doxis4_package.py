"""The Doxis4 packages of the shipped catalogue: layout, manifest hashes, XSD validity, the
shared part identical in every tenant, stable identities and import order."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from conftest import REPO, ShippedBuild
from fachakte_compiler import LANGUAGE_VERSION, __version__
from fachakte_compiler.model import Catalogue
from fachakte_compiler.model.identity import object_id

NS = "urn:de:hochsauerlandkreis:fachakte:doxis4-package:1"
XSD = REPO / "schemas" / "doxis4-package.xsd"
ORDER = [
    "00-manifest.xml",
    "01-wertelisten.xml",
    "02-deskriptoren.xml",
    "03-aufbewahrung.xml",
    "04-dokumenttypen.xml",
    "05-aktentyp.xml",
    "06-rollen.xml",
    "07-workflow.xml",
    "10-mandant.xml",
]
SHARED = ORDER[1:-1]


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


@pytest.fixture(scope="module")
def built(shipped_build: ShippedBuild) -> tuple[Path, Path, Catalogue]:
    """The shipped catalogue (a private copy), built once per session."""
    return shipped_build.definitions, shipped_build.build, shipped_build.model


def entries(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def attribute(document: bytes, tag: str, name: str) -> str:
    element = etree.fromstring(document).find(q(tag))
    assert element is not None
    return element.get(name, "")


def packages(build: Path, model: Catalogue) -> list[tuple[str, str, Path]]:
    return [
        (t.id, f.id, build / t.id / "doxis4" / f"{f.id}-{f.version}.zip")
        for f in model.fachakten
        for t in model.runners(f)
    ]


def test_one_package_per_tenant_and_fachakte(built: tuple[Path, Path, Catalogue]) -> None:
    _, build, model = built
    expected = {p for _, _, p in packages(build, model)}
    assert len(model.tenants) == 13
    # The Kreis runs only what every tenant runs (used_by): Personalakte and Vergabe.
    assert {f.id for f in model.fachakten if len(f.run_by) == 13} == {"personalakte", "vergabe"}
    assert len(expected) == 13 * 2 + 12 * (len(model.fachakten) - 2)
    assert set(build.glob("*/doxis4/*.zip")) == expected
    assert sorted(p.name for p in (build / "hsk" / "doxis4").glob("*.zip")) == [
        "personalakte-3.0.0.zip",
        "vergabe-1.0.0.zip",
    ]


def test_zip_entries_are_ordered_with_fixed_metadata(built: tuple[Path, Path, Catalogue]) -> None:
    _, build, model = built
    for _, _, package in packages(build, model):
        with zipfile.ZipFile(package) as archive:
            infos = archive.infolist()
        assert [i.filename for i in infos] == ORDER
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_manifest_hashes_match_entries_and_sources(built: tuple[Path, Path, Catalogue]) -> None:
    definitions, build, model = built
    for tenant_id, fachakte_id, package in packages(build, model):
        content = entries(package)
        manifest = etree.fromstring(content["00-manifest.xml"])
        listed = {e.get("name", ""): e for e in manifest.iter(q("eintrag"))}
        assert list(listed) == ORDER[1:]
        for name, element in listed.items():
            assert element.get("sha256") == hashlib.sha256(content[name]).hexdigest(), name
            assert element.get("groesse") == str(len(content[name]))
            assert element.get("teil") == ("gemeinsam" if name in SHARED else "mandant")
        fachakte = model.fachakte(fachakte_id)
        source = manifest.find(q("quelle"))
        assert source is not None
        assert (definitions / source.get("pfad", "")).is_file()
        # Content, not bytes: the source hashes are in release.json, so that a comment in the
        # YAML changes no package (the same version always has the same bytes).
        assert source.get("sha256") is None
        assert {b.get("id") for b in manifest.iter(q("baustein"))} == {
            b for b, _, _ in fachakte.bausteine
        }
        compiler = manifest.find(q("compiler"))
        assert compiler is not None
        assert compiler.get("version") == __version__
        assert compiler.get("sprachversion") == LANGUAGE_VERSION
        assert manifest.get("paket") == object_id(
            fachakte_id, "package", fachakte.version, tenant_id
        )


def test_every_entry_is_valid_against_the_package_xsd(built: tuple[Path, Path, Catalogue]) -> None:
    _, build, model = built
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    for _, _, package in packages(build, model):
        for name, data in entries(package).items():
            document = etree.fromstring(data)
            assert schema.validate(document), f"{package}:{name}: {schema.error_log}"


def test_shared_part_is_byte_identical_in_all_tenants(built: tuple[Path, Path, Catalogue]) -> None:
    _, build, model = built
    for fachakte in model.fachakten:
        variants = [
            entries(build / t.id / "doxis4" / f"{fachakte.id}-{fachakte.version}.zip")
            for t in model.runners(fachakte)
        ]
        for name in SHARED:
            assert len({v[name] for v in variants}) == 1, f"{fachakte.id}: {name} differs"
        digests = {attribute(v["00-manifest.xml"], "gemeinsamer-teil", "sha256") for v in variants}
        assert len(digests) == 1 and len(digests.pop()) == 64
        # The binding, by contrast, is each municipality's own.
        assert len({v["10-mandant.xml"] for v in variants}) == len(fachakte.run_by)


def test_shared_part_holds_nothing_tenant_specific(built: tuple[Path, Path, Catalogue]) -> None:
    _, build, model = built
    markers = [t.ags for t in model.tenants]
    markers += [f"{t.doxis4_unit}_{f.id}_".upper() for t in model.tenants for f in model.fachakten]
    markers += [object_id(f.id, "binding", t.id) for t in model.tenants for f in model.fachakten]
    for _, _, package in packages(build, model)[: len(model.fachakten)]:
        content = entries(package)
        for name in SHARED:
            text = content[name].decode("utf-8")
            assert ' mandant="' not in text, name
            leaked = [m for m in markers if m in text]
            assert not leaked, f"{package.name}:{name} contains {leaked}"


def package_entry(build: Path, model: Catalogue, tenant: str, fachakte: str, name: str) -> Any:
    content = entries(
        build / tenant / "doxis4" / f"{fachakte}-{model.fachakte(fachakte).version}.zip"
    )
    return etree.fromstring(content[name])


def test_every_leaf_path_is_its_own_descriptor(built: tuple[Path, Path, Catalogue]) -> None:
    _, build, model = built
    wohngeld = model.fachakte("wohngeld")
    root = package_entry(build, model, "brilon", "wohngeld", "02-deskriptoren.xml")
    found = {d.get("name"): d for d in root.iter(q("deskriptor"))}
    # Every leaf of the model is the one use of exactly one descriptor.
    leaves = sorted(".".join(path) for f in wohngeld.fields for path, _ in f.leaves())
    uses = sorted(u.get("pfad") for d in found.values() for u in d.iter(q("verwendung")))
    assert uses == leaves and len(found) == len(leaves)
    assert all(d.get("id") == d.find(q("verwendung")).get("pfad") for d in found.values())
    # Applicant and household members are both persons, yet each has its own surname: one
    # descriptor for both would hold the applicant's and the members' names alike.
    applicant = found["WOHNGELD_ANTRAGSTELLER_NACHNAME"]
    members = found["WOHNGELD_HAUSHALTSMITGLIEDER_NACHNAME"]
    assert applicant.get("id") == "antragsteller.nachname"
    assert (applicant.get("baustein"), members.get("baustein")) == ("person", "person")
    assert applicant.get("uuid") == object_id("wohngeld", "field", "antragsteller.nachname")
    assert applicant.get("titel") == "Antragstellende Person – Familienname"
    assert members.get("titel") == "Weitere Haushaltsmitglieder – Familienname"
    # Only the household members repeat.
    assert (applicant.get("doxis4-typ"), applicant.get("mehrwert")) == ("STRING", "NONE")
    assert (members.get("mehrwert"), members.get("laenge")) == ("LIST", "80")
    # Two Bausteine holding the same third one: the person's and the flat's address differ.
    assert found["WOHNGELD_ANTRAGSTELLER_ANSCHRIFT_PLZ"].get("baustein") == "anschrift"
    assert found["WOHNGELD_WOHNUNG_PLZ"].get("baustein") == "anschrift"
    # A Baustein's value list stays one global value list for all its uses.
    anrede = {
        d.get("name"): d.find(q("werteliste")).get("name")
        for d in found.values()
        if d.get("id", "").endswith(".anrede")
    }
    assert anrede == {
        "WOHNGELD_ANTRAGSTELLER_ANREDE": "PERSON_ANREDE",
        "WOHNGELD_HAUSHALTSMITGLIEDER_ANREDE": "PERSON_ANREDE",
    }
    # A Fachakte's own field keeps its descriptor and identity.
    zuschuss = found["WOHNGELD_ZUSCHUSSART"]
    assert zuschuss.get("uuid") == object_id("wohngeld", "field", "zuschussart")
    assert zuschuss.get("titel") == wohngeld.field("zuschussart").title
    binding = zuschuss.find(q("werteliste"))
    assert binding is not None and binding.get("name") == "WOHNGELD_ZUSCHUSSART"
    # Mandatory is not a property of the descriptor.
    assert all(d.get("pflicht") is None for d in found.values())


def test_no_class_holds_one_descriptor_for_two_leaves(
    built: tuple[Path, Path, Catalogue],
) -> None:
    # A class holds a descriptor once: two leaves sharing it would mix their values.
    _, build, model = built
    checked = 0
    for fachakte in model.fachakten:
        listing = package_entry(
            build, model, fachakte.run_by[0], fachakte.id, "02-deskriptoren.xml"
        )
        paths = {d.get("name"): d.find(q("verwendung")).get("pfad") for d in listing}
        assert len(set(paths.values())) == len(paths)
        for entry, tag in (("05-aktentyp.xml", None), ("04-dokumenttypen.xml", "dokumenttyp")):
            root = package_entry(build, model, fachakte.run_by[0], fachakte.id, entry)
            for cls in [root] if tag is None else list(root.iter(q(tag))):
                assigned = [d.get("name") for d in cls.findall(q("deskriptor"))]
                assert len(assigned) == len(set(assigned)), (fachakte.id, cls.get("name"))
                assert set(assigned) <= set(paths), (fachakte.id, cls.get("name"))
                checked += len(assigned)
    assert checked > 200


def test_a_descriptor_is_as_personal_as_its_leaf(
    built: tuple[Path, Path, Catalogue],
) -> None:
    _, build, model = built
    checked = 0
    for fachakte in model.fachakten:
        root = package_entry(build, model, "arnsberg", fachakte.id, "02-deskriptoren.xml")
        leaves = {".".join(p): leaf for f in fachakte.fields for p, leaf in f.leaves()}
        for descriptor in root.iter(q("deskriptor")):
            (use,) = descriptor.iter(q("verwendung"))
            leaf = leaves[use.get("pfad", "")]
            assert descriptor.get("personenbezug") == use.get("personenbezug")
            assert descriptor.get("personenbezug") == str(leaf.personal_data)
            categories = [str(c) for c in leaf.special_categories]
            assert (descriptor.get("besondere-kategorie") or "").split() == categories
            checked += 1
    assert checked > 100


def test_mandatory_belongs_to_the_class_assignment(built: tuple[Path, Path, Catalogue]) -> None:
    _, build, model = built
    wohngeld = model.fachakte("wohngeld")
    akte = package_entry(build, model, "brilon", "wohngeld", "05-aktentyp.xml")
    assert akte.get("name") == "WOHNGELD_AKTE" and akte.get("kurzname") == "WOHNGELD_AKTE"
    assigned = {d.get("name"): d.get("pflicht") for d in akte.findall(q("deskriptor"))}
    # The applicant's surname is required, the household members' are optional.
    assert wohngeld.field("antragsteller").required
    assert not wohngeld.field("haushaltsmitglieder").required
    assert assigned["WOHNGELD_ANTRAGSTELLER_NACHNAME"] == "true"
    assert assigned["WOHNGELD_HAUSHALTSMITGLIEDER_NACHNAME"] == "false"
    assert assigned["WOHNGELD_MIETENSTUFE"] == "false"
    documents = package_entry(build, model, "brilon", "wohngeld", "04-dokumenttypen.xml")
    antrag = next(d for d in documents.iter(q("dokumenttyp")) if d.get("id") == "antrag")
    assert antrag.get("name") == "WOHNGELD_ANTRAG"
    in_antrag = {d.get("name"): d.get("pflicht") for d in antrag.findall(q("deskriptor"))}
    assert in_antrag["WOHNGELD_ANTRAGSDATUM"] == "true"
    assert in_antrag["WOHNGELD_ANTRAGSART"] == "false"
    registers = [r.get("name") for r in akte.iter(q("register"))]
    assert registers[0] == "WOHNGELD_REG_ANTRAG"
    plan = akte.find(q("aktenplan"))
    assert plan is not None and plan.get("knoten") == "AP_50_60_10"


def test_roles_carry_doxis4_rights_and_what_needs_a_decision(
    built: tuple[Path, Path, Catalogue],
) -> None:
    _, build, model = built
    roles = package_entry(build, model, "brilon", "wohngeld", "06-rollen.xml")
    lead = next(r for r in roles.iter(q("rolle")) if r.get("id") == "sachgebietsleitung")
    akte = lead.find(q("akte"))
    assert akte is not None
    assert akte.get("rechtesatz") == "RecordInstanceRight"
    assert akte.get("doxis4-rechte", "").split() == [
        "VIEW_FOLDER_CONTENTS",
        "CREATE_FOLDER",
        "UPDATE_FOLDER",
        "EDIT_FOLDER_DESCRIPTORS",
        "FREEZE",
        "UNFREEZE",
    ]
    assert akte.get("offen") == "export"
    register = lead.find(q("register"))
    assert register is not None and register.get("rechtesatz") == "DocumentInstanceRight"
    assert "DELETE_DOCUMENT" in register.get("doxis4-rechte", "").split()
    assert register.get("offen") == "approve export"
    binding = package_entry(build, model, "brilon", "wohngeld", "10-mandant.xml")
    assert binding.get("topologie") == model.doxis4.topology
    entries_ = [
        e
        for r in binding.iter(q("recht"))
        for e in r.iter(q("zugriffseintrag"))
        if e.get("kennung") == "BRILON_WOHNGELD_SACHGEBIETSLEITUNG"
    ]
    by_object = {e.get("objekt"): e for e in entries_}
    assert by_object["WOHNGELD_AKTE"].get("rechte") == akte.get("doxis4-rechte")
    assert by_object["AP_50_60_10"].get("rechtesatz") == "ClassificationSchemeNodeRight"


def test_retention_rules_are_doxis4_retention_rules(built: tuple[Path, Path, Catalogue]) -> None:
    _, build, model = built
    root = package_entry(build, model, "brilon", "wohngeld", "03-aufbewahrung.xml")
    rules = {r.get("name"): r for r in root.iter(q("aufbewahrungsregel"))}
    akte = rules["AUFB_WOHNGELD_AKTE"]
    # V -> destroy; the period starts at a field's date, which Doxis4 knows as the base date.
    assert (akte.get("aussonderung"), akte.get("entsorgung")) == ("V", "DA_DESTROY_AUTOMATICALLY")
    assert (akte.get("stichtag"), akte.get("annahme")) == ("USE_RETENTION_BASE_DATE", "true")
    trigger = akte.find(q("ausloeser-deskriptor"))
    assert trigger is not None and trigger.get("name") == "WOHNGELD_BEWILLIGUNG_ENDE"
    payment = rules["AUFB_WOHNGELD_ZAHLUNGSANORDNUNG"]
    assert (payment.get("jahre"), payment.get("einheit")) == ("6", "YEAR")
    assert (payment.get("stichtag"), payment.get("rundung")) == (
        "USE_CLOSING_DATE_OF_PARENT_CONTAINER",
        "YEAR",
    )
    # A/B/V over the whole catalogue map onto the three disposal actions.
    actions = {"A": "DA_TRANSFER", "B": "DA_REVIEW", "V": "DA_DESTROY_AUTOMATICALLY"}
    for fachakte in model.fachakten:
        rules_root = package_entry(
            build, model, fachakte.run_by[0], fachakte.id, "03-aufbewahrung.xml"
        )
        for rule in rules_root.iter(q("aufbewahrungsregel")):
            assert rule.get("entsorgung") == actions[rule.get("aussonderung", "")]
            assert rule.get("name", "").startswith(f"AUFB_{fachakte.id.upper()}_")


def test_a_document_period_can_start_with_the_document_instead_of_the_akte(
    built: tuple[Path, Path, Catalogue],
) -> None:
    # Records on leave are kept five years from the end of the year their case closed, while
    # the personnel file stays open until the employee leaves: the period cannot wait for it.
    _, build, model = built
    root = package_entry(build, model, "brilon", "personalakte", "03-aufbewahrung.xml")
    rules = {r.get("name"): r for r in root.iter(q("aufbewahrungsregel"))}
    leave = rules["AUFB_PERSONALAKTE_ABWESENHEIT"]
    assert (leave.get("ausloeser"), leave.get("stichtag"), leave.get("rundung")) == (
        "dokument_kalenderjahr",
        "USE_RETENTION_BASE_DATE_OR_MOST_RECENT_VERSION_DATE",
        "YEAR",
    )
    akte = rules["AUFB_PERSONALAKTE_AKTE"]
    assert (akte.get("ausloeser"), akte.get("stichtag")) == (
        "ausscheiden",
        "USE_RETENTION_BASE_DATE",
    )


def test_no_package_declares_another_packages_descriptor(
    built: tuple[Path, Path, Catalogue],
) -> None:
    # Descriptors are organisation-wide: were one declared by two packages, whichever is
    # installed last would define it. Each package declares only its Fachakte's own.
    _, build, model = built
    declared: dict[str, str] = {}
    for fachakte in model.fachakten:
        root = package_entry(build, model, fachakte.run_by[0], fachakte.id, "02-deskriptoren.xml")
        for d in root.iter(q("deskriptor")):
            assert d.get("name", "").startswith(fachakte.id.upper() + "_")
            assert declared.setdefault(d.get("name", ""), fachakte.id) == fachakte.id
    assert len(declared) > 200


def test_multi_valued_building_blocks_group_their_descriptors(
    built: tuple[Path, Path, Catalogue],
) -> None:
    _, build, model = built
    hundesteuer = model.fachakte("hundesteuer")
    assert hundesteuer.field("hunde").multiple
    root = package_entry(build, model, "sundern", "hundesteuer", "02-deskriptoren.xml")
    dogs = [
        (d, u)
        for d in root.iter(q("deskriptor"))
        for u in d.iter(q("verwendung"))
        if u.get("pfad", "").startswith("hunde.")
    ]
    assert dogs
    assert {(u.get("gruppe"), u.get("mehrfach")) for _, u in dogs} == {("hunde", "true")}
    assert {d.get("mehrwert") for d, _ in dogs} == {"LIST"}


REFERENCE_ATTRIBUTES = ("ref", "von", "nach", "rolle-ref", "aktentyp")


def test_entries_apply_top_to_bottom(built: tuple[Path, Path, Catalogue]) -> None:
    """Every reference points at an object created by the same or an earlier entry."""
    _, build, model = built
    for _, _, package in packages(build, model):
        content = entries(package)
        known: set[str] = set()
        for name in ORDER[1:]:
            root = etree.fromstring(content[name])
            known |= {e.get("uuid", "") for e in root.iter() if e.get("uuid")}
            for element in root.iter():
                for attribute in REFERENCE_ATTRIBUTES:
                    ref = element.get(attribute)
                    if ref is not None:
                        assert ref in known, f"{package}:{name}: {attribute}={ref} is unknown"


def test_identities_are_the_same_in_every_tenant(built: tuple[Path, Path, Catalogue]) -> None:
    _, build, model = built
    uuids = re.compile(rb'uuid="([0-9a-f-]{36})"')
    groups: dict[str | None, set[str | None]] = {}
    wohngeld = model.fachakte("wohngeld")
    version = wohngeld.version
    for tenant in model.runners(wohngeld):
        content = entries(build / tenant.id / "doxis4" / f"wohngeld-{version}.zip")
        binding = etree.fromstring(content["10-mandant.xml"])
        for group in binding.iter(q("gruppe")):
            groups.setdefault(group.get("name"), set()).add(group.get("uuid"))
        assert uuids.findall(content["05-aktentyp.xml"])[0].decode() == object_id(
            "wohngeld", "akte"
        )
    # A group carries one identity wherever it appears (its own package or a delegating one).
    assert all(len(ids) == 1 for ids in groups.values())
    assert "BRILON_WOHNGELD_SACHBEARBEITUNG" in groups
