"""Builds the frozen model from a validated catalogue: resolves building blocks and defaults."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fachakte_compiler.load.catalogue import Catalogue as Loaded
from fachakte_compiler.load.source import SourceFile
from fachakte_compiler.model.types import (
    PERSONAL_DATA_ORDER,
    Akte,
    AktenplanUnit,
    Aktenzeichen,
    Baustein,
    Catalogue,
    CodeList,
    CodeValue,
    Delegation,
    DocumentType,
    Fachakte,
    Field,
    LegalReference,
    Register,
    RegisterPermission,
    Resubmission,
    Retention,
    Role,
    State,
    Tenant,
    Transition,
    Workflow,
)

Raw = dict[str, Any]


def _t(raw: Raw, key: str) -> tuple[str, ...]:
    return tuple(raw.get(key) or ())


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _code_list(raw: Raw, scope: str) -> CodeList:
    values = tuple(
        CodeValue(
            v["key"],
            v["label"],
            v.get("description"),
            bool(v.get("deprecated", False)),
            _t(v, "renamed_from"),
        )
        for v in raw["values"]
    )
    return CodeList(
        raw["id"], raw["title"], values, scope, raw.get("description"), _t(raw, "renamed_from")
    )


def _retention(raw: Raw | None) -> Retention | None:
    if raw is None:
        return None
    return Retention(
        raw["trigger"],
        raw["disposition"],
        raw["legal_source"],
        None if raw.get("unlimited") else raw["years"],
        raw.get("trigger_field"),
        raw.get("legal_minimum_years"),
        raw.get("note"),
    )


class _Resolver:
    """Resolves baustein-typed fields recursively against the catalogue's building blocks."""

    def __init__(self, bausteine: dict[str, SourceFile]) -> None:
        self.raw = bausteine
        self.used: dict[str, SourceFile] = {}

    def field(
        self, raw: Raw, scope: str, parent_required: bool = True, parent_class: str = "none"
    ) -> Field:
        own_class = raw.get("personal_data", "none")
        personal = max(own_class, parent_class, key=PERSONAL_DATA_ORDER.index)
        required = parent_required and bool(raw.get("required", False))
        code_list = raw.get("code_list")
        subfields: tuple[Field, ...] = ()
        if raw["type"] == "baustein":
            source = self.raw[raw["baustein"]]
            self.used[raw["baustein"]] = source
            subfields = tuple(
                self.field(sub, raw["baustein"], required, personal)
                for sub in source.data["fields"]
            )
        return Field(
            id=raw["id"],
            title=raw["title"],
            type=raw["type"],
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
            special_category=raw.get("special_category"),
            renamed_from=_t(raw, "renamed_from"),
            subfields=subfields,
        )


def _scalar(value: Any) -> int | float | str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def _baustein_code_lists(resolver: _Resolver) -> tuple[CodeList, ...]:
    lists: list[CodeList] = []
    for bid in sorted(resolver.used):
        lists.extend(_code_list(c, bid) for c in resolver.used[bid].data.get("code_lists", []))
    return tuple(lists)


def _role(raw: Raw) -> Role:
    perms = raw["permissions"]
    grants = tuple(
        RegisterPermission(g["register"], tuple(g["documents"])) for g in perms.get("registers", [])
    )
    return Role(
        raw["id"],
        raw["title"],
        tuple(perms["akte"]),
        tuple(perms["documents"]),
        grants,
        raw.get("description"),
        _t(raw, "renamed_from"),
    )


