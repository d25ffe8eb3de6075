"""Changes of value lists, document types, registers, the Akte and retention rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from fachakte_compiler.diff.change import Collector, Ref
from fachakte_compiler.diff.compare_common import FD301, FD302, order, renamed, texts
from fachakte_compiler.diff.match import Matching, T, match
from fachakte_compiler.diff.rules import Rule, define
from fachakte_compiler.model.types import (
    Akte,
    CodeList,
    DocumentType,
    Register,
    Retention,
)

# (collector, member id, added?) -> the (en, de) detail of a reference added or removed.
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
    "`Aussonderungsart` changed",
    "{what}: `Aussonderungsart` changed from {old} to {new}",
    "{what}: Aussonderungsart von {old} zu {new} geändert",
    """
    The `Aussonderungsart` (A archival, B assess, V destroy) is agreed with the archive;
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


Say = Callable[[Collector, str, bool], tuple[str, str]]


def opened(
    out: Collector, kind: str, old_id: str, new_id: str, before: object, after: object
) -> Ref:
    """The checks every matched pair starts with (rename, title, description); its Ref."""
    ref = Ref(kind, new_id)
    renamed(out, ref, old_id, new_id)
    texts(out, ref, before, after)
    return ref


def added_and_removed(
    out: Collector,
    found: Matching[T],
    kind: str,
    key: Callable[[T], str],
    added: Rule,
    removed: Rule,
) -> None:
    for element in found.added:
        out.emit(added, Ref(kind, key(element)))
    for element in found.removed:
        out.emit(removed, Ref(kind, key(element)))


def same_order(old: Sequence[str], new: Sequence[str]) -> bool:
    """Whether the members both sequences share stand in the same order in both."""
    shared = set(old) & set(new)
    return [m for m in old if m in shared] == [m for m in new if m in shared]


def toggled(
    out: Collector,
    rule: Rule,
    ref: Ref,
    flag: tuple[bool, bool],
    on: tuple[str, str],
    off: tuple[str, str],
) -> None:
    """A yes/no property that changed (old, new in `flag`): `on` or `off` is the detail."""
    if flag[0] != flag[1]:
        out.emit(rule, ref, detail=on if flag[1] else off)


def members(
    out: Collector,
    ref: Ref,
    old: Iterable[str],
    new: Iterable[str],
    ids: dict[str, str],
    removed: Rule,
    added: Rule,
    say: Say,
    ordered: tuple[str, str] | None = None,
) -> None:
    """Compare two sets of references; `ids` translates old ids into new terms and `say`
    gives the (en, de) detail for a member that was added (True) or removed (False). With
    `ordered` (the members in the plural) the references are a sequence whose order shows."""
    before = [ids.get(i, i) for i in old]
    after = list(new)
    if ordered is not None:
        order(out, ref, not same_order(before, after), ordered)
    for member in before:
        if member not in after:
            out.emit(removed, ref, detail=say(out, member, False))
    for member in after:
        if member not in before:
            out.emit(added, ref, detail=say(out, member, True))


def compare_code_lists(
    out: Collector, old: Sequence[CodeList], new: Sequence[CodeList]
) -> dict[str, str]:
    found = match(
        old,
        new,
        lambda c: c.qualified_id,
        lambda c: tuple(f"{c.scope}.{r}" if c.scope else r for r in c.renamed_from),
    )
    for old_id, before, after in found.pairs:
        ref = opened(out, "code_list", old_id, after.qualified_id, before, after)
        values = match(before.values, after.values, lambda v: v.key, lambda v: v.renamed_from)
        order(out, ref, values.reordered, ("values", "Werte"))
        for old_key, was, now in values.pairs:
            value_ref = ref.child("code_value", now.key)
            renamed(out, value_ref, f"{ref.name}.{old_key}", value_ref.name)
            if was.label != now.label:
                out.emit(FD301, value_ref, old=was.label, new=now.label)
            if was.description != now.description:
                out.emit(FD302, value_ref, detail=("description", "Beschreibung"))
            toggled(
                out,
                FD217,
                value_ref,
                (was.deprecated, now.deprecated),
                ("deprecated", "nicht mehr für neue Akten"),
                ("no longer deprecated", "wieder für neue Akten"),
            )
        for value in values.added:
            out.emit(FD205, ref.child("code_value", value.key))
        for value in values.removed:
            out.emit(FD107, ref.child("code_value", value.key))
    added_and_removed(out, found, "code_list", lambda c: c.qualified_id, FD204, FD106)
    order(out, out.ref, found.reordered, ("value lists", "Wertelisten"))
    return found.ids


RETENTION_TEXTS = (
    ("legal_source", "legal source of the retention", "Rechtsquelle der Frist"),
    ("legal_minimum_years", "legal minimum retention", "gesetzliche Mindestfrist"),
    ("note", "retention note", "Hinweis zur Frist"),
)


