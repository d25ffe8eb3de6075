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
from fachakte_compiler.targets.xdomea.authority import behoerdenschluessel
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
XDOMEA_NAMESPACE = "urn:xoev-de:xdomea:schema:3.0.0"
# Nachrichtentyp as the file name spells it: <ProzessID>_<Nachrichtentyp>.xml (xdomea 3.0.0
# specification, section on file names; the LAV NRW examples name their files the same way).
MESSAGE_TYPE = "Aktenplan.Aktenplan.0301"
# The entry XSD of the official bundle, named in xsi:schemaLocation as the xoev.de conformance
# rules ask; receivers resolve it against their own copy of the XSDs.
SCHEMA_FILE = "xdomea.xsd"
# Kopf/Hinweis of the Kreis' own copy: it publishes the shared plan and adopts it itself, so
# Absender and Empfaenger are rightly the same authority.
SELF_ADDRESSED = (
    "Absender und Empfänger sind dieselbe Behörde: sie gibt den gemeinsamen Aktenplan heraus "
    "und übernimmt ihn in ihr eigenes DMS."
)


def _environment() -> jinja2.Environment:
    return template_environment("fachakte_compiler.targets.xdomea", trim=False, xml=True)


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


def file_name(process_id: str) -> str:
    """'<ProzessID>_Aktenplan.Aktenplan.0301.xml'."""
    return f"{process_id}_{MESSAGE_TYPE}.xml"


def render_message(
    body: str, sender: Tenant, recipient: Tenant, build_date: dt.datetime
) -> tuple[str, bytes]:
    """(ProzessID, message bytes) of `recipient`'s message; `body` from render_body."""
    import markupsafe

    created = build_date.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    pid = process_id(recipient, body)
    text = (
        _environment()
        .get_template("nachricht-0301.xml.j2")
        .render(
            process_id=pid,
            namespace=XDOMEA_NAMESPACE,
            schema_file=SCHEMA_FILE,
            self_addressed=SELF_ADDRESSED,
            behoerdenschluessel=behoerdenschluessel,
            created=created,
            sender=sender,
            recipient=recipient,
            compiler_version=__version__,
            body=markupsafe.Markup(body),
        )
    )
    return pid, text.encode("utf-8")
