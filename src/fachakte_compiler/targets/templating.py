"""The one way targets load their Jinja2 templates: from the package, autoescaped, strict.

Autoescaping is on for every target so that text from definitions can never inject markup into
XML or HTML; StrictUndefined turns a misspelt template variable into an error, not empty output.
Characters XML 1.0 forbids are replaced in every value written (validate reports them as FA015
first), so no output is ever a broken document.

XML environments also write TAB, LF and CR in values as character references (`&#9;`, `&#10;`,
`&#13;`): a parser normalises literal ones in attribute values to spaces (XML 1.0 §3.3.3) and a
literal CR to LF everywhere (§2.11), so a description written with a line break would come back
changed. References survive both normalisations, in attributes and in element text alike.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from fachakte_compiler.xml_chars import xml_safe

if TYPE_CHECKING:
    from collections.abc import Iterable

    import jinja2
    from markupsafe import Markup


# XML 1.0 §3.3.3 (attribute-value normalisation) and §2.11 (end-of-line handling).
_WHITESPACE_REFERENCES = str.maketrans({"\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})


def _finalize(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    safe = xml_safe(value)
    if safe is value:
        return value
    return type(value)(safe) if hasattr(value, "__html__") else safe


def xml_value(value: object) -> Markup:
    """`value` as XML character data for element text and attribute values alike: escaped,
    forbidden characters replaced, TAB/LF/CR as character references. Markup passes as is."""
    import markupsafe

    if isinstance(value, markupsafe.Markup):
        return value
    escaped = str(markupsafe.escape(xml_safe(str(value))))
    return markupsafe.Markup(escaped.translate(_WHITESPACE_REFERENCES))


def _xml_finalize(value: Any) -> Any:
    if not isinstance(value, str) or hasattr(value, "__html__"):
        return _finalize(value)
    return xml_value(value)


def _xml_join(items: Iterable[object], separator: str = "") -> Markup:
    return xml_value(separator).join(xml_value(item) for item in items)


@cache
def template_environment(
    package: str, *, trim: bool = True, xml: bool = False
) -> jinja2.Environment:
    """A cached environment for the `templates/` folder of `package`; `xml` for XML output
    (whitespace in values as character references, see above)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=trim,
        lstrip_blocks=trim,
        keep_trailing_newline=True,
        finalize=_xml_finalize if xml else _finalize,
    )
    if xml:
        env.filters["join"] = _xml_join
    return env
