"""The fast validity check of a loaded file: jsonschema-rs answers "is it valid?".

jsonschema's generic validator walks the schema anew for every value (about 27 ms per
Fachakte); validation runs on every commit, so the common case, a clean file, is answered by
jsonschema-rs (Rust, draft 2020-12, about 0.2 ms per Fachakte; figures in benchmarks/README.md).
Findings are still produced by jsonschema: a file this path does not accept is validated again
there, so the messages stay the same.

Soundness matters more than coverage: `is_valid` returns True only where jsonschema, with the
project's extensions in `check.schema`, finds no error too. Floats (the language reads `6.0` as
no integer, JSON Schema does) and date-times are never given to jsonschema-rs. YAML's unquoted
dates (`valid_from: 2026-01-01`, the natural way to write one) are: jsonschema-rs judges their
ISO text, and its evaluation record must show that the date's every judge is a
`{"type": "string", "format": "date"}` pair or an annotation, the only keywords under which
the language reads a date and its ISO text alike (`check.schema._type`).
tests/test_schema_engines.py and tests/test_corpus_validator.py compare both engines on mutated
catalogues, on edge values and on the official JSON-Schema-Test-Suite.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

from fachakte_compiler.load.source import single_values

# jsonschema-rs needs absolute URIs; the schemas refer to each other by file name.
BASE_URI = "https://fachakte-compiler.invalid/schemas/"


@cache
def _validator(folder: Path, name: str) -> Any:
    # jsonschema-rs imports `decimal` while it initialises and panics (a Rust traceback, no
    # clean exit 130) when Ctrl-C interrupts that import; imported first, it is only a lookup.
    import decimal  # noqa: F401

    import jsonschema_rs

    resources = [
        (BASE_URI + path.name, json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(folder.glob("*.schema.json"))
    ]
    schema = dict(resources)[BASE_URI + name]
    return jsonschema_rs.Draft202012Validator(
        schema,
        registry=jsonschema_rs.Registry(resources),
        base_uri=BASE_URI + name,
        validate_formats=True,
    )


def is_valid_with(validator: Any, instance: Any, *, plain: bool = False) -> bool:
    """True only if `validator` (a jsonschema_rs validator) accepts `instance` and jsonschema
    with the language's readings would too; False means "ask jsonschema". `plain=True` says
    the caller knows that `instance` holds no float and no date (the loader does)."""
    dates = [] if plain else _dates(instance)
    try:
        if dates is None:
            return False
        if dates:
            return _dates_judged_alike(validator, instance, dates)
        return bool(validator.is_valid(instance))
    except (ValueError, OverflowError):
        return False  # an integer beyond 64 bits and the like: jsonschema judges it


def is_valid(folder: Path, name: str, instance: Any, *, plain: bool = False) -> bool:
    """`is_valid_with` for `folder/name`, a JSON Schema (2020-12) that refers to its siblings
    by file name; the validator is built once per process."""
    return is_valid_with(_validator(folder, name), instance, plain=plain)


def _only_plain_values(instance: Any) -> bool:
    """True if `instance` holds no float and no date anywhere (see the module docstring)."""
    return _dates(instance) == []


def _dates(instance: Any) -> list[tuple[str, dt.date]] | None:
    """The dates in `instance` as (JSON Pointer, date), or None if it holds a value only
    jsonschema may judge (a float, a date-time, anything a YAML loader will not produce)."""
    found: list[tuple[str, dt.date]] = []
    for path, value in single_values(instance):
        if type(value) is dt.date:
            found.append(("".join(f"/{_escaped(part)}" for part in path), value))
        elif not isinstance(value, str | int | None):
            return None
    return found


def _escaped(key: Any) -> str:
    """`key` as a JSON Pointer segment (RFC 6901, 3)."""
    return str(key).replace("~", "~0").replace("/", "~1")


def _as_text(instance: Any) -> Any:
    """`instance` with every date replaced by its ISO text (YYYY-MM-DD)."""
    if isinstance(instance, dict):
        return {key: _as_text(value) for key, value in instance.items()}
    if isinstance(instance, list):
        return [_as_text(value) for value in instance]
    return instance.isoformat() if type(instance) is dt.date else instance


# Keywords that judge a date and its ISO text alike, or only annotate (JSON Schema 2020-12,
# core 8.2.3 and 10.2.1 for $ref, meta-data vocabulary 9); "type" only beside "format": "date".
_ALIKE_AT_A_DATE = frozenset(
    {"format", "type", "$ref", "title", "description", "$comment", "default", "examples"}
    | {"deprecated", "readOnly", "writeOnly", "markdownDescription"}
)
# Keywords at a date or above it that jsonschema-rs's record cannot vouch for: enum and const
# compare the whole value with its own types; the others pass with subschemas that fail, and
# a valid evaluation does not list what the failing ones looked at.
_NOT_VOUCHED_ABOVE_A_DATE = frozenset({"enum", "const", "anyOf", "oneOf", "not", "if", "contains"})


def _dates_judged_alike(validator: Any, instance: Any, dates: list[tuple[str, dt.date]]) -> bool:
    """True if jsonschema-rs accepts `instance` with its dates as ISO text and its evaluation
    record (2020-12 core 12.4, list format) shows that every keyword judging a date reads it
    as that text."""
    evaluation = validator.evaluate(_as_text(instance))
    if not evaluation.flag()["valid"]:
        return False
    at_date = {pointer for pointer, _ in dates}
    units = evaluation.list()["details"]
    date_formats = {
        ended[0]
        for unit in units
        if unit["instanceLocation"] in at_date
        and unit.get("annotations") == "date"
        and (ended := _last_keyword(unit["evaluationPath"])) is not None
        and ended[1] == "format"
    }
    for unit in units:
        where, ended = unit["instanceLocation"], _last_keyword(unit["evaluationPath"])
        if ended is None:
            continue
        parent, keyword = ended
        if keyword in _NOT_VOUCHED_ABOVE_A_DATE and any(
            d == where or d.startswith(where + "/") for d in at_date
        ):
            return False
        if where in at_date and (
            keyword not in _ALIKE_AT_A_DATE or (keyword == "type" and parent not in date_formats)
        ):
            return False
    return True


# Applicators whose value is named or numbered subschemas, and those whose value is one
# subschema (2020-12 core 10.2, 10.3, 11; $ref and $dynamicRef: 8.2.3).
_NAMED_CHILDREN = frozenset(
    {"properties", "patternProperties", "dependentSchemas", "prefixItems", "$defs"}
    | {"allOf", "anyOf", "oneOf"}
)
_ONE_CHILD = frozenset(
    {"items", "additionalProperties", "unevaluatedItems", "unevaluatedProperties", "contains"}
    | {"propertyNames", "not", "if", "then", "else", "$ref", "$dynamicRef"}
)


def _last_keyword(path: str) -> tuple[str, str] | None:
    """(path of the subschema, keyword) if the evaluation path `path` ends at a keyword, or
    passes one that is no applicator; None if it ends at a subschema. Read from the root, as a
    property may be named like a keyword."""
    segments = path.split("/")[1:]
    index = 0
    while index < len(segments):
        keyword = segments[index]
        if index == len(segments) - 1 or keyword not in _NAMED_CHILDREN | _ONE_CHILD:
            return ("/" + "/".join(segments[:index]) if index else ""), keyword
        index += 2 if keyword in _NAMED_CHILDREN else 1
    return None
