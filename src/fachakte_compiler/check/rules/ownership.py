"""Every Fachakte is led by exactly three distinct municipalities ("Wenige für Viele")."""

from __future__ import annotations

from collections import defaultdict

from fachakte_compiler.check.context import Context, Item
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import EXAMPLE_FACHAKTE, Example, Severity, code
from fachakte_compiler.i18n import _
from fachakte_compiler.load.source import DataPath

FA401 = code(
    "FA401",
    "owners",
    "owners are not three distinct tenants",
    """
    Under "Wenige für Viele" exactly three lead municipalities build and maintain each Fachakte;
    all others use it unchanged. `owners` therefore lists three different tenant ids.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "owners: [kreis, nordstadt, suedstadt]",
            "owners: [kreis, nordstadt, kreis]",
            "kreis]",
        ),
    ),
)
FA402 = code(
    "FA402",
    "owner-load",
    "a tenant leads more than three Fachakten",
    """
    The work of leading Fachakten is spread across the municipalities: no tenant should lead
    more than three. This is a warning, because the catalogue may pass through such a state
    while responsibilities are handed over. It is reported at the tenant's entry in the
    `owners` of each Fachakte it leads, counting each Fachakte once.""",
    Severity.WARNING,
)
MAX_LEAD = 3


@rule(FA401, FA402)
def owners_distinct(ctx: Context) -> None:
    # tenant -> the Fachakten it leads, each once, with where each names it
    lead: dict[str, dict[str, tuple[Item, DataPath]]] = defaultdict(dict)
    for definition in ctx.fachakten:
        seen: set[str] = set()
        for path, name in definition.root.refs("owners"):
            if name in seen:
                ctx.report(
                    FA401,
                    definition.source,
                    path,
                    _("owner '{name}' is listed twice").format(name=name),
                    hint=_("name three different lead municipalities"),
                )
            seen.add(name)
            fachakte = definition.root.id or definition.source.path.stem
            lead[name].setdefault(fachakte, (definition.root, path))
    for tenant, fachakten in sorted(lead.items()):
        if len(fachakten) <= MAX_LEAD or tenant not in ctx.tenants:
            continue
        # Reported in every Fachakte that names the tenant, so that validating one of those
        # files shows it where an owner can be changed.
        for item, path in fachakten.values():
            ctx.report(
                FA402,
                item.source,
                path,
                _(
                    "tenant '{tenant}' leads {count} Fachakten ({fachakten}), more than {limit}"
                ).format(
                    tenant=tenant,
                    count=len(fachakten),
                    fachakten=", ".join(sorted(fachakten)),
                    limit=MAX_LEAD,
                ),
                hint=_("hand the lead of one of them to another municipality"),
            )
