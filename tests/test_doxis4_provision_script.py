"""Offline proof of `Provision.groovy`: the script rendered from a provisioning plan is compiled by
Groovy against stub interfaces written from the public blueline 8.2.2 signatures
(tests/doxis4_api_stubs) and run against an in-memory fake organization (tests/doxis4_fake).
What the organization must hold afterwards is derived from the plan here, independently of the
template. The fake is compiled and all runs run in one JVM.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import DEFINITIONS, ShippedBuild, invoke_cli
from doxis4_groovy import (
    PROVISIONER_START,
    ROWS_START,
    class_entries,
    created_objects,
    expected_state,
    groovy_tool,
    node_entries,
    run_scenarios,
    seed,
    summary,
)
from fachakte_compiler.targets.doxis4_provision import (
    render_scripts,
)
from fachakte_compiler.targets.doxis4_provision.script import groovy_string, group_mark

AGENT_DAYS = ("2025-12-31", "2026-01-01", "2026-12-31", "2027-01-01")
EMPTY_STATE = {"units": {}, "groups": {}, "value_lists": {}, "classification_nodes": {}}
# Every kind of character a catalogue text can bring: quotes, backslash, dollar (no GString),
# umlauts, a character outside the BMP, newline and tab.
AWKWARD = "Gemeinde \"Süd\" 'Nord' \\ ${x} $y Ä – 😀\nzweite Zeile\t!"


def _entry(target: str, name: str, right_set: str, rights: list[str]) -> dict[str, Any]:
    return {
        "kind": "access_entry",
        "name": f"{name}:TESTORT_AKTE_SB",
        "object": {"type": target, "name": name},
        "scope_unit": "TESTORT",
        "entry_type": "ALLOW",
        "identifier_type": "GROUP",
        "identifier": "TESTORT_AKTE_SB",
        "right_set": right_set,
        "rights": rights,
        "needs_decision": [],
        "fachakte": "akte",
        "role": "sb",
    }


def _grant(target: str, name: str, right_set: str, rights: list[str]) -> dict[str, Any]:
    """A delegation grant for 2026 of the partner's group (schema: $defs/grant)."""
    grant = _entry(target, name, right_set, rights)
    grant.update(
        kind="delegation_grant",
        name=f"akte_partner:{name}:PARTNER_AKTE_SB",
        identifier="PARTNER_AKTE_SB",
        delegation="akte_partner",
        from_tenant="testort",
        to_tenant="partner",
        valid_from="2026-01-01",
        valid_until="2026-12-31",
    )
    return grant


def mini_plan() -> dict[str, Any]:
    """A small plan in the shape of schemas/doxis4-plan.schema.json with every step kind."""
    node = {"kind": "classification_node", "short_name": "AP", "fachakte": None}
    return {
        "format": 1,
        "compiler": "test",
        "tenant": {"id": "testort", "name": "Testort", "ags": "05958999"},
        "topology": "shared_organization",
        "organization": "HSK",
        "unit": "TESTORT",
        "classification_scheme": "AKTENPLAN",
        "limits": {"name": 64, "short_name": 30},
        "fachakten": [],
        "steps": [
            {
                "kind": "unit",
                "name": "TESTORT",
                "short_name": "TESTORT",
                "title": AWKWARD,
                "parent": None,
            },
            {
                "kind": "unit",
                "name": "TESTORT_BAU",
                "short_name": "TB",
                "title": "Bauamt",
                "parent": "TESTORT",
            },
            {
                "kind": "group",
                "name": "TESTORT_AKTE_SB",
                "short_name": "TAS",
                "title": "Sachbearbeitung",
                "staff_of": "testort",
                "fachakte": "akte",
                "role": "sb",
                "member_units": ["TESTORT_BAU"],
            },
            {
                "kind": "group",
                "name": "PARTNER_AKTE_SB",
                "short_name": "PAS",
                "title": "Sachbearbeitung der Partnergemeinde",
                "staff_of": "partner",
                "fachakte": "akte",
                "role": "sb",
                "member_units": [],
            },
            {
                "kind": "value_list",
                "name": "AKTE_ART",
                "short_name": "AKTE_ART",
                "title": "Art",
                "columns": ["KEY", "LABEL", "DEPRECATED", "FA_ID"],
                "key_column": "KEY",
                "rows": [["a", "Ä-Wert", "0", "u1"], ["b", AWKWARD, "0", "u2"]],
            },
            {
                **node,
                "name": "AP_1",
                "code": "1",
                "title": "Allgemeine Verwaltung",
                "parent": None,
                "node_type": "NODES_ONLY",
                "retention_rule": None,
                "retention_assignment": "NONE",
                "allowed_target_classes": [],
            },
            {
                **node,
                "name": "AP_1_10",
                "code": "1.10",
                "title": "Akten",
                "parent": "AP_1",
                "node_type": "STATIC",
                "retention_rule": "AUFB_AKTE_AKTE",
                "retention_assignment": "MANDATORY",
                "allowed_target_classes": ["AKTE_AKTE"],
            },
            _entry(
                "classification_node",
                "AP_1_10",
                "ClassificationSchemeNodeRight",
                ["SHOW", "SHOW_DOCUMENTS"],
            ),
            _entry(
                "record_class",
                "AKTE_AKTE",
                "RecordInstanceRight",
                ["VIEW_FOLDER_CONTENTS", "FREEZE"],
            ),
            _entry(
                "document_class",
                "AKTE_BESCHEID",
                "DocumentInstanceRight",
                ["VIEW_DOCUMENT_CONTENTS"],
            ),
            {
                "kind": "delegation_agent",
                "name": "TESTORT_AUFGABENUEBERTRAGUNGEN",
                "grants": [
                    _grant(
                        "classification_node", "AP_1_10", "ClassificationSchemeNodeRight", ["SHOW"]
                    ),
                    _grant(
                        "record_class", "AKTE_AKTE", "RecordInstanceRight", ["VIEW_FOLDER_CONTENTS"]
                    ),
                ],
            },
        ],
        "manual": [],
        "needs_decision": [],
    }


