"""German wording for the enumerations of the definition language, as readers of the docs see it.

The schema's enum values are English keys; reviewers, case workers and data-protection officers
need the German terms. An unknown key falls back to the key itself, so a new enum value shows up
in the docs instead of breaking the build.
"""

from __future__ import annotations

import datetime as dt

from fachakte_compiler.model import Retention

FIELD_TYPES = {
    "string": "Text (einzeilig)",
    "text": "Text (mehrzeilig)",
    "integer": "Ganze Zahl",
    "decimal": "Dezimalzahl",
    "boolean": "Ja/Nein",
    "date": "Datum",
    "datetime": "Zeitpunkt",
    "code": "Werteliste",
    "baustein": "Baustein",
}

PERSONAL_DATA = {
    "none": "kein Personenbezug",
    "personal": "personenbezogen",
    "special": "besondere Kategorie (Art. 9 DSGVO)",
}

SPECIAL_CATEGORIES = {
    "gesundheit": "Gesundheitsdaten",
    "religion": "religiöse Überzeugungen",
    "weltanschauung": "weltanschauliche Überzeugungen",
    "ethnische_herkunft": "rassische oder ethnische Herkunft",
    "politische_meinung": "politische Meinungen",
    "gewerkschaft": "Gewerkschaftszugehörigkeit",
    "genetisch": "genetische Daten",
    "biometrisch": "biometrische Daten zur eindeutigen Identifizierung",
    "sexualleben": "Sexualleben oder sexuelle Orientierung",
}

TRIGGERS = {
    "akte_geschlossen": "Schließung der Akte",
    "ende_kalenderjahr": "Ablauf des Kalenderjahres der Schließung",
    "letzter_vorgang": "letzte inhaltliche Bearbeitung",
    "ausscheiden": "Ende des Beschäftigungsverhältnisses",
    "ruhezeit_ende": "Ablauf der Ruhe- bzw. Nutzungszeit",
    "feld": "Datum im Merkmal",
}

DISPOSITIONS = {
    "A": "archivwürdig – dem Archiv anbieten",
    "B": "bewerten – das Archiv entscheidet",
    "V": "vernichten bzw. löschen",
}

AKTE_PERMISSIONS = {
    "read": "lesen",
    "create": "anlegen",
    "update": "ändern",
    "delete": "löschen",
    "close": "schließen",
    "reopen": "wieder öffnen",
    "export": "exportieren",
}

DOCUMENT_PERMISSIONS = {
    "read": "lesen",
    "create": "anlegen",
    "update": "ändern",
    "delete": "löschen",
    "approve": "freigeben",
    "export": "exportieren",
}

TENANT_KINDS = {"kreis": "Kreis", "stadt": "Stadt", "gemeinde": "Gemeinde"}


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
