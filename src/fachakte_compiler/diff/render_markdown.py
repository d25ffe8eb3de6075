"""The diff as German Markdown for pull-request comments: Fachakten, Bausteine and the
catalogue-level files each in their own section."""

from __future__ import annotations

from fachakte_compiler.diff.change import Change
from fachakte_compiler.diff.engine import VersionedDiff
from fachakte_compiler.diff.render import CLASSES, counts, version_span
from fachakte_compiler.diff.result import CatalogueDiff

UNVERSIONED_NOTE = (
    "Ohne eigene Version, daher ohne Versionserhöhung; die Klasse zeigt die Tragweite für die "
    "betroffenen Kommunen. Wirksam mit dem nächsten Release."
)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _change_table(changes: tuple[Change, ...] | list[Change]) -> list[str]:
    lines = ["| Regel | Klasse | Änderung |", "|---|---|---|"]
    for c in changes:
        bump = f" ({c.bump.label})" if c.versioned else ""
        lines.append(f"| `{c.code}` | {c.bump.kind_de}{bump} | {_cell(c.de)} |")
    notes = [c.migration for c in changes if c.migration]
    if notes:
        lines += ["", "**Migration:**", ""] + [f"- {note}" for note in notes]
    hints = [c.hint[1] for c in changes if c.hint]
    if hints:
        lines += ["", "**Hinweise:**", ""] + [f"- {hint}" for hint in hints]
    return lines


def _versioned(shown: list[VersionedDiff], label: str) -> list[str]:
    lines = [
        f"| {label} | Version | Änderungen | Nötige Versionserhöhung |",
        "|---|---|---|---|",
    ]
    for d in shown:
        found = counts(d.changes)
        parts = ", ".join(f"{found[b]} {b.kind_de}" for b in CLASSES if found[b])
        lines.append(
            f"| {_cell(d.title)} (`{d.id}`) | {version_span(d)} | {parts or '–'} | "
            f"{'keine (neu)' if d.status == 'added' else d.required.label if d.changes else '–'} |"
        )
    for d in shown:
        if d.changes:
            lines += ["", f"### {_cell(d.title)} (`{d.id}`)", "", *_change_table(d.changes)]
    return lines


def to_markdown(diff: CatalogueDiff) -> str:
    fachakten = [d for d in diff.fachakten if d.touched]
    bausteine = [d for d in diff.bausteine if d.touched]
    sections = diff.sections_de()
    lines = ["## Semantische Änderungen der E-Fachakten", ""]
    if not any(d.changes for d in (*fachakten, *bausteine)) and not sections:
        lines.append("Keine fachlichen Änderungen.")
    if fachakten:
        lines += _versioned(fachakten, "Fachakte")
    if bausteine:
        lines += ["", "## Bausteine", "", *_versioned(bausteine, "Baustein")]
    for title, changes in sections.items():
        lines += ["", f"## {title}", "", UNVERSIONED_NOTE, "", *_change_table(changes)]
    return "\n".join(lines)
