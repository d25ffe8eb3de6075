"""A Fachakte's descriptors as Feldgruppe/Feld of an xdomea AnwendungsspezifischeErweiterung.

xdomea has no native place for the metadata schema of a file type; the extension carries it so
that a receiving DMS (or a person reading the plan) sees which descriptors the Akte holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from fachakte_compiler.model import Fachakte, Field

# Field type -> (code, name) in the xdomea code list 'Datentyp' 1.1 (XML Schema built-in types).
DATENTYP = {
    "string": ("038", "string"),
    "text": ("038", "string"),
    "integer": ("023", "integer"),
    "decimal": ("007", "decimal"),
    "boolean": ("003", "boolean"),
    "date": ("005", "date"),
    "datetime": ("006", "dateTime"),
    "code": ("040", "token"),  # the key of a value list entry
}


@dataclass(frozen=True)
class Feld:
    name: str
    description: str
    datentyp: str
    datentyp_name: str


@dataclass(frozen=True)
class Feldgruppe:
    name: str
    description: str
    groups: tuple[Feldgruppe, ...]
    fields: tuple[Feld, ...]


def _describe(field: Field) -> str:
    notes = [
        n
        for n, on in (
            ("Pflichtfeld", field.required),
            ("mehrfach", field.multiple),
            (f"Werteliste {field.code_list}", field.code_list is not None),
        )
        if on
    ]
    return f"{field.title} ({', '.join(notes)})" if notes else field.title


def _feld(field: Field) -> Feld:
    return Feld(field.id, _describe(field), *DATENTYP[field.type])


def _group(field: Field) -> Feldgruppe:
    return Feldgruppe(
        field.id,
        _describe(field),
        tuple(_group(s) for s in field.subfields if s.subfields),
        tuple(_feld(s) for s in field.subfields if not s.subfields),
    )


def field_groups(fachakte: Fachakte) -> tuple[tuple[Feldgruppe, ...], tuple[Feld, ...]]:
    """(groups, fields): Baustein-typed descriptors become groups, scalar ones fields."""
    return (
        tuple(_group(f) for f in fachakte.fields if f.subfields),
        tuple(_feld(f) for f in fachakte.fields if not f.subfields),
    )
