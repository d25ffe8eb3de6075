"""Nothing unfinished ships: the placeholders that `fachakte new` writes must be replaced."""

from __future__ import annotations

import re

from fachakte_compiler.check.context import Context
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import Severity, code
from fachakte_compiler.diagnostics.codes import EXAMPLE_FACHAKTE, Example
from fachakte_compiler.i18n import _
from fachakte_compiler.load.source import single_values
from fachakte_compiler.scaffold.create import PLACEHOLDER_RANGE

FA017 = code(
    "FA017",
    "placeholder-left",
    "placeholder from `fachakte new` not replaced",
    """
    `fachakte new` writes a valid Fachakte whose texts say "Platzhalter" and whose Aktenplan
    Kennzeichen is a free number from 999 downwards, so that validation helps from the first
    minute. Before the Fachakte ships, the lead municipalities replace every placeholder with
    the real title, legal basis, retention source and Kennzeichen (an entry of aktenplan.yaml).
    It is a warning while the Fachakte is being written; `fachakte release` refuses it even
    with --allow-warnings.""",
    Severity.WARNING,
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "title: Beispielakte",
            "title: Beispielakte (Platzhalter)",
            "Beispielakte (Platzhalter)",
        ),
        Example(EXAMPLE_FACHAKTE, 'kennzeichen: "99.10"', 'kennzeichen: "999"', '"999"'),
    ),
)

PLACEHOLDER_WORD = re.compile(r"\bPlatzhalter\b", re.IGNORECASE)


@rule(FA017)
def placeholders(ctx: Context) -> None:
    planned = {
        unit.text("kennzeichen")
        for f in ctx.catalogue.of_kind("aktenplan")
        for unit in ctx.root(f).items("units")
    }
    scaffold_numbers = {str(n) for n in PLACEHOLDER_RANGE}
    for definition in ctx.definitions():
        source = definition.source
        # Most files hold no placeholder at all: look at the text before walking the data.
        has_word = source.text == "" or "platzhalter" in source.text.lower()
        for path, text in single_values(source.data) if has_word else ():
            if isinstance(text, str) and PLACEHOLDER_WORD.search(text):
                ctx.report(
                    FA017,
                    source,
                    path,
                    _("'{map}' still holds a placeholder text").format(
                        map=".".join(map(str, path))
                    ),
                    hint=_("replace it with the real text"),
                )
        plan = definition.root.sub("aktenplan")
        kennzeichen = plan.text("kennzeichen") if plan else None
        if plan is not None and kennzeichen in scaffold_numbers and kennzeichen not in planned:
            ctx.report(
                FA017,
                source,
                (*plan.path, "kennzeichen"),
                _("Kennzeichen '{kennzeichen}' is the placeholder of `fachakte new`").format(
                    kennzeichen=kennzeichen
                ),
                hint=_("file the Fachakte under its real Aktenplan position (see aktenplan.yaml)"),
            )
