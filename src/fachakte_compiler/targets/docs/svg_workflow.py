"""The workflow diagram: states in layers from top to bottom, drawn as Graphviz `dot` would.

The layers, the order within each layer and the horizontal places come from `layered`: cycles
are broken by turning the transitions that lead back upwards, long transitions pass between the
boxes of the layers they span, and each layer is ordered to reduce crossings. Every transition
leaves and enters its boxes through its own port, the ports of a side ordered by where the other
end lies, so arrows never cross at a box. Arrows carry the number of their transition next to
their start; the table below the diagram gives title and roles.
"""

from __future__ import annotations

from collections.abc import Callable

from fachakte_compiler.model import Workflow
from fachakte_compiler.targets.docs.layered import Chain, layout, place
from fachakte_compiler.targets.docs.svg_common import (
    Box,
    badge,
    box_svg,
    esc,
    marker_defs,
    num,
    svg_frame,
    text_height,
    wrap,
)

BOX_W = 180.0
H_GAP = 36.0  # between two state boxes of a layer
DUMMY_W = 12.0  # the room a transition takes where it passes a layer
DUMMY_GAP = 14.0  # between a passing transition and its neighbours
LOOP_W = 34.0  # room right of a box for a transition back into the same state
STUB = 24.0  # straight start and end of every arrow; the number badge sits on the start
CURVE = 44.0  # vertical room for the curve between two stubs
BAND = 2 * STUB + CURVE
BADGE_OFFSET = 12.0
MARGIN = 24.0

Point = tuple[float, float]
Segment = tuple[Point, ...]  # 2 points: a line, 4 points: a cubic Bézier


def layers(workflow: Workflow) -> list[list[str]]:
    """The states of each layer, top to bottom, in drawing order."""
    found = layout(
        [s.id for s in workflow.states],
        [(t.from_state, t.to_state) for t in workflow.transitions],
    )
    return [[n for n in layer if isinstance(n, str)] for layer in found.layers]


def workflow_svg(workflow: Workflow, marker: str) -> str:
    states = [s.id for s in workflow.states]
    titles = {s.id: s.title for s in workflow.states}
    edges = [(t.from_state, t.to_state) for t in workflow.transitions]
    found = layout(states, edges)
    loops = set(found.loops.values())
    width: dict[str | int, float] = {
        n: (BOX_W + (LOOP_W if n in loops else 0.0)) if isinstance(n, str) else DUMMY_W
        for layer in found.layers
        for n in layer
    }
    x = place(found, width, H_GAP, DUMMY_GAP)
    lines = {s: wrap(titles[s], BOX_W) for s in states}
    box_h = text_height(max(len(v) for v in lines.values()))
    left = MARGIN
    row_top = [MARGIN + i * (box_h + BAND) for i in range(len(found.layers))]
    layer_of = found.layer_of()
    boxes = {
        s: Box(left + x[s], row_top[layer_of[s]], BOX_W, box_h, lines[s], tooltip=titles[s])
        for s in states
    }

    def centre(node: str | int) -> float:
        return left + x[node] + width[node] / 2 if isinstance(node, int) else boxes[node].cx

    # Ports: each box side spreads its arrow ends evenly, ordered by where the other end lies
    # (the next node of the chain), ties by transition number, so that no two arrows cross
    # where they meet a box.
    sides: dict[tuple[str, str], list[tuple[float, int]]] = {}
    for chain in found.chains:
        top, bottom = chain.nodes[0], chain.nodes[-1]
        assert isinstance(top, str) and isinstance(bottom, str)
        sides.setdefault((top, "bottom"), []).append((centre(chain.nodes[1]), chain.index))
        sides.setdefault((bottom, "top"), []).append((centre(chain.nodes[-2]), chain.index))
    port: dict[tuple[str, str, int], float] = {}
    for (state, side), ends in sides.items():
        for i, (_, index) in enumerate(sorted(ends)):
            port[(state, side, index)] = boxes[state].x + BOX_W * (i + 1) / (len(ends) + 1)

    body = [marker_defs(marker)]
    labels: list[str] = []
    for chain in found.chains:
        segments = _chain_segments(chain, layer_of, boxes, port, centre, row_top, box_h)
        if chain.reversed:
            segments = [tuple(reversed(s)) for s in reversed(segments)]
        start = segments[0][0]
        direction = -1 if chain.reversed else 1
        number = chain.index + 1
        labels.append(badge(start[0], start[1] + direction * BADGE_OFFSET, str(number)))
        a, b = edges[chain.index]
        body.append(_path(segments, marker, _tooltip(number, a, b, titles)))
    for index, state in sorted(found.loops.items()):
        box = boxes[state]
        r, cy = box.right, box.cy
        reach = r + LOOP_W - 6
        body.append(
            _path(
                [((r, cy - 10), (reach, cy - 24), (reach, cy + 24), (r, cy + 10))],
                marker,
                _tooltip(index + 1, state, state, titles),
            )
        )
        labels.append(badge(r + LOOP_W * 0.55, cy, str(index + 1)))
    first = boxes[workflow.initial.id]
    body.append(
        f'<circle cx="{num(first.x - 14)}" cy="{num(first.y - 10)}" r="6" '
        f'fill="#2f4b6e"><title>Anfangszustand</title></circle>'
    )
    body.append(_path([((first.x - 10, first.y - 6), (first.x + 2, first.y + 4))], marker))
    finals = {s.id for s in workflow.states if s.final}
    for state_id, box in boxes.items():
        box.double = state_id in finals
        box.bold = state_id == workflow.initial.id
        body.append(f'<g id="{esc(marker)}-{esc(state_id)}">' + box_svg(box) + "</g>")
    body.extend(labels)
    total_w = left + max(x[n] + width[n] for n in x) + MARGIN
    total_h = row_top[-1] + box_h + MARGIN
    return svg_frame(
        total_w, total_h, "Ablauf: Zustände und Übergänge", "".join(body), "diagramm ablauf"
    )


