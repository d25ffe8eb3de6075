"""The workflow starts in exactly one state, can reach every state, and can end from each."""

from __future__ import annotations

from collections import defaultdict

from fachakte_compiler.check.context import Context, Item
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import EXAMPLE_FACHAKTE, Example, code
from fachakte_compiler.i18n import _

FA601 = code(
    "FA601",
    "initial-state",
    "workflow does not have exactly one initial state",
    """
    A new Akte starts in one well-defined state: exactly one state has `initial: true`.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "      title: In Bearbeitung\n",
            "      title: In Bearbeitung\n      initial: true\n",
            "true\n    - id: abgeschlossen",
        ),
    ),
)
FA602 = code(
    "FA602",
    "unreachable-state",
    "a workflow state cannot be reached",
    """
    Every state must be reachable from the initial state through transitions; otherwise no
    Akte can ever be in it. Add a transition into it or remove it.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "    - from: eingegangen\n      to: in_bearbeitung\n",
            "    - from: eingegangen\n      to: eingegangen\n",
            "in_bearbeitung\n      title",
        ),
    ),
)
FA603 = code(
    "FA603",
    "final-state",
    "workflow has no final state",
    """
    At least one state has `final: true`: the processing ends there, and retention can start.
    Final states have no outgoing transitions except to reopen an Akte.""",
    examples=(Example(EXAMPLE_FACHAKTE, "      final: true\n", "", "states"),),
)
FA604 = code(
    "FA604",
    "relative-field",
    "resubmission refers to a field that is not a date",
    """
    `relative_to_field` counts days from the date in an Akte field; the field must be an Akte
    field of type date or datetime.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "      after_state: in_bearbeitung\n",
            "      relative_to_field: antragsart\n",
            "antragsart\n      days",
        ),
    ),
)

FA605 = code(
    "FA605",
    "dead-end-state",
    "a workflow state has no way to a final state",
    """
    From every state that is not final, some path of transitions must lead to a final state;
    an Akte that enters a state without such a path can never be closed, so its retention
    never starts. Add a transition out of the state towards a final state, or mark it
    `final: true` if the processing really ends there.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "    - from: in_bearbeitung\n      to: abgeschlossen\n",
            "    - from: eingegangen\n      to: abgeschlossen\n",
            "in_bearbeitung\n      title",
        ),
    ),
)


def _dead_ends(
    ctx: Context, states: dict[str, Item], edges: dict[str, set[str]], unreachable: set[str]
) -> None:
    """FA605 for each non-final state from which no final state can be reached (a state that
    cannot be reached at all has its FA602 already)."""
    finals = {state_id for state_id, s in states.items() if s.data.get("final") is True}
    if not finals:
        return  # FA603 says that already
    incoming: dict[str, set[str]] = defaultdict(set)
    for source, targets in edges.items():
        for target in targets:
            incoming[target].add(source)
    closing, todo = set(finals), list(finals)
    while todo:
        for previous in incoming[todo.pop()] - closing:
            closing.add(previous)
            todo.append(previous)
    for state_id, state in states.items():
        if state_id not in closing and state_id not in unreachable:
            ctx.report(
                FA605,
                state.source,
                (*state.path, "id"),
                _(
                    "state '{state}' is not final, and no transitions lead from it to a final "
                    "state ({finals}): an Akte there can never be closed"
                ).format(state=state_id, finals=", ".join(sorted(finals))),
                hint=_(
                    "add a transition out of it towards a final state, or mark it 'final: true'"
                ),
            )


@rule(FA601, FA602, FA603, FA604, FA605)
def workflow_shape(ctx: Context) -> None:
    for definition in ctx.fachakten:
        workflow, states = definition.workflow, definition.states
        if not states:
            continue
        initial = [s for s in states.values() if s.data.get("initial") is True]
        # A rejected `initial: "true"` (FA103) may be the one initial state meant.
        unsure = any(s.rejects("initial") for s in states.values())
        if len(initial) > 1 or (not initial and not unsure):
            where = initial[1] if len(initial) > 1 else next(iter(states.values()))
            names = ", ".join(f"'{s.id}'" for s in initial)
            ctx.report(
                FA601,
                where.source,
                (*where.path, "initial") if initial else where.path,
                (
                    _("workflow has {count} initial states ({names})")
                    if names
                    else _("workflow has {count} initial states")
                ).format(count=len(initial), names=names),
                hint=_("mark exactly one state with 'initial: true'"),
            )
        if not any(s.data.get("final") is True or s.rejects("final") for s in states.values()):
            ctx.report(
                FA603,
                workflow.source,
                (*workflow.path, "states"),
                _("workflow has no state with 'final: true'"),
                key=True,
            )
        edges: dict[str, set[str]] = defaultdict(set)
        for transition in workflow.items("transitions"):
            source, target = transition.text("from"), transition.text("to")
            if source and target:
                edges[source].add(target)
        unreachable: set[str] = set()
        # While a state's id, its initial or final flag, or an end of a transition is rejected
        # (FA103, FA105), where the workflow starts, ends or goes is open: the paths through
        # it are judged once it is not.
        misnamed = any(
            s.rejects("id") or s.rejects("initial") or s.rejects("final") for s in states.values()
        ) or any(t.rejects("from") or t.rejects("to") for t in workflow.items("transitions"))
        if len(initial) == 1 and initial[0].id and not misnamed:
            reached, todo = {initial[0].id}, [initial[0].id]
            while todo:
                for nxt in edges[todo.pop()] - reached:
                    reached.add(nxt)
                    todo.append(nxt)
            for state_id, state in states.items():
                if state_id not in reached:
                    unreachable.add(state_id)
                    ctx.report(
                        FA602,
                        state.source,
                        (*state.path, "id"),
                        _(
                            "state '{state}' cannot be reached from the initial state '{initial}'"
                        ).format(state=state_id, initial=initial[0].id),
                        hint=_("add a transition into this state"),
                    )
        if not misnamed:
            _dead_ends(ctx, states, edges, unreachable)
        akte_fields = definition.akte.names("fields")
        for resub in workflow.items("resubmissions"):
            name = resub.text("relative_to_field")
            if name is None:
                continue
            field = definition.fields.get(name)
            if name not in akte_fields or field is None:
                ctx.unknown(
                    FA604,
                    resub.source,
                    (*resub.path, "relative_to_field"),
                    _("Akte field"),
                    name,
                    sorted(akte_fields),
                    _("resubmission '{id}'").format(id=resub.id),
                )
            # A missing or rejected type is the schema's finding (FA101, FA104).
            elif (kind := field.text("type")) is not None and kind not in ("date", "datetime"):
                ctx.report(
                    FA604,
                    resub.source,
                    (*resub.path, "relative_to_field"),
                    _("field '{name}' is of type {type}, not a date").format(name=name, type=kind),
                )
