"""Changes of roles and permissions, workflow states, transitions and resubmissions."""

from __future__ import annotations

from collections.abc import Sequence

from fachakte_compiler.diff.change import Collector, Ref
from fachakte_compiler.diff.compare_common import FD301, order
from fachakte_compiler.diff.compare_structure import (
    Say,
    added_and_removed,
    members,
    opened,
    same_order,
)
from fachakte_compiler.diff.match import match
from fachakte_compiler.diff.rules import define
from fachakte_compiler.model.types import Resubmission, Role, Workflow

FD110 = define(
    "FD110",
    "role-removed",
    "role removed",
    "{what} removed",
    "{what} entfernt",
    """
    Users and groups assigned to the role in each municipality would lose their access.""",
)
FD111 = define(
    "FD111",
    "state-removed",
    "workflow state removed",
    "{what} removed",
    "{what} entfernt",
    """
    Akten currently in this workflow state would be stranded.""",
)
FD112 = define(
    "FD112",
    "transition-removed",
    "workflow transition removed",
    "{what} removed",
    "{what} entfernt",
    """
    Casework that relies on the step can no longer be done; Akten may be stuck in a state.""",
)
FD113 = define(
    "FD113",
    "resubmission-removed",
    "resubmission (Wiedervorlage) removed",
    "{what} removed",
    "{what} entfernt",
    """
    Deadlines that municipalities rely on (e.g. expiring exemptions) would silently stop being
    monitored.""",
)
FD114 = define(
    "FD114",
    "permission-removed",
    "permission removed from a role",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    Taking a permission away from a role (Akte, documents, a register or a workflow step) stops
    work that users do today and may be a staffing decision in twelve municipalities.""",
)
FD121 = define(
    "FD121",
    "state-flag-changed",
    "initial or final flag of a state changed",
    "{what}: {detail}",
    "{what}: {detail}",
    """
    Whether a state is initial or final decides where new Akten start and when an Akte counts as
    closed, which starts retention. Changing it alters stored Akten.""",
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
        ref = opened(out, "role", old_id, after.id, before, after)
        members(
            out,
            ref,
            before.akte_permissions,
            after.akte_permissions,
            {},
            FD114,
            FD213,
            _grant("Akte permission", "Aktenrecht"),
        )
        members(
            out,
            ref,
            before.document_permissions,
            after.document_permissions,
            {},
            FD114,
            FD213,
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
                FD114,
                FD213,
                _grant(
                    "document permission",
                    "Dokumentrecht",
                    (f" in register '{register}'", f" im {out.de_name('register', register)}"),
                ),
            )
    added_and_removed(out, found, "role", lambda r: r.id, FD208, FD110)
    order(out, out.ref, found.reordered, ("roles", "Rollen"))
    return found.ids


TRANSITIONS = ("transitions", "Übergänge")


def compare_workflow(out: Collector, old: Workflow, new: Workflow, roles: dict[str, str]) -> None:
    found = match(old.states, new.states, lambda s: s.id, lambda s: s.renamed_from)
    for old_id, before, after in found.pairs:
        ref = opened(out, "state", old_id, after.id, before, after)
        for attr, en, de in (
            ("initial", "initial", "Anfangsstatus"),
            ("final", "final", "Endstatus"),
        ):
            if getattr(before, attr) != getattr(after, attr):
                now = getattr(after, attr)
                out.emit(
                    FD121,
                    ref,
                    detail=(
                        f"{'now' if now else 'no longer'} {en}",
                        f"{'jetzt' if now else 'nicht mehr'} {de}",
                    ),
                )
    added_and_removed(out, found, "state", lambda s: s.id, FD209, FD111)
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
            out.emit(FD210, ref)
            continue
        if was.title != now.title:
            out.emit(FD301, ref, old=was.title, new=now.title)
        members(
            out,
            ref,
            was.roles,
            now.roles,
            roles,
            FD114,
            FD213,
            _grant("role", "Rolle", kind="role"),
        )
    for key in old_steps:
        if key not in new_steps:
            out.emit(FD112, Ref("transition", key))
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
        ref = opened(out, "resubmission", old_id, after.id, before, after)
        for attr, de in (
            ("role", "Rolle"),
            ("days", "Tage"),
            ("after_state", "nach Status"),
            ("relative_to_field", "bezogen auf Feld"),
        ):
            was, now = getattr(before, attr), getattr(after, attr)
            was = ids.get(attr, {}).get(was, was)
            if was != now:
                out.emit(FD212, ref, detail=(f"{attr} {was} → {now}", f"{de} {was} → {now}"))
    added_and_removed(out, found, "resubmission", lambda r: r.id, FD211, FD113)
    order(out, Ref("workflow"), found.reordered, ("resubmissions", "Wiedervorlagen"))
