"""Changes of the catalogue-level files: delegations, tenants and the Aktenplan frame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from fachakte_compiler.diff.bump import Bump
from fachakte_compiler.diff.change import Change, Collector, Ref
from fachakte_compiler.diff.compare_structure import toggled
from fachakte_compiler.diff.match import match
from fachakte_compiler.diff.rules import define_unversioned
from fachakte_compiler.model.types import (
    AktenplanUnit,
    Catalogue,
    Delegation,
    Doxis4Settings,
    Tenant,
)

# Section keys of the result, in the order they are shown; each names the file it comes from.
FD401 = define_unversioned(
    "FD401",
    "delegation-added",
    Bump.MINOR,
    "delegation added",
    "{what} added: {detail}",
    "{what} hinzugefügt: {detail}",
    """
    The processing municipality's groups gain the named roles on the delegating municipality's
    Akten; both municipalities' Doxis4 packages change. Nothing is taken away, so the class is
    compatible, but it widens access to personal data: the release manager reviews it against
    the signed agreement (öffentlich-rechtliche Vereinbarung).""",
)
FD402 = define_unversioned(
    "FD402",
    "delegation-removed",
    Bump.MAJOR,
    "delegation removed",
    "{what} removed: {detail}",
    "{what} entfernt: {detail}",
    """
    The processing municipality loses every role on the delegating municipality's Akten; casework
    in progress there stops at the next import. To end a delegation on a date, set
    `valid_until` instead (FD406), which keeps the history visible.""",
)
FD403 = define_unversioned(
    "FD403",
    "delegation-parties-changed",
    Bump.MAJOR,
    "delegating or processing municipality, or the Fachakte, of a delegation changed",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    Another municipality or another Fachakte is in effect a different delegation under the same
    id: the former processing municipality loses its access, and the packages of up to four
    municipalities change.""",
)
FD404 = define_unversioned(
    "FD404",
    "delegation-roles-withdrawn",
    Bump.MAJOR,
    "role withdrawn from a delegation",
    "{what}: role '{detail}' withdrawn",
    "{what}: Rolle „{detail}“ entzogen",
    """
    The processing municipality's group for this role loses its access to the delegating
    municipality's Akten; work it does today stops.""",
)
FD405 = define_unversioned(
    "FD405",
    "delegation-roles-granted",
    Bump.MINOR,
    "role granted in a delegation",
    "{what}: role '{detail}' granted",
    "{what}: Rolle „{detail}“ übertragen",
    """
    The processing municipality's group for this role gains access to the delegating
    municipality's Akten. Nothing is taken away, but access to personal data widens.""",
)
FD406 = define_unversioned(
    "FD406",
    "delegation-period-shortened",
    Bump.MAJOR,
    "period of a delegation shortened",
    "{what}: period shortened ({detail})",
    "{what}: Zeitraum verkürzt ({detail})",
    """
    A later `valid_from` or an earlier (or new) `valid_until` ends the processing municipality's
    access on days it had it before.""",
)
FD407 = define_unversioned(
    "FD407",
    "delegation-period-extended",
    Bump.MINOR,
    "period of a delegation extended",
    "{what}: period extended ({detail})",
    "{what}: Zeitraum verlängert ({detail})",
    """
    An earlier `valid_from` or a later (or removed) `valid_until` grants access on more days;
    nothing is taken away.""",
)
FD408 = define_unversioned(
    "FD408",
    "delegation-text-changed",
    Bump.PATCH,
    "legal basis text or description of a delegation changed",
    "{what}: {detail} changed",
    "{what}: {detail} geändert",
    """
    The legal basis and description document the agreement; the access rights stay the same.""",
)
FD411 = define_unversioned(
    "FD411",
    "tenant-added",
    Bump.MINOR,
    "tenant (Mandant) added",
    "{what} added (Doxis4 unit {new})",
    "{what} hinzugefügt (Doxis4-Mandant {new})",
    """
    A new municipality receives its own packages; no existing installation changes.""",
)
FD412 = define_unversioned(
    "FD412",
    "tenant-removed",
    Bump.MAJOR,
    "tenant (Mandant) removed",
    "{what} removed (Doxis4 unit {old})",
    "{what} entfernt (Doxis4-Mandant {old})",
    """
    The municipality no longer receives packages or updates; its installation keeps the last
    imported state. Validation already refuses delegations that still name it.""",
)
FD413 = define_unversioned(
    "FD413",
    "tenant-renamed",
    Bump.PATCH,
    "name of a tenant changed",
    "{what}: name changed from '{old}' to '{new}'",
    "{what}: Name von „{old}“ zu „{new}“ geändert",
    """
    The name is shown in packages and documentation; ids, groups and the Doxis4 unit stay, so
    a re-import updates in place.""",
)
FD414 = define_unversioned(
    "FD414",
    "tenant-unit-changed",
    Bump.MAJOR,
    "Doxis4 unit of a tenant changed",
    "{what}: Doxis4 unit changed from {old} to {new}; the import targets another unit",
    "{what}: Doxis4-Mandant von {old} zu {new} geändert; der Import zielt auf einen anderen "
    "Mandanten",
    """
    The Doxis4 unit is where a package is imported and part of every group name. After the
    change the package no longer updates the configuration in the old unit: the import creates
    new groups (and, for a processing municipality, new entries in its partners' access lists)
    while the old ones stay behind. Coordinate the change with SIT before the import.""",
)
FD415 = define_unversioned(
    "FD415",
    "tenant-einheit-changed",
    Bump.MAJOR,
    "unit part of the Aktenzeichen of a tenant changed",
    "{what}: Aktenzeichen unit changed from {old} to {new}",
    "{what}: Einheit im Aktenzeichen von {old} zu {new} geändert",
    """
    The {einheit} placeholder of the Aktenzeichen rule is the tenant's `short` (or its Doxis4
    unit). New Akten get Aktenzeichen with the new value while stored ones keep the old: the
    numbering of one municipality splits in two.""",
)
FD416 = define_unversioned(
    "FD416",
    "tenant-data-changed",
    Bump.PATCH,
    "AGS or kind of a tenant changed",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    The official municipality key (AGS) and the kind (Kreis, Stadt, Gemeinde) describe the
    tenant; no package binding uses them. An AGS change usually means a merger of municipalities,
    which shows up as other changes too.""",
)
FD417 = define_unversioned(
    "FD417",
    "doxis4-settings-changed",
    Bump.MAJOR,
    "Doxis4 topology, organization, classification scheme or name limits changed",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    tenants.yaml `doxis4` (and a tenant's `doxis4_organization`) say how the catalogue maps
    onto the installation: one shared
    organization or one per municipality, the shared organization's name, the classification
    scheme the Aktenplan nodes go under, and the longest names and short names. A change moves
    every municipality's objects (another organization, other units, other access entries) or
    renames them (other short names), so each provisioning plan and the target description
    change for all tenants. Coordinate it with SIT; installations do not follow by themselves.""",
)
FD421 = define_unversioned(
    "FD421",
    "aktenplan-unit-added",
    Bump.MINOR,
    "Aktenplan unit added",
    "{what} added: '{new}'",
    "{what} hinzugefügt: „{new}“",
    """
    A new unit of the shared file plan changes nothing that is filed.""",
)
FD422 = define_unversioned(
    "FD422",
    "aktenplan-unit-removed",
    Bump.MAJOR,
    "Aktenplan unit removed",
    "{what} removed: '{old}'",
    "{what} entfernt: „{old}“",
    """
    Akten filed under the unit lose their place in the xdomea file plan that the archive
    receives. Retire the unit instead (`retired: true`, FD424), which keeps it for stored
    Akten.""",
)
FD423 = define_unversioned(
    "FD423",
    "aktenplan-unit-retitled",
    Bump.PATCH,
    "title of an Aktenplan unit or of the Aktenplan changed",
    "{what}: title changed from '{old}' to '{new}'",
    "{what}: Bezeichnung von „{old}“ zu „{new}“ geändert",
    """
    Titles are what users and the archive read; the Kennzeichen stays, so nothing filed
    moves.""",
)
FD424 = define_unversioned(
    "FD424",
    "aktenplan-unit-retired",
    Bump.MINOR,
    "Aktenplan unit retired or reactivated",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    A retired unit (xdomea: Stillgelegt) takes no new Akten but keeps the stored ones, like a
    deprecated value (FD217); reactivating it adds a possibility. Either way nothing stored
    becomes invalid.""",
)
FD425 = define_unversioned(
    "FD425",
    "aktenplan-unit-details-changed",
    Bump.PATCH,
    "description, validity or retention of an Aktenplan unit changed",
    "{what}: {detail} changed",
    "{what}: {detail} geändert",
    """
    The description (Inhaltsangabe), the dates of validity (Gültigkeit) and the retention a
    level states document the file plan; stored Akten keep their Kennzeichen whatever they say,
    and every Fachakte keeps its own retention.""",
)


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
                out.emit(FD403, ref, detail=(f"{en} {was} → {now}", f"{de} {was} → {now}"))
        for role in before.roles:
            if role not in after.roles:
                out.emit(FD404, ref, detail=(role, role))
        for role in after.roles:
            if role not in before.roles:
                out.emit(FD405, ref, detail=(role, role))
        _period(out, ref, before, after)
        if before.legal_basis != after.legal_basis:
            out.emit(FD408, ref, detail=("legal basis", "Rechtsgrundlage"))
        if before.description != after.description:
            out.emit(FD408, ref, detail=("description", "Beschreibung"))
    for added in found.added:
        out.emit(FD401, Ref("delegation", added.id), detail=_summary(added))
    for removed in found.removed:
        out.emit(FD402, Ref("delegation", removed.id), detail=_summary(removed))


def _period(out: Collector, ref: Ref, old: Delegation, new: Delegation) -> None:
    """Each bound on its own: one may widen the period while the other narrows it."""
    if old.valid_from != new.valid_from:
        shown = f"{_day(old.valid_from)} → {_day(new.valid_from)}"
        rule = FD406 if new.valid_from > old.valid_from else FD407
        out.emit(rule, ref, detail=(f"valid from {shown}", f"gültig ab {shown}"))
    if old.valid_until != new.valid_until:
        shown = f"{_day(old.valid_until)} → {_day(new.valid_until)}"
        longer = new.valid_until is None or (
            old.valid_until is not None and new.valid_until > old.valid_until
        )
        rule = FD407 if longer else FD406
        out.emit(rule, ref, detail=(f"valid until {shown}", f"gültig bis {shown}"))


def compare_tenants(out: Collector, old: Sequence[Tenant], new: Sequence[Tenant]) -> None:
    found = match(old, new, lambda t: t.id)
    for _, before, after in found.pairs:
        ref = Ref("tenant", after.id)
        if before.name != after.name:
            out.emit(FD413, ref, old=before.name, new=after.name)
        if before.doxis4_unit != after.doxis4_unit:
            out.emit(FD414, ref, old=before.doxis4_unit, new=after.doxis4_unit)
        if before.doxis4_organization != after.doxis4_organization:
            text = f"doxis4_organization {before.organization} → {after.organization}"
            out.emit(FD417, ref, detail=(text, text))
        # The same fallback as the binding's {einheit}: `short`, else the Doxis4 unit.
        einheit_old = before.short or before.doxis4_unit
        einheit_new = after.short or after.doxis4_unit
        if einheit_old != einheit_new:
            out.emit(FD415, ref, old=einheit_old, new=einheit_new)
        for attr, de in (("ags", "AGS"), ("kind", "Art")):
            was, now = getattr(before, attr), getattr(after, attr)
            if was != now:
                out.emit(FD416, ref, detail=(f"{attr} {was} → {now}", f"{de} {was} → {now}"))
    for added in found.added:
        out.emit(FD411, Ref("tenant", added.id), new=added.doxis4_unit)
    for removed in found.removed:
        out.emit(FD412, Ref("tenant", removed.id), old=removed.doxis4_unit)


def compare_aktenplan(out: Collector, old: Catalogue, new: Catalogue) -> None:
    if old.aktenplan_title != new.aktenplan_title:
        out.emit(FD423, Ref("aktenplan"), old=old.aktenplan_title, new=new.aktenplan_title)
    found = match(old.aktenplan, new.aktenplan, lambda u: u.kennzeichen)
    for _, before, after in found.pairs:
        _unit(out, Ref("aktenplan_unit", after.kennzeichen), before, after)
    for added in found.added:
        out.emit(FD421, Ref("aktenplan_unit", added.kennzeichen), new=added.title)
    for removed in found.removed:
        out.emit(FD422, Ref("aktenplan_unit", removed.kennzeichen), old=removed.title)


def _unit(out: Collector, ref: Ref, old: AktenplanUnit, new: AktenplanUnit) -> None:
    if old.title != new.title:
        out.emit(FD423, ref, old=old.title, new=new.title)
    toggled(
        out,
        FD424,
        ref,
        (old.retired, new.retired),
        ("retired: no new Akten", "stillgelegt: keine neuen Akten"),
        ("reactivated", "wieder in Gebrauch"),
    )
    if old.description != new.description:
        out.emit(FD425, ref, detail=("description", "Inhaltsangabe"))
    if old.valid_from != new.valid_from:
        shown = f"{_day(old.valid_from)} → {_day(new.valid_from)}"
        out.emit(FD425, ref, detail=(f"valid from {shown}", f"Gültigkeit ab {shown}"))
    if old.valid_until != new.valid_until:
        shown = f"{_day(old.valid_until)} → {_day(new.valid_until)}"
        out.emit(FD425, ref, detail=(f"valid until {shown}", f"Gültigkeit bis {shown}"))
    if old.retention != new.retention:
        out.emit(FD425, ref, detail=("retention", "Aufbewahrung"))


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
            out.emit(FD417, Ref("doxis4"), detail=(text, text))


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
