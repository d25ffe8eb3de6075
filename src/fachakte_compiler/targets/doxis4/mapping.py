"""How the catalogue's concepts map onto Doxis4's: rights, retention, descriptor types.

Doxis4 names are the constants of the public Java API "blueline" 8.2.2 (package
`com.ser.blueline`; ../shared/doxis4-api.md §1.8, §1.11, §1.12). Every mapping that is our own
reading rather than a documented fact carries `assumption=True` (or says so in its docstring);
docs/doxis4.md lists them for SIT to confirm.
"""

from __future__ import annotations

from dataclasses import dataclass

from fachakte_compiler.i18n import _
from fachakte_compiler.model import Field, Retention

# --- Rights (sec.RecordInstanceRight, sec.DocumentInstanceRight, ClassificationSchemeNodeRight)

RECORD_RIGHT_SET = "RecordInstanceRight"
DOCUMENT_RIGHT_SET = "DocumentInstanceRight"
NODE_RIGHT_SET = "ClassificationSchemeNodeRight"

# Our Akte permission -> RecordInstanceRight names. close/reopen freeze and unfreeze the record.
RECORD_RIGHTS: dict[str, tuple[str, ...]] = {
    "read": ("VIEW_FOLDER_CONTENTS",),
    "create": ("CREATE_FOLDER",),
    "update": ("UPDATE_FOLDER", "EDIT_FOLDER_DESCRIPTORS"),
    "delete": ("DELETE_FOLDER",),
    "close": ("FREEZE",),
    "reopen": ("UNFREEZE",),
}
# Our document permission -> DocumentInstanceRight names (which has no FREEZE).
DOCUMENT_RIGHTS: dict[str, tuple[str, ...]] = {
    "read": ("VIEW_DOCUMENT_CONTENTS",),
    "create": ("CREATE_DOCUMENT",),
    "update": ("UPDATE_DOCUMENT", "VERSION_DOCUMENT"),
    "delete": ("DELETE_DOCUMENT",),
}
# Our Akte permission -> rights on the Fachakte's Aktenplan node (our assumption: who may see
# Akten may see the node and what is filed under it; who may create them may file there).
NODE_RIGHTS: dict[str, tuple[str, ...]] = {
    "read": ("SHOW", "SHOW_DOCUMENTS"),
    "create": ("ASSIGN_DOCUMENT",),
    "delete": ("UNASSIGN_DOCUMENT",),
}
# Permissions with no Doxis4 right: never dropped, always reported as needing a decision.
UNMAPPED: dict[str, str] = {
    "export": "Doxis4 hat kein Instanzrecht „Exportieren“; Export regelt die Client- bzw. "
    "Rollenkonfiguration (z. B. über eine Funktionsberechtigung). SIT entscheidet, wie das "
    "Recht abgebildet wird.",
    "approve": "Doxis4 hat kein Instanzrecht „Freigeben“; in Frage kommen ADD_SIGNATURE "
    "(elektronische Zeichnung) oder ein Schritt im Bearbeitungsablauf. SIT entscheidet.",
}


@dataclass(frozen=True)
class Rights:
    """Doxis4 right names for a set of our permissions, plus those that have none."""

    right_set: str
    rights: tuple[str, ...]
    needs_decision: tuple[str, ...]


def _rights(permissions: tuple[str, ...], table: dict[str, tuple[str, ...]], name: str) -> Rights:
    rights: list[str] = []
    undecided: list[str] = []
    for permission in permissions:
        if permission in table:
            rights.extend(r for r in table[permission] if r not in rights)
        elif permission in UNMAPPED and permission not in undecided:
            undecided.append(permission)
    return Rights(name, tuple(rights), tuple(undecided))


def record_rights(permissions: tuple[str, ...]) -> Rights:
    """Akte permissions (read, create, update, delete, close, reopen, export) as
    RecordInstanceRight names in the order of `permissions`; unknown ones raise KeyError."""
    _known(permissions, RECORD_RIGHTS)
    return _rights(permissions, RECORD_RIGHTS, RECORD_RIGHT_SET)


