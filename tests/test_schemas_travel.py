"""Schemas that travel: a separate definitions repository gets its own copy of every schema
(`fachakte schema --write`), `fachakte new` names it in the modeline, and FA013 checks that the
modeline's path reaches this compiler's schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import DEFINITIONS, REPO, invoke_cli


def _refs(node: object) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref" and isinstance(v, str)] + [
            r for v in node.values() for r in _refs(v)
        ]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def _pointer(document: object, pointer: str) -> object:
    for part in [p for p in pointer.split("/") if p]:
        part = part.replace("~1", "/").replace("~0", "~")
        document = document[int(part)] if isinstance(document, list) else document[part]  # type: ignore[index]
    return document


def test_schema_write_gives_every_schema_and_every_ref_resolves_among_them(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    result = invoke_cli("schema", "--write", out)
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        f"{k}.schema.json"
        for k in ("fachakte", "baustein", "tenants", "delegations", "aktenplan", "common")
    )
    for path in out.iterdir():
        assert path.read_bytes() == (REPO / "schemas" / path.name).read_bytes()
        for ref in _refs(json.loads(path.read_text())):
            target, _, pointer = ref.partition("#")
            document = (
                json.loads((out / target).read_text()) if target else json.loads(path.read_text())
            )
            _pointer(document, pointer)  # raises if the pointer leads nowhere


def _separate_repository(tmp_path: Path) -> Path:
    """A definitions repository of its own: the catalogue files at its top, schemas written."""
    repo = tmp_path / "hsk-fachakten"
    repo.mkdir()
    for name in ("tenants.yaml", "delegations.yaml", "aktenplan.yaml"):
        text = (DEFINITIONS / name).read_text().replace("$schema=../schemas/", "$schema=schemas/")
        (repo / name).write_text(text)
    (repo / "bausteine").mkdir()
    for path in (DEFINITIONS / "bausteine").iterdir():
        (repo / "bausteine" / path.name).write_text(path.read_text())
    assert invoke_cli("schema", "--write", repo / "schemas").exit_code == 0
    return repo


def test_new_writes_a_modeline_that_reaches_the_schemas(tmp_path: Path) -> None:
    repo = _separate_repository(tmp_path)
    result = invoke_cli(
        "new", "marktwesen", "--owners", "arnsberg,brilon,sundern", "--definitions", repo
    )
    assert result.exit_code == 0, result.stderr
    first = (repo / "fachakten" / "marktwesen.yaml").read_text().split("\n", 1)[0]
    assert first == "# yaml-language-server: $schema=../schemas/fachakte.schema.json"
    assert (repo / "fachakten" / "../schemas/fachakte.schema.json").resolve().is_file()
    validated = invoke_cli("validate", repo / "fachakten" / "marktwesen.yaml")
    assert "FA013" not in validated.stdout, validated.stdout


def test_fa013_warns_when_the_modeline_leads_nowhere_or_to_another_schema(tmp_path: Path) -> None:
    repo = _separate_repository(tmp_path)
    tenants = repo / "tenants.yaml"
    assert "FA013" not in invoke_cli("validate", tenants).stdout
    shutil.rmtree(repo / "schemas")
    missing = invoke_cli("validate", tenants)
    assert missing.exit_code == 0 and "FA013" in missing.stdout
    assert "'schemas/tenants.schema.json' does not exist" in missing.stdout
    invoke_cli("schema", "--write", repo / "schemas")
    stale = repo / "schemas" / "tenants.schema.json"
    stale.write_text(stale.read_text().replace("Mandanten", "Mandate", 1))
    differs = invoke_cli("validate", tenants)
    assert "differs from this compiler's tenants.schema.json" in differs.stdout
    assert "fachakte schema --write" in differs.stdout
