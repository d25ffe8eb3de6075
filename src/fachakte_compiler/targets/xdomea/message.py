"""Renders the xdomea message Aktenplan.Aktenplan.0301 from Jinja2 templates.

The mapping lives in templates/ so that it can be adapted without touching Python; XML
autoescaping keeps titles such as 'Miet- & Lastenzuschuss' well-formed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import TYPE_CHECKING

from fachakte_compiler import LANGUAGE_VERSION, __version__
from fachakte_compiler.model import Catalogue, Tenant
from fachakte_compiler.model.identity import NAMESPACE
from fachakte_compiler.targets.templating import template_environment
from fachakte_compiler.targets.xdomea.fields import field_groups
from fachakte_compiler.targets.xdomea.plan import PlanUnit

if TYPE_CHECKING:
    import jinja2

AUSSONDERUNGSART = {
    "A": "Das Schriftgutobjekt ist archivwürdig.",
    "B": "Das Schriftgutobjekt ist zum Bewerten markiert.",
    "V": "Das Schriftgutobjekt ist zum Vernichten markiert.",
}
# Names the kind of extension (not the instance): the definition language it comes from.
EXTENSION_ID = f"urn:fachakte-compiler:fachakte:{LANGUAGE_VERSION}"
DEFAULT_TITLE = "Aktenplan der E-Fachakten"


def _environment() -> jinja2.Environment:
    return template_environment("fachakte_compiler.targets.xdomea", trim=False)


def render_body(catalogue: Catalogue, units: tuple[PlanUnit, ...], build_date: dt.datetime) -> str:
    """The <Aktenplan> element: identical for every tenant, so it is rendered once."""
    template = _environment().get_template("aktenplan.xml.j2")
    return template.render(
        title=catalogue.aktenplan_title or DEFAULT_TITLE,
        plan_type="Teilaktenplan",
        version=build_date.date().isoformat(),
        units=units,
        aussonderungsart=AUSSONDERUNGSART,
        extension_id=EXTENSION_ID,
        field_groups=field_groups,
    )


def process_id(tenant: Tenant, body: str) -> str:
    """Same tenant and same file plan give the same ProzessID; any change gives a new one."""
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return str(uuid.uuid5(NAMESPACE, f"xdomea/0301/{tenant.id}/{digest}"))


def render_message(body: str, sender: Tenant, recipient: Tenant, build_date: dt.datetime) -> bytes:
    import markupsafe

    created = build_date.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    text = (
        _environment()
        .get_template("nachricht-0301.xml.j2")
        .render(
            process_id=process_id(recipient, body),
            created=created,
            sender=sender,
            recipient=recipient,
            compiler_version=__version__,
            body=markupsafe.Markup(body),
        )
    )
    return text.encode("utf-8")
