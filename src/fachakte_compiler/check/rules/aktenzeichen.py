"""The Aktenzeichen format builds one unambiguous number per Akte: one running number of a width
that can be written, and no braces outside placeholders. Unknown placeholders and a missing
running number are FA210 (templates.py)."""

from __future__ import annotations

import re

from fachakte_compiler.check.context import Context
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import EXAMPLE_FACHAKTE, Example, code
from fachakte_compiler.i18n import _

# Wider than ten digits is never reached (ten billion Akten per Kennzeichen and year) and only
# makes the Aktenzeichen too long for a Doxis4 descriptor and for people to read out.
MAX_WIDTH = 10
_FORMAT = "{kennzeichen}-{jahr}-{laufnummer:5}"

FA218 = code(
    "FA218",
    "running-number-width",
    "the width of {laufnummer:N} is not a number from 1 to 10",
    """
    N in {laufnummer:N} is how many digits the running number is padded to, written in
    ASCII digits from 1 to 10. A width of 0 pads nothing and makes `1` and `01`
    ambiguous with other parts; a huge width writes millions of zeros into every Aktenzeichen;
    digits of other scripts (`٥`, `５`, `²`) are read differently by Java, Python and people.
    Leave `:N` out for no padding.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            f'"{_FORMAT}"',
            '"{kennzeichen}-{jahr}-{laufnummer:0}"',
            '"{kennzeichen}-{jahr}-{laufnummer:0}"',
        ),
        Example(
            EXAMPLE_FACHAKTE,
            f'"{_FORMAT}"',
            '"{kennzeichen}-{jahr}-{laufnummer:٥}"',
            '"{kennzeichen}-{jahr}-{laufnummer:٥}"',
        ),
    ),
)
FA219 = code(
    "FA219",
    "several-running-numbers",
    "the Aktenzeichen format has more than one {laufnummer}",
    """
    An Akte gets one running number per Kennzeichen (and year). Two {laufnummer} placeholders
    would write the same number twice, or, filled by different counters, allow two Akten with
    the same Aktenzeichen. Write {laufnummer:N} once.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            f'"{_FORMAT}"',
            '"{kennzeichen}-{laufnummer:3}-{laufnummer:5}"',
            '"{kennzeichen}-{laufnummer:3}-{laufnummer:5}"',
        ),
    ),
)
FA220 = code(
    "FA220",
    "aktenzeichen-brace",
    "a brace outside a placeholder in the Aktenzeichen format",
    """
    Braces only enclose placeholders. Doubled braces (`{{jahr}}`) are an escape in Python's
    format strings but not in Doxis4's number ranges, and a lone `{` or `}` is a placeholder
    left open; each target would write something else. Aktenzeichen contain no braces: remove
    them.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            f'"{_FORMAT}"',
            '"{{kennzeichen}}-{jahr}-{laufnummer:5}"',
            '"{{kennzeichen}}-{jahr}-{laufnummer:5}"',
        ),
    ),
)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@rule(FA218, FA219, FA220)
def aktenzeichen_format(ctx: Context) -> None:
    for definition in ctx.fachakten:
        item = definition.akte.sub("aktenzeichen")
        fmt = item.text("format") if item else None
        if item is None or fmt is None:
            continue
        path = (*item.path, "format")
        numbers = 0
        for placeholder in _PLACEHOLDER.findall(fmt):
            name, colon, width = placeholder.partition(":")
            if name != "laufnummer":
                continue
            numbers += 1
            if colon and not (width.isascii() and width.isdigit() and 1 <= int(width) <= MAX_WIDTH):
                ctx.report(
                    FA218,
                    definition.source,
                    path,
                    _(
                        "running number width '{width}' is not a number from 1 to {limit} in "
                        "ASCII digits"
                    ).format(width=width, limit=MAX_WIDTH),
                    hint=_("write e.g. {laufnummer:5}, or {laufnummer} for no padding"),
                )
        if numbers > 1:
            ctx.report(
                FA219,
                definition.source,
                path,
                _("Aktenzeichen format has {numbers} running numbers").format(numbers=numbers),
                hint=_("write {laufnummer:N} once"),
            )
        rest = _PLACEHOLDER.sub("", fmt)
        if "{" in rest or "}" in rest:
            ctx.report(
                FA220,
                definition.source,
                path,
                _("Aktenzeichen format has a brace outside a placeholder"),
                hint=_("braces only enclose placeholders; remove the others"),
            )
