"""Target xdomea: the file plan as xdomea 3.0.0 message Aktenplan.Aktenplan.0301 per tenant.

Writes build/<tenant>/xdomea/<ProzessID>_Aktenplan.Aktenplan.0301.xml. The Hochsauerlandkreis
(the tenant of kind 'kreis') sends, each tenant receives the units of the Fachakten it runs
(`used_by`, delegations); tenants that run the same ones differ only in the Kopf.
Every message passes the conformance rules (conformance.py) and, where the official XSDs are
available, the XSDs, before anything is written.
"""

from __future__ import annotations

from fachakte_compiler.i18n import N_, _
from fachakte_compiler.model import Catalogue, Tenant
from fachakte_compiler.targets import (
    BuildOptions,
    Granularity,
    Parts,
    TargetError,
    TargetOutput,
    by_view,
)

# The notes are English msgids, as the build cache keeps them; targets.shown_note translates.
SKIPPED = N_(
    "xdomea: schema validation was skipped; run `fachakte xdomea-schemas fetch` once, or pass "
    "--xsd-dir (or set FACHAKTE_XDOMEA_XSD_DIR) to the official xdomea 3.0.0 XSDs"
)
NO_FACHAKTEN = N_("xdomea: the catalogue has no Fachakten; no file plan was written")
UNTITLED = N_("xdomea: file plan levels without a title (add them to aktenplan.yaml): {levels}")
RUNS_NOTHING = N_("xdomea: tenant '{tenant}' runs no Fachakte (used_by); no file plan was written")
NOTES = (SKIPPED, NO_FACHAKTEN, UNTITLED, RUNS_NOTHING)


def _sender(catalogue: Catalogue) -> Tenant:
    for tenant in catalogue.tenants:
        if tenant.kind == "kreis":
            return tenant
    raise TargetError(_("xdomea: tenants.yaml has no tenant of kind 'kreis' to send the file plan"))


def emit(catalogue: Catalogue, options: BuildOptions) -> TargetOutput:
    from fachakte_compiler.targets.xdomea import conformance, message, schema
    from fachakte_compiler.targets.xdomea.plan import build_plan, untitled_levels

    output = TargetOutput()
    if not catalogue.fachakten:
        output.notes.append(NO_FACHAKTEN)
        return output
    sender = _sender(catalogue)
    units = build_plan(catalogue)
    # Each tenant's file plan holds the Fachakten it runs (used_by); tenants that run the same
    # ones share one body.
    bodies: dict[int, str] = {}
    for tenant in by_view(catalogue, options.tenants):
        view = catalogue.for_tenant(tenant.id)
        if not view.fachakten:
            output.notes.append(RUNS_NOTHING.format(tenant=tenant.id))
            continue
        if id(view) not in bodies:
            bodies[id(view)] = message.render_body(view, build_plan(view), options.build_date)
        body = bodies[id(view)]
        folder = f"{tenant.id}/xdomea"
        process_id, data = message.render_message(body, sender, tenant, options.build_date)
        name = f"{folder}/{message.file_name(process_id)}"
        conformance.check(data, name)
        if options.xsd_dir is not None:
            schema.check(data, options.xsd_dir, name)
        output.files[name] = data
        output.replaced_dirs.add(folder)
    if options.xsd_dir is None:
        output.notes.append(SKIPPED)
    untitled = untitled_levels(units)
    if untitled:
        output.notes.append(UNTITLED.format(levels=", ".join(untitled)))
    return output


# One message per tenant; each covers the whole catalogue.
TARGET = Parts("xdomea", {Granularity.TENANT: emit}, reads=frozenset({"build_date", "xsd_dir"}))
