"""The semantic diff of the versioned definitions: every Fachakte and every Baustein compared
element by element. A Baustein's changes count for the Baustein and for every Fachakte (or
Baustein) that uses it, because each of them carries its own version."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from fachakte_compiler.diff.bump import Bump, bump_needed
from fachakte_compiler.diff.change import Change, Collector, Ref
from fachakte_compiler.diff.compare_access import compare_roles, compare_workflow
from fachakte_compiler.diff.compare_common import FD301, FD305, texts
from fachakte_compiler.diff.compare_fields import compare_fields
from fachakte_compiler.diff.compare_structure import (
    compare_akte,
    compare_code_lists,
    compare_documents,
    compare_registers,
    same_order,
)
from fachakte_compiler.diff.labels import labels
from fachakte_compiler.diff.rules import Rule, define
from fachakte_compiler.model.types import Baustein, CodeList, Fachakte, Field, Tenant

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
FD124 = define(
    "FD124",
    "tenants-dropped",
    "municipalities no longer run the Fachakte (used_by)",
    "{what}: no longer run by {detail}",
    "{what}: nicht mehr geführt von {detail}",
    """
    A narrower `used_by` takes the Fachakte away from the named municipalities: their builds
    no longer contain its package, groups and access entries, and drift reports what their
    installation still holds of it. Like a removed role (FD110), staff there lose their access
    to records they hold. Municipalities that take casework by a delegation keep running it;
    delegations are compared on their own (FD4xx).""",
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
FD221 = define(
    "FD221",
    "tenants-added",
    "more municipalities run the Fachakte (used_by)",
    "{what}: now also run by {detail}",
    "{what}: jetzt auch geführt von {detail}",
    """
    A wider `used_by` gives the Fachakte to more municipalities: they receive its package,
    groups and access entries with the next release. Nothing is taken from anyone, so the
    class is compatible, like a new role (FD208).""",
)
FD306 = define(
    "FD306",
    "used-by-rewritten",
    "used_by rewritten without changing who runs the Fachakte",
    "{what}: used_by rewritten, the same municipalities run it",
    "{what}: used_by umgeschrieben, es führen sie dieselben Mandanten",
    """
    E.g. the kinds `[stadt, gemeinde]` replaced by the list of the same twelve towns: every
    installation receives the same as before. Whether a tenant is selected is judged on the
    tenants both catalogues hold with the same kind; new, removed or re-kinded tenants are
    changes of tenants.yaml (FD411 and its kin).""",
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


@dataclass(frozen=True)
class VersionedDiff:
    """One Fachakte or Baustein (`kind`) in both versions; a version is None where it does not
    exist."""

    id: str
    title: str
    source: str
    old_version: str | None
    new_version: str | None
    changes: tuple[Change, ...]
    kind: str = "fachakte"

    @property
    def status(self) -> str:
        if self.old_version is None:
            return "added"
        if self.new_version is None:
            return "removed"
        return "changed" if self.changes else "unchanged"

    @property
    def required(self) -> Bump:
        """The bump the changes need (one place lower before 1.0.0: bump_needed); none for a
        definition that is new or removed, which has no earlier version to raise
        (check-version accepts any version of a new one)."""
        if self.old_version is None or self.new_version is None:
            return Bump.NONE
        return bump_needed(self.old_version, max((c.bump for c in self.changes), default=Bump.NONE))

    @property
    def touched(self) -> bool:
        """Worth showing: something changed, or at least the version did."""
        return bool(self.changes) or self.old_version != self.new_version


def diff_fachakte(
    old: Fachakte, new: Fachakte, tenants: tuple[Sequence[Tenant], Sequence[Tenant]] = ((), ())
) -> list[Change]:
    """`tenants` are the old and the new catalogue's tenants, against which `used_by` is
    resolved (without them every change of it counts as a rewrite, FD306)."""
    out = Collector(new.id, labels=labels(old, new))
    _meta(out, old, new)
    _used_by(out, old, new, tenants)
    lists = compare_code_lists(out, old.code_lists, new.code_lists)
    fields = compare_fields(out, old.fields, new.fields, Ref("field"), lists)
    compare_akte(out, old.akte, new.akte, fields)
    documents = compare_documents(
        out,
        old.document_types,
        new.document_types,
        fields,
        (old.akte.retention, new.akte.retention),
    )
    registers = compare_registers(out, old.akte.registers, new.akte.registers, documents)
    roles = compare_roles(out, old.roles, new.roles, registers)
    compare_workflow(out, old.workflow, new.workflow, roles)
    return out.changes


def _legal_basis(out: Collector, old: Fachakte, new: Fachakte) -> None:
    before = {r.short: r for r in old.legal_basis}
    after = {r.short: r for r in new.legal_basis}
    for short, reference in after.items():
        if short not in before:
            out.emit(
                FD304,
                Ref("fachakte"),
                detail=(f"legal basis '{short}' added", f"Rechtsgrundlage „{short}“ ergänzt"),
            )
        elif before[short] != reference:
            out.emit(
                FD304,
                Ref("fachakte"),
                detail=(f"legal basis '{short}' changed", f"Rechtsgrundlage „{short}“ geändert"),
            )
    for short in before:
        if short not in after:
            out.emit(
                FD304,
                Ref("fachakte"),
                detail=(f"legal basis '{short}' removed", f"Rechtsgrundlage „{short}“ entfernt"),
            )
    if not same_order(list(before), list(after)):
        out.emit(FD305, Ref("fachakte"), detail=("legal references", "Rechtsgrundlagen"))


def _meta(out: Collector, old: Fachakte, new: Fachakte) -> None:
    ref = Ref("fachakte")
    texts(out, ref, old, new)
    if old.owners != new.owners:
        out.emit(FD303, ref, old=old.owners, new=new.owners)
    _legal_basis(out, old, new)
    if old.kennzeichen != new.kennzeichen:
        out.emit(FD120, Ref("kennzeichen"), old=old.kennzeichen, new=new.kennzeichen)
    if old.aktenplan_title != new.aktenplan_title:
        out.emit(
            FD301,
            Ref("kennzeichen", new.kennzeichen),
            old=old.aktenplan_title,
            new=new.aktenplan_title,
        )


def _used_by(
    out: Collector,
    old: Fachakte,
    new: Fachakte,
    tenants: tuple[Sequence[Tenant], Sequence[Tenant]],
) -> None:
    """Who runs the Fachakte by its declaration, on the tenants both sides hold alike."""
    if old.used_by == new.used_by:
        return
    before = {t.id: t.kind for t in tenants[0]}
    shared = [t for t in tenants[1] if before.get(t.id) == t.kind]
    dropped = [t for t in shared if old.declares(t) and not new.declares(t)]
    added = [t for t in shared if new.declares(t) and not old.declares(t)]
    ref = Ref("fachakte")
    for rule, which in ((FD124, dropped), (FD221, added)):
        if which:
            shown = ", ".join(f"{t.id} ({t.name})" for t in which)
            out.emit(rule, ref, detail=(shown, shown))
    if not (dropped or added):
        out.emit(FD306, ref)


def _nested(fields: Sequence[Field]) -> Iterator[str]:
    for field in fields:
        if field.baustein:
            yield field.baustein
        yield from _nested(field.subfields)


def _lists_of(baustein: Baustein, bausteine: dict[str, Baustein]) -> tuple[CodeList, ...]:
    """Its own value lists and those of the Bausteine it nests, which its fields refer to."""
    used = sorted(set(_nested(baustein.fields)) - {baustein.id})
    return baustein.code_lists + tuple(
        c for b in used if b in bausteine for c in bausteine[b].code_lists
    )


def diff_baustein(
    old: Baustein, new: Baustein, context: tuple[dict[str, Baustein], dict[str, Baustein]]
) -> list[Change]:
    """`context` holds all Bausteine of the old and the new side, for nested value lists."""
    out = Collector(new.id, kind="baustein", labels=labels(old, new))
    texts(out, out.ref, old, new)
    lists = compare_code_lists(out, _lists_of(old, context[0]), _lists_of(new, context[1]))
    compare_fields(out, old.fields, new.fields, Ref("field"), lists)
    return out.changes


Versioned = TypeVar("Versioned", Fachakte, Baustein)


def diff_versioned(
    kind: str,
    old: Sequence[Versioned],
    new: Sequence[Versioned],
    compare: Callable[[Versioned, Versioned], list[Change]],
    rules: tuple[Rule, Rule],
) -> list[VersionedDiff]:
    """Every definition of either side, sorted by id and matched by it; `rules` are the
    (added, removed) rules of this kind."""
    before = {f.id: f for f in old}
    after = {f.id: f for f in new}
    result = []
    for item_id in sorted(before.keys() | after.keys()):
        was, now = before.get(item_id), after.get(item_id)
        if was is not None and now is not None:
            changes = tuple(compare(was, now))
        else:
            out = Collector(item_id)
            out.emit(rules[0] if was is None else rules[1], Ref(kind, item_id))
            changes = tuple(out.changes)
        shown = now or was
        assert shown is not None
        result.append(
            VersionedDiff(
                item_id,
                shown.title,
                shown.source,
                was.version if was else None,
                now.version if now else None,
                changes,
                kind,
            )
        )
    return result


def diff_catalogues(
    old: Sequence[Fachakte],
    new: Sequence[Fachakte],
    tenants: tuple[Sequence[Tenant], Sequence[Tenant]] = ((), ()),
) -> list[VersionedDiff]:
    """`tenants`: the old and the new catalogue's, to resolve `used_by` (see diff_fachakte)."""
    return diff_versioned(
        "fachakte", old, new, lambda was, now: diff_fachakte(was, now, tenants), (FD219, FD122)
    )


def diff_bausteine(old: Sequence[Baustein], new: Sequence[Baustein]) -> list[VersionedDiff]:
    context = ({b.id: b for b in old}, {b.id: b for b in new})
    return diff_versioned(
        "baustein",
        old,
        new,
        lambda was, now: diff_baustein(was, now, context),
        (FD220, FD123),
    )
