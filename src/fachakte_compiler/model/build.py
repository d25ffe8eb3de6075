"""Builds the frozen model from a validated catalogue: resolves building blocks and defaults."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from fachakte_compiler.load.catalogue import Catalogue as Loaded
from fachakte_compiler.load.source import SourceFile
from fachakte_compiler.model.enums import Doxis4Topology, TenantKind
from fachakte_compiler.model.parts import (
    FieldResolver,
    Raw,
    as_date,
    baustein_code_lists,
    build_akte,
    build_code_list,
    build_retention,
    build_role,
    build_workflow,
    level_retention,
    strings,
)
from fachakte_compiler.model.types import (
    AktenplanUnit,
    Baustein,
    Catalogue,
    Delegation,
    DocumentType,
    Doxis4Settings,
    Fachakte,
    LegalReference,
    Tenant,
    UsedBy,
)


def _fachakte(source: SourceFile, resolver: FieldResolver, root: Path | None) -> Fachakte:
    raw: Raw = source.data
    resolver.used = {}
    fields = tuple(resolver.field(f, "") for f in raw["fields"])
    code_lists = tuple(build_code_list(c, "") for c in raw.get("code_lists", []))
    code_lists += baustein_code_lists(resolver)
    used = tuple((bid, s.data["version"], s.sha256) for bid, s in sorted(resolver.used.items()))
    documents = tuple(
        DocumentType(
            d["id"],
            d["title"],
            strings(d, "fields"),
            build_retention(d.get("retention")),
            d.get("description"),
            strings(d, "renamed_from"),
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
        akte=build_akte(raw["akte"]),
        document_types=documents,
        roles=tuple(build_role(r) for r in raw["roles"]),
        workflow=build_workflow(raw["workflow"]),
        source=_relative(source, root),
        source_sha256=source.sha256,
        bausteine=used,
        used_by=_used_by(raw.get("used_by")),
    )


def _used_by(raw: Raw | None) -> UsedBy | None:
    if raw is None:
        return None
    return UsedBy(tuple(TenantKind(k) for k in raw.get("kinds", [])), strings(raw, "tenants"))


def _with_runners(
    fachakte: Fachakte, tenants: tuple[Tenant, ...], delegations: tuple[Delegation, ...]
) -> Fachakte:
    """`fachakte` with `run_by`: the tenants it declares plus those taking casework of it."""
    takers = {d.to_tenant for d in delegations if d.fachakte == fachakte.id}
    run_by = tuple(t.id for t in tenants if fachakte.declares(t) or t.id in takers)
    return dataclasses.replace(fachakte, run_by=run_by)


def _relative(source: SourceFile, root: Path | None) -> str:
    if root is None:
        return source.path.name
    return source.path.relative_to(root).as_posix()


def _baustein(source: SourceFile, resolver: FieldResolver, root: Path | None) -> Baustein:
    raw: Raw = source.data
    fields = tuple(resolver.field(f, raw["id"]) for f in raw["fields"])
    return Baustein(
        raw["id"],
        raw["version"],
        raw["title"],
        fields,
        tuple(build_code_list(c, raw["id"]) for c in raw.get("code_lists", [])),
        raw.get("description"),
        _relative(source, root),
        source.sha256,
    )


def build_model(loaded: Loaded) -> Catalogue:
    """The model of a catalogue that passed validation without errors."""
    root = loaded.root
    bausteine_src = {f.data["id"]: f for f in loaded.of_kind("baustein")}
    resolver = FieldResolver(bausteine_src)
    fachakten = sorted(
        (_fachakte(f, resolver, root) for f in loaded.of_kind("fachakte")), key=lambda f: f.id
    )
    bausteine = sorted(
        (_baustein(f, resolver, root) for f in bausteine_src.values()), key=lambda b: b.id
    )
    tenants = tuple(
        Tenant(
            t["id"],
            t["name"],
            TenantKind(t["kind"]),
            t["ags"],
            t["doxis4_unit"],
            t.get("short"),
            t.get("doxis4_organization"),
        )
        for f in loaded.of_kind("tenants")
        for t in f.data["tenants"]
    )
    raw_doxis4: Raw = next((f.data.get("doxis4", {}) for f in loaded.of_kind("tenants")), {})
    doxis4 = Doxis4Settings(**raw_doxis4)
    if "topology" in raw_doxis4:
        doxis4 = dataclasses.replace(doxis4, topology=Doxis4Topology(raw_doxis4["topology"]))
    delegations = tuple(
        Delegation(
            d["id"],
            d["fachakte"],
            d["from"],
            d["to"],
            tuple(d["roles"]),
            as_date(d["valid_from"]) or dt.date.min,
            d["legal_basis"],
            as_date(d.get("valid_until")),
            d.get("description"),
        )
        for f in loaded.of_kind("delegations")
        for d in f.data["delegations"]
    )
    fachakten = [_with_runners(f, tenants, delegations) for f in fachakten]
    plan_files = loaded.of_kind("aktenplan")
    units = tuple(
        AktenplanUnit(
            u["kennzeichen"],
            u["title"],
            u.get("description"),
            as_date(u.get("valid_from")),
            bool(u.get("retired", False)),
            as_date(u.get("valid_until")),
            level_retention(u.get("retention")),
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
        doxis4,
    )
