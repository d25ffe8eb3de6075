"""The ids a reference may name and where each is defined: what completion offers and where
go-to-definition leads. Read from the warm catalogue's parsed files, so it works on unsaved
buffers of the other files as well."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fachakte_compiler.diagnostics import Span
from fachakte_compiler.i18n import N_
from fachakte_compiler.load.source import SourceFile
from fachakte_compiler.lsp.context import Path as KeyPath
from fachakte_compiler.lsp.warm import WarmCatalogue

# Which kind of id a value at a key path refers to ('*' matches one list item).
REFERENCES: dict[str, tuple[tuple[str, KeyPath], ...]] = {
    "fachakte": (
        ("field", ("akte", "fields", "*")),
        ("field", ("document_types", "*", "fields", "*")),
        ("document_type", ("akte", "registers", "*", "document_types", "*")),
        ("code_list", ("fields", "*", "code_list")),
        ("baustein", ("fields", "*", "baustein")),
        ("tenant", ("owners", "*")),
        ("tenant", ("used_by", "tenants", "*")),
        ("register", ("roles", "*", "permissions", "registers", "*", "register")),
        ("state", ("workflow", "transitions", "*", "from")),
        ("state", ("workflow", "transitions", "*", "to")),
        ("state", ("workflow", "resubmissions", "*", "after_state")),
        ("role", ("workflow", "transitions", "*", "roles", "*")),
        ("role", ("workflow", "resubmissions", "*", "role")),
        ("date_field", ("akte", "retention", "trigger_field")),
        ("date_field", ("document_types", "*", "retention", "trigger_field")),
        ("date_field", ("workflow", "resubmissions", "*", "relative_to_field")),
    ),
    "baustein": (
        ("code_list", ("fields", "*", "code_list")),
        ("baustein", ("fields", "*", "baustein")),
    ),
    "delegations": (
        ("tenant", ("delegations", "*", "from")),
        ("tenant", ("delegations", "*", "to")),
        ("fachakte", ("delegations", "*", "fachakte")),
        ("role", ("delegations", "*", "roles", "*")),
    ),
}


def reference_kind(file_kind: str, path: KeyPath) -> str | None:
    """The kind of id the value at `path` of a `file_kind` file names, if it is a reference."""
    for kind, pattern in REFERENCES.get(file_kind, ()):
        if len(pattern) == len(path) and all(
            p in ("*", k) for p, k in zip(pattern, path, strict=True)
        ):
            return kind
    return None


@dataclass(frozen=True)
class Target:
    """An id and where it is defined."""

    id: str
    detail: str  # its title, shown beside the completion and in hovers
    path: Path
    span: Span | None


def _defined(source: SourceFile, *container: str, only: str | None = None) -> Iterator[Target]:
    """The entries with an id of the list at `container` in `source` (with `only`: those of
    that field type or of a date type), each with the span of its `id` value."""
    value: Any = source.data
    for key in container:
        value = value.get(key) if isinstance(value, dict) else None
    for index, item in enumerate(value if isinstance(value, list) else []):
        if not isinstance(item, dict) or "id" not in item:
            continue
        if only is not None and item.get("type") not in ("date", "datetime"):
            continue
        span = source.span((*container, index, "id"))
        yield Target(str(item["id"]), str(item.get("title", "")), source.path, span)


def _files(warm: WarmCatalogue, kind: str) -> Iterator[SourceFile]:
    for path in warm.paths():
        source = warm.source(path)
        if source is not None and source.loaded and source.kind == kind:
            yield source


def _fachakte_of(warm: WarmCatalogue, fachakte_id: str) -> SourceFile | None:
    for source in _files(warm, "fachakte"):
        if isinstance(source.data, dict) and source.data.get("id") == fachakte_id:
            return source
    return None


def targets(
    warm: WarmCatalogue, kind: str, here: SourceFile, item: dict[str, Any] | None = None
) -> list[Target]:
    """Every id a reference of `kind` in the file `here` may name. `item` is the list entry the
    reference stands in (a delegation names the Fachakte whose roles it grants)."""
    if kind in ("field", "document_type"):
        return list(_defined(here, "fields" if kind == "field" else "document_types"))
    if kind == "date_field":
        return list(_defined(here, "fields", only="date"))
    if kind == "code_list":
        found = list(_defined(here, "code_lists"))
        for baustein in _files(warm, "baustein"):
            bid = baustein.data.get("id")
            found += [
                Target(f"{bid}.{t.id}", t.detail, t.path, t.span)
                for t in _defined(baustein, "code_lists")
            ]
        return found
    if kind == "register":
        return list(_defined(here, "akte", "registers"))
    if kind == "state":
        return list(_defined(here, "workflow", "states"))
    if kind == "role":
        owner = here
        if item is not None and here.kind == "delegations":
            owner = _fachakte_of(warm, str(item.get("fachakte", ""))) or here
        return list(_defined(owner, "roles"))
    if kind == "tenant":
        return [t for s in _files(warm, "tenants") for t in _defined(s, "tenants")]
    if kind == "baustein":
        return [
            Target(str(s.data.get("id")), str(s.data.get("title", "")), s.path, s.span(("id",)))
            for s in _files(warm, "baustein")
            if "id" in s.data
        ]
    if kind == "fachakte":
        return [
            Target(str(s.data.get("id")), str(s.data.get("title", "")), s.path, s.span(("id",)))
            for s in _files(warm, "fachakte")
            if "id" in s.data
        ]
    return []


# Names of the kinds of ids, for hovers (msgids, translated where they are shown).
LABELS = {
    "field": N_("Field"),
    "date_field": N_("Date field"),
    "document_type": N_("Document type"),
    "code_list": N_("Value list"),
    "baustein": N_("Baustein"),
    "tenant": N_("Tenant"),
    "register": N_("Register"),
    "state": N_("State"),
    "role": N_("Role"),
    "fachakte": N_("Fachakte"),
}
