"""Target xdomea: the file plan as xdomea 3.0.0 message Aktenplan.Aktenplan.0301 per tenant.

Writes build/<tenant>/xdomea/aktenplan-0301.xml. The Hochsauerlandkreis (the tenant of kind
'kreis') sends, each tenant receives; only the Kopf differs between tenants.
"""

from __future__ import annotations

from fachakte_compiler.model import Catalogue, Tenant
from fachakte_compiler.targets import BuildOptions, TargetError, TargetOutput

FILE_NAME = "aktenplan-0301.xml"


def _sender(catalogue: Catalogue) -> Tenant:
    for tenant in catalogue.tenants:
        if tenant.kind == "kreis":
            return tenant
    raise TargetError("xdomea: tenants.yaml has no tenant of kind 'kreis' to send the file plan")


def emit(catalogue: Catalogue, options: BuildOptions) -> TargetOutput:
    from fachakte_compiler.targets.xdomea import message, schema
    from fachakte_compiler.targets.xdomea.plan import build_plan, untitled_levels

    output = TargetOutput()
    if not catalogue.fachakten:
        output.notes.append("xdomea: the catalogue has no Fachakten; no file plan was written")
        return output
    sender = _sender(catalogue)
    units = build_plan(catalogue)
    body = message.render_body(catalogue, units, options.build_date)
    for tenant in options.tenants:
        folder = f"{tenant.id}/xdomea"
        name = f"{folder}/{FILE_NAME}"
        data = message.render_message(body, sender, tenant, options.build_date)
        if options.xsd_dir is not None:
            schema.check(data, options.xsd_dir, name)
        output.files[name] = data
        output.replaced_dirs.add(folder)
    if options.xsd_dir is None:
        output.notes.append(
            "xdomea: schema validation was skipped; pass --xsd-dir (or set "
            "FACHAKTE_XDOMEA_XSD_DIR) to the official xdomea 3.0.0 XSDs"
        )
    untitled = untitled_levels(units)
    if untitled:
        output.notes.append(
            "xdomea: file plan levels without a title (add them to "
            f"aktenplan.yaml): {', '.join(untitled)}"
        )
    return output
