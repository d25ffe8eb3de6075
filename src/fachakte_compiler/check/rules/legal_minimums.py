"""Retention periods that cite a well-known norm keep at least what that norm demands."""

from __future__ import annotations

from fachakte_compiler.check.context import Context, Item
from fachakte_compiler.check.legal_minimums import known_minimum
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import EXAMPLE_FACHAKTE, Example, Severity, code
from fachakte_compiler.i18n import _, ngettext

FA504 = code(
    "FA504",
    "retention-below-cited-norm",
    "retention is shorter than the cited norm demands",
    """
    `legal_source` cites a norm whose minimum period is known (§ 147 Abs. 3 AO, § 257 Abs. 4
    HGB, § 59 Abs. 2 KomHVO NRW, § 8 Abs. 4 VgV; the table with sources is in
    fachakte_compiler/check/legal_minimums.py), but `years` is shorter. The kind of record is
    taken from the words of `legal_source` ("Belege", "Bücher", "Jahresabschluss"); without
    such a word the norm's shortest period applies. Example: `legal_source: § 147 Abs. 3 AO
    (Buchungsbelege)` needs `years: 8` or more.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "      legal_source: § 9 BspG\n      legal_minimum_years: 6\n",
            "      legal_source: § 147 Abs. 3 AO (Buchungsbelege)\n      legal_minimum_years: 6\n",
            "6\n      trigger: ende",
        ),
    ),
)
FA505 = code(
    "FA505",
    "legal-minimum-not-stated",
    "legal_minimum_years missing or below the cited norm",
    """
    When `legal_source` cites a norm with a known minimum, `legal_minimum_years` should state
    it, so that later edits of `years` are checked against it (FA501) and readers see the
    statutory floor. Add `legal_minimum_years` with the norm's period.""",
    Severity.WARNING,
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "    legal_source: § 9 BspG\n    legal_minimum_years: 6\n",
            "    legal_source: § 59 Abs. 2 KomHVO NRW (Bücher)\n",
            "§ 59",
        ),
    ),
)


def _check(ctx: Context, retention: Item, owner: str, holder: Item) -> None:
    """`holder` is the mapping `retention` stands in: a `legal_minimum_years` written there,
    one level too shallow, is FA102's finding ("belongs under 'retention:'"), not a missing one."""
    source = retention.text("legal_source")
    found = known_minimum(source) if source else None
    if found is None:
        return
    norm, period = found
    years, stated = retention.data.get("years"), retention.data.get("legal_minimum_years")
    need = (
        _("permanently")
        if period.years is None
        else ngettext("{count} year", "{count} years", period.years).format(count=period.years)
    )
    if (
        isinstance(years, int)
        and not isinstance(years, bool)
        and (period.years is None or years < period.years)
    ):
        ctx.report(
            FA504,
            retention.source,
            (*retention.path, "years"),
            _("{owner} keeps records {years}, but {name} demands {need} for {records}").format(
                owner=owner,
                years=ngettext("{count} year", "{count} years", years).format(count=years),
                name=norm.name,
                need=need,
                records=period.records,
            ),
            hint=(
                _("unlimited retention")
                if period.years is None
                else _("years: {years}").format(years=period.years)
            ),
        )
        return
    misplaced = "legal_minimum_years" in holder.data
    if (
        period.years is not None
        and not misplaced
        and (not isinstance(stated, int) or stated < period.years)
    ):
        ctx.report(
            FA505,
            retention.source,
            (*retention.path, "legal_source"),
            _("{name} demands {need} for {records}; state it for {owner}").format(
                name=norm.name, need=need, records=period.records, owner=owner
            ),
            hint=_("add legal_minimum_years: {years}").format(years=period.years),
        )


@rule(FA504, FA505)
def cited_norm_minimums(ctx: Context) -> None:
    for definition in ctx.fachakten:
        akte = definition.akte.sub("retention")
        if akte is not None:
            _check(ctx, akte, _("the Akte"), definition.akte)
        for doc in definition.document_types.values():
            own = doc.sub("retention")
            if own is not None:
                _check(ctx, own, _("document type '{id}'").format(id=doc.id), doc)
