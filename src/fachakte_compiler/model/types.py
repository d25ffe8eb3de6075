"""Frozen dataclasses of the resolved catalogue. Lists keep the authors' order."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from fachakte_compiler.model.enums import (
    AktePermission,
    Disposition,
    DocumentPermission,
    Doxis4Topology,
    FieldType,
    PersonalData,
    SpecialCategory,
    TenantKind,
    Trigger,
)


@dataclass(frozen=True)
class LegalReference:
    short: str
    title: str
    url: str | None = None


@dataclass(frozen=True)
class CodeValue:
    key: str
    label: str
    description: str | None = None
    deprecated: bool = False
    renamed_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodeList:
    """A value list. `scope` is '' for the Fachakte's own lists, else the Baustein id;
    `qualified_id` is what fields refer to ('anrede' or 'person.anrede')."""

    id: str
    title: str
    values: tuple[CodeValue, ...]
    scope: str = ""
    description: str | None = None
    renamed_from: tuple[str, ...] = ()

    @property
    def qualified_id(self) -> str:
        return f"{self.scope}.{self.id}" if self.scope else self.id


@dataclass(frozen=True)
class Field:
    """A descriptor. Baustein-typed fields carry their resolved sub-fields in `subfields`.

    `required`, `personal_data` and `special_categories` are the effective values, combined
    once (by the model builder) with those of every enclosing Baustein-typed field: a leaf of a
    field declared `personal_data: special, special_category: gesundheit` is itself special
    with category gesundheit. Every output reads these; none recombines them."""

    id: str
    title: str
    type: FieldType
    description: str | None = None
    required: bool = False
    multiple: bool = False
    code_list: str | None = None
    baustein: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    minimum: int | float | str | None = None
    maximum: int | float | str | None = None
    decimal_places: int | None = None
    searchable: bool = False
    personal_data: PersonalData = PersonalData.NONE
    # Art. 9 DSGVO categories: the enclosing fields' first, then the field's own; no repeats.
    special_categories: tuple[SpecialCategory, ...] = ()
    renamed_from: tuple[str, ...] = ()
    subfields: tuple[Field, ...] = ()

    @property
    def data_class(self) -> PersonalData:
        """The highest personal-data class of the field and everything below it."""
        own = (self.personal_data,)
        return PersonalData.highest((*own, *(leaf.personal_data for _, leaf in self.leaves())))

    @property
    def all_special_categories(self) -> tuple[SpecialCategory, ...]:
        """Every Art. 9 category of the field and everything below it, first seen first."""
        found = (c for _, leaf in self.leaves() for c in leaf.special_categories)
        return tuple(dict.fromkeys((*self.special_categories, *found)))

    def leaves(self, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Field]]:
        """Every scalar descriptor below this field with its id path, e.g. ('antragsteller',
        'anschrift', 'plz'); a scalar field yields itself."""
        path = (*prefix, self.id)
        if not self.subfields:
            yield path, self
        for sub in self.subfields:
            yield from sub.leaves(path)


@dataclass(frozen=True)
class Retention:
    trigger: Trigger
    disposition: Disposition
    legal_source: str
    years: int | None = None
    trigger_field: str | None = None
    legal_minimum_years: int | None = None
    note: str | None = None

    @property
    def unlimited(self) -> bool:
        return self.years is None


@dataclass(frozen=True)
class Register:
    id: str
    title: str
    document_types: tuple[str, ...]
    description: str | None = None
    renamed_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class Aktenzeichen:
    format: str
    example: str | None = None


@dataclass(frozen=True)
class Akte:
    title: str
    fields: tuple[str, ...]
    aktenzeichen: Aktenzeichen
    display_title: str
    registers: tuple[Register, ...]
    retention: Retention
    description: str | None = None


@dataclass(frozen=True)
class DocumentType:
    id: str
    title: str
    fields: tuple[str, ...] = ()
    retention: Retention | None = None
    description: str | None = None
    renamed_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegisterPermission:
    register: str
    documents: tuple[DocumentPermission, ...]


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    akte_permissions: tuple[AktePermission, ...]
    document_permissions: tuple[DocumentPermission, ...]
    register_permissions: tuple[RegisterPermission, ...] = ()
    description: str | None = None
    renamed_from: tuple[str, ...] = ()

    def documents_in(self, register: str) -> tuple[DocumentPermission, ...]:
        """Document permissions that apply inside `register`."""
        for grant in self.register_permissions:
            if grant.register == register:
                return grant.documents
        return self.document_permissions


@dataclass(frozen=True)
class State:
    id: str
    title: str
    initial: bool = False
    final: bool = False
    description: str | None = None
    renamed_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class Transition:
    from_state: str
    to_state: str
    roles: tuple[str, ...]
    title: str | None = None


@dataclass(frozen=True)
class Resubmission:
    id: str
    title: str
    role: str
    days: int
    after_state: str | None = None
    relative_to_field: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Workflow:
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]
    resubmissions: tuple[Resubmission, ...] = ()

    @property
    def initial(self) -> State:
        return next(s for s in self.states if s.initial)


@dataclass(frozen=True)
class Baustein:
    id: str
    version: str
    title: str
    fields: tuple[Field, ...]
    code_lists: tuple[CodeList, ...] = ()
    description: str | None = None
    source: str = ""
    source_sha256: str = ""


@dataclass(frozen=True)
class UsedBy:
    """Which tenants run a Fachakte, as its `used_by` declares them: every tenant of one of
    `kinds`, and each of `tenants` (ids from tenants.yaml). A tenant that is neither does not
    run it, unless it takes the casework of one that does (a delegation; see `Fachakte.run_by`).
    Competences are the law's: e.g. § 1 GrStG gives the Grundsteuer to the Gemeinden."""

    kinds: tuple[TenantKind, ...] = ()
    tenants: tuple[str, ...] = ()

    def selects(self, tenant: Tenant) -> bool:
        return tenant.kind in self.kinds or tenant.id in self.tenants