def document_rights(permissions: tuple[str, ...]) -> Rights:
    """Document permissions (read, create, update, delete, approve, export) as
    DocumentInstanceRight names; unknown ones raise KeyError."""
    _known(permissions, DOCUMENT_RIGHTS)
    return _rights(permissions, DOCUMENT_RIGHTS, DOCUMENT_RIGHT_SET)


def node_rights(permissions: tuple[str, ...]) -> Rights:
    """Akte permissions as ClassificationSchemeNodeRight names on the Fachakte's node
    (assumption, see NODE_RIGHTS); permissions without a node right are simply not needed
    there, so nothing needs a decision."""
    _known(permissions, RECORD_RIGHTS)
    found = _rights(permissions, NODE_RIGHTS, NODE_RIGHT_SET)
    return Rights(found.right_set, found.rights, ())


def _known(permissions: tuple[str, ...], table: dict[str, tuple[str, ...]]) -> None:
    for permission in permissions:
        if permission not in table and permission not in UNMAPPED:
            raise KeyError(
                _("no Doxis4 mapping for permission '{permission}'").format(permission=permission)
            )


# --- Retention (bl.IRetentionRule, bl.RetentionBaseDateEvaluation)

DISPOSAL_ACTIONS: dict[str, str] = {
    "A": "DA_TRANSFER",  # archivwürdig: offer to the archive
    "B": "DA_REVIEW",  # bewerten: the archive decides
    "V": "DA_DESTROY_AUTOMATICALLY",  # vernichten
}
# IRetentionRule int constants (doxis4-api.md §1.11).
DISPOSAL_CODES = {
    "DA_NONE": 0,
    "DA_LOGICAL_DELETE": 1,
    "DA_DESTROY_AUTOMATICALLY": 2,
    "DA_TRANSFER": 3,
    "DA_RETAIN_PERMANENTLY": 4,
    "DA_REVIEW": 5,
}
ROUNDING_CODES = {"NONE": 0, "YEAR": 1, "MONTH": 2, "DAY": 3}
UNIT_CODES = {"YEAR": 0, "MONTH": 1, "DAY": 2}


@dataclass(frozen=True)
class BaseDate:
    """Where a retention period starts in Doxis4, and how the start is rounded."""

    evaluation: str  # a RetentionBaseDateEvaluation constant
    rounding: str  # NONE, YEAR, MONTH or DAY (RETENTION_DURATION_ROUNDING_*)
    assumption: bool
    note: str


BASE_DATES: dict[str, BaseDate] = {
    "akte_geschlossen": BaseDate(
        "USE_CLOSING_DATE_OF_PARENT_CONTAINER",
        "NONE",
        False,
        "Schließung der Akte (Abschlussdatum des übergeordneten Containers).",
    ),
    "ende_kalenderjahr": BaseDate(
        "USE_CLOSING_DATE_OF_PARENT_CONTAINER",
        "YEAR",
        True,
        "Schließung der Akte, aufgerundet auf das Ende des Kalenderjahres; dass die Rundung "
        "YEAR auf den 31.12. rundet, ist unsere Annahme.",
    ),
    "letzter_vorgang": BaseDate(
        "USE_RETENTION_BASE_DATE_OR_MOST_RECENT_VERSION_DATE",
        "NONE",
        True,
        "Letzte inhaltliche Bearbeitung als Datum der jüngsten Version, soweit kein "
        "Stichtag gesetzt ist (Annahme).",
    ),
    "ausscheiden": BaseDate(
        "USE_RETENTION_BASE_DATE",
        "NONE",
        True,
        "Das Ende des Beschäftigungsverhältnisses muss als Aufbewahrungsstichtag gesetzt "
        "werden (Annahme: durch die Sachbearbeitung oder einen Agenten).",
    ),
    "ruhezeit_ende": BaseDate(
        "USE_RETENTION_BASE_DATE",
        "NONE",
        True,
        "Das Ende der Ruhe- bzw. Nutzungszeit muss als Aufbewahrungsstichtag gesetzt werden "
        "(Annahme).",
    ),
    "feld": BaseDate(
        "USE_RETENTION_BASE_DATE",
        "NONE",
        True,
        "Ein Agent überträgt das Datum aus dem Auslöser-Deskriptor in den "
        "Aufbewahrungsstichtag (Annahme; der Agent ist nicht Teil dieses Katalogs).",
    ),
    "dokument_abgelegt": BaseDate(
        "USE_FIRST_VERSION_DATE",
        "NONE",
        False,
        "Ablage des Dokuments (Datum seiner ersten Version); die Schließung der Akte "
        "verschiebt die Frist nicht.",
    ),
    "dokument_kalenderjahr": BaseDate(
        "USE_RETENTION_BASE_DATE_OR_MOST_RECENT_VERSION_DATE",
        "YEAR",
        True,
        "Letzte Bearbeitung des Dokuments (Datum seiner jüngsten Version), soweit kein "
        "Stichtag gesetzt ist, aufgerundet auf das Ende des Kalenderjahres; dass die Rundung "
        "YEAR auf den 31.12. rundet, ist unsere Annahme. Die jüngste Version liegt nie vor "
        "der Entstehung des Dokuments, die Frist endet also eher später als früher.",
    ),
}


