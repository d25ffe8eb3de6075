"""Builders for the parts of a Fachakte: fields resolved against building blocks, code lists,
retention, roles, workflow and the Akte. Input is validated data, so keys are trusted."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from fachakte_compiler.load.source import SourceFile
from fachakte_compiler.model.enums import (
    AktePermission,
    Disposition,
    DocumentPermission,
    FieldType,
    PersonalData,
    SpecialCategory,
    Trigger,
)
from fachakte_compiler.model.types import (
    Akte,
    Aktenzeichen,
    CodeList,
    CodeValue,
    Field,
    LevelRetention,
    Register,
    RegisterPermission,
    Resubmission,
    Retention,
    Role,
    State,
    Transition,
    Workflow,
)

Raw = dict[str, Any]


def strings(raw: Raw, key: str) -> tuple[str, ...]:
    return tuple(raw.get(key) or ())


def as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def level_retention(raw: Raw | None) -> LevelRetention | None:
    """The optional `retention` of an aktenplan.yaml unit; `unlimited: true` gives years None."""
    if raw is None:
        return None
    return LevelRetention(raw["disposition"], None if raw.get("unlimited") else raw["years"])


def build_code_list(raw: Raw, scope: str) -> CodeList:
    values = tuple(
        CodeValue(
            v["key"],
            v["label"],
            v.get("description"),
            bool(v.get("deprecated", False)),
            strings(v, "renamed_from"),
        )
        for v in raw["values"]
    )
    return CodeList(
        raw["id"], raw["title"], values, scope, raw.get("description"), strings(raw, "renamed_from")
    )


def build_retention(raw: Raw | None) -> Retention | None:
    if raw is None:
        return None
    return Retention(
        Trigger(raw["trigger"]),
        Disposition(raw["disposition"]),
        raw["legal_source"],
        None if raw.get("unlimited") else raw["years"],
        raw.get("trigger_field"),
        raw.get("legal_minimum_years"),
        raw.get("note"),
    )


class FieldResolver:
    """Resolves baustein-typed fields recursively against the catalogue's building blocks."""

    def __init__(self, bausteine: dict[str, SourceFile]) -> None:
        self.raw = bausteine
        self.used: dict[str, SourceFile] = {}

    def field(
        self,
        raw: Raw,
        scope: str,
        parent_required: bool = True,
        parent_class: PersonalData = PersonalData.NONE,
        parent_categories: tuple[SpecialCategory, ...] = (),
    ) -> Field:
        """The field with its effective obligation, personal-data class and Art. 9 categories:
        the only place where a sub-field inherits them from the enclosing fields."""
        personal = PersonalData.highest((raw.get("personal_data", "none"), parent_class))
        own_category = raw.get("special_category")
        categories = parent_categories
        if own_category is not None:
            categories = tuple(dict.fromkeys((*parent_categories, SpecialCategory(own_category))))
        required = parent_required and bool(raw.get("required", False))
        code_list = raw.get("code_list")
        subfields: tuple[Field, ...] = ()
        field_type = FieldType(raw["type"])
        # A single Fachakte outside a catalogue cannot see its Bausteine (validation skips
        # them there too): the field then keeps its reference but has no subfields.
        source = self.raw.get(raw["baustein"]) if field_type is FieldType.BAUSTEIN else None
        if source is not None:
            self.used[raw["baustein"]] = source
            subfields = tuple(
                self.field(sub, raw["baustein"], required, personal, categories)
                for sub in source.data["fields"]
            )
        return Field(
            id=raw["id"],
            title=raw["title"],
            type=field_type,
            description=raw.get("description"),
            required=required,
            multiple=bool(raw.get("multiple", False)),
            code_list=(f"{scope}.{code_list}" if scope else code_list) if code_list else None,
            baustein=raw.get("baustein"),
            min_length=raw.get("min_length"),
            max_length=raw.get("max_length"),
            pattern=raw.get("pattern"),
            minimum=_scalar(raw.get("minimum")),
            maximum=_scalar(raw.get("maximum")),
            decimal_places=raw.get("decimal_places"),
            searchable=bool(raw.get("searchable", False)),
            personal_data=personal,
            special_categories=categories,
            renamed_from=strings(raw, "renamed_from"),
            subfields=subfields,
        )


def _scalar(value: Any) -> int | float | str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def baustein_code_lists(resolver: FieldResolver) -> tuple[CodeList, ...]:
    lists: list[CodeList] = []
    for bid in sorted(resolver.used):
        lists.extend(build_code_list(c, bid) for c in resolver.used[bid].data.get("code_lists", []))
    return tuple(lists)


def build_role(raw: Raw) -> Role:
    perms = raw["permissions"]
    grants = tuple(
        sorted(
            (
                RegisterPermission(g["register"], _canonical(DocumentPermission, g["documents"]))
                for g in perms.get("registers", [])
            ),
            key=lambda g: g.register,
        )
    )
    return Role(
        raw["id"],
        raw["title"],
        _canonical(AktePermission, perms["akte"]),
        _canonical(DocumentPermission, perms["documents"]),
        grants,
        raw.get("description"),
        strings(raw, "renamed_from"),
    )


E = TypeVar("E", AktePermission, DocumentPermission)


def _canonical(kind: type[E], names: list[str]) -> tuple[E, ...]:
    """Permissions are sets: in the order of their enumeration, however they were written, so
    that reordering them in YAML changes no output (and so no version)."""
    given = set(map(kind, names))
    return tuple(p for p in kind if p in given)


def build_workflow(raw: Raw) -> Workflow:
    states = tuple(
        State(
            s["id"],
            s["title"],
            bool(s.get("initial", False)),
            bool(s.get("final", False)),
            s.get("description"),
            strings(s, "renamed_from"),
        )
        for s in raw["states"]
    )
    transitions = tuple(
        # The roles of a transition are a set: their order must not reach any output.
        Transition(t["from"], t["to"], tuple(sorted(t["roles"])), t.get("title"))
        for t in raw["transitions"]
    )
    resubmissions = tuple(
        Resubmission(
            r["id"],
            r["title"],
            r["role"],
            r["days"],
            r.get("after_state"),
            r.get("relative_to_field"),
            r.get("description"),
        )
        for r in raw.get("resubmissions", [])
    )
    return Workflow(states, transitions, resubmissions)


def build_akte(raw: Raw) -> Akte:
    registers = tuple(
        Register(
            r["id"],
            r["title"],
            tuple(r["document_types"]),
            r.get("description"),
            strings(r, "renamed_from"),
        )
        for r in raw["registers"]
    )
    rule = raw["aktenzeichen"]
    retention = build_retention(raw["retention"])
    assert retention is not None
    return Akte(
        raw["title"],
        tuple(raw["fields"]),
        Aktenzeichen(rule["format"], rule.get("example")),
        raw["display_title"],
        registers,
        retention,
        raw.get("description"),
    )
