"""release.json and SHA256SUMS: what a release contains, written and read the same way."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fachakte_compiler import LANGUAGE_VERSION, __version__
from fachakte_compiler.i18n import _

if TYPE_CHECKING:
    from fachakte_compiler.model import Catalogue

FORMAT_VERSION = 1
_SUM_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class ReleaseInfo:
    release_id: str
    date: str
    commit: str
    previous_tag: str | None
    targets: tuple[str, ...]
    signing_key: str | None
    version_check: dict[str, Any]


def _definitions(catalogue: Catalogue) -> dict[str, list[dict[str, Any]]]:
    return {
        "fachakten": [
            {
                "id": f.id,
                "version": f.version,
                "title": f.title,
                "source": f.source,
                "sha256": f.source_sha256,
                "owners": list(f.owners),
                "bausteine": [{"id": i, "version": v, "sha256": s} for i, v, s in f.bausteine],
            }
            for f in sorted(catalogue.fachakten, key=lambda f: f.id)
        ],
        "bausteine": [
            {"id": b.id, "version": b.version, "source": b.source, "sha256": b.source_sha256}
            for b in sorted(catalogue.bausteine, key=lambda b: b.id)
        ],
    }


def render_manifest(info: ReleaseInfo, catalogue: Catalogue, files: Mapping[str, bytes]) -> bytes:
    """release.json: fixed key order, sorted lists, UTF-8, so equal inputs give equal bytes."""
    document = {
        "format": FORMAT_VERSION,
        "release": info.release_id,
        "date": info.date,
        "commit": info.commit,
        "previous_release_tag": info.previous_tag,
        "compiler": {
            "name": "fachakte-compiler",
            "version": __version__,
            "language": LANGUAGE_VERSION,
        },
        "signing_key": info.signing_key,
        "version_check": info.version_check,
        "targets": list(info.targets),
        "tenants": sorted(t.id for t in catalogue.tenants),
        **_definitions(catalogue),
        "files": [
            {"path": path, "size": len(files[path]), "sha256": sha256(files[path])}
            for path in sorted(files)
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_checksums(files: Mapping[str, bytes]) -> bytes:
    """coreutils `sha256sum` text format, so `sha256sum -c SHA256SUMS` checks a release."""
    for path in files:
        if "\n" in path or "\\" in path:
            raise ValueError(
                _("file name cannot be listed in SHA256SUMS: {path!r}").format(path=path)
            )
    return "".join(f"{sha256(files[p])}  {p}\n" for p in sorted(files)).encode("utf-8")


class ManifestError(Exception):
    """release.json or SHA256SUMS cannot be read; the message names the file and line."""


def parse_checksums(data: bytes) -> dict[str, str]:
    from fachakte_compiler.release import CHECKSUMS

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ManifestError(_("{CHECKSUMS}: not UTF-8 text").format(CHECKSUMS=CHECKSUMS)) from exc
    sums: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _SUM_LINE.match(line)
        if not match:
            raise ManifestError(
                _("{CHECKSUMS}:{number}:1: not a `<sha256>  <file>` line").format(
                    CHECKSUMS=CHECKSUMS, number=number
                )
            )
        if match.group(2) in sums:
            raise ManifestError(
                _("{CHECKSUMS}:{number}:67: {group} listed twice").format(
                    CHECKSUMS=CHECKSUMS, number=number, group=match.group(2)
                )
            )
        sums[match.group(2)] = match.group(1)
    return sums


def parse_manifest(data: bytes) -> tuple[dict[str, Any], dict[str, str]]:
    """The manifest document and its file list (path -> sha256)."""
    from fachakte_compiler.release import MANIFEST

    try:
        document = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        # Also nesting too deep to parse and numbers too long to convert: hostile, not JSON.
        where = f":{exc.lineno}:{exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise ManifestError(
            _("{MANIFEST}{where}: not valid JSON: {error}").format(
                MANIFEST=MANIFEST, where=where, error=exc
            )
        ) from exc
    entries = document.get("files") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise ManifestError(
            _("{MANIFEST}: has no 'files' list; not a fachakte release").format(MANIFEST=MANIFEST)
        )
    listed: dict[str, str] = {}
    for entry in entries:
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("path"), str)
            and isinstance(entry.get("sha256"), str)
        ):
            raise ManifestError(
                _("{MANIFEST}: malformed entry in 'files': {entry!r}").format(
                    MANIFEST=MANIFEST, entry=entry
                )
            )
        listed[entry["path"]] = entry["sha256"]
    return document, listed
