"""The data-protection view: which personal data each Fachakte keeps, for which purpose, and
when it is deleted or offered to the archive — raw material for the record of processing
activities (Art. 30 DSGVO). The CSV is written for Excel (see targets/excel_csv.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from fachakte_compiler.model import Catalogue, Fachakte, Field
from fachakte_compiler.model.enums import PersonalData
from fachakte_compiler.targets.docs import labels, views
from fachakte_compiler.targets.excel_csv import excel_csv

CSV_COLUMNS = (
    "Fachakte",
    "Fachakte-ID",
    "Version",
    "Aktenplankennzeichen",
    "Zweck der Verarbeitung",
    "Rechtsgrundlagen",
    # Who processes: the municipalities that run the Fachakte (used_by, delegations).
    "Geführt von",
    "Merkmal",
    "Merkmal-ID",
    "Einzelangaben",
    "Datenkategorie",
    "Besondere Kategorien (Art. 9 DSGVO)",
    "Gespeichert in",
    "Aufbewahrungsfrist",
    "Fristbeginn",
    "Nach Fristablauf",
    "Rechtsquelle der Frist",
    "Hinweis zur Frist",
    "Bearbeitung durch andere Kommunen (Aufgabenübertragung)",
)


@dataclass(frozen=True)
class PersonalField:
    """A top-level field that holds personal data, with everything a record of processing needs."""

    field: Field
    data_class: PersonalData
    categories: tuple[str, ...]
    details: tuple[str, ...]
    storages: tuple[views.Storage, ...]


def personal_fields(fachakte: Fachakte) -> list[PersonalField]:
    result: list[PersonalField] = []
    for field in fachakte.fields:
        data_class = field.data_class
        if data_class is PersonalData.NONE:
            continue
        categories = tuple(c.label for c in field.all_special_categories)
        result.append(
            PersonalField(
                field,
                data_class,
                categories,
                tuple(views.leaf_titles(field)),
                tuple(views.used_in(fachakte, field.id)),
            )
        )
    return result


def delegation_text(catalogue: Catalogue, fachakte: Fachakte) -> str:
    parts = [
        f"{views.tenant_name(catalogue, d.to_tenant)} für "
        f"{views.tenant_name(catalogue, d.from_tenant)} ab {labels.german_date(d.valid_from)}"
        + (f" bis {labels.german_date(d.valid_until)}" if d.valid_until else "")
        for d in catalogue.delegations_of(fachakte.id)
    ]
    return "; ".join(parts)


def csv_rows(catalogue: Catalogue) -> list[list[str]]:
    rows: list[list[str]] = []
    for fachakte in catalogue.fachakten:
        legal = ", ".join(ref.short for ref in fachakte.legal_basis)
        delegated = delegation_text(catalogue, fachakte)
        run_by = views.run_by_text(catalogue, fachakte)
        for item in personal_fields(fachakte):
            for storage in item.storages:
                r = storage.retention
                rows.append(
                    [
                        fachakte.title,
                        fachakte.id,
                        fachakte.version,
                        fachakte.kennzeichen,
                        fachakte.description,
                        legal,
                        run_by,
                        item.field.title,
                        item.field.id,
                        ", ".join(item.details),
                        item.data_class.label,
                        ", ".join(item.categories),
                        storage.title,
                        labels.years_text(r.years),
                        views.trigger_of(fachakte, r),
                        labels.label(labels.DISPOSITIONS, r.disposition),
                        r.legal_source,
                        r.note or "",
                        delegated,
                    ]
                )
    return rows


def privacy_csv(catalogue: Catalogue) -> bytes:
    return excel_csv(CSV_COLUMNS, csv_rows(catalogue))
