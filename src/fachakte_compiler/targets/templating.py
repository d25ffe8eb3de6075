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

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from fachakte_compiler.xml_chars import FORBIDDEN, xml_safe

if TYPE_CHECKING:
    from collections.abc import Iterable

    import jinja2
    from markupsafe import Markup


# XML 1.0 §3.3.3 (attribute-value normalisation) and §2.11 (end-of-line handling).
_WHITESPACE_REFERENCES = str.maketrans({"\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})
# TAB, LF, CR and every character XML 1.0 forbids (xml_chars.FORBIDDEN): a value without any
# is written by Jinja's own escaping alone, without the Markup round trips of xml_value.
_BEYOND_ESCAPING = re.compile("[\x00-\x1f\ud800-\udfff\ufffe\uffff]")
# The same and the five characters markupsafe escapes: text without any is its own XML, as most
# identifiers and constants are. (Both list what they find, as FORBIDDEN does, see there.)
_NOT_VERBATIM = re.compile("[\x00-\x1f\"&'<>\ud800-\udfff\ufffe\uffff]")


def _finalize(value: Any) -> Any:
    # Searched here rather than through xml_safe: a call less for every value a template writes.
    if not isinstance(value, str) or FORBIDDEN.search(value) is None:
        return value
    safe = xml_safe(value)
    return type(value)(safe) if hasattr(value, "__html__") else safe


def _xml_text(value: object) -> str:
    """xml_value as a plain str: joining plain strings and wrapping the result once spares a
    Markup object (a Python-level constructor call) per item."""
    import markupsafe

    if isinstance(value, markupsafe.Markup):
        return value
    text = value if type(value) is str else str(value)
    if _NOT_VERBATIM.search(text) is None:
        return text
    escaped = str(markupsafe.escape(xml_safe(text)))
    return escaped.translate(_WHITESPACE_REFERENCES) if _BEYOND_ESCAPING.search(text) else escaped


def xml_value(value: object) -> Markup:
    """`value` as XML character data for element text and attribute values alike: escaped,
    forbidden characters replaced, TAB/LF/CR as character references. Markup passes as is."""
    import markupsafe

    if isinstance(value, markupsafe.Markup):
        return value
    return markupsafe.Markup(_xml_text(value))


def _xml_finalize(value: Any) -> Any:
    # Jinja escapes whatever finalize returns: a plain str that needs nothing beyond that
    # escaping goes through as is (most values; one Markup instead of four per value).
    if type(value) is str and _BEYOND_ESCAPING.search(value) is None:
        return value
    if not isinstance(value, str) or hasattr(value, "__html__"):
        return _finalize(value)
    return xml_value(value)


def _xml_join(items: Iterable[object], separator: str = "") -> Markup:
    import markupsafe

    return markupsafe.Markup(_xml_text(separator).join([_xml_text(item) for item in items]))


def _indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    """Jinja's `indent` filter computed on the plain text: on Markup, Jinja's own wraps and
    escapes every line again, one Markup per line. Line breaks and spaces need no escaping,
    so the text is the same; Markup in, Markup out."""
    import jinja2.filters
    import markupsafe

    text = jinja2.filters.do_indent(str(s), width, first, blank)
    return markupsafe.Markup(text) if isinstance(s, markupsafe.Markup) else text


@cache
def template_environment(
    package: str, *, trim: bool = True, xml: bool = False
) -> jinja2.Environment:
    """A cached environment for the `templates/` folder of `package`; `xml` for XML output
    (whitespace in values as character references, see above). Compiled templates are kept
    in the user's cache folder (fachakte_compiler.template_cache)."""
    import jinja2

    from fachakte_compiler.template_cache import bytecode_cache

    env = jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=trim,
        lstrip_blocks=trim,
        keep_trailing_newline=True,
        finalize=_xml_finalize if xml else _finalize,
        bytecode_cache=bytecode_cache(),
    )
    env.filters["indent"] = _indent
    if xml:
        env.filters["join"] = _xml_join
    return env
