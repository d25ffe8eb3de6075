"""The whole diff of two catalogues: Fachakten, Bausteine and the catalogue-level files."""

from __future__ import annotations

from dataclasses import dataclass, field

from fachakte_compiler.diff.change import Change
from fachakte_compiler.diff.engine import VersionedDiff

# Catalogue-level files -> their section title (English, German) in changelogs and Markdown.
# Tenants and delegations share one section: together they decide who may act in which Doxis4
# unit.
_TENANTS = ("Tenants and delegations", "Mandanten und Aufgabenübertragungen")
SECTIONS = {"tenants": _TENANTS, "delegations": _TENANTS, "aktenplan": ("Aktenplan", "Aktenplan")}


@dataclass(frozen=True)
class CatalogueDiff:
    """`catalogue` maps a catalogue-level file ('tenants', 'delegations', 'aktenplan') to its
    changes; those files carry no version, so their changes never require a bump."""

    fachakten: list[VersionedDiff] = field(default_factory=list)
    bausteine: list[VersionedDiff] = field(default_factory=list)
    catalogue: dict[str, tuple[Change, ...]] = field(default_factory=dict)

    @property
    def versioned(self) -> list[VersionedDiff]:
        """Fachakten and Bausteine that are worth showing."""
        return [d for d in (*self.fachakten, *self.bausteine) if d.touched]

    @property
    def catalogue_changes(self) -> list[Change]:
        return [c for changes in self.catalogue.values() for c in changes]

    def sections(self, in_german: bool) -> dict[str, list[Change]]:
        """Catalogue-level changes under their section titles in German or English, in a
        fixed order."""
        sections: dict[str, list[Change]] = {}
        for name, changes in self.catalogue.items():
            if changes:
                sections.setdefault(SECTIONS[name][in_german], []).extend(changes)
        return sections
