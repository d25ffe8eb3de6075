"""Binds one Fachakte to one municipality: its Doxis4 unit, its groups and their access rights,
and the delegations (Aufgabenübertragungen) it gives or takes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fachakte_compiler.bind.naming import group_id, group_name
from fachakte_compiler.model import Catalogue, Delegation, Fachakte, Tenant
from fachakte_compiler.model.identity import object_id


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    role: str
    tenant: Tenant


@dataclass(frozen=True)
class AclEntry:
    """`group` holds `role` on the Akten of the binding's unit; delegated rights carry the
    delegation and its validity period, own rights are unlimited."""

    id: str
    group: Group
    role: str
    delegation: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@dataclass(frozen=True)
class DelegationGrant:
    """A delegation seen from one side: `outgoing` when the binding's unit hands its casework
    to `partner`, incoming when it processes `partner`'s Akten."""

    id: str
    delegation: Delegation
    outgoing: bool
    partner: Tenant
    # The processing unit's groups that act on the delegating unit's Akten.
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class TenantBinding:
    id: str
    tenant: Tenant
    fachakte_id: str
    # Value of the {einheit} placeholder of the Aktenzeichen rule.
    einheit: str
    groups: tuple[Group, ...]
    acl: tuple[AclEntry, ...]
    delegations: tuple[DelegationGrant, ...]

    def requires(self) -> tuple[Tenant, ...]:
        """Units whose packages must be imported first because our ACL names their groups."""
        partners = {g.partner.id: g.partner for g in self.delegations if g.outgoing}
        return tuple(partners[k] for k in sorted(partners))


def _group(tenant: Tenant, fachakte_id: str, role: str) -> Group:
    return Group(
        group_id(tenant.id, fachakte_id, role),
        group_name(tenant.doxis4_unit, fachakte_id, role),
        role,
        tenant,
    )


def _acl_id(fachakte_id: str, tenant: Tenant, group: Group, delegation: str | None) -> str:
    return object_id(fachakte_id, "acl", tenant.id, group.tenant.id, group.role, delegation or "")


def bind_tenant(catalogue: Catalogue, fachakte: Fachakte, tenant: Tenant) -> TenantBinding:
    """Everything tenant-specific about `fachakte` in `tenant`'s Doxis4 unit."""
    fid = fachakte.id
    groups = tuple(_group(tenant, fid, role.id) for role in fachakte.roles)
    acl = [AclEntry(_acl_id(fid, tenant, g, None), g, g.role) for g in groups]
    grants = []
    # Sorted by id so that the order of delegations.yaml does not change the package bytes.
    for delegation in sorted(catalogue.delegations_of(fid), key=lambda d: d.id):
        if tenant.id not in (delegation.from_tenant, delegation.to_tenant):
            continue
        outgoing = delegation.from_tenant == tenant.id
        processor = catalogue.tenant(delegation.to_tenant)
        partner = processor if outgoing else catalogue.tenant(delegation.from_tenant)
        delegated = tuple(_group(processor, fid, role) for role in delegation.roles)
        grants.append(
            DelegationGrant(
                object_id(fid, "delegation", delegation.id),
                delegation,
                outgoing,
                partner,
                delegated,
            )
        )
        if outgoing:
            acl.extend(
                AclEntry(
                    _acl_id(fid, tenant, g, delegation.id),
                    g,
                    g.role,
                    delegation.id,
                    delegation.valid_from,
                    delegation.valid_until,
                )
                for g in delegated
            )
    return TenantBinding(
        object_id(fid, "binding", tenant.id),
        tenant,
        fid,
        tenant.short or tenant.doxis4_unit,
        groups,
        tuple(acl),
        tuple(grants),
    )
