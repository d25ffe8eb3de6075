"""Who runs a Fachakte (`used_by`): the tenants it names exist, the declaration selects at least
one tenant, lead municipalities run what they lead, and only a tenant that runs a Fachakte can
hand its casework to another (a delegation).

Competences are the law's: e.g. § 1 GrStG gives the Grundsteuer to the Gemeinden, § 1 BestG NRW
the cemeteries to the Städte and Gemeinden; a Kreis never holds such records.
"""

from __future__ import annotations

from dataclasses import dataclass

from fachakte_compiler.check.context import Context, Definition, Item
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.check.rules.references import FA207
from fachakte_compiler.diagnostics import EXAMPLE_FACHAKTE, Example, Severity, code
from fachakte_compiler.i18n import _
from fachakte_compiler.model.enums import TenantKind

OWNERS_LINE = "owners: [kreis, nordstadt, suedstadt]\n"
# The kinds the schema allows. A kind outside them (FA104) or an unknown tenant (FA207) makes
# "who runs it" undecidable: the rules below then stay silent instead of reporting the same
# mistake a second time as a consequence (selects nobody, lead does not run it).
KINDS = frozenset(k.value for k in TenantKind)

FA403 = code(
    "FA403",
    "used-by-selects-nobody",
    "used_by selects no tenant",
    """
    `used_by` limits a Fachakte to the tenants of the named kinds (`kinds`) and the tenants
    named one by one (`tenants`). When no tenant of tenants.yaml is of those kinds and none is
    named, nobody runs the Fachakte: no municipality would receive its Doxis4 package. Name the
    kinds or tenants that run it, or leave `used_by` out (then every tenant runs it).""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            OWNERS_LINE,
            OWNERS_LINE + "used_by:\n  kinds: [gemeinde]\n",
            "used_by",
            elsewhere=(("tenants.yaml", "kind: gemeinde", "kind: stadt"),),
        ),
    ),
)
FA404 = code(
    "FA404",
    "owner-does-not-run",
    "a lead municipality does not run the Fachakte",
    """
    The three lead municipalities build and maintain a Fachakte for all others ("Wenige für
    Viele"); one that does not run it (`used_by`) has no cases to try its changes on. This is a
    warning, because a tenant may lead for others on purpose (e.g. the Kreis as service
    provider for its towns).""",
    Severity.WARNING,
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            OWNERS_LINE,
            OWNERS_LINE + "used_by:\n  kinds: [stadt, gemeinde]\n",
            "kreis",
        ),
    ),
)
FA704 = code(
    "FA704",
    "delegation-from-non-runner",
    "a municipality delegates a Fachakte it does not run",
    """
    A delegation (Aufgabenübertragung) hands the casework of the delegating municipality
    (`from`) to another one. A municipality that does not run the Fachakte (its `used_by`
    selects it neither by kind nor by id) has no such cases and no Akten to grant access to:
    either the delegation names the wrong municipality, or `used_by` of the Fachakte misses
    it. The processing municipality (`to`) need not be selected: taking over casework makes
    it run the Fachakte.""",
    examples=(
        Example(
            "delegations.yaml",
            "from: westdorf",
            "from: kreis",
            "kreis",
            elsewhere=(
                (EXAMPLE_FACHAKTE, OWNERS_LINE, OWNERS_LINE + "used_by:\n  kinds: [stadt]\n"),
            ),
        ),
    ),
)


@dataclass(frozen=True)
class Declared:
    """A Fachakte's `used_by` as written (tolerant of schema errors); None: every tenant."""

    kinds: frozenset[str]
    tenants: frozenset[str]

    def selects(self, tenant: Item) -> bool:
        return tenant.text("kind") in self.kinds or tenant.id in self.tenants

    def decides(self, tenant: Item) -> bool:
        """Whether `selects` is certain for `tenant`: not where its kind is misspelt."""
        return tenant.id in self.tenants or tenant.text("kind") in KINDS


def declared(definition: Definition) -> Declared | None:
    used_by = definition.root.sub("used_by")
    if used_by is None:
        return None
    kinds = frozenset(k for _, k in used_by.refs("kinds"))
    return Declared(kinds, frozenset(t for _, t in used_by.refs("tenants")))


def _fachakte_id(definition: Definition) -> str:
    return definition.root.id or definition.source.path.stem


@rule(FA207, FA403, FA404)
def used_by_tenants(ctx: Context) -> None:
    if not ctx.knows_tenants:
        return
    for definition in ctx.fachakten:
        used_by, selection = definition.root.sub("used_by"), declared(definition)
        if used_by is None or selection is None:
            continue
        ctx.propose_known(used_by, "tenants", ctx.tenants)
        unknown = [(p, n) for p, n in used_by.refs("tenants") if n not in ctx.tenants]
        for path, name in unknown:
            ctx.unknown(FA207, definition.source, path, _("tenant"), name, ctx.tenants, "used_by")
        if not (selection.kinds or selection.tenants):
            continue  # the schema reports an empty used_by
        if unknown or not selection.kinds <= KINDS:
            continue  # FA207 / FA104 said it; who runs it is not known until they are fixed
        tenants = ctx.tenants.values()
        if all(selection.decides(t) for t in tenants) and not any(
            selection.selects(t) for t in tenants
        ):
            ctx.report(
                FA403,
                definition.source,
                ("used_by",),
                _("used_by of '{fachakte}' selects no tenant of tenants.yaml").format(
                    fachakte=_fachakte_id(definition)
                ),
                key=True,
                hint=_("name the kinds or tenants that run it, or leave used_by out"),
            )
            continue
        for path, owner in definition.root.refs("owners"):
            tenant = ctx.tenants.get(owner)
            if tenant is None or selection.selects(tenant) or not selection.decides(tenant):
                continue
            ctx.report(
                FA404,
                definition.source,
                path,
                _("lead municipality '{tenant}' does not run '{fachakte}' (used_by)").format(
                    tenant=owner, fachakte=_fachakte_id(definition)
                ),
                hint=_("add it to used_by, or hand the lead to a municipality that runs it"),
            )


@rule(FA704)
def delegations_from_runners(ctx: Context) -> None:
    if not ctx.knows_tenants:
        return
    selections = {d.root.id: declared(d) for d in ctx.fachakten if d.root.id}
    for delegation in ctx.delegations:
        fachakte, source = delegation.text("fachakte"), delegation.text("from")
        selection = selections.get(fachakte or "")
        tenant = ctx.tenants.get(source or "")
        if selection is None or tenant is None or selection.selects(tenant):
            continue
        if (
            not selection.decides(tenant)
            or not selection.kinds <= KINDS
            or not selection.tenants <= ctx.tenants.keys()
        ):
            continue  # a misspelt kind or tenant (FA104, FA207): who runs it is not known
        ctx.report(
            FA704,
            delegation.source,
            (*delegation.path, "from"),
            _(
                "delegation '{id}': '{tenant}' does not run Fachakte '{fachakte}' "
                "(used_by), so it has no casework to delegate"
            ).format(id=delegation.id, tenant=source, fachakte=fachakte),
            hint=_("add '{tenant}' to used_by of '{fachakte}', or correct 'from'").format(
                tenant=source, fachakte=fachakte
            ),
        )
