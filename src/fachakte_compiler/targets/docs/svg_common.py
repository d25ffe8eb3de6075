"""Building blocks of the inline SVG diagrams: boxes with wrapped text, arrows, the frame.

The diagrams are laid out in Python so that they render without JavaScript and come out
byte-identical on every machine. There are no font metrics at build time, so text is wrapped by
an estimated character width that is generous for the usual sans-serif fonts.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

FONT_SIZE = 13
LINE_HEIGHT = 16
CHAR_WIDTH = 7.4
PADDING = 8
STROKE = "#2f4b6e"
FILL = "#f4f7fb"
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"


def num(value: float) -> str:
    """A coordinate with at most one decimal, so float noise never reaches the output."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def esc(text: str) -> str:
    return escape(text, quote=True)


def wrap(text: str, width_px: float) -> list[str]:
    """Greedy word wrap by estimated width; words longer than a line are cut."""
    limit = max(4, int((width_px - 2 * PADDING) // CHAR_WIDTH))
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > limit:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: limit - 1] + "-")
            word = word[limit - 1 :]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= limit:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return lines


def text_height(lines: int) -> float:
    return 2 * PADDING + lines * LINE_HEIGHT


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float
    lines: list[str]
    tooltip: str = ""
    href: str | None = None
    double: bool = False
    bold: bool = False

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w


def box_svg(box: Box) -> str:
    parts = [
        f'<rect x="{num(box.x)}" y="{num(box.y)}" width="{num(box.w)}" '
        f'height="{num(box.h)}" rx="6" fill="{FILL}" stroke="{STROKE}" '
        f'stroke-width="{2 if box.bold else 1.2}"/>'
    ]
    if box.double:
        parts.append(
            f'<rect x="{num(box.x + 3)}" y="{num(box.y + 3)}" width="{num(box.w - 6)}" '
            f'height="{num(box.h - 6)}" rx="4" fill="none" stroke="{STROKE}"/>'
        )
    top = box.cy - len(box.lines) * LINE_HEIGHT / 2 + FONT_SIZE - 2
    spans = "".join(
        f'<tspan x="{num(box.cx)}" y="{num(top + i * LINE_HEIGHT)}">{esc(line)}</tspan>'
        for i, line in enumerate(box.lines)
    )
    parts.append(f'<text text-anchor="middle" fill="#10223a">{spans}</text>')
    if box.tooltip:
        parts.insert(0, f"<title>{esc(box.tooltip)}</title>")
    body = "<g>" + "".join(parts) + "</g>"
    if box.href:
        return f'<a href="{esc(box.href)}">{body}</a>'
    return body


def arrow_path(points: list[tuple[float, float]], marker: str, tooltip: str = "") -> str:
    d = "M" + " L".join(f"{num(x)},{num(y)}" for x, y in points)
    title = f"<title>{esc(tooltip)}</title>" if tooltip else ""
    return (
        f'<path d="{d}" fill="none" stroke="{STROKE}" stroke-width="1.3" '
        f'marker-end="url(#{marker})">{title}</path>'
    )


def marker_defs(marker: str) -> str:
    return (
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{STROKE}"/></marker></defs>'
    )


def badge(x: float, y: float, text: str) -> str:
    """A small numbered circle that ties an arrow to a row of the table below the diagram."""
    return (
        f'<g><circle cx="{num(x)}" cy="{num(y)}" r="9" fill="#fff" stroke="{STROKE}"/>'
        f'<text x="{num(x)}" y="{num(y + 4)}" text-anchor="middle" font-size="11" '
        f'fill="#10223a">{esc(text)}</text></g>'
    )


def svg_frame(
    width: float, height: float, label: str, body: str, css_class: str, role: str = "img"
) -> str:
    """The <svg> element. A drawing with links must not be role="img" (its children would be
    hidden from assistive technology, and axe-core reports nested-interactive): use "group"."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" role="{role}" '
        f'aria-label="{esc(label)}" width="{num(width)}" height="{num(height)}" '
        f'viewBox="0 0 {num(width)} {num(height)}" font-family="{FONT}" '
        f'font-size="{FONT_SIZE}">{body}</svg>'
    )
