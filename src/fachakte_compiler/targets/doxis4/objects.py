"""The catalogue as Doxis4 objects: what one organization holds, computed once from the model.

Doxis4 descriptors and global value lists are organisation-wide (doxis4-api.md §1.7, §1.8), and
a class can hold a descriptor only once (`IObjectClassBase.getAssignedDescriptorIDs`). So every
leaf path of a Fachakte is its own descriptor, named after the Fachakte and the path
(`WOHNGELD_ANTRAGSTELLER_NACHNAME`, `WOHNGELD_HAUSHALTSMITGLIEDER_NACHNAME`): a Baustein used
twice in one Fachakte, or two Bausteine sharing a third, never put two people's or two
addresses' values into one descriptor, and no package defines a descriptor another package
declares. A Baustein's value lists stay one global value list (`PERSON_ANREDE`): their values
mean the same wherever they are used. What differs per class (mandatory, read-only) belongs to
the descriptor's assignment (`IObjectClassBase.getMandatoryDescriptorIDs`). Our UUIDv5
identities stay as external keys: Doxis4 assigns its own UUIDs, the ID-map value list pairs
ours with the names.

Everything here is the same in every tenant; tenant-specific parts (groups, access entries,
delegations) are in `plan`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fachakte_compiler.model import Catalogue, CodeList, Fachakte, Field, Retention, Role
from fachakte_compiler.model.enums import PersonalData
from fachakte_compiler.model.identity import object_id
from fachakte_compiler.targets.doxis4 import names
from fachakte_compiler.targets.doxis4.descriptors import Descriptor, all_descriptors
from fachakte_compiler.targets.doxis4.mapping import (
    DescriptorType,
    RetentionMapping,
    Rights,
    descriptor_type,
    document_rights,
    node_rights,
    record_rights,
    retention_mapping,
)
from fachakte_compiler.targets.memo import by_identity

TITLE_SEPARATOR = " – "


@dataclass(frozen=True)
class Named:
    """What every Doxis4 object has: its name, short name and our identity."""

    kind: str  # descriptor, value_list, document_class, record_class, register, ...
    name: str
    short_name: str
    id: str  # our UUIDv5
    owner: str  # Fachakte id, or 'baustein:<id>' / 'aktenplan' for shared objects
    path: str  # the object's path below its owner, e.g. 'field/anschrift/plz'

    def child_id(self, *more: str) -> str:
        """Our identity of a part of this object, e.g. a value of a value list."""
        return object_id(*_id_owner(self.owner), *self.path.split("/"), *more)


@dataclass(frozen=True)
class DescriptorUse:
    """One place where a descriptor occurs: a Fachakte field path and its own facts."""

    fachakte: str
    path: str  # e.g. 'antragsteller.anschrift.plz'
    required: bool
    multiple: bool
    personal_data: str
    special_categories: tuple[str, ...]
    title_path: tuple[str, ...] = ()
    group: str | None = None  # the repeating building block the leaf belongs to
    previous_paths: tuple[str, ...] = ()  # paths before a rename


@dataclass(frozen=True)
class DescriptorDef:
    named: Named
    title: str
    type: DescriptorType
    value_list: str | None  # name of the bound global value list (KEY data, LABEL display)
    # The highest class of all uses, and every Art. 9 category any use declares.
    personal_data: str
    special_categories: tuple[str, ...]
    uses: tuple[DescriptorUse, ...]
    field: Field  # the leaf (constraints, description)
    baustein: str | None  # the innermost Baustein of the leaf, None for a Fachakte's own field
    value_list_id: str | None = None  # our identity of the bound value list

    @property
    def catalogue_path(self) -> str:
        """The leaf's path in its Fachakte, e.g. 'antragsteller.anschrift.plz'."""
        return self.uses[0].path

    @property
    def earlier_names(self) -> tuple[str, ...]:
        """Names the descriptor had under earlier paths (`renamed_from` of the leaf or of a
        field around it): Doxis4 holds the values there until someone moves them."""
        return tuple(
            names.descriptor_name(u.fachakte, old) for u in self.uses for old in u.previous_paths
        )


