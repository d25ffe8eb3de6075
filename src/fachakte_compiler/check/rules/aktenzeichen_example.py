"""The example Aktenzeichen of a Fachakte is one that its format can produce."""

from __future__ import annotations

import re

from fachakte_compiler.check.context import Context, Definition
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import EXAMPLE_FACHAKTE, Example, code
from fachakte_compiler.i18n import _

FA221 = code(
    "FA221",
    "aktenzeichen-example-mismatch",
    "the example Aktenzeichen does not fit the format",
    """
    `akte.aktenzeichen.example` shows readers (the documentation, the setup sheet) what an
    Aktenzeichen looks like, so it must be one the format can produce: {kennzeichen} is a
    Kennzeichen (digits and dots, e.g. the Fachakte's own), {einheit} a short code (letters,
    digits, '-', '_'; a tenant's `short`, else its `doxis4_unit`), {jahr} four digits,
    {laufnummer:N} exactly N digits, {feld:ID} any text; everything else literally as in the
    format. The hint shows an example built from the format.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "example: 99.10-2026-00001",
            "example: 99.10-2026-1",
            "99.10-2026-1",
        ),
    ),
)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _einheiten(ctx: Context) -> list[str]:
    found = []
    for tenant in ctx.tenants.values():
        value = tenant.text("short") or tenant.text("doxis4_unit")
        if value:
            found.append(value)
    return sorted(set(found))


def _pattern_and_example(
    fmt: str, kennzeichen: str | None, einheiten: list[str]
) -> tuple[re.Pattern[str], str | None] | None:
    """The regular expression of every Aktenzeichen `fmt` can produce, and one of them (None
    where a field's value would be needed); None when a placeholder is unknown (FA210's
    finding) or a width is unusable (FA218's)."""
    parts, made = ["^"], ""
    position = 0
    fillable = True
    for match in _PLACEHOLDER.finditer(fmt):
        literal = fmt[position : match.start()]
        parts.append(re.escape(literal))
        made += literal
        position = match.end()
        name, colon, arg = match.group(1).partition(":")
        if name == "kennzeichen" and not colon:
            # Any Kennzeichen, not only the Fachakte's own: a Fachakte that moves in the
            # Aktenplan keeps a valid example, and copies of a file stay valid.
            parts.append(r"[0-9]+(?:\.[0-9]+)*")
            made += kennzeichen or "1"
        elif name == "einheit" and not colon:
            # Any short code, not only those of today's tenants (a catalogue may hold fewer).
            parts.append(r"[A-Za-z0-9ÄÖÜäöüß_-]+")
            made += einheiten[0] if einheiten else "EINHEIT"
        elif name == "jahr" and not colon:
            parts.append("[0-9]{4}")
            made += "2026"
        elif name == "laufnummer" and not colon:
            parts.append("[0-9]+")
            made += "1"
        elif name == "laufnummer" and arg.isascii() and arg.isdigit() and 1 <= int(arg) <= 10:
            parts.append(f"[0-9]{{{int(arg)}}}")
            made += "1".zfill(int(arg))
        elif name == "feld" and arg:
            parts.append(".+?")
            fillable = False
        else:
            return None
    rest = fmt[position:]
    if "{" in rest or "}" in rest:
        return None
    parts.append(re.escape(rest) + "$")
    return re.compile("".join(parts)), (made + rest if fillable else None)


def _check(ctx: Context, definition: Definition, einheiten: list[str]) -> None:
    item = definition.akte.sub("aktenzeichen")
    fmt = item.text("format") if item else None
    example = item.text("example") if item else None
    if item is None or fmt is None or example is None:
        return
    plan = definition.root.sub("aktenplan")
    built = _pattern_and_example(fmt, plan.text("kennzeichen") if plan else None, einheiten)
    if built is None:
        return
    pattern, made = built
    if pattern.match(example) is None:
        ctx.report(
            FA221,
            definition.source,
            (*item.path, "example"),
            _("example '{example}' cannot come from the format '{format}'").format(
                example=example, format=fmt
            ),
            hint=_('e.g. example: "{made}"').format(made=made)
            if made
            else _("write an Aktenzeichen the format makes"),
        )


@rule(FA221)
def aktenzeichen_example(ctx: Context) -> None:
    einheiten = _einheiten(ctx) if ctx.knows_tenants else []
    for definition in ctx.fachakten:
        _check(ctx, definition, einheiten)
