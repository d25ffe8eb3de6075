"""What one tenant's Doxis4 organization must hold according to a release: the objects that the
public REST API can show, keyed by their Doxis4 names."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fachakte_compiler.targets.doxis4.objects import Doxis4Objects

# Java API descriptor type (IDescriptor TYPE_*) -> REST attributeDataType. The REST names are
# those the OpenCrawling connector's README lists; the pairing is our reading (docs/doxis4.md).
REST_DATA_TYPES = {
    "STRING": "STRING",
    "CHAR": "STRING",
    "SHORT": "INTEGER",
    "INTEGER": "INTEGER",
    "LONG": "LONGINTEGER",
    "FLOAT": "FLOATINGPOINT",
    "DOUBLE": "FLOATINGPOINT",
    "DATE": "DATE",
    "DATETIME": "DATETIME",
    "BOOLEAN": "BOOL",
}


@dataclass(frozen=True)
class ExpectedDescriptor:
    name: str
    short_name: str
    data_type: str  # REST attributeDataType, e.g. STRING, DATE, LONGINTEGER
    length: int | None
    multivalue: bool


@dataclass(frozen=True)
class ExpectedAssignment:
    descriptor: str
    mandatory: bool
    readonly: bool


@dataclass(frozen=True)
class ExpectedClass:
    name: str
    record: bool  # e-file class (RECORD) or document class
    assignments: tuple[ExpectedAssignment, ...]


@dataclass(frozen=True)
class Inventory:
    """`prefixes`: name prefixes of the catalogue's naming scheme for descriptors and classes
    (`<FACHAKTE>_`), `group_prefixes` those of the tenant's groups
    (`<UNIT>_<FACHAKTE>_`). An installed object whose name starts with one of them but that the
    release does not contain is a local development."""

    descriptors: tuple[ExpectedDescriptor, ...]
    classes: tuple[ExpectedClass, ...]
    groups: tuple[str, ...]
    prefixes: tuple[str, ...]
    group_prefixes: tuple[str, ...]
    # (earlier name, name in the release) of descriptors and classes a rename moved.
    renamed: tuple[tuple[str, str], ...] = ()
    # (name prefix, Fachakte id) of the catalogue's Fachakten that the tenant does not run
    # (`used_by`): `<FACHAKTE>_` where the organization is the tenant's own, and for groups
    # `<UNIT>_<FACHAKTE>_`. An installed object there is reported as what it is.
    foreign: tuple[tuple[str, str], ...] = ()
    foreign_groups: tuple[tuple[str, str], ...] = ()

    def ours(self, name: str) -> bool:
        return name.upper().startswith(self.prefixes)

    def not_run(self, name: str, group: bool = False) -> str | None:
        """The Fachakte the tenant does not run that `name` belongs to, if any."""
        upper = name.upper()
        prefixes = self.foreign_groups if group else self.foreign
        return next((f for prefix, f in prefixes if upper.startswith(prefix)), None)

    def renamed_to(self, name: str) -> str | None:
        """The release's name of the object `name` was the earlier name of, if any."""
        return dict(self.renamed).get(name)

    def our_group(self, name: str) -> bool:
        return name.upper().startswith(self.group_prefixes)


@dataclass(frozen=True)
class SharedObjects:
    """The tenant-independent part: descriptors, classes, and the Fachakte and Baustein ids
    their names are built from."""

    descriptors: tuple[ExpectedDescriptor, ...]
    classes: tuple[ExpectedClass, ...]
    owners: frozenset[str]
    renamed: tuple[tuple[str, str], ...] = ()  # (earlier name, name now), see Inventory


def shared_objects(objects: Doxis4Objects) -> SharedObjects:
    """The catalogue's Doxis4 objects (targets.doxis4.objects) as drift compares them."""
    descriptors = tuple(
        ExpectedDescriptor(
            d.named.name,
            d.named.short_name,
            REST_DATA_TYPES[d.type.type],
            d.type.length or None,
            d.type.multi_value != "NONE",
        )
        for d in objects.descriptors
    )
    classes: list[ExpectedClass] = []
    for found in objects.fachakten:
        for cls in (found.record_class, *found.document_classes):
            classes.append(
                ExpectedClass(
                    cls.named.name,
                    cls is found.record_class,
                    tuple(
                        ExpectedAssignment(a.descriptor, a.mandatory, a.read_only)
                        for a in cls.assignments
                    ),
                )
            )
    owners = {f.fachakte.id for f in objects.fachakten}
    return SharedObjects(descriptors, tuple(classes), frozenset(owners), _renamed(objects))


def _renamed(objects: Doxis4Objects) -> tuple[tuple[str, str], ...]:
    """(earlier name, name now) of every descriptor and document class whose id a rename
    (`renamed_from`) changed."""
    renamed = [(d.named, d.earlier_names) for d in objects.descriptors]
    renamed += [(c.named, c.earlier_names) for f in objects.fachakten for c in f.document_classes]
    return tuple(sorted({(old, named.name) for named, earlier in renamed for old in earlier}))


def inventory_of(
    shared: SharedObjects, plan: Mapping[str, Any], catalogue_ids: Collection[str] = ()
) -> Inventory:
    """The inventory of one tenant: the shared objects plus the groups of the tenant's
    provisioning plan (plan.json, schemas/doxis4-plan.schema.json). `catalogue_ids` are the
    ids of every Fachakte of the catalogue (or release); those the plan does not cover are
    the ones the tenant does not run (`used_by`)."""
    from fachakte_compiler.targets.doxis4.names import doxis_name

    group_steps = [s for s in plan["steps"] if s.get("kind") == "group"]
    groups = tuple(sorted(s["name"] for s in group_steps))
    prefixes = tuple(sorted(doxis_name(o) + "_" for o in shared.owners))

    def unit_of(step: Mapping[str, Any]) -> str:
        return str(step["name"][: -len(doxis_name(step["fachakte"], step["role"])) - 1])

    # The units whose groups this organization holds (its own; in the per-tenant topology also
    # those of municipalities that process its cases), each with every Fachakte.
    units = {unit_of(s) for s in group_steps}
    fachakten = {s["fachakte"] for s in group_steps}
    group_prefixes = tuple(sorted(doxis_name(u, f) + "_" for u in units for f in fachakten))
    not_run = sorted(set(catalogue_ids) - {f["id"] for f in plan["fachakten"]})
    tenant = plan["tenant"]["id"]
    own_units = {unit_of(s) for s in group_steps if s.get("staff_of") == tenant}
    own_units |= {plan["unit"]} if plan.get("unit") else set()
    foreign_groups = tuple(sorted((doxis_name(u, f) + "_", f) for u in own_units for f in not_run))
    # In a shared organization the descriptors and classes are every municipality's.
    own_organization = plan.get("topology") != "shared_organization"
    foreign = tuple((doxis_name(f) + "_", f) for f in not_run) if own_organization else ()
    return Inventory(
        shared.descriptors,
        shared.classes,
        groups,
        prefixes,
        group_prefixes,
        shared.renamed,
        foreign,
        foreign_groups,
    )
