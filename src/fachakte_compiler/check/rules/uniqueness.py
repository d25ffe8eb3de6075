"""Ids unique within their list and across the catalogue; unique AGS, units, Aktenzeichen short
codes and Kennzeichen; code-list keys that differ in more than case."""

from __future__ import annotations

from fachakte_compiler.check.context import Context, Item
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import EXAMPLE_FACHAKTE, Code, Example, code
from fachakte_compiler.i18n import _

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
FA305 = code(
    "FA305",
    "duplicate-tenant-short",
    "two tenants have the same Aktenzeichen short code",
    """
    The {einheit} placeholder of the Aktenzeichen is the tenant's `short` code (its
    `doxis4_unit` where it has none). Two tenants with the same code would give identical
    Aktenzeichen in different municipalities, and an Akte could no longer be told apart once
    it leaves its own DMS (xdomea transfer, archive).""",
    examples=(
        Example(
            "tenants.yaml",
            "doxis4_unit: SUEDSTADT\n",
            "doxis4_unit: SUEDSTADT\n    short: XY\n",
            "XY",
            occurrence=2,
            also=(("doxis4_unit: NORDSTADT\n", "doxis4_unit: NORDSTADT\n    short: XY\n"),),
        ),
    ),
)
FA306 = code(
    "FA306",
    "key-differs-in-case",
    "two keys of a code list differ only in upper and lower case",
    """
    Code-list keys are stored in Doxis4 and exported in xdomea; searches, case-insensitive
    databases and people reading them treat `Ledig` and `ledig` as the same key. Each key must
    differ from every other key of its list in more than case.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "      - key: folgeantrag\n",
            "      - key: Erstantrag\n",
            "Erstantrag",
            occurrence=2,
        ),
    ),
)


def _same_but_case(ctx: Context, code_list: Item) -> None:
    seen: dict[str, str] = {}
    for value in code_list.items("values"):
        key = value.text("key")
        if key is None:
            continue
        other = seen.setdefault(key.casefold(), key)
        if other != key:
            ctx.report(
                FA306,
                value.source,
                (*value.path, "key"),
                _(
                    "key '{key}' of code list '{id}' differs from key '{other}' only in "
                    "upper and lower case"
                ).format(key=key, id=code_list.id, other=other),
                hint=_("give the value a key that differs in more than case"),
            )


def _unique(ctx: Context, items: list[Item], what: str, key: str = "id") -> None:
    seen: dict[str, Item] = {}
    for item in items:
        value = item.text(key)
        if value is None:
            continue
        if value in seen:
            first = seen[value].source.span((*seen[value].path, key))
            message = (
                _("{what} '{value}' is defined twice (first on line {line})")
                if first
                else _("{what} '{value}' is defined twice")
            )
            ctx.report(
                FA301,
                item.source,
                (*item.path, key),
                message.format(what=what, value=value, line=first.line if first else 0),
                hint=_("give each entry its own id"),
            )
        else:
            seen[value] = item


@rule(FA301, FA306)
def unique_within_files(ctx: Context) -> None:
    for definition in ctx.definitions():
        root = definition.root
        _unique(ctx, root.items("fields"), _("field"))
        _unique(ctx, root.items("code_lists"), _("code list"))
        for code_list in root.items("code_lists"):
            what = _("key in code list '{id}'").format(id=code_list.id)
            _unique(ctx, code_list.items("values"), what, "key")
            _same_but_case(ctx, code_list)
        _unique(ctx, root.items("document_types"), _("document type"))
        _unique(ctx, definition.akte.items("registers"), _("register"))
        _unique(ctx, root.items("roles"), _("role"))
        _unique(ctx, definition.workflow.items("states"), _("workflow state"))
        _unique(ctx, definition.workflow.items("resubmissions"), _("resubmission"))
    for source in ctx.catalogue.of_kind("tenants"):
        _unique(ctx, ctx.root(source).items("tenants"), _("tenant"))
    _unique(ctx, ctx.delegations, _("delegation"))


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
                _("{what} '{value}' is already used in {file}").format(
                    what=what, value=value, file=other.source.display
                ),
            )
        else:
            seen[value] = item


def _unique_short_codes(ctx: Context, tenants: list[Item]) -> None:
    """The value {einheit} takes for each tenant (bind.binding: short, else doxis4_unit)."""
    seen: dict[str, Item] = {}
    for tenant in tenants:
        key = "short" if tenant.text("short") is not None else "doxis4_unit"
        value = tenant.text(key)
        if value is None:
            continue
        other = seen.setdefault(value, tenant)
        # Two doxis4_unit values alike are FA304 already.
        if other is not tenant and (key == "short" or other.text("short") is not None):
            ctx.report(
                FA305,
                tenant.source,
                (*tenant.path, key),
                _(
                    "tenant '{id}' has the Aktenzeichen short code '{value}' of tenant "
                    "'{other}'; both would give identical Aktenzeichen"
                ).format(id=tenant.id, value=value, other=other.id),
                hint=_("give each tenant its own `short` code"),
            )


@rule(FA302, FA303, FA304, FA305)
def unique_across_catalogue(ctx: Context) -> None:
    for kind, what in (("fachakte", _("Fachakte id")), ("baustein", _("Baustein id"))):
        roots = [ctx.root(f) for f in ctx.catalogue.of_kind(kind)]
        _unique_across(ctx, [(r, "id") for r in roots], FA302, what)
    kennzeichen: list[tuple[Item, str]] = []
    for definition in ctx.fachakten:
        plan = definition.root.sub("aktenplan")
        if plan is not None:
            kennzeichen.append((plan, "kennzeichen"))
    for source in ctx.catalogue.of_kind("aktenplan"):
        kennzeichen.extend((unit, "kennzeichen") for unit in ctx.root(source).items("units"))
    _unique_across(ctx, kennzeichen, FA303, _("Aktenplan Kennzeichen"))
    tenants = [t for f in ctx.catalogue.of_kind("tenants") for t in ctx.root(f).items("tenants")]
    _unique_across(ctx, [(t, "ags") for t in tenants], FA304, _("AGS"))
    _unique_across(ctx, [(t, "doxis4_unit") for t in tenants], FA304, _("Doxis4 unit"))
    _unique_short_codes(ctx, tenants)
