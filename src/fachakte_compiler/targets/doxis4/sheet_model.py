"""What the setup sheet lists, as plain data: one `Section` per kind of Doxis4 object, in the
order the administrator creates them, each `Item` with its stable id, UUID, Doxis4 name and
short name, German title and the properties cubeDesigner asks for.

The HTML page, the CSV and the transport list are all rendered from this one structure, so they
cannot disagree. Names, short names and the mapping onto Doxis4's types, rights and retention
settings come from `names` and `mapping`; this module only arranges them.
"""

from __future__ import annotations

from dataclasses import dataclass

# Property columns in the order they appear in the CSV; a section shows the ones it uses.
TYPE = "Typ"
LENGTH = "Länge"
MULTI = "Mehrfachwert"
VALUE_LIST = "Werteliste"
MANDATORY = "Pflicht"
READ_ONLY = "Schreibgeschützt"
RULE = "Aufbewahrungsregel"
DURATION = "Dauer"
UNIT = "Einheit"
ROUNDING = "Rundung"
BASE_DATE = "Fristbeginn"
DISPOSAL = "Aussonderung"
LEGAL_SOURCE = "Rechtsquelle"
NODE_TYPE = "Knotentyp"
ALLOWED = "Erlaubte Klassen"
DEPENDS = "Abhängig von"
WHO = "Berechtigt"
# The municipalities that run a Fachakte (used_by and delegations), by Doxis4 unit.
RUN_BY = "Geführt von"
PERSONAL = "Personenbezug"
NOTE = "Hinweis"

VALUE_COLUMNS = (
    TYPE,
    LENGTH,
    MULTI,
    VALUE_LIST,
    MANDATORY,
    READ_ONLY,
    RULE,
    DURATION,
    UNIT,
    ROUNDING,
    BASE_DATE,
    DISPOSAL,
    LEGAL_SOURCE,
    NODE_TYPE,
    ALLOWED,
    WHO,
    RUN_BY,
    PERSONAL,
    NOTE,
)
SHEET_COLUMNS = (
    "Abschnitt",
    "Stabile ID",
    "UUID",
    "Gehört zu",
    "Doxis4-Name",
    "Kurzname",
    "Bezeichnung",
    *VALUE_COLUMNS,
    "Erledigt",
)


@dataclass(frozen=True)
class Item:
    """One object (depth 0) or one part of the object above it (depth 1: a descriptor
    assignment of a class, a node of a folder definition, a state of a process type)."""

    key: str  # stable id, e.g. 'deskriptor:person.nachname'; also the HTML anchor
    uuid: str
    name: str
    short_name: str = ""
    title: str = ""
    parent: str = ""  # Doxis4 name of the object this item belongs to
    depth: int = 0
    values: tuple[tuple[str, str], ...] = ()
    # Stable ids of the objects that must exist before this one (for the transport list).
    depends_on: tuple[str, ...] = ()

    def value(self, column: str) -> str:
        return next((v for c, v in self.values if c == column), "")


@dataclass(frozen=True)
class Section:
    key: str  # HTML anchor and first CSV column
    title: str
    counted: str  # German plural for the summary, e.g. 'Deskriptoren'
    intro: str
    columns: tuple[str, ...]
    items: tuple[Item, ...]
    # The Doxis4 object kind in the transport list; '' if the section is not transported.
    transport_kind: str = ""
    # Why the section's objects are not part of the transport package, if they are not.
    not_transported: str = ""

    @property
    def count(self) -> int:
        """Objects of this section, not counting the parts listed under them."""
        return sum(1 for item in self.items if item.depth == 0)


@dataclass(frozen=True)
class Setting:
    """A recommended setting of the transport export or import in the Admin Client."""

    name: str
    value: str
    reason: str


@dataclass(frozen=True)
class Sheet:
    sections: tuple[Section, ...]
    settings: tuple[Setting, ...]
    # The Doxis4 organization every tenant shares (topology shared_organization), or None
    # where each tenant has its own: it decides which Provision.groovy prepares the setup.
    shared_organization: str | None = None

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def objects(self) -> dict[str, tuple[Section, Item]]:
        """Every object (depth 0) by its stable id, with its section."""
        return {i.key: (s, i) for s in self.sections for i in s.items if i.depth == 0}

    def csv_rows(self) -> list[list[str]]:
        return [
            [
                section.title,
                item.key,
                item.uuid,
                item.parent,
                item.name,
                item.short_name,
                item.title,
                *(item.value(c) for c in VALUE_COLUMNS),
                "",
            ]
            for section in self.sections
            for item in section.items
        ]
