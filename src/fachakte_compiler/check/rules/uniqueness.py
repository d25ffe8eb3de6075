"""Ids unique within their list and across the catalogue; unique AGS, units and Kennzeichen."""

from __future__ import annotations

from fachakte_compiler.check.context import Context, Item, root_item
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import EXAMPLE_FACHAKTE, Code, Example, code

FA301 = code(
    "FA301",
    "duplicate-id",
    "an id occurs twice in the same list",
    """
    Ids of fields, code lists, code-list keys, document types, registers, roles, workflow
    states, resubmissions, tenants and delegations must be unique within their list, because
    every reference and every exported object identity is built from them.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "  - id: leitung\n",
            "  - id: sachbearbeitung\n",
            "sachbearbeitung\n    title: Leitung",
        ),
    ),
)
FA302 = code(
    "FA302",
    "duplicate-definition",
    "two files define the same Fachakte or Baustein id",
    """
    Each Fachakte and each Baustein id may be defined by exactly one file in the catalogue.
    The file name should equal the id (see FA215).""",
    examples=(
        Example(
            "bausteine/person.yaml",
            "id: person\n",
            "id: person\n",
            "person\n",
            copy_to="bausteine/mensch.yaml",
            found_in="bausteine/person.yaml",
        ),
    ),
)
FA303 = code(
    "FA303",
    "duplicate-kennzeichen",
    "Aktenplan Kennzeichen used twice",
    """
    Each Fachakte occupies its own position in the shared file plan, and each level of
    aktenplan.yaml is described once. Two Fachakten with the same Kennzeichen would be
    indistinguishable in the xdomea file plan and in every DMS.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "id: beispiel",
            "id: zweite",
            '"99.10"',
            copy_to="fachakten/zweite.yaml",
        ),
    ),
)
FA304 = code(
    "FA304",
    "duplicate-tenant-key",
    "AGS or Doxis4 unit used by two tenants",
    """
    The Amtlicher Gemeindeschlüssel identifies a municipality officially, and the Doxis4
    unit is the tenant's Mandant; both must be unique.""",
    examples=(
        Example("tenants.yaml", 'ags: "05999008"', 'ags: "05999004"', '"05999004"', occurrence=2),
    ),
)


def _unique(ctx: Context, items: list[Item], what: str, key: str = "id") -> None:
    seen: dict[str, Item] = {}
    for item in items:
        value = item.text(key)
        if value is None:
            continue
        if value in seen:
            first = seen[value].source.span((*seen[value].path, key))
            where = f" (first on line {first.line})" if first else ""
            ctx.report(
                FA301,
                item.source,
                (*item.path, key),
                f"{what} '{value}' is defined twice{where}",
                hint="give each entry its own id",
            )
        else:
            seen[value] = item


@rule(FA301)
def unique_within_files(ctx: Context) -> None:
    for definition in ctx.definitions():
        root = definition.root
        _unique(ctx, root.items("fields"), "field")
        _unique(ctx, root.items("code_lists"), "code list")
        for code_list in root.items("code_lists"):
            _unique(ctx, code_list.items("values"), f"key in code list '{code_list.id}'", "key")
        _unique(ctx, root.items("document_types"), "document type")
        _unique(ctx, definition.akte.items("registers"), "register")
        _unique(ctx, root.items("roles"), "role")
        _unique(ctx, definition.workflow.items("states"), "workflow state")
        _unique(ctx, definition.workflow.items("resubmissions"), "resubmission")
    for source in ctx.catalogue.of_kind("tenants"):
        _unique(ctx, root_item(source).items("tenants"), "tenant")
    _unique(ctx, ctx.delegations, "delegation")


def _unique_across(ctx: Context, entries: list[tuple[Item, str]], entry: Code, what: str) -> None:
    seen: dict[str, Item] = {}
    for item, key in entries:
        value = item.text(key)
        if value is None:
            continue
        if value in seen:
            other = seen[value]
            ctx.report(
                entry,
                item.source,
                (*item.path, key),
                f"{what} '{value}' is already used in {other.source.display}",
            )
        else:
            seen[value] = item


@rule(FA302, FA303, FA304)
def unique_across_catalogue(ctx: Context) -> None:
    for kind, what in (("fachakte", "Fachakte id"), ("baustein", "Baustein id")):
        roots = [root_item(f) for f in ctx.catalogue.of_kind(kind)]
        _unique_across(ctx, [(r, "id") for r in roots], FA302, what)
    kennzeichen: list[tuple[Item, str]] = []
    for definition in ctx.fachakten:
        plan = definition.root.sub("aktenplan")
        if plan is not None:
            kennzeichen.append((plan, "kennzeichen"))
    for source in ctx.catalogue.of_kind("aktenplan"):
        kennzeichen.extend((unit, "kennzeichen") for unit in root_item(source).items("units"))
    _unique_across(ctx, kennzeichen, FA303, "Aktenplan Kennzeichen")
    tenants = [t for f in ctx.catalogue.of_kind("tenants") for t in root_item(f).items("tenants")]
    _unique_across(ctx, [(t, "ags") for t in tenants], FA304, "AGS")
    _unique_across(ctx, [(t, "doxis4_unit") for t in tenants], FA304, "Doxis4 unit")