@dataclass(frozen=True)
class ValueListDef:
    named: Named
    title: str
    # (key, label, deprecated, our UUID of the value), in the authors' order.
    rows: tuple[tuple[str, str, bool, str], ...]


@dataclass(frozen=True)
class Assignment:
    """A descriptor assigned to a class; mandatory/read-only belong to the assignment."""

    descriptor: str  # descriptor name
    mandatory: bool
    read_only: bool


@dataclass(frozen=True)
class RetentionRuleDef:
    named: Named
    retention: Retention
    mapping: RetentionMapping
    trigger_descriptor: str | None  # descriptor name of `feld`'s trigger_field


@dataclass(frozen=True)
class ClassDef:
    """A document class (IArchiveClass) or the e-file class (IArchiveFolderClass)."""

    named: Named
    title: str
    fachakte: str
    assignments: tuple[Assignment, ...]
    retention_rule: str  # default retention rule name
    # Names the class had under earlier ids of its document type (`renamed_from`).
    earlier_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegisterDef:
    """A STATIC node of the e-file's folder definition and the classes it allows."""

    named: Named
    title: str
    fachakte: str
    allowed_classes: tuple[str, ...]


@dataclass(frozen=True)
class NodeDef:
    """An Aktenplan node (IClassificationSchemeNode); parents come before their children."""

    named: Named
    code: str  # the Kennzeichen, dots kept
    title: str
    parent: str | None  # parent node name
    fachakte: str | None  # the Fachakte filed here, if any
    retention_rule: str | None
    record_class: str | None


@dataclass(frozen=True)
class FachakteObjects:
    fachakte: Fachakte
    record_class: ClassDef
    document_classes: tuple[ClassDef, ...]
    registers: tuple[RegisterDef, ...]
    retention_rules: tuple[RetentionRuleDef, ...]
    node: str  # name of its Aktenplan node


# (object type, object name, rights) of one role: what its group gets, in every tenant.
RoleRights = tuple[tuple[str, str, Rights], ...]


@dataclass(frozen=True)
class Doxis4Objects:
    descriptors: tuple[DescriptorDef, ...]
    value_lists: tuple[ValueListDef, ...]
    fachakten: tuple[FachakteObjects, ...]
    nodes: tuple[NodeDef, ...]
    # (Fachakte id, role id) -> the access entries of the role's group.
    role_rights: dict[tuple[str, str], RoleRights]

    def named(self) -> tuple[Named, ...]:
        """Every object with a Doxis4 name, in a fixed order (the ID map's rows)."""
        found: list[Named] = [d.named for d in self.descriptors]
        found += [v.named for v in self.value_lists]
        for objects in self.fachakten:
            found += [r.named for r in objects.retention_rules]
            found += [c.named for c in objects.document_classes]
            found.append(objects.record_class.named)
            found += [r.named for r in objects.registers]
        found += [n.named for n in self.nodes]
        return tuple(found)


BAUSTEIN_PREFIX = "baustein:"


def _id_owner(owner: str) -> tuple[str, ...]:
    """The identity path of an owner: Fachakte objects keep the paths they always had, a
    Baustein's shared objects live under ('baustein', <id>)."""
    if owner.startswith(BAUSTEIN_PREFIX):
        return ("baustein", owner.removeprefix(BAUSTEIN_PREFIX))
    return (owner,)


def identity(owner: str, *path: str) -> str:
    """Our UUIDv5 of the object at `path` below `owner` (a Fachakte id or 'baustein:<id>')."""
    return object_id(*_id_owner(owner), *path)


def _owner_name(owner: str) -> str:
    return owner.removeprefix(BAUSTEIN_PREFIX)


