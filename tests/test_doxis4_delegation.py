"""Delegations (Aufgabenübertragungen) compile into rights in the delegating municipality's
package, for the agreed period; the processing municipality's package declares its groups."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import SHIPPED_BUILD_ENV, ShippedBuild, run_fachakte
from fachakte_compiler.bind import bind_tenant, group_name
from fachakte_compiler.model import Catalogue
from fachakte_compiler.model.identity import object_id
from fachakte_compiler.model.load import load_model

NS = "urn:de:hochsauerlandkreis:fachakte:doxis4-package:1"

# A limited delegation of a second Fachakte, so that the end of a period is exercised too.
EXTRA = """
  - id: hundesteuer_olsberg_brilon
    fachakte: hundesteuer
    from: olsberg
    to: brilon
    roles:
      - sachbearbeitung
    valid_from: "2026-02-01"
    valid_until: "2027-01-31"
    legal_basis: Öffentlich-rechtliche Vereinbarung nach § 23 Abs. 1 GkG NRW (Durchführung)
    description: Vertretung während der Umstellung <Test & "Sonderzeichen">.
"""


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


@pytest.fixture(scope="module")
def built(
    shipped_build: ShippedBuild, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Catalogue]:
    """The shipped catalogue with one more delegation, compiled over a copy of its build (the
    build cache keeps what the delegation does not change)."""
    root = shipped_build.workspace(tmp_path_factory.mktemp("delegation"))
    definitions = root / "definitions"
    with open(definitions / "delegations.yaml", "a", encoding="utf-8") as handle:
        handle.write(EXTRA)
    result = run_fachakte(
        "compile", definitions, "--target", "doxis4", "-o", root / "build", env=SHIPPED_BUILD_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    model, _, _ = load_model([definitions])
    assert model is not None
    return root / "build", model


def entry(
    built: tuple[Path, Catalogue], tenant: str, fachakte: str, name: str = "10-mandant.xml"
) -> etree._Element:
    build, model = built
    package = build / tenant / "doxis4" / f"{fachakte}-{model.fachakte(fachakte).version}.zip"
    with zipfile.ZipFile(package) as archive:
        return etree.fromstring(archive.read(name))


def rights(binding: etree._Element) -> dict[str, etree._Element]:
    """Group name -> <recht> element."""
    result = {}
    for right in binding.iter(q("recht")):
        group = right.find(q("gruppe"))
        assert group is not None
        result[group.get("name", "")] = right
    return result


def test_group_names_follow_the_convention() -> None:
    assert (
        group_name("MEDEBACH", "wohngeld", "sachbearbeitung") == "MEDEBACH_WOHNGELD_SACHBEARBEITUNG"
    )


def test_delegating_unit_grants_the_processing_groups_for_the_period(
    built: tuple[Path, Catalogue],
) -> None:
    granted = rights(entry(built, "hallenberg", "wohngeld"))
    delegated = {n: r for n, r in granted.items() if n.startswith("MEDEBACH_")}
    assert set(delegated) == {
        "MEDEBACH_WOHNGELD_SACHBEARBEITUNG",
        "MEDEBACH_WOHNGELD_SACHGEBIETSLEITUNG",
    }
    for right in delegated.values():
        assert right.get("aufgabenuebertragung") == "wohngeld_hallenberg_medebach"
        assert right.get("gueltig-ab") == "2026-01-01"
        assert right.get("gueltig-bis") is None
    # Hallenberg's own groups keep their unlimited rights.
    own = granted["HALLENBERG_WOHNGELD_SACHBEARBEITUNG"]
    assert own.get("gueltig-ab") is None and own.get("aufgabenuebertragung") is None


def test_only_the_delegated_roles_are_granted(built: tuple[Path, Catalogue]) -> None:
    granted = rights(entry(built, "bestwig", "grundsteuer"))
    foreign = {n for n in granted if n.startswith("MESCHEDE_")}
    assert foreign == {"MESCHEDE_GRUNDSTEUER_SACHBEARBEITUNG"}
    assert granted["MESCHEDE_GRUNDSTEUER_SACHBEARBEITUNG"].get("gueltig-ab") == "2026-07-01"


def test_limited_delegation_carries_its_end(built: tuple[Path, Catalogue]) -> None:
    binding = entry(built, "olsberg", "hundesteuer")
    right = rights(binding)["BRILON_HUNDESTEUER_SACHBEARBEITUNG"]
    assert (right.get("gueltig-ab"), right.get("gueltig-bis")) == ("2026-02-01", "2027-01-31")
    declared = binding.find(q("aufgabenuebertragung"))
    assert declared is not None and declared.get("gueltig-bis") == "2027-01-31"
    # Autoescaping keeps characters that are special in XML intact as text.
    description = declared.find(q("beschreibung"))
    assert description is not None
    assert description.text == 'Vertretung während der Umstellung <Test & "Sonderzeichen">.'


def test_processing_unit_declares_the_takeover_without_foreign_rights(
    built: tuple[Path, Catalogue],
) -> None:
    binding = entry(built, "medebach", "wohngeld")
    assert all(n.startswith("MEDEBACH_") for n in rights(binding))
    takeover = binding.find(q("aufgabenuebertragung"))
    assert takeover is not None
    assert takeover.get("richtung") == "uebernommen"
    assert takeover.get("gueltig-ab") == "2026-01-01"
    source, target = takeover.find(q("von")), takeover.find(q("an"))
    assert source is not None and target is not None
    assert (source.get("einheit"), target.get("einheit")) == ("HALLENBERG", "MEDEBACH")
    declared = {g.get("name") for g in binding.findall(q("gruppe"))}
    acting = {g.get("name") for g in takeover.findall(q("gruppe"))}
    assert acting <= declared


def test_delegating_package_requires_the_processing_package_first(
    built: tuple[Path, Catalogue],
) -> None:
    _, model = built
    version = model.fachakte("wohngeld").version
    manifest = entry(built, "hallenberg", "wohngeld", "00-manifest.xml")
    required = [r.get("paket") for r in manifest.iter(q("voraussetzung"))]
    assert required == [object_id("wohngeld", "package", version, "medebach")]
    medebach = entry(built, "medebach", "wohngeld", "00-manifest.xml")
    assert medebach.get("paket") == required[0]
    assert medebach.find(q("voraussetzung")) is None


def test_uninvolved_tenants_and_fachakten_get_no_delegation(built: tuple[Path, Catalogue]) -> None:
    _, model = built
    for fachakte in model.fachakten:
        for tenant in model.runners(fachakte):
            binding = entry(built, tenant.id, fachakte.id)
            involved = {(d.from_tenant, d.to_tenant) for d in model.delegations_of(fachakte.id)}
            if any(tenant.id in pair for pair in involved):
                continue
            assert binding.find(q("aufgabenuebertragung")) is None
            prefix = f"{tenant.doxis4_unit}_"
            assert all(n.startswith(prefix) for n in rights(binding)), (tenant.id, fachakte.id)


def test_binding_is_computed_from_the_model_alone(built: tuple[Path, Catalogue]) -> None:
    _, model = built
    wohngeld = model.fachakte("wohngeld")
    hallenberg = bind_tenant(model, wohngeld, model.tenant("hallenberg"))
    assert hallenberg.einheit == "HB"
    assert [t.id for t in hallenberg.requires()] == ["medebach"]
    assert len(hallenberg.acl) == len(wohngeld.roles) + 2
    arnsberg = bind_tenant(model, wohngeld, model.tenant("arnsberg"))
    assert arnsberg.delegations == () and arnsberg.requires() == ()
