"""Changes of the catalogue-level files: delegations, tenants and the Aktenplan frame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from fachakte_compiler.diff.change import Change, Collector, Ref
from fachakte_compiler.diff.compare_structure import toggled
from fachakte_compiler.diff.match import match
from fachakte_compiler.diff.rules import catalogue as R
from fachakte_compiler.model.types import (
    AktenplanUnit,
    Catalogue,
    Delegation,
    Doxis4Settings,
    Tenant,
)

# Section keys of the result, in the order they are shown; each names the file it comes from.
FILES = ("tenants", "delegations", "aktenplan")


def _day(day: dt.date | None) -> str:
    return "–" if day is None else day.isoformat()


def _summary(d: Delegation) -> tuple[str, str]:
    roles = ", ".join(d.roles)
    until = f" until {_day(d.valid_until)}" if d.valid_until else ""
    bis = f" bis {_day(d.valid_until)}" if d.valid_until else ""
    return (
        f"{d.from_tenant} → {d.to_tenant}, Fachakte '{d.fachakte}', roles {roles}, "
        f"from {_day(d.valid_from)}{until}",
        f"{d.from_tenant} → {d.to_tenant}, Fachakte „{d.fachakte}“, Rollen {roles}, "
        f"ab {_day(d.valid_from)}{bis}",
    )


def compare_delegations(
    out: Collector, old: Sequence[Delegation], new: Sequence[Delegation]
) -> None:
    found = match(old, new, lambda d: d.id)
    for _, before, after in found.pairs:
        ref = Ref("delegation", after.id)
        for attr, en, de in (
            ("fachakte", "Fachakte", "Fachakte"),
            ("from_tenant", "delegating municipality", "übertragende Kommune"),
            ("to_tenant", "processing municipality", "bearbeitende Kommune"),
        ):
            was, now = getattr(before, attr), getattr(after, attr)
            if was != now:
                out.emit(R.FD403, ref, detail=(f"{en} {was} → {now}", f"{de} {was} → {now}"))
        for role in before.roles:
            if role not in after.roles:
                out.emit(R.FD404, ref, detail=(role, role))
        for role in after.roles:
            if role not in before.roles:
                out.emit(R.FD405, ref, detail=(role, role))
        _period(out, ref, before, after)
        if before.legal_basis != after.legal_basis:
            out.emit(R.FD408, ref, detail=("legal basis", "Rechtsgrundlage"))
        if before.description != after.description:
            out.emit(R.FD408, ref, detail=("description", "Beschreibung"))
    for added in found.added:
        out.emit(R.FD401, Ref("delegation", added.id), detail=_summary(added))
    for removed in found.removed:
        out.emit(R.FD402, Ref("delegation", removed.id), detail=_summary(removed))


def _period(out: Collector, ref: Ref, old: Delegation, new: Delegation) -> None:
    """Each bound on its own: one may widen the period while the other narrows it."""
    if old.valid_from != new.valid_from:
        shown = f"{_day(old.valid_from)} → {_day(new.valid_from)}"
        rule = R.FD406 if new.valid_from > old.valid_from else R.FD407
        out.emit(rule, ref, detail=(f"valid from {shown}", f"gültig ab {shown}"))
    if old.valid_until != new.valid_until:
        shown = f"{_day(old.valid_until)} → {_day(new.valid_until)}"
        longer = new.valid_until is None or (
            old.valid_until is not None and new.valid_until > old.valid_until
        )
        rule = R.FD407 if longer else R.FD406
        out.emit(rule, ref, detail=(f"valid until {shown}", f"gültig bis {shown}"))


def compare_tenants(out: Collector, old: Sequence[Tenant], new: Sequence[Tenant]) -> None:
    found = match(old, new, lambda t: t.id)
    for _, before, after in found.pairs:
        ref = Ref("tenant", after.id)
        if before.name != after.name:
            out.emit(R.FD413, ref, old=before.name, new=after.name)
        if before.doxis4_unit != after.doxis4_unit:
            out.emit(R.FD414, ref, old=before.doxis4_unit, new=after.doxis4_unit)
        if before.doxis4_organization != after.doxis4_organization:
            text = f"doxis4_organization {before.organization} → {after.organization}"
            out.emit(R.FD417, ref, detail=(text, text))
        # The same fallback as the binding's {einheit}: `short`, else the Doxis4 unit.
        einheit_old = before.short or before.doxis4_unit
        einheit_new = after.short or after.doxis4_unit
        if einheit_old != einheit_new:
            out.emit(R.FD415, ref, old=einheit_old, new=einheit_new)
        for attr, de in (("ags", "AGS"), ("kind", "Art")):
            was, now = getattr(before, attr), getattr(after, attr)
            if was != now:
                out.emit(R.FD416, ref, detail=(f"{attr} {was} → {now}", f"{de} {was} → {now}"))
    for added in found.added:
        out.emit(R.FD411, Ref("tenant", added.id), new=added.doxis4_unit)
    for removed in found.removed:
        out.emit(R.FD412, Ref("tenant", removed.id), old=removed.doxis4_unit)


def compare_aktenplan(out: Collector, old: Catalogue, new: Catalogue) -> None:
    if old.aktenplan_title != new.aktenplan_title:
        out.emit(R.FD423, Ref("aktenplan"), old=old.aktenplan_title, new=new.aktenplan_title)
    found = match(old.aktenplan, new.aktenplan, lambda u: u.kennzeichen)
    for _, before, after in found.pairs:
        _unit(out, Ref("aktenplan_unit", after.kennzeichen), before, after)
    for added in found.added:
        out.emit(R.FD421, Ref("aktenplan_unit", added.kennzeichen), new=added.title)
    for removed in found.removed:
        out.emit(R.FD422, Ref("aktenplan_unit", removed.kennzeichen), old=removed.title)


def _unit(out: Collector, ref: Ref, old: AktenplanUnit, new: AktenplanUnit) -> None:
    if old.title != new.title:
        out.emit(R.FD423, ref, old=old.title, new=new.title)
    toggled(
        out,
        R.FD424,
        ref,
        (old.retired, new.retired),
        ("retired: no new Akten", "stillgelegt: keine neuen Akten"),
        ("reactivated", "wieder in Gebrauch"),
    )
    if old.description != new.description:
        out.emit(R.FD425, ref, detail=("description", "Inhaltsangabe"))
    if old.valid_from != new.valid_from:
        shown = f"{_day(old.valid_from)} → {_day(new.valid_from)}"
        out.emit(R.FD425, ref, detail=(f"valid from {shown}", f"Gültigkeit ab {shown}"))
    if old.valid_until != new.valid_until:
        shown = f"{_day(old.valid_until)} → {_day(new.valid_until)}"
        out.emit(R.FD425, ref, detail=(f"valid until {shown}", f"Gültigkeit bis {shown}"))
    if old.retention != new.retention:
        out.emit(R.FD425, ref, detail=("retention", "Aufbewahrung"))


def compare_doxis4(out: Collector, old: Doxis4Settings, new: Doxis4Settings) -> None:
    """The `doxis4` block of tenants.yaml: every attribute that differs, as one FD417 each."""
    for attr in (
        "topology",
        "organization",
        "classification_scheme",
        "max_name_length",
        "max_short_name_length",
    ):
        was, now = getattr(old, attr), getattr(new, attr)
        if was != now:
            text = f"{attr} {was} → {now}"
            out.emit(R.FD417, Ref("doxis4"), detail=(text, text))


def diff_catalogue_files(old: Catalogue, new: Catalogue) -> dict[str, tuple[Change, ...]]:
    """The changes of each catalogue-level file, keyed as in FILES."""
    # Tenants by name; Aktenplan units keep their Kennzeichen, which is how people cite them.
    names = {("tenant", t.id): t.name for c in (old, new) for t in c.tenants}
    tenants, delegations, aktenplan = (Collector(name, labels=names) for name in FILES)
    compare_tenants(tenants, old.tenants, new.tenants)
    compare_doxis4(tenants, old.doxis4, new.doxis4)
    compare_delegations(delegations, old.delegations, new.delegations)
    compare_aktenplan(aktenplan, old, new)
    return {c.owner: tuple(c.changes) for c in (tenants, delegations, aktenplan)}
