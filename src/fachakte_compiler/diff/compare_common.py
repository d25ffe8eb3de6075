"""What every comparison of a matched pair may find: a rename, a changed title or description,
and elements that stand in another order. The rules these helpers report are declared here,
beside the code that detects them."""

from __future__ import annotations

from fachakte_compiler.diff.change import KINDS, Collector, Ref
from fachakte_compiler.diff.rules import define

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


def migration_note(kind: str, old_id: str, new_id: str) -> tuple[str, str]:
    """What a rename of a `kind` element (a key of change.KINDS) asks of an installation, in
    English and German."""
    kind_en, kind_de = KINDS[kind]
    return (
        f"{kind_en} '{old_id}' is now '{new_id}': carry stored values and references over "
        f"from '{old_id}' to '{new_id}' on import.",
        f"{kind_de} „{old_id}“ heißt jetzt „{new_id}“: gespeicherte Werte und Verweise "
        f"beim Import von „{old_id}“ auf „{new_id}“ übertragen.",
    )


def texts(out: Collector, ref: Ref, old: object, new: object) -> None:
    """Title and description, which every element has."""
    if getattr(old, "title", None) != getattr(new, "title", None):
        out.emit(FD301, ref, old=getattr(old, "title", None), new=getattr(new, "title", None))
    if getattr(old, "description", None) != getattr(new, "description", None):
        out.emit(FD302, ref, detail=("description", "Beschreibung"))


def renamed(out: Collector, ref: Ref, old_id: str, new_id: str) -> None:
    if old_id != new_id:
        out.emit(FD202, ref, old=old_id, migration=migration_note(ref.kind, old_id, new_id))


def order(out: Collector, parent: Ref, moved: bool, detail: tuple[str, str]) -> None:
    """FD305 when the elements both versions share stand in another order; `detail` names
    them in the plural (en, de)."""
    if moved:
        out.emit(FD305, parent, detail=detail)
