"""Plain-text tables for the terminal: columns as wide as their widest entry."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def text_width(text: str) -> int:
    """Terminal columns `text` takes: combining marks take none (a decomposed 'ü' is one
    column), East Asian wide and full-width characters two, every other character one."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def aligned(rows: Sequence[Sequence[str]], gap: str = "  ") -> list[str]:
    """`rows` as lines whose columns start at the same place: each column but the last is
    padded to the width of its widest entry, the last is left as it is (no trailing blanks)."""
    if not rows:
        return []
    count = max(len(row) for row in rows)
    widths = [
        max((text_width(row[i]) for row in rows if i < len(row)), default=0)
        for i in range(count - 1)
    ]
    lines = []
    for row in rows:
        cells = [
            cell + " " * (widths[i] - text_width(cell)) if i < len(row) - 1 else cell
            for i, cell in enumerate(row)
        ]
        lines.append(gap.join(cells).rstrip())
    return lines
