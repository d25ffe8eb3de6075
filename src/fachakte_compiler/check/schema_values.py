"""Checks of single values for the compiled JSON Schema: type, format, enum, const, pattern,
lengths, bounds and unique items, each exactly as jsonschema (2020-12) judges them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]


class Unsupported(Exception):
    """The schema uses something this compiler does not mirror exactly."""


class Unsure(Exception):
    """A value this compiler cannot judge exactly; the caller must ask jsonschema."""


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    if isinstance(value, complex) or hasattr(value, "__float__"):
        raise Unsure  # Decimal, Fraction, …: never produced by YAML, left to jsonschema
    return False


_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": is_number,
    "integer": lambda v: is_number(v) and (isinstance(v, int) or float(v).is_integer()),
}


def _date_format(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _same(expected: Any) -> Check:
    # jsonschema's equality keeps booleans apart from numbers; strings, booleans and null are
    # the only constants our schemas use, and for them identity or str equality is exact.
    if isinstance(expected, bool) or expected is None:
        return lambda v: v is expected
    if isinstance(expected, str):
        return lambda v: isinstance(v, str) and v == expected
    raise Unsupported(f"constant {expected!r}")


def _type(value: str | list[str], schema: dict[str, Any]) -> Check:
    tests = [_TYPES[t] for t in ([value] if isinstance(value, str) else value)]
    dates = schema.get("format") == "date"
    if len(tests) == 1 and not dates:
        return tests[0]
    return lambda v: (dates and isinstance(v, dt.date)) or any(t(v) for t in tests)


def _format(value: str, schema: dict[str, Any]) -> Check:
    if value != "date":
        raise Unsupported(f"format {value}")
    return _date_format


def _enum(value: list[Any], schema: dict[str, Any]) -> Check:
    if not all(isinstance(v, str) for v in value):
        raise Unsupported("enum with non-string values")
    allowed = frozenset(value)
    return lambda v: isinstance(v, str) and v in allowed


def _const(value: Any, schema: dict[str, Any]) -> Check:
    return _same(value)


def _pattern(value: str, schema: dict[str, Any]) -> Check:
    search = re.compile(value).search
    return lambda v: not isinstance(v, str) or search(v) is not None


def _minLength(value: int, schema: dict[str, Any]) -> Check:
    return lambda v: not isinstance(v, str) or len(v) >= value


def _maxLength(value: int, schema: dict[str, Any]) -> Check:
    return lambda v: not isinstance(v, str) or len(v) <= value


def _minimum(value: float, schema: dict[str, Any]) -> Check:
    return lambda v: not is_number(v) or v >= value


def _maximum(value: float, schema: dict[str, Any]) -> Check:
    return lambda v: not is_number(v) or v <= value


def _minItems(value: int, schema: dict[str, Any]) -> Check:
    return lambda v: not isinstance(v, list) or len(v) >= value


def _maxItems(value: int, schema: dict[str, Any]) -> Check:
    return lambda v: not isinstance(v, list) or len(v) <= value


def _uniqueItems(value: bool, schema: dict[str, Any]) -> Check | None:
    if not value:
        return None

    def unique(v: Any) -> bool:
        if not isinstance(v, list):
            return True
        if not all(isinstance(item, str) for item in v):
            raise Unsure
        return len(set(v)) == len(v)

    return unique


VALUE_KEYWORDS: dict[str, Callable[[Any, dict[str, Any]], Check | None]] = {
    "type": _type,
    "format": _format,
    "enum": _enum,
    "const": _const,
    "pattern": _pattern,
    "minLength": _minLength,
    "maxLength": _maxLength,
    "minimum": _minimum,
    "maximum": _maximum,
    "minItems": _minItems,
    "maxItems": _maxItems,
    "uniqueItems": _uniqueItems,
}
