"""Cosmetic changes (patch bump): texts and governance, the installed behaviour stays the same."""

from __future__ import annotations

from fachakte_compiler.diff.rules import define

FD301 = define(
    "FD301",
    "title-changed",
    "title or label changed",
    "{what}: title changed from '{old}' to '{new}'",
    "{what}: Bezeichnung von „{old}“ zu „{new}“ geändert",
    """
    Titles and labels are what users read; ids stay, so nothing stored changes.""",
)
FD302 = define(
    "FD302",
    "description-changed",
    "description, note or example changed",
    "{what}: {detail} changed",
    "{what}: {detail} geändert",
    """
    Descriptions, notes, the legal source text of a retention rule and example Aktenzeichen
    document the Fachakte; they do not change its behaviour.""",
)
FD305 = define(
    "FD305",
    "order-changed",
    "order changed",
    "{what}: order of the {detail} changed",
    "{what}: Reihenfolge der {detail} geändert",
    """
    The order of value-list entries, fields, registers, document types, roles, states and
    legal references is the order in which Doxis4 and the documentation show them, so a new
    order changes the packages. Nothing stored changes, hence a patch. Permissions and the
    roles of a transition are sets: their order changes nothing and is not reported.""",
)
FD303 = define(
    "FD303",
    "owners-changed",
    "lead municipalities (owners) changed",
    "{what}: lead municipalities changed from {old} to {new}",
    "{what}: federführende Kommunen von {old} zu {new} geändert",
    """
    The owners decide who maintains the Fachakte ("Wenige für Viele"), which is governance: every
    installation receives exactly the same configuration, so a patch bump records the change
    without asking municipalities to review anything.""",
)
FD304 = define(
    "FD304",
    "legal-basis-changed",
    "legal basis changed",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    Legal references document why the Fachakte exists; a change to the law that does change
    behaviour shows up as other changes.""",
)