class _Namer:
    def __init__(self, short_limit: int) -> None:
        self.short_limit = short_limit

    def __call__(self, kind: str, name: str, owner: str, *path: str) -> Named:
        return Named(
            kind,
            name,
            names.short_name(name, self.short_limit),
            object_id(*_id_owner(owner), *path),
            owner,
            "/".join(path),
        )


def descriptor_name_of(fachakte: Fachakte, d: Descriptor) -> str:
    """`<FACHAKTE>_<PATH>` for every leaf, own field or Baustein leaf alike:
    ('wohngeld', 'antragsteller.anschrift.plz') -> 'WOHNGELD_ANTRAGSTELLER_ANSCHRIFT_PLZ'."""
    return names.descriptor_name(fachakte.id, d.id)


def _list_owner(fachakte: Fachakte, code_list: CodeList) -> str:
    return f"baustein:{code_list.scope}" if code_list.scope else fachakte.id


def value_list_name_of(fachakte: Fachakte, qualified_id: str) -> str:
    code_list = fachakte.code_list(qualified_id)
    return names.value_list_name(code_list.scope or fachakte.id, code_list.id)


def descriptor_defs(fachakten: Iterable[Fachakte], named: _Namer) -> tuple[DescriptorDef, ...]:
    """The Doxis4 descriptors of `fachakten`, one per leaf path, in the authors' order. A
    descriptor is multi-valued (LIST) where its leaf repeats: the field itself or a Baustein
    around it is `multiple`. Two paths whose names coincide (FA902 refuses such a catalogue)
    would share one definition listing both uses."""
    uses: dict[str, list[tuple[Fachakte, Descriptor]]] = {}
    for fachakte in fachakten:
        for d in all_descriptors(fachakte):
            uses.setdefault(descriptor_name_of(fachakte, d), []).append((fachakte, d))
    result = []
    for name, occurrences in uses.items():
        fachakte, first = occurrences[0]
        code_list = fachakte.code_list(first.field.code_list) if first.field.code_list else None
        list_owner = _list_owner(fachakte, code_list) if code_list else None
        categories = sorted({str(c) for _, d in occurrences for c in d.field.special_categories})
        result.append(
            DescriptorDef(
                named("descriptor", name, fachakte.id, "field", first.id),
                # Two leaves may share a title (two persons' 'Nachname'): the title path tells.
                TITLE_SEPARATOR.join(first.title_path),
                descriptor_type(first.field, any(d.multiple for _, d in occurrences)),
                value_list_name_of(fachakte, code_list.qualified_id) if code_list else None,
                str(PersonalData.highest(d.field.personal_data for _, d in occurrences)),
                tuple(categories),
                tuple(
                    DescriptorUse(
                        f.id,
                        d.id,
                        d.field.required,
                        d.multiple,
                        str(d.field.personal_data),
                        tuple(str(c) for c in d.field.special_categories),
                        d.title_path,
                        d.group,
                        d.previous_ids,
                    )
                    for f, d in occurrences
                ),
                first.field,
                first.baustein,
                object_id(*_id_owner(list_owner), "codelist", code_list.id)
                if code_list and list_owner
                else None,
            )
        )
    return tuple(result)


def _descriptors(catalogue: Catalogue, named: _Namer) -> tuple[DescriptorDef, ...]:
    found = descriptor_defs(catalogue.fachakten, named)
    return tuple(sorted(found, key=lambda d: d.named.name))


def fachakte_descriptors(catalogue: Catalogue, fachakte: Fachakte) -> tuple[DescriptorDef, ...]:
    """The descriptors as one Fachakte's package describes them: only its own uses count."""
    return descriptor_defs((fachakte,), _Namer(catalogue.doxis4.max_short_name_length))