@dataclass(frozen=True)
class Fachakte:
    id: str
    version: str
    title: str
    description: str
    owners: tuple[str, ...]
    legal_basis: tuple[LegalReference, ...]
    kennzeichen: str
    aktenplan_title: str
    code_lists: tuple[CodeList, ...]
    fields: tuple[Field, ...]
    akte: Akte
    document_types: tuple[DocumentType, ...]
    roles: tuple[Role, ...]
    workflow: Workflow
    source: str = ""
    source_sha256: str = ""
    # (id, version, sha256) of every building block this Fachakte uses, directly or nested.
    bausteine: tuple[tuple[str, str, str], ...] = ()
    # The declared `used_by`; None: every tenant runs it.
    used_by: UsedBy | None = None
    # Ids of the tenants that run it, in the order of tenants.yaml: those `used_by` selects
    # plus every tenant that takes casework of it by a delegation (the taker works in the
    # Fachakte, so it needs the package, its groups and access entries). Computed once by the
    # model builder; every target and drift read it.
    run_by: tuple[str, ...] = ()

    def declares(self, tenant: Tenant) -> bool:
        """Whether `used_by` selects `tenant` (delegations aside)."""
        return self.used_by is None or self.used_by.selects(tenant)

    def runs_in(self, tenant_id: str) -> bool:
        """Whether the tenant `tenant_id` runs this Fachakte (see `run_by`)."""
        return tenant_id in self.run_by

    def field(self, field_id: str) -> Field:
        return next(f for f in self.fields if f.id == field_id)

    def code_list(self, qualified_id: str) -> CodeList:
        return next(c for c in self.code_lists if c.qualified_id == qualified_id)

    def document_type(self, doc_id: str) -> DocumentType:
        return next(d for d in self.document_types if d.id == doc_id)

    def role(self, role_id: str) -> Role:
        return next(r for r in self.roles if r.id == role_id)

    def retention_of(self, doc_id: str) -> Retention:
        """The retention that applies to a document type (its own, else the Akte's)."""
        return self.document_type(doc_id).retention or self.akte.retention

    def personal_data(self) -> PersonalData:
        """The highest personal-data class of any descriptor."""
        return PersonalData.highest(f.data_class for f in self.fields)


