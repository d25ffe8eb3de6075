"""The package manifest: what the package is, where it came from, and the SHA-256 of every
other entry, so that an importer can check the package before applying anything."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from fachakte_compiler import LANGUAGE_VERSION, __version__
from fachakte_compiler.bind import TenantBinding
from fachakte_compiler.model import Fachakte
from fachakte_compiler.targets.doxis4.entries import FORMAT_VERSION, MANIFEST, SHARED
from fachakte_compiler.targets.doxis4.identities import Identities
from fachakte_compiler.targets.doxis4.render import render
from fachakte_compiler.targets.doxis4.validate import check_entry


@dataclass(frozen=True)
class EntryDigest:
    name: str
    sha256: str
    size: int
    shared: bool


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def shared_digest(shared: Mapping[str, bytes]) -> str:
    """One hash over the shared part: equal in two packages iff their shared entries are."""
    lines = "".join(f"{sha256(shared[e.name])}  {e.name}\n" for e in SHARED)
    return sha256(lines.encode("ascii"))


def package_name(fachakte: Fachakte) -> str:
    return f"{fachakte.id}-{fachakte.version}.zip"


def render_manifest(
    fachakte: Fachakte,
    binding: TenantBinding,
    entries: Mapping[str, bytes],
    shared: Mapping[str, bytes],
) -> bytes:
    ids = Identities(fachakte.id)
    digests = [
        EntryDigest(name, sha256(entries[name]), len(entries[name]), name in shared)
        for name in entries
    ]
    requires = [(ids.package(fachakte.version, t.id), t) for t in binding.requires()]
    data = render(
        MANIFEST.template,
        fachakte=fachakte,
        binding=binding,
        package_id=ids.package(fachakte.version, binding.tenant.id),
        package_name=package_name(fachakte),
        format_version=FORMAT_VERSION,
        compiler_version=__version__,
        language_version=LANGUAGE_VERSION,
        entries=digests,
        shared_sha256=shared_digest(shared),
        requires=requires,
    )
    check_entry(f"{binding.tenant.id}/{fachakte.id}: {MANIFEST.name}", data, MANIFEST.root)
    return data
