"""Run generated Doxis4 scripts against the in-memory fake organization, with Debian's Groovy.

`tests/doxis4_fake/run_scenarios.groovy` compiles the stub interfaces (tests/doxis4_api_stubs) and
the fake (tests/doxis4_fake/fake), then runs any number of scripts against any number of fake
organizations, all in ONE JVM, and writes what happened as JSON.
Without Groovy the tests skip with the install hint, except under CI (CI=true), where a skipped
proof would count as a pass: there they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from fachakte_compiler.targets.doxis4_provision.script import group_mark

TESTS = Path(__file__).resolve().parent
STUBS = TESTS / "doxis4_api_stubs"
FAKE = TESTS / "doxis4_fake" / "fake"
RUNNER = TESTS / "doxis4_fake" / "run_scenarios.groovy"
HINT = (
    "install Groovy to run the Doxis4 script tests: apt-get install groovy "
    "(make test does this on Debian when run as root)"
)
# Short JVM runs: the client compiler only and a serial GC cost a third of the CPU time; a young
# generation that holds a script's compilation spares most collections (about 5 % less CPU).
# A metaspace that holds the ~20 compiled scripts' classes spares a full collection (0.3 s).
JAVA_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss4m -Xms1g -Xmn700m -XX:MetaspaceSize=256m"


# The lines that start the parts of a generated script that are the same text in many scripts:
# the class Provisioner (_provisioner.groovy.j2) and the class ValueListRows (Provision.groovy.j2).
# The harness compiles each part once per distinct text (see run_scenarios.groovy).
PROVISIONER_START = (
    "// === Provisioning logic: the same text, byte for byte, in every tenant's script "
    "==============="
)
ROWS_START = (
    "// === Value lists' rows: the same text in every script that creates the same value lists "
    "======="
)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def groovy_tool() -> str:
    """Path of `groovy`; skips (fails under CI) when it or Java is missing."""
    groovy = shutil.which("groovy")
    if groovy is None or java_home() is None:
        if in_ci():
            pytest.fail(f"Groovy or Java is missing in CI: {HINT}")
        pytest.skip(HINT)
    return groovy


def java_home() -> str | None:
    """JAVA_HOME for Debian's groovy launcher, which needs one (it defaults to default-java,
    absent when the JDK came without the default-jre package)."""
    given = os.environ.get("JAVA_HOME")
    if given and Path(given, "bin", "java").is_file():
        return given
    java = shutil.which("java")
    return str(Path(java).resolve().parents[1]) if java else None


def java_env() -> dict[str, str]:
    return {
        **os.environ,
        "JAVA_HOME": java_home() or "",
        "JAVA_OPTS": JAVA_OPTS,
        "LC_ALL": "C",
    }


def run_scenarios(runs: list[dict[str, Any]], work: Path) -> dict[str, Any]:
    """Compile the stubs and the fake, then run `runs` (see run_scenarios.groovy), all in one
    JVM; returns the results by label. A script's first run says how it was compiled: "split"
    (against the shared parts, "shared": which distinct text of each) or "whole"."""
    groovy = groovy_tool()
    jobs, results, classes = work / "jobs.json", work / "results.json", work / "classes"
    jobs.write_text(
        json.dumps({"shared_starts": [PROVISIONER_START, ROWS_START], "runs": runs}),
        encoding="utf-8",
    )
    classes.mkdir()
    sources = sorted(str(p) for d in (STUBS, FAKE) for p in d.rglob("*.groovy"))
    done = subprocess.run(
        [groovy, str(RUNNER), str(jobs), str(results), str(classes), *sources],
        env=java_env(),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    found = json.loads(results.read_text(encoding="utf-8"))["results"]
    return {r["label"]: r for r in found}


# --- what a plan means, derived from plan.json without the template -----------------------------


def steps(plan: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [s for s in plan["steps"] if s["kind"] == kind]


def node_entries(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in steps(plan, "access_entry") if s["object"]["type"] == "classification_node"]


def class_entries(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in steps(plan, "access_entry") if s["object"]["type"] != "classification_node"]


def seed(plans: list[dict[str, Any]]) -> dict[str, list[str]]:
    """What cubeDesigner and Transport set up before the script runs (the setup sheet's part):
    the classification scheme, the retention rules and the classes the plans refer to."""
    schemes, rules, records, documents = set(), set(), set(), set()
    for plan in plans:
        schemes.add(plan["classification_scheme"])
        for node in steps(plan, "classification_node"):
            if node["retention_rule"]:
                rules.add(node["retention_rule"])
            records.update(node["allowed_target_classes"])
        for entry in class_entries(plan):
            target = records if entry["object"]["type"] == "record_class" else documents
            target.add(entry["object"]["name"])
    return {
        "schemes": sorted(schemes),
        "retention_rules": sorted(rules),
        "record_classes": sorted(records),
        "document_classes": sorted(documents),
    }


def _entry(step: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": step["entry_type"],
        "identifier_type": step["identifier_type"],
        "identifier": step["identifier"],
        "rights": sorted(step["rights"]),
    }


def expected_state(plans: list[dict[str, Any]]) -> dict[str, Any]:
    """The organization after the scripts of `plans` ran once on a fresh one, by names."""
    units: dict[str, Any] = {}
    groups: dict[str, Any] = {}
    lists: dict[str, Any] = {}
    nodes: dict[str, Any] = {}
    for plan in plans:
        scheme = plan["classification_scheme"]
        for unit in steps(plan, "unit"):
            units[unit["name"]] = {
                "parent": unit["parent"],
                "description": unit["title"],
                "groups": [],
                "entries": [],
            }
        for group in steps(plan, "group"):
            groups[group["name"]] = {
                "description": group["title"] + group_mark(plan["tenant"]["id"]),
                "entries": [],
            }
            for member in group["member_units"]:
                units[member]["groups"] = sorted({*units[member]["groups"], group["name"]})
        for value_list in steps(plan, "value_list"):
            lists[value_list["name"]] = {
                "columns": value_list["columns"],
                "key_columns": [value_list["key_column"]],
                "rows": value_list["rows"],
            }
        for node in steps(plan, "classification_node"):
            # In a shared organization every plan names the same nodes; entries add up.
            nodes.setdefault(
                f"{scheme}/{node['name']}",
                {
                    "scheme": scheme,
                    "code": node["code"],
                    "name": node["name"],
                    "description": node["title"],
                    "type": node["node_type"],
                    "parent": node["parent"],
                    "retention_rules": [node["retention_rule"]] if node["retention_rule"] else [],
                    "retention_assignment": node["retention_assignment"],
                    "allowed_target_classes": node["allowed_target_classes"],
                    "entries": [],
                },
            )
        for entry in node_entries(plan):
            found = nodes[f"{scheme}/{entry['object']['name']}"]["entries"]
            found.append(_entry(entry))
            found.sort(key=lambda e: f"{e['identifier_type']} {e['identifier']}")
    return {
        "units": dict(sorted(units.items())),
        "groups": dict(sorted(groups.items())),
        "value_lists": dict(sorted(lists.items())),
        "classification_nodes": dict(sorted(nodes.items())),
    }


def created_objects(plans: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """(journal kind, name) of every object the first run must create."""
    kinds = {"unit": "unit", "group": "group", "value_list": "value_list"}
    found = {(kinds[s["kind"]], s["name"]) for p in plans for s in p["steps"] if s["kind"] in kinds}
    found |= {
        ("classification_node", s["name"]) for p in plans for s in steps(p, "classification_node")
    }
    return found


def summary(result: dict[str, Any]) -> dict[str, int]:
    assert result.get("compile_error") is None, result["compile_error"]
    assert result.get("error") is None, result["error"] + "\n" + result.get("output", "")
    counts: dict[str, int] = result["returned"]["counts"]
    return counts
