"""German wording for the enumerations of the definition language, as readers of the docs see it.

The schema's enum values are English keys; reviewers, case workers and data-protection officers
need the German terms. An unknown key falls back to the key itself, so a new enum value shows up
in the docs instead of breaking the build.
"""

from __future__ import annotations

import datetime as dt

from fachakte_compiler.model import Retention
from fachakte_compiler.model.enums import (
    AktePermission,
    Disposition,
    DocumentPermission,
    FieldType,
    PersonalData,
    SpecialCategory,
    TenantKind,
    Trigger,
    labels,
)

# Derived from the model's enumerations, which hold the German terms.
FIELD_TYPES = labels(FieldType)
PERSONAL_DATA = labels(PersonalData)
SPECIAL_CATEGORIES = labels(SpecialCategory)
TRIGGERS = labels(Trigger)
DISPOSITIONS = labels(Disposition)
AKTE_PERMISSIONS = labels(AktePermission)
DOCUMENT_PERMISSIONS = labels(DocumentPermission)
TENANT_KINDS = labels(TenantKind)


def label(table: dict[str, str], key: str | None) -> str:
    if key is None:
        return ""
    return table.get(key, key)


def german_date(day: dt.date | dt.datetime | None) -> str:
    # Formatted by hand: strftime would follow the process locale, which must not matter.
    if day is None:
        return ""
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def years_text(years: int | None) -> str:
    if years is None:
        return "unbefristet"
    return "1 Jahr" if years == 1 else f"{years} Jahre"


def trigger_text(retention: Retention, field_title: str | None = None) -> str:
    """The event the period starts with; for a date field its title if known, else its id."""
    text = label(TRIGGERS, retention.trigger)
    if retention.trigger == "feld" and retention.trigger_field:
        text += f" „{field_title or retention.trigger_field}“"
    return text


def days_text(days: int) -> str:
    count = abs(days)
    unit = "Tag" if count == 1 else "Tage"
    return f"{count} {unit} {'vor' if days < 0 else 'nach'}"
