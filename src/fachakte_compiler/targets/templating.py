"""The one way targets load their Jinja2 templates: from the package, autoescaped, strict.

Autoescaping is on for every target so that text from definitions can never inject markup into
XML or HTML; StrictUndefined turns a misspelt template variable into an error, not empty output.
Characters XML 1.0 forbids are replaced in every value written (validate reports them as FA015
first), so no output is ever a broken document.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from fachakte_compiler.xml_chars import xml_safe

if TYPE_CHECKING:
    import jinja2


def _finalize(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    safe = xml_safe(value)
    if safe is value:
        return value
    return type(value)(safe) if hasattr(value, "__html__") else safe


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
        finalize=_finalize,
    )
