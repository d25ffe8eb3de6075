"""The diff as text (terminal), JSON (tools) and Markdown (pull-request comments, German)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

from fachakte_compiler.diff.bump import Bump
from fachakte_compiler.diff.change import Change
from fachakte_compiler.diff.engine import VersionedDiff
from fachakte_compiler.diff.result import CatalogueDiff

WIDTH = max(len(b.kind) for b in Bump)
CLASSES = (Bump.MAJOR, Bump.MINOR, Bump.PATCH)


def version_span(d: VersionedDiff, absent: tuple[str, str] = ("(neu)", "(entfernt)")) -> str:
    return f"{d.old_version or absent[0]} → {d.new_version or absent[1]}"


def counts(changes: Iterable[Change]) -> Counter[Bump]:
    return Counter(c.bump for c in changes)


def _all_changes(diff: CatalogueDiff) -> list[Change]:
    return [c for d in diff.versioned for c in d.changes] + diff.catalogue_changes


def _change_lines(changes: Iterable[Change]) -> list[str]:
    lines = []
    for change in changes:
        lines.append(f"  {change.code} {change.bump.kind:<{WIDTH}}  {change.en}")
        lines.append(f"  {'':5} {'':<{WIDTH}}  {change.de}")
        if change.migration:
            lines.append(f"  {'':5} {'':<{WIDTH}}  migration: {change.migration}")
        if change.hint:
            lines.append(f"  {'':5} {'':<{WIDTH}}  hint: {change.hint[0]}")
    return lines


def _plural(number: int, word: str, ending: str) -> str:
    return f"{number} {word}{ending * (number != 1)}"


def to_text(diff: CatalogueDiff) -> str:
    lines: list[str] = []
    for d in diff.versioned:
        need = (
            "new, any version"
            if d.status == "added"
            else f"needs a {d.required.label} bump"
            if d.changes
            else "no semantic changes"
        )
        name = d.id if d.kind == "fachakte" else f"Baustein {d.id}"
        lines.append(f"{name} {version_span(d, ('new', 'removed'))} ({d.source}): {need}")
        lines += _change_lines(d.changes)
    for name, changes in diff.catalogue.items():
        if changes:
            lines.append(f"{name}.yaml (no version; shown for review)")
            lines += _change_lines(changes)
    found = counts(_all_changes(diff))
    total = sum(found.values())
    if not total:
        lines.append("no semantic changes")
        return "\n".join(lines)
    places = [
        _plural(sum(d.kind == "fachakte" for d in diff.versioned), "Fachakte", "n"),
        _plural(sum(d.kind == "baustein" for d in diff.versioned), "Baustein", "e"),
        _plural(sum(bool(c) for c in diff.catalogue.values()), "catalogue file", "s"),
    ]
    shown = [p for p in places if not p.startswith("0 ")] or places[:1]
    parts = ", ".join(f"{found[b]} {b.kind}" for b in CLASSES if found[b])
    where = ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]
    lines.append(f"{_plural(total, 'change', 's')} in {where} ({parts})")
    return "\n".join(lines)


def _versioned_json(d: VersionedDiff) -> dict[str, object]:
    return {
        "id": d.id,
        "title": d.title,
        "source": d.source,
        "status": d.status,
        "old_version": d.old_version,
        "new_version": d.new_version,
        "required_bump": d.required.label,
        "changes": [c.as_dict() for c in d.changes],
    }


def to_json(diff: CatalogueDiff) -> str:
    found = counts(_all_changes(diff))
    document = {
        "fachakten": [_versioned_json(d) for d in diff.fachakten if d.touched],
        "bausteine": [_versioned_json(d) for d in diff.bausteine if d.touched],
        # Catalogue-level changes have a class but no bump: those files carry no version.
        "catalogue": {
            name: [c.as_dict() for c in changes] for name, changes in diff.catalogue.items()
        },
        "summary": {b.kind: found[b] for b in CLASSES},
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
