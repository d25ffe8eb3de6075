"""One drift run against a live Doxis4 (read-only REST) or a saved snapshot of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fachakte_compiler.drift.compare import compare
from fachakte_compiler.drift.errors import DriftReadError
from fachakte_compiler.drift.installed import parse_installed
from fachakte_compiler.drift.report import DriftResult
from fachakte_compiler.i18n import _

if TYPE_CHECKING:
    from fachakte_compiler.drift.expected import ExpectedSource


def drift_of_installation(
    expected: ExpectedSource,
    tenant_id: str,
    *,
    url: str | None,
    snapshot: Path | None,
    save: Path | None,
    organization: str | None,
    base_path: str,
    ca_bundle: Path | None,
    timeout: float,
    credentials: Callable[[], tuple[str, str, str]] | None,
    retries: int = 2,
) -> DriftResult:
    """Read the installation (server or snapshot), compare it with what `expected` says the
    tenant must hold. Raises DriftReadError (exit 2) when nothing comparable could be read."""
    inventory = expected.inventory(tenant_id)
    org = organization or expected.organization(tenant_id)
    raw: dict[str, Any]
    files: dict[str, Path] | None = None
    if snapshot is not None:
        from fachakte_compiler.drift.snapshot import load_snapshot

        raw, meta = load_snapshot(snapshot)
        if organization is None and meta.get("organization") not in (None, org):
            raise DriftReadError(
                _(
                    "{snapshot}: snapshot of organization {organization!r}, but tenant "
                    "{tenant_id!r} is organization {org!r}; pass --organization to compare anyway"
                ).format(
                    snapshot=snapshot,
                    organization=meta.get("organization"),
                    tenant_id=tenant_id,
                    org=org,
                )
            )
        source = str(snapshot)
        files = {endpoint: snapshot / f"{endpoint}.json" for endpoint in raw}
    else:
        from fachakte_compiler.drift.address import shown_url
        from fachakte_compiler.drift.rest import Connection, Credentials, Doxis4Reader

        assert url is not None and credentials is not None
        user, password, role = credentials()
        conn = Connection(url, base_path, ca_bundle, timeout, retries)
        with Doxis4Reader(conn, Credentials(org, user, password, role)) as reader:
            raw = reader.read_all()
        if save is not None:
            from fachakte_compiler.drift.snapshot import save_snapshot

            try:
                save_snapshot(save, raw, org, url)
            except OSError as exc:
                raise DriftReadError(
                    _("cannot write the snapshot to {save}: {error}").format(save=save, error=exc)
                ) from None
        source = shown_url(url)
    installed = parse_installed(raw, files)
    findings = compare(inventory, installed)
    compared = sorted(
        {("descriptor", d.name) for d in inventory.descriptors}
        | {("record_class" if c.record else "document_class", c.name) for c in inventory.classes}
        | {("group", g) for g in inventory.groups}
    )
    return DriftResult(tenant_id, source, expected.label, tuple(findings), tuple(compared))
