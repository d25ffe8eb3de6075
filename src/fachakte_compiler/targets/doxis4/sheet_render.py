"""Renders the setup sheet as an XHTML-compatible HTML5 page in the documentation's style.

The page extends the documentation's `base.html` (same header, footer, stylesheet), so it opens
offline from the file system, prints on A4 and parses with a strict XML parser.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from fachakte_compiler.model import Fachakte
from fachakte_compiler.targets.doxis4.sheet_model import Sheet

if TYPE_CHECKING:
    import jinja2


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    from fachakte_compiler.targets.docs.render import environment

    docs = environment()
    # The sheet's own template first, then the documentation's base and macros; the overlay
    # keeps the documentation's filters (e.g. `datum`) and its strict, autoescaping settings.
    own = jinja2.PackageLoader("fachakte_compiler.targets.doxis4", "templates")
    assert docs.loader is not None
    return docs.overlay(loader=jinja2.ChoiceLoader([own, docs.loader]))


def render_sheet(content: Sheet, fachakten: tuple[Fachakte, ...]) -> bytes:
    """The page; like the packages it does not depend on the build date."""
    template = _environment().get_template("einrichtung.html")
    text: str = template.render(sheet=content, fachakten=fachakten)
    return text.encode("utf-8")
