"""The schemas' editor help: a German explanation for every value of the closed value sets,
markdown descriptions, snippets, and none of it switches off the fast schema check."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from fachakte_compiler.check.fast_schema import is_valid
from fachakte_compiler.load.catalogue import discover
from fachakte_compiler.resources import LANGUAGE_SCHEMAS, SCHEMA_KINDS, schema_path, schemas_dir

# Keys whose values are closed sets that authors choose from.
HELPED = {
    "type",
    "personal_data",
    "special_category",
    "trigger",
    "disposition",
    "kind",
    "kinds",
    "akte",
    "documents",
    "topology",
}


def _walk(node: Any, key: str | None = None) -> Iterator[tuple[str | None, dict[str, Any]]]:
    if isinstance(node, dict):
        yield key, node
        for k, v in node.items():
            yield from _walk(v, key if k == "items" else k)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v, key)


def _nodes() -> Iterator[tuple[str, str | None, dict[str, Any]]]:
    for kind in LANGUAGE_SCHEMAS:
        for key, node in _walk(json.loads(schema_path(kind).read_text())):
            yield kind, key, node


def test_every_value_of_a_closed_set_has_german_help() -> None:
    helped = set()
    for kind, key, node in _nodes():
        if "enum" in node and key in HELPED:
            values = node["enum"]
            assert len(node["enumDescriptions"]) == len(values), (kind, key)
            assert len(node["markdownEnumDescriptions"]) == len(values), (kind, key)
            for value, text in zip(values, node["markdownEnumDescriptions"], strict=True):
                assert text.startswith(f"**`{value}`** – ") and len(text) > len(value) + 12
            assert all("`" not in t for t in node["enumDescriptions"])
            helped.add(key)
    assert helped == HELPED


def test_markdown_descriptions_keep_their_backticks_unescaped() -> None:
    found = 0
    for _, _, node in _nodes():
        if "markdownDescription" in node:
            found += 1
            assert node["markdownDescription"] == node["description"]
            assert "\\`" not in node["markdownDescription"]
        elif isinstance(node.get("description"), str):
            assert "`" not in node["description"], node["description"]
    assert found > 10


def test_snippets_for_field_document_type_role_and_transition() -> None:
    schema = json.loads(schema_path("fachakte").read_text())
    props = schema["properties"]
    where = {
        "fields": props["fields"],
        "document_types": props["document_types"],
        "roles": props["roles"],
        "transitions": props["workflow"]["properties"]["transitions"],
    }
    for name, node in where.items():
        (snippet,) = node["defaultSnippets"]
        assert snippet["label"] and snippet["description"], name
        assert isinstance(snippet["body"], list) and snippet["body"][0], name


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_editor_keywords_keep_the_fast_schema_check(kind: str) -> None:
    # jsonschema-rs takes the editor keywords as annotations: shipped files stay on the fast path.
    from conftest import DEFINITIONS

    sources = discover([DEFINITIONS]).of_kind(kind)
    assert sources
    for source in sources:
        assert is_valid(schemas_dir(), f"{kind}.schema.json", source.data, plain=source.plain)
