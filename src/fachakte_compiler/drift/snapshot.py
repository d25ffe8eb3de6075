"""Raw REST answers on disk, so that an administrator on an isolated network can export them and
a release manager can compare them later (`--save-snapshot DIR`, `--snapshot DIR`).

Layout: `DIR/snapshot.json` (format, organization, server address without credentials, the
endpoints) and one `DIR/<endpoint>.json` per endpoint, written as canonical JSON (sorted keys,
two-space indent, UTF-8) so that the same answers give the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fachakte_compiler.drift.errors import DriftReadError
from fachakte_compiler.drift.installed import ENDPOINTS
from fachakte_compiler.drift.json_file import read_json
from fachakte_compiler.i18n import _

FORMAT = "fachakte-drift-snapshot"


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def save_snapshot(folder: Path, raw: dict[str, Any], organization: str, url: str) -> None:
    """Write the answers into `folder` (created; the snapshot's files are replaced as a whole,
    other files there are kept). Raises OSError when the folder cannot be written."""
    from fachakte_compiler.drift.address import shown_url
    from fachakte_compiler.write.atomic import commit_tree

    meta = {
        "format": FORMAT,
        "version": 1,
        "organization": organization,
        "url": shown_url(url),
        "endpoints": list(ENDPOINTS),
    }
    files = {f"{endpoint}.json": _dump(raw[endpoint]) for endpoint in ENDPOINTS}
    files["snapshot.json"] = _dump(meta)
    commit_tree(folder, files, replaced_dirs=set())


def load_snapshot(folder: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """(answers, meta) of a snapshot folder. Raises DriftReadError naming the file at fault."""
    raw: dict[str, Any] = {}
    if not folder.is_dir():
        raise DriftReadError(
            _(
                "{folder}: no such folder; --snapshot names a folder written by "
                "`fachakte drift --save-snapshot`"
            ).format(folder=folder)
        )
    meta_file = folder / "snapshot.json"
    meta = _read(meta_file)
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise DriftReadError(
            _("{folder}: not a drift snapshot (snapshot.json missing or foreign)").format(
                folder=folder
            )
        )
    if not isinstance(meta.get("organization", ""), str):
        raise DriftReadError(_("{path}: 'organization' is not a text").format(path=meta_file))
    for endpoint in ENDPOINTS:
        raw[endpoint] = _read(folder / f"{endpoint}.json")
    return raw, meta


def _read(path: Path) -> Any:
    return read_json(path, _("{path}: missing from the snapshot").format(path=path))
