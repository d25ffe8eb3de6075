"""The one $ref resolver of the JSON Schemas: a cached `referencing` registry that the validator,
`fmt`'s key order and the language reference share."""

from __future__ import annotations

import pytest
from referencing.exceptions import Unresolvable

from fachakte_compiler.schema_refs import MAX_HOPS, documents, registry, resolve


def test_a_reference_into_common_resolves_with_the_file_it_lives_in() -> None:
    fachakte = documents()["fachakte.schema.json"]
    items = fachakte["properties"]["fields"]["items"]
    target, base = resolve(items, "fachakte.schema.json")
    assert target is documents()["common.schema.json"]["$defs"]["field"]
    assert base == "common.schema.json"
    # Inside common.schema.json, a local reference resolves against that file.
    local, local_base = resolve({"$ref": "#/$defs/id"}, base)
    assert local is documents()["common.schema.json"]["$defs"]["id"]
    assert local_base == "common.schema.json"


def test_keys_beside_a_reference_override_the_target_only_when_asked() -> None:
    node = {"$ref": "common.schema.json#/$defs/title", "description": "Eigene Beschreibung."}
    plain, _ = resolve(node, "fachakte.schema.json")
    merged, _ = resolve(node, "fachakte.schema.json", keep_siblings=True)
    assert plain.get("description") != "Eigene Beschreibung."
    assert merged["description"] == "Eigene Beschreibung."
    assert merged["type"] == plain["type"]


def test_the_registry_is_built_once_and_rejects_what_does_not_exist() -> None:
    assert registry() is registry()
    with pytest.raises(Unresolvable):
        resolve({"$ref": "nirgends.schema.json#/$defs/x"}, "fachakte.schema.json")
    with pytest.raises(Unresolvable):
        resolve({"$ref": "#/$defs/gibt_es_nicht"}, "common.schema.json")


def test_a_reference_cycle_ends_with_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    common = documents()["common.schema.json"]
    monkeypatch.setitem(common["$defs"], "loop", {"$ref": "#/$defs/loop"})
    registry.cache_clear()
    try:
        with pytest.raises(ValueError, match=f"longer than {MAX_HOPS}"):
            resolve({"$ref": "common.schema.json#/$defs/loop"}, "fachakte.schema.json")
    finally:
        monkeypatch.undo()
        registry.cache_clear()
