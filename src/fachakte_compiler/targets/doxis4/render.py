"""Renders the package XML from Jinja2 templates with XML autoescaping.

The templates hold the whole mapping onto Doxis4's concepts, so that it can be adapted to the
vendor's import format without touching Python.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from fachakte_compiler.targets.templating import template_environment

if TYPE_CHECKING:
    import jinja2


def _xml_bool(value: object) -> str:
    return "true" if value else "false"


def _xml_value(value: object) -> str:
    # str() of a float is locale-independent and shortest round-trip: same bytes everywhere.
    return _xml_bool(value) if isinstance(value, bool) else str(value)


@cache
def environment() -> jinja2.Environment:
    env = template_environment("fachakte_compiler.targets.doxis4", xml=True)
    env.filters["xbool"] = _xml_bool
    env.filters["xval"] = _xml_value
    return env


def render(template: str, **context: Any) -> bytes:
    return environment().get_template(template).render(**context).encode("utf-8")
