"""Reports that consumers accept: SARIF 2.1.0 and JUnit XML against their official schemas.

The schemas are third-party reference data in ../shared/conformance/ (SARIF 2.1.0 from OASIS,
junit-10.xsd from the Jenkins xUnit plugin); the schema checks skip with a reason without them,
the structural checks run everywhere.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from click.testing import Result
from lxml import etree

from conftest import CONFORMANCE, DEFINITIONS
from support.git import init

Run = Callable[..., Result]
SARIF_SCHEMA = CONFORMANCE / "sarif-schema-2.1.0.json"
JUNIT_XSD = CONFORMANCE / "junit-10.xsd"
# A stray file whose name needs percent-encoding and whose content yields several findings,
# one of them quoting a control character from a YAML escape.
ODD_NAME = "alte akte #1 100%.yaml"
ODD_CONTENT = 'id: "x\\x01"\nversion: 1.0\ntitle: Alt\n'


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the shipped catalogue under definitions/ and the odd file."""
    root = tmp_path / "repo"
    shutil.copytree(DEFINITIONS, root / "definitions")
    (root / "definitions" / "fachakten" / ODD_NAME).write_text(ODD_CONTENT, encoding="utf-8")
    init(root)
    return root


def _report(invoke: Run, repo: Path, fmt: str, cwd: Path) -> str:
    result = invoke("validate", repo / "definitions", "--format", fmt, cwd=cwd)
    assert result.exit_code == 1, result.stderr
    return result.stdout


def test_sarif_locations_are_encoded_and_relative_to_the_repository(
    invoke: Run, repo: Path, tmp_path: Path
) -> None:
    # Run from elsewhere: the URIs still name the files from the repository's top.
    sarif = json.loads(_report(invoke, repo, "sarif", tmp_path))
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    base = run["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert base == repo.resolve().as_uri() + "/"
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    odd = [loc for loc in locations if "alte" in loc["uri"]]
    assert odd and all(loc["uriBaseId"] == "SRCROOT" for loc in locations)
    assert odd[0]["uri"] == "definitions/fachakten/alte%20akte%20%231%20100%25.yaml"
    assert unquote(odd[0]["uri"]) == f"definitions/fachakten/{ODD_NAME}"
    prints = [r["partialFingerprints"]["fachakteFinding/v1"] for r in run["results"]]
    assert len(set(prints)) == len(prints) == len(run["results"]) >= 3


def test_sarif_fingerprints_survive_moved_lines(invoke: Run, repo: Path) -> None:
    first = json.loads(_report(invoke, repo, "sarif", repo))
    odd = repo / "definitions" / "fachakten" / ODD_NAME
    odd.write_text("# eine neue erste Zeile\n" + ODD_CONTENT, encoding="utf-8")
    second = json.loads(_report(invoke, repo, "sarif", repo))

    def prints(report: dict[str, Any]) -> list[str]:
        return [
            r["partialFingerprints"]["fachakteFinding/v1"] for r in report["runs"][0]["results"]
        ]

    assert prints(first) == prints(second)


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason=f"{SARIF_SCHEMA} not found")
def test_sarif_is_valid_against_the_official_schema(invoke: Run, repo: Path) -> None:
    import jsonschema_rs

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema_rs.validator_for(schema, validate_formats=True)
    for where in (repo, repo / "definitions"):
        report = json.loads(_report(invoke, repo, "sarif", where))
        errors = [e.message for e in validator.iter_errors(report)]
        assert errors == []


def _junit(invoke: Run, repo: Path) -> etree._Element:
    text = _report(invoke, repo, "junit", repo)
    return etree.fromstring(text.encode("utf-8"))  # well-formed despite the control character


def test_junit_has_one_test_case_per_finding(invoke: Run, repo: Path) -> None:
    findings = json.loads(_report(invoke, repo, "json", repo))["diagnostics"]
    root = _junit(invoke, repo)
    failed = root.findall(".//testcase[failure]")
    assert len(failed) == sum(d["severity"] == "error" for d in findings) >= 3
    assert root.get("failures") == str(len(failed)) and root.get("errors") == "0"
    odd = [c for c in failed if ODD_NAME in c.get("classname", "")]
    messages = " ".join(c.find("failure").text or "" for c in odd)  # type: ignore[union-attr]
    assert "\\x01" in messages  # the control character is shown, not written
    clean = root.findall(".//testcase")
    assert len(clean) == int(root.get("tests", "0"))


@pytest.mark.skipif(not JUNIT_XSD.is_file(), reason=f"{JUNIT_XSD} not found")
def test_junit_is_valid_against_the_jenkins_xsd(invoke: Run, repo: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(JUNIT_XSD)))
    root = _junit(invoke, repo)
    assert schema.validate(root), schema.error_log
    clean = invoke("validate", DEFINITIONS, "--format", "junit")
    assert clean.exit_code == 0
    assert schema.validate(etree.fromstring(clean.stdout.encode("utf-8"))), schema.error_log