def _chain_segments(
    chain: Chain,
    layer_of: dict[str | int, int],
    boxes: dict[str, Box],
    port: dict[tuple[str, str, int], float],
    centre: Callable[[str | int], float],
    row_top: list[float],
    box_h: float,
) -> list[Segment]:
    """The drawn course of a chain from its top node to its bottom node: a stub down, a curve
    to the stub above the next layer, a stub into it, and straight through each layer the
    transition passes."""
    top = chain.nodes[0]
    assert isinstance(top, str)
    level = layer_of[top]
    current: Point = (port[(top, "bottom", chain.index)], boxes[top].bottom)
    segments: list[Segment] = []
    for node in chain.nodes[1:]:
        level += 1
        if isinstance(node, str):
            target: Point = (port[(node, "top", chain.index)], boxes[node].y)
        else:
            target = (centre(node), row_top[level])
        x1, y1 = current
        x2, y2 = target
        y_start, y_end = y1 + STUB, y2 - STUB
        middle = (y_start + y_end) / 2
        segments.append(((x1, y1), (x1, y_start)))
        segments.append(((x1, y_start), (x1, middle), (x2, middle), (x2, y_end)))
        segments.append(((x2, y_end), (x2, y2)))
        if isinstance(node, int):
            segments.append(((x2, y2), (x2, y2 + box_h)))
            current = (x2, y2 + box_h)
    return segments


def _path(segments: list[Segment], marker: str, tooltip: str = "") -> str:
    d = f"M{num(segments[0][0][0])},{num(segments[0][0][1])}"
    for segment in segments:
        points = " ".join(f"{num(px)},{num(py)}" for px, py in segment[1:])
        d += (" C" if len(segment) == 4 else " L") + points
    title = f"<title>{esc(tooltip)}</title>" if tooltip else ""
    return (
        f'<path d="{d}" fill="none" stroke="#2f4b6e" stroke-width="1.3" '
        f'marker-end="url(#{marker})">{title}</path>'
    )


def _tooltip(number: int, a: str, b: str, titles: dict[str, str]) -> str:
    return f"{number}: {titles[a]} → {titles[b]}"
