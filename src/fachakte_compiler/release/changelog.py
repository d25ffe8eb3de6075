"""CHANGELOG.md of a release: what changed in the catalogue since the previous release tag:
the semantic changelog of `fachakte diff`, then every Fachakte and Baustein with its version
and source hash compared with the definitions at the previous `release-*` tag."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fachakte_compiler.diff.result import CatalogueDiff
from fachakte_compiler.git import Tag, files_at
from fachakte_compiler.model import Catalogue

if TYPE_CHECKING:
    from collections.abc import Sequence

    from fachakte_compiler.release.versions import Violation

_KINDS = (("fachakten", "Fachakten"), ("bausteine", "Bausteine"))


@dataclass(frozen=True)
class Entry:
    id: str
    version: str
    title: str
    sha256: str


def _current(catalogue: Catalogue) -> dict[str, dict[str, Entry]]:
    return {
        "fachakten": {
            f.id: Entry(f.id, f.version, f.title, f.source_sha256) for f in catalogue.fachakten
        },
        "bausteine": {
            b.id: Entry(b.id, b.version, b.title, b.source_sha256) for b in catalogue.bausteine
        },
    }


def _at_tag(root: Path, tag: Tag) -> dict[str, dict[str, Entry]]:
    from fachakte_compiler.load.source import content_sha256
    from fachakte_compiler.load.yaml_loader import plain_data

    result: dict[str, dict[str, Entry]] = {folder: {} for folder, _ in _KINDS}
    for rel, raw in sorted(files_at(root, tag.commit).items()):
        folder, _, name = rel.partition("/")
        if folder not in result or "/" in name or not name.endswith((".yaml", ".yml")):
            continue
        data: Any = plain_data(raw, rel)
        if not isinstance(data, dict):
            data = {}
        ident = str(data.get("id") or name.rsplit(".", 1)[0])
        result[folder][ident] = Entry(
            ident,
            str(data.get("version", "?")),
            str(data.get("title", "")),
            content_sha256(raw),  # as the loader hashes the current files
        )
    return result


def _section(heading: str, old: dict[str, Entry], new: dict[str, Entry]) -> list[str]:
    lines = [f"## {heading}", ""]
    for ident in sorted(set(old) | set(new)):
        before, after = old.get(ident), new.get(ident)
        if before is None and after is not None:
            lines.append(
                f"- **{ident}** {after.version} – {after.title}: neu (Quelle `{after.sha256[:12]}`)"
            )
        elif after is None and before is not None:
            lines.append(f"- **{ident}** {before.version}: entfernt")
        elif before is not None and after is not None and before.sha256 != after.sha256:
            bump = (
                f"{before.version} → {after.version}"
                if before.version != after.version
                else f"{after.version} (Version unverändert)"
            )
            lines.append(
                f"- **{ident}** {bump} – {after.title}: geändert "
                f"(Quelle `{before.sha256[:12]}` → `{after.sha256[:12]}`)"
            )
        elif after is not None:
            lines.append(f"- {ident} {after.version}: unverändert")
    if len(lines) == 2:
        lines.append("- keine")
    return [*lines, ""]


def render_changelog(
    root: Path,
    catalogue: Catalogue,
    release_id: str,
    previous: Tag | None,
    semantic: CatalogueDiff | None,
    overridden: Sequence[Violation] = (),
) -> bytes:
    """`semantic` is the diff since `previous` (None for a first release); `overridden` the
    version violations that --allow-version-violations let ship, named first."""
    lines = [f"# Änderungen in {release_id}", ""]
    if overridden:
        lines += [
            "## Versionsregeln übergangen",
            "",
            "Dieses Release wurde mit `--allow-version-violations` erstellt: Diese Versionen "
            "passen nicht zu ihren Änderungen (`fachakte explain FD001`); eine Installation "
            "erkennt das nicht an der Versionsnummer.",
            "",
            *(f"- {v.german[0]}" for v in overridden),
            "",
        ]
    if previous is None:
        lines += [
            "Erstes Release: Es gibt kein früheres Release-Tag (`release-*`); alle "
            "Fachakten und Bausteine sind neu.",
            "",
        ]
        old: dict[str, dict[str, Entry]] = {folder: {} for folder, _ in _KINDS}
    else:
        lines += [
            f"Verglichen mit dem vorigen Release `{previous.name}` "
            f"(Commit {previous.commit[:12]}).",
            "",
        ]
        old = _at_tag(root, previous)
        if semantic is not None:
            from fachakte_compiler.diff.changelog import render_changelog as semantic_changelog
            from fachakte_compiler.language import fixed_language

            # The release notes are German documentation, whatever the user's language.
            with fixed_language("de"):
                text = semantic_changelog(semantic, previous.name, level=3)
            lines += ["## Fachliche Änderungen", "", text.strip(), ""]
    new = _current(catalogue)
    for folder, heading in _KINDS:
        lines += _section(heading, old[folder], new[folder])
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")
