"""Aktenzeichen rule and display title use only placeholders that can be filled."""

from __future__ import annotations

import re

from fachakte_compiler.check.context import Context, Definition
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import EXAMPLE_FACHAKTE, Example, code
from fachakte_compiler.i18n import _

FA210 = code(
    "FA210",
    "bad-template",
    "unknown placeholder in Aktenzeichen or display title",
    """
    `akte.aktenzeichen.format` knows {kennzeichen}, {einheit}, {jahr}, {laufnummer:N} (required,
    N = digits) and {feld:ID} for an Akte field. `akte.display_title` knows {aktenzeichen} and
    {ID} or {ID.UNTERFELD} for Akte fields. Other placeholders cannot be filled.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            '"{kennzeichen}-{jahr}-{laufnummer:5}"',
            '"{kennzeichen}-{jahr}"',
            '"{kennzeichen}-{jahr}"',
        ),
        Example(
            EXAMPLE_FACHAKTE,
            "{antragsteller.nachname}",
            "{antragsteller.name}",
            '"{antragsteller.name}',
        ),
    ),
)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _resolve_dotted(ctx: Context, definition: Definition, dotted: str) -> bool:
    head, *rest = dotted.split(".")
    field = definition.fields.get(head)
    if field is None:
        return False
    if not rest:
        return True
    kind = field.text("type")
    if kind != "baustein":
        # A missing or rejected type (FA101, FA104) may be meant as a Baustein.
        return kind is None
    block = ctx.bausteine.get(field.text("baustein") or "")
    # A Baustein that is unknown (FA206) or not at hand (a file checked alone) may hold it.
    return block is None or _resolve_dotted(ctx, block, ".".join(rest))


def _check_templates(ctx: Context, definition: Definition) -> None:
    akte = definition.akte
    akte_fields = akte.names("fields")
    rule_item = akte.sub("aktenzeichen")
    fmt = rule_item.text("format") if rule_item else None
    if rule_item is not None and fmt is not None:
        path = (*rule_item.path, "format")
        has_number = False
        for placeholder in _PLACEHOLDER.findall(fmt):
            name, _colon, arg = placeholder.partition(":")
            if name == "laufnummer" and (arg == "" or arg.isdigit()):
                has_number = True
            elif name == "feld" and arg in akte_fields:
                continue
            elif name not in ("kennzeichen", "einheit", "jahr") or arg:
                ctx.report(
                    FA210,
                    definition.source,
                    path,
                    _("Aktenzeichen format has unknown placeholder '{{{placeholder}}}'").format(
                        placeholder=placeholder
                    ),
                    hint=_(
                        "use {kennzeichen}, {einheit}, {jahr}, {laufnummer:N} or {feld:ID} with "
                        "an Akte field"
                    ),
                )
        if not has_number:
            ctx.report(
                FA210,
                definition.source,
                path,
                _("Aktenzeichen format needs a running number '{laufnummer:N}'"),
                hint=_("without it two Akten could get the same Aktenzeichen"),
            )
    title = akte.text("display_title")
    if title is not None:
        for placeholder in _PLACEHOLDER.findall(title):
            head = placeholder.split(".")[0]
            if placeholder == "aktenzeichen" or ctx.stands_for_rejected(*placeholder.split(".")):
                continue
            if head not in akte_fields or not _resolve_dotted(ctx, definition, placeholder):
                ctx.report(
                    FA210,
                    definition.source,
                    (*akte.path, "display_title"),
                    _("display title uses '{{{placeholder}}}', which is not an Akte field").format(
                        placeholder=placeholder
                    ),
                    hint=_("use {aktenzeichen} or {FELD} / {FELD.UNTERFELD} of akte.fields"),
                )


@rule(FA210)
def templates_resolve(ctx: Context) -> None:
    for definition in ctx.fachakten:
        _check_templates(ctx, definition)
