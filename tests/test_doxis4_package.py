"""The Doxis4 packages of the shipped catalogue: layout, manifest hashes, XSD validity, the
shared part identical in every tenant, stable identities and import order."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

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
        for t in model.tenants
        for f in model.fachakten
    ]


def test_one_package_per_tenant_and_fachakte(built: tuple[Path, Path, Catalogue]) -> None:
    _, build, model = built
    expected = {p for _, _, p in packages(build, model)}
    assert len(model.tenants) == 13
    assert len(expected) == 13 * len(model.fachakten)
    assert set(build.glob("*/doxis4/*.zip")) == expected


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
        source_bytes = (definitions / source.get("pfad", "")).read_bytes()
        assert source.get("sha256") == hashlib.sha256(source_bytes).hexdigest()
        for block in manifest.iter(q("baustein")):
            data = (definitions / "bausteine" / f"{block.get('id')}.yaml").read_bytes()
            assert block.get("sha256") == hashlib.sha256(data).hexdigest()
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
            for t in model.tenants
        ]
        for name in SHARED:
            assert len({v[name] for v in variants}) == 1, f"{fachakte.id}: {name} differs"
        digests = {attribute(v["00-manifest.xml"], "gemeinsamer-teil", "sha256") for v in variants}
        assert len(digests) == 1 and len(digests.pop()) == 64
        # The binding, by contrast, is each municipality's own.
        assert len({v["10-mandant.xml"] for v in variants}) == 13


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


def test_descriptors_flatten_building_blocks_with_stable_ids(
    built: tuple[Path, Path, Catalogue],
) -> None:
    _, build, model = built
    wohngeld = model.fachakte("wohngeld")
    content = entries(build / "brilon" / "doxis4" / f"wohngeld-{wohngeld.version}.zip")
    root = etree.fromstring(content["02-deskriptoren.xml"])
    found = {d.get("id"): d for d in root.iter(q("deskriptor"))}
    leaves = [".".join(path) for f in wohngeld.fields for path, _ in f.leaves()]
    assert list(found) == leaves
    plz = found["antragsteller.anschrift.plz"]
    assert plz.get("uuid") == object_id("wohngeld", "field", "antragsteller.anschrift.plz")
    assert plz.get("baustein") == "anschrift"
    title_path = plz.find(q("titelpfad"))
    assert title_path is not None and title_path.text and " – " in title_path.text


def test_multi_valued_building_blocks_group_their_descriptors(
    built: tuple[Path, Path, Catalogue],
) -> None:
    _, build, model = built
    hundesteuer = model.fachakte("hundesteuer")
    assert hundesteuer.field("hunde").multiple
    content = entries(build / "sundern" / "doxis4" / f"hundesteuer-{hundesteuer.version}.zip")
    root = etree.fromstring(content["02-deskriptoren.xml"])
    dogs = [d for d in root.iter(q("deskriptor")) if d.get("id", "").startswith("hunde.")]
    assert dogs
    assert {(d.get("gruppe"), d.get("mehrfach")) for d in dogs} == {("hunde", "true")}


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
    version = model.fachakte("wohngeld").version
    for tenant in model.tenants:
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