def changed_plan() -> dict[str, Any]:
    """The mini plan after a catalogue change: a relabelled and a new value, one more node
    right, a new group title."""
    plan = copy.deepcopy(mini_plan())
    steps = {s["name"]: s for s in plan["steps"]}
    steps["AKTE_ART"]["rows"][1][1] = "Neu"
    steps["AKTE_ART"]["rows"].append(["c", "Drittes", "0", "u3"])
    steps["AP_1_10:TESTORT_AKTE_SB"]["rights"].append("ASSIGN_DOCUMENT")
    steps["TESTORT_AKTE_SB"]["title"] = "Sachbearbeitung (neu)"
    return plan


def with_foreign_nodes() -> dict[str, Any]:
    """The mini plan plus a node of the organization's own ('EIGEN_99', outside the naming
    scheme) and one of ours the mini plan does not name ('AP_9')."""
    plan = copy.deepcopy(mini_plan())
    first = next(s for s in plan["steps"] if s["kind"] == "classification_node")
    at = plan["steps"].index(first)
    for name, code in (("EIGEN_99", "99"), ("AP_9", "9")):
        node = {**first, "name": name, "code": code, "short_name": name, "parent": None}
        node.update(title=f"Knoten {code}", node_type="NODES_ONLY", retention_rule=None)
        plan["steps"].insert(at, node)
    return plan


def render_provision_script(plan_bytes: bytes) -> bytes:
    return render_scripts(plan_bytes)[0]


def render_delegation_agent(plan_bytes: bytes) -> bytes | None:
    return render_scripts(plan_bytes)[1]


def _write(tmp: Path, name: str, plan: dict[str, Any]) -> str:
    path = tmp / name
    path.write_bytes(render_provision_script(json.dumps(plan).encode()))
    return str(path)


def _write_agent(tmp: Path, plan: dict[str, Any]) -> str:
    path = tmp / "agent.groovy"
    agent = render_delegation_agent(json.dumps(plan).encode())
    assert agent is not None
    path.write_bytes(agent)
    return str(path)


def _tampered(tmp: Path, name: str, script: str, in_shared: bool, old: str, new: str) -> str:
    """A copy of `script` with `old` replaced once by `new` in its shared Provisioner part
    (`in_shared`) or in the remainder before it."""
    text = Path(script).read_text(encoding="utf-8")
    at = text.index(PROVISIONER_START)
    part = text[at:] if in_shared else text[:at]
    assert part.count(old) == 1, old
    path = tmp / name
    changed = part.replace(old, new)
    path.write_text(text[:at] + changed if in_shared else changed + text[at:], encoding="utf-8")
    return str(path)


