"""The CI templates and pre-commit hooks: every `fachakte` command in them really runs.

The commands are taken from the YAML files themselves and executed in a real git repository
on a feature branch, with the target branch `main`, so a template cannot drift from the CLI.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from conftest import invoke_cli
from support.yaml_dump import load as load_yaml
from test_diff_support import GitCatalogue, git

REPO = Path(__file__).resolve().parents[1]
GITHUB = REPO / "ci-templates" / "github-actions.yml"
GITLAB = REPO / "ci-templates" / "gitlab-ci.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
CONSTRAINTS = REPO / "ci-templates" / "constraints.txt"
TARGET_REFS = ('"origin/${{ github.base_ref }}"', '"$CI_MERGE_REQUEST_DIFF_BASE_SHA"')


def load(path: Path) -> Any:
    return load_yaml(path.read_text(encoding="utf-8"))


def github_commands() -> list[str]:
    steps = load(GITHUB)["jobs"]["pruefen-und-bauen"]["steps"]
    return [s["run"] for s in steps if str(s.get("run", "")).startswith("fachakte ")]


def gitlab_commands() -> list[str]:
    jobs = load(GITLAB)
    return [
        line
        for job in ("validieren", "formatierung", "versionen", "bauen")
        for line in jobs[job]["script"]
        if line.startswith("fachakte ")
    ]


def as_args(command: str) -> list[str]:
    for ref in TARGET_REFS:
        command = command.replace(ref, "main")
    command = command.split(">>")[0]  # the step summary redirect is the runner's business
    args = shlex.split(command)
    assert args[0] == "fachakte"
    return args[1:]


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory: pytest.TempPathFactory) -> GitCatalogue:
    """A feature branch with a compatible change and the matching minor bump."""
    repo = GitCatalogue(tmp_path_factory.mktemp("ci") / "repo")
    git(repo.repo, "checkout", "-q", "-b", "feature")

    def add_phone(d: dict[str, Any]) -> None:
        d["fields"].append({"id": "telefon", "title": "Telefon", "type": "string"})
        d["akte"]["fields"].append("telefon")

    repo.fachakte(add_phone, version="1.1.0")
    # The fixture writes with PyYAML; the canonical layout is what `fmt --check` expects.
    assert invoke_cli("fmt", "definitions", cwd=repo.repo).exit_code == 0
    repo.commit("Telefon")
    return repo


@pytest.mark.parametrize("command", github_commands() + gitlab_commands())
def test_template_command_runs(pull_request: GitCatalogue, invoke: Any, command: str) -> None:
    result = invoke(*as_args(command), cwd=pull_request.repo)
    assert result.exit_code == 0, (command, result.output)


def test_template_outputs_are_what_ci_expects(pull_request: GitCatalogue, invoke: Any) -> None:
    # The templates' own language setting, which the pull-request comment follows.
    env = {"FACHAKTE_LANG": load(GITHUB)["env"]["FACHAKTE_LANG"]}
    assert (
        env
        == {"FACHAKTE_LANG": load(GITLAB)["variables"]["FACHAKTE_LANG"]}
        == {"FACHAKTE_LANG": "de"}
    )
    for command in github_commands() + gitlab_commands():
        invoke(*as_args(command), cwd=pull_request.repo, env=env)
    sarif = json.loads((pull_request.repo / "fachakte.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []
    junit = etree.parse(str(pull_request.repo / "fachakte-junit.xml")).getroot()
    assert junit.tag == "testsuites" and junit.get("failures") in ("0", None)
    quality = json.loads((pull_request.repo / "gl-code-quality-report.json").read_bytes())
    assert quality == []
    summary = (pull_request.repo / "fachakte-aenderungen.md").read_text(encoding="utf-8")
    assert "Feld „Telefon“ (telefon)" in summary
    assert any((pull_request.repo / "build").rglob("*.zip"))


def test_github_workflow_shape() -> None:
    workflow = load(GITHUB)
    steps = workflow["jobs"]["pruefen-und-bauen"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    uses = {s.get("uses", "").split("@")[0]: s for s in steps}
    upload = uses["github/codeql-action/upload-sarif"]
    assert upload["with"]["sarif_file"] == "fachakte.sarif"
    # Without code scanning (private repositories) the upload fails; the job stays green.
    assert upload["continue-on-error"] is True
    assert "Code Scanning" in GITHUB.read_text(encoding="utf-8").split("continue-on-error")[0]
    assert uses["actions/setup-python"]["with"]["cache"] == "pip"
    assert uses["actions/upload-artifact"]["with"]["path"] == "build/"
    assert workflow["permissions"] == {
        "contents": "read",
        "actions": "read",
        "security-events": "write",
    }
    validates = [c for c in github_commands() if c.startswith("fachakte validate")]
    # One run: readable text in the log and the SARIF file.
    assert validates == ["fachakte validate definitions/ --report sarif=fachakte.sarif"]
    assert "fachakte fmt --check definitions/" in github_commands()


def test_gitlab_pipeline_shape() -> None:
    pipeline = load(GITLAB)
    assert pipeline["variables"]["GIT_DEPTH"] == "0"
    assert pipeline["default"]["image"] == "python:3.11"  # the full image has git
    assert pipeline["default"]["cache"]["paths"] == [".cache/pip"]
    assert pipeline["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"
    reports = pipeline["validieren"]["artifacts"]["reports"]
    assert reports == {
        "junit": "fachakte-junit.xml",
        "codequality": "gl-code-quality-report.json",
    }
    assert pipeline["formatierung"]["script"] == ["fachakte fmt --check definitions/"]
    versions = pipeline["versionen"]
    assert all("$CI_MERGE_REQUEST_DIFF_BASE_SHA" in line for line in versions["script"][1:])
    assert versions["artifacts"]["expose_as"] == "Fachliche Änderungen"
    assert versions["artifacts"]["paths"] == ["fachakte-aenderungen.md"]
    assert pipeline["bauen"]["artifacts"]["paths"] == ["build/"]


def test_templates_install_with_the_pinned_constraints() -> None:
    import tomllib

    pins = {
        line.split("==")[0]
        for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    for requirement in project["project"]["dependencies"]:
        name = requirement.split(">")[0].split("<")[0].split("=")[0].split("[")[0].strip()
        assert name.lower().replace("_", "-").replace(".", "-") in pins, name
    assert all("==" in line for line in CONSTRAINTS.read_text().splitlines() if line[:1].isalpha())
    install = '-c ci/fachakte-constraints.txt "$FACHAKTE_COMPILER"'
    assert install in GITHUB.read_text(encoding="utf-8")
    assert install in GITLAB.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("template", "schema"),
    [(GITHUB, "vendor.github-workflows"), (GITLAB, "vendor.gitlab-ci")],
)
def test_templates_pass_the_official_schemas(template: Path, schema: str) -> None:
    """check-jsonschema's vendored copies of the GitHub workflow and GitLab CI schemas."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(template)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_codequality_report_lists_each_finding(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(lambda d: d.update(title="Testakte (Platzhalter)"))
    out = tmp_path / "gl-code-quality-report.json"
    result = invoke("validate", repo.definitions, "--report", f"codequality={out}", cwd=repo.repo)
    assert result.exit_code == 0 and "warning FA017" in result.output  # text as usual
    [issue] = [i for i in json.loads(out.read_bytes()) if i["check_name"] == "FA017"]
    assert issue["severity"] == "minor"
    assert issue["location"]["path"].endswith("fachakten/testakte.yaml")
    assert issue["location"]["lines"]["begin"] == 4
    assert len(issue["fingerprint"]) == 64 and issue["description"].startswith("FA017: ")
    bad = invoke("validate", repo.definitions, "--report", "pdf=x.pdf")
    assert bad.exit_code == 2 and "FORMAT=FILE" in bad.output


def test_pre_commit_hooks(pull_request: GitCatalogue, invoke: Any) -> None:
    hooks = {h["id"]: h for h in load(HOOKS)}
    assert set(hooks) == {"fachakte-validate", "fachakte-fmt", "fachakte-fmt-check"}
    assert all(h["language"] == "python" for h in hooks.values())
    assert hooks["fachakte-fmt"]["entry"] == "fachakte fmt"
    assert hooks["fachakte-fmt-check"]["entry"] == "fachakte fmt --check"
    validate = shlex.split(hooks["fachakte-validate"]["entry"])[1:]
    assert invoke(*validate, cwd=pull_request.repo).exit_code == 0
    fmt = shlex.split(hooks["fachakte-fmt"]["entry"])[1:]
    assert invoke(*fmt, "--help").exit_code == 0
