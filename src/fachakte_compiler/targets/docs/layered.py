"""Layered drawing of a directed graph (Sugiyama, Tagawa and Toda 1981), as Graphviz `dot` does
it: break cycles, assign layers, put dummy nodes on long edges, order each layer to reduce edge
crossings, then place nodes horizontally.

Crossing reduction follows Gansner et al., "A Technique for Drawing Directed Graphs" (IEEE TSE
1993), the paper behind `dot`: sweeps down and up the layers sorting each by the weighted median
of its neighbours in the layer just fixed, each sweep followed by transposing neighbours while
that removes crossings; the best order seen is kept. Horizontal placement puts every node as
near as possible to the mean of its neighbours (least squares with minimum gaps, solved exactly
per layer by pooling adjacent violators), alternating down and up.

Pure Python, no randomness, ties broken by input order: the same graph always gives the same
drawing.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

SWEEPS = 24  # down-and-up iterations of the median heuristic (dot uses 24 as well)
PLACEMENT_PASSES = 8


@dataclass(frozen=True)
class Chain:
    """One edge as drawn: the nodes it passes from layer to layer, topmost first.

    `nodes` starts and ends at real nodes; in between are dummy nodes (ints < 0). `reversed`
    edges point upwards (their arrow is at nodes[0]); `index` is the edge's input position."""

    index: int
    nodes: tuple[str | int, ...]
    reversed: bool


@dataclass
class Layout:
    """Layers of node ids (real ids are strings, dummies negative ints), the chains of every edge
    that is not a self-loop, the self-loops by edge index, and x (left edge) of every node."""

    layers: list[list[str | int]]
    chains: list[Chain]
    loops: dict[int, str]
    x: dict[str | int, float] = field(default_factory=dict)

    def layer_of(self) -> dict[str | int, int]:
        return {n: i for i, layer in enumerate(self.layers) for n in layer}


def _break_cycles(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> set[int]:
    """Indices of the edges to reverse: those that close a cycle in a depth-first search from
    the nodes in input order (the first node, the initial state, comes first)."""
    out: dict[str, list[tuple[int, str]]] = {n: [] for n in nodes}
    for i, (a, b) in enumerate(edges):
        if a != b:
            out[a].append((i, b))
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    back: set[int] = set()
    for root in nodes:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(out[root]))]
        while stack:
            node, todo = stack[-1]
            step = next(todo, None)
            if step is None:
                state[node] = 2
                stack.pop()
                continue
            index, succ = step
            if state.get(succ) == 1:
                back.add(index)
            elif succ not in state:
                state[succ] = 1
                stack.append((succ, iter(out[succ])))
    return back


def _rank(nodes: Sequence[str], dag: Sequence[tuple[str, str]]) -> dict[str, int]:
    """Longest-path layers, then each node moved to the layer that makes its edges shortest
    (towards the side with more edges), which is what network simplex achieves on such small
    graphs: fewer long edges, fewer dummies, fewer chances to cross."""
    preds: dict[str, list[str]] = {n: [] for n in nodes}
    succs: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in dag:
        succs[a].append(b)
        preds[b].append(a)
    rank: dict[str, int] = {}
    pending = {n: len(preds[n]) for n in nodes}
    ready = [n for n in nodes if pending[n] == 0]
    order: list[str] = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        rank[node] = max((rank[p] + 1 for p in preds[node]), default=0)
        for s in succs[node]:
            pending[s] -= 1
            if pending[s] == 0:
                ready.append(s)
    for _ in range(len(nodes)):
        moved = False
        for node in reversed(order):
            low = max((rank[p] + 1 for p in preds[node]), default=rank[node])
            high = min((rank[s] - 1 for s in succs[node]), default=rank[node])
            if len(succs[node]) > len(preds[node]) and rank[node] < high:
                rank[node], moved = high, True
            elif len(preds[node]) > len(succs[node]) and rank[node] > low:
                rank[node], moved = low, True
        if not moved:
            break
    # As dot's final balancing: a node whose edges pull equally up and down goes to the least
    # crowded layer it can take, so that layers stay narrow.
    size: dict[int, int] = {}
    for node in nodes:
        size[rank[node]] = size.get(rank[node], 0) + 1
    for node in order:
        if len(preds[node]) != len(succs[node]) or not preds[node]:
            continue
        low = max(rank[p] + 1 for p in preds[node])
        high = min(rank[s] - 1 for s in succs[node])
        choice = min(range(low, high + 1), key=lambda r: (size.get(r, 0), r != rank[node], r))
        if size.get(choice, 0) < size[rank[node]]:
            size[rank[node]] -= 1
            size[choice] = size.get(choice, 0) + 1
            rank[node] = choice
    top = min(rank.values(), default=0)
    return {n: r - top for n, r in rank.items()}