def _value_lists(catalogue: Catalogue, named: _Namer) -> tuple[ValueListDef, ...]:
    found: dict[str, ValueListDef] = {}
    for fachakte in catalogue.fachakten:
        for code_list in fachakte.code_lists:
            owner = _list_owner(fachakte, code_list)
            name = names.value_list_name(_owner_name(owner), code_list.id)
            if name in found:
                continue
            identity = named("value_list", name, owner, "codelist", code_list.id)
            rows = tuple(
                (
                    v.key,
                    v.label,
                    v.deprecated,
                    object_id(*_id_owner(owner), "codelist", code_list.id, "value", v.key),
                )
                for v in code_list.values
            )
            found[name] = ValueListDef(identity, code_list.title, rows)
    return tuple(found[k] for k in sorted(found))


def _assignments(fachakte: Fachakte, field_ids: tuple[str, ...]) -> tuple[Assignment, ...]:
    from fachakte_compiler.targets.doxis4.descriptors import descriptors_for

    merged: dict[str, bool] = {}
    for d in descriptors_for(fachakte, field_ids):
        name = descriptor_name_of(fachakte, d)
        merged[name] = merged.get(name, False) or d.field.required
    return tuple(Assignment(name, mandatory, False) for name, mandatory in merged.items())


@by_identity
def _fachakte_objects(fachakte: Fachakte, short_limit: int) -> FachakteObjects:
    # Kept: the packages, the plans and the setup sheet each need every Fachakte's objects.
    named = _Namer(short_limit)
    fid = fachakte.id
    rules = [
        RetentionRuleDef(
            named("retention_rule", names.retention_rule_name(fid), fid, "retention", "akte"),
            fachakte.akte.retention,
            retention_mapping(fachakte.akte.retention),
            _trigger(fachakte, fachakte.akte.retention),
        )
    ]
    for doc in fachakte.document_types:
        if doc.retention is not None:
            rules.append(
                RetentionRuleDef(
                    named(
                        "retention_rule",
                        names.retention_rule_name(fid, doc.id),
                        fid,
                        "retention",
                        f"dokumenttyp.{doc.id}",
                    ),
                    doc.retention,
                    retention_mapping(doc.retention),
                    _trigger(fachakte, doc.retention),
                )
            )
    akte_rule = names.retention_rule_name(fid)
    documents = tuple(
        ClassDef(
            named(
                "document_class", names.document_class_name(fid, doc.id), fid, "document", doc.id
            ),
            doc.title,
            fid,
            _assignments(fachakte, doc.fields),
            names.retention_rule_name(fid, doc.id) if doc.retention else akte_rule,
            tuple(names.document_class_name(fid, old) for old in doc.renamed_from),
        )
        for doc in fachakte.document_types
    )
    record = ClassDef(
        named("record_class", names.record_class_name(fid), fid, "akte"),
        fachakte.akte.title,
        fid,
        _assignments(fachakte, fachakte.akte.fields),
        akte_rule,
    )
    registers = tuple(
        RegisterDef(
            named("register", names.register_name(fid, reg.id), fid, "register", reg.id),
            reg.title,
            fid,
            tuple(names.document_class_name(fid, d) for d in reg.document_types),
        )
        for reg in fachakte.akte.registers
    )
    return FachakteObjects(
        fachakte, record, documents, registers, tuple(rules), names.node_name(fachakte.kennzeichen)
    )


def _trigger(fachakte: Fachakte, retention: Retention) -> str | None:
    if retention.trigger_field is None:
        return None
    from fachakte_compiler.targets.doxis4.descriptors import descriptors_for

    found = descriptors_for(fachakte, (retention.trigger_field,))
    return descriptor_name_of(fachakte, found[0]) if found else None


