"""Aktenzeichen rule and display title use only placeholders that can be filled."""

from __future__ import annotations

import re

from fachakte_compiler.check.context import Context, Definition
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import EXAMPLE_FACHAKTE, Example, code
from fachakte_compiler.diagnostics.suggest import closest, is_id, suggestion_text
from fachakte_compiler.i18n import _

FA210 = code(
    "FA210",
    "bad-template",
    "unknown placeholder in Aktenzeichen or display title",
    """
    `akte.aktenzeichen.format` knows {kennzeichen}, {einheit}, {jahr}, {laufnummer:N} (required,
    N = digits) and {feld:ID} for an Akte field. `akte.display_title` knows {aktenzeichen} and
    the id of an Akte field in braces, with `.subfield` for a field of its Baustein (e.g.
    {antragsteller.nachname}). Other placeholders cannot be filled; a misspelt one gets the
    closest known name.""",
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
            "{antragsteller.name}",
        ),
    ),
)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _misspelt(ctx: Context, definition: Definition, dotted: str) -> str | None:
    """None when `dotted` (`field` or `field.subfield…` of the Fachakte's own fields) names a
    field, or may (a Baustein not at hand, a type rejected elsewhere); else the closest name
    that does, or "" when none is close."""
    head, *rest = dotted.split(".")
    field = definition.fields.get(head)
    if field is None:
        return closest(head, definition.fields, valid=is_id) or ""
    if not rest:
        return None
    kind = field.text("type")
    if kind != "baustein":
        # A missing or rejected type (FA101, FA104) may be meant as a Baustein.
        return None if kind is None else ""
    block = ctx.bausteine.get(field.text("baustein") or "")
    # A Baustein that is unknown (FA206) or not at hand (a file checked alone) may hold it.
    inner = None if block is None else _misspelt(ctx, block, ".".join(rest))
    return inner and f"{head}.{inner}"


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
            if name == "laufnummer":
                has_number = True  # a bad width (`{laufnummer:x}`) is FA218's finding
            elif name == "feld" and arg in akte_fields:
                continue
            elif name not in ("kennzeichen", "einheit", "jahr") or arg:
                # A misspelt running number (`{lfd:5}`) is one mistake: its finding proposes
                # `{laufnummer:5}`, and the number is not also missing.
                has_number = has_number or _meant_as_number(name, arg)
                ctx.report(
                    FA210,
                    definition.source,
                    path,
                    _("Aktenzeichen format has unknown placeholder '{{{placeholder}}}'").format(
                        placeholder=placeholder
                    ),
                    hint=_format_hint(name, arg, akte_fields),
                    part=f"{{{placeholder}}}",
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
            head, *rest = placeholder.split(".")
            if placeholder == "aktenzeichen" or ctx.stands_for_rejected(head, *rest):
                continue
            meant: str | None
            if head not in akte_fields:
                near = closest(head, [*akte_fields, "aktenzeichen"], valid=is_id)
                meant = ".".join([near, *rest]) if near else ""
            else:
                meant = _misspelt(ctx, definition, placeholder)
            if meant is not None:
                ctx.report(
                    FA210,
                    definition.source,
                    (*akte.path, "display_title"),
                    _("display title uses '{{{placeholder}}}', which is not an Akte field").format(
                        placeholder=placeholder
                    ),
                    hint=suggestion_text([f"{{{meant}}}"])
                    if meant
                    else _(
                        "use {aktenzeichen} or the id of an Akte field in braces, with "
                        "'.subfield' for a field of its Baustein"
                    ),
                    part=f"{{{placeholder}}}",
                )


_FIXED = ("kennzeichen", "einheit", "jahr", "laufnummer")


def _meant_as_number(name: str, arg: str) -> bool:
    """`name:arg` stands for the running number: it takes digits (the only placeholder that
    does, `{lfd:5}`), or its name is closest to `laufnummer` (`{laufnr}`)."""
    if name == "feld":
        return False
    return arg.isdigit() or closest(name, _FIXED, valid=None) == "laufnummer"


def _format_hint(name: str, arg: str, akte_fields: set[str]) -> str:
    """What to write for the unknown Aktenzeichen placeholder `name:arg`: the closest known
    one, or the list of them."""
    if _meant_as_number(name, arg):
        return suggestion_text([f"{{laufnummer:{arg if arg.isdigit() else 5}}}"])
    if name == "feld":
        meant = closest(arg, akte_fields, valid=is_id)
        if meant:
            return suggestion_text([f"{{feld:{meant}}}"])
    elif not arg:
        meant = closest(name, _FIXED, valid=None)
        if meant:
            return suggestion_text([f"{{{meant}}}"])
    return _("use {kennzeichen}, {einheit}, {jahr}, {laufnummer:N} or {feld:ID} with an Akte field")


@rule(FA210)
def templates_resolve(ctx: Context) -> None:
    for definition in ctx.fachakten:
        _check_templates(ctx, definition)
