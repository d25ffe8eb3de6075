"""Fields are well-formed for their type; ids match file names."""

from __future__ import annotations

import datetime as dt
import re

from fachakte_compiler.check.context import Context, Item
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import Severity, code

FA212 = code(
    "FA212",
    "unused-field",
    "field is used neither by the Akte nor a document type",
    """
    Fields under `fields:` of a Fachakte become Doxis4 descriptors only where the Akte or a
    document type lists them. An unused field is usually a forgotten reference.""",
    Severity.WARNING,
)
FA213 = code(
    "FA213",
    "type-mismatch",
    "a field key does not fit the field's type",
    """
    `code_list` belongs to type code, `baustein` to type baustein (and each of those types needs
    it); `min_length`, `max_length` and `pattern` apply to string/text; `minimum`/`maximum` to
    integer, decimal and date; `decimal_places` to decimal; `special_category` is required with
    `personal_data: special` and allowed only there.""",
)
FA215 = code(
    "FA215",
    "id-file-mismatch",
    "the id differs from the file name",
    """
    A Fachakte or Baustein file is named after its id (`wohngeld.yaml` holds `id: wohngeld`), so
    that people and tools find a definition by its id.""",
)
FA216 = code(
    "FA216",
    "bad-pattern",
    "a field pattern is not a valid regular expression",
    """
    `pattern` is a regular expression (Python/ECMAScript syntax subset) that the whole value must
    match. The message shows why it cannot be compiled.""",
)

_NEEDS = {"code": "code_list", "baustein": "baustein"}
_APPLIES = {
    "code_list": {"code"},
    "baustein": {"baustein"},
    "min_length": {"string", "text"},
    "max_length": {"string", "text"},
    "pattern": {"string"},
    "minimum": {"integer", "decimal", "date"},
    "maximum": {"integer", "decimal", "date"},
    "decimal_places": {"decimal"},
}


def _check_range(ctx: Context, item: Item, kind: str) -> None:
    for key in ("minimum", "maximum"):
        value = item.data.get(key)
        if value is None:
            continue
        if kind == "date":
            try:
                dt.date.fromisoformat(str(value))
            except ValueError:
                ctx.report(
                    FA213,
                    item.source,
                    (*item.path, key),
                    f'{key} of a date field must be a date like "2000-01-01"',
                )
        elif isinstance(value, str):
            ctx.report(
                FA213, item.source, (*item.path, key), f"{key} of a {kind} field must be a number"
            )
    low, high = item.data.get("minimum"), item.data.get("maximum")
    if isinstance(low, int | float) and isinstance(high, int | float) and low > high:
        ctx.report(
            FA213,
            item.source,
            (*item.path, "minimum"),
            f"minimum {low} is greater than maximum {high}",
        )
    low, high = item.data.get("min_length"), item.data.get("max_length")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        ctx.report(
            FA213,
            item.source,
            (*item.path, "min_length"),
            f"min_length {low} is greater than max_length {high}",
        )


def _check_field(ctx: Context, item: Item) -> None:
    kind = item.text("type")
    if kind is None:
        return
    needed = _NEEDS.get(kind)
    if needed and needed not in item.data:
        ctx.report(
            FA213,
            item.source,
            item.path,
            f"field '{item.id}' of type {kind} needs '{needed}'",
            key=True,
        )
    for key, types in _APPLIES.items():
        if key in item.data and kind not in types:
            ctx.report(
                FA213,
                item.source,
                (*item.path, key),
                f"'{key}' does not apply to a field of type {kind}",
                key=True,
                hint=f"'{key}' is for type {' / '.join(sorted(types))}",
            )
    special = item.text("personal_data") == "special"
    if special and "special_category" not in item.data:
        ctx.report(
            FA213,
            item.source,
            (*item.path, "personal_data"),
            f"field '{item.id}' is special-category data but names no 'special_category'",
            hint="add e.g. special_category: gesundheit",
        )
    if not special and "special_category" in item.data:
        ctx.report(
            FA213,
            item.source,
            (*item.path, "special_category"),
            "'special_category' needs personal_data: special",
            key=True,
        )
    _check_range(ctx, item, kind)
    pattern = item.text("pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as exc:
            ctx.report(
                FA216, item.source, (*item.path, "pattern"), f"invalid regular expression: {exc}"
            )


@rule(FA213, FA216)
def field_types(ctx: Context) -> None:
    for definition in ctx.definitions():
        for item in definition.root.items("fields"):
            _check_field(ctx, item)


@rule(FA212)
def fields_used(ctx: Context) -> None:
    for definition in ctx.fachakten:
        used = {name for _, name in definition.akte.refs("fields")}
        for doc in definition.document_types.values():
            used.update(name for _, name in doc.refs("fields"))
        for field_id, item in definition.fields.items():
            if field_id not in used:
                ctx.report(
                    FA212,
                    item.source,
                    (*item.path, "id"),
                    f"field '{field_id}' is not used by the Akte or any document type",
                    hint="list it under akte.fields or a document type's fields",
                )


@rule(FA215)
def ids_match_files(ctx: Context) -> None:
    for definition in ctx.definitions():
        ident = definition.root.id
        stem = definition.source.path.stem
        if ident is not None and ident != stem:
            ctx.report(
                FA215,
                definition.source,
                ("id",),
                f"id '{ident}' differs from the file name '{definition.source.path.name}'",
                hint=f"rename the file to {ident}.yaml",
            )
