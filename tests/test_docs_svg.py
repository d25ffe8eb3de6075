"""Layout of the diagrams: layers by distance from the initial state, no arrow through a state
box, no overlapping boxes or number badges, everything inside the drawing, text escaped."""

from __future__ import annotations

import math
import re

import pytest
from lxml import etree

from conftest import DEFINITIONS
from fachakte_compiler.model import Catalogue, State, Transition, Workflow
from fachakte_compiler.model.load import load_model
from fachakte_compiler.targets.docs.svg_structure import structure_svg
from fachakte_compiler.targets.docs.svg_workflow import layers, workflow_svg

SVG = "{http://www.w3.org/2000/svg}"
Rect = tuple[float, float, float, float]


@pytest.fixture(scope="module")
def model() -> Catalogue:
    catalogue, diagnostics, _ = load_model([DEFINITIONS])
    assert catalogue is not None, diagnostics
    return catalogue


def state_boxes(svg: etree._Element) -> dict[str, Rect]:
    boxes = {}
    for group in svg.iter(f"{SVG}g"):
        if group.get("id"):
            rect = group.find(f".//{SVG}rect")
            assert rect is not None
            boxes[group.get("id", "")] = tuple(
                float(rect.get(k, "0")) for k in ("x", "y", "width", "height")
            )
    return boxes  # type: ignore[return-value]


def straight_segments(d: str) -> list[tuple[float, float, float, float]]:
    """The straight parts of a path: each 'L' from the point before it; curves ('C') are left
    out, but their end point is where the next straight part starts."""
    segments = []
    current = (0.0, 0.0)
    for command, args in re.findall(r"([MLC])([^MLC]*)", d):
        points = [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", args)]
        for point in points if command == "L" else points[-1:]:
            if command == "L":
                segments.append((*current, *point))
            current = point
    return segments


def crosses(segment: tuple[float, float, float, float], box: Rect) -> bool:
    """Whether an axis-parallel segment runs through the inside of a box (edges do not count)."""
    x1, y1, x2, y2 = segment
    bx, by, bw, bh = box
    inside_x = max(min(x1, x2), bx + 1) < min(max(x1, x2), bx + bw - 1)
    inside_y = max(min(y1, y2), by + 1) < min(max(y1, y2), by + bh - 1)
    if x1 == x2:
        return bx + 1 < x1 < bx + bw - 1 and inside_y
    return by + 1 < y1 < by + bh - 1 and inside_x


def overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def test_layers_put_every_transition_downwards_except_those_that_close_a_cycle(
    model: Catalogue,
) -> None:
    flow = model.fachakte("hundesteuer").workflow
    found = layers(flow)
    assert found[0] == [flow.initial.id]
    assert sorted(s for layer in found for s in layer) == sorted(s.id for s in flow.states)
    level = {s: i for i, layer in enumerate(found) for s in layer}
    up = [t for t in flow.transitions if level[t.to_state] <= level[t.from_state]]
    # Only transitions back to an earlier state (reopening, returning for more documents) go
    # up; no transition stays within a layer.
    assert all(level[t.to_state] < level[t.from_state] for t in up)
    assert len(up) < len(flow.transitions) / 2
    unreachable = Workflow(
        states=(
            State("neu", "Neu", initial=True),
            State("fertig", "Fertig", final=True),
            State("vergessen", "Vergessen"),
        ),
        transitions=(Transition("neu", "fertig", ("a",)), Transition("fertig", "neu", ("a",))),
    )
    assert layers(unreachable) == [["neu", "vergessen"], ["fertig"]]


def test_workflow_diagrams_keep_arrows_out_of_boxes_and_badges_apart(model: Catalogue) -> None:
    for fachakte in model.fachakten:
        svg = etree.fromstring(workflow_svg(fachakte.workflow, "m"))
        width, height = (float(v) for v in svg.get("viewBox", "").split()[2:])
        boxes = state_boxes(svg)
        assert set(boxes) == {f"m-{s.id}" for s in fachakte.workflow.states}
        for name, box in boxes.items():
            assert box[0] >= 0 and box[1] >= 0 and box[0] + box[2] <= width
            assert box[1] + box[3] <= height
            assert not [o for o in boxes if o != name and overlap(box, boxes[o])]
        arrows = [p for p in svg.iter(f"{SVG}path") if p.get("marker-end") == "url(#m)"]
        assert len(arrows) == len(fachakte.workflow.transitions) + 1  # + the start arrow
        for path in arrows:
            for segment in straight_segments(path.get("d", "")):
                assert all(0 <= v <= max(width, height) for v in segment)
                hit = [n for n, box in boxes.items() if crosses(segment, box)]
                assert not hit, f"{fachakte.id}: arrow {path.get('d')} crosses {hit}"
        badges = [
            (float(c.get("cx", "0")), float(c.get("cy", "0")))
            for c in svg.iter(f"{SVG}circle")
            if c.get("r") == "9"
        ]
        numbers = sorted(
            int(t.text or "0") for t in svg.iter(f"{SVG}text") if t.get("font-size") == "11"
        )
        assert numbers == list(range(1, len(fachakte.workflow.transitions) + 1))
        for i, a in enumerate(badges):
            for b in badges[i + 1 :]:
                assert math.dist(a, b) >= 18, f"{fachakte.id}: badges at {a} and {b} overlap"


def test_structure_diagram_has_a_linked_box_per_document_type(model: Catalogue) -> None:
    fachakte = model.fachakte("wohngeld")
    svg = etree.fromstring(structure_svg(fachakte, "p", "dokumenttyp-"))
    links = [a.get("href") for a in svg.iter(f"{SVG}a")]
    expected = [f"#dokumenttyp-{d}" for r in fachakte.akte.registers for d in r.document_types]
    assert links == expected
    texts = {" ".join(s.text or "" for s in t.iter(f"{SVG}tspan")) for t in svg.iter(f"{SVG}text")}
    assert {r.title for r in fachakte.akte.registers} <= texts
    assert fachakte.akte.title in texts
    arrows = [p for p in svg.iter(f"{SVG}path") if p.get("marker-end") == "url(#p)"]
    assert len(arrows) == len(fachakte.akte.registers) + len(expected)


def test_long_and_hostile_titles_are_wrapped_and_escaped() -> None:
    title = '<Prüfung> & "Rückfrage" beim Landesamt für Besoldung und Versorgung NRW'
    flow = Workflow(
        states=(State("a", title, initial=True), State("b", "Ende", final=True)),
        transitions=(Transition("a", "b", ("r",), "x"),),
    )
    svg = etree.fromstring(workflow_svg(flow, "m"))
    spans = [t.text or "" for t in svg.iter(f"{SVG}tspan")]
    assert " ".join(spans[:-1]) == title
    assert len(spans) > 2 and all(len(s) <= 22 for s in spans)
