"""Changes of roles and permissions, workflow states, transitions and resubmissions."""

from __future__ import annotations

from collections.abc import Sequence

from fachakte_compiler.diff.change import Collector, Ref
from fachakte_compiler.diff.compare_structure import (
    Say,
    added_and_removed,
    members,
    opened,
    order,
    same_order,
)
from fachakte_compiler.diff.match import match
from fachakte_compiler.diff.rules import breaking as B
from fachakte_compiler.diff.rules import compatible as C
from fachakte_compiler.diff.rules import cosmetic as P
from fachakte_compiler.model.types import Resubmission, Role, Workflow


def _grant(scope_en: str, scope_de: str, where: tuple[str, str] = ("", ""), kind: str = "") -> Say:
    """Detail texts for a permission; `where` narrows it, e.g. to one register; with `kind`
    the member is an element of that kind, named by its label."""

    def say(out: Collector, member: str, added: bool) -> tuple[str, str]:
        name = out.de_name(kind, member) if kind else f"{scope_de} „{member}“"
        if added:
            return f"gains {scope_en} '{member}'{where[0]}", f"erhält {name}{where[1]}"
        return f"loses {scope_en} '{member}'{where[0]}", f"verliert {name}{where[1]}"

    return say


def compare_roles(
    out: Collector, old: Sequence[Role], new: Sequence[Role], registers: dict[str, str]
) -> dict[str, str]:
    found = match(old, new, lambda r: r.id, lambda r: r.renamed_from)
    for old_id, before, after in found.pairs:
        ref = opened(out, "role", "Rolle", old_id, after.id, before, after)
        members(
            out,
            ref,
            before.akte_permissions,
            after.akte_permissions,
            {},
            B.FD114,
            C.FD213,
            _grant("Akte permission", "Aktenrecht"),
        )
        members(
            out,
            ref,
            before.document_permissions,
            after.document_permissions,
            {},
            B.FD114,
            C.FD213,
            _grant("document permission", "Dokumentrecht"),
        )
        # Only registers with their own grant on either side; the defaults were compared above.
        old_ids = {
            registers.get(g.register, g.register): g.register for g in before.register_permissions
        }
        explicit = sorted(set(old_ids) | {g.register for g in after.register_permissions})
        for register in explicit:
            members(
                out,
                ref,
                before.documents_in(old_ids.get(register, register)),
                after.documents_in(register),
                {},
                B.FD114,
                C.FD213,
                _grant(
                    "document permission",
                    "Dokumentrecht",
                    (f" in register '{register}'", f" im {out.de_name('register', register)}"),
                ),
            )
    added_and_removed(out, found, "role", lambda r: r.id, C.FD208, B.FD110)
    order(out, out.ref, found.reordered, ("roles", "Rollen"))
    return found.ids


TRANSITIONS = ("transitions", "Übergänge")


def compare_workflow(out: Collector, old: Workflow, new: Workflow, roles: dict[str, str]) -> None:
    found = match(old.states, new.states, lambda s: s.id, lambda s: s.renamed_from)
    for old_id, before, after in found.pairs:
        ref = opened(out, "state", "Status", old_id, after.id, before, after)
        for attr, en, de in (
            ("initial", "initial", "Anfangsstatus"),
            ("final", "final", "Endstatus"),
        ):
            if getattr(before, attr) != getattr(after, attr):
                now = getattr(after, attr)
                out.emit(
                    B.FD121,
                    ref,
                    detail=(
                        f"{'now' if now else 'no longer'} {en}",
                        f"{'jetzt' if now else 'nicht mehr'} {de}",
                    ),
                )
    added_and_removed(out, found, "state", lambda s: s.id, C.FD209, B.FD111)
    order(out, Ref("workflow"), found.reordered, ("states", "Status"))
    states = found.ids

    def step(from_state: str, to_state: str) -> str:
        return f"{from_state} → {to_state}"

    old_steps = {
        step(states.get(t.from_state, t.from_state), states.get(t.to_state, t.to_state)): t
        for t in old.transitions
    }
    new_steps = {step(t.from_state, t.to_state): t for t in new.transitions}
    for key, now in new_steps.items():
        ref = Ref("transition", key)
        was = old_steps.get(key)
        if was is None:
            out.emit(C.FD210, ref)
            continue
        if was.title != now.title:
            out.emit(P.FD301, ref, old=was.title, new=now.title)
        members(
            out,
            ref,
            was.roles,
            now.roles,
            roles,
            B.FD114,
            C.FD213,
            _grant("role", "Rolle", kind="role"),
        )
    for key in old_steps:
        if key not in new_steps:
            out.emit(B.FD112, Ref("transition", key))
    order(out, Ref("workflow"), not same_order(list(old_steps), list(new_steps)), TRANSITIONS)
    _compare_resubmissions(
        out, old.resubmissions, new.resubmissions, {"role": roles, "after_state": states}
    )


def _compare_resubmissions(
    out: Collector,
    old: Sequence[Resubmission],
    new: Sequence[Resubmission],
    ids: dict[str, dict[str, str]],
) -> None:
    """`ids` translates old role and state ids, so that renames alone change nothing here."""
    found = match(old, new, lambda r: r.id)
    for old_id, before, after in found.pairs:
        ref = opened(out, "resubmission", "Wiedervorlage", old_id, after.id, before, after)
        for attr, de in (
            ("role", "Rolle"),
            ("days", "Tage"),
            ("after_state", "nach Status"),
            ("relative_to_field", "bezogen auf Feld"),
        ):
            was, now = getattr(before, attr), getattr(after, attr)
            was = ids.get(attr, {}).get(was, was)
            if was != now:
                out.emit(C.FD212, ref, detail=(f"{attr} {was} → {now}", f"{de} {was} → {now}"))
    added_and_removed(out, found, "resubmission", lambda r: r.id, C.FD211, B.FD113)
    order(out, Ref("workflow"), found.reordered, ("resubmissions", "Wiedervorlagen"))
