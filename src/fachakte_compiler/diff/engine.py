"""The semantic diff of the versioned definitions: every Fachakte and every Baustein compared
element by element. A Baustein's changes count for the Baustein and for every Fachakte (or
Baustein) that uses it, because each of them carries its own version."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from fachakte_compiler.diff.bump import Bump
from fachakte_compiler.diff.change import Change, Collector, Ref
from fachakte_compiler.diff.compare_access import compare_roles, compare_workflow
from fachakte_compiler.diff.compare_fields import compare_fields
from fachakte_compiler.diff.compare_structure import (
    compare_akte,
    compare_code_lists,
    compare_documents,
    compare_registers,
    same_order,
    texts,
)
from fachakte_compiler.diff.labels import labels
from fachakte_compiler.diff.rules import Rule
from fachakte_compiler.diff.rules import breaking as B
from fachakte_compiler.diff.rules import compatible as C
from fachakte_compiler.diff.rules import cosmetic as P
from fachakte_compiler.model.types import Baustein, CodeList, Fachakte, Field


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
        """The bump the changes need; none for a definition that is new or removed, which has
        no earlier version to raise (check-version accepts any version of a new one)."""
        if self.old_version is None or self.new_version is None:
            return Bump.NONE
        return max((c.bump for c in self.changes), default=Bump.NONE)

    @property
    def touched(self) -> bool:
        """Worth showing: something changed, or at least the version did."""
        return bool(self.changes) or self.old_version != self.new_version


def diff_fachakte(old: Fachakte, new: Fachakte) -> list[Change]:
    out = Collector(new.id, labels=labels(old, new))
    _meta(out, old, new)
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
                P.FD304,
                Ref("fachakte"),
                detail=(f"legal basis '{short}' added", f"Rechtsgrundlage „{short}“ ergänzt"),
            )
        elif before[short] != reference:
            out.emit(
                P.FD304,
                Ref("fachakte"),
                detail=(f"legal basis '{short}' changed", f"Rechtsgrundlage „{short}“ geändert"),
            )
    for short in before:
        if short not in after:
            out.emit(
                P.FD304,
                Ref("fachakte"),
                detail=(f"legal basis '{short}' removed", f"Rechtsgrundlage „{short}“ entfernt"),
            )
    if not same_order(list(before), list(after)):
        out.emit(P.FD305, Ref("fachakte"), detail=("legal references", "Rechtsgrundlagen"))


def _meta(out: Collector, old: Fachakte, new: Fachakte) -> None:
    ref = Ref("fachakte")
    texts(out, ref, old, new)
    if old.owners != new.owners:
        out.emit(P.FD303, ref, old=old.owners, new=new.owners)
    _legal_basis(out, old, new)
    if old.kennzeichen != new.kennzeichen:
        out.emit(B.FD120, Ref("kennzeichen"), old=old.kennzeichen, new=new.kennzeichen)
    if old.aktenplan_title != new.aktenplan_title:
        out.emit(
            P.FD301,
            Ref("kennzeichen", new.kennzeichen),
            old=old.aktenplan_title,
            new=new.aktenplan_title,
        )


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


def diff_catalogues(old: Sequence[Fachakte], new: Sequence[Fachakte]) -> list[VersionedDiff]:
    return diff_versioned("fachakte", old, new, diff_fachakte, (C.FD219, B.FD122))


def diff_bausteine(old: Sequence[Baustein], new: Sequence[Baustein]) -> list[VersionedDiff]:
    context = ({b.id: b for b in old}, {b.id: b for b in new})
    return diff_versioned(
        "baustein",
        old,
        new,
        lambda was, now: diff_baustein(was, now, context),
        (C.FD220, B.FD123),
    )
