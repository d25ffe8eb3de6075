"""The fast path (jsonschema-rs) and jsonschema agree on the official JSON-Schema-Test-Suite.

The suite (draft 2020-12) is third-party data and not part of the repository: the tests use a
checkout beside this one (`../JSON-Schema-Test-Suite`, or the folder named by
JSON_SCHEMA_TEST_SUITE) and skip without it. Where the language reads a value differently from
plain JSON Schema (`1.0` is no integer), the expected result is the language's.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from fachakte_compiler.check.fast_schema import is_valid_with
from fachakte_compiler.check.schema import language_validator

REPO = Path(__file__).resolve().parents[1]
SUITE = Path(os.environ.get("JSON_SCHEMA_TEST_SUITE") or REPO.parent / "JSON-Schema-Test-Suite")
TESTS = SUITE / "tests" / "draft2020-12"
needs_suite = pytest.mark.skipif(
    not TESTS.is_dir(), reason=f"JSON-Schema-Test-Suite not found at {SUITE}"
)
REMOTE = "http://localhost:1234/"
# The language reads an integral float as a number with a fraction, not as an integer.
LANGUAGE_READS_DIFFERENTLY = {"a float with zero fractional part is an integer"}


def _remotes() -> list[tuple[str, Any]]:
    root = SUITE / "remotes"
    return [
        (REMOTE + path.relative_to(root).as_posix(), json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(root.rglob("*.json"))
        if not path.relative_to(root)
        .as_posix()
        .startswith(("draft3", "draft4", "draft6", "draft7", "draft2019"))
    ]


def _cases() -> list[tuple[str, Any, Any, bool]]:
    cases = []
    for path in sorted(TESTS.glob("*.json")):
        for group in json.loads(path.read_text(encoding="utf-8")):
            for test in group["tests"]:
                name = f"{path.stem}: {group['description']}: {test['description']}"
                valid = test["valid"]
                if test["description"] in LANGUAGE_READS_DIFFERENTLY:
                    valid = False
                cases.append((name, group["schema"], test["data"], valid))
    return cases


@needs_suite
def test_both_engines_pass_the_official_suite() -> None:
    remotes = _remotes()
    python_registry = Registry().with_resources(
        (uri, Resource.from_contents(contents, default_specification=DRAFT202012))
        for uri, contents in remotes
    )
    rust_registry = jsonschema_rs.Registry(remotes, draft=jsonschema_rs.Draft202012)
    cls = language_validator()
    cases = _cases()
    assert len(cases) > 1000
    python_wrong, rust_wrong, unsound, skipped = [], [], [], []
    answered = 0
    for name, schema, data, valid in cases:
        if "vocabulary" in name or "dynamicRef" in name:
            skipped.append(name)  # meta-schema vocabularies: the language uses neither
            continue
        python = cls(schema, registry=python_registry).is_valid(data)
        if python != valid:
            python_wrong.append(name)
        try:
            rust = jsonschema_rs.validator_for(schema, registry=rust_registry)
        except Exception:  # a schema jsonschema-rs refuses never reaches the fast path
            continue
        fast = is_valid_with(rust, data)
        answered += fast
        if fast and not python:
            unsound.append(name)
        if fast and not valid:
            rust_wrong.append(name)
    assert unsound == [], "the fast path accepts what jsonschema rejects"
    assert rust_wrong == []
    assert python_wrong == []
    assert len(skipped) < 0.05 * len(cases)
    assert answered > 500  # the fast path answers most valid cases itself


DAY = dt.date(2026, 1, 1)
DATE = {"type": "string", "format": "date"}
NOT_TEXT = {"not": {"type": "string"}}
# Values where plain JSON Schema, jsonschema-rs and the language could disagree.
EDGES: list[tuple[dict[str, Any], Any, bool]] = [
    # jsonschema compares NaN like Python (never less than 0); YAML's `.nan` is FA011 anyway.
    ({"not": {"minimum": 0}}, math.nan, False),
    ({"minimum": 0}, math.nan, True),
    ({"type": "integer"}, 6.0, False),
    ({"type": "integer"}, 6, True),
    ({"type": "number"}, 6.0, True),
    ({"type": "string", "format": "date"}, dt.date(2026, 1, 1), True),
    ({"type": "string", "format": "date"}, dt.datetime(2026, 1, 1, 10), False),
    ({"type": "string", "format": "date"}, "2026-01-01\n", False),
    # Dates written wrongly (tests/test_date_hints.py words them): both engines refuse them.
    ({"type": "string", "format": "date"}, "2026-02-30", False),
    ({"type": "string", "format": "date"}, "2024-02-29", True),
    ({"type": "string", "format": "date"}, "20260101", False),
    ({"type": "string", "format": "date"}, 20260101, False),
    ({"type": "string", "format": "date"}, "2026-1-1", False),
    ({"type": "string", "format": "date"}, "2026-01-01 10:00", False),
    ({"type": "string", "format": "date"}, "2026-W01-1", False),
    ({"type": "string"}, dt.date(2026, 1, 1), False),
    # Dates reach jsonschema-rs as ISO text only where every keyword judging them reads them so.
    ({"allOf": [{"type": "string", "format": "date"}, {"type": "string"}]}, DAY, False),
    ({"oneOf": [{"not": {"type": "string"}}, {"type": "string", "format": "date"}]}, DAY, False),
    ({"anyOf": [{"type": "integer"}, {"type": "string", "format": "date"}]}, DAY, True),
    ({"type": "string", "format": "date", "enum": ["2026-01-01"]}, DAY, False),
    ({"type": "string", "format": "date", "const": "2026-01-01"}, DAY, False),
    ({"type": "string", "format": "date", "maxLength": 5}, DAY, True),
    ({"type": "string", "format": "date", "pattern": "^1999"}, DAY, True),
    ({"type": "string", "format": "date", "not": {"pattern": "^2026"}}, DAY, False),
    ({"properties": {"d": DATE}, "const": {"d": "2026-01-01"}}, {"d": DAY}, False),
    # A valid evaluation of jsonschema-rs does not list what failing subschemas looked at.
    ({"oneOf": [{"properties": {"d": NOT_TEXT}}, {"properties": {"d": DATE}}]}, {"d": DAY}, False),
    ({"not": {"properties": {"d": NOT_TEXT}}, "properties": {"d": DATE}}, {"d": DAY}, False),
    (
        {"if": {"properties": {"d": NOT_TEXT}}, "then": False, "properties": {"d": DATE}},
        {"d": DAY},
        False,
    ),
    (
        {"prefixItems": [DATE], "contains": NOT_TEXT, "minContains": 0, "maxContains": 0},
        [DAY],
        False,
    ),
    ({"items": DATE, "uniqueItems": True}, [DAY, "2026-01-01"], True),
    ({"items": DATE, "contains": {"type": "string"}, "minContains": 2}, [DAY, DAY], False),
    ({"if": {"properties": {"d": {"type": "string"}}}, "else": False}, {"d": DAY}, False),
    ({"properties": {"d": {"not": {"type": "string"}}}}, {"d": DAY}, True),
    ({"properties": {"type": {"type": "string"}}}, {"type": DAY}, False),
    ({"properties": {"properties": {"type": "string"}}}, {"properties": DAY}, False),
    ({"properties": {"format": {"type": "string"}}}, {"format": DAY}, False),
    ({"additionalProperties": {"type": "string"}}, {"d": DAY}, False),
    ({"patternProperties": {"^d": {"type": "string"}}}, {"d": DAY}, False),
    ({"prefixItems": [{"type": "string"}]}, [DAY], False),
    ({"type": "string", "format": "date"}, dt.date(1, 1, 1), True),
    ({"type": "integer", "format": "date"}, DAY, True),
    ({"pattern": "^[a-z]+$"}, "mietzuschuss\n", False),
    ({"pattern": "^\\p{L}+$"}, "Größe", True),
    ({"type": "integer"}, 10**30, True),
    ({"$defs": {"": {"type": "string"}}, "$ref": "#/$defs/"}, 1, False),
    ({"$defs": {"a b": {"type": "string"}}, "$ref": "#/$defs/a%20b"}, 1, False),
    ({"prefixItems": [{"type": "string"}], "$ref": "#/prefixItems/0"}, 1, False),
]


@pytest.mark.parametrize(("schema", "value", "valid"), EDGES)
def test_edge_values(schema: dict[str, Any], value: Any, valid: bool) -> None:
    from jsonschema import Draft202012Validator

    python = language_validator()(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert python.is_valid(value) is valid
    rust = jsonschema_rs.validator_for(schema, validate_formats=True)
    assert is_valid_with(rust, value) in ((False,) if not valid else (True, False))


# Where the fast path must answer an unquoted date itself (a date is how authors write one):
# in place, behind a $ref into a sibling schema, in a list, beside annotations.
ANSWERED: list[tuple[dict[str, Any], Any]] = [
    (DATE, DAY),
    ({"properties": {"d": {"title": "Ab", "description": "JJJJ-MM-TT", **DATE}}}, {"d": DAY}),
    ({"properties": {"d": {"$ref": "#/$defs/day"}}, "$defs": {"day": DATE}}, {"d": DAY}),
    ({"properties": {"d": {"properties": {"e": DATE}}}}, {"d": {"e": DAY}, "x": [1, "a"]}),
    ({"properties": {"a~b/c": DATE}}, {"a~b/c": DAY}),
    ({"properties": {"d": DATE, "r": {"oneOf": [{"required": ["y"]}]}}}, {"d": DAY, "r": {"y": 1}}),
]


@pytest.mark.parametrize(("schema", "value"), ANSWERED)
def test_the_fast_path_answers_dates_where_the_language_reads_them_as_text(
    schema: dict[str, Any], value: Any
) -> None:
    from jsonschema import Draft202012Validator

    python = language_validator()(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert python.is_valid(value)
    rust = jsonschema_rs.validator_for(schema, validate_formats=True)
    assert is_valid_with(rust, value) is True
