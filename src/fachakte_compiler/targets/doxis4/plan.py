"""`build/<tenant>/doxis4/provision/plan.json`: what the public API can create, as ordered,
idempotent "ensure" steps (schemas/doxis4-plan.schema.json).

Order: units, groups, global value lists, the ID map, Aktenplan nodes (parents first), access
entries, the delegation agent. A step names an object by its Doxis4 name; the provisioning
script looks it up by that name, creates it if missing, changes only what differs and never
deletes. The plan is a function of the catalogue and the tenant only: no dates, no clock.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from fachakte_compiler import __version__
from fachakte_compiler.model import Catalogue, Delegation, Fachakte, Role, Tenant
from fachakte_compiler.targets.doxis4 import names
from fachakte_compiler.targets.doxis4.mapping import UNMAPPED, Rights
from fachakte_compiler.targets.doxis4.objects import Doxis4Objects, RoleRights, doxis4_objects

# Version of the plan's layout; the schema only ever grows (new kinds, new optional fields).
PLAN_FORMAT = 1
PLAN_PATH = "doxis4/provision/plan.json"
VALUE_LIST_COLUMNS = ("KEY", "LABEL", "DEPRECATED", "FA_ID")
ID_MAP_COLUMNS = ("KEY", "KIND", "NAME", "FACHAKTE", "PATH", "FA_ID")

Step = dict[str, Any]


@dataclass(frozen=True)
class Entry:
    """One access entry: `identifier` (a group) gets `rights` on `object_name`."""

    object_type: str  # classification_node, record_class or document_class
    object_name: str
    identifier: str
    rights: Rights

    def step(self, scope_unit: str | None, fachakte: str, role: str) -> Step:
        return {
            "kind": "access_entry",
            "name": f"{self.object_name}:{self.identifier}",
            "object": {"type": self.object_type, "name": self.object_name},
            "scope_unit": scope_unit,
            "entry_type": "ALLOW",
            "identifier_type": "GROUP",
            "identifier": self.identifier,
            "right_set": self.rights.right_set,
            "rights": list(self.rights.rights),
            "needs_decision": list(self.rights.needs_decision),
            "fachakte": fachakte,
            "role": role,
        }


def role_entries(
    role_rights: Mapping[tuple[str, str], RoleRights],
    fachakte: Fachakte,
    role: Role,
    group: str,
    with_node: bool = True,
) -> list[Entry]:
    """The access entries that give `group` the permissions of `role` (`role_rights` as
    `Doxis4Objects.role_rights`); the entry on the Aktenplan node only if `with_node`."""
    return [
        Entry(object_type, object_name, group, rights)
        for object_type, object_name, rights in role_rights[(fachakte.id, role.id)]
        if with_node or object_type != "classification_node"
    ]


def _named_fields(named: Any) -> dict[str, str]:
    return {"name": named.name, "short_name": named.short_name}


def _unit_steps(catalogue: Catalogue, tenant: Tenant) -> Iterator[Step]:
    if catalogue.doxis4.shared:
        yield {
            "kind": "unit",
            "name": tenant.doxis4_unit,
            "short_name": names.short_name(
                tenant.doxis4_unit, catalogue.doxis4.max_short_name_length
            ),
            "title": tenant.name,
            "parent": None,
        }


def _group_step(
    catalogue: Catalogue, staff: Tenant, fachakte: Fachakte, role: Role, host: Tenant
) -> Step:
    name = names.group_name(staff.doxis4_unit, fachakte.id, role.id)
    title = f"{role.title} – {fachakte.title} ({staff.name})"
    if staff.id != host.id:
        title += f", Aufgabenübertragung an {staff.name} in der Organisation {host.organization}"
    return {
        "kind": "group",
        "name": name,
        "short_name": names.short_name(name, catalogue.doxis4.max_short_name_length),
        "title": title,
        "staff_of": staff.id,
        "fachakte": fachakte.id,
        "role": role.id,
        "member_units": [],
    }


def _value_list_steps(objects: Doxis4Objects) -> Iterator[Step]:
    for value_list in objects.value_lists:
        yield {
            "kind": "value_list",
            **_named_fields(value_list.named),
            "title": value_list.title,
            "columns": list(VALUE_LIST_COLUMNS),
            "key_column": "KEY",
            "rows": [
                [key, label, "1" if deprecated else "0", identity]
                for key, label, deprecated, identity in value_list.rows
            ],
        }
    rows = [
        [f"{n.kind.upper()}:{n.name}", n.kind, n.name, n.owner, n.path, n.id]
        for n in objects.named()
    ]
    yield {
        "kind": "value_list",
        "name": names.ID_MAP,
        "short_name": names.ID_MAP,
        "title": "Zuordnung der Doxis4-Objekte zu den Kennungen des Katalogs (UUIDv5)",
        "columns": list(ID_MAP_COLUMNS),
        "key_column": "KEY",
        "rows": rows,
    }


def _node_steps(objects: Doxis4Objects) -> Iterator[Step]:
    for node in objects.nodes:
        yield {
            "kind": "classification_node",
            **_named_fields(node.named),
            "code": node.code,
            "title": node.title,
            "parent": node.parent,
            "node_type": "STATIC" if node.fachakte else "NODES_ONLY",
            "fachakte": node.fachakte,
            "retention_rule": node.retention_rule,
            "retention_assignment": "MANDATORY" if node.retention_rule else "NONE",
            "allowed_target_classes": [node.record_class] if node.record_class else [],
        }


# Steps that are the same in many plans, built and serialised once: slot "objects" holds the
# value lists and nodes of one catalogue view, slot "organization" the value lists of the
# whole catalogue (a shared organization's). Keyed by the identity of what they came from.
_SHARED: dict[str, tuple[object, list[Step], dict[int, str]]] = {}


def _cached(slot: str, source: object, make: Callable[[], list[Step]]) -> list[Step]:
    kept = _SHARED.get(slot)
    if kept is None or kept[0] is not source:
        steps = make()
        dumped = {id(step): json.dumps(step, ensure_ascii=False) for step in steps}
        kept = _SHARED[slot] = (source, steps, dumped)
    return kept[1]


def _shared_steps(catalogue: Catalogue, whole: Catalogue, objects: Doxis4Objects) -> list[Step]:
    """The global value lists, the ID map and the Aktenplan nodes of the tenant's view
    `catalogue` (with its `objects`). In a shared organization the value lists and the ID map
    are those of the `whole` catalogue: they are objects of the organization, which every
    tenant's script creates alike, so any one of them prepares the organization for the
    transport (whose descriptors refer to the value lists of every Fachakte)."""
    if catalogue.doxis4.shared:
        lists = _cached(
            "organization", whole, lambda: list(_value_list_steps(doxis4_objects(whole)))
        )
        nodes = _cached("objects", objects, lambda: list(_node_steps(objects)))
        return [*lists, *nodes]
    return _cached("objects", objects, lambda: [*_value_list_steps(objects), *_node_steps(objects)])


def _dumps(value: Any) -> str:
    """JSON of one list item; shared steps are serialised once (keyed by identity, which is
    sound because `_SHARED` keeps them alive and they are never changed)."""
    for _source, _steps, dumped in _SHARED.values():
        if id(value) in dumped:
            return dumped[id(value)]
    return json.dumps(value, ensure_ascii=False)


def _outgoing(catalogue: Catalogue, tenant: Tenant) -> list[Delegation]:
    return sorted(
        (d for d in catalogue.delegations if d.from_tenant == tenant.id), key=lambda d: d.id
    )


def _incoming(catalogue: Catalogue, tenant: Tenant) -> list[Delegation]:
    return sorted(
        (d for d in catalogue.delegations if d.to_tenant == tenant.id), key=lambda d: d.id
    )


def _needs_decision(catalogue: Catalogue) -> list[dict[str, str]]:
    found = []
    for fachakte in catalogue.fachakten:
        for role in fachakte.roles:
            scopes = (("akte", role.akte_permissions), ("documents", _all_documents(role)))
            for scope, permissions in scopes:
                for permission in permissions:
                    if permission in UNMAPPED:
                        found.append(
                            {
                                "fachakte": fachakte.id,
                                "role": role.id,
                                "scope": scope,
                                "permission": permission,
                                "reason": UNMAPPED[permission],
                            }
                        )
    return found


def _all_documents(role: Role) -> tuple[str, ...]:
    seen = list(role.document_permissions)
    for grant in role.register_permissions:
        seen += [p for p in grant.documents if p not in seen]
    return tuple(seen)


def build_plan(catalogue: Catalogue, tenant: Tenant) -> dict[str, Any]:
    """The provisioning plan of `tenant` as JSON-ready data (see the module docstring); it
    covers the Fachakten the tenant runs (`Fachakte.run_by`), nothing of the others, except
    that in a shared organization it creates the global value lists of every Fachakte."""
    whole, catalogue = catalogue, catalogue.for_tenant(tenant.id)
    settings = catalogue.doxis4
    objects = doxis4_objects(catalogue)
    scope = tenant.doxis4_unit if settings.shared else None
    steps: list[Step] = list(_unit_steps(catalogue, tenant))
    entries: list[Step] = []
    manual: list[dict[str, str]] = []
    for fachakte in catalogue.fachakten:
        for role in fachakte.roles:
            step = _group_step(catalogue, tenant, fachakte, role, tenant)
            steps.append(step)
            entries += [
                e.step(scope, fachakte.id, role.id)
                for e in role_entries(objects.role_rights, fachakte, role, step["name"])
            ]
    grants: list[dict[str, Any]] = []
    for delegation in _outgoing(catalogue, tenant):
        fachakte = catalogue.fachakte(delegation.fachakte)
        processor = catalogue.tenant(delegation.to_tenant)
        for role_id in delegation.roles:
            role = fachakte.role(role_id)
            group = names.group_name(processor.doxis4_unit, fachakte.id, role.id)
            if not settings.shared and all(s["name"] != group for s in steps):
                steps.append(_group_step(catalogue, processor, fachakte, role, tenant))
            rights = objects.role_rights
            for entry in role_entries(rights, fachakte, role, group, not settings.shared):
                grant = entry.step(scope, fachakte.id, role.id)
                grant.update(_period(delegation))
                grant["name"] = f"{delegation.id}:{grant['name']}"
                grants.append(grant)
        if not settings.shared:
            manual.append(_accounts_note(delegation, processor, tenant))
    if not settings.shared:
        manual += [
            _accounts_note(d, tenant, catalogue.tenant(d.from_tenant))
            for d in _incoming(catalogue, tenant)
        ]
    steps += _shared_steps(catalogue, whole, objects)
    steps += entries
    if grants:
        steps.append(
            {
                "kind": "delegation_agent",
                "name": names.doxis_name(tenant.doxis4_unit, "aufgabenuebertragungen"),
                "grants": grants,
            }
        )
    return {
        "format": PLAN_FORMAT,
        "compiler": __version__,
        "tenant": {"id": tenant.id, "name": tenant.name, "ags": tenant.ags},
        "topology": settings.topology,
        "organization": settings.organization if settings.shared else tenant.organization,
        "unit": scope,
        "classification_scheme": settings.classification_scheme,
        "limits": {
            "name": settings.max_name_length,
            "short_name": settings.max_short_name_length,
        },
        "fachakten": [{"id": f.id, "version": f.version} for f in catalogue.fachakten],
        "steps": steps,
        "manual": manual,
        "needs_decision": _needs_decision(catalogue),
    }


def _period(delegation: Delegation) -> dict[str, Any]:
    return {
        "kind": "delegation_grant",
        "delegation": delegation.id,
        "from_tenant": delegation.from_tenant,
        "to_tenant": delegation.to_tenant,
        "valid_from": delegation.valid_from.isoformat(),
        "valid_until": delegation.valid_until.isoformat() if delegation.valid_until else None,
    }


def _accounts_note(delegation: Delegation, processor: Tenant, host: Tenant) -> dict[str, str]:
    """What a delegation across organizations needs by hand: accounts of the processing
    municipality's staff in the delegating organization, members of the processing groups."""
    groups = ", ".join(
        names.group_name(processor.doxis4_unit, delegation.fachakte, r) for r in delegation.roles
    )
    return {
        "subject": f"delegation:{delegation.id}",
        "organization": host.organization,
        "text": (
            f"In der Organisation {host.organization} ({host.name}) für jede Person von "
            f"{processor.name}, die die Fälle bearbeitet, ein Benutzerkonto anlegen und "
            f"Mitglied der Gruppen {groups} machen. Die Zugriffseinträge setzt der Agent "
            f"zum {delegation.valid_from.isoformat()}"
            + (
                f" und entfernt sie nach dem {delegation.valid_until.isoformat()}"
                if delegation.valid_until
                else ""
            )
            + "; Konten und Mitgliedschaften nach Ende der Aufgabenübertragung entfernen."
        ),
    }


def render_plan(catalogue: Catalogue, tenant: Tenant) -> bytes:
    """plan.json bytes: UTF-8, keys in a fixed order, one step (and one entry of every other
    list) per line, so that a diff of two plans shows the steps that changed; final newline.
    (Also much faster than an indented dump, which Python can only do in pure Python.)"""
    plan = build_plan(catalogue, tenant)
    lines = []
    for key, value in plan.items():
        if isinstance(value, list) and value:
            items = ",\n    ".join(_dumps(v) for v in value)
            lines.append(f"  {json.dumps(key)}: [\n    {items}\n  ]")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return ("{\n" + ",\n".join(lines) + "\n}\n").encode("utf-8")
