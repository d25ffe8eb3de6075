"""A German changelog per Fachakte and Baustein, grouped by what the changes mean for the
municipalities, followed by the changes of tenants, delegations and the Aktenplan."""

from __future__ import annotations

from pathlib import Path

from fachakte_compiler.diff.bump import Bump
from fachakte_compiler.diff.change import Change
from fachakte_compiler.diff.engine import VersionedDiff
from fachakte_compiler.diff.result import CatalogueDiff

SECTIONS = (
    (Bump.MAJOR, "Inkompatible Änderungen (neue Hauptversion)"),
    (Bump.MINOR, "Kompatible Erweiterungen (neue Nebenversion)"),
    (Bump.PATCH, "Redaktionelle Änderungen (Patch)"),
)
# The same grouping for files without a version: the class, not a bump.
UNVERSIONED = (
    (Bump.MAJOR, "Einschränkende Änderungen"),
    (Bump.MINOR, "Erweiternde Änderungen"),
    (Bump.PATCH, "Redaktionelle Änderungen"),
)


def _items(changes: tuple[Change, ...] | list[Change]) -> list[str]:
    lines = []
    for change in changes:
        lines.append(f"- {change.de} ({change.code})")
        if change.migration:
            lines.append(f"  - Migration: {change.migration[1]}")
        if change.hint:
            lines.append(f"  - Hinweis: {change.hint[1]}")
    return lines


def _grouped(
    changes: tuple[Change, ...] | list[Change], heading: str, groups: tuple[tuple[Bump, str], ...]
) -> list[str]:
    lines = []
    for bump, title in groups:
        chosen = [c for c in changes if c.bump is bump]
        if chosen:
            lines += [f"{heading} {title}", "", *_items(chosen), ""]
    return lines


def _versioned(d: VersionedDiff, heading: str) -> list[str]:
    lines = [f"{heading} {d.title} (`{d.id}`)", ""]
    if d.status == "added":
        return [*lines, f"Neu im Katalog, Version {d.new_version}.", ""]
    if d.status == "removed":
        return [*lines, f"Aus dem Katalog entfernt (zuletzt Version {d.old_version}).", ""]
    lines += [f"Version {d.old_version} → {d.new_version}.", ""]
    if not d.changes:
        lines += ["Keine fachlichen Änderungen.", ""]
    return lines + _grouped(d.changes, f"{heading}#", SECTIONS)


def render_changelog(diff: CatalogueDiff, rev: str, level: int = 1) -> str:
    """Markdown whose top heading has `level`; with level > 1 the title line is left out, so
    the text can be embedded (the release notes do that)."""
    lines = [] if level > 1 else [f"# Änderungen der E-Fachakten seit `{rev}`", ""]
    fachakten = [d for d in diff.fachakten if d.touched]
    bausteine = [d for d in diff.bausteine if d.touched]
    sections = diff.sections(in_german=True)
    if not (fachakten or bausteine or sections):
        return "\n".join([*lines, f"Keine fachlichen Änderungen seit `{rev}`."]) + "\n"
    item = "#" * max(level, 2)
    for d in fachakten:
        lines += _versioned(d, item)
    if bausteine:
        # Under their own heading one level up, so they do not read as Fachakten.
        lines += [f"{item} Bausteine", ""]
        for d in bausteine:
            lines += _versioned(d, f"{item}#")
    for title, changes in sections.items():
        lines += [f"{item} {title}", ""]
        lines += _grouped(changes, f"{item}#", UNVERSIONED)
    return "\n".join(lines).rstrip("\n") + "\n"


def changelog_since(root: Path, rev: str) -> str:
    """The changelog of the catalogue at `root` since git revision `rev`, for embedding under
    a level-2 heading. A base that cannot be compared is said in the text, not raised."""
    from fachakte_compiler.diff.sources import SideInvalid, diff_against_revision
    from fachakte_compiler.errors import GitError
    from fachakte_compiler.load.catalogue import CatalogueError

    try:
        diff = diff_against_revision(rev, root)
    except (GitError, SideInvalid, CatalogueError) as exc:
        return f"Die fachlichen Änderungen seit `{rev}` ließen sich nicht ermitteln: {exc}\n"
    return render_changelog(diff, rev, level=3)
