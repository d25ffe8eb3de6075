"""Derived views of the model that the pages show: Aktenplan path, field rows, where fields are
used, delegations by municipality. Plain functions so the templates stay free of logic."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fachakte_compiler.model import (
    AktenplanUnit,
    Catalogue,
    Fachakte,
    Field,
    Retention,
)
from fachakte_compiler.targets.docs import labels


@dataclass(frozen=True)
class FieldRow:
    """One line of the field table; sub-fields of a Baustein follow their parent, indented."""

    field: Field
    path: tuple[str, ...]
    depth: int

    @property
    def anchor(self) -> str:
        return "merkmal-" + "-".join(self.path)


def field_rows(fields: tuple[Field, ...]) -> list[FieldRow]:
    rows: list[FieldRow] = []

    def visit(field: Field, path: tuple[str, ...]) -> None:
        rows.append(FieldRow(field, (*path, field.id), len(path)))
        for sub in field.subfields:
            visit(sub, (*path, field.id))

    for field in fields:
        visit(field, ())
    return rows


def aktenplan_path(catalogue: Catalogue, kennzeichen: str) -> list[AktenplanUnit]:
    """The Aktenplan units above `kennzeichen`, outermost first. A one-digit Hauptgruppe ('2')
    contains the groups that start with its digit ('22'); deeper levels are dot-separated."""

    def above(unit: AktenplanUnit) -> bool:
        k = unit.kennzeichen
        if k == kennzeichen or not kennzeichen.startswith(k):
            return False
        return len(k) == 1 or kennzeichen[len(k)] == "."

    return sorted((u for u in catalogue.aktenplan if above(u)), key=lambda u: len(u.kennzeichen))


def leaf_titles(field: Field) -> list[str]:
    """Titles of the single items a composite field holds ('Anschrift: Ort'), else []."""
    if not field.subfields:
        return []
    titles: list[str] = []

    def visit(f: Field, trail: tuple[str, ...]) -> None:
        for sub in f.subfields:
            if sub.subfields:
                visit(sub, (*trail, sub.title))
            else:
                titles.append(": ".join((*trail, sub.title)))

    visit(field, ())
    return titles


@dataclass(frozen=True)
class Storage:
    """A place where field values are kept: the Akte itself or a document type."""

    anchor: str
    title: str
    fields: tuple[str, ...]
    retention: Retention
    own_retention: bool


def storages(fachakte: Fachakte) -> Iterator[Storage]:
    yield Storage(
        "akte", f"Akte „{fachakte.akte.title}“", fachakte.akte.fields, fachakte.akte.retention, True
    )
    for doc in fachakte.document_types:
        yield Storage(
            f"dokumenttyp-{doc.id}",
            f"Dokumenttyp „{doc.title}“",
            doc.fields,
            fachakte.retention_of(doc.id),
            doc.retention is not None,
        )


def used_in(fachakte: Fachakte, field_id: str) -> list[Storage]:
    return [s for s in storages(fachakte) if field_id in s.fields]


def registers_of(fachakte: Fachakte, doc_id: str) -> list[str]:
    return [r.title for r in fachakte.akte.registers if doc_id in r.document_types]


def tenant_name(catalogue: Catalogue, tenant_id: str) -> str:
    known = {t.id: t.name for t in catalogue.tenants}
    return known.get(tenant_id, tenant_id)


def state_title(fachakte: Fachakte, state_id: str) -> str:
    return next((s.title for s in fachakte.workflow.states if s.id == state_id), state_id)


@dataclass(frozen=True)
class PlanEntry:
    kennzeichen: str
    title: str
    depth: int
    fachakte: Fachakte | None = None


def _plan_key(kennzeichen: str) -> tuple[int, ...]:
    # '2' is the Hauptgruppe of '22', so the first digit sorts before the numeric parts.
    return (int(kennzeichen[0]), *(int(p) for p in kennzeichen.split(".") if p.isdigit()))


def aktenplan_entries(catalogue: Catalogue) -> list[PlanEntry]:
    """The shared Aktenplan with the Fachakten in their places, in Aktenplan order."""
    entries = [
        PlanEntry(u.kennzeichen, u.title, _depth(u.kennzeichen)) for u in catalogue.aktenplan
    ]
    entries += [
        PlanEntry(f.kennzeichen, f.aktenplan_title, _depth(f.kennzeichen), f)
        for f in catalogue.fachakten
    ]
    return sorted(entries, key=lambda e: (_plan_key(e.kennzeichen), e.fachakte is not None))


def _depth(kennzeichen: str) -> int:
    return 0 if len(kennzeichen) == 1 and "." not in kennzeichen else kennzeichen.count(".") + 1


def owned_by(catalogue: Catalogue, tenant_id: str) -> list[Fachakte]:
    return [f for f in catalogue.fachakten if tenant_id in f.owners]


def trigger_of(fachakte: Fachakte, retention: Retention) -> str:
    title = None
    if retention.trigger_field:
        # A date inside a Baustein (`betreuung.ende`) is named with the titles on its way.
        titles, fields = [], fachakte.fields
        for part in retention.trigger_field.split("."):
            found = next((f for f in fields if f.id == part), None)
            if found is None:
                break
            titles.append(found.title)
            fields = found.subfields
        title = " – ".join(titles) or None
    return labels.trigger_text(retention, title)


def field_ref(fachakte: Fachakte, path: str) -> tuple[str, str]:
    """(anchor, title) of a field given as 'id' or dotted path 'antragsteller.anschrift.plz'."""
    ids = path.split(".")
    fields, title = fachakte.fields, path
    for part in ids:
        found = next((f for f in fields if f.id == part), None)
        if found is None:
            break
        fields, title = found.subfields, found.title
    return "merkmal-" + "-".join(ids), title
