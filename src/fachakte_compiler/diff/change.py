"""One semantic change of a Fachakte, a Baustein or a catalogue-level file, and the collector
the comparisons report into."""

from __future__ import annotations

from dataclasses import dataclass, field

from fachakte_compiler.diff.bump import Bump
from fachakte_compiler.diff.rules import Rule
from fachakte_compiler.model.enums import Labelled

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
    "document_type": ("document type", "Dokumenttyp"),
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
    # What to do when installing (en, de), e.g. that stored values move to a renamed field.
    migration: tuple[str, str] | None = None
    versioned: bool = True
    # A suggestion to the author (en, de), e.g. that an added field may be a renamed one.
    hint: tuple[str, str] | None = None

    def shown(self, in_german: bool) -> str:
        """The one-liner in German or English."""
        return self.de if in_german else self.en

    def shown_migration(self, in_german: bool) -> str | None:
        return self.migration[in_german] if self.migration else None

    def shown_hint(self, in_german: bool) -> str | None:
        return self.hint[in_german] if self.hint else None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "rule": self.name,
            "class": self.bump.kind,
            "bump": self.bump.label if self.versioned else None,
            "element": self.element,
            "message": self.en,
            "message_de": self.de,
            **(
                {"migration": self.migration[0], "migration_de": self.migration[1]}
                if self.migration
                else {"migration": None}
            ),
            **({"hint": self.hint[0], "hint_de": self.hint[1]} if self.hint else {}),
        }


@dataclass
class Collector:
    owner: str
    changes: list[Change] = field(default_factory=list)
    kind: str = "fachakte"
    # (kind, dotted id) -> title or label, so that German texts name elements as people know
    # them, with the id in parentheses.
    labels: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def ref(self) -> Ref:
        """The Fachakte or Baustein itself."""
        return Ref(self.kind)

    def de(self, ref: Ref) -> str:
        """The German name of `ref`: „label“ (id), or „id“ where no label is known."""
        label = self.labels.get((ref.kind, ref.name))
        if not label or label == ref.name:
            return ref.de
        return f"{KINDS[ref.kind][1]} „{label}“ ({ref.name})"

    def de_name(self, kind: str, name: str) -> str:
        return self.de(Ref(kind, name))

    def emit(
        self,
        rule: Rule,
        ref: Ref,
        old: object = "",
        new: object = "",
        detail: tuple[str, str] = ("", ""),
        migration: tuple[str, str] | None = None,
        hint: tuple[str, str] | None = None,
        shown_de: tuple[str, str] | None = None,
    ) -> None:
        """`shown_de` gives the German old and new value where they are not `old` and `new`
        (enumeration members show their German label by themselves)."""
        old_s, new_s = _show(old), _show(new)
        old_de, new_de = shown_de or (_show_de(old), _show_de(new))
        self.changes.append(
            Change(
                rule.code,
                rule.name,
                rule.bump,
                self.owner,
                f"{ref.kind}:{ref.name}" if ref.name else ref.kind,
                rule.en.format(what=ref.en, old=old_s, new=new_s, detail=detail[0]),
                rule.de.format(what=self.de(ref), old=old_de, new=new_de, detail=detail[1]),
                migration,
                rule.versioned,
                hint,
            )
        )


def _show_de(value: object) -> str:
    """German: an enumeration member by its label, with the value where it is a code of the
    standard (Aussonderungsart „vernichten bzw. löschen“ (V))."""
    if isinstance(value, Labelled) and value.label:
        return f"„{value.label}“ ({value.value})" if value.value.isupper() else value.label
    if isinstance(value, tuple | list):
        return ", ".join(_show_de(v) for v in value) or "–"
    return _show(value)


def _show(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value) or "–"
    return "–" if value is None else str(value)
