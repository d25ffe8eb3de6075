"""The diff as text (terminal), JSON (tools) and Markdown (pull-request comments, German)."""

from __future__ import annotations

import json
from collections import Counter

from fachakte_compiler.diff.bump import Bump
from fachakte_compiler.diff.engine import FachakteDiff

WIDTH = max(len(b.kind) for b in Bump)


def _version(d: FachakteDiff, absent: tuple[str, str] = ("(neu)", "(entfernt)")) -> str:
    return f"{d.old_version or absent[0]} → {d.new_version or absent[1]}"


def _counts(diffs: list[FachakteDiff]) -> Counter[Bump]:
    return Counter(c.bump for d in diffs for c in d.changes)


def to_text(diffs: list[FachakteDiff]) -> str:
    shown = [d for d in diffs if d.touched]
    lines: list[str] = []
    for d in shown:
        need = f"needs a {d.required.label} bump" if d.changes else "no semantic changes"
        lines.append(f"{d.id} {_version(d, ('new', 'removed'))} ({d.source}): {need}")
        for change in d.changes:
            lines.append(f"  {change.code} {change.bump.kind:<{WIDTH}}  {change.en}")
            lines.append(f"  {'':5} {'':<{WIDTH}}  {change.de}")
            if change.migration:
                lines.append(f"  {'':5} {'':<{WIDTH}}  migration: {change.migration}")
    counts = _counts(shown)
    total = sum(counts.values())
    if not total:
        lines.append("no semantic changes")
    else:
        parts = ", ".join(
            f"{counts[b]} {b.kind}" for b in (Bump.MAJOR, Bump.MINOR, Bump.PATCH) if counts[b]
        )
        lines.append(
            f"{total} change{'s' * (total != 1)} in {len(shown)} Fachakte"
            f"{'n' * (len(shown) != 1)} ({parts})"
        )
    return "\n".join(lines)


def to_json(diffs: list[FachakteDiff]) -> str:
    counts = _counts(diffs)
    document = {
        "fachakten": [
            {
                "id": d.id,
                "title": d.title,
                "source": d.source,
                "status": d.status,
                "old_version": d.old_version,
                "new_version": d.new_version,
                "required_bump": d.required.label,
                "changes": [c.as_dict() for c in d.changes],
            }
            for d in diffs
            if d.touched
        ],
        "summary": {b.kind: counts[b] for b in (Bump.MAJOR, Bump.MINOR, Bump.PATCH)},
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(diffs: list[FachakteDiff]) -> str:
    shown = [d for d in diffs if d.touched]
    lines = ["## Semantische Änderungen der E-Fachakten", ""]
    if not any(d.changes for d in shown):
        lines.append("Keine fachlichen Änderungen.")
    if shown:
        lines += [
            "| Fachakte | Version | Änderungen | Nötige Versionserhöhung |",
            "|---|---|---|---|",
        ]
        for d in shown:
            counts = Counter(c.bump for c in d.changes)
            parts = ", ".join(
                f"{counts[b]} {b.kind_de}"
                for b in (Bump.MAJOR, Bump.MINOR, Bump.PATCH)
                if counts[b]
            )
            lines.append(
                f"| {_cell(d.title)} (`{d.id}`) | {_version(d)} | {parts or '–'} | "
                f"{d.required.label if d.changes else '–'} |"
            )
    for d in shown:
        if not d.changes:
            continue
        lines += [
            "",
            f"### {_cell(d.title)} (`{d.id}`)",
            "",
            "| Regel | Klasse | Änderung |",
            "|---|---|---|",
        ]
        lines += [
            f"| `{c.code}` | {c.bump.kind_de} ({c.bump.label}) | {_cell(c.de)} |" for c in d.changes
        ]
        notes = [c.migration for c in d.changes if c.migration]
        if notes:
            lines += ["", "**Migration:**", ""] + [f"- {note}" for note in notes]
    return "\n".join(lines)


RENDERERS = {"text": to_text, "json": to_json, "markdown": to_markdown}
