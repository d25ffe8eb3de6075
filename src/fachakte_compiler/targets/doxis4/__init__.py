"""Doxis4 target: the target description and the provisioning plan of every municipality.

- `build/<tenant>/doxis4/<fachakte>-<version>.zip`: the target description ("Zielbeschreibung"),
  one signed, reproducible package per Fachakte and municipality: a manifest, the shared
  entries (the same bytes in every tenant) and the tenant binding. Format: docs/doxis4.md,
  schemas/doxis4-package.xsd.
- `build/<tenant>/doxis4/provision/plan.json`: the ordered, idempotent steps for what the public
  Doxis4 API can create (schemas/doxis4-plan.schema.json), one per municipality.
- `build/doxis4/einrichtung/` and `build/doxis4/transport.csv`: the setup sheet and transport
  list for what the API cannot create, the same for every municipality (`setup_sheet`).
- `build/<tenant>/doxis4/transport.csv`, only with one organization per tenant: the transport
  list of that organization, which holds only the Fachakten its tenant runs (`used_by`).

The packages are built per (tenant, Fachakte), the plan per tenant (it covers the whole
catalogue), the setup sheet once; `TARGET` declares which function produces which part.
"""

from __future__ import annotations

from fachakte_compiler.model import Catalogue
from fachakte_compiler.targets import BuildOptions, Granularity, Parts, TargetOutput, by_view

# The renderers are imported inside the functions: `validate` imports `names` from this
# package and must not pay for Jinja2, lxml and the package writer.


def emit_packages(catalogue: Catalogue, options: BuildOptions) -> TargetOutput:
    """The target description of every Fachakte of `catalogue` for `options.tenants`."""
    from fachakte_compiler.bind import bind_tenant
    from fachakte_compiler.targets.doxis4.entries import (
        MANIFEST,
        SHARED,
        TENANT,
        render_shared,
        render_tenant,
    )
    from fachakte_compiler.targets.doxis4.manifest import package_name, render_manifest
    from fachakte_compiler.write.zipfile_det import deflate, deterministic_zip

    order = [MANIFEST.name, *(e.name for e in SHARED), TENANT.name]
    output = TargetOutput()
    for fachakte in catalogue.fachakten:
        shared = render_shared(catalogue, fachakte)
        # The same bytes in every tenant's package: compressed once.
        packed = {name: deflate(data) for name, data in shared.items()}
        for tenant in options.tenants:
            if not fachakte.runs_in(tenant.id):
                continue  # used_by: e.g. a Kreis runs no Friedhof
            binding = bind_tenant(catalogue, fachakte, tenant)
            entries = {**shared, TENANT.name: render_tenant(catalogue, fachakte, binding)}
            entries[MANIFEST.name] = render_manifest(fachakte, binding, entries, shared)
            path = f"{tenant.id}/doxis4/{package_name(fachakte)}"
            output.files[path] = deterministic_zip({**entries, **packed}, order=order)
    output.replaced_dirs |= {f"{t.id}/doxis4" for t in options.tenants}
    return output


def emit_plans(catalogue: Catalogue, options: BuildOptions) -> TargetOutput:
    """plan.json of every tenant in `options.tenants`, with the scripts rendered from it:
    Provision.groovy and, where the tenant delegates tasks, DelegationAgent.groovy; each
    covers the Fachakten the tenant runs. With one organization per tenant also the tenant's
    transport list. `catalogue` must be the whole one."""
    from fachakte_compiler.targets.doxis4.plan import PLAN_PATH, render_plan
    from fachakte_compiler.targets.doxis4.transport import (
        TRANSPORT_PATH,
        organization_transport_csv,
    )
    from fachakte_compiler.targets.doxis4_provision import (
        AGENT_PATH,
        SCRIPT_PATH,
        render_scripts,
    )

    output = TargetOutput()
    transport: dict[int, bytes] = {}
    for tenant in by_view(catalogue, options.tenants):
        if not catalogue.doxis4.shared:
            view = catalogue.for_tenant(tenant.id)
            if id(view) not in transport:
                transport[id(view)] = organization_transport_csv(view)
            output.files[f"{tenant.id}/{TRANSPORT_PATH}"] = transport[id(view)]
        plan = render_plan(catalogue, tenant)
        output.files[f"{tenant.id}/{PLAN_PATH}"] = plan
        output.files[f"{tenant.id}/{SCRIPT_PATH}"], agent = render_scripts(plan)
        if agent is not None:
            output.files[f"{tenant.id}/{AGENT_PATH}"] = agent
    output.replaced_dirs |= {f"{t.id}/doxis4/provision" for t in options.tenants}
    return output


def emit_setup(catalogue: Catalogue, options: BuildOptions) -> TargetOutput:
    """The setup sheet and the transport list; `catalogue` must be the whole one."""
    from fachakte_compiler.targets.doxis4.setup_sheet import emit_setup_sheet

    return emit_setup_sheet(catalogue, options)


TARGET = Parts(
    "doxis4",
    {
        Granularity.FACHAKTE: emit_packages,
        Granularity.TENANT: emit_plans,
        Granularity.CATALOGUE: emit_setup,
    },
)
