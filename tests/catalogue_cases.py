"""Edits that trigger each catalogue-level diff rule (FD4xx) on the change-control fixture
plus one delegation, with the class each rule is documented to have."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from test_diff_support import GitCatalogue, by_id

Data = dict[str, Any]
Edit = Callable[[Data], None]

DELEGATIONS: Data = {
    "delegations": [
        {
            "id": "testakte_west_nord",
            "fachakte": "testakte",
            "from": "west",
            "to": "nord",
            "roles": ["sachbearbeitung"],
            "valid_from": "2026-01-01",
            "valid_until": "2027-12-31",
            "legal_basis": "Öffentlich-rechtliche Vereinbarung",
        }
    ]
}


def with_delegations(tmp_path: Path) -> GitCatalogue:
    """The change-control fixture plus one committed delegation west → nord."""
    repo = GitCatalogue(tmp_path / "repo")
    repo.write("delegations.yaml", json.loads(json.dumps(DELEGATIONS)))
    repo.commit("delegation")
    return repo


def delegation(change: Edit) -> tuple[str, Edit]:
    return "delegations.yaml", lambda d: change(d["delegations"][0])


def tenant(tenant_id: str, change: Edit) -> tuple[str, Edit]:
    return "tenants.yaml", lambda d: change(by_id(d["tenants"], tenant_id))


def unit(kennzeichen: str, change: Edit) -> tuple[str, Edit]:
    return "aktenplan.yaml", lambda d: change(
        next(u for u in d["units"] if u["kennzeichen"] == kennzeichen)
    )


def add_delegation(d: Data) -> None:
    d["delegations"].append(
        dict(DELEGATIONS["delegations"][0], id="testakte_sued_nord", **{"from": "sued"})
    )


# (code, file section, element, (file, edit), German text expected in the one-liner)
CATALOGUE_CASES: list[tuple[str, str, str, tuple[str, Edit], str]] = [
    (
        "FD401",
        "delegations",
        "delegation:testakte_sued_nord",
        ("delegations.yaml", add_delegation),
        "sued → nord, Fachakte „testakte“, Rollen sachbearbeitung, ab 2026-01-01 bis 2027-12-31",
    ),
    (
        "FD402",
        "delegations",
        "delegation:testakte_west_nord",
        ("delegations.yaml", lambda d: d["delegations"].clear()),
        "Aufgabenübertragung „testakte_west_nord“ entfernt: west → nord",
    ),
    (
        "FD403",
        "delegations",
        "delegation:testakte_west_nord",
        delegation(lambda d: d.update(to="sued")),
        "bearbeitende Kommune nord → sued",
    ),
    (
        "FD404",
        "delegations",
        "delegation:testakte_west_nord",
        delegation(lambda d: d.update(roles=["leitung"])),
        "Rolle „sachbearbeitung“ entzogen",
    ),
    (
        "FD405",
        "delegations",
        "delegation:testakte_west_nord",
        delegation(lambda d: d["roles"].append("leitung")),
        "Rolle „leitung“ übertragen",
    ),
    (
        "FD406",
        "delegations",
        "delegation:testakte_west_nord",
        delegation(lambda d: d.update(valid_until="2026-06-30")),
        "Zeitraum verkürzt (gültig bis 2027-12-31 → 2026-06-30)",
    ),
    (
        "FD407",
        "delegations",
        "delegation:testakte_west_nord",
        delegation(lambda d: d.pop("valid_until")),
        "Zeitraum verlängert (gültig bis 2027-12-31 → –)",
    ),
    (
        "FD407",
        "delegations",
        "delegation:testakte_west_nord",
        delegation(lambda d: d.update(valid_from="2025-07-01")),
        "gültig ab 2026-01-01 → 2025-07-01",
    ),
    (
        "FD408",
        "delegations",
        "delegation:testakte_west_nord",
        delegation(lambda d: d.update(legal_basis="Vereinbarung vom 1. Juli")),
        "Rechtsgrundlage geändert",
    ),
    (
        "FD411",
        "tenants",
        "tenant:ost",
        (
            "tenants.yaml",
            lambda d: d["tenants"].append(
                {
                    "id": "ost",
                    "name": "Gemeinde Ost",
                    "kind": "gemeinde",
                    "ags": "05999016",
                    "doxis4_unit": "OST",
                }
            ),
        ),
        "Mandant „Gemeinde Ost“ (ost) hinzugefügt (Doxis4-Mandant OST)",
    ),
    (
        "FD412",
        "tenants",
        "tenant:kreis",
        ("tenants.yaml", lambda d: d["tenants"].pop(0)),
        "Mandant „Testkreis“ (kreis) entfernt (Doxis4-Mandant KREIS)",
    ),
    (
        "FD413",
        "tenants",
        "tenant:sued",
        tenant("sued", lambda t: t.update(name="Hansestadt Süd")),
        "Name von „Stadt Süd“ zu „Hansestadt Süd“ geändert",
    ),
    (
        "FD414",
        "tenants",
        "tenant:nord",
        tenant("nord", lambda t: t.update(doxis4_unit="NORD2", short="NORD")),
        "Doxis4-Mandant von NORD zu NORD2 geändert; der Import zielt auf einen anderen Mandanten",
    ),
    (
        "FD415",
        "tenants",
        "tenant:nord",
        tenant("nord", lambda t: t.update(short="NO")),
        "Einheit im Aktenzeichen von NORD zu NO geändert",
    ),
    (
        "FD416",
        "tenants",
        "tenant:west",
        tenant("west", lambda t: t.update(kind="stadt")),
        "Art gemeinde → stadt",
    ),
    (
        "FD417",
        "tenants",
        "doxis4",
        ("tenants.yaml", lambda d: d.update(doxis4={"topology": "organization_per_tenant"})),
        "topology shared_organization → organization_per_tenant",
    ),
    (
        "FD421",
        "aktenplan",
        "aktenplan_unit:99.30",
        ("aktenplan.yaml", lambda d: d["units"].append({"kennzeichen": "99.30", "title": "Neu"})),
        "Aktenplaneinheit „99.30“ hinzugefügt: „Neu“",
    ),
    (
        "FD422",
        "aktenplan",
        "aktenplan_unit:9",
        ("aktenplan.yaml", lambda d: d["units"].pop(0)),
        "Aktenplaneinheit „9“ entfernt: „Testhauptgruppe“",
    ),
    (
        "FD423",
        "aktenplan",
        "aktenplan_unit:99",
        unit("99", lambda u: u.update(title="Prüfgruppe")),
        "Bezeichnung von „Testgruppe“ zu „Prüfgruppe“ geändert",
    ),
    (
        "FD423",
        "aktenplan",
        "aktenplan",
        ("aktenplan.yaml", lambda d: d.update(title="Neuer Testaktenplan")),
        "Aktenplan: Bezeichnung von „Testaktenplan“ zu „Neuer Testaktenplan“ geändert",
    ),
    (
        "FD424",
        "aktenplan",
        "aktenplan_unit:9",
        unit("9", lambda u: u.update(retired=True)),
        "stillgelegt: keine neuen Akten",
    ),
    (
        "FD425",
        "aktenplan",
        "aktenplan_unit:99",
        unit("99", lambda u: u.update(description="Alles zum Testen.")),
        "Inhaltsangabe geändert",
    ),
]


# The classification as documented in README and `fachakte explain`: less access, another
# Doxis4 unit or a lost place in the file plan is breaking; more is compatible; texts cosmetic.
CLASSES = {
    "FD401": "compatible",
    "FD402": "breaking",
    "FD403": "breaking",
    "FD404": "breaking",
    "FD405": "compatible",
    "FD406": "breaking",
    "FD407": "compatible",
    "FD408": "cosmetic",
    "FD411": "compatible",
    "FD412": "breaking",
    "FD413": "cosmetic",
    "FD414": "breaking",
    "FD415": "breaking",
    "FD416": "cosmetic",
    "FD417": "breaking",
    "FD421": "compatible",
    "FD422": "breaking",
    "FD423": "cosmetic",
    "FD424": "compatible",
    "FD425": "cosmetic",
}
