"""A German changelog per Fachakte, grouped by what the changes mean for the municipalities."""

from __future__ import annotations

from pathlib import Path

from fachakte_compiler.diff.bump import Bump
from fachakte_compiler.diff.engine import FachakteDiff

SECTIONS = (
    (Bump.MAJOR, "Inkompatible Änderungen (neue Hauptversion)"),
    (Bump.MINOR, "Kompatible Erweiterungen (neue Nebenversion)"),
    (Bump.PATCH, "Redaktionelle Änderungen (Patch)"),
)


def render_changelog(diffs: list[FachakteDiff], rev: str, level: int = 1) -> str:
    """Markdown whose top heading has `level`; with level > 1 the title line is left out, so
    the text can be embedded (the release notes do that)."""
    top = "#" * level
    lines = [] if level > 1 else [f"# Änderungen der E-Fachakten seit `{rev}`", ""]
    shown = [d for d in diffs if d.touched]
    if not shown:
        return "\n".join([*lines, f"Keine fachlichen Änderungen seit `{rev}`."]) + "\n"
    section = top if level > 1 else "##"
    for d in shown:
        lines += [f"{section} {d.title} (`{d.id}`)", ""]
        if d.status == "added":
            lines += [f"Neu im Katalog, Version {d.new_version}.", ""]
            continue
        if d.status == "removed":
            lines += [f"Aus dem Katalog entfernt (zuletzt Version {d.old_version}).", ""]
            continue
        lines += [f"Version {d.old_version} → {d.new_version}.", ""]
        if not d.changes:
            lines += ["Keine fachlichen Änderungen.", ""]
        for bump, heading in SECTIONS:
            changes = [c for c in d.changes if c.bump is bump]
            if not changes:
                continue
            lines += [f"{section}# {heading}", ""]
            for change in changes:
                lines.append(f"- {change.de} ({change.code})")
                if change.migration:
                    lines.append(f"  - Migration: {change.migration}")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def changelog_since(root: Path, rev: str) -> str:
    """The changelog of the catalogue at `root` since git revision `rev`, for embedding under
    a level-2 heading. A base that cannot be compared is said in the text, not raised."""
    from fachakte_compiler.diff.revision import RevisionError
    from fachakte_compiler.diff.sources import SideInvalid, diff_against_revision
    from fachakte_compiler.load.catalogue import CatalogueError

    try:
        diffs = diff_against_revision(rev, root)
    except (RevisionError, SideInvalid, CatalogueError) as exc:
        return f"Die fachlichen Änderungen seit `{rev}` ließen sich nicht ermitteln: {exc}\n"
    return render_changelog(diffs, rev, level=3)
