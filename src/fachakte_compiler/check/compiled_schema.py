"""A JSON Schema compiled into plain Python closures that answer one question: is it valid?

jsonschema's generic validator walks the schema anew for every value and costs ~5 ms per
Fachakte; validation runs on every commit, so the common case (a clean file) takes this path
instead, about 13× faster. Findings are still produced by jsonschema: a file this path does not
accept is validated again by it, so the messages stay exactly the same.

Soundness matters more than coverage: every check returns True only where jsonschema (2020-12,
with the project's date-typed-as-date extension) finds no error. Where it cannot be sure it
raises `Unsure`, and a schema using keywords it does not know is not compiled at all.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from fachakte_compiler.check.schema_values import VALUE_KEYWORDS, Check, Unsupported, Unsure

ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "$schema",
        "$defs",
        "$comment",
        "default",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "markdownDescription",
        # Editor help of the YAML language server: annotations, never constraints.
        "enumDescriptions",
        "markdownEnumDescriptions",
        "defaultSnippets",
    }
)


class _Compiler:
    def __init__(self, documents: dict[str, Any]) -> None:
        self.documents = documents
        self.refs: dict[str, list[Check]] = {}

    def ref(self, base: str, ref: str) -> Check:
        document, _, pointer = ref.partition("#")
        document = document or base
        key = f"{document}#{pointer}"
        if key not in self.refs:
            if document not in self.documents:
                raise Unsupported(f"$ref to unknown document {document}")
            target = self.documents[document]
            for part in filter(None, pointer.split("/")):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            cell: list[Check] = []
            self.refs[key] = cell
            cell.append(self.compile(target, document))
        cell = self.refs[key]
        if cell:
            return cell[0]
        # A recursive schema reaches its own cell before it is filled; look it up at call time.
        return lambda v: cell[0](v)

    def compile(self, schema: Any, base: str) -> Check:
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise Unsupported(f"schema {schema!r}")
        found = [
            self.keyword(name, value, schema, base)
            for name, value in schema.items()
            if name not in ANNOTATIONS
        ]
        checks = [c for c in found if c is not None]
        if len(checks) == 1:
            return checks[0]

        def every(v: Any) -> bool:
            # A plain loop: all() over a generator costs about twice as much on this hot path.
            for check in checks:  # noqa: SIM110
                if not check(v):
                    return False
            return True

        return every

    def keyword(self, name: str, value: Any, schema: dict[str, Any], base: str) -> Check | None:
        if name in VALUE_KEYWORDS:
            return VALUE_KEYWORDS[name](value, schema)
        attr = "k_ref" if name == "$ref" else f"k_{name}"
        method = None if name.startswith("$") and name != "$ref" else getattr(self, attr, None)
        if method is None or name == "ref":
            raise Unsupported(f"keyword {name}")
        result: Check | None = method(value, schema, base)
        return result

    def k_ref(self, value: str, schema: dict[str, Any], base: str) -> Check:
        return self.ref(base, value)

    def k_required(self, value: list[str], schema: dict[str, Any], base: str) -> Check:
        return lambda v: not isinstance(v, dict) or all(key in v for key in value)

    def k_properties(self, value: dict[str, Any], schema: dict[str, Any], base: str) -> Check:
        checks = {key: self.compile(sub, base) for key, sub in value.items()}

        def properties(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            for k, item in v.items():
                check = checks.get(k)
                if check is not None and not check(item):
                    return False
            return True

        return properties

    def k_additionalProperties(self, value: Any, schema: dict[str, Any], base: str) -> Check:
        if "patternProperties" in schema:
            raise Unsupported("patternProperties")
        known = frozenset(schema.get("properties", {}))
        extra = self.compile(value, base)
        return lambda v: (
            not isinstance(v, dict) or all(extra(item) for k, item in v.items() if k not in known)
        )

    def k_items(self, value: Any, schema: dict[str, Any], base: str) -> Check:
        if "prefixItems" in schema:
            raise Unsupported("prefixItems")
        check = self.compile(value, base)

        def items(v: Any) -> bool:
            if isinstance(v, list):
                for item in v:
                    if not check(item):
                        return False
            return True

        return items

    def k_oneOf(self, value: list[Any], schema: dict[str, Any], base: str) -> Check:
        checks = [self.compile(sub, base) for sub in value]
        return lambda v: sum(1 for check in checks if check(v)) == 1

    def k_anyOf(self, value: list[Any], schema: dict[str, Any], base: str) -> Check:
        checks = [self.compile(sub, base) for sub in value]
        return lambda v: any(check(v) for check in checks)

    def k_allOf(self, value: list[Any], schema: dict[str, Any], base: str) -> Check:
        checks = [self.compile(sub, base) for sub in value]
        return lambda v: all(check(v) for check in checks)

    def k_not(self, value: Any, schema: dict[str, Any], base: str) -> Check:
        check = self.compile(value, base)
        return lambda v: not check(v)


def compile_schema(folder: Path, name: str) -> Check:
    """The validity check of `folder/name`, resolving $refs to the other schemas beside it."""
    documents = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.schema.json"))
    }
    return _Compiler(documents).compile(documents[name], name)


@cache
def fast_check(folder: Path, name: str) -> Check | None:
    """The compiled check, or None where only jsonschema can judge this schema."""
    try:
        return compile_schema(folder, name)
    except Unsupported:
        return None


def is_valid(folder: Path, name: str, instance: Any) -> bool:
    """True only if jsonschema would report no error; False means 'ask jsonschema'."""
    check = fast_check(folder, name)
    if check is None:
        return False
    try:
        return check(instance)
    except Unsure:
        return False
