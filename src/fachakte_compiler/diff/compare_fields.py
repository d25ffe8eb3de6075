"""Changes of fields (descriptors), recursing into the sub-fields that building blocks bring."""

from __future__ import annotations

from collections.abc import Sequence

from fachakte_compiler.diff.change import Collector, Ref
from fachakte_compiler.diff.match import match
from fachakte_compiler.diff.rules import breaking as B
from fachakte_compiler.diff.rules import compatible as C
from fachakte_compiler.diff.rules import cosmetic as P
from fachakte_compiler.model.enums import FieldType, Labelled
from fachakte_compiler.model.types import Field

# attribute -> (German label, True when a larger value accepts more)
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


def migration_note(kind_de: str, old_id: str, new_id: str) -> str:
    return (
        f"{kind_de} „{old_id}“ heißt jetzt „{new_id}“: gespeicherte Werte und Verweise "
        f"beim Import von „{old_id}“ auf „{new_id}“ übertragen."
    )


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
                C.FD202,
                ref,
                old=old_id,
                migration=migration_note("Feld", parent.child("field", old_id).name, ref.name),
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
        out.emit(B.FD105 if added.required else C.FD201, ref, hint=hint)
    for removed in found.removed:
        out.emit(B.FD101, parent.child("field", removed.id))
    if found.reordered:
        # Top-level fields belong to the Fachakte or Baustein, subfields to their field.
        out.emit(P.FD305, parent if parent.name else out.ref, detail=("fields", "Felder"))
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
        out.emit(B.FD102, ref, old=_type_of(old), new=_type_of(new))
        return
    if old.title != new.title:
        out.emit(P.FD301, ref, old=old.title, new=new.title)
    if old.description != new.description:
        out.emit(P.FD302, ref, detail=("description", "Beschreibung"))
    required_changed = old.required != new.required
    if required_changed and not required_follows_parent:
        if new.required:
            out.emit(B.FD103, ref)
        else:
            out.emit(C.FD203, ref, detail=("now optional", "jetzt optional"))
    if old.multiple != new.multiple:
        if new.multiple:
            out.emit(C.FD203, ref, detail=("several values allowed", "jetzt mehrere Werte"))
        else:
            out.emit(
                B.FD104, ref, detail=("only one value allowed", "nur noch ein Wert statt mehrerer")
            )
    _compare_limits(out, old, new, ref)
    for attr, label in PROPERTIES.items():
        before, after = getattr(old, attr), getattr(new, attr)
        if before != after:
            (en_old, de_old), (en_new, de_new) = _shown(before), _shown(after)
            out.emit(
                C.FD216,
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
        rule = C.FD203 if _looser(before, after, larger_is_looser) else B.FD104
        shown = f"{'–' if before is None else before} → {'–' if after is None else after}"
        out.emit(rule, ref, detail=(f"{attr} {shown}", f"{label} {shown}"))
    if old.pattern != new.pattern:
        rule = C.FD203 if new.pattern is None else B.FD104
        out.emit(
            rule,
            ref,
            detail=(
                f"pattern '{old.pattern or '–'}' → '{new.pattern or '–'}'",
                f"Muster „{old.pattern or '–'}“ → „{new.pattern or '–'}“",
            ),
        )
