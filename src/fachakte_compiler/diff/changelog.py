"""A changelog per Fachakte and Baustein in the user's language (German in the release notes),
grouped by what the changes mean for the municipalities, followed by the changes of tenants,
delegations and the Aktenplan."""

from __future__ import annotations

from pathlib import Path

from fachakte_compiler.diff.bump import Bump
from fachakte_compiler.diff.change import Change
from fachakte_compiler.diff.engine import VersionedDiff
from fachakte_compiler.diff.result import CatalogueDiff
from fachakte_compiler.i18n import N_, _
from fachakte_compiler.language import german

# Headings, translated where they are shown.
SECTIONS = (
    (Bump.MAJOR, N_("Breaking changes (new major version)")),
    (Bump.MINOR, N_("Compatible extensions (new minor version)")),
    (Bump.PATCH, N_("Cosmetic changes (patch)")),
)
# The same grouping for files without a version: the class, not a bump.
UNVERSIONED = (
    (Bump.MAJOR, N_("Restricting changes")),
    (Bump.MINOR, N_("Extending changes")),
    (Bump.PATCH, N_("Cosmetic changes")),
)


def _items(changes: tuple[Change, ...] | list[Change]) -> list[str]:
    lines = []
    in_german = german()
    for change in changes:
        lines.append(f"- {change.shown(in_german)} ({change.code})")
        if migration := change.shown_migration(in_german):
            lines.append("  - " + _("Migration: {note}").format(note=migration))
        if hint := change.shown_hint(in_german):
            lines.append("  - " + _("Hint: {hint}").format(hint=hint))
    return lines


def _grouped(
    changes: tuple[Change, ...] | list[Change], heading: str, groups: tuple[tuple[Bump, str], ...]
) -> list[str]:
    lines = []
    for bump, title in groups:
        chosen = [c for c in changes if c.bump is bump]
        if chosen:
            lines += [f"{heading} {_(title)}", "", *_items(chosen), ""]
    return lines


def _versioned(d: VersionedDiff, heading: str) -> list[str]:
    lines = [f"{heading} {d.title} (`{d.id}`)", ""]
    if d.status == "added":
        return [
            *lines,
            _("New in the catalogue, version {version}.").format(version=d.new_version),
            "",
        ]
    if d.status == "removed":
        removed = _("Removed from the catalogue (last version {version}).")
        return [*lines, removed.format(version=d.old_version), ""]
    lines += [f"Version {d.old_version} → {d.new_version}.", ""]
    if not d.changes:
        lines += [_("No semantic changes."), ""]
    return lines + _grouped(d.changes, f"{heading}#", SECTIONS)


def render_changelog(diff: CatalogueDiff, rev: str, level: int = 1) -> str:
    """Markdown in the user's language whose top heading has `level`; with level > 1 the title
    line is left out, so the text can be embedded (the release notes do that, in German)."""
    shown_rev = f"`{rev}`"
    title = _("# Changes of the E-Fachakten since {rev}").format(rev=shown_rev)
    lines = [] if level > 1 else [title, ""]
    fachakten = [d for d in diff.fachakten if d.touched]
    bausteine = [d for d in diff.bausteine if d.touched]
    sections = diff.sections(german())
    if not (fachakten or bausteine or sections):
        none = _("No semantic changes since {rev}.").format(rev=shown_rev)
        return "\n".join([*lines, none]) + "\n"
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
    """The German changelog of the catalogue at `root` since git revision `rev`, for embedding
    under a level-2 heading of the release notes. A base that cannot be compared is said in the
    text, not raised."""
    from fachakte_compiler.diff.sources import SideInvalid, diff_against_revision
    from fachakte_compiler.errors import GitError
    from fachakte_compiler.language import fixed_language
    from fachakte_compiler.load.catalogue import CatalogueError

    with fixed_language("de"):
        try:
            diff = diff_against_revision(rev, root)
        except (GitError, SideInvalid, CatalogueError) as exc:
            return f"Die fachlichen Änderungen seit `{rev}` ließen sich nicht ermitteln: {exc}\n"
        return render_changelog(diff, rev, level=3)
