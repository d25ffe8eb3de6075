"""Edge crossings of the workflow diagrams, measured against Graphviz `dot` (Debian's graphviz):
on every shipped workflow our drawing has no more crossings than dot's layout of the same graph.
Both drawings are counted the same way, on their geometry (tests/support/crossings.py). The
product never runs dot; only this test does, and it skips where dot is not installed."""

from __future__ import annotations

import shutil

import pytest

from conftest import DEFINITIONS
from fachakte_compiler.model import Catalogue, State, Transition, Workflow
from fachakte_compiler.model.load import load_model
from fachakte_compiler.targets.docs.layered import layout, total_crossings
from fachakte_compiler.targets.docs.svg_workflow import workflow_svg
from support.crossings import Drawing, crossings, dot_drawing, dot_source, svg_drawing

DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(
    DOT is None, reason="Graphviz dot not found: apt-get install graphviz (.ci/run does)"
)


@pytest.fixture(scope="module")
def model() -> Catalogue:
    catalogue, diagnostics, _ = load_model([DEFINITIONS])
    assert catalogue is not None, diagnostics
    return catalogue


def ours(workflow: Workflow) -> int:
    svg = workflow_svg(workflow, "m")
    return crossings(svg_drawing(svg, "m", {s.title: s.id for s in workflow.states}))


def dots(workflow: Workflow) -> int:
    assert DOT is not None
    states = [(s.id, s.title) for s in workflow.states]
    edges = [(t.from_state, t.to_state) for t in workflow.transitions]
    return crossings(dot_drawing(DOT, dot_source(states, edges)))


def flow(edges: list[tuple[str, str]]) -> Workflow:
    ids = list(dict.fromkeys(s for edge in edges for s in edge))
    states = tuple(
        State(s, f"Zustand {s}", initial=i == 0, final=i == len(ids) - 1) for i, s in enumerate(ids)
    )
    return Workflow(states=states, transitions=tuple(Transition(a, b, ("r",)) for a, b in edges))


# Each upper state leads to the lower states in the opposite order: drawn in input order every
# pair of these transitions crosses, ordered well none does.
TWISTED = [
    ("start", "a"),
    ("start", "b"),
    ("start", "c"),
    ("a", "z"),
    ("b", "y"),
    ("c", "x"),
    ("x", "ende"),
    ("y", "ende"),
    ("z", "ende"),
]


def test_the_counter_sees_crossings() -> None:
    """The control: two lines that cross count once, lines that meet at a shared state do not,
    and dot's drawing of K3,3 (which cannot be drawn without crossings) has some."""
    box = (0.0, 0.0, 10.0, 10.0)
    far = (100.0, 100.0, 10.0, 10.0)
    cross = Drawing(
        {"a": box, "b": far, "c": box, "d": far},
        [("a", "b", [(0.0, 0.0), (50.0, 50.0)]), ("c", "d", [(0.0, 50.0), (50.0, 0.0)])],
    )
    assert crossings(cross) == 1
    meet = Drawing(
        {"a": box, "b": far, "c": far},
        [("a", "b", [(5.0, 5.0), (50.0, 50.0)]), ("a", "c", [(0.0, 10.0), (50.0, 0.0)])],
    )
    assert crossings(meet) == 0
    if DOT is not None:
        k33 = flow([(a, b) for a in ("a", "b", "c") for b in ("x", "y", "z")])
        assert dots(k33) > 0 and ours(k33) > 0


def test_crossing_reduction_untwists_the_layers() -> None:
    nodes = list(dict.fromkeys(s for edge in TWISTED for s in edge))
    found = layout(nodes, TWISTED)
    assert total_crossings(found) == 0
    assert found.layers[1] == ["a", "b", "c"] or found.layers[2] == ["z", "y", "x"]
    assert ours(flow(TWISTED)) == 0


def test_long_and_backward_transitions_pass_between_the_boxes() -> None:
    edges = [("neu", "pruefen"), ("pruefen", "fertig"), ("neu", "fertig"), ("fertig", "neu")]
    found = layout(["neu", "pruefen", "fertig"], edges)
    assert [[n for n in layer if isinstance(n, str)] for layer in found.layers] == [
        ["neu"],
        ["pruefen"],
        ["fertig"],
    ]
    # Two transitions span two layers, so the middle layer holds two places for them.
    assert len(found.layers[1]) == 3
    assert [c.reversed for c in found.chains] == [False, False, False, True]


def test_a_transition_into_its_own_state_is_a_loop_beside_the_box() -> None:
    workflow = flow([("neu", "neu"), ("neu", "fertig")])
    svg = workflow_svg(workflow, "m")
    assert "1: Zustand neu → Zustand neu" in svg
    assert ours(workflow) == 0


@needs_dot
def test_shipped_workflows_have_no_more_crossings_than_dot(model: Catalogue) -> None:
    counts = {f.id: (ours(f.workflow), dots(f.workflow)) for f in model.fachakten}
    print("\n".join(f"{k}: ours {a}, dot {b}" for k, (a, b) in counts.items()))
    worse = {k: v for k, v in counts.items() if v[0] > v[1]}
    assert worse == {}, f"more crossings than dot (ours, dot): {worse}"


@needs_dot
def test_a_twisted_workflow_has_no_more_crossings_than_dot() -> None:
    workflow = flow(TWISTED)
    assert ours(workflow) <= dots(workflow)