def _workflow(raw: Raw) -> Workflow:
    states = tuple(
        State(
            s["id"],
            s["title"],
            bool(s.get("initial", False)),
            bool(s.get("final", False)),
            s.get("description"),
            _t(s, "renamed_from"),
        )
        for s in raw["states"]
    )
    transitions = tuple(
        Transition(t["from"], t["to"], tuple(t["roles"]), t.get("title"))
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


def _akte(raw: Raw) -> Akte:
    registers = tuple(
        Register(
            r["id"],
            r["title"],
            tuple(r["document_types"]),
            r.get("description"),
            _t(r, "renamed_from"),
        )
        for r in raw["registers"]
    )
    rule = raw["aktenzeichen"]
    retention = _retention(raw["retention"])
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


def _fachakte(source: SourceFile, resolver: _Resolver, root: Path | None) -> Fachakte:
    raw: Raw = source.data
    resolver.used = {}
    fields = tuple(resolver.field(f, "") for f in raw["fields"])
    code_lists = tuple(_code_list(c, "") for c in raw.get("code_lists", []))
    code_lists += _baustein_code_lists(resolver)
    used = tuple((bid, s.data["version"], s.sha256) for bid, s in sorted(resolver.used.items()))
    documents = tuple(
        DocumentType(
            d["id"],
            d["title"],
            _t(d, "fields"),
            _retention(d.get("retention")),
            d.get("description"),
            _t(d, "renamed_from"),
        )
        for d in raw["document_types"]
    )
    return Fachakte(
        id=raw["id"],
        version=raw["version"],
        title=raw["title"],
        description=raw["description"],
        owners=tuple(raw["owners"]),
        legal_basis=tuple(
            LegalReference(r["short"], r["title"], r.get("url")) for r in raw["legal_basis"]
        ),
        kennzeichen=raw["aktenplan"]["kennzeichen"],
        aktenplan_title=raw["aktenplan"]["title"],
        code_lists=code_lists,
        fields=fields,
        akte=_akte(raw["akte"]),
        document_types=documents,
        roles=tuple(_role(r) for r in raw["roles"]),
        workflow=_workflow(raw["workflow"]),
        source=_relative(source, root),
        source_sha256=source.sha256,
        bausteine=used,
    )


def _relative(source: SourceFile, root: Path | None) -> str:
    if root is None:
        return source.path.name
    return source.path.relative_to(root).as_posix()


def _baustein(source: SourceFile, resolver: _Resolver, root: Path | None) -> Baustein:
    raw: Raw = source.data
    fields = tuple(resolver.field(f, raw["id"]) for f in raw["fields"])
    return Baustein(
        raw["id"],
        raw["version"],
        raw["title"],
        fields,
        tuple(_code_list(c, raw["id"]) for c in raw.get("code_lists", [])),
        raw.get("description"),
        _relative(source, root),
        source.sha256,
    )


def build_model(loaded: Loaded) -> Catalogue:
    """The model of a catalogue that passed validation without errors."""
    root = loaded.root
    bausteine_src = {f.data["id"]: f for f in loaded.of_kind("baustein")}
    resolver = _Resolver(bausteine_src)
    fachakten = sorted(
        (_fachakte(f, resolver, root) for f in loaded.of_kind("fachakte")), key=lambda f: f.id
    )
    bausteine = sorted(
        (_baustein(f, resolver, root) for f in bausteine_src.values()), key=lambda b: b.id
    )
    tenants = tuple(
        Tenant(t["id"], t["name"], t["kind"], t["ags"], t["doxis4_unit"], t.get("short"))
        for f in loaded.of_kind("tenants")
        for t in f.data["tenants"]
    )
    delegations = tuple(
        Delegation(
            d["id"],
            d["fachakte"],
            d["from"],
            d["to"],
            tuple(d["roles"]),
            _date(d["valid_from"]) or dt.date.min,
            d["legal_basis"],
            _date(d.get("valid_until")),
            d.get("description"),
        )
        for f in loaded.of_kind("delegations")
        for d in f.data["delegations"]
    )
    plan_files = loaded.of_kind("aktenplan")
    units = tuple(
        AktenplanUnit(
            u["kennzeichen"],
            u["title"],
            u.get("description"),
            _date(u.get("valid_from")),
            bool(u.get("retired", False)),
        )
        for f in plan_files
        for u in f.data["units"]
    )
    plan_title = plan_files[0].data.get("title") if plan_files else None
    return Catalogue(
        tuple(fachakten),
        tuple(bausteine),
        tenants,
        delegations,
        units,
        plan_title,
        str(root) if root else "",
    )
