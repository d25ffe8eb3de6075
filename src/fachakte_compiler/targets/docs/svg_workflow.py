"""The workflow diagram: states in layers by distance from the initial state, top to bottom.

Transitions to the next layer are drawn as curves. All others (back to an earlier layer, within a
layer, or skipping layers) are routed orthogonally through the gaps between layers and a lane of
their own beside the diagram, so that no arrow ever crosses a state box. Arrows carry the
number of their transition; the table below the diagram gives title and roles.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from fachakte_compiler.model import Workflow
from fachakte_compiler.targets.docs.svg_common import (
    Box,
    arrow_path,
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
H_GAP = 36.0
BAND = 64.0
# The top of every gap between layers is kept free for the number badges of the curves; the
# horizontal tracks of routed arrows run below it, so badges never sit on a track. Tracks and
# lanes are wider apart than a badge, so badges on neighbouring tracks cannot overlap.
BADGE_ZONE = 34.0
TRACK = 20.0
LANE = 20.0
MARGIN = 24.0


def layers(workflow: Workflow) -> list[list[str]]:
    """States grouped by breadth-first distance from the initial state; unreachable states form a
    last layer. Within a layer, states follow the mean position of their predecessors."""
    depth = {workflow.initial.id: 0}
    queue = deque([workflow.initial.id])
    while queue:
        state = queue.popleft()
        for t in workflow.transitions:
            if t.from_state == state and t.to_state not in depth:
                depth[t.to_state] = depth[state] + 1
                queue.append(t.to_state)
    rest = max(depth.values()) + 1
    for s in workflow.states:
        depth.setdefault(s.id, rest)
    grouped: list[list[str]] = [[] for _ in range(max(depth.values()) + 1)]
    for state_id in sorted(depth, key=lambda s: (depth[s], list(depth).index(s))):
        grouped[depth[state_id]].append(state_id)
    for i in range(1, len(grouped)):
        above = {s: pos for pos, s in enumerate(grouped[i - 1])}

        def barycenter(state_id: str, above: dict[str, int] = above) -> float:
            preds = [
                above[t.from_state]
                for t in workflow.transitions
                if t.to_state == state_id and t.from_state in above
            ]
            return sum(preds) / len(preds) if preds else float(len(above))

        grouped[i].sort(key=barycenter)
    return [g for g in grouped if g]


@dataclass
class _Route:
    """An orthogonally routed transition: bands it runs in, and the lane beside the diagram."""

    number: int
    src: str
    dst: str
    out_track: tuple[int, int] = (0, 0)
    in_track: tuple[int, int] | None = None
    side: str = ""
    lane: int = 0
    points: list[tuple[float, float]] = field(default_factory=list)


def workflow_svg(workflow: Workflow, marker: str) -> str:
    titles = {s.id: s.title for s in workflow.states}
    grouped = layers(workflow)
    layer_of = {s: i for i, group in enumerate(grouped) for s in group}
    lines = {s.id: wrap(s.title, BOX_W) for s in workflow.states}
    box_h = text_height(max(len(v) for v in lines.values()))
    widest = max(len(g) for g in grouped) * (BOX_W + H_GAP) - H_GAP
    x_of = {
        s: (widest - (len(g) * (BOX_W + H_GAP) - H_GAP)) / 2 + i * (BOX_W + H_GAP)
        for g in grouped
        for i, s in enumerate(g)
    }
    centre = widest / 2

    # Band b lies below layer b (band -1 above the first layer); it holds one track per route.
    tracks: dict[int, int] = {}
    lanes = {"left": 0, "right": 0}
    routes: list[_Route] = []
    curves: list[tuple[int, str, str]] = []
    numbered = list(enumerate(workflow.transitions, 1))
    # Shorter detours take the inner lanes, so that lanes nest instead of crossing.
    numbered.sort(key=lambda n: abs(layer_of[n[1].to_state] - layer_of[n[1].from_state]))
    for number, t in numbered:
        src, dst = layer_of[t.from_state], layer_of[t.to_state]
        if dst == src + 1:
            curves.append((number, t.from_state, t.to_state))
            continue
        route = _Route(number, t.from_state, t.to_state)
        route.out_track = (src, tracks.setdefault(src, 0))
        tracks[src] += 1
        if dst != src:
            route.in_track = (dst - 1, tracks.setdefault(dst - 1, 0))
            tracks[dst - 1] += 1
            mid = (x_of[t.from_state] + x_of[t.to_state] + BOX_W) / 2
            route.side = "left" if mid < centre else "right"
            route.lane = lanes[route.side]
            lanes[route.side] += 1
        routes.append(route)

    left = MARGIN + lanes["left"] * LANE
    width = left + widest + lanes["right"] * LANE + MARGIN
    band_h = {b: max(BAND, BADGE_ZONE + (n + 1) * TRACK) for b, n in tracks.items()}
    y = MARGIN + band_h.get(-1, 0.0)
    boxes: dict[str, Box] = {}
    band_top: dict[int, float] = {-1: MARGIN}
    for i, group in enumerate(grouped):
        for s in group:
            boxes[s] = Box(left + x_of[s], y, BOX_W, box_h, lines[s], tooltip=titles[s])
        band_top[i] = y + box_h
        last = i == len(grouped) - 1
        y += box_h + band_h.get(i, 0.0 if last else BAND)
    height = y + MARGIN

    def track_y(track: tuple[int, int]) -> float:
        return band_top[track[0]] + BADGE_ZONE + TRACK * track[1]

    def lane_x(route: _Route) -> float:
        if route.side == "left":
            return left - LANE * (route.lane + 1)
        return left + widest + LANE * (route.lane + 1)

    # Ports: every box side spreads its arrow ends evenly, ordered by where the other end lies.
    ports: dict[tuple[str, str], list[tuple[float, int]]] = {}
    for number, a, b in curves:
        ports.setdefault((a, "bottom"), []).append((boxes[b].cx, number))
        ports.setdefault((b, "top"), []).append((boxes[a].cx, number))
    for r in routes:
        if r.in_track is None:
            ports.setdefault((r.src, "bottom"), []).append((boxes[r.dst].cx, r.number))
            ports.setdefault((r.dst, "bottom"), []).append((boxes[r.src].cx, -r.number))
        else:
            ports.setdefault((r.src, "bottom"), []).append((lane_x(r), r.number))
            ports.setdefault((r.dst, "top"), []).append((lane_x(r), r.number))
    port_x: dict[tuple[str, str, int], float] = {}
    for (state, side), ends in ports.items():
        for i, (_, number) in enumerate(sorted(ends)):
            port_x[(state, side, number)] = boxes[state].x + BOX_W * (i + 1) / (len(ends) + 1)

    body = [marker_defs(marker)]
    labels: list[str] = []
    for number, a, b in curves:
        x1, y1 = port_x[(a, "bottom", number)], boxes[a].bottom
        x2, y2 = port_x[(b, "top", number)], boxes[b].y
        y0 = y1 + BADGE_ZONE
        ym = (y0 + y2) / 2
        body.append(
            f'<path d="M{num(x1)},{num(y1)} L{num(x1)},{num(y0)} C{num(x1)},{num(ym)} '
            f'{num(x2)},{num(ym)} {num(x2)},{num(y2)}" fill="none" stroke="#2f4b6e" '
            f'stroke-width="1.3" marker-end="url(#{marker})">'
            f"<title>{esc(_tooltip(number, a, b, titles))}</title></path>"
        )
        labels.append(badge(x1, y1 + 13, str(number)))
    for r in routes:
        x1, y1 = port_x[(r.src, "bottom", r.number)], boxes[r.src].bottom
        ty = track_y(r.out_track)
        if r.in_track is None:
            x2 = port_x[(r.dst, "bottom", -r.number)]
            points = [(x1, y1), (x1, ty), (x2, ty), (x2, boxes[r.dst].bottom)]
            # Near the source: two arrows between the same pair of states run in opposite
            # directions, so their badges stay apart.
            labels.append(badge(x1 + (x2 - x1) * 0.3, ty, str(r.number)))
        else:
            lx, iy = lane_x(r), track_y(r.in_track)
            x2 = port_x[(r.dst, "top", r.number)]
            points = [(x1, y1), (x1, ty), (lx, ty), (lx, iy), (x2, iy), (x2, boxes[r.dst].y)]
            labels.append(badge(lx, (ty + iy) / 2, str(r.number)))
        body.append(arrow_path(points, marker, _tooltip(r.number, r.src, r.dst, titles)))
    start = boxes[workflow.initial.id]
    body.append(
        f'<circle cx="{num(start.x - 14)}" cy="{num(start.y - 10)}" r="6" '
        f'fill="#2f4b6e"><title>Anfangszustand</title></circle>'
    )
    body.append(arrow_path([(start.x - 10, start.y - 6), (start.x + 2, start.y + 4)], marker))
    finals = {s.id for s in workflow.states if s.final}
    for state_id, box in boxes.items():
        box.double = state_id in finals
        box.bold = state_id == workflow.initial.id
        body.append(f'<g id="{esc(marker)}-{esc(state_id)}">' + box_svg(box) + "</g>")
    body.extend(labels)
    return svg_frame(
        width, height, "Ablauf: Zustände und Übergänge", "".join(body), "diagramm ablauf"
    )


def _tooltip(number: int, a: str, b: str, titles: dict[str, str]) -> str:
    return f"{number}: {titles[a]} → {titles[b]}"
