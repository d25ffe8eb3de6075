"""`build/<tenant>/doxis4/provision/plan.json`: valid against its JSON Schema in every tenant,
and holding exactly the objects the model implies, counted here without the renderer's code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from jsonschema import Draft202012Validator

from conftest import DEFINITIONS, REPO, ShippedBuild, invoke_cli
from fachakte_compiler.model import Catalogue
from fachakte_compiler.model.load import load_model

SCHEMA = REPO / "schemas" / "doxis4-plan.schema.json"
KIND_ORDER = [
    "unit",
    "group",
    "value_list",
    "classification_node",
    "access_entry",
    "delegation_agent",
]
# The enumerations of the blueline 8.2.2 API (../shared/doxis4-api.md §1.12), written out here
# so that a typo in the mapping cannot hide behind the same typo in the test.
RECORD_RIGHTS = set(
    [
        "EDIT",
        "DELETE",
        "CREATE_FOLDER",
        "EDIT_FOLDER_DESCRIPTORS",
        "VIEW_FOLDER_CONTENTS",
        "CHANGE_RETENTION_POLICY",
        "REASSIGN_ARCHIVE_FOLDER_CLASS",
        "UPDATE_FOLDER",
        "DELETE_FOLDER",
        "CHANGE_CLASSIFICATION_SCHEME",
        "SUBSCRIBE_NOTIFICATION",
        "ADD_COMMENT_ITEM",
        "EDIT_COMMENT_ITEM",
        "DELETE_COMMENT_ITEM",
        "EDIT_FOREIGN_COMMENT_ITEM",
        "DELETE_FOREIGN_COMMENT_ITEM",
        "USE_RATING_AND_LIKE_ITEMS",
        "DELETE_FOREIGN_RATING_AND_LIKE_ITEMS",
        "SET_PRIMARY_PARENT",
        "FREEZE",
        "UNFREEZE",
        "VIEW_REMOVED_FOLDER",
        "IGNORE_PARENT_RIGHTS",
    ]
)
DOCUMENT_RIGHTS = set(
    [
        "EDIT_OVERLAY",
        "ADD_OVERLAY",
        "DELETE_OVERLAY",
        "VIEW_FOREIGN_ANNOTATIONS",
        "EDIT_FOREIGN_ANNOTATIONS",
        "ADD_FOREIGN_ANNOTATIONS",
        "DELETE_FOREIGN_ANNOTATIONS",
        "SUBSCRIBE_NOTIFICATION",
        "CHANGE_CLASSIFICATION_SCHEME",
        "REVOKE_CHECKOUT",
        "DOCUMENT_KEYCHANGE",
        "REASSIGN_ARCHIVE_DOC_CLASS",
        "DELETE_DOCUMENT",
        "CHANGE_RETENTION_POLICY",
        "LOCK_DOCUMENT",
        "UNFREEZE",
        "UPDATE_DOCUMENT",
        "VIEW_DOCUMENT_CONTENTS",
        "APPEND_DATA_TO_DOCUMENT",
        "ACCESS_NON_DEFAULT_REP",
        "APPEND_REPRESENTATION",
        "EDIT_SIGNATURE",
        "ADD_SIGNATURE",
        "DELETE_SIGNATURE",
        "READ_WORKING_VERSION",
        "CREATE_WORKING_VERSION",
        "VERSION_DOCUMENT",
        "ADD_COMMENT_ITEM",
        "EDIT_COMMENT_ITEM",
        "DELETE_COMMENT_ITEM",
        "EDIT_FOREIGN_COMMENT_ITEM",
        "DELETE_FOREIGN_COMMENT_ITEM",
        "USE_RATING_AND_LIKE_ITEMS",
        "DELETE_FOREIGN_RATING_AND_LIKE_ITEMS",
        "EDIT",
        "DELETE",
        "CREATE_DOCUMENT",
        "SET_PRIMARY_PARENT",
        "VIEW_REMOVED_DOCUMENT",
        "PRIVILEGED_DELETE_DOCUMENT",
        "DELETE_DOCUMENT_VERSIONS",
        "IGNORE_PARENT_RIGHTS",
    ]
)
NODE_RIGHTS = set(
    [
        "ADD_CHILD_NODE",
        "DELETE",
        "EDIT",
        "MOVE",
        "SHOW",
        "SHOW_DOCUMENTS",
        "ASSIGN_DOCUMENT",
        "UNASSIGN_DOCUMENT",
        "REASSIGN_DOCUMENT",
    ]
)
RIGHT_SETS = {
    "RecordInstanceRight": RECORD_RIGHTS,
    "DocumentInstanceRight": DOCUMENT_RIGHTS,
    "ClassificationSchemeNodeRight": NODE_RIGHTS,
}
# The shipped topology, and the alternative the tests switch to.
SHARED_TOPOLOGY = "  topology: shared_organization\n  organization: HSK_VERBUND\n"
PER_TENANT = "  topology: organization_per_tenant\n"

Plan = dict[str, Any]


def read_plans(out: Path, model: Catalogue) -> dict[str, Plan]:
    return {
        t.id: json.loads((out / t.id / "doxis4" / "provision" / "plan.json").read_bytes())
        for t in model.tenants
    }


def compile_plans(root: Path, topology: str) -> tuple[dict[str, Plan], Catalogue]:
    definitions = root / "definitions"
    shutil.copytree(DEFINITIONS, definitions)
    tenants = definitions / "tenants.yaml"
    text = tenants.read_text(encoding="utf-8")
    assert text.count(SHARED_TOPOLOGY) == 1
    tenants.write_text(text.replace(SHARED_TOPOLOGY, topology), encoding="utf-8")
    out = root / "build"
    result = invoke_cli("compile", definitions, "--target", "doxis4", "-o", out)
    assert result.exit_code == 0, result.stdout + result.stderr
    model, _, _ = load_model([definitions])
    assert model is not None
    return read_plans(out, model), model


@pytest.fixture(scope="module")
def per_tenant(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Plan], Catalogue]:
    return compile_plans(tmp_path_factory.mktemp("plan"), PER_TENANT)


@pytest.fixture(scope="module")
def shared(shipped_build: ShippedBuild) -> tuple[dict[str, Plan], Catalogue]:
    """The shipped catalogue has the shared topology: its build from the session."""
    text = (shipped_build.definitions / "tenants.yaml").read_text(encoding="utf-8")
    assert text.count(SHARED_TOPOLOGY) == 1
    return read_plans(shipped_build.build, shipped_build.model), shipped_build.model


def steps(plan: Plan, kind: str) -> list[dict[str, Any]]:
    return [s for s in plan["steps"] if s["kind"] == kind]


def expected_counts(model: Catalogue) -> dict[str, int]:
    # One descriptor per leaf path of every Fachakte, Baustein leaves included.
    descriptors = {
        (f.id, path) for f in model.fachakten for fd in f.fields for path, _ in fd.leaves()
    }
    value_lists = {(c.scope or f.id, c.id) for f in model.fachakten for c in f.code_lists}
    levels: set[str] = set()
    for fachakte in model.fachakten:
        parts = fachakte.kennzeichen.split(".")
        levels |= {".".join(parts[:n]) for n in range(1, len(parts) + 1)}
    # One-digit Hauptgruppen of the KGSt plan sit above the two-digit Gruppen ('2' above '22').
    levels |= {
        u.kennzeichen
        for u in model.aktenplan
        if not u.retired and any(lvl.split(".")[0].startswith(u.kennzeichen) for lvl in levels)
    }
    rules = sum(1 + sum(1 for d in f.document_types if d.retention) for f in model.fachakten)
    classes = sum(1 + len(f.document_types) for f in model.fachakten)
    registers = sum(len(f.akte.registers) for f in model.fachakten)
    return {
        "descriptors": len(descriptors),
        "value_lists": len(value_lists),
        "nodes": len(levels),
        "id_map": len(descriptors) + len(value_lists) + rules + classes + registers + len(levels),
        "roles": sum(len(f.roles) for f in model.fachakten),
    }


def test_every_plan_is_valid_against_its_schema(
    per_tenant: tuple[dict[str, Plan], Catalogue],
) -> None:
    plans, model = per_tenant
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    # Every plan with jsonschema-rs (draft 2020-12, checked against jsonschema in
    # tests/test_schema_engines.py), the first one with jsonschema too: jsonschema-rs takes a
    # millisecond per plan, jsonschema a second.
    validator = jsonschema_rs.Draft202012Validator(schema)
    assert set(plans) == {t.id for t in model.tenants} and len(plans) == 13
    first = next(iter(plans))
    errors = [
        f"{list(e.path)}: {e.message}"
        for e in Draft202012Validator(schema).iter_errors(plans[first])
    ]
    assert not errors, (first, errors[:5])
    for tenant_id, plan in plans.items():
        errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(plan)]
        assert not errors, (tenant_id, errors[:5])
        kinds = [KIND_ORDER.index(s["kind"]) for s in plan["steps"]]
        assert kinds == sorted(kinds), f"{tenant_id}: steps out of order"
        names = [(s["kind"], s["name"]) for s in plan["steps"]]
        assert len(names) == len(set(names)), f"{tenant_id}: a step is there twice"


def test_plan_holds_what_the_model_implies(per_tenant: tuple[dict[str, Plan], Catalogue]) -> None:
    plans, model = per_tenant
    for tenant in model.tenants:
        # A plan covers the Fachakten the tenant runs (used_by): the Kreis's fewer.
        expected = expected_counts(model.for_tenant(tenant.id))
        plan = plans[tenant.id]
        foreign = {
            (d.to_tenant, d.fachakte, r)
            for d in model.delegations
            if d.from_tenant == tenant.id
            for r in d.roles
        }
        assert len(steps(plan, "group")) == expected["roles"] + len(foreign), tenant.id
        lists = steps(plan, "value_list")
        assert len(lists) == expected["value_lists"] + 1
        id_map = next(v for v in lists if v["name"] == "FA_ID_MAP")
        assert len(id_map["rows"]) == expected["id_map"]
        kinds = [row[1] for row in id_map["rows"]]
        assert kinds.count("descriptor") == expected["descriptors"]
        assert len(steps(plan, "classification_node")) == expected["nodes"]
        assert steps(plan, "unit") == []
        assert plan["organization"] == tenant.organization and plan["unit"] is None
        # Every group of the tenant's own roles has exactly one entry on its e-file class.
        records = [e for e in steps(plan, "access_entry") if e["object"]["type"] == "record_class"]
        assert len(records) == expected["roles"]


def test_value_lists_carry_keys_labels_and_our_ids(
    per_tenant: tuple[dict[str, Plan], Catalogue],
) -> None:
    plans, model = per_tenant
    plan = plans["brilon"]
    lists = {v["name"]: v for v in steps(plan, "value_list")}
    anrede = lists["PERSON_ANREDE"]
    assert anrede["columns"] == ["KEY", "LABEL", "DEPRECATED", "FA_ID"]
    assert [row[0] for row in anrede["rows"]] == ["frau", "herr", "ohne"]
    wohngeld = model.fachakte("wohngeld")
    zuschuss = lists["WOHNGELD_ZUSCHUSSART"]
    assert [(r[0], r[1]) for r in zuschuss["rows"]] == [
        (v.key, v.label) for v in wohngeld.code_list("zuschussart").values
    ]
    all_ids = [r[-1] for v in lists.values() for r in v["rows"]]
    assert len(all_ids) == len(set(all_ids))
    # A Baustein's list is one list for the whole catalogue, not one per Fachakte.
    assert sum(1 for n in lists if n.endswith("_ANREDE")) == 1


def test_rights_are_doxis4_right_names(per_tenant: tuple[dict[str, Plan], Catalogue]) -> None:
    plans, model = per_tenant
    plan = plans["arnsberg"]
    entries = steps(plan, "access_entry")
    for entry in entries:
        assert set(entry["rights"]) <= RIGHT_SETS[entry["right_set"]], entry["name"]
    wohngeld = model.fachakte("wohngeld")
    lead = wohngeld.role("sachgebietsleitung")
    assert "close" in lead.akte_permissions and "reopen" in lead.akte_permissions
    record = next(
        e
        for e in entries
        if e["identifier"] == "ARNSBERG_WOHNGELD_SACHGEBIETSLEITUNG"
        and e["object"]["type"] == "record_class"
    )
    assert {"FREEZE", "UNFREEZE", "VIEW_FOLDER_CONTENTS"} <= set(record["rights"])
    # `export` has no Doxis4 right: it is named, never silently dropped.
    assert record["needs_decision"] == ["export"]
    undecided = {
        (d["fachakte"], d["role"], d["scope"], d["permission"]) for d in plan["needs_decision"]
    }
    for fachakte in model.fachakten:
        for role in fachakte.roles:
            for permission in ("export",):
                if permission in role.akte_permissions:
                    assert (fachakte.id, role.id, "akte", permission) in undecided
            if "approve" in role.document_permissions:
                assert (fachakte.id, role.id, "documents", "approve") in undecided
    # The cash office reads decisions and payments, nothing from the application register.
    kasse = {
        e["object"]["name"]
        for e in entries
        if e["identifier"] == "ARNSBERG_WOHNGELD_KASSE" and e["object"]["type"] == "document_class"
    }
    assert "WOHNGELD_BESCHEID" in kasse and "WOHNGELD_ANTRAG" not in kasse


def test_per_tenant_delegation_says_what_to_create(
    per_tenant: tuple[dict[str, Plan], Catalogue],
) -> None:
    plans, _ = per_tenant
    hallenberg = plans["hallenberg"]
    foreign = [g for g in steps(hallenberg, "group") if g["staff_of"] == "medebach"]
    assert {g["name"] for g in foreign} == {
        "MEDEBACH_WOHNGELD_SACHBEARBEITUNG",
        "MEDEBACH_WOHNGELD_SACHGEBIETSLEITUNG",
    }
    (agent,) = steps(hallenberg, "delegation_agent")
    assert {g["identifier"] for g in agent["grants"]} == {g["name"] for g in foreign}
    assert {(g["valid_from"], g["valid_until"]) for g in agent["grants"]} == {("2026-01-01", None)}
    # Across organizations the node entry is needed too: the node is Hallenberg's own.
    assert "classification_node" in {g["object"]["type"] for g in agent["grants"]}
    (note,) = [
        m for m in hallenberg["manual"] if m["subject"].endswith("wohngeld_hallenberg_medebach")
    ]
    assert (
        note["organization"] == "HALLENBERG" and "MEDEBACH_WOHNGELD_SACHBEARBEITUNG" in note["text"]
    )
    medebach = plans["medebach"]
    assert steps(medebach, "delegation_agent") == []
    assert any(m["organization"] == "HALLENBERG" for m in medebach["manual"])


def test_shared_topology_has_units_and_scoped_entries(
    shared: tuple[dict[str, Plan], Catalogue],
) -> None:
    plans, model = shared
    for tenant in model.tenants:
        expected = expected_counts(model.for_tenant(tenant.id))
        plan = plans[tenant.id]
        assert plan["organization"] == "HSK_VERBUND" and plan["unit"] == tenant.doxis4_unit
        assert steps(plan, "unit") == [
            {
                "kind": "unit",
                "name": tenant.doxis4_unit,
                "short_name": tenant.doxis4_unit,
                "title": tenant.name,
                "parent": None,
            }
        ]
        # Only the tenant's own groups: a processing municipality's groups exist already.
        assert len(steps(plan, "group")) == expected["roles"]
        assert {e["scope_unit"] for e in steps(plan, "access_entry")} == {tenant.doxis4_unit}
    (agent,) = steps(plans["hallenberg"], "delegation_agent")
    # The node is shared by all; the agent must never take away the processor's own rights.
    assert {g["object"]["type"] for g in agent["grants"]} == {"record_class", "document_class"}
    assert {g["scope_unit"] for g in agent["grants"]} == {"HALLENBERG"}
    assert plans["hallenberg"]["manual"] == []
    # What lives once in the organization is the same in the plan of every tenant that runs
    # the same Fachakten; the Kreis's holds only those of Personalakte and Vergabe.
    common = {
        json.dumps([s for s in p["steps"] if s["kind"] in ("value_list", "classification_node")])
        for p in plans.values()
    }
    assert len(common) == 2
    kreis = {s["fachakte"] for s in steps(plans["hsk"], "classification_node")} - {None}
    assert kreis == {"personalakte", "vergabe"}
