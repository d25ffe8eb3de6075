"""Retention periods respect their legal minimum and fit the Akte they belong to."""

from __future__ import annotations

from fachakte_compiler.check.context import Context, Item
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import EXAMPLE_FACHAKTE, Example, code
from fachakte_compiler.diagnostics.suggest import did_you_mean, is_id
from fachakte_compiler.i18n import _, ngettext
from fachakte_compiler.model.enums import Trigger

FA501 = code(
    "FA501",
    "retention-below-minimum",
    "retention is shorter than its legal minimum",
    """
    `legal_minimum_years` records the shortest period the legal source demands (e.g. 10 years
    for books and records under § 147 Abs. 3 AO). `years` may not be shorter.""",
    examples=(Example(EXAMPLE_FACHAKTE, "      years: 6\n", "      years: 5\n", "5\n"),),
)
FA502 = code(
    "FA502",
    "retention-inconsistent",
    "document retention contradicts the Akte's",
    """
    A document type may set its own retention, but it lives inside the Akte: it cannot be kept
    longer than the Akte (nor unlimited when the Akte is not), and a document cannot be
    archival ('A') when the whole Akte is destroyed ('V'). Shorter periods and 'V' inside an
    'A' or 'B' Akte are fine.""",
    examples=(
        Example(EXAMPLE_FACHAKTE, "      years: 6\n", "      years: 12\n", "12"),
        Example(
            EXAMPLE_FACHAKTE,
            "    disposition: B",
            "    disposition: V",
            "A\n      legal",
            also=(("      disposition: V", "      disposition: A"),),
        ),
    ),
)
FA503 = code(
    "FA503",
    "retention-trigger",
    "retention trigger field missing or not a date",
    """
    `trigger: feld` starts the period on the date held in `trigger_field`, which must be a
    date field of the Akte, or a date inside a Baustein field of the Akte written as
    `feld.unterfeld` (e.g. `betreuung.ende`), as long as that Baustein field holds one entry
    (not `multiple: true`). Other triggers take no `trigger_field`.""",
    examples=(
        Example(EXAMPLE_FACHAKTE, "    trigger: akte_geschlossen", "    trigger: feld", "feld"),
    ),
)
FA506 = code(
    "FA506",
    "retention-document-trigger",
    "document trigger on the Akte's retention",
    """
    `dokument_abgelegt` starts a period with the filing of one document (in Doxis4 the date of
    its first version), `dokument_kalenderjahr` with the end of the year the document was last
    worked on, which stands for the year its case was closed (e.g. records on leave or
    allowances, kept five years from the end of that year while the personnel file itself
    stays open). An Akte holds many
    documents and has no such date: its own period starts with its closing or one of the
    other triggers.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "    trigger: akte_geschlossen",
            "    trigger: dokument_abgelegt",
            "dokument_abgelegt",
        ),
    ),
)


def _years(retention: Item) -> float | None:
    """The period in years (inf: unlimited); None where it is not given, or its value was
    rejected already (FA103, FA105: `years: -10`), which then reads as unknown."""
    if retention.rejects("unlimited") or retention.rejects("years"):
        return None
    if retention.data.get("unlimited") is True:
        return float("inf")
    years = retention.data.get("years")
    return float(years) if isinstance(years, int) and not isinstance(years, bool) else None


def _check_minimum(ctx: Context, retention: Item, owner: str) -> None:
    years, minimum = _years(retention), retention.data.get("legal_minimum_years")
    if years is not None and isinstance(minimum, int) and years < minimum:
        ctx.report(
            FA501,
            retention.source,
            (*retention.path, "years"),
            _("{owner} keeps records {years}, less than {minimum} ({source})").format(
                owner=owner,
                years=ngettext("{count} year", "{count} years", int(years)).format(
                    count=int(years)
                ),
                minimum=ngettext(
                    "the legal minimum of {count} year",
                    "the legal minimum of {count} years",
                    minimum,
                ).format(count=minimum),
                source=retention.text("legal_source") or _("no source"),
            ),
            hint=_("set years: {minimum} or more").format(minimum=minimum),
        )


_DOCUMENT_TRIGGERS = frozenset(t.value for t in Trigger if t.of_documents_only)


def _check_akte_trigger(ctx: Context, retention: Item) -> None:
    trigger = retention.text("trigger")
    if trigger in _DOCUMENT_TRIGGERS:
        ctx.report(
            FA506,
            retention.source,
            (*retention.path, "trigger"),
            _(
                "trigger '{trigger}' starts with a date of one document; the Akte's own "
                "period cannot start there"
            ).format(trigger=trigger),
            hint=_(
                "start the Akte's period with akte_geschlossen or ende_kalenderjahr, and set "
                "'{trigger}' in the retention of the document types it is meant for"
            ).format(trigger=trigger),
        )


def _check_trigger(ctx: Context, retention: Item, akte_fields: dict[str, Item]) -> None:
    trigger, name = retention.text("trigger"), retention.text("trigger_field")
    # A missing or rejected trigger (FA101, FA104) leaves open whether a field belongs here;
    # a rejected trigger_field (FA105) is there, only misspelt.
    if trigger == "feld" and name is None and not retention.rejects("trigger_field"):
        ctx.report(
            FA503,
            retention.source,
            (*retention.path, "trigger"),
            _("trigger 'feld' needs 'trigger_field' naming a date field of the Akte"),
        )
    elif trigger not in ("feld", None) and name is not None:
        ctx.report(
            FA503,
            retention.source,
            (*retention.path, "trigger_field"),
            _("'trigger_field' is only used with trigger 'feld', not '{trigger}'").format(
                trigger=trigger
            ),
            key=True,
        )
    elif name is not None and (problem := _not_a_date(ctx, name, akte_fields)) is not None:
        message, hint = problem
        ctx.report(FA503, retention.source, (*retention.path, "trigger_field"), message, hint=hint)


_DATE_TYPES = ("date", "datetime")


def _not_a_date(
    ctx: Context, name: str, akte_fields: dict[str, Item]
) -> tuple[str, str | None] | None:
    """Why `name` (an Akte field, or `feld.unterfeld` inside a Baustein the Akte uses once)
    holds no single date, with what to do; None when it does."""
    head, *rest = name.split(".")
    if ctx.stands_for_rejected(head, *rest):
        return None
    field = akte_fields.get(head)
    if field is None:
        return (
            _("trigger_field '{name}' is not a date field of the Akte").format(name=name),
            did_you_mean(head, akte_fields, valid=is_id)
            or _(
                "name a date field of akte.fields, or field.subfield for a date inside a "
                "Baustein field of the Akte"
            ),
        )
    for depth, sub in enumerate(rest):
        shown = ".".join([head, *rest[:depth]])
        block = ctx.bausteine.get(field.text("baustein") or "")
        kind = field.text("type")
        if kind is None:
            return None  # a missing or rejected type is the schema's finding (FA101, FA104)
        if kind != "baustein":
            return (
                _("'{shown}' is of type {type}, it has no field '{sub}'").format(
                    shown=shown, type=kind, sub=sub
                ),
                None,
            )
        if field.data.get("multiple") is True:
            return (
                _(
                    "'{shown}' holds several entries (multiple: true), so '{name}' is no "
                    "single date a retention period could start on"
                ).format(shown=shown, name=name),
                _("name a date field of the Akte itself"),
            )
        if block is None:
            # An unknown Baustein is FA206's finding.
            return None
        found = block.fields.get(sub)
        if found is None:
            return (
                _("Baustein '{baustein}' has no field '{sub}'").format(
                    baustein=block.root.id, sub=sub
                ),
                did_you_mean(sub, block.fields, valid=is_id),
            )
        field = found
    kind = field.text("type")
    if kind is None:
        return None  # a missing or rejected type is the schema's finding (FA101, FA104)
    if kind not in _DATE_TYPES:
        return (
            _("trigger_field '{name}' is of type {type}, not a date").format(name=name, type=kind),
            _("name a field of type date or datetime"),
        )
    if field.data.get("multiple") is True:
        return (
            _("'{name}' holds several dates (multiple: true)").format(name=name),
            _("name a single date field"),
        )
    return None


@rule(FA501, FA502, FA503, FA506)
def retention_periods(ctx: Context) -> None:
    for definition in ctx.fachakten:
        akte_fields = {
            n: definition.fields[n]
            for n in sorted(definition.akte.names("fields"))
            if n in definition.fields
        }
        akte = definition.akte.sub("retention")
        if akte is not None:
            _check_minimum(ctx, akte, _("the Akte"))
            _check_trigger(ctx, akte, akte_fields)
            _check_akte_trigger(ctx, akte)
        for doc in definition.document_types.values():
            own = doc.sub("retention")
            if own is None:
                continue
            owner = _("document type '{id}'").format(id=doc.id)
            _check_minimum(ctx, own, owner)
            _check_trigger(ctx, own, akte_fields)
            if akte is None:
                continue
            mine, theirs = _years(own), _years(akte)
            if mine is not None and theirs is not None and mine > theirs:
                years = ngettext("{count} year", "{count} years", int(theirs))
                limit = years.format(count=int(theirs))
                shown = (
                    _("unlimited")
                    if mine == float("inf")
                    else ngettext("{count} year", "{count} years", int(mine)).format(
                        count=int(mine)
                    )
                )
                ctx.report(
                    FA502,
                    own.source,
                    (*own.path, "unlimited" if "unlimited" in own.data else "years"),
                    _("{owner} is kept {shown}, longer than its Akte ({limit})").format(
                        owner=owner, shown=shown, limit=limit
                    ),
                    hint=_("a document cannot outlive the Akte that holds it"),
                )
            if own.text("disposition") == "A" and akte.text("disposition") == "V":
                ctx.report(
                    FA502,
                    own.source,
                    (*own.path, "disposition"),
                    _("{owner} is archival ('A') but its Akte is destroyed ('V')").format(
                        owner=owner
                    ),
                    hint=_("make the Akte 'B' or 'A', or the document 'V' or 'B'"),
                )
