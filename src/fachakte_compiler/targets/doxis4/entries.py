"""The entries of a package in import order, and how each one is rendered.

An importer applies entries top to bottom: every entry refers only to objects created by the
entries above it (value lists before descriptors, descriptors and retention rules before
document types, those before the file type, roles before workflow and rights).
"""

from __future__ import annotations

from dataclasses import dataclass

from fachakte_compiler.bind import TenantBinding
from fachakte_compiler.model import Catalogue, Fachakte, Role
from fachakte_compiler.targets.doxis4.identities import Identities
from fachakte_compiler.targets.doxis4.mapping import (
    Rights,
    document_rights,
    node_rights,
    record_rights,
    retention_mapping,
)
from fachakte_compiler.targets.doxis4.names import FachakteNames, short_name
from fachakte_compiler.targets.doxis4.objects import (
    fachakte_descriptors,
    fachakte_objects,
    fachakte_role_rights,
    fachakte_value_lists,
    identity,
)
from fachakte_compiler.targets.doxis4.plan import role_entries
from fachakte_compiler.targets.doxis4.render import render
from fachakte_compiler.targets.doxis4.validate import check_entry

# Version of the package layout (schemas/doxis4-package.xsd); bumped on incompatible changes.
# 2: Doxis4 names and short names, descriptors shared per Baustein leaf with their uses,
# mandatory per class assignment, Doxis4 rights, retention as a Doxis4 retention rule.
# 3: one descriptor per leaf path (`<FACHAKTE>_<PATH>`), titled with the title path; a
# Baustein used twice no longer shares descriptors between its uses.
FORMAT_VERSION = "3"


@dataclass(frozen=True)
class Entry:
    name: str
    root: str

    @property
    def template(self) -> str:
        return self.name.split("-", 1)[1].replace(".xml", ".xml.j2")


# The shared part: identical in every tenant for the same Fachakte version.
SHARED = (
    Entry("01-wertelisten.xml", "wertelisten"),
    Entry("02-deskriptoren.xml", "deskriptoren"),
    Entry("03-aufbewahrung.xml", "aufbewahrungsregeln"),
    Entry("04-dokumenttypen.xml", "dokumenttypen"),
    Entry("05-aktentyp.xml", "aktentyp"),
    Entry("06-rollen.xml", "rollen"),
    Entry("07-workflow.xml", "workflow"),
)
# The tenant binding: the only entry that differs between municipalities.
TENANT = Entry("10-mandant.xml", "mandant")
MANIFEST = Entry("00-manifest.xml", "manifest")


@dataclass(frozen=True)
class RoleMapping:
    """Doxis4 rights of a role on records, on the Aktenplan node and, per register, on
    documents."""

    akte: Rights
    knoten: Rights
    register: dict[str, Rights]


def _role_mapping(role: Role, registers: tuple[str, ...]) -> RoleMapping:
    return RoleMapping(
        record_rights(role.akte_permissions),
        node_rights(role.akte_permissions),
        {r: document_rights(role.documents_in(r)) for r in registers},
    )


def render_shared(catalogue: Catalogue, fachakte: Fachakte) -> dict[str, bytes]:
    """The shared entries of `fachakte`, validated; computed once for all tenants."""
    descriptors = fachakte_descriptors(catalogue, fachakte)
    registers = tuple(r.id for r in fachakte.akte.registers)
    context = {
        "fachakte": fachakte,
        "format_version": FORMAT_VERSION,
        "ids": Identities(fachakte.id),
        "doxis": FachakteNames(fachakte.id),
        "descriptors": descriptors,
        "descriptor": {d.named.name: d for d in descriptors},
        "value_lists": fachakte_value_lists(catalogue, fachakte),
        "objects": fachakte_objects(catalogue, fachakte),
        "rights": {r.id: _role_mapping(r, registers) for r in fachakte.roles},
        "retention_mapping": retention_mapping,
        "identity": identity,
    }
    result = {}
    for entry in SHARED:
        data = render(entry.template, **context)
        check_entry(f"{fachakte.id}: {entry.name}", data, entry.root)
        result[entry.name] = data
    return result


def render_tenant(catalogue: Catalogue, fachakte: Fachakte, binding: TenantBinding) -> bytes:
    role_rights = fachakte_role_rights(catalogue, fachakte)
    settings = catalogue.doxis4
    # A delegation's entries in a shared organization leave out the Aktenplan node, which the
    # processing groups hold anyway (see plan.build_plan).
    entries = {
        r.id: role_entries(
            role_rights,
            fachakte,
            fachakte.role(r.role),
            r.group.name,
            with_node=not (r.delegation and settings.shared),
        )
        for r in binding.acl
    }
    data = render(
        TENANT.template,
        fachakte=fachakte,
        binding=binding,
        ids=Identities(fachakte.id),
        format_version=FORMAT_VERSION,
        entries=entries,
        settings=settings,
        organization=settings.organization if settings.shared else binding.tenant.organization,
        short_name=lambda name: short_name(name, settings.max_short_name_length),
    )
    check_entry(f"{binding.tenant.id}/{fachakte.id}: {TENANT.name}", data, TENANT.root)
    return data
