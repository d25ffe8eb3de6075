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
import yaml
from lxml import etree

from test_diff_support import GitCatalogue, git

REPO = Path(__file__).resolve().parents[1]
GITHUB = REPO / "ci-templates" / "github-actions.yml"
GITLAB = REPO / "ci-templates" / "gitlab-ci.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
TARGET_REFS = ('"origin/${{ github.base_ref }}"', '"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"')


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def github_commands() -> list[str]:
    steps = load(GITHUB)["jobs"]["pruefen-und-bauen"]["steps"]
    return [s["run"] for s in steps if str(s.get("run", "")).startswith("fachakte ")]


def gitlab_commands() -> list[str]:
    jobs = load(GITLAB)
    return [
        line
        for job in ("validieren", "versionen", "bauen")
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
    repo.commit("Telefon")
    return repo


@pytest.mark.parametrize("command", github_commands() + gitlab_commands())
def test_template_command_runs(pull_request: GitCatalogue, invoke: Any, command: str) -> None:
    result = invoke(*as_args(command), cwd=pull_request.repo)
    assert result.exit_code == 0, (command, result.output)


def test_template_outputs_are_what_ci_expects(pull_request: GitCatalogue, invoke: Any) -> None:
    for command in github_commands() + gitlab_commands():
        invoke(*as_args(command), cwd=pull_request.repo)
    sarif = json.loads((pull_request.repo / "fachakte.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []
    junit = etree.parse(str(pull_request.repo / "fachakte-junit.xml")).getroot()
    assert junit.tag == "testsuites" and junit.get("failures") in ("0", None)
    summary = (pull_request.repo / "fachakte-aenderungen.md").read_text(encoding="utf-8")
    assert "Feld „telefon“" in summary
    assert any((pull_request.repo / "build").rglob("*.zip"))


def test_github_workflow_shape() -> None:
    workflow = load(GITHUB)
    steps = workflow["jobs"]["pruefen-und-bauen"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    uses = {s.get("uses", "").split("@")[0]: s for s in steps}
    assert uses["github/codeql-action/upload-sarif"]["with"]["sarif_file"] == "fachakte.sarif"
    assert uses["actions/upload-artifact"]["with"]["path"] == "build/"
    assert workflow["permissions"]["security-events"] == "write"


def test_gitlab_pipeline_shape() -> None:
    pipeline = load(GITLAB)
    assert pipeline["variables"]["GIT_DEPTH"] == "0"
    assert pipeline["validieren"]["artifacts"]["reports"]["junit"] == "fachakte-junit.xml"
    assert "--format junit -o fachakte-junit.xml" in pipeline["validieren"]["script"][0]
    assert pipeline["bauen"]["artifacts"]["paths"] == ["build/"]


def test_pre_commit_hooks(pull_request: GitCatalogue, invoke: Any) -> None:
    hooks = {h["id"]: h for h in load(HOOKS)}
    assert set(hooks) == {"fachakte-validate", "fachakte-fmt"}
    assert all(h["language"] == "python" for h in hooks.values())
    assert hooks["fachakte-fmt"]["entry"] == "fachakte fmt --check"
    validate = shlex.split(hooks["fachakte-validate"]["entry"])[1:]
    assert invoke(*validate, cwd=pull_request.repo).exit_code == 0
    fmt = shlex.split(hooks["fachakte-fmt"]["entry"])[1:]
    assert invoke(*fmt, "--help").exit_code == 0
