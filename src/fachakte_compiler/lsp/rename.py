"""Renaming an id with every reference to it, and `renamed_from` on the renamed definition so
that `fachakte diff` sees a rename, not a removal plus an addition."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp

from fachakte_compiler.diagnostics.diagnostic import one_line
from fachakte_compiler.diagnostics.suggest import is_id
from fachakte_compiler.i18n import _
from fachakte_compiler.load.source import DataPath, SourceFile
from fachakte_compiler.lsp import ids
from fachakte_compiler.lsp.context import cursor_at
from fachakte_compiler.lsp.errors import Refused
from fachakte_compiler.lsp.warm import WarmCatalogue

# Where each kind of id is defined in a Fachakte (the list holding items with `id`).
DEFINED_IN: dict[str, DataPath] = {
    "field": ("fields",),
    "document_type": ("document_types",),
    "code_list": ("code_lists",),
    "role": ("roles",),
    "register": ("akte", "registers"),
    "state": ("workflow", "states"),
}
# Kinds whose definitions carry `renamed_from` (the diff turns a declared rename into a
# compatible change).
KEEPS_OLD_ID = frozenset({"field", "document_type", "code_list", "role", "register", "state"})
# Text templates whose `{field}` placeholders name fields.
TEMPLATES: tuple[DataPath, ...] = (("akte", "display_title"), ("akte", "aktenzeichen", "format"))


def enclosing_item(source: SourceFile | None, text: str, line: int) -> dict[str, Any] | None:
    """The delegation (list item of delegations.yaml) that 0-based `line` stands in, if any."""
    if source is None or not source.loaded or source.kind != "delegations":
        return None
    items = source.data.get("delegations") if isinstance(source.data, dict) else None
    best: dict[str, Any] | None = None
    for index, item in enumerate(items or []):
        if not isinstance(item, dict):
            continue
        starts = [s.line for k in item if (s := source.span(("delegations", index, k), key=True))]
        if starts and min(starts) - 1 <= line:
            best = item
    return best


def _get(data: Any, path: DataPath) -> Any:
    for part in path:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data


def _concrete(data: Any, pattern: tuple[str, ...], prefix: DataPath = ()) -> Iterator[DataPath]:
    """Every data path in `data` that matches `pattern` ('*' = any list index)."""
    if not pattern:
        yield prefix
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from _concrete(item, rest, (*prefix, index))
    elif isinstance(data, dict) and head in data:
        yield from _concrete(data[head], rest, (*prefix, head))


def _edit_at(source: SourceFile, path: DataPath, old: str, new: str) -> lsp.TextEdit | None:
    span = source.span(path)
    if span is None:
        return None
    line = source.line(span.line)
    column = line.find(old, span.col - 1)
    if column < 0:
        return None
    start = lsp.Position(span.line - 1, column)
    return lsp.TextEdit(lsp.Range(start, lsp.Position(span.line - 1, column + len(old))), new)


def _template_edits(source: SourceFile, old: str, new: str) -> Iterator[lsp.TextEdit]:
    for path in TEMPLATES:
        span = source.span(path)
        if span is None or not isinstance(_get(source.data, path), str):
            continue
        line = source.line(span.line)
        for match in re.finditer(r"\{" + re.escape(old) + r"(?=[.}:])", line):
            column = match.start() + 1
            yield lsp.TextEdit(
                lsp.Range(
                    lsp.Position(span.line - 1, column),
                    lsp.Position(span.line - 1, column + len(old)),
                ),
                new,
            )


def _renamed_from_edit(source: SourceFile, item_path: DataPath, old: str) -> lsp.TextEdit | None:
    item = _get(source.data, item_path)
    id_key = source.span((*item_path, "id"), key=True)
    if not isinstance(item, dict) or id_key is None:
        return None
    existing = item.get("renamed_from")
    if isinstance(existing, list):
        if old in existing:
            return None
        last = source.span((*item_path, "renamed_from", len(existing) - 1))
        if last is None:
            return None
        line = source.line(last.line)
        end = line.find(str(existing[-1]), last.col - 1) + len(str(existing[-1]))
        position = lsp.Position(last.line - 1, end)
        if line.lstrip().startswith("- "):
            indent = line[: line.index("-")]
            return lsp.TextEdit(lsp.Range(position, position), f"\n{indent}- {old}")
        return lsp.TextEdit(lsp.Range(position, position), f", {old}")
    # Put it right below `id:`, at the same indentation.
    id_line = source.line(id_key.line)
    position = lsp.Position(id_key.line - 1, len(id_line))
    return lsp.TextEdit(
        lsp.Range(position, position), f"\n{' ' * (id_key.col - 1)}renamed_from: [{old}]"
    )


def rename_edits(
    warm: WarmCatalogue, path: Path, text: str, line: int, column: int, new: str
) -> dict[Path, list[lsp.TextEdit]] | None:
    """The edits that rename the id at the cursor to `new`, or None when the cursor is on no
    renamable id. Raises Refused when `new` is not a valid id or already names another
    definition of the same kind: the rename would leave a broken Fachakte."""
    if not is_id(new):
        raise Refused(
            _(
                "'{value}' is not a valid id: use lowercase letters a-z, digits and _, starting "
                "with a letter"
            ).format(value=one_line(new)[:80])
        )
    source = warm.source(path)
    if source is None or not source.loaded or source.kind != "fachakte":
        return None
    cursor = cursor_at(text, line, column)
    old = cursor.word.split(".")[0]
    kind = next((k for k, where in DEFINED_IN.items() if cursor.path == (*where, "*", "id")), None)
    if kind is None:
        kind = ids.reference_kind("fachakte", cursor.path)
        kind = "field" if kind == "date_field" else kind
    if kind not in DEFINED_IN or not old or old == new:
        return None
    container = DEFINED_IN[kind]
    items = _get(source.data, container)
    index = next(
        (i for i, it in enumerate(items or []) if isinstance(it, dict) and it.get("id") == old),
        None,
    )
    if index is None:
        return None
    if any(isinstance(it, dict) and it.get("id") == new for it in items or []):
        raise Refused(
            _("{kind} '{new}' already exists in {file}; choose another id").format(
                kind=_(ids.LABELS[kind]), new=new, file=source.path.name
            )
        )
    edits: list[lsp.TextEdit] = []
    definition = _edit_at(source, (*container, index, "id"), old, new)
    if definition is not None:
        edits.append(definition)
    for ref_kind, pattern in ids.REFERENCES["fachakte"]:
        if (ref_kind == "date_field" and kind == "field") or ref_kind == kind:
            for found in _concrete(source.data, pattern):
                value = _get(source.data, found)
                if isinstance(value, str) and (value == old or value.startswith(old + ".")):
                    edit = _edit_at(source, found, old, new)
                    if edit is not None:
                        edits.append(edit)
    if kind == "field":
        edits.extend(_template_edits(source, old, new))
    if kind in KEEPS_OLD_ID:
        kept = _renamed_from_edit(source, (*container, index), old)
        if kept is not None:
            edits.append(kept)
    result = {path: edits}
    if kind == "role":
        result.update(_delegation_edits(warm, source, old, new))
    return result


def _delegation_edits(
    warm: WarmCatalogue, fachakte: SourceFile, old: str, new: str
) -> dict[Path, list[lsp.TextEdit]]:
    result: dict[Path, list[lsp.TextEdit]] = {}
    for candidate in warm.paths():
        source = warm.source(candidate)
        if source is None or not source.loaded or source.kind != "delegations":
            continue
        edits = []
        for index, item in enumerate(source.data.get("delegations") or []):
            if not isinstance(item, dict) or item.get("fachakte") != fachakte.data.get("id"):
                continue
            for position, role in enumerate(item.get("roles") or []):
                if role == old:
                    edit = _edit_at(source, ("delegations", index, "roles", position), old, new)
                    if edit is not None:
                        edits.append(edit)
        if edits:
            result[candidate] = edits
    return result
