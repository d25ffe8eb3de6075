"""Changes of fields (descriptors), recursing into the sub-fields that building blocks bring."""

from __future__ import annotations

from collections.abc import Sequence

from fachakte_compiler.diff.change import Collector, Ref
from fachakte_compiler.diff.compare_common import FD202, FD301, FD302, FD305, migration_note
from fachakte_compiler.diff.match import match
from fachakte_compiler.diff.rules import define
from fachakte_compiler.model.enums import FieldType, Labelled
from fachakte_compiler.model.types import Field

# attribute -> (German label, True when a larger value accepts more)
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
    "field type, value list or Baustein changed",
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
FD201 = define(
    "FD201",
    "field-added",
    "optional field added",
    "optional {what} added",
    "{what} hinzugefügt, optional",
    """
    Existing records simply have no value yet. A required new field is FD105 instead.""",
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


LIMITS = {
    "min_length": ("Mindestlänge", False),
    "max_length": ("Höchstlänge", True),
    "minimum": ("Untergrenze", False),
    "maximum": ("Obergrenze", True),
    "decimal_places": ("Nachkommastellen", True),
}
PROPERTIES = {
    "searchable": "Suchfeld",
    "personal_data": "Personenbezug",
    "special_categories": "besondere Kategorien (Art. 9 DSGVO)",
}


def _shown(value: object) -> tuple[str, str]:
    """A property value as (English key, German wording); enumeration members show their
    German label, as the docs do."""
    if isinstance(value, tuple):
        shown = [_shown(v) for v in value]
        return " ".join(e for e, _ in shown) or "–", ", ".join(g for _, g in shown) or "–"
    if isinstance(value, Labelled):
        return value.value, value.label
    if isinstance(value, bool):
        return ("yes", "ja") if value else ("no", "nein")
    return str(value), str(value)


def compare_fields(
    out: Collector,
    old: Sequence[Field],
    new: Sequence[Field],
    parent: Ref,
    lists: dict[str, str],
    required_follows_parent: bool = False,
) -> dict[str, str]:
    """`lists` maps old value-list ids to new ones (renames); `required_follows_parent` skips
    the required check where only the parent's obligation changed, reported once there.
    Returns old field id -> new field id for the fields of both versions."""
    found = match(old, new, lambda f: f.id, lambda f: f.renamed_from)
    for old_id, before, after in found.pairs:
        ref = parent.child("field", after.id)
        if old_id != after.id:
            out.emit(
                FD202,
                ref,
                old=old_id,
                migration=migration_note("field", parent.child("field", old_id).name, ref.name),
            )
        compare_field(out, before, after, ref, lists, required_follows_parent)
    alike = _look_alike(found.removed, found.added, lists)
    for added in found.added:
        ref = parent.child("field", added.id)
        was = alike.get(added.id)
        hint = None
        if was is not None:
            hint = (
                f"looks like the removed field '{was}' (same type and title); if it was "
                f"renamed, add `renamed_from: [{was}]` to field '{added.id}'",
                f"gleicht dem entfernten Feld „{was}“ (gleicher Typ und gleiche Bezeichnung); "
                f"falls umbenannt, bei „{added.id}“ `renamed_from: [{was}]` eintragen",
            )
        out.emit(FD105 if added.required else FD201, ref, hint=hint)
    for removed in found.removed:
        out.emit(FD101, parent.child("field", removed.id))
    if found.reordered:
        # Top-level fields belong to the Fachakte or Baustein, subfields to their field.
        out.emit(FD305, parent if parent.name else out.ref, detail=("fields", "Felder"))
    return found.ids


def _look_alike(
    removed: Sequence[Field], added: Sequence[Field], lists: dict[str, str]
) -> dict[str, str]:
    """New field id -> old field id for an added and a removed field of the same type and
    title, each used once: probably one field renamed without `renamed_from`."""
    result: dict[str, str] = {}
    left = list(removed)
    for field in added:
        twin = next(
            (
                old
                for old in left
                if old.title == field.title and _type_of(old, lists) == _type_of(field)
            ),
            None,
        )
        if twin is not None:
            left.remove(twin)
            result[field.id] = twin.id
    return result


def _type_of(field: Field, lists: dict[str, str] | None = None) -> str:
    if field.type is FieldType.CODE and field.code_list:
        code_list = lists.get(field.code_list, field.code_list) if lists else field.code_list
        return f"code ({code_list})"
    if field.type is FieldType.BAUSTEIN:
        return f"baustein ({field.baustein})"
    return field.type


def compare_field(
    out: Collector,
    old: Field,
    new: Field,
    ref: Ref,
    lists: dict[str, str],
    required_follows_parent: bool = False,
) -> None:
    if _type_of(old, lists) != _type_of(new):
        out.emit(FD102, ref, old=_type_of(old), new=_type_of(new))
        return
    if old.title != new.title:
        out.emit(FD301, ref, old=old.title, new=new.title)
    if old.description != new.description:
        out.emit(FD302, ref, detail=("description", "Beschreibung"))
    required_changed = old.required != new.required
    if required_changed and not required_follows_parent:
        if new.required:
            out.emit(FD103, ref)
        else:
            out.emit(FD203, ref, detail=("now optional", "jetzt optional"))
    if old.multiple != new.multiple:
        if new.multiple:
            out.emit(FD203, ref, detail=("several values allowed", "jetzt mehrere Werte"))
        else:
            out.emit(
                FD104, ref, detail=("only one value allowed", "nur noch ein Wert statt mehrerer")
            )
    _compare_limits(out, old, new, ref)
    for attr, label in PROPERTIES.items():
        before, after = getattr(old, attr), getattr(new, attr)
        if before != after:
            (en_old, de_old), (en_new, de_new) = _shown(before), _shown(after)
            out.emit(
                FD216,
                ref,
                detail=(f"{attr} {en_old} → {en_new}", f"{label} {de_old} → {de_new}"),
            )
    # Subfields are compared only where both sides could resolve their Baustein (a single
    # file outside a catalogue cannot); a field that became a Baustein reports its type.
    if new.subfields and (old.subfields or old.type is not FieldType.BAUSTEIN):
        compare_fields(
            out,
            old.subfields,
            new.subfields,
            ref,
            lists,
            required_follows_parent or required_changed,
        )


def _looser(before: object, after: object, larger_is_looser: bool) -> bool:
    """Whether a limit moved so that it accepts more; incomparable values count as tighter."""
    if after is None:
        return True
    if before is None:
        return False
    try:
        larger = after > before  # type: ignore[operator]
    except TypeError:
        return False
    return larger if larger_is_looser else not larger


def _compare_limits(out: Collector, old: Field, new: Field, ref: Ref) -> None:
    for attr, (label, larger_is_looser) in LIMITS.items():
        before, after = getattr(old, attr), getattr(new, attr)
        if before == after:
            continue
        rule = FD203 if _looser(before, after, larger_is_looser) else FD104
        shown = f"{'–' if before is None else before} → {'–' if after is None else after}"
        out.emit(rule, ref, detail=(f"{attr} {shown}", f"{label} {shown}"))
    if old.pattern != new.pattern:
        rule = FD203 if new.pattern is None else FD104
        out.emit(
            rule,
            ref,
            detail=(
                f"pattern '{old.pattern or '–'}' → '{new.pattern or '–'}'",
                f"Muster „{old.pattern or '–'}“ → „{new.pattern or '–'}“",
            ),
        )
