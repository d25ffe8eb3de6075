"""Drift of a file plan: an exported xdomea 0301 message against the catalogue's Aktenplan for
the tenant (compared with the message the catalogue itself produces, read by the same reader)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from fachakte_compiler.drift import codes
from fachakte_compiler.drift.errors import DriftInputError
from fachakte_compiler.drift.finding import Finding, change, join, shown
from fachakte_compiler.drift.report import DriftResult
from fachakte_compiler.targets.xdomea.read import ExportedPlan, ExportedUnit

if TYPE_CHECKING:
    from fachakte_compiler.drift.expected import ExpectedSource


def _retention(unit: ExportedUnit) -> tuple[str, str]:
    """(English, German) text of the unit's Aufbewahrungsdauer."""
    if unit.unlimited:
        return "unlimited", "unbefristet"
    if unit.years is None:
        return shown(None, False), shown(None, True)
    return f"{unit.years} years", f"{unit.years} J."


def _quoted(title: str | None) -> str | None:
    return f"'{title}'" if title else None


def _validity(unit: ExportedUnit) -> tuple[str, str]:
    """(English, German) text of the unit's Gueltigkeit; an open end is left out."""
    start, end = unit.valid_from, unit.valid_until
    if start and end:
        return f"{start} to {end}", f"{start} bis {end}"
    if start:
        return f"from {start}", f"ab {start}"
    if end:
        return f"until {end}", f"bis {end}"
    return shown(None, False), shown(None, True)


def _parent(unit: ExportedUnit) -> tuple[str, str]:
    return (unit.parent, unit.parent) if unit.parent else ("top level", "oberste Ebene")


def _differences(want: ExportedUnit, got: ExportedUnit) -> list[tuple[str, str]]:
    parts = []
    if want.title != got.title:
        parts.append(change("title", "Inhaltsangabe", _quoted(want.title), _quoted(got.title)))
    (want_en, want_de), (got_en, got_de) = _retention(want), _retention(got)
    if want_en != got_en:
        parts.append(change("retention", "Aufbewahrungsdauer", want_en, got_en, (want_de, got_de)))
    if want.disposition != got.disposition:
        parts.append(
            change("`Aussonderungsart`", "Aussonderungsart", want.disposition, got.disposition)
        )
    if want.retired != got.retired:
        parts.append(change("retired", "Stillgelegt", want.retired, got.retired))
    if (want.valid_from, want.valid_until) != (got.valid_from, got.valid_until):
        (want_en, want_de), (got_en, got_de) = _validity(want), _validity(got)
        parts.append(change("validity", "Gültigkeit", want_en, got_en, (want_de, got_de)))
    if want.parent != got.parent:
        (want_en, want_de), (got_en, got_de) = _parent(want), _parent(got)
        parts.append(change("parent", "übergeordnet", want_en, got_en, (want_de, got_de)))
    return parts


def compare_units(
    expected: tuple[ExportedUnit, ...],
    exported: tuple[ExportedUnit, ...],
    not_run: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Missing, unexpected and changed units, in a stable order. `not_run` maps the
    Kennzeichen of each Fachakte the tenant does not run to its id: an unexpected unit that is
    one of them, or a level above only such Fachakten, is named as that (DR604)."""
    have = {u.kennzeichen: u for u in exported}
    findings = []
    for want in expected:
        got = have.pop(want.kennzeichen, None)
        if got is None:
            findings.append(Finding(codes.DR601, want.kennzeichen, "plan_unit"))
            continue
        parts = _differences(want, got)
        if parts:
            en, de = join(parts)
            findings.append(Finding(codes.DR603, want.kennzeichen, "plan_unit", en, de))
    for kennzeichen in have:
        # A level is the parent of every Kennzeichen it begins (xdomea.plan._parent).
        fachakten = sorted(
            {f for leaf, f in (not_run or {}).items() if leaf.startswith(kennzeichen)}
        )
        if fachakten:
            named = ", ".join(fachakten)
            en, de = (
                (f"Fachakte {named}", f"zur Fachakte {named}")
                if len(fachakten) == 1
                else (f"Fachakten {named}", f"zu den Fachakten {named}")
            )
            findings.append(Finding(codes.DR604, kennzeichen, "plan_unit", en, de))
        else:
            findings.append(Finding(codes.DR602, kennzeichen, "plan_unit"))
    return sorted(findings, key=Finding.sort_key)


def _check_head(path: Path, tenant_id: str, wanted: ExportedPlan, got: ExportedPlan) -> None:
    """The export must be an Aktenplan message addressed to the tenant, as the catalogue's own
    message is; another tenant's export would otherwise compare clean, since the file plan is
    shared. Raises DriftInputError."""
    from fachakte_compiler.i18n import _

    if got.message_type is not None and got.message_type != wanted.message_type:
        raise DriftInputError(
            _(
                "{path}: the Kopf names Nachrichtentyp {found}, not {expected} "
                "(Aktenplan.Aktenplan); compare an exported file plan"
            ).format(path=path, found=got.message_type, expected=wanted.message_type)
        )
    if got.recipient is not None and got.recipient != wanted.recipient:
        raise DriftInputError(
            _(
                "{path}: the export is addressed to Behördenschlüssel {found}, but tenant "
                "'{tenant}' has {expected}; compare the export of that tenant's DMS"
            ).format(path=path, found=got.recipient, tenant=tenant_id, expected=wanted.recipient)
        )


def drift_of_export(path: Path, tenant_id: str, expected: ExpectedSource) -> DriftResult:
    """Compare the 0301 message at `path` with the catalogue's file plan for `tenant_id`.

    Raises DriftInputError when the file is unsafe, malformed or not an 0301 message."""
    from fachakte_compiler.targets.xdomea.read import XmlInputError, read_plan

    wanted = expected.plan(tenant_id)
    try:
        exported = read_plan(path)
    except XmlInputError as exc:
        raise DriftInputError(str(exc)) from None
    _check_head(path, tenant_id, wanted, exported)
    want, got = wanted.units, exported.units
    findings = compare_units(want, got, expected.plan_units_not_run(tenant_id))
    compared = tuple(sorted({("plan_unit", u.kennzeichen) for u in (*want, *got)}))
    return DriftResult(tenant_id, str(path), expected.label, tuple(findings), compared)
