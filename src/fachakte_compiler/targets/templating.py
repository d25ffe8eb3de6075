"""The one way targets load their Jinja2 templates: from the package, autoescaped, strict.

Autoescaping is on for every target so that text from definitions can never inject markup into
XML or HTML; StrictUndefined turns a misspelt template variable into an error, not empty output.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2


@cache
def template_environment(package: str, *, trim: bool = True) -> jinja2.Environment:
    """A cached environment for the `templates/` folder of `package`."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=trim,
        lstrip_blocks=trim,
        keep_trailing_newline=True,
    )
