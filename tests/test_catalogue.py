"""Invariants of the shipped catalogue in definitions/."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from click.testing import Result

from conftest import DEFINITIONS
from fachakte_compiler.model import Catalogue
from fachakte_compiler.model.load import load_model

MUNICIPALITIES = {
    "arnsberg",
    "bestwig",
    "brilon",
    "eslohe",
    "hallenberg",
    "marsberg",
    "medebach",
    "meschede",
    "olsberg",
    "schmallenberg",
    "sundern",
    "winterberg",
}


@pytest.fixture(scope="module")
def model() -> Catalogue:
    catalogue, diagnostics, _ = load_model([DEFINITIONS])
    assert catalogue is not None, [d.message for d in diagnostics]
    return catalogue


def test_validates_without_findings(invoke: Callable[..., Result]) -> None:
    result = invoke("validate", DEFINITIONS)
    assert result.exit_code == 0, result.stdout
    assert "no findings" in result.stdout


def test_tenants(model: Catalogue) -> None:
    assert len(model.tenants) == 13
    ids = {t.id for t in model.tenants}
    assert ids == MUNICIPALITIES | {"hsk"}
    kreis = model.tenant("hsk")
    assert (kreis.kind, kreis.ags) == ("kreis", "05958000")
    assert len({t.ags for t in model.tenants}) == 13
    assert all(t.ags.startswith("05958") and len(t.ags) == 8 for t in model.tenants)
    assert len({t.doxis4_unit for t in model.tenants}) == 13
    assert {t.id for t in model.tenants if t.kind == "gemeinde"} == {"bestwig", "eslohe"}


def test_fachakten_and_owners(model: Catalogue) -> None:
    assert len(model.fachakten) >= 6
    assert len({f.kennzeichen for f in model.fachakten}) == len(model.fachakten)
    lead: Counter[str] = Counter()
    for fachakte in model.fachakten:
        assert len(set(fachakte.owners)) == 3, fachakte.id
        lead.update(fachakte.owners)
    tenants = {t.id for t in model.tenants}
    assert set(lead) == tenants, tenants - set(lead)
    assert max(lead.values()) <= 3, lead


def test_each_fachakte_is_complete(model: Catalogue) -> None:
    for fachakte in model.fachakten:
        assert fachakte.legal_basis and fachakte.code_lists and fachakte.roles, fachakte.id
        assert len(fachakte.document_types) >= 3, fachakte.id
        assert len(fachakte.workflow.states) >= 3, fachakte.id
        retention = fachakte.akte.retention
        assert retention.legal_source and retention.disposition in {"A", "B", "V"}
        assert any(leaf.personal_data != "none" for f in fachakte.fields for _, leaf in f.leaves())


def test_building_blocks(model: Catalogue) -> None:
    ids = {b.id for b in model.bausteine}
    assert {"person", "organisation", "anschrift", "bankverbindung", "kontakt"} <= ids
    iban = next(f for f in model.bausteine if f.id == "bankverbindung").fields
    assert any(f.pattern and "A-Z" in f.pattern for f in iban)


def test_delegations(model: Catalogue) -> None:
    assert len(model.delegations) >= 2
    for delegation in model.delegations:
        assert delegation.from_tenant != delegation.to_tenant
        roles = {r.id for r in model.fachakte(delegation.fachakte).roles}
        assert set(delegation.roles) <= roles


def test_aktenplan_covers_every_level(model: Catalogue) -> None:
    described = {u.kennzeichen for u in model.aktenplan}
    for fachakte in model.fachakten:
        parts = fachakte.kennzeichen.split(".")
        for depth in range(1, len(parts)):
            assert ".".join(parts[:depth]) in described, fachakte.kennzeichen


def test_shipped_files_are_canonically_formatted(
    invoke: Callable[..., Result],
) -> None:
    result = invoke("fmt", "--check", DEFINITIONS)
    assert result.exit_code == 0, result.stdout + result.stderr
