"""Breaking changes (major bump): installations or stored records no longer fit the Fachakte."""

from __future__ import annotations

from fachakte_compiler.diff.rules import define

FD101 = define(
    "FD101",
    "field-removed",
    "field removed",
    "{what} removed",
    "{what} entfernt",
    """
    Stored records carry values in this descriptor; after the update twelve installations would
    hold data that no longer has a field. Deprecate it instead, or declare a rename with
    `renamed_from` on the new field.""",
)
FD102 = define(
    "FD102",
    "field-type-changed",
    "field type, value list or building block changed",
    "{what} changed type from {old} to {new}",
    "{what}: Datentyp von {old} zu {new} geändert",
    """
    Existing values may not convert to the new type (or value list, or building block); the
    Doxis4 descriptor has to be recreated. Add a new field and migrate instead.""",
)
FD103 = define(
    "FD103",
    "field-now-required",
    "optional field became required",
    "{what} became required",
    "{what} ist jetzt Pflichtfeld",
    """
    Existing records may have no value in the field; they would become invalid and could not be
    saved again without data entry.""",
)
FD104 = define(
    "FD104",
    "field-constraint-tightened",
    "field constraint tightened",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    A stricter length, range, pattern, number of decimal places or a single value instead of
    several rejects values that stored records may already hold. A changed pattern counts as
    tightened, because whether one regular expression accepts everything the other did cannot
    be decided in general.""",
)
FD105 = define(
    "FD105",
    "required-field-added",
    "required field added",
    "required {what} added",
    "{what} als Pflichtfeld hinzugefügt",
    """
    Existing records have no value for a new required field. Add it as optional, fill it, and
    make it required in a later major version.""",
)
FD106 = define(
    "FD106",
    "code-list-removed",
    "value list removed",
    "{what} removed",
    "{what} entfernt",
    """
    Fields and stored values refer to the value list.""",
)
FD107 = define(
    "FD107",
    "code-value-removed",
    "value removed from a value list",
    "{what} removed",
    "{what} entfernt",
    """
    Stored records may hold this value. Mark it `deprecated: true` instead (a compatible change),
    or declare a rename with `renamed_from`.""",
)
FD108 = define(
    "FD108",
    "document-type-removed",
    "document type removed",
    "{what} removed",
    "{what} entfernt",
    """
    Stored documents of this type would lose their type in every installation.""",
)
FD109 = define(
    "FD109",
    "register-removed",
    "register removed",
    "{what} removed",
    "{what} entfernt",
    """
    Documents filed in the register would lose their place in the Akte.""",
)
FD110 = define(
    "FD110",
    "role-removed",
    "role removed",
    "{what} removed",
    "{what} entfernt",
    """
    Users and groups assigned to the role in each municipality would lose their access.""",
)
FD111 = define(
    "FD111",
    "state-removed",
    "workflow state removed",
    "{what} removed",
    "{what} entfernt",
    """
    Akten currently in this workflow state would be stranded.""",
)
FD112 = define(
    "FD112",
    "transition-removed",
    "workflow transition removed",
    "{what} removed",
    "{what} entfernt",
    """
    Casework that relies on the step can no longer be done; Akten may be stuck in a state.""",
)
FD113 = define(
    "FD113",
    "resubmission-removed",
    "resubmission (Wiedervorlage) removed",
    "{what} removed",
    "{what} entfernt",
    """
    Deadlines that municipalities rely on (e.g. expiring exemptions) would silently stop being
    monitored.""",
)
FD114 = define(
    "FD114",
    "permission-removed",
    "permission removed from a role",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    Taking a permission away from a role (Akte, documents, a register or a workflow step) stops
    work that users do today and may be a staffing decision in twelve municipalities.""",
)
FD115 = define(
    "FD115",
    "assignment-removed",
    "field or document type no longer assigned",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    A field no longer shown on the Akte or a document type, or a document type no longer filed
    in a register: stored metadata or documents lose their place.""",
)
FD116 = define(
    "FD116",
    "retention-shortened",
    "retention period shortened",
    "{what}: retention shortened ({detail})",
    "{what}: Aufbewahrungsfrist verkürzt ({detail})",
    """
    Shorter retention lets records be destroyed earlier than the current rule promises; that can
    violate the legal minimum and cannot be undone.""",
)
FD117 = define(
    "FD117",
    "disposition-changed",
    "Aussonderungsart changed",
    "{what}: Aussonderungsart changed from {old} to {new}",
    "{what}: Aussonderungsart von {old} zu {new} geändert",
    """
    The Aussonderungsart (A archivwürdig, B bewerten, V vernichten) is agreed with the archive;
    any change alters what happens to records at the end of retention, in either direction.""",
)
FD118 = define(
    "FD118",
    "retention-start-changed",
    "start of the retention period changed",
    "{what}: retention starts at {new} instead of {old}",
    "{what}: Fristbeginn {new} statt {old}",
    """
    Moving the event that starts the retention period can end it earlier for stored records.""",
)
FD119 = define(
    "FD119",
    "aktenzeichen-changed",
    "Aktenzeichen rule changed",
    "{what} changed from '{old}' to '{new}'",
    "{what} von „{old}“ zu „{new}“ geändert",
    """
    Existing Aktenzeichen were built with the old rule; numbering and search would break.""",
)
FD120 = define(
    "FD120",
    "kennzeichen-changed",
    "Aktenplan Kennzeichen changed",
    "{what} changed from '{old}' to '{new}'",
    "{what} von „{old}“ zu „{new}“ geändert",
    """
    The Aktenplan Kennzeichen is part of every Aktenzeichen and of the xdomea file plan; moving
    the Fachakte in the plan is a new Fachakte for the archive.""",
)
FD121 = define(
    "FD121",
    "state-flag-changed",
    "initial or final flag of a state changed",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    Whether a state is initial or final decides where new Akten start and when an Akte counts as
    closed, which starts retention. Changing it alters stored Akten.""",
)
FD122 = define(
    "FD122",
    "fachakte-removed",
    "Fachakte removed from the catalogue",
    "{what} removed from the catalogue",
    "{what} aus dem Katalog entfernt",
    """
    All twelve installations hold records of this Fachakte. There is no version left to bump;
    `check-version` reports the removal as a note.""",
)
FD123 = define(
    "FD123",
    "baustein-removed",
    "Baustein removed from the catalogue",
    "{what} removed from the catalogue",
    "{what} aus dem Katalog entfernt",
    """
    Validation only lets a Baustein go once no Fachakte uses it any more; those Fachakten report
    their own removed or retyped fields. No version is left to bump; `check-version` reports the
    removal as a note.""",
)