def _nodes(catalogue: Catalogue, named: _Namer) -> tuple[NodeDef, ...]:
    from fachakte_compiler.targets.xdomea.plan import PlanUnit, build_plan

    result: list[NodeDef] = []

    def visit(unit: PlanUnit, parent: str | None) -> None:
        if unit.retired:
            return
        name = names.node_name(unit.kennzeichen)
        fachakte = unit.fachakte
        result.append(
            NodeDef(
                named("node", name, "aktenplan", unit.kennzeichen),
                unit.kennzeichen,
                unit.title or unit.kennzeichen,
                parent,
                fachakte.id if fachakte else None,
                names.retention_rule_name(fachakte.id) if fachakte else None,
                names.record_class_name(fachakte.id) if fachakte else None,
            )
        )
        for child in unit.children:
            visit(child, name)

    for top in build_plan(catalogue):
        visit(top, None)
    return tuple(result)


def _role_rights(objects: FachakteObjects, role: Role) -> RoleRights:
    """A role's rights on the Fachakte's Aktenplan node (only if it has any there), its
    e-file class, and each document class it may use; document rights of a class are the
    union over the registers that hold it, and a class without any gets no entry."""
    fachakte = objects.fachakte
    found: list[tuple[str, str, Rights]] = []
    node = node_rights(role.akte_permissions)
    if node.rights:
        found.append(("classification_node", objects.node, node))
    found.append(
        ("record_class", objects.record_class.named.name, record_rights(role.akte_permissions))
    )
    for doc, cls in zip(fachakte.document_types, objects.document_classes, strict=True):
        permissions: list[str] = []
        for register in fachakte.akte.registers:
            if doc.id in register.document_types:
                permissions += [p for p in role.documents_in(register.id) if p not in permissions]
        if permissions:
            found.append(("document_class", cls.named.name, document_rights(tuple(permissions))))
    return tuple(found)


def fachakte_objects(catalogue: Catalogue, fachakte: Fachakte) -> FachakteObjects:
    """Classes, registers and retention rules of one Fachakte (what its package describes)."""
    return _fachakte_objects(fachakte, catalogue.doxis4.max_short_name_length)


def fachakte_role_rights(
    catalogue: Catalogue, fachakte: Fachakte
) -> dict[tuple[str, str], RoleRights]:
    """The rights of every role of `fachakte`, keyed as `Doxis4Objects.role_rights`."""
    objects = fachakte_objects(catalogue, fachakte)
    return {(fachakte.id, r.id): _role_rights(objects, r) for r in fachakte.roles}


def fachakte_value_lists(
    catalogue: Catalogue, fachakte: Fachakte
) -> tuple[tuple[CodeList, Named], ...]:
    """Each code list of `fachakte` with its Doxis4 name and identity; a Baustein's list is the
    one global value list of that Baustein."""
    named = _Namer(catalogue.doxis4.max_short_name_length)
    found = []
    for code_list in fachakte.code_lists:
        owner = _list_owner(fachakte, code_list)
        name = names.value_list_name(_owner_name(owner), code_list.id)
        found.append((code_list, named("value_list", name, owner, "codelist", code_list.id)))
    return tuple(found)


_LAST: list[tuple[Catalogue, Doxis4Objects]] = []


def doxis4_objects(catalogue: Catalogue) -> Doxis4Objects:
    """Every Doxis4 object of `catalogue`, named with its short-name limit. The last result
    is kept (by identity of the frozen catalogue), since every tenant's plan needs it."""
    if _LAST and _LAST[0][0] is catalogue:
        return _LAST[0][1]
    named = _Namer(catalogue.doxis4.max_short_name_length)
    limit = catalogue.doxis4.max_short_name_length
    fachakten = tuple(_fachakte_objects(f, limit) for f in catalogue.fachakten)
    objects = Doxis4Objects(
        _descriptors(catalogue, named),
        _value_lists(catalogue, named),
        fachakten,
        _nodes(catalogue, named),
        {(o.fachakte.id, r.id): _role_rights(o, r) for o in fachakten for r in o.fachakte.roles},
    )
    _LAST[:] = [(catalogue, objects)]
    return objects
