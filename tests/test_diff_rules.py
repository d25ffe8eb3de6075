"""Every diff rule, triggered at least once by a real edit committed in a real git repository.

Each case edits the fixture Fachakte (or its Baustein), runs `fachakte diff --base HEAD
--format json` in the repository and expects the rule's code on the named element, with the
class the rule promises.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from catalogue_cases import CATALOGUE_CASES
from fachakte_compiler.diff.rules import all_rules
from test_diff_support import GitCatalogue, by_id

Data = dict[str, Any]
Edit = Callable[[Data], None]


def field(d: Data, fid: str) -> Data:
    return by_id(d["fields"], fid)


def doc(d: Data, did: str) -> Data:
    return by_id(d["document_types"], did)


def role(d: Data, rid: str) -> Data:
    return by_id(d["roles"], rid)


def register(d: Data, rid: str) -> Data:
    return by_id(d["akte"]["registers"], rid)


def steps(d: Data) -> list[Data]:
    transitions: list[Data] = d["workflow"]["transitions"]
    return transitions


def remove_field_bemerkung(d: Data) -> None:
    d["fields"].remove(field(d, "bemerkung"))
    doc(d, "nachweis")["fields"] = ["antragsdatum"]


def remove_code_list(d: Data) -> None:
    d["code_lists"] = []
    d["fields"].remove(field(d, "art"))
    d["akte"]["fields"].remove("art")


def remove_document_type(d: Data) -> None:
    d["document_types"].remove(doc(d, "nachweis"))
    register(d, "antrag")["document_types"] = ["antrag"]


def remove_register(d: Data) -> None:
    d["akte"]["registers"].remove(register(d, "bescheid"))
    register(d, "antrag")["document_types"].append("bescheid")
    del role(d, "leitung")["permissions"]["registers"]


def remove_role(d: Data) -> None:
    d["roles"].remove(role(d, "leitung"))
    steps(d)[1]["roles"] = ["sachbearbeitung"]


def remove_state(d: Data) -> None:
    d["workflow"]["states"].pop(1)
    d["workflow"]["transitions"] = [{"from": "neu", "to": "erledigt", "roles": ["sachbearbeitung"]}]
    d["workflow"]["resubmissions"][0]["after_state"] = "neu"


def replace_transition(d: Data) -> None:
    steps(d)[1] = {"from": "neu", "to": "erledigt", "roles": ["leitung"]}
    # 'pruefung' keeps a way towards the final state (FA605).
    steps(d).append({"from": "pruefung", "to": "neu", "roles": ["leitung"]})


def move_final_state(d: Data) -> None:
    by_id(d["workflow"]["states"], "erledigt")["final"] = False
    d["workflow"]["states"].append({"id": "archiviert", "title": "Archiviert", "final": True})
    steps(d).append({"from": "erledigt", "to": "archiviert", "roles": ["leitung"]})


def add_state(d: Data) -> None:
    d["workflow"]["states"].append({"id": "ruht", "title": "Ruht"})
    steps(d).extend(
        [
            {"from": "pruefung", "to": "ruht", "roles": ["leitung"]},
            {"from": "ruht", "to": "pruefung", "roles": ["leitung"]},
        ]
    )


def add_document_type(d: Data) -> None:
    d["document_types"].append({"id": "mitteilung", "title": "Mitteilung", "fields": ["bemerkung"]})
    register(d, "antrag")["document_types"].append("mitteilung")


def add_register(d: Data) -> None:
    add_document_type(d)
    register(d, "antrag")["document_types"].remove("mitteilung")
    d["akte"]["registers"].append(
        {"id": "sonstiges", "title": "Sonstiges", "document_types": ["mitteilung"]}
    )


def refile_nachweis(d: Data) -> None:
    add_register(d)
    register(d, "antrag")["document_types"].remove("nachweis")
    register(d, "sonstiges")["document_types"].append("nachweis")


def set_(path: str, value: Any) -> Edit:
    """An edit that sets a dotted path; list items are addressed by their id."""

    def apply(d: Data) -> None:
        *parents, last = path.split(".")
        node: Any = d
        for part in parents:
            node = by_id(node, part) if isinstance(node, list) else node[part]
        node[last] = value

    return apply


CASES: list[tuple[str, str, Edit]] = [
    ("FD101", "field:bemerkung", remove_field_bemerkung),
    ("FD102", "field:antragsteller", set_("fields.antragsteller.type", "text")),
    ("FD103", "field:art", set_("fields.art.required", True)),
    ("FD104", "field:bemerkung", set_("fields.bemerkung.max_length", 1000)),
    ("FD104", "field:kennung", set_("fields.kennung.pattern", "^[A-Z]+$")),
    ("FD104", "field:betrag", set_("fields.betrag.minimum", 10)),
    (
        "FD105",
        "field:az_alt",
        lambda d: d["fields"].append(
            {"id": "az_alt", "title": "Altes Aktenzeichen", "type": "string", "required": True}
        ),
    ),
    ("FD106", "code_list:art", remove_code_list),
    ("FD107", "code_value:art.sonst", lambda d: d["code_lists"][0]["values"].pop()),
    ("FD108", "document_type:nachweis", remove_document_type),
    ("FD109", "register:bescheid", remove_register),
    ("FD110", "role:leitung", remove_role),
    ("FD111", "state:pruefung", remove_state),
    ("FD112", "transition:pruefung → erledigt", replace_transition),
    ("FD113", "resubmission:frist", lambda d: d["workflow"].pop("resubmissions")),
    (
        "FD114",
        "role:sachbearbeitung",
        set_("roles.sachbearbeitung.permissions.akte", ["read", "create"]),
    ),
    (
        "FD114",
        "role:leitung",
        set_("roles.leitung.permissions.registers", [{"register": "bescheid", "documents": []}]),
    ),
    ("FD114", "transition:neu → pruefung", lambda d: steps(d)[0].update(roles=["leitung"])),
    ("FD115", "akte", set_("akte.fields", ["antragsteller", "anschrift"])),
    ("FD115", "register:antrag", refile_nachweis),
    ("FD116", "akte", set_("akte.retention.years", 8)),
    ("FD116", "document_type:nachweis", set_("document_types.nachweis.retention.years", 1)),
    ("FD117", "akte", set_("akte.retention.disposition", "A")),
    ("FD118", "akte", set_("akte.retention.trigger", "letzter_vorgang")),
    (
        "FD119",
        "aktenzeichen",
        set_("akte.aktenzeichen.format", "{kennzeichen}/{jahr}/{laufnummer:5}"),
    ),
    ("FD120", "kennzeichen", set_("aktenplan.kennzeichen", "99.20")),
    ("FD121", "state:erledigt", move_final_state),
    (
        "FD201",
        "field:telefon",
        lambda d: d["fields"].append({"id": "telefon", "title": "Telefon", "type": "string"}),
    ),
    ("FD203", "field:bemerkung", set_("fields.bemerkung.max_length", 5000)),
    ("FD203", "field:antragsdatum", set_("fields.antragsdatum.required", False)),
    ("FD203", "field:kennung", lambda d: field(d, "kennung").pop("pattern")),
    (
        "FD204",
        "code_list:stufe",
        lambda d: d["code_lists"].append(
            {"id": "stufe", "title": "Stufe", "values": [{"key": "eins", "label": "Eins"}]}
        ),
    ),
    (
        "FD205",
        "code_value:art.dritt",
        lambda d: d["code_lists"][0]["values"].append({"key": "dritt", "label": "Drittantrag"}),
    ),
    ("FD206", "document_type:mitteilung", add_document_type),
    ("FD207", "register:sonstiges", add_register),
    (
        "FD208",
        "role:lesen",
        lambda d: d["roles"].append(
            {
                "id": "lesen",
                "title": "Lesen",
                "permissions": {"akte": ["read"], "documents": ["read"]},
            }
        ),
    ),
    ("FD209", "state:ruht", add_state),
    ("FD210", "transition:pruefung → ruht", add_state),
    (
        "FD211",
        "resubmission:erinnerung",
        lambda d: d["workflow"]["resubmissions"].append(
            {
                "id": "erinnerung",
                "title": "Erinnerung",
                "role": "leitung",
                "days": 30,
                "after_state": "neu",
            }
        ),
    ),
    ("FD212", "resubmission:frist", set_("workflow.resubmissions.frist.days", 7)),
    (
        "FD213",
        "role:sachbearbeitung",
        set_("roles.sachbearbeitung.permissions.documents", ["read", "create", "update"]),
    ),
    ("FD214", "akte", set_("akte.fields", ["antragsteller", "anschrift", "art", "antragsdatum"])),
    ("FD215", "akte", set_("akte.retention.years", 30)),
    (
        "FD215",
        "akte",
        lambda d: (
            d["akte"]["retention"].pop("years") and d["akte"]["retention"].update(unlimited=True)
        ),
    ),
    ("FD216", "field:bemerkung", set_("fields.bemerkung.searchable", True)),
    (
        "FD217",
        "code_value:art.sonst",
        lambda d: d["code_lists"][0]["values"][2].update(deprecated=True),
    ),
    ("FD218", "display_title", set_("akte.display_title", "{antragsteller} ({aktenzeichen})")),
    ("FD301", "field:betrag", set_("fields.betrag.title", "Betrag in Euro")),
    (
        "FD301",
        "code_value:art.erst",
        lambda d: d["code_lists"][0]["values"][0].update(label="Erstmaliger Antrag"),
    ),
    ("FD302", "document_type:antrag", set_("document_types.antrag.description", "Der Antrag.")),
    ("FD302", "akte", set_("akte.retention.note", "Mit dem Archiv abgestimmt.")),
    ("FD303", "fachakte", set_("owners", ["nord", "sued", "kreis"])),
    # The Kreis no longer runs it (used_by); widening and rewriting: tests/test_used_by.py.
    ("FD124", "fachakte", set_("used_by", {"kinds": ["stadt", "gemeinde"]})),
    (
        "FD304",
        "fachakte",
        lambda d: d["legal_basis"].append({"short": "VwVfG", "title": "Verfahrensgesetz"}),
    ),
    ("FD305", "code_list:art", lambda d: d["code_lists"][0]["values"].reverse()),
    ("FD305", "fachakte", lambda d: d["fields"].reverse()),
    ("FD305", "akte", lambda d: d["akte"]["fields"].reverse()),
    ("FD305", "document_type:antrag", lambda d: doc(d, "antrag")["fields"].reverse()),
    ("FD305", "register:antrag", lambda d: register(d, "antrag")["document_types"].reverse()),
    ("FD305", "workflow", lambda d: d["workflow"]["states"].reverse()),
]


def run_diff(repo: GitCatalogue, invoke: Any, *extra: str) -> Data:
    result = invoke("diff", "--base", "HEAD", "--format", "json", *extra, cwd=repo.repo)
    assert result.exit_code == 0, result.output
    data: Data = json.loads(result.output)
    return data


@pytest.mark.parametrize(("code", "element", "edit"), CASES, ids=[f"{c}-{e}" for c, e, _ in CASES])
def test_rule(tmp_path: Path, invoke: Any, code: str, element: str, edit: Edit) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(edit)
    assert invoke("validate", repo.definitions).exit_code == 0, "the edit must stay valid"
    report = run_diff(repo, invoke)
    [testakte] = report["fachakten"]
    found = [c for c in testakte["changes"] if c["code"] == code and c["element"] == element]
    assert found, f"{code} on {element} not in {testakte['changes']}"
    expected_class = {"1": "major", "2": "minor", "3": "patch"}[code[2]]
    assert found[0]["bump"] == expected_class
    order = ["patch", "minor", "major"]
    assert order.index(testakte["required_bump"]) >= order.index(expected_class)
    assert found[0]["message"] and found[0]["message_de"] != found[0]["message"]


def test_every_rule_has_a_case() -> None:
    covered = {code for code, _, _ in CASES} | {"FD122", "FD202", "FD219"}  # test_diff_cli.py
    covered |= {case[0] for case in CATALOGUE_CASES} | {"FD123", "FD220"}  # test_diff_bausteine
    covered |= {"FD221", "FD306"}  # test_used_by.py
    assert {r.code for r in all_rules()} == covered


def test_parent_now_required_is_reported_once(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(set_("fields.anschrift.required", False))
    repo.commit("optional address")
    repo.fachakte(set_("fields.anschrift.required", True))
    changes = run_diff(repo, invoke)["fachakten"][0]["changes"]
    assert [(c["code"], c["element"]) for c in changes] == [("FD103", "field:anschrift")]


def test_no_changes_reports_nothing(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    report = run_diff(repo, invoke)
    assert report == {
        "fachakten": [],
        "bausteine": [],
        "catalogue": {"tenants": [], "aktenplan": []},  # the fixture has no delegations.yaml
        "summary": {"breaking": 0, "compatible": 0, "cosmetic": 0},
    }
