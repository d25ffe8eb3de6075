"""What a tenant must hold, from a checked catalogue or from a release folder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fachakte_compiler.drift.errors import DriftReadError, ExpectedUnusable
from fachakte_compiler.i18n import _, ngettext

if TYPE_CHECKING:
    from lxml import etree

    from fachakte_compiler.drift.inventory import Inventory
    from fachakte_compiler.model import Catalogue, Tenant
    from fachakte_compiler.targets.xdomea.read import ExportedPlan, ExportedUnit

# The build date does not enter any compared property; a fixed one keeps the run independent
# of the clock.
_BUILD_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class ExpectedSource:
    """`label` says in reports what the installation was compared with."""

    label: str
    catalogue: Catalogue | None = None
    release: Path | None = None

    @classmethod
    def from_catalogue(cls, paths: list[Path]) -> ExpectedSource:
        """A checked catalogue. Raises ExpectedUnusable when it has errors (run validate)."""
        from fachakte_compiler.model.load import load_model

        model, diagnostics, _files = load_model(paths)
        if model is None:
            errors = sum(d.is_error for d in diagnostics)
            raise ExpectedUnusable(
                ngettext(
                    "the catalogue has {errors} error; run 'fachakte validate' and fix it first",
                    "the catalogue has {errors} errors; run 'fachakte validate' and fix them first",
                    errors,
                ).format(errors=errors)
            )
        versions = ", ".join(f"{f.id} {f.version}" for f in model.fachakten)
        label = _("catalogue {paths} ({versions})").format(
            paths=" ".join(map(str, paths)), versions=versions
        )
        return cls(label, catalogue=model)

    @classmethod
    def from_release(cls, folder: Path) -> ExpectedSource:
        """A release folder written by `fachakte release` (verify it first with `verify`)."""
        if not (folder / "release.json").is_file():
            raise ExpectedUnusable(
                _("{folder}: not a release folder (no readable release.json)").format(folder=folder)
            )
        # A damaged release.json is no usage error: DriftReadError names it, on one line.
        name = release_manifest(folder)["release"]
        return cls(_("release {name}").format(name=name), release=folder)

    def tenant(self, tenant_id: str) -> Tenant:
        assert self.catalogue is not None
        for tenant in self.catalogue.tenants:
            if tenant.id == tenant_id:
                return tenant
        raise _unknown_tenant(tenant_id, [t.id for t in self.catalogue.tenants])

    def _release_tenant(self, tenant_id: str) -> None:
        """Raises DriftReadError, as for a catalogue, when the release has no such tenant:
        before any of its files is looked for under the name."""
        assert self.release is not None
        known = release_manifest(self.release).get("tenants")
        if not isinstance(known, list) or not all(isinstance(t, str) for t in known):
            packages = self.release / "packages"
            known = (
                sorted(p.name for p in packages.iterdir() if p.is_dir())
                if packages.is_dir()
                else []
            )
        if tenant_id not in known:
            raise _unknown_tenant(tenant_id, known)

    def plan_units(self, tenant_id: str) -> tuple[ExportedUnit, ...]:
        """The file plan the tenant must hold, as the catalogue's own 0301 message says."""
        return self.plan(tenant_id).units

    def plan_units_not_run(self, tenant_id: str) -> dict[str, str]:
        """Aktenplan Kennzeichen -> id of each Fachakte the tenant does not run (`used_by`):
        its unit in an export is what is left of that Fachakte, not a foreign unit."""
        if self.release is not None:
            from fachakte_compiler.drift.release_inventory import units_not_run_in_release

            self._release_tenant(tenant_id)
            return units_not_run_in_release(self.release, tenant_id)
        assert self.catalogue is not None
        self.tenant(tenant_id)
        return {f.kennzeichen: f.id for f in self.catalogue.fachakten if not f.runs_in(tenant_id)}

    def plan(self, tenant_id: str) -> ExportedPlan:
        """The catalogue's own 0301 message for the tenant, read as an export is read."""
        from fachakte_compiler.safe_xml import parse_bytes
        from fachakte_compiler.targets.xdomea.read import plan_of

        if self.release is not None:
            self._release_tenant(tenant_id)
            return plan_of(*self._release_message(tenant_id))
        assert self.catalogue is not None
        from fachakte_compiler.targets import BuildOptions, load_target

        options = BuildOptions((self.tenant(tenant_id),), _BUILD_DATE)
        output = load_target("xdomea").emit(self.catalogue, options)
        (data,) = (
            v
            for k, v in output.files.items()
            if k.startswith(f"{tenant_id}/") and k.endswith(".xml")
        )
        return plan_of(parse_bytes(data, "catalogue"), "catalogue")

    def _release_message(self, tenant_id: str) -> tuple[etree._Element, str]:
        from fachakte_compiler.targets.xdomea.read import XmlInputError, parse_safely

        assert self.release is not None
        folder = self.release / "packages" / tenant_id / "xdomea"
        found = sorted(folder.glob("*.xml")) if folder.is_dir() else []
        if len(found) != 1:
            raise DriftReadError(
                _("{folder}: the release holds no file plan for '{tenant_id}'").format(
                    folder=folder, tenant_id=tenant_id
                )
            )
        try:
            return parse_safely(found[0]), str(found[0])
        except XmlInputError as exc:
            raise DriftReadError(str(exc)) from None

    def _plan(self, tenant_id: str) -> dict[str, Any]:
        """The tenant's provisioning plan (plan.json): organization and groups."""
        if self.release is not None:
            from fachakte_compiler.drift.json_file import check_schema, read_json

            self._release_tenant(tenant_id)
            path = self.release / "packages" / tenant_id / "doxis4" / "provision" / "plan.json"
            plan = read_json(
                path,
                _("{path}: the release holds no provisioning plan for '{tenant_id}'").format(
                    path=path, tenant_id=tenant_id
                ),
            )
            check_schema(path, plan, "doxis4-plan.schema.json", _("provisioning plan"))
            return dict(plan)
        from fachakte_compiler.targets.doxis4.plan import build_plan

        assert self.catalogue is not None
        return build_plan(self.catalogue, self.tenant(tenant_id))

    def organization(self, tenant_id: str) -> str:
        """The Doxis4 organization (log-in customerName) that holds the tenant."""
        return str(self._plan(tenant_id)["organization"])

    def inventory(self, tenant_id: str) -> Inventory:
        """Descriptors, classes and groups the tenant's organization must hold."""
        from fachakte_compiler.drift.inventory import inventory_of, shared_objects

        plan = self._plan(tenant_id)
        # A shared organization holds the descriptors and classes of every Fachakte that any
        # of its municipalities runs; a tenant's own one only those of what it runs (used_by).
        shared = plan.get("topology") == "shared_organization"
        if self.release is not None:
            from fachakte_compiler.drift.release_inventory import (
                fachakten_of_release,
                objects_of_release,
            )

            objects = objects_of_release(self.release, tenant_id, everyone=shared)
            return inventory_of(objects, plan, fachakten_of_release(self.release))
        from fachakte_compiler.targets.doxis4.objects import doxis4_objects

        assert self.catalogue is not None
        catalogue = self.catalogue if shared else self.catalogue.for_tenant(tenant_id)
        ids = [f.id for f in self.catalogue.fachakten]
        return inventory_of(shared_objects(doxis4_objects(catalogue)), plan, ids)


