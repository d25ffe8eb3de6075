"""Delegations (Aufgabenübertragungen) are between two tenants for a sane period."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import pairwise

from fachakte_compiler.check.context import Context, Item
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.check.rules.references import FA205, FA207, FA209
from fachakte_compiler.diagnostics import Example, code
from fachakte_compiler.i18n import _

FA701 = code(
    "FA701",
    "self-delegation",
    "a municipality delegates to itself",
    """
    A delegation moves casework from one municipality (`from`) to another (`to`); both must
    differ.""",
    examples=(
        Example("delegations.yaml", "to: nordstadt", "to: westdorf", "westdorf", occurrence=3),
    ),
)
FA702 = code(
    "FA702",
    "validity-period",
    "validity period ends before it starts",
    """
    `valid_until` must not be earlier than `valid_from`: the delegation would never be in
    force. Both days count (`valid_until` is the last day the other municipality works the
    cases). Set `valid_until` to `valid_from` or a later day; if the two dates were
    exchanged, swap them; for a delegation without end, remove `valid_until`.""",
    examples=(
        Example(
            "delegations.yaml",
            'valid_until: "2027-12-31"',
            'valid_until: "2025-12-31"',
            '"2025-12-31"',
        ),
    ),
)
FA703 = code(
    "FA703",
    "overlapping-delegation",
    "two delegations of the same cases overlap",
    """
    The same municipality cannot hand the same Fachakte to two processors at the same time:
    the periods of two delegations with equal `fachakte` and `from` must not overlap.""",
    examples=(
        Example(
            "delegations.yaml",
            "    legal_basis: Ö",
            "    legal_basis: X\n"
            "  - id: zweite\n"
            "    fachakte: beispiel\n"
            "    from: westdorf\n"
            "    to: suedstadt\n"
            "    roles: [leitung]\n"
            "    valid_from: 2027-06-01\n"
            "    legal_basis: Ö",
            "2027-06-01",
        ),
    ),
)


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _period(item: Item) -> tuple[dt.date, dt.date] | None:
    start = _date(item.data.get("valid_from"))
    end = _date(item.data.get("valid_until")) if "valid_until" in item.data else dt.date.max
    return (start, end) if start and end else None


@rule(FA701, FA702, FA703)
def delegation_sanity(ctx: Context) -> None:
    groups: dict[tuple[str, str], list[tuple[Item, tuple[dt.date, dt.date]]]] = defaultdict(list)
    for item in ctx.delegations:
        source, target = item.text("from"), item.text("to")
        if source is not None and source == target:
            ctx.report(
                FA701,
                item.source,
                (*item.path, "to"),
                _("delegation '{id}' goes from '{tenant}' to itself").format(
                    id=item.id, tenant=source
                ),
            )
        period = _period(item)
        if period and period[1] < period[0]:
            ctx.report(
                FA702,
                item.source,
                (*item.path, "valid_until"),
                _("delegation '{id}' ends ({end}) before it starts ({start})").format(
                    id=item.id, end=period[1], start=period[0]
                ),
                hint=_(
                    "set valid_until to {start} or later, swap the two dates if they were "
                    "exchanged, or remove valid_until for a delegation without end"
                ).format(start=period[0]),
            )
            continue
        fachakte = item.text("fachakte")
        if period and fachakte and source:
            groups[(fachakte, source)].append((item, period))
    for (fachakte, source), entries in groups.items():
        entries.sort(key=lambda e: e[1][0])
        for (first, p1), (second, p2) in pairwise(entries):
            if p2[0] <= p1[1]:
                ctx.report(
                    FA703,
                    second.source,
                    (*second.path, "valid_from"),
                    _(
                        "delegation '{id}' of '{fachakte}' from '{tenant}' overlaps '{other}'"
                    ).format(id=second.id, fachakte=fachakte, tenant=source, other=first.id),
                    hint=_("end the earlier delegation before this starts"),
                )


@rule(FA207, FA209, FA205)
def delegation_references(ctx: Context) -> None:
    fachakten = {d.root.id: d for d in ctx.fachakten if d.root.id}
    knows_fachakten = ctx.catalogue.root is not None and ctx.catalogue.has_kind("fachakte")
    for delegation in ctx.delegations:
        for key in ("from", "to"):
            if ctx.knows_tenants:
                ctx.propose_known(delegation, key, ctx.tenants)
            name = delegation.text(key)
            if ctx.knows_tenants and name is not None and name not in ctx.tenants:
                ctx.unknown(
                    FA207,
                    delegation.source,
                    (*delegation.path, key),
                    _("tenant"),
                    name,
                    ctx.tenants,
                    _("delegation '{id}'").format(id=delegation.id),
                )
        if knows_fachakten:
            ctx.propose_known(delegation, "fachakte", fachakten)
        name = delegation.text("fachakte")
        if name is None or not knows_fachakten:
            continue
        target = fachakten.get(name)
        if target is None:
            ctx.unknown(
                FA209,
                delegation.source,
                (*delegation.path, "fachakte"),
                _("Fachakte"),
                name,
                fachakten,
                _("delegation '{id}'").format(id=delegation.id),
            )
            continue
        ctx.propose_known(delegation, "roles", target.roles)
        for path, role in delegation.refs("roles"):
            if role not in target.roles:
                ctx.unknown(
                    FA205,
                    delegation.source,
                    path,
                    _("role"),
                    role,
                    target.roles,
                    _("delegation '{id}' (Fachakte '{fachakte}')").format(
                        id=delegation.id, fachakte=name
                    ),
                )
