"""The semantic diff of two catalogues: every Fachakte compared element by element."""

from __future__ import annotations

from dataclasses import dataclass

from fachakte_compiler.diff.bump import Bump
from fachakte_compiler.diff.change import Change, Collector, Ref
from fachakte_compiler.diff.compare_access import compare_roles, compare_workflow
from fachakte_compiler.diff.compare_fields import compare_fields
from fachakte_compiler.diff.compare_structure import (
    compare_akte,
    compare_code_lists,
    compare_documents,
    compare_registers,
    texts,
)
from fachakte_compiler.diff.rules import breaking as B
from fachakte_compiler.diff.rules import compatible as C
from fachakte_compiler.diff.rules import cosmetic as P
from fachakte_compiler.model.types import Fachakte


@dataclass(frozen=True)
class FachakteDiff:
    """One Fachakte in both versions; a version is None where the Fachakte does not exist."""

    id: str
    title: str
    source: str
    old_version: str | None
    new_version: str | None
    changes: tuple[Change, ...]

    @property
    def status(self) -> str:
        if self.old_version is None:
            return "added"
        if self.new_version is None:
            return "removed"
        return "changed" if self.changes else "unchanged"

    @property
    def required(self) -> Bump:
        return max((c.bump for c in self.changes), default=Bump.NONE)

    @property
    def touched(self) -> bool:
        """Worth showing: something changed, or at least the version did."""
        return bool(self.changes) or self.old_version != self.new_version


def diff_fachakte(old: Fachakte, new: Fachakte) -> list[Change]:
    out = Collector(new.id)
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


def diff_catalogues(old: tuple[Fachakte, ...], new: tuple[Fachakte, ...]) -> list[FachakteDiff]:
    """Every Fachakte of either side, sorted by id; Fachakten are matched by their id."""
    before = {f.id: f for f in old}
    after = {f.id: f for f in new}
    result = []
    for fachakte_id in sorted(before.keys() | after.keys()):
        was, now = before.get(fachakte_id), after.get(fachakte_id)
        if was is not None and now is not None:
            changes = tuple(diff_fachakte(was, now))
        else:
            out = Collector(fachakte_id)
            out.emit(C.FD219 if was is None else B.FD122, Ref("fachakte", fachakte_id))
            changes = tuple(out.changes)
        shown = now or was
        assert shown is not None
        result.append(
            FachakteDiff(
                fachakte_id,
                shown.title,
                shown.source,
                was.version if was else None,
                now.version if now else None,
                changes,
            )
        )
    return result
