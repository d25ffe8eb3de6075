"""The enumerations of the definition language are defined once, in the model: the JSON Schemas,
the Doxis4 package XSD and the German wording must name exactly the same values."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from conftest import REPO
from fachakte_compiler.model.enums import (
    ENUMERATIONS,
    AktePermission,
    Disposition,
    DocumentPermission,
    Doxis4Topology,
    FieldType,
    Labelled,
    PersonalData,
    SpecialCategory,
    TenantKind,
    Trigger,
)
from fachakte_compiler.resources import SCHEMA_KINDS
from support.catalogue import Data, GitCatalogue, by_id

# JSON Schema property name -> the enumeration its `enum` must list.
SCHEMA_PROPERTIES: dict[str, type[Labelled]] = {
    "type": FieldType,
    "personal_data": PersonalData,
    "special_category": SpecialCategory,
    "trigger": Trigger,
    "disposition": Disposition,
    "kind": TenantKind,
    "kinds": TenantKind,
    "akte": AktePermission,
    "documents": DocumentPermission,
    "topology": Doxis4Topology,
}
# XSD simple type of our Doxis4 package -> the enumeration. Descriptors are flattened, so a
# Doxis4 field type is never 'baustein'.
XSD_TYPES: dict[str, tuple[type[Labelled], set[str]]] = {
    "feldtyp": (FieldType, {FieldType.BAUSTEIN}),
    "personenbezug": (PersonalData, set()),
    "besonderekategorie": (SpecialCategory, set()),
    "ausloeser": (Trigger, set()),
    "aussonderung": (Disposition, set()),
    "aktenrecht": (AktePermission, set()),
    "dokumentrecht": (DocumentPermission, set()),
    "topologie": (Doxis4Topology, set()),
}
XS = "{http://www.w3.org/2001/XMLSchema}"


def schema_enums(node: Any, name: str = "") -> Iterator[tuple[str, list[str]]]:
    """(property name, enum values) of every `enum` in a JSON Schema; array items count as
    their property."""
    if isinstance(node, dict):
        if "enum" in node:
            yield name, node["enum"]
        for key, value in node.items():
            if key == "properties":
                for prop, sub in value.items():
                    yield from schema_enums(sub, prop)
            elif key == "items":
                yield from schema_enums(value, name)
            elif isinstance(value, dict | list):
                yield from schema_enums(value, "")
    elif isinstance(node, list):
        for item in node:
            yield from schema_enums(item, name)


def all_schema_enums() -> list[tuple[str, str, list[str]]]:
    found = []
    for kind in (*SCHEMA_KINDS, "common"):
        schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text("utf-8"))
        found += [(kind, name, values) for name, values in schema_enums(schema)]
    return found


def test_every_json_schema_enum_is_a_model_enumeration() -> None:
    found = all_schema_enums()
    assert found, "the schemas have enums"
    seen: set[type[Labelled]] = set()
    for kind, name, values in found:
        assert name in SCHEMA_PROPERTIES, f"{kind}.schema.json: enum of '{name}' has no StrEnum"
        enum = SCHEMA_PROPERTIES[name]
        assert values == [m.value for m in enum], f"{kind}.schema.json '{name}' vs {enum}"
        seen.add(enum)
    assert seen == set(ENUMERATIONS)


def test_the_package_xsd_enumerations_follow_the_model() -> None:
    root = etree.parse(str(REPO / "schemas" / "doxis4-package.xsd")).getroot()
    declared = {
        t.get("name"): [e.get("value") for e in t.iter(f"{XS}enumeration")]
        for t in root.iter(f"{XS}simpleType")
        if t.get("name") in XSD_TYPES
    }
    assert set(declared) == set(XSD_TYPES)
    for name, (enum, left_out) in XSD_TYPES.items():
        assert declared[name] == [m.value for m in enum if m not in left_out], name


@pytest.mark.parametrize("enum", ENUMERATIONS, ids=lambda e: e.__name__)
def test_every_member_has_its_own_german_label(enum: type[Labelled]) -> None:
    labels = [m.label for m in enum]
    assert all(label.strip() for label in labels)
    assert len(set(labels)) == len(labels)
    for member in enum:
        assert enum(member.value) is member and str(member) == member.value


def test_personal_data_classes_rank_by_protection_need() -> None:
    assert PersonalData.highest([]) is PersonalData.NONE
    assert PersonalData.highest(["personal", "none"]) is PersonalData.PERSONAL
    assert PersonalData.highest(["personal", PersonalData.SPECIAL]) is PersonalData.SPECIAL
    with pytest.raises(ValueError):
        PersonalData.highest(["secret"])


def test_the_diff_words_a_class_change_with_the_german_labels(tmp_path: Path, invoke: Any) -> None:
    """Changing a Baustein-typed field to special-category data changes it and every sub-field;
    the German message names the classes and the category by their labels."""
    repo = GitCatalogue(tmp_path / "repo")

    def special(data: Data) -> None:
        field = by_id(data["fields"], "anschrift")
        field.update(personal_data="special", special_category="gesundheit")

    repo.fachakte(special)
    result = invoke("diff", "--base", "HEAD", "--format", "json", cwd=repo.repo)
    assert result.exit_code == 0, result.output
    changes = json.loads(result.output)["fachakten"][0]["changes"]
    by_element: dict[str, list[str]] = {}
    for change in changes:
        assert change["code"] == "FD216"
        by_element.setdefault(change["element"], []).append(change["message_de"])
    assert set(by_element) == {
        "field:anschrift",
        *(f"field:anschrift.{f}" for f in ("strasse", "plz", "land")),
    }
    for element, messages in by_element.items():
        assert any(
            "besondere Kategorien (Art. 9 DSGVO) – → Gesundheitsdaten" in m for m in messages
        ), element
    # The sub-fields were personal through the enclosing field (land declares none itself).
    for element, messages in by_element.items():
        [wording] = [m for m in messages if "Personenbezug" in m]
        assert "Personenbezug personenbezogen → besondere Kategorie (Art. 9 DSGVO)" in wording, (
            element
        )
