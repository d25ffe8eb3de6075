"""The Jinja2 environment of the documentation: templates from this package, autoescaping on,
undefined names are errors (a typo in a template must fail the build, not print nothing)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from fachakte_compiler.targets.docs import labels, views

if TYPE_CHECKING:
    import jinja2


@cache
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("fachakte_compiler.targets.docs", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        L=labels,
        views=views,
        label=labels.label,
    )
    env.filters.update(
        datum=labels.german_date,
        jahre=labels.years_text,
        tage=labels.days_text,
    )
    return env


def render(template: str, **context: Any) -> bytes:
    text: str = environment().get_template(template).render(**context)
    return text.encode("utf-8")
