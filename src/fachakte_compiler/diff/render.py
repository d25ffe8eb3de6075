"""The diff as text (terminal, in the user's language) and JSON (tools, both languages)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

from fachakte_compiler.diff.bump import Bump
from fachakte_compiler.diff.change import Change
from fachakte_compiler.diff.engine import VersionedDiff
from fachakte_compiler.diff.result import CatalogueDiff
from fachakte_compiler.i18n import _, ngettext
from fachakte_compiler.language import german

CLASSES = (Bump.MAJOR, Bump.MINOR, Bump.PATCH)


def version_span(d: VersionedDiff, absent: tuple[str, str]) -> str:
    """'1.0.0 → 1.1.0'; `absent` names a missing old or new version (added, removed)."""
    return f"{d.old_version or absent[0]} → {d.new_version or absent[1]}"


def counts(changes: Iterable[Change]) -> Counter[Bump]:
    return Counter(c.bump for c in changes)


def _all_changes(diff: CatalogueDiff) -> list[Change]:
    return [c for d in diff.versioned for c in d.changes] + diff.catalogue_changes


def _change_lines(changes: Iterable[Change]) -> list[str]:
    """Each change in the user's language, then its migration note and hint."""
    lines = []
    in_german = german()
    width = max(len(b.shown_kind) for b in Bump)
    for change in changes:
        kind = change.bump.shown_kind
        lines.append(f"  {change.code} {kind:<{width}}  {change.shown(in_german)}")
        if migration := change.shown_migration(in_german):
            note = _("migration: {note}").format(note=migration)
            lines.append(f"  {'':5} {'':<{width}}  {note}")
        if hint := change.shown_hint(in_german):
            note = _("hint: {hint}").format(hint=hint)
            lines.append(f"  {'':5} {'':<{width}}  {note}")
    return lines


def to_text(diff: CatalogueDiff) -> str:
    lines: list[str] = []
    for d in diff.versioned:
        need = (
            _("new, any version")
            if d.status == "added"
            else _("removed, no version to raise")
            if d.status == "removed"
            else _("needs a {bump} bump").format(bump=d.required.shown_label)
            if d.changes
            else _("no semantic changes")
        )
        name = d.id if d.kind == "fachakte" else f"Baustein {d.id}"
        span = version_span(d, (_("new"), _("removed")))
        lines.append(f"{name} {span} ({d.source}): {need}")
        lines += _change_lines(d.changes)
    for name, changes in diff.catalogue.items():
        if changes:
            lines.append(_("{file} (no version; shown for review)").format(file=f"{name}.yaml"))
            lines += _change_lines(changes)
    found = counts(_all_changes(diff))
    total = sum(found.values())
    if not total:
        lines.append(_("no semantic changes"))
        return "\n".join(lines)
    fachakten = sum(d.kind == "fachakte" for d in diff.versioned)
    bausteine = sum(d.kind == "baustein" for d in diff.versioned)
    files = sum(bool(c) for c in diff.catalogue.values())
    places = [
        (fachakten, ngettext("{count} Fachakte", "{count} Fachakten", fachakten)),
        (bausteine, ngettext("{count} Baustein", "{count} Bausteine", bausteine)),
        (files, ngettext("{count} catalogue file", "{count} catalogue files", files)),
    ]
    shown = [text.format(count=n) for n, text in places if n] or [places[0][1].format(count=0)]
    parts = ", ".join(f"{found[b]} {b.shown_kind}" for b in CLASSES if found[b])
    where = (
        _("{first} and {last}").format(first=", ".join(shown[:-1]), last=shown[-1])
        if len(shown) > 1
        else shown[0]
    )
    lines.append(
        ngettext(
            "{count} change in {where} ({parts})", "{count} changes in {where} ({parts})", total
        ).format(count=total, where=where, parts=parts)
    )
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
