"""Canonical key order, read from the JSON Schemas: a key's place is its place in `properties`."""

from __future__ import annotations

from typing import Any

from fachakte_compiler.schema_refs import documents
from fachakte_compiler.schema_refs import resolve as resolve_ref

# (schema node, name of the schema file it lives in), so that local $refs resolve correctly.
Located = tuple[dict[str, Any], str]
_COMBINATORS = ("allOf", "anyOf", "oneOf")


def root(kind: str) -> Located:
    name = f"{kind}.schema.json"
    return documents()[name], name


def resolve(located: Located) -> Located:
    return resolve_ref(*located)


def _branches(located: Located) -> list[Located]:
    node, file = resolve(located)
    found = [(node, file)]
    for keyword in _COMBINATORS:
        for sub in node.get(keyword, []):
            found.extend(_branches((sub, file)))
    for keyword in ("then", "else"):
        if isinstance(node.get(keyword), dict):
            found.extend(_branches((node[keyword], file)))
    return found


def properties(located: Located) -> dict[str, Located]:
    """Known keys of an object schema in canonical order, with their sub-schemas."""
    result: dict[str, Located] = {}
    for node, file in _branches(located):
        for key, sub in node.get("properties", {}).items():
            result.setdefault(key, (sub, file))
    return result


def items(located: Located) -> Located | None:
    for node, file in _branches(located):
        if isinstance(node.get("items"), dict):
            return node["items"], file
    return None
