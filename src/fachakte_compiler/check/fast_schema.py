"""The fast validity check of a loaded file: jsonschema-rs answers "is it valid?".

jsonschema's generic validator walks the schema anew for every value (about 27 ms per
Fachakte); validation runs on every commit, so the common case, a clean file, is answered by
jsonschema-rs (Rust, draft 2020-12, about 0.2 ms per Fachakte; figures in benchmarks/README.md).
Findings are still produced by jsonschema: a file this path does not accept is validated again
there, so the messages stay the same.

Soundness matters more than coverage: `is_valid` returns True only where jsonschema, with the
project's extensions in `check.schema`, finds no error too. Values whose judgement differs
between the two are never given to jsonschema-rs: dates (YAML's unquoted dates, which
jsonschema-rs cannot take) and floats (the language reads `6.0` as no integer, JSON Schema does).
tests/test_schema_engines.py compares both on mutated catalogues and on the official
JSON-Schema-Test-Suite.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

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


def _only_plain_values(instance: Any) -> bool:
    """True if `instance` holds no float and no date anywhere (see the module docstring)."""
    stack = [instance]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif not isinstance(value, str | int | None):
            return False  # float, date, or anything else a YAML loader will not produce
    return True


def is_valid_with(validator: Any, instance: Any, *, plain: bool = False) -> bool:
    """True only if `validator` (a jsonschema_rs validator) accepts `instance` and jsonschema
    with the language's readings would too; False means "ask jsonschema". `plain=True` says
    the caller knows that `instance` holds no float and no date (the loader does)."""
    if not plain and not _only_plain_values(instance):
        return False
    try:
        return bool(validator.is_valid(instance))
    except (ValueError, OverflowError):
        return False  # an integer beyond 64 bits and the like: jsonschema judges it


def is_valid(folder: Path, name: str, instance: Any, *, plain: bool = False) -> bool:
    """`is_valid_with` for `folder/name`, a JSON Schema (2020-12) that refers to its siblings
    by file name; the validator is built once per process."""
    return is_valid_with(_validator(folder, name), instance, plain=plain)
