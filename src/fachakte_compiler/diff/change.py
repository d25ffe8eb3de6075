"""One semantic change of a Fachakte, a Baustein or a catalogue-level file, and the collector
the comparisons report into."""

from __future__ import annotations

from dataclasses import dataclass, field

from fachakte_compiler.diff.bump import Bump
from fachakte_compiler.diff.rules import Rule

# kind -> (English, German) names used in one-liners.
KINDS = {
    "fachakte": ("Fachakte", "Fachakte"),
    "baustein": ("Baustein", "Baustein"),
    "delegation": ("delegation", "Aufgabenübertragung"),
    "tenant": ("tenant", "Mandant"),
    "doxis4": ("Doxis4 settings", "Doxis4-Einstellungen"),
    "aktenplan": ("Aktenplan", "Aktenplan"),
    "aktenplan_unit": ("Aktenplan unit", "Aktenplaneinheit"),
    "akte": ("Akte", "Akte"),
    "field": ("field", "Feld"),
    "code_list": ("value list", "Werteliste"),
    "code_value": ("value", "Wert"),
    "document_type": ("document type", "Dokumentart"),
    "register": ("register", "Register"),
    "role": ("role", "Rolle"),
    "state": ("state", "Status"),
    "workflow": ("workflow", "Bearbeitungsablauf"),
    "transition": ("transition", "Übergang"),
    "resubmission": ("resubmission", "Wiedervorlage"),
    "retention": ("retention of", "Aufbewahrung von"),
    "aktenzeichen": ("Aktenzeichen rule", "Aktenzeichen-Regel"),
    "kennzeichen": ("Aktenplan Kennzeichen", "Aktenplankennzeichen"),
    "display_title": ("display title", "Anzeigetitel"),
}


@dataclass(frozen=True)
class Ref:
    """An element: its kind and dotted id path (empty for the Fachakte or Baustein itself)."""

    kind: str
    name: str = ""

    @property
    def en(self) -> str:
        label = KINDS[self.kind][0]
        return f"{label} '{self.name}'" if self.name else label

    @property
    def de(self) -> str:
        label = KINDS[self.kind][1]
        return f"{label} „{self.name}“" if self.name else label

    def child(self, kind: str, name: str) -> Ref:
        return Ref(kind, f"{self.name}.{name}" if self.name else name)


@dataclass(frozen=True)
class Change:
    """`owner` is the Fachakte or Baustein id, or the catalogue file's kind ('delegations')."""

    code: str
    name: str
    bump: Bump
    owner: str
    element: str
    en: str
    de: str
    migration: str | None = None
    versioned: bool = True

    def as_dict(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "rule": self.name,
            "class": self.bump.kind,
            "bump": self.bump.label if self.versioned else None,
            "element": self.element,
            "message": self.en,
            "message_de": self.de,
            "migration": self.migration,
        }


@dataclass
class Collector:
    owner: str
    changes: list[Change] = field(default_factory=list)
    kind: str = "fachakte"

    @property
    def ref(self) -> Ref:
        """The Fachakte or Baustein itself."""
        return Ref(self.kind)

    def emit(
        self,
        rule: Rule,
        ref: Ref,
        old: object = "",
        new: object = "",
        detail: tuple[str, str] = ("", ""),
        migration: str | None = None,
    ) -> None:
        old_s, new_s = _show(old), _show(new)
        self.changes.append(
            Change(
                rule.code,
                rule.name,
                rule.bump,
                self.owner,
                f"{ref.kind}:{ref.name}" if ref.name else ref.kind,
                rule.en.format(what=ref.en, old=old_s, new=new_s, detail=detail[0]),
                rule.de.format(what=ref.de, old=old_s, new=new_s, detail=detail[1]),
                migration,
                rule.versioned,
            )
        )


def _show(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value) or "–"
    return "–" if value is None else str(value)
