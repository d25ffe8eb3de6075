"""The file-structure diagram: Akte → Register → Dokumenttypen as a tree from left to right.

Every document-type box links to its description further down the page.
"""

from __future__ import annotations

from fachakte_compiler.model import Fachakte
from fachakte_compiler.targets.docs.svg_common import (
    Box,
    arrow_path,
    box_svg,
    marker_defs,
    svg_frame,
    text_height,
    wrap,
)

AKTE_W = 190.0
REGISTER_W = 230.0
DOC_W = 270.0
COL_GAP = 56.0
ROW_GAP = 10.0
GROUP_GAP = 22.0
MARGIN = 16.0


def structure_svg(fachakte: Fachakte, marker: str, anchor: str) -> str:
    """`anchor` maps a document-type id to the fragment of its description on the page."""
    reg_x = MARGIN + AKTE_W + COL_GAP
    doc_x = reg_x + REGISTER_W + COL_GAP
    y = MARGIN
    registers: list[tuple[Box, list[Box]]] = []
    for register in fachakte.akte.registers:
        docs: list[Box] = []
        top = y
        for doc_id in register.document_types:
            doc = fachakte.document_type(doc_id)
            lines = wrap(doc.title, DOC_W)
            docs.append(
                Box(
                    doc_x,
                    y,
                    DOC_W,
                    text_height(len(lines)),
                    lines,
                    tooltip=doc.title,
                    href=f"#{anchor}{doc.id}",
                )
            )
            y += docs[-1].h + ROW_GAP
        lines = wrap(register.title, REGISTER_W)
        h = text_height(len(lines))
        bottom = max(y - ROW_GAP, top + h)
        reg = Box(
            reg_x,
            (top + bottom - h) / 2,
            REGISTER_W,
            h,
            lines,
            tooltip=f"Register: {register.title}",
        )
        registers.append((reg, docs))
        y = max(y - ROW_GAP, reg.bottom) + GROUP_GAP
    height = y - GROUP_GAP + MARGIN
    lines = wrap(fachakte.akte.title, AKTE_W)
    akte_h = text_height(len(lines))
    akte = Box(
        MARGIN,
        (height - akte_h) / 2,
        AKTE_W,
        akte_h,
        lines,
        tooltip=f"Akte: {fachakte.akte.title}",
        bold=True,
    )

    body = [marker_defs(marker), box_svg(akte)]
    for reg, docs in registers:
        elbow = akte.right + COL_GAP / 2
        body.append(
            arrow_path(
                [(akte.right, akte.cy), (elbow, akte.cy), (elbow, reg.cy), (reg.x, reg.cy)], marker
            )
        )
        body.append(box_svg(reg))
        for doc_box in docs:
            elbow = reg.right + COL_GAP / 2
            body.append(
                arrow_path(
                    [
                        (reg.right, reg.cy),
                        (elbow, reg.cy),
                        (elbow, doc_box.cy),
                        (doc_box.x, doc_box.cy),
                    ],
                    marker,
                )
            )
            body.append(box_svg(doc_box))
    return svg_frame(
        doc_x + DOC_W + MARGIN,
        height,
        "Aktenstruktur: Akte, Register und Dokumenttypen",
        "".join(body),
        "diagramm struktur",
        role="group",
    )
