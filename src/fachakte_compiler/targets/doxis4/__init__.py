"""Doxis4 target: one import package per Fachakte and municipality.

`build/<tenant>/doxis4/<fachakte>-<version>.zip` holds a manifest, the shared entries (the same
bytes in every tenant) and the tenant binding. The format is documented in
docs/doxis4-package.md and defined by schemas/doxis4-package.xsd.
"""

from __future__ import annotations

from fachakte_compiler.bind import bind_tenant
from fachakte_compiler.model import Catalogue
from fachakte_compiler.targets import BuildOptions, TargetOutput
from fachakte_compiler.targets.doxis4.entries import (
    MANIFEST,
    SHARED,
    TENANT,
    render_shared,
    render_tenant,
)
from fachakte_compiler.targets.doxis4.manifest import package_name, render_manifest
from fachakte_compiler.write.zipfile_det import deterministic_zip

ENTRY_ORDER = [MANIFEST.name, *(e.name for e in SHARED), TENANT.name]


def emit(catalogue: Catalogue, options: BuildOptions) -> TargetOutput:
    output = TargetOutput()
    for fachakte in catalogue.fachakten:
        shared = render_shared(fachakte)
        for tenant in options.tenants:
            binding = bind_tenant(catalogue, fachakte, tenant)
            entries = {**shared, TENANT.name: render_tenant(fachakte, binding)}
            entries[MANIFEST.name] = render_manifest(fachakte, binding, entries, shared)
            path = f"{tenant.id}/doxis4/{package_name(fachakte)}"
            output.files[path] = deterministic_zip(entries, order=ENTRY_ORDER)
    output.replaced_dirs |= {f"{t.id}/doxis4" for t in options.tenants}
    return output
