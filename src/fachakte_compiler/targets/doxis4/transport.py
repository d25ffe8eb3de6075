"""The transport list: `build/doxis4/transport.csv`, and with one organization per tenant
`build/<tenant>/doxis4/transport.csv` for each organization.

Doxis4 moves configuration between organizations by Transport: a package definition in
cubeDesigner names the objects, the Admin Client exports them (selective export) and imports
them elsewhere. A selective transport does not resolve dependencies by itself, so the list names
every object after the objects it depends on, with those dependencies spelt out, and starts
with the recommended export and import settings. Where every tenant has an organization of its
own, each organization gets only the objects of the Fachakten its tenant runs: a descriptor of
another Fachakte would name a global value list that the tenant's Provision.groovy does not
create there. Sources: docs/doxis4.md ("Transport").
"""

from __future__ import annotations

from fachakte_compiler.model import Catalogue
from fachakte_compiler.targets.doxis4.sheet_model import Sheet
from fachakte_compiler.targets.excel_csv import excel_csv

# Below the tenant's folder, beside its packages.
TRANSPORT_PATH = "doxis4/transport.csv"

TRANSPORT_COLUMNS = (
    "Nr",
    "Art",
    "Objekt oder Einstellung",
    "Kurzname",
    "Wert",
    "Abhängig von",
    "Stabile ID",
    "Hinweis",
)
IN_PACKAGE = "ins Paket"
PREREQUISITE = "Voraussetzung, nicht ins Paket"


def transport_rows(sheet: Sheet) -> list[list[str]]:
    """Settings first, then every object (parts such as descriptor assignments or nodes travel
    with their object) in the order of the sheet's sections, which is dependency order."""
    objects = sheet.objects()
    # An e-file class and its folder definition share a name; there the kind tells them apart.
    seen: dict[str, int] = {}
    for _, item in objects.values():
        seen[item.name] = seen.get(item.name, 0) + 1

    def label(key: str) -> str:
        section, item = objects[key]
        kind = section.transport_kind or section.title
        return item.name if seen[item.name] == 1 else f"{item.name} ({kind})"

    rows = [["", "Einstellung", s.name, "", s.value, "", "", s.reason] for s in sheet.settings]
    for section in sheet.sections:
        for item in section.items:
            if item.depth:
                continue
            rows.append(
                [
                    "",
                    section.transport_kind or section.title,
                    label(item.key),
                    item.short_name,
                    PREREQUISITE if section.not_transported else IN_PACKAGE,
                    ", ".join(label(k) for k in item.depends_on),
                    item.key,
                    section.not_transported,
                ]
            )
    for number, row in enumerate(rows, start=1):
        row[0] = str(number)
    return rows


def transport_csv(sheet: Sheet) -> bytes:
    return excel_csv(TRANSPORT_COLUMNS, transport_rows(sheet))


def organization_transport_csv(view: Catalogue) -> bytes:
    """The transport list of one tenant's organization; `view` is the catalogue narrowed to the
    Fachakten the tenant runs (`Catalogue.for_tenant`)."""
    from fachakte_compiler.targets.doxis4.sheet_content import build_sheet

    return transport_csv(build_sheet(view))