@dataclass(frozen=True)
class RetentionMapping:
    """An IRetentionRule as Doxis4 would hold it: duration, unit, rounding, disposal action."""

    years: int | None  # None: unlimited (RetentionBaseDateEvaluation USE_PERMANENT)
    unit: str  # YEAR
    base_date: BaseDate
    disposal_action: str
    trigger_field: str | None


def retention_mapping(retention: Retention) -> RetentionMapping:
    """Our retention as a Doxis4 retention rule. An unlimited period becomes the evaluation
    USE_PERMANENT with the disposal action of A/B/V kept for the day it ends (assumption)."""
    base = BASE_DATES[retention.trigger]
    if retention.unlimited:
        base = BaseDate(
            "USE_PERMANENT", "NONE", True, "Unbefristete Aufbewahrung (Annahme: USE_PERMANENT)."
        )
    return RetentionMapping(
        retention.years,
        "YEAR",
        base,
        DISPOSAL_ACTIONS[retention.disposition],
        retention.trigger_field,
    )


# --- Descriptor types (bl.IDescriptor TYPE_* and MULTI_VALUE_TYPE_*)

DESCRIPTOR_TYPE_CODES = {
    "SHORT": 1,
    "INTEGER": 2,
    "LONG": 3,
    "FLOAT": 4,
    "DOUBLE": 5,
    "DATE": 6,
    "TIME": 7,
    "DATETIME": 8,
    "CHAR": 9,
    "STRING": 10,
    "BOOLEAN": 11,
}
MULTI_VALUE_CODES = {"NONE": 0, "LIST": 1, "SET": 2}

# Our field type -> (Doxis4 type, default length when the field states none). Lengths of
# STRING descriptors are our assumption (255 for one line, 4000 for free text).
DESCRIPTOR_TYPES: dict[str, tuple[str, int]] = {
    "string": ("STRING", 255),
    "text": ("STRING", 4000),
    "code": ("STRING", 64),
    "integer": ("LONG", 0),
    "decimal": ("DOUBLE", 0),
    "boolean": ("BOOLEAN", 0),
    "date": ("DATE", 0),
    "datetime": ("DATETIME", 0),
}


@dataclass(frozen=True)
class DescriptorType:
    type: str  # TYPE_* without the prefix, e.g. STRING
    length: int  # characters for STRING, else 0
    multi_value: str  # NONE or LIST


def descriptor_type(field: Field, multiple: bool) -> DescriptorType:
    """The Doxis4 type of a scalar field; `multiple` is true for a multi-valued field and for
    every leaf of a repeating building block (its values stay aligned by position, so LIST,
    not SET). A decimal becomes DOUBLE: Doxis4 has no decimal type (assumption: amounts in
    euro fit a double's 15 significant digits)."""
    kind, default_length = DESCRIPTOR_TYPES[field.type]
    length = field.max_length or default_length if kind == "STRING" else 0
    return DescriptorType(kind, length, "LIST" if multiple else "NONE")
