"""A German Markdown reference of the definition language, generated from the JSON Schemas.

The schemas are the single source of truth for keys, types and German help texts; this turns
them into the page authors read (docs/definitionssprache.md), so the two cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fachakte_compiler.resources import SCHEMA_KINDS
from fachakte_compiler.schema_refs import documents, resolve

Schema = dict[str, Any]
_TYPES = {
    "string": "Text",
    "integer": "Ganzzahl",
    "number": "Zahl",
    "boolean": "ja/nein",
    "array": "Liste",
    "object": "Abschnitt",
}
_KIND_TITLES = {
    "fachakte": "Fachakte (definitions/fachakten/*.yaml)",
    "baustein": "Baustein (definitions/bausteine/*.yaml)",
    "tenants": "Mandanten (definitions/tenants.yaml)",
    "delegations": "Aufgabenübertragungen (definitions/delegations.yaml)",
    "aktenplan": "Aktenplan (definitions/aktenplan.yaml)",
}


def _resolve(node: Schema, current: str) -> tuple[Schema, str]:
    """Follow a $ref (also into common.schema.json); keep sibling keys such as description."""
    return resolve(node, current, keep_siblings=True)


def _type(node: Schema) -> str:
    if "enum" in node:
        return "eins von: " + ", ".join(f"`{v}`" for v in node["enum"])
    if "const" in node:
        return f"`{json.dumps(node['const'])}`"
    kinds = node.get("type", "")
    names = [_TYPES.get(k, k) for k in (kinds if isinstance(kinds, list) else [kinds])]
    text = " oder ".join(n for n in names if n)
    if node.get("format") == "date":
        text = "Datum (JJJJ-MM-TT)"
    if "pattern" in node:
        text += f", Muster `{node['pattern']}`"
    return text or "–"


def _cell(text: str) -> str:
    # A pipe, even inside backticks, would end the Markdown table cell.
    return text.replace("\n", " ").replace("|", "\\|")


def _rows(node: Schema, doc: str, path: str) -> Iterator[str]:
    node, doc = _resolve(node, doc)
    if node.get("type") == "array" and "items" in node:
        yield from _rows(node["items"], doc, f"{path}[]")
        return
    required = set(node.get("required", []))
    for key, child in node.get("properties", {}).items():
        resolved, child_doc = _resolve(child, doc)
        item, _ = (
            _resolve(resolved["items"], child_doc)
            if resolved.get("type") == "array" and "items" in resolved
            else (resolved, child_doc)
        )
        shown = _type(resolved)
        if resolved.get("type") == "array":
            shown = f"Liste von {_type(item)}" if "properties" not in item else "Liste"
        name = f"{path}.{key}" if path else key
        text = f"{resolved.get('title', '')}: {resolved.get('description', '')}"
        mark = "ja" if key in required else ""
        yield f"| `{name}` | {_cell(shown)} | {mark} | {_cell(text)} |"
        if "properties" in item:
            yield from _rows(
                item, child_doc, f"{name}[]" if resolved.get("type") == "array" else name
            )


def reference(kinds: tuple[str, ...] = SCHEMA_KINDS) -> str:
    lines = [
        "# Definitionssprache der E-Fachakten",
        "",
        "Erzeugt aus den JSON Schemas in `schemas/` mit `fachakte schema all --format markdown`."
        " Pflicht = der Schlüssel muss angegeben werden; `[]` kennzeichnet Listeneinträge.",
        "",
    ]
    for kind in kinds:
        name = f"{kind}.schema.json"
        doc = documents()[name]
        lines += [
            f"## {_KIND_TITLES[kind]}",
            "",
            doc.get("description", ""),
            "",
            "| Schlüssel | Typ | Pflicht | Bedeutung |",
            "|---|---|---|---|",
            *_rows(doc, name, ""),
            "",
        ]
    return "\n".join(lines)
