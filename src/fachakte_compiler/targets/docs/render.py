"""The Jinja2 environment of the documentation: templates from this package, autoescaping on,
undefined names are errors (a typo in a template must fail the build, not print nothing)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from fachakte_compiler.targets.docs import labels, views
from fachakte_compiler.targets.templating import template_environment

if TYPE_CHECKING:
    import jinja2


@cache
def environment() -> jinja2.Environment:
    env = template_environment("fachakte_compiler.targets.docs")
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
