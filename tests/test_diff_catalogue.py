"""Catalogue-level diff rules (FD4xx): tenants, delegations and the Aktenplan, each triggered by
a real edit in a real git repository; they are shown with a class but never need a bump."""

from __future__ import annotations

import json
from typing import Any

import pytest

from catalogue_cases import CATALOGUE_CASES, CLASSES, Edit, with_delegations
from test_diff_support import GitCatalogue

Data = dict[str, Any]


def run_diff(repo: GitCatalogue, invoke: Any) -> Data:
    result = invoke("diff", "--base", "HEAD", "--format", "json", cwd=repo.repo)
    assert result.exit_code == 0, result.output
    data: Data = json.loads(result.output)
    return data


@pytest.fixture(scope="module")
def base_repo(tmp_path_factory: pytest.TempPathFactory) -> GitCatalogue:
    return with_delegations(tmp_path_factory.mktemp("catalogue"))


@pytest.mark.parametrize(
    ("code", "section", "element", "edit", "german"),
    CATALOGUE_CASES,
    ids=[f"{c[0]}-{c[2]}" for c in CATALOGUE_CASES],
)
def test_catalogue_rule(
    base_repo: GitCatalogue,
    invoke: Any,
    code: str,
    section: str,
    element: str,
    edit: tuple[str, Edit],
    german: str,
) -> None:
    name, change = edit
    original = (base_repo.definitions / name).read_bytes()
    try:
        base_repo.edit(name, change)
        assert invoke("validate", base_repo.definitions).exit_code == 0, "must stay valid"
        report = run_diff(base_repo, invoke)
        check = invoke("check-version", "--base", "HEAD", cwd=base_repo.repo)
    finally:
        (base_repo.definitions / name).write_bytes(original)
    found = [
        c for c in report["catalogue"][section] if (c["code"], c["element"]) == (code, element)
    ]
    assert found, f"{code} on {element} not in {report['catalogue']}"
    assert german in found[0]["message_de"]
    assert found[0]["class"] == CLASSES[code]
    assert found[0]["bump"] is None, "catalogue files have no version to bump"
    assert report["fachakten"] == [] and report["bausteine"] == []
    # No version exists for these files, so check-version has nothing to demand.
    assert check.exit_code == 0, check.output


def test_every_catalogue_rule_is_classified_and_explained(invoke: Any) -> None:
    from fachakte_compiler.diff.rules import all_rules

    unversioned = {r.code: r.bump.kind for r in all_rules() if not r.versioned}
    assert unversioned == CLASSES
    assert {case[0] for case in CATALOGUE_CASES} == set(CLASSES)
    explained = invoke("explain", "FD414")
    assert explained.exit_code == 0
    assert "catalogue-level: no version bump" in explained.output
    assert "Coordinate the change with SIT" in explained.output
