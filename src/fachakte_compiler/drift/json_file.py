"""The JSON files drift reads from a snapshot folder or a release: read as untrusted input and
checked for their shape before any value is used, so that a damaged or hostile file is one
message naming the file (exit 2), never an internal error."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fachakte_compiler.drift.errors import DriftReadError
from fachakte_compiler.i18n import _, os_reason

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

MAX_FILE = 64 * 1024 * 1024  # bytes; a configuration listing or a plan is far smaller


def read_json(path: Path, missing: str | None = None) -> Any:
    """The decoded JSON of the regular file `path`. `missing` is the whole message for a file that
    does not exist. Raises DriftReadError naming the file and, for a syntax error,
    its line and column."""
    try:
        if not path.is_file():
            raise DriftReadError(
                missing or _("{path}: missing or not a regular file").format(path=path)
            )
        if path.stat().st_size > MAX_FILE:
            raise DriftReadError(
                _("{path}: larger than {limit} MiB").format(path=path, limit=MAX_FILE // 2**20)
            )
        data = path.read_bytes()
    except OSError as exc:
        raise DriftReadError(
            _("{path}: cannot read ({strerror})").format(path=path, strerror=os_reason(exc))
        ) from None
    try:
        return json.loads(data.decode("utf-8"))
    except json.JSONDecodeError as exc:
        raise DriftReadError(
            _("{path}:{line}:{column}: not valid JSON: {reason}").format(
                path=path, line=exc.lineno, column=exc.colno, reason=exc.msg
            )
        ) from None
    except UnicodeDecodeError:
        raise DriftReadError(_("{path}: not UTF-8 text").format(path=path)) from None
    except RecursionError:
        # Only a file built to exhaust the parser nests this deep; no answer of the API does.
        raise DriftReadError(
            _("{path}: not valid JSON: nested too deeply").format(path=path)
        ) from None
    except ValueError as exc:  # e.g. a number with more digits than Python converts
        raise DriftReadError(
            _("{path}: not valid JSON: {reason}").format(path=path, reason=exc)
        ) from None


@cache
def _validator(schema: str) -> Validator:
    from jsonschema import Draft202012Validator

    from fachakte_compiler.schema_refs import documents, registry

    return Draft202012Validator(documents()[schema], registry=registry())


def _pointer(parts: Any) -> str:
    return "/" + "/".join(str(p) for p in parts) if parts else "/"


def check_schema(path: Path, data: Any, schema: str, what: str) -> None:
    """Raises DriftReadError when `data` (read from `path`) does not have the form the JSON
    Schema `schema` (a file of schemas/) describes; `what` names the kind of file. The message
    names the first place at fault as a JSON pointer, never the (possibly huge) value."""
    from jsonschema.exceptions import best_match

    error = best_match(_validator(schema).iter_errors(data))
    if error is None:
        return
    pointer = _pointer(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        absent = next(k for k in error.validator_value if k not in error.instance)
        raise DriftReadError(
            _(
                "{path}: not a valid {what}: the object at {pointer} lacks '{key}' ({schema})"
            ).format(path=path, what=what, pointer=pointer, key=absent, schema=schema)
        )
    raise DriftReadError(
        _(
            "{path}: not a valid {what}: the value at {pointer} fails the schema's "
            "'{keyword}' rule ({schema})"
        ).format(path=path, what=what, pointer=pointer, keyword=error.validator, schema=schema)
    )