@dataclass(frozen=True)
class Tenant:
    id: str
    name: str
    kind: TenantKind
    ags: str
    doxis4_unit: str
    short: str | None = None
    # Name of the tenant's own Doxis4 organization in the topology `organization_per_tenant`
    # (default: `doxis4_unit`); unused when all tenants share one organization.
    doxis4_organization: str | None = None

    @property
    def organization(self) -> str:
        return self.doxis4_organization or self.doxis4_unit


@dataclass(frozen=True)
class Delegation:
    id: str
    fachakte: str
    from_tenant: str
    to_tenant: str
    roles: tuple[str, ...]
    valid_from: dt.date
    legal_basis: str
    valid_until: dt.date | None = None
    description: str | None = None


@dataclass(frozen=True)
class LevelRetention:
    """Aussonderungsart ('A', 'B', 'V') and Aufbewahrungsdauer of a file plan level as written
    in aktenplan.yaml (xdomea 3.0.0 AktenplaneinheitAktenplanType); years None: unbefristet."""

    disposition: str
    years: int | None = None


@dataclass(frozen=True)
class AktenplanUnit:
    kennzeichen: str
    title: str
    description: str | None = None
    valid_from: dt.date | None = None
    retired: bool = False
    valid_until: dt.date | None = None
    retention: LevelRetention | None = None


@dataclass(frozen=True)
class Doxis4Settings:
    """How the catalogue maps onto a Doxis4 installation (tenants.yaml `doxis4`).

    Defaults are our choice until SIT confirms them (docs/doxis4.md): one shared organization
    with a unit per municipality, because the catalogue's shared structures then exist once
    and a delegation is an access entry instead of accounts in a foreign organization; Doxis4
    names of at most 64 and short names of at most 30 characters (30 is the identifier limit
    of older Oracle databases, the strictest one a CSB may run on)."""

    topology: Doxis4Topology = Doxis4Topology.SHARED_ORGANIZATION
    # The one organization of the `shared_organization` topology.
    organization: str = "HSK"
    # Name of the existing classification scheme (the API cannot create one) for the Aktenplan.
    classification_scheme: str = "AKTENPLAN"
    max_name_length: int = 64
    max_short_name_length: int = 30

    @property
    def shared(self) -> bool:
        return self.topology == Doxis4Topology.SHARED_ORGANIZATION


@dataclass(frozen=True)
class Catalogue:
    fachakten: tuple[Fachakte, ...]
    bausteine: tuple[Baustein, ...]
    tenants: tuple[Tenant, ...]
    delegations: tuple[Delegation, ...]
    aktenplan: tuple[AktenplanUnit, ...] = ()
    aktenplan_title: str | None = None
    root: str = ""
    doxis4: Doxis4Settings = Doxis4Settings()

    def fachakte(self, fachakte_id: str) -> Fachakte:
        return next(f for f in self.fachakten if f.id == fachakte_id)

    def tenant(self, tenant_id: str) -> Tenant:
        return next(t for t in self.tenants if t.id == tenant_id)

    def delegations_of(self, fachakte_id: str) -> tuple[Delegation, ...]:
        return tuple(d for d in self.delegations if d.fachakte == fachakte_id)

    def runners(self, fachakte: Fachakte) -> tuple[Tenant, ...]:
        """The tenants that run `fachakte` (`Fachakte.run_by`), in the order of tenants.yaml."""
        return tuple(t for t in self.tenants if fachakte.runs_in(t.id))

    def for_tenant(self, tenant_id: str) -> Catalogue:
        """The catalogue narrowed to the Fachakten that the tenant `tenant_id` runs: what its
        plan, file plan and packages cover. The catalogue itself where it runs all of them;
        tenants that run the same Fachakten get the same object (targets cache per object)."""
        ids = tuple(f.id for f in self.fachakten if f.runs_in(tenant_id))
        if len(ids) == len(self.fachakten):
            return self
        views = self._views
        if ids not in views:
            views[ids] = dataclasses.replace(
                self, fachakten=tuple(f for f in self.fachakten if f.id in ids)
            )
        return views[ids]

    @cached_property
    def _views(self) -> dict[tuple[str, ...], Catalogue]:
        # Kept in the instance's __dict__ (cached_property writes there, past the frozen
        # __setattr__); not a field, so equality, repr and the cache keys never see it.
        return {}