def compile_check_runs(tmp: Path, script: str) -> list[dict[str, Any]]:
    """Runs that keep the harness's split compile honest (labels start with 'split:'): a static
    error in the shared part and a syntax error in the remainder must still fail, a differing
    shared part must be compiled as itself, and a script with the start line twice whole."""
    cases = {
        "class-error": (
            True,
            "IUnit unit = srv.getUnitByName(ses, name)\n",
            "IUnit unit = srv.getUnitByNam(ses, name)\n",
        ),
        "remainder-error": (False, "PlanSteps.run(p)\n", "PlanSteps.run(p\n"),
        "other-class": (True, "String line = 'summary: '", "String line = 'SUMMARY: '"),
        "start-twice": (False, "PlanSteps.run(p)\n", f"PlanSteps.run(p)\n{PROVISIONER_START}\n"),
    }
    runs = []
    for label, (in_shared, old, new) in cases.items():
        runs.append(
            {
                "label": f"split:{label}",
                "server": f"split:{label}",
                "seed": seed([mini_plan()]),
                "script": _tampered(
                    tmp, f"{label.replace('-', '_')}.groovy", script, in_shared, old, new
                ),
            }
        )
    return runs


@pytest.fixture(scope="module")
def world(shipped_build: ShippedBuild, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Render the scripts, then run every scenario in one JVM; returns plans and results."""
    groovy_tool()
    tmp = tmp_path_factory.mktemp("provision")
    old, new = _write(tmp, "old.groovy", mini_plan()), _write(tmp, "new.groovy", changed_plan())
    org = "mini"
    runs: list[dict[str, Any]] = [
        {
            "label": "dry",
            "server": org,
            "seed": seed([mini_plan()]),
            "script": old,
            "args": ["--dry-run"],
        },
        {"label": "first", "server": org, "script": old},
        {"label": "second", "server": org, "script": old},
        {"label": "agent-dry", "server": org, "script": new, "bind": {"DRY_RUN": "true"}},
        {"label": "change", "server": org, "script": new},
        {"label": "change-again", "server": org, "script": new},
        {"label": "revert", "server": org, "script": old},
        {"label": "revert-delete", "server": org, "script": old, "args": ["--delete"]},
        {"label": "revert-after", "server": org, "script": old},
        {"label": "blocked", "server": "empty", "seed": {}, "script": old},
        {
            "label": "foreign",
            "server": "foreign",
            "seed": seed([mini_plan()]),
            "script": _write(tmp, "foreign.groovy", with_foreign_nodes()),
        },
        {"label": "foreign-delete", "server": "foreign", "script": old, "args": ["--delete"]},
    ]
    # The delegation agent on days before, in and after the grants' period (2026).
    agent = _write_agent(tmp, mini_plan())
    runs += [
        {"label": "agent:before", "server": "agent", "seed": seed([mini_plan()]), "script": old},
        *(
            {"label": f"agent:{day}", "server": "agent", "script": agent, "args": [f"--date={day}"]}
            for day in AGENT_DAYS
        ),
    ]
    # The partner's class entry set by hand in cubeDesigner, outside the period.
    held = {
        "object_type": "record_class",
        "object": "AKTE_AKTE",
        "entry_type": "ALLOW",
        "identifier": "PARTNER_AKTE_SB",
        "rights": ["VIEW_FOLDER_CONTENTS"],
    }
    runs += [
        {"label": "held:setup", "server": "held", "seed": seed([mini_plan()]), "script": old},
        *(
            {
                "label": f"held:{day}",
                "server": "held",
                "script": agent,
                "args": [f"--date={day}"],
                "admin_class_entries": [held],
            }
            for day in ("2025-12-31", "2027-01-01")
        ),
    ]
    runs += compile_check_runs(tmp, old)
    catalogue, more = catalogue_runs(tmp, shipped_build.build)
    results = run_scenarios(runs + more, tmp)
    return {"results": results, "catalogue": catalogue}


def _ops(result: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(j["op"], j["kind"], j["name"]) for j in result["journal"]}


def test_dry_run_on_a_fresh_organization_writes_nothing(world: dict[str, Any]) -> None:
    result = world["results"]["dry"]
    counts = summary(result)
    assert result["journal"] == [] and result["state"] == EMPTY_STATE
    assert counts["created"] == summary(world["results"]["first"])["created"] > 0
    assert counts["blocked"] == 0
    assert result["output"].count("would be created") == counts["created"]
    assert "(dry run: nothing was written)" in result["output"]


def test_first_run_creates_exactly_the_plan(world: dict[str, Any]) -> None:
    plan, result = mini_plan(), world["results"]["first"]
    counts = summary(result)
    assert result["state"] == expected_state([plan])
    assert {(k, n) for op, k, n in _ops(result) if op == "create"} == created_objects([plan])
    assert counts["created"] == len(created_objects([plan])) + len(node_entries(plan))
    assert counts["manual"] == len(class_entries(plan)) == 2
    assert counts["changed"] == counts["blocked"] == counts["deleted"] == 0


def test_second_run_creates_and_changes_nothing(world: dict[str, Any]) -> None:
    first, second = world["results"]["first"], world["results"]["second"]
    counts = summary(second)
    assert second["journal"] == [] and second["state"] == first["state"]
    assert counts["created"] == counts["changed"] == counts["obsolete"] == 0
    assert second["output"].splitlines()[-1].startswith("summary: created=0 changed=0 ")


def test_agent_parameter_dry_run_writes_nothing(world: dict[str, Any]) -> None:
    result = world["results"]["agent-dry"]
    assert result["journal"] == [] and summary(result)["changed"] == 3


def test_catalogue_change_touches_only_what_changed(world: dict[str, Any]) -> None:
    change = world["results"]["change"]
    assert _ops(change) == {
        ("change", "value_list", "AKTE_ART"),
        ("change", "classification_node", "AP_1_10"),
        ("change", "group", "TESTORT_AKTE_SB"),
    }
    assert change["state"] == expected_state([changed_plan()])
    assert world["results"]["change-again"]["journal"] == []


def test_old_plan_keeps_what_it_no_longer_names_unless_started_with_delete(
    world: dict[str, Any],
) -> None:
    results = world["results"]
    revert = results["revert"]
    obsolete = [line for line in revert["output"].splitlines() if line.startswith("obsolete")]
    assert len(obsolete) == summary(revert)["obsolete"] == 1
    assert "row c of value list AKTE_ART" in obsolete[0]
    assert revert["state"]["value_lists"]["AKTE_ART"]["rows"][2][0] == "c"
    deleted = results["revert-delete"]
    assert summary(deleted)["deleted"] == 1
    assert _ops(deleted) == {("change", "value_list", "AKTE_ART")}
    assert deleted["state"] == results["second"]["state"]
    assert results["revert-after"]["journal"] == []


def test_delete_leaves_nodes_outside_the_naming_scheme_alone(world: dict[str, Any]) -> None:
    # The scheme is created by hand and may hold the organization's own nodes.
    results = world["results"]
    assert {"AKTENPLAN/EIGEN_99", "AKTENPLAN/AP_9"} <= set(
        results["foreign"]["state"]["classification_nodes"]
    )
    swept = results["foreign-delete"]
    nodes = swept["state"]["classification_nodes"]
    assert "AKTENPLAN/EIGEN_99" in nodes and "AKTENPLAN/AP_9" not in nodes
    assert ("delete", "classification_node", "AP_9") in _ops(swept)
    assert "EIGEN_99" not in swept["output"]


def test_missing_prerequisites_block_with_an_error(world: dict[str, Any]) -> None:
    result = world["results"]["blocked"]
    assert "steps are blocked by missing prerequisites" in result["error"]
    assert "classification scheme 'AKTENPLAN' is missing" in result["output"]
    assert "e-file class 'AKTE_AKTE' is missing" in result["output"]
    assert result["state"]["classification_nodes"] == {}


def _node_groups(result: dict[str, Any]) -> list[str]:
    node = result["state"]["classification_nodes"]["AKTENPLAN/AP_1_10"]
    return [e["identifier"] for e in node["entries"]]


def test_delegation_agent_gives_and_takes_off_grants_by_their_period(
    world: dict[str, Any],
) -> None:
    results = world["results"]
    before = results["agent:before"]
    assert summary(before)["blocked"] == 0
    outside = results["agent:2025-12-31"]
    assert outside["journal"] == [] and outside["state"] == before["state"]
    assert "day: 2025-12-31" in outside["output"]
    first_day = results["agent:2026-01-01"]
    assert _ops(first_day) == {("change", "classification_node", "AP_1_10")}
    assert _node_groups(first_day) == ["PARTNER_AKTE_SB", "TESTORT_AKTE_SB"]
    # The class grant cannot be written through the API: listed for cubeDesigner.
    assert summary(first_day)["manual"] == 1
    last_day = results["agent:2026-12-31"]
    assert last_day["journal"] == [] and summary(last_day)["unchanged"] >= 1
    after = results["agent:2027-01-01"]
    assert _ops(after) == {("change", "classification_node", "AP_1_10")}
    assert summary(after)["deleted"] == 1
    assert after["state"] == before["state"]


def test_delegation_agent_names_the_unit_whose_entry_to_take_off(world: dict[str, Any]) -> None:
    # In a shared organization the processing group may hold an entry on the same class for
    # its own unit: the instruction says which one goes and why.
    results = world["results"]
    for day, why in (("2025-12-31", "not begun"), ("2027-01-01", "over")):
        output = results[f"held:{day}"]["output"]
        assert (
            f"delegation period {why}, take the entry off in cubeDesigner for the instances of "
            "unit TESTORT only; keep its entry for other units"
        ) in output, output
        assert results[f"held:{day}"]["journal"] == []


def _compiled(results: dict[str, Any], labels: list[str]) -> set[tuple[Any, ...]]:
    """How the scripts first run under `labels` were compiled: ("split", which distinct text of
    the Provisioner part, which of the ValueListRows part; None: the script has none) or
    ("whole",)."""
    return {(results[x]["compiled"], *results[x].get("shared", [])) for x in labels}


def test_shared_parts_are_compiled_once(world: dict[str, Any]) -> None:
    # Every Provision.groovy, the mini plan's and each tenant's of both topologies, is compiled
    # against the same class Provisioner; the shipped tenants' against the same ValueListRows.
    results, cat = world["results"], world["catalogue"]
    mini = _compiled(results, ["dry", "foreign"])
    assert mini == {("split", 1, 1)}
    assert _compiled(results, ["agent-dry"]) == {("split", 1, 2)}
    shipped = _compiled(results, [f"cat:{t}:dry" for t in cat["tenants"]])
    assert len(shipped) == 1 and next(iter(shipped))[:2] == ("split", 1)
    # A catalogue change that adds a value gives the changed script its own ValueListRows.
    changed = _compiled(results, ["cat:change:dry"])
    assert changed != shipped and next(iter(changed))[:2] == ("split", 1)
    flipped = _compiled(results, [f"cat:flipped:{t}:first" for t in FLIPPED_TENANTS])
    assert {c[:2] for c in flipped} == {("split", 1)}
    # The delegation agent imports two classes more and has no value lists.
    assert _compiled(results, ["agent:2025-12-31"]) == {("split", 2, None)}


def test_a_script_that_does_not_compile_still_fails(world: dict[str, Any]) -> None:
    results = world["results"]
    # A wrong method name in the class Provisioner: static compilation still finds it.
    broken = results["split:class-error"]
    assert "getUnitByNam" in broken["compile_error"] and "returned" not in broken
    # A syntax error in the part before it.
    assert "unexpected token" in results["split:remainder-error"]["compile_error"]
    assert _compiled(results, ["split:class-error", "split:remainder-error"]) == {("whole",)}


def test_a_differing_provisioner_is_compiled_as_itself(world: dict[str, Any]) -> None:
    results, first = world["results"], world["results"]["first"]
    other = results["split:other-class"]
    assert _compiled(results, ["split:other-class"]) == {("split", 3, 1)}
    # Its own text ran: the summary line it changed.
    assert other["output"].splitlines()[-1].startswith("SUMMARY: created=")
    assert other["output"].lower() == first["output"].lower()
    assert other["state"] == first["state"]
    # With the start line twice the script is not split: compiled whole, it does the same.
    whole = results["split:start-twice"]
    assert _compiled(results, ["split:start-twice"]) == {("whole",)}
    assert (whole["output"], whole["state"]) == (first["output"], first["state"])


def test_delegation_agent_only_for_plans_with_delegations() -> None:
    plan = mini_plan()
    plan["steps"] = [s for s in plan["steps"] if s["kind"] != "delegation_agent"]
    assert render_delegation_agent(json.dumps(plan).encode()) is None


def test_groovy_string_literals() -> None:
    assert groovy_string("a'b\\c") == "'a\\'b\\\\c'"
    assert groovy_string("Ä\n\t$") == "'\\u00c4\\n\\t$'"
    assert groovy_string("😀") == "'\\ud83d\\ude00'"
    with pytest.raises(ValueError, match="control character"):
        groovy_string("\x07")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rights", ["SHOW", "FLY"], "right of ClassificationSchemeNodeRight"),
        ("right_set", "RecordInstanceRight", "takes ClassificationSchemeNodeRight"),
        ("identifier_type", "EVERYONE", "identifier type"),
    ],
)
def test_renderer_refuses_constants_the_api_does_not_have(
    field: str, value: object, message: str
) -> None:
    plan = mini_plan()
    entry = next(s for s in plan["steps"] if s["kind"] == "access_entry")
    entry[field] = value
    with pytest.raises(ValueError, match=message):
        render_provision_script(json.dumps(plan).encode())


def test_script_bytes_depend_only_on_the_plan() -> None:
    first = render_provision_script(json.dumps(mini_plan()).encode())
    assert first == render_provision_script(json.dumps(mini_plan()).encode())
    assert first.isascii() and b"\r" not in first


# --- every tenant of the shipped catalogue, both topologies -------------------------------------

PROVISION = Path("doxis4/provision")
CHANGED_TENANT = "brilon"
# The tenants built with the other topology than the shipped one (a delegation among them).
FLIPPED_TENANTS = ("hallenberg", "medebach", "brilon")
NEW_ROLE = """  - id: widerspruchsstelle
    title: Widerspruchsstelle
    permissions:
      akte: [read]
      documents: [read]
"""
NEW_VALUE = """      - key: zweithund
        label: Zweiter und jeder weitere Hund
"""
TOPOLOGIES = ("shared_organization", "organization_per_tenant")


def _compile(definitions: Path, out: Path, *tenants: str) -> Path:
    selection = [a for t in tenants for a in ("--tenant", t)]
    done = invoke_cli(
        "compile", definitions, "--target", "doxis4", "-o", out, "--no-cache", *selection
    )
    assert done.exit_code == 0, done.stdout + done.stderr
    return out


def _plan(build: Path, tenant: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((build / tenant / PROVISION / "plan.json").read_text())
    return loaded


def _script(build: Path, tenant: str) -> str:
    return str(build / tenant / PROVISION / "Provision.groovy")


def _changed_catalogue(target: Path) -> Path:
    """The shipped catalogue plus one code-list value and one role in the Hundesteuer."""
    shutil.copytree(DEFINITIONS, target)
    path = target / "fachakten" / "hundesteuer.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "        label: Erhöhter Steuersatz für gefährliche Hunde\n"
    # `roles:` is the last list before `workflow:`, so the new role goes right before it.
    assert text.count(anchor) == 1 and text.count("\nworkflow:\n") == 1
    text = text.replace(anchor, anchor + NEW_VALUE)
    path.write_text(text.replace("\nworkflow:\n", f"\n{NEW_ROLE}workflow:\n"), encoding="utf-8")
    return target


def _flipped_catalogue(target: Path, shipped: str) -> Path:
    """The shipped catalogue with the other Doxis4 topology."""
    shutil.copytree(DEFINITIONS, target)
    path = target / "tenants.yaml"
    text = path.read_text(encoding="utf-8")
    other = next(t for t in TOPOLOGIES if t != shipped)
    assert text.count(f"topology: {shipped}") == 1
    path.write_text(text.replace(f"topology: {shipped}", f"topology: {other}"), "utf-8")
    return target


def catalogue_runs(tmp: Path, base: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Build a changed and a re-topologised catalogue with the real CLI beside `base`, the
    Doxis4 build of the shipped one; returns their plans and the runs (labels start with
    'cat:')."""
    tenants = sorted(p.name for p in base.iterdir() if (p / PROVISION / "plan.json").is_file())
    plans = {t: _plan(base, t) for t in tenants}
    shipped = plans[tenants[0]]["topology"]
    flipped = _compile(
        _flipped_catalogue(tmp / "flipped-defs", shipped), tmp / "flipped", *FLIPPED_TENANTS
    )
    changed = _compile(_changed_catalogue(tmp / "changed-defs"), tmp / "changed", CHANGED_TENANT)
    flipped_plans = {t: _plan(flipped, t) for t in FLIPPED_TENANTS}
    runs: list[dict[str, Any]] = []
    # Every tenant's script alone in a fresh organization: dry run, first run, second run.
    for tenant in tenants:
        org, script = f"cat:{tenant}", _script(base, tenant)
        runs += [
            {
                "label": f"{org}:dry",
                "server": org,
                "seed": seed([plans[tenant]]),
                "script": script,
                "args": ["--dry-run"],
            },
            {"label": f"{org}:first", "server": org, "script": script},
            {"label": f"{org}:second", "server": org, "script": script},
        ]
    for tenant in FLIPPED_TENANTS:
        org, script = f"cat:flipped:{tenant}", _script(flipped, tenant)
        runs += [
            {
                "label": f"{org}:first",
                "server": org,
                "seed": seed([flipped_plans[tenant]]),
                "script": script,
            },
            {"label": f"{org}:second", "server": org, "script": script},
        ]
    # The shared organization: every tenant's script one after the other, then all again, then
    # the first one with --delete, which must find nothing of the others to delete.
    build, members = (
        (base, tenants) if shipped == "shared_organization" else (flipped, list(FLIPPED_TENANTS))
    )
    member_plans = [_plan(build, t) for t in members]
    for rnd in ("first", "second"):
        for tenant in members:
            runs.append(
                {
                    "label": f"cat:shared:{tenant}:{rnd}",
                    "server": "cat:shared",
                    "seed": seed(member_plans),
                    "script": _script(build, tenant),
                    # Only the organization after the last run is compared: the states on the
                    # way (a third of the results) are not written.
                    "state": (tenant, rnd) == (members[-1], "second"),
                }
            )
    runs.append(
        {
            "label": "cat:shared:delete",
            "server": "cat:shared",
            "script": _script(build, members[0]),
            "args": ["--delete"],
        }
    )
    # A catalogue change, then the old script again: without, with a dry and with a real delete.
    old, new, org = (
        _script(base, CHANGED_TENANT),
        _script(changed, CHANGED_TENANT),
        f"cat:{CHANGED_TENANT}",
    )
    runs += [
        {"label": "cat:change:dry", "server": org, "script": new, "args": ["--dry-run"]},
        {"label": "cat:change:run", "server": org, "script": new},
        {"label": "cat:change:again", "server": org, "script": new},
        {"label": "cat:revert:keep", "server": org, "script": old},
        {
            "label": "cat:revert:delete-dry",
            "server": org,
            "script": old,
            "args": ["--dry-run", "--delete"],
        },
        {"label": "cat:revert:delete", "server": org, "script": old, "args": ["--delete"]},
        {"label": "cat:revert:after", "server": org, "script": old},
    ]
    # An administrator sets one class entry in cubeDesigner: the script then finds it in place.
    admin = class_entries(plans["hsk"])[0]
    runs.append(
        {
            "label": "cat:admin",
            "server": "cat:hsk",
            "script": _script(base, "hsk"),
            "admin_class_entries": [
                {
                    "object_type": admin["object"]["type"],
                    "object": admin["object"]["name"],
                    "entry_type": admin["entry_type"],
                    "identifier": admin["identifier"],
                    "rights": admin["rights"],
                }
            ],
        }
    )
    info = {
        "tenants": tenants,
        "plans": plans,
        "flipped_plans": flipped_plans,
        "shared_plans": member_plans,
        "shared_members": members,
        "changed_plan": _plan(changed, CHANGED_TENANT),
    }
    return info, runs


def test_every_tenant_runs_the_same_provisioning_logic(shipped_build: ShippedBuild) -> None:
    """The class Provisioner is the same text, byte for byte, in every script of the shipped
    catalogue, and so is the class ValueListRows in every Provision.groovy of its shared
    organization; what makes a script a tenant's is its steps and the tenant binding."""
    scripts = sorted(shipped_build.build.glob("*/doxis4/provision/*.groovy"))
    tenants = {p.parts[-4] for p in scripts}
    assert len(tenants) == 13 and any(p.name == "DelegationAgent.groovy" for p in scripts)
    logic, rows = set(), set()
    for path in scripts:
        text = path.read_bytes()
        start = b"\n" + PROVISIONER_START.encode() + b"\n"
        assert text.count(start) == 1, path
        before, shared = text.split(start)
        logic.add(shared)
        mark = groovy_string(group_mark(path.parts[-4]))
        assert f"String groupMark = {mark}\n".encode() in before, path
        assert b"new Provisioner(session, dryRun, " in before, path
        if path.name == "Provision.groovy":
            steps, values = before.split(b"\n" + ROWS_START.encode() + b"\n")
            assert b"class ValueListRows" not in steps and b"ValueListRows.rows001()" in steps
            rows.add(values)
    assert len(logic) == len(rows) == 1
    shared = logic.pop()
    assert shared.startswith(b"/**\n * The generic") and shared.count(b"\nclass ") == 1
    assert b"fachakte-compiler:" not in shared
    assert not {t.encode() for t in tenants} & set(re.findall(rb"[a-z]+", shared))


def test_every_tenant_has_a_script_for_both_topologies(world: dict[str, Any]) -> None:
    cat = world["catalogue"]
    assert len(cat["tenants"]) == 13
    topologies = {cat["plans"]["hsk"]["topology"], cat["flipped_plans"]["brilon"]["topology"]}
    assert topologies == set(TOPOLOGIES)


def test_every_tenant_alone_dry_first_second(world: dict[str, Any]) -> None:
    results, cat = world["results"], world["catalogue"]
    checked = [(f"cat:{t}", cat["plans"][t], True) for t in cat["tenants"]]
    checked += [(f"cat:flipped:{t}", cat["flipped_plans"][t], False) for t in FLIPPED_TENANTS]
    for org, plan, with_dry in checked:
        first, second = results[f"{org}:first"], results[f"{org}:second"]
        counts = summary(first)
        if with_dry:
            dry = results[f"{org}:dry"]
            assert dry["journal"] == [] and dry["state"] == EMPTY_STATE, org
            assert summary(dry)["created"] == counts["created"], org
        assert first["state"] == expected_state([plan]), org
        assert {(k, n) for op, k, n in _ops(first) if op == "create"} == created_objects([plan])
        others = {(op, k) for op, k, _ in _ops(first) if op != "create"}
        assert others <= {("change", "classification_node"), ("change", "unit")}, org
        assert counts["created"] == len(created_objects([plan])) + len(node_entries(plan)), org
        assert counts["manual"] == len(class_entries(plan)), org
        assert counts["changed"] == counts["blocked"] == counts["deleted"] == 0, org
        assert second["journal"] == [] and second["state"] == first["state"], org
        assert summary(second)["unchanged"] == counts["created"], org


def test_shared_organization_holds_every_tenant_and_deletes_nothing_of_the_others(
    world: dict[str, Any],
) -> None:
    results, cat = world["results"], world["catalogue"]
    members = cat["shared_members"]
    for tenant in members:
        assert summary(results[f"cat:shared:{tenant}:first"])["blocked"] == 0
        assert results[f"cat:shared:{tenant}:second"]["journal"] == [], tenant
    # Later tenants find the shared value lists and nodes in place and create only their own.
    later = results[f"cat:shared:{members[1]}:first"]
    assert {kind for op, kind, _ in _ops(later) if op == "create"} == {"unit", "group"}
    state = results[f"cat:shared:{members[-1]}:second"]["state"]
    assert state == expected_state(cat["shared_plans"])
    deleting = results["cat:shared:delete"]
    assert deleting["journal"] == [] and summary(deleting)["deleted"] == 0


def _plan_changes(old: dict[str, Any], new: dict[str, Any]) -> set[tuple[str, str, str]]:
    """The journal entries a catalogue change must cause, from the two plans alone."""
    before = {(s["kind"], s["name"]): s for s in old["steps"]}
    expected = set()
    for step in new["steps"]:
        key = (step["kind"], step["name"])
        if before.get(key) == step:
            continue
        if step["kind"] in {"unit", "group", "value_list", "classification_node"}:
            expected.add(("create" if key not in before else "change", step["kind"], step["name"]))
        elif step["kind"] == "access_entry" and step["object"]["type"] == "classification_node":
            expected.add(("change", "classification_node", step["object"]["name"]))
    return expected


def test_shipped_catalogue_change_touches_only_what_changed(world: dict[str, Any]) -> None:
    results, cat = world["results"], world["catalogue"]
    old, new = cat["plans"][CHANGED_TENANT], cat["changed_plan"]
    expected = _plan_changes(old, new)
    assert ("create", "group", "BRILON_HUNDESTEUER_WIDERSPRUCHSSTELLE") in expected
    assert ("change", "value_list", "HUNDESTEUER_STEUERART") in expected
    dry = results["cat:change:dry"]
    assert dry["journal"] == [] and summary(dry)["created"] >= 1
    assert _ops(results["cat:change:run"]) == expected
    assert results["cat:change:run"]["state"] == expected_state([new])
    assert results["cat:change:again"]["journal"] == []


def test_old_script_deletes_what_the_change_added_only_with_the_switch(
    world: dict[str, Any],
) -> None:
    results = world["results"]
    keep, dry = results["cat:revert:keep"], results["cat:revert:delete-dry"]
    assert keep["journal"] == [] and keep["state"] == results["cat:change:again"]["state"]
    obsolete = [line for line in keep["output"].splitlines() if line.startswith("obsolete")]
    assert summary(keep)["obsolete"] == len(obsolete) >= 3
    assert any("group BRILON_HUNDESTEUER_WIDERSPRUCHSSTELLE" in line for line in obsolete)
    assert any("row zweithund of value list HUNDESTEUER_STEUERART" in line for line in obsolete)
    assert dry["journal"] == [] and summary(dry)["deleted"] == len(obsolete)
    deleted = results["cat:revert:delete"]
    assert summary(deleted)["deleted"] == len(obsolete)
    assert ("delete", "group", "BRILON_HUNDESTEUER_WIDERSPRUCHSSTELLE") in _ops(deleted)
    # After the delete run the organization is again exactly what the old plan creates.
    assert deleted["state"] == results[f"cat:{CHANGED_TENANT}:second"]["state"]
    assert results["cat:revert:after"]["journal"] == []


def test_class_entry_set_in_cubedesigner_counts_as_in_place(world: dict[str, Any]) -> None:
    checked, before = world["results"]["cat:admin"], world["results"]["cat:hsk:second"]
    assert checked["journal"] == []
    assert summary(checked)["manual"] == summary(before)["manual"] - 1
    assert summary(checked)["unchanged"] == summary(before)["unchanged"] + 1
