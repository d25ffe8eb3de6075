"""The closed value sets of the definition language, defined once.

Each enumeration is a `StrEnum` whose values are the keys authors write in YAML (English, as the
JSON Schema's `enum` lists them) and whose `label` is the German term readers of the docs, the
changelog and the data-protection overview see. The JSON Schemas and the XSD of our own Doxis4
package name the same values; tests/test_enums.py checks that they agree, so a value added here
without the schemas (or the other way round) fails the suite instead of drifting.

Sources of the German terms: Art. 9 Abs. 1 DSGVO (special categories), the DMS terms of the
Registraturrichtlinie NRW (Aussonderung A/B/V), the Gemeindeordnung NRW (tenant kinds).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Labelled(StrEnum):
    """A StrEnum whose members carry a German label, given as `(value, label)` in the class.
    Calling the class with a value looks the member up (the label default only serves that)."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Labelled:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class FieldType(Labelled):
    STRING = "string", "Text (einzeilig)"
    TEXT = "text", "Text (mehrzeilig)"
    INTEGER = "integer", "Ganze Zahl"
    DECIMAL = "decimal", "Dezimalzahl"
    BOOLEAN = "boolean", "Ja/Nein"
    DATE = "date", "Datum"
    DATETIME = "datetime", "Zeitpunkt"
    CODE = "code", "Werteliste"
    BAUSTEIN = "baustein", "Baustein"


class PersonalData(Labelled):
    """Personal-data class of a descriptor, in rising order of protection need."""

    NONE = "none", "kein Personenbezug"
    PERSONAL = "personal", "personenbezogen"
    SPECIAL = "special", "besondere Kategorie (Art. 9 DSGVO)"

    @property
    def rank(self) -> int:
        return list(PersonalData).index(self)

    @staticmethod
    def highest(classes: Iterable[str]) -> PersonalData:
        """The class with the highest protection need among `classes` (members or their
        values); NONE for an empty iterable. Raises ValueError for an unknown value."""
        members = [PersonalData(c) for c in classes]
        return max(members, key=lambda c: c.rank, default=PersonalData.NONE)


class SpecialCategory(Labelled):
    """Special categories of personal data, Art. 9 Abs. 1 DSGVO."""

    GESUNDHEIT = "gesundheit", "Gesundheitsdaten"
    RELIGION = "religion", "religiöse Überzeugungen"
    WELTANSCHAUUNG = "weltanschauung", "weltanschauliche Überzeugungen"
    ETHNISCHE_HERKUNFT = "ethnische_herkunft", "rassische oder ethnische Herkunft"
    POLITISCHE_MEINUNG = "politische_meinung", "politische Meinungen"
    GEWERKSCHAFT = "gewerkschaft", "Gewerkschaftszugehörigkeit"
    GENETISCH = "genetisch", "genetische Daten"
    BIOMETRISCH = "biometrisch", "biometrische Daten zur eindeutigen Identifizierung"
    SEXUALLEBEN = "sexualleben", "Sexualleben oder sexuelle Orientierung"


class Trigger(Labelled):
    """The event a retention period starts with. The last two exist for document types
    only: an Akte has no filing date of its own (FA506)."""

    AKTE_GESCHLOSSEN = "akte_geschlossen", "Schließung der Akte"
    ENDE_KALENDERJAHR = "ende_kalenderjahr", "Ablauf des Kalenderjahres der Schließung"
    LETZTER_VORGANG = "letzter_vorgang", "letzte inhaltliche Bearbeitung"
    AUSSCHEIDEN = "ausscheiden", "Ende des Beschäftigungsverhältnisses"
    RUHEZEIT_ENDE = "ruhezeit_ende", "Ablauf der Ruhe- bzw. Nutzungszeit"
    FELD = "feld", "Datum im Merkmal"
    DOKUMENT_ABGELEGT = "dokument_abgelegt", "Ablage des Dokuments"
    DOKUMENT_KALENDERJAHR = (
        "dokument_kalenderjahr",
        "Ablauf des Kalenderjahres der letzten Bearbeitung des Dokuments",
    )

    @property
    def of_documents_only(self) -> bool:
        """Whether the period starts with a document's own filing, not with its Akte."""
        return self in (Trigger.DOKUMENT_ABGELEGT, Trigger.DOKUMENT_KALENDERJAHR)


class Disposition(Labelled):
    """What happens after the retention period (Aussonderung: archivwürdig, bewerten,
    vernichten), as in the xdomea code list Aussonderungsart."""

    A = "A", "archivwürdig – dem Archiv anbieten"
    B = "B", "bewerten – das Archiv entscheidet"
    V = "V", "vernichten bzw. löschen"


class TenantKind(Labelled):
    KREIS = "kreis", "Kreis"
    STADT = "stadt", "Stadt"
    GEMEINDE = "gemeinde", "Gemeinde"


class AktePermission(Labelled):
    READ = "read", "lesen"
    CREATE = "create", "anlegen"
    UPDATE = "update", "ändern"
    DELETE = "delete", "löschen"
    CLOSE = "close", "schließen"
    REOPEN = "reopen", "wieder öffnen"
    EXPORT = "export", "exportieren"


class DocumentPermission(Labelled):
    READ = "read", "lesen"
    CREATE = "create", "anlegen"
    UPDATE = "update", "ändern"
    DELETE = "delete", "löschen"
    APPROVE = "approve", "freigeben"
    EXPORT = "export", "exportieren"


class Doxis4Topology(Labelled):
    """How the municipalities map onto Doxis4 (tenants.yaml `doxis4.topology`)."""

    ORGANIZATION_PER_TENANT = "organization_per_tenant", "eine Doxis4-Organisation je Mandant"
    SHARED_ORGANIZATION = (
        "shared_organization",
        "eine gemeinsame Organisation mit einer Organisationseinheit je Mandant",
    )


ENUMERATIONS: tuple[type[Labelled], ...] = (
    FieldType,
    PersonalData,
    SpecialCategory,
    Trigger,
    Disposition,
    TenantKind,
    AktePermission,
    DocumentPermission,
    Doxis4Topology,
)


def labels(enum: type[Labelled]) -> dict[str, str]:
    """value -> German label of every member, in declaration order."""
    return {member.value: member.label for member in enum}
