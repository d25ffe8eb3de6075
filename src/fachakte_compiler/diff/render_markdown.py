"""The diff as Markdown for pull-request comments, in the user's language (the CI templates set
German): Fachakten, Bausteine and the catalogue-level files each in their own section."""

from __future__ import annotations

from fachakte_compiler.diff.change import Change
from fachakte_compiler.diff.engine import VersionedDiff
from fachakte_compiler.diff.render import CLASSES, counts, version_span
from fachakte_compiler.diff.result import CatalogueDiff
from fachakte_compiler.i18n import _
from fachakte_compiler.language import german


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _change_table(changes: tuple[Change, ...] | list[Change], in_german: bool) -> list[str]:
    lines = [_("| Rule | Class | Change |"), "|---|---|---|"]
    for c in changes:
        bump = f" ({c.bump.shown_label})" if c.versioned else ""
        lines.append(f"| `{c.code}` | {c.bump.shown_kind}{bump} | {_cell(c.shown(in_german))} |")
    for title, notes in (
        (_("**Migration:**"), [c.shown_migration(in_german) for c in changes]),
        (_("**Hints:**"), [c.shown_hint(in_german) for c in changes]),
    ):
        if shown := [note for note in notes if note]:
            lines += ["", title, ""] + [f"- {note}" for note in shown]
    return lines


def _versioned(shown: list[VersionedDiff], label: str, in_german: bool) -> list[str]:
    lines = [
        _("| {label} | Version | Changes | Required version bump |").format(label=label),
        "|---|---|---|---|",
    ]
    for d in shown:
        found = counts(d.changes)
        parts = ", ".join(f"{found[b]} {b.shown_kind}" for b in CLASSES if found[b])
        need = (
            _("none (new)")
            if d.status == "added"
            else _("none (removed)")
            if d.status == "removed"
            else d.required.shown_label
            if d.changes
            else "–"
        )
        span = version_span(d, (_("(new)"), _("(removed)")))
        lines.append(f"| {_cell(d.title)} (`{d.id}`) | {span} | {parts or '–'} | {need} |")
    for d in shown:
        if d.changes:
            lines += [
                "",
                f"### {_cell(d.title)} (`{d.id}`)",
                "",
                *_change_table(d.changes, in_german),
            ]
    return lines


def to_markdown(diff: CatalogueDiff) -> str:
    in_german = german()
    fachakten = [d for d in diff.fachakten if d.touched]
    bausteine = [d for d in diff.bausteine if d.touched]
    sections = diff.sections(in_german)
    lines = [_("## Semantic changes of the E-Fachakten"), ""]
    if not any(d.changes for d in (*fachakten, *bausteine)) and not sections:
        lines.append(_("No semantic changes."))
    if fachakten:
        lines += _versioned(fachakten, "Fachakte", in_german)
    if bausteine:
        lines += ["", "## Bausteine", "", *_versioned(bausteine, "Baustein", in_german)]
    unversioned = _(
        "No version of their own, hence no version bump; the class shows the reach for the "
        "municipalities concerned. Effective with the next release."
    )
    for title, changes in sections.items():
        lines += ["", f"## {title}", "", unversioned, "", *_change_table(changes, in_german)]
    return "\n".join(lines)
