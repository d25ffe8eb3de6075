"""Did-you-mean suggestions name only ids that exist and are valid, and FA105 offers the ASCII
spelling of an id (`Fundört` -> `fundoert`); through the real CLI on the small test catalogue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, invoke_cli
from fachakte_compiler.diagnostics.suggest import ID
from support.catalogue import MINI, copy_catalogue

FACHAKTE = "fachakten/beispiel.yaml"
FIELDS = "fields:\n"
AKTE_FIELDS = "  fields: [antragsteller, antragsart, eingangsdatum]"


def _field(id_yaml: str) -> str:
    return f"  - id: {id_yaml}\n    title: Feld\n    type: string\n"


def _catalogue(tmp_path: Path, fields: list[str], references: list[str]) -> Path:
    """The test catalogue with `fields` (ids as YAML scalars) defined and `references` (ids as
    YAML scalars) listed in akte.fields."""
    root = copy_catalogue(tmp_path / "mini", MINI)
    path = root / FACHAKTE
    text = path.read_text(encoding="utf-8")
    assert FIELDS in text and AKTE_FIELDS in text
    text = text.replace(FIELDS, FIELDS + "".join(_field(f) for f in fields), 1)
    text = text.replace(AKTE_FIELDS, AKTE_FIELDS[:-1] + "".join(f", {r}" for r in references) + "]")
    path.write_text(text, encoding="utf-8")
    return root


def _findings(root: Path, code: str, lang: str = "en") -> dict[str, Any]:
    """message -> hint of every finding of `code` (json report of `fachakte validate`)."""
    result = invoke_cli("validate", root, "--format", "json", env={"FACHAKTE_LANG": lang})
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    return {d["message"]: d.get("hint") for d in report["diagnostics"] if d["code"] == code}


def test_an_unknown_reference_is_never_pointed_at_an_invalid_id(tmp_path: Path) -> None:
    # `fundorte` is unknown; the two fields closest to it are themselves invalid (an umlaut, a
    # zero-width space): proposing them would trade one error for another.
    root = _catalogue(
        tmp_path,
        ["fundörter", '"fundort\\u200b"', "grabstelle"],
        ["fundorte", "grabstele", "Grabstelle"],
    )
    unknown = _findings(root, "FA201")
    assert unknown == {
        "Akte uses unknown field 'fundorte'": None,
        "Akte uses unknown field 'grabstele'": "did you mean 'grabstelle'?",
    }
    # A reference with a capital (or an umlaut) is invalid itself (FA105), not also unknown;
    # its ASCII spelling is the suggestion.
    invalid = _findings(root, "FA105")
    assert invalid[
        "'Grabstelle' is not a valid id: use lowercase letters a-z, digits and _, starting with "
        "a letter"
    ] == ("did you mean 'grabstelle'?")


def _with_invalid_tenant(target: Path) -> Path:
    """The test catalogue at `target`, its tenant `westdorf` spelt `westdörf` (FA105)."""
    root = copy_catalogue(target, MINI)
    tenants = root / "tenants.yaml"
    text = tenants.read_text(encoding="utf-8")
    tenants.write_text(text.replace("id: westdorf", "id: westdörf"), encoding="utf-8")
    return root


def test_new_never_proposes_an_invalid_tenant_id(tmp_path: Path) -> None:
    root = _with_invalid_tenant(tmp_path / "mini")
    args = ("new", "zweitakte", "--definitions", root, "--owners")
    refused = invoke_cli(*args, "kreis,westdorf,suedstadt")
    assert refused.exit_code == 2
    assert "unknown tenant 'westdorf'" in refused.stderr and "westdörf" not in refused.stderr
    near = invoke_cli(*args, "kreis,nordstat,suedstadt")
    assert near.exit_code == 2
    assert "unknown tenant 'nordstat'" in near.stderr
    assert "(did you mean 'nordstadt'?)" in near.stderr


@pytest.mark.parametrize(
    ("lang", "fundort", "grabfeld"),
    [
        ("en", "did you mean 'fundoert'?", "did you mean 'grab_feld_2'?"),
        ("de", "ist 'fundoert' gemeint?", "ist 'grab_feld_2' gemeint?"),
    ],
)
def test_fa105_offers_the_ascii_form_of_an_id_when_that_form_is_valid(
    tmp_path: Path, lang: str, fundort: str, grabfeld: str
) -> None:
    too_long = "ä" * 40  # 80 characters in ASCII: more than an id may have
    root = _catalogue(tmp_path, ["Fundört", '"Grab-Feld 2"', "1fund", too_long], [])
    invalid = {m.split("'")[1]: hint for m, hint in _findings(root, "FA105", lang).items()}
    assert invalid == {
        "Fundört": fundort,
        "Grab-Feld 2": grabfeld,
        "1fund": None,
        too_long: None,
    }
    text = invoke_cli("validate", root, env={"FACHAKTE_LANG": lang}).stdout
    assert f"^^^^^^^ {fundort}" in text


def test_the_id_rule_of_suggestions_is_the_schemas() -> None:
    common = json.loads((REPO / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
    rule = common["$defs"]["id"]
    assert rule["pattern"] == "^" + ID.pattern.replace("{0,63}", "*") + "$"
    assert rule["maxLength"] == 64 == 1 + int(ID.pattern.split(",")[1].rstrip("}"))


def test_the_shell_never_completes_an_invalid_tenant_id(tmp_path: Path) -> None:
    from test_cli_progress_completion import _complete

    _with_invalid_tenant(tmp_path / "definitions")
    offered = _complete("fachakte compile --tenant ", tmp_path)
    assert offered == ["kreis", "nordstadt", "suedstadt"]
