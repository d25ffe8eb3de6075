"""Compatible changes (minor bump): new possibilities, nothing stored becomes invalid."""

from __future__ import annotations

from fachakte_compiler.diff.rules import define

FD201 = define(
    "FD201",
    "field-added",
    "optional field added",
    "optional {what} added",
    "{what} hinzugefügt, optional",
    """
    Existing records simply have no value yet. A required new field is FD105 instead.""",
)
FD202 = define(
    "FD202",
    "renamed",
    "element renamed with renamed_from",
    "{what} renamed from '{old}' (renamed_from)",
    "{what} umbenannt, vorher „{old}“ (renamed_from)",
    """
    A rename declared with `renamed_from` keeps the element's meaning; installations migrate
    stored values from the old id, as the migration note says. Without `renamed_from` the same
    edit is a removal (breaking) plus an addition.""",
)
FD203 = define(
    "FD203",
    "field-constraint-relaxed",
    "field constraint relaxed",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    A looser length, range or pattern, more decimal places, several values instead of one, or
    optional instead of required: every stored value stays valid.""",
)
FD204 = define(
    "FD204",
    "code-list-added",
    "value list added",
    "{what} added",
    "{what} hinzugefügt",
    """
    A new value list changes nothing that exists.""",
)
FD205 = define(
    "FD205",
    "code-value-added",
    "value added to a value list",
    "{what} added",
    "{what} hinzugefügt",
    """
    Stored values stay valid; forms offer one more choice.""",
)
FD206 = define(
    "FD206",
    "document-type-added",
    "document type added",
    "{what} added",
    "{what} hinzugefügt",
    """
    A new kind of document changes nothing that exists.""",
)
FD207 = define(
    "FD207",
    "register-added",
    "register added",
    "{what} added",
    "{what} hinzugefügt",
    """
    A new register changes nothing that exists.""",
)
FD208 = define(
    "FD208",
    "role-added",
    "role added",
    "{what} added",
    "{what} hinzugefügt",
    """
    Nobody gains access until a municipality assigns users to the new role.""",
)
FD209 = define(
    "FD209",
    "state-added",
    "workflow state added",
    "{what} added",
    "{what} hinzugefügt",
    """
    Existing Akten stay in their states; the new state is reachable through new transitions.""",
)
FD210 = define(
    "FD210",
    "transition-added",
    "workflow transition added",
    "{what} added",
    "{what} hinzugefügt",
    """
    A new workflow step adds a possibility and takes none away.""",
)
FD211 = define(
    "FD211",
    "resubmission-added",
    "resubmission (Wiedervorlage) added",
    "{what} added",
    "{what} hinzugefügt",
    """
    A new Wiedervorlage adds a reminder and takes nothing away.""",
)
FD212 = define(
    "FD212",
    "resubmission-changed",
    "resubmission (Wiedervorlage) changed",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    A different role, offset or anchor of a Wiedervorlage changes future reminders only.""",
)
FD213 = define(
    "FD213",
    "permission-added",
    "permission granted to a role",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    Granting a role more (Akte, documents, a register or a workflow step) takes nothing away.
    It is still reviewed, because it widens access to personal data.""",
)
FD214 = define(
    "FD214",
    "assignment-added",
    "field or document type newly assigned",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    A field shown on the Akte or a document type, or a document type filed in one more register;
    existing records are unaffected.""",
)
FD215 = define(
    "FD215",
    "retention-extended",
    "retention period extended",
    "{what}: retention extended ({detail})",
    "{what}: Aufbewahrungsfrist verlängert ({detail})",
    """
    Records are kept longer than before; nothing is destroyed early.""",
)
FD216 = define(
    "FD216",
    "field-property-changed",
    "search or data-protection property of a field changed",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    Search indexing and the data-protection class of a field change how installations treat it
    from now on, not what is stored; they need a minor version so municipalities notice.""",
)
FD217 = define(
    "FD217",
    "code-value-deprecated",
    "value deprecated or undeprecated",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    A deprecated value stays valid for stored records but is no longer offered for new ones;
    this is the compatible alternative to removing it.""",
)
FD218 = define(
    "FD218",
    "display-title-changed",
    "display title of the Akte changed",
    "{what} changed from '{old}' to '{new}'",
    "{what} von „{old}“ zu „{new}“ geändert",
    """
    Akten are shown under a different title from now on; nothing stored changes.""",
)
FD219 = define(
    "FD219",
    "fachakte-added",
    "Fachakte added to the catalogue",
    "{what} added to the catalogue",
    "{what} in den Katalog aufgenommen",
    """
    A new Fachakte passes `check-version` with any valid version.""",
)
FD220 = define(
    "FD220",
    "baustein-added",
    "Baustein added to the catalogue",
    "{what} added to the catalogue",
    "{what} in den Katalog aufgenommen",
    """
    A new building block changes nothing until a Fachakte uses it (which that Fachakte reports).
    It passes `check-version` with any valid version.""",
)