def layout(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> Layout:
    """Layers and crossing-reduced orders for `edges` between `nodes` (ids in input order)."""
    back = _break_cycles(nodes, edges)
    dag = [(b, a) if i in back else (a, b) for i, (a, b) in enumerate(edges) if a != b]
    rank = _rank(nodes, dag)
    layers: list[list[str | int]] = [[] for _ in range(max(rank.values(), default=0) + 1)]
    for node in nodes:
        layers[rank[node]].append(node)
    chains: list[Chain] = []
    loops: dict[int, str] = {}
    dummy = 0
    for i, (a, b) in enumerate(edges):
        if a == b:
            loops[i] = a
            continue
        top, bottom = (b, a) if i in back else (a, b)
        path: list[str | int] = [top]
        for level in range(rank[top] + 1, rank[bottom]):
            dummy -= 1
            layers[level].append(dummy)
            path.append(dummy)
        path.append(bottom)
        chains.append(Chain(i, tuple(path), i in back))
    result = Layout(layers, chains, loops)
    _order(result)
    return result


def _neighbours(result: Layout) -> tuple[dict[str | int, list[str | int]], ...]:
    up: dict[str | int, list[str | int]] = {n: [] for layer in result.layers for n in layer}
    down: dict[str | int, list[str | int]] = {n: [] for layer in result.layers for n in layer}
    for chain in result.chains:
        for a, b in itertools.pairwise(chain.nodes):
            down[a].append(b)
            up[b].append(a)
    return up, down


def _crossings_between(
    upper: list[str | int], lower: list[str | int], down: dict[str | int, list[str | int]]
) -> int:
    """Crossings of the edges between two adjacent layers: inversions of the lower ends when
    the edges are sorted by their upper ends (counted by insertion into a sorted list)."""
    position = {n: i for i, n in enumerate(lower)}
    ends = sorted((i, position[b]) for i, a in enumerate(upper) for b in down[a] if b in position)
    seen: list[int] = []
    total = 0
    for _, p in ends:
        total += len(seen) - bisect.bisect_right(seen, p)
        bisect.insort(seen, p)
    return total


def total_crossings(result: Layout) -> int:
    _, down = _neighbours(result)
    return sum(
        _crossings_between(result.layers[i], result.layers[i + 1], down)
        for i in range(len(result.layers) - 1)
    )


def _median(values: list[int]) -> float:
    """The weighted median of Gansner et al.: for an even count, the two middle values
    weighted towards the side where the neighbours lie closer together."""
    values = sorted(values)
    m = len(values) // 2
    if len(values) % 2 == 1:
        return float(values[m])
    if len(values) == 2:
        return (values[0] + values[1]) / 2
    left, right = values[m - 1] - values[0], values[-1] - values[m]
    if left + right == 0:
        return (values[m - 1] + values[m]) / 2
    return (values[m - 1] * right + values[m] * left) / (left + right)


def _sort_layer(
    layer: list[str | int], fixed: list[str | int], links: dict[str | int, list[str | int]]
) -> list[str | int]:
    position = {n: i for i, n in enumerate(fixed)}
    keyed = []
    for i, node in enumerate(layer):
        near = [position[n] for n in links[node] if n in position]
        # Scaled to the fixed layer so that nodes without neighbours keep their place.
        keyed.append((_median(near) if near else i * len(fixed) / max(len(layer), 1), i, node))
    return [node for _, _, node in sorted(keyed, key=lambda k: (k[0], k[1]))]


def _transpose(result: Layout, down: dict[str | int, list[str | int]], ties: bool = False) -> None:
    """Swap neighbours in a layer while that lowers the crossings with the layers around it.
    With `ties`, one pass that also swaps where the count stays the same: it leaves plateaus on
    which no single swap helps (as dot does on alternate sweeps)."""
    layers = result.layers

    def local(i: int) -> int:
        above = _crossings_between(layers[i - 1], layers[i], down) if i > 0 else 0
        below = _crossings_between(layers[i], layers[i + 1], down) if i + 1 < len(layers) else 0
        return above + below

    improved = True
    while improved:
        improved = False
        for i, layer in enumerate(layers):
            for j in range(len(layer) - 1):
                before = local(i)
                layer[j], layer[j + 1] = layer[j + 1], layer[j]
                after = local(i)
                if after < before:
                    improved = True
                elif not (ties and after == before):
                    layer[j], layer[j + 1] = layer[j + 1], layer[j]
        if ties:
            ties, improved = False, True


def _order(result: Layout) -> None:
    """Order every layer: median sweeps with transposition from two starting orders (as given,
    and each layer reversed), keeping the order with the fewest crossings seen."""
    up, down = _neighbours(result)
    given = [list(layer) for layer in result.layers]
    best = [list(layer) for layer in given]
    best_count = total_crossings(result)
    for start in (given, [layer[::-1] for layer in given]):
        result.layers = [list(layer) for layer in start]
        for sweep in range(SWEEPS):
            if best_count == 0:
                break
            layers = result.layers
            if sweep % 2 == 0:
                for i in range(1, len(layers)):
                    layers[i] = _sort_layer(layers[i], layers[i - 1], up)
            else:
                for i in range(len(layers) - 2, -1, -1):
                    layers[i] = _sort_layer(layers[i], layers[i + 1], down)
            _transpose(result, down, ties=sweep % 4 >= 2)
            count = total_crossings(result)
            if count < best_count:
                best, best_count = [list(layer) for layer in layers], count
    result.layers = best


def place(
    result: Layout, width: dict[str | int, float], gap: float, dummy_gap: float
) -> dict[str | int, float]:
    """Left edges of all nodes: each layer keeps its order and its gaps (`gap` between real
    nodes, `dummy_gap` next to a dummy), and every node sits as close as it can to the mean
    centre of its neighbours in the layer above (down passes) or below (up passes)."""
    up, down = _neighbours(result)
    x: dict[str | int, float] = {}
    for layer in result.layers:
        left = 0.0
        for node in layer:
            x[node] = left
            left += width[node] + gap
    for p in range(PLACEMENT_PASSES):
        links, order = (up, range(len(result.layers))) if p % 2 == 0 else (down, None)
        indices = list(order) if order is not None else list(range(len(result.layers)))[::-1]
        for i in indices:
            layer = result.layers[i]
            wanted = []
            for node in layer:
                near = [x[n] + width[n] / 2 for n in links[node]]
                centre = sum(near) / len(near) if near else x[node] + width[node] / 2
                wanted.append(centre - width[node] / 2)
            offsets = [0.0]
            for a, b in itertools.pairwise(layer):
                space = dummy_gap if isinstance(a, int) or isinstance(b, int) else gap
                offsets.append(offsets[-1] + width[a] + space)
            placed = _pool(
                [w - o for w, o in zip(wanted, offsets, strict=True)],
                [1.0 if isinstance(n, str) else 2.0 for n in layer],
            )
            for node, value, offset in zip(layer, placed, offsets, strict=True):
                x[node] = value + offset
    shift = min(x.values(), default=0.0)
    return {n: v - shift for n, v in x.items()}


def _pool(values: list[float], weights: list[float]) -> list[float]:
    """The non-decreasing sequence closest to `values` in weighted least squares (pool adjacent
    violators); with the gaps taken out beforehand this keeps order and minimum gaps."""
    blocks: list[list[float]] = []  # [weighted mean, weight, count]
    for value, weight in zip(values, weights, strict=True):
        blocks.append([value, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean2, w2, c2 = blocks.pop()
            mean1, w1, c1 = blocks.pop()
            blocks.append([(mean1 * w1 + mean2 * w2) / (w1 + w2), w1 + w2, c1 + c2])
    out: list[float] = []
    for mean, _, count in blocks:
        out += [mean] * int(count)
    return out