def release_manifest(folder: Path) -> dict[str, Any]:
    """release.json of the release `folder`, checked for what drift reads of it: the release's
    name and the ids of its Fachakten. Raises DriftReadError naming the file."""
    from fachakte_compiler.drift.json_file import read_json

    path = folder / "release.json"
    data = read_json(
        path, _("{folder}: not a release folder (no readable release.json)").format(folder=folder)
    )
    fachakten = data.get("fachakten") if isinstance(data, dict) else None
    if not (
        isinstance(data, dict)
        and isinstance(data.get("release"), str)
        and data["release"].isprintable()
        and isinstance(fachakten, list)
        and all(isinstance(f, dict) and isinstance(f.get("id"), str) for f in fachakten)
    ):
        raise DriftReadError(
            _(
                "{path}: not a release manifest (needs a text 'release' and a list "
                "'fachakten' of objects with a text 'id')"
            ).format(path=path)
        )
    return data


def _unknown_tenant(tenant_id: str, known: list[str]) -> DriftReadError:
    """The one message for a --tenant that the catalogue or release does not hold, with the
    closest id as a suggestion and the ids it does hold."""
    from fachakte_compiler.diagnostics.suggest import is_id, with_suggestion

    message = with_suggestion(
        _("unknown tenant '{tenant_id}'").format(tenant_id=tenant_id), tenant_id, known, valid=is_id
    )
    return DriftReadError(
        _("{message}; known tenants: {known}").format(message=message, known=", ".join(known))
    )
