"""One difference between a release and an installation."""

from __future__ import annotations

from dataclasses import dataclass

from fachakte_compiler.drift.codes import DriftKind


@dataclass(frozen=True)
class Finding:
    kind: DriftKind
    object: str  # the Doxis4 name (or Kennzeichen) of the object that differs
    category: str  # descriptor, document_class, record_class, group, plan_unit
    detail: str = ""
    detail_de: str = ""

    @property
    def code(self) -> str:
        return self.kind.code

    def _fields(self, de: bool) -> dict[str, str]:
        # Class codes cover document and e-file classes alike: their lines name the kind.
        label_en, label_de = CATEGORY_LABELS[self.category]
        labelled = self.category.endswith("_class")
        from fachakte_compiler.drift.names import shown_name

        return {
            "object": f"{label_en} {self.object}" if labelled else self.object,
            "object_de": f"{label_de} {self.object}",
            # The name quoted and escaped: it may begin with a blank or hold invisible letters.
            "labelled": f"{label_en} {shown_name(self.object)}",
            "labelled_de": f"{label_de} {shown_name(self.object)}",
            "detail": self.detail_de if de and self.detail_de else self.detail,
        }

    @property
    def en(self) -> str:
        return self.kind.en.format(**self._fields(de=False))

    @property
    def de(self) -> str:
        return self.kind.de.format(**self._fields(de=True))

    def sort_key(self) -> tuple[str, str, str, str]:
        return (self.category, self.object, self.code, self.detail)


CATEGORY_LABELS = {
    "descriptor": ("descriptor", "Deskriptor"),
    "document_class": ("document class", "Dokumentklasse"),
    "record_class": ("e-file class", "Aktenklasse"),
    "group": ("group", "Gruppe"),
    "plan_unit": ("Aktenplan unit", "Aktenplaneinheit"),
}


def shown(value: object, de: bool) -> str:
    """A compared value as a drift message shows it, in words of the message's language: a
    flag as yes/no (ja/nein), an absent value as missing (fehlt), never a Python literal such
    as True or None."""
    if value is None or value == "":
        return "fehlt" if de else "missing"
    if isinstance(value, bool):
        return ("ja" if value else "nein") if de else ("yes" if value else "no")
    return str(value)


def change(
    label_en: str,
    label_de: str,
    release: object,
    installed: object,
    in_german: tuple[object, object] | None = None,
) -> tuple[str, str]:
    """(English, German) text of one changed property, each value through `shown`;
    `in_german` gives (release, installed) where the values themselves are worded per
    language (`6 years`, `6 J.`)."""
    release_de, installed_de = in_german or (release, installed)
    return (
        f"{label_en}: release {shown(release, False)}, installed {shown(installed, False)}",
        f"{label_de}: Release {shown(release_de, True)}, installiert {shown(installed_de, True)}",
    )


def join(parts: list[tuple[str, str]]) -> tuple[str, str]:
    return "; ".join(p[0] for p in parts), "; ".join(p[1] for p in parts)