def _span(retention: Retention) -> tuple[str, str]:
    if retention.unlimited:
        return "unlimited", "unbefristet"
    return f"{retention.years} years", f"{retention.years} Jahre"


def _start(retention: Retention) -> str:
    trigger = retention.trigger
    return f"{trigger} ({retention.trigger_field})" if retention.trigger_field else str(trigger)


def _start_de(out: Collector, retention: Retention) -> str:
    label = retention.trigger.label
    if retention.trigger_field:
        return f"„{label}“, {out.de_name('field', retention.trigger_field)}"
    return f"„{label}“"


def compare_retention(out: Collector, ref: Ref, old: Retention, new: Retention) -> None:
    if old.years != new.years:
        longer = new.unlimited or (not old.unlimited and (new.years or 0) > (old.years or 0))
        (old_en, old_de), (new_en, new_de) = _span(old), _span(new)
        out.emit(
            FD215 if longer else FD116,
            ref,
            detail=(f"{old_en} → {new_en}", f"{old_de} → {new_de}"),
        )
    if old.disposition != new.disposition:
        out.emit(FD117, ref, old=old.disposition, new=new.disposition)
    start_old, start_new = _start(old), _start(new)
    if start_old != start_new:
        out.emit(
            FD118,
            ref,
            old=start_old,
            new=start_new,
            shown_de=(_start_de(out, old), _start_de(out, new)),
        )
    for attr, en, de in RETENTION_TEXTS:
        if getattr(old, attr) != getattr(new, attr):
            out.emit(FD302, ref, detail=(en, de))


FIELDS = ("fields", "Felder")


def _fields_say(out: Collector, member: str, added: bool) -> tuple[str, str]:
    name = out.de_name("field", member)
    if added:
        return f"field '{member}' assigned", f"{name} zugeordnet"
    return f"field '{member}' no longer assigned", f"{name} nicht mehr zugeordnet"


def _documents_say(out: Collector, member: str, added: bool) -> tuple[str, str]:
    name = out.de_name("document_type", member)
    if added:
        return f"document type '{member}' filed here", f"{name} hier abgelegt"
    return f"document type '{member}' no longer filed here", f"{name} nicht mehr hier abgelegt"


def compare_documents(
    out: Collector,
    old: Sequence[DocumentType],
    new: Sequence[DocumentType],
    fields: dict[str, str],
    akte: tuple[Retention, Retention],
) -> dict[str, str]:
    """`akte` holds the old and new Akte retention that document types without their own
    inherit; a document type's retention is compared only where one side sets its own."""
    found = match(old, new, lambda d: d.id, lambda d: d.renamed_from)
    for old_id, before, after in found.pairs:
        ref = opened(out, "document_type", old_id, after.id, before, after)
        members(out, ref, before.fields, after.fields, fields, FD115, FD214, _fields_say, FIELDS)
        if before.retention is not None or after.retention is not None:
            compare_retention(out, ref, before.retention or akte[0], after.retention or akte[1])
    added_and_removed(out, found, "document_type", lambda d: d.id, FD206, FD108)
    order(out, out.ref, found.reordered, ("document types", "Dokumenttypen"))
    return found.ids


def compare_registers(
    out: Collector, old: Sequence[Register], new: Sequence[Register], documents: dict[str, str]
) -> dict[str, str]:
    found = match(old, new, lambda r: r.id, lambda r: r.renamed_from)
    for old_id, before, after in found.pairs:
        ref = opened(out, "register", old_id, after.id, before, after)
        members(
            out,
            ref,
            before.document_types,
            after.document_types,
            documents,
            FD115,
            FD214,
            _documents_say,
            ("document types", "Dokumenttypen"),
        )
    added_and_removed(out, found, "register", lambda r: r.id, FD207, FD109)
    order(out, Ref("akte"), found.reordered, ("registers", "Register"))
    return found.ids


def compare_akte(out: Collector, old: Akte, new: Akte, fields: dict[str, str]) -> None:
    ref = Ref("akte")
    texts(out, ref, old, new)
    members(out, ref, old.fields, new.fields, fields, FD115, FD214, _fields_say, FIELDS)
    if old.aktenzeichen.format != new.aktenzeichen.format:
        out.emit(
            FD119, Ref("aktenzeichen"), old=old.aktenzeichen.format, new=new.aktenzeichen.format
        )
    if old.aktenzeichen.example != new.aktenzeichen.example:
        out.emit(FD302, Ref("aktenzeichen"), detail=("example", "Beispiel"))
    if old.display_title != new.display_title:
        out.emit(FD218, Ref("display_title"), old=old.display_title, new=new.display_title)
    compare_retention(out, ref, old.retention, new.retention)
