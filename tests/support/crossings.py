"""Edge crossings of a drawn graph, counted on the geometry: of our workflow SVG and of the layout
Graphviz `dot` makes of the same graph (`dot -Tplain`), so that the two can be compared.

Every edge becomes a polyline (curves sampled finely); two edges cross where their polylines
properly intersect. Near a state both edges touch, lines meet by construction (arrows into the
same box), so points there do not count.
"""

from __future__ import annotations

import itertools
import re
import shlex
import subprocess
from dataclasses import dataclass

from lxml import etree

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x, y, width, height
SVG = "{http://www.w3.org/2000/svg}"
STEPS = 24  # samples per cubic Bézier segment
NEAR = 4.0  # px (or points) around a shared state in which meeting lines do not count


@dataclass(frozen=True)
class Drawing:
    boxes: dict[str, Rect]
    edges: list[tuple[str, str, list[Point]]]  # tail, head, polyline


def _bezier(p0: Point, p1: Point, p2: Point, p3: Point) -> list[Point]:
    out = []
    for i in range(1, STEPS + 1):
        t = i / STEPS
        u = 1 - t
        out.append(
            (
                u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
            )
        )
    return out


def _path_points(d: str) -> list[Point]:
    """A polyline of an SVG path made of M, L and C commands with absolute coordinates."""
    tokens = re.findall(r"[MLC]|-?[\d.]+", d)
    points: list[Point] = []
    command = ""
    numbers: list[float] = []
    for token in [*tokens, "M"]:
        if token in "MLC":
            for i in range(0, len(numbers), 6 if command == "C" else 2):
                if command == "C":
                    c1, c2, end = (
                        (numbers[i], numbers[i + 1]),
                        (numbers[i + 2], numbers[i + 3]),
                        (numbers[i + 4], numbers[i + 5]),
                    )
                    points += _bezier(points[-1], c1, c2, end)
                else:
                    points.append((numbers[i], numbers[i + 1]))
            command, numbers = token, []
        else:
            numbers.append(float(token))
    return points


def svg_drawing(svg_text: str, marker: str, states: dict[str, str]) -> Drawing:
    """Our workflow diagram: state boxes from the groups `<marker>-<state>`, edges from the
    paths whose tooltip reads 'N: title → title' (`states` maps titles to ids)."""
    svg = etree.fromstring(svg_text.encode())
    boxes: dict[str, Rect] = {}
    for group in svg.iter(f"{SVG}g"):
        gid = group.get("id") or ""
        if gid.startswith(f"{marker}-"):
            rect = group.find(f".//{SVG}rect")
            assert rect is not None
            x, y, w, h = (float(rect.get(k, "0")) for k in ("x", "y", "width", "height"))
            boxes[gid[len(marker) + 1 :]] = (x, y, w, h)
    edges = []
    for path in svg.iter(f"{SVG}path"):
        title = path.find(f"{SVG}title")
        if title is None or not title.text or "→" not in title.text:
            continue
        tail, head = title.text.split(": ", 1)[1].split(" → ")
        edges.append((states[tail], states[head], _path_points(path.get("d", ""))))
    return Drawing(boxes, edges)


def dot_source(states: list[tuple[str, str]], transitions: list[tuple[str, str]]) -> str:
    """The workflow as a dot digraph: boxes with the state titles, one edge per transition."""

    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["digraph ablauf {", "  node [shape=box, fontsize=13];"]
    lines += [f"  {quote(s)} [label={quote(title)}];" for s, title in states]
    lines += [f"  {quote(a)} -> {quote(b)};" for a, b in transitions]
    return "\n".join([*lines, "}", ""])


def dot_drawing(dot: str, source: str) -> Drawing:
    """Lay `source` out with Graphviz `dot` and read nodes and edge splines from -Tplain."""
    result = subprocess.run(
        [dot, "-Tplain"], input=source, capture_output=True, text=True, check=True, timeout=60
    )
    scale = 72.0  # inches to points, so that NEAR means the same on both drawings
    boxes: dict[str, Rect] = {}
    edges = []
    for line in result.stdout.splitlines():
        fields = shlex.split(line)
        if fields[0] == "node":
            x, y, w, h = (float(v) * scale for v in fields[2:6])
            boxes[fields[1]] = (x - w / 2, y - h / 2, w, h)
        elif fields[0] == "edge":
            count = int(fields[3])
            raw = [float(v) * scale for v in fields[4 : 4 + 2 * count]]
            controls = list(zip(raw[::2], raw[1::2], strict=True))
            points = [controls[0]]
            for i in range(1, len(controls) - 2, 3):
                points += _bezier(points[-1], controls[i], controls[i + 1], controls[i + 2])
            edges.append((fields[1], fields[2], points))
    return Drawing(boxes, edges)


def _intersection(a: Point, b: Point, c: Point, d: Point) -> Point | None:
    """The point where segments ab and cd properly cross, else None (parallel lines never)."""
    rx, ry = b[0] - a[0], b[1] - a[1]
    sx, sy = d[0] - c[0], d[1] - c[1]
    denominator = rx * sy - ry * sx
    if abs(denominator) < 1e-12:
        return None
    t = ((c[0] - a[0]) * sy - (c[1] - a[1]) * sx) / denominator
    u = ((c[0] - a[0]) * ry - (c[1] - a[1]) * rx) / denominator
    if 0 < t < 1 and 0 < u < 1:
        return a[0] + t * rx, a[1] + t * ry
    return None


def _near(point: Point, box: Rect) -> bool:
    x, y, w, h = box
    return x - NEAR <= point[0] <= x + w + NEAR and y - NEAR <= point[1] <= y + h + NEAR


def crossings(drawing: Drawing) -> int:
    """Points where two edges cross, not counting meetings at a state both edges touch."""
    total = 0
    for (t1, h1, p1), (t2, h2, p2) in itertools.combinations(drawing.edges, 2):
        shared = [drawing.boxes[s] for s in {t1, h1} & {t2, h2}]
        found: list[Point] = []
        for a, b in itertools.pairwise(p1):
            for c, d in itertools.pairwise(p2):
                point = _intersection(a, b, c, d)
                if point is None or any(_near(point, box) for box in shared):
                    continue
                if all(abs(point[0] - q[0]) + abs(point[1] - q[1]) > 1.0 for q in found):
                    found.append(point)
        total += len(found)
    return total
