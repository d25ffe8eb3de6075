"""The entries of a package in import order, and how each one is rendered.

An importer applies entries top to bottom: every entry refers only to objects created by the
entries above it (value lists before descriptors, descriptors and retention rules before
document types, those before the file type, roles before workflow and rights).
"""

from __future__ import annotations

from dataclasses import dataclass

from fachakte_compiler.bind import TenantBinding
from fachakte_compiler.model import Fachakte
from fachakte_compiler.targets.doxis4.descriptors import all_descriptors, descriptors_for
from fachakte_compiler.targets.doxis4.identities import Identities
from fachakte_compiler.targets.doxis4.render import render
from fachakte_compiler.targets.doxis4.validate import check_entry

# Version of the package layout (schemas/doxis4-package.xsd); bumped on incompatible changes.
FORMAT_VERSION = "1"


@dataclass(frozen=True)
class Entry:
    name: str
    root: str

    @property
    def template(self) -> str:
        return self.name.split("-", 1)[1].replace(".xml", ".xml.j2")


# The shared part: identical in every tenant for the same Fachakte version.
SHARED = (
    Entry("01-wertelisten.xml", "wertelisten"),
    Entry("02-deskriptoren.xml", "deskriptoren"),
    Entry("03-aufbewahrung.xml", "aufbewahrungsregeln"),
    Entry("04-dokumenttypen.xml", "dokumenttypen"),
    Entry("05-aktentyp.xml", "aktentyp"),
    Entry("06-rollen.xml", "rollen"),
    Entry("07-workflow.xml", "workflow"),
)
# The tenant binding: the only entry that differs between municipalities.
TENANT = Entry("10-mandant.xml", "mandant")
MANIFEST = Entry("00-manifest.xml", "manifest")


def _retention_rules(fachakte: Fachakte) -> list[tuple[str, object]]:
    rules: list[tuple[str, object]] = [("akte", fachakte.akte.retention)]
    rules += [
        (f"dokumenttyp.{d.id}", d.retention)
        for d in fachakte.document_types
        if d.retention is not None
    ]
    return rules


def render_shared(fachakte: Fachakte) -> dict[str, bytes]:
    """The shared entries of `fachakte`, validated; computed once for all tenants."""
    context = {
        "fachakte": fachakte,
        "format_version": FORMAT_VERSION,
        "ids": Identities(fachakte.id),
        "descriptors": all_descriptors(fachakte),
        "descriptors_for": lambda refs: descriptors_for(fachakte, tuple(refs)),
        "retention_rules": _retention_rules(fachakte),
    }
    result = {}
    for entry in SHARED:
        data = render(entry.template, **context)
        check_entry(f"{fachakte.id}: {entry.name}", data, entry.root)
        result[entry.name] = data
    return result


def render_tenant(fachakte: Fachakte, binding: TenantBinding) -> bytes:
    data = render(
        TENANT.template,
        fachakte=fachakte,
        binding=binding,
        ids=Identities(fachakte.id),
        format_version=FORMAT_VERSION,
    )
    check_entry(f"{binding.tenant.id}/{fachakte.id}: {TENANT.name}", data, TENANT.root)
    return data
