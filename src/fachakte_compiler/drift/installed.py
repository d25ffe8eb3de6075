"""The installed Doxis4 configuration as the public REST API describes it, parsed defensively.

Response shapes follow public client code (alf-wchong/SER-Doxis-DocClass-HTML, the OpenCrawling
Doxis connector; see docs/doxis4.md): every list endpoint answers a bare JSON array.
`attributeDefinitions` items carry uuid, name, shortName, attributeDataType, length and
multivalueType; `documentTypes` items carry uuid, name and allowedAttributeDefinitions
(attributeDefinitionUUID, mandatory, readonly); `informationObjectTypes` items carry uuid, name
and schemaMetaType (RECORD marks e-file classes); `groups` items carry uuid and name. The fields of
`/roles` are not known from public material: they are kept in snapshots but not compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fachakte_compiler.drift.errors import DriftReadError
from fachakte_compiler.i18n import _

# The endpoints a drift run reads, in the order they are fetched and stored in a snapshot.
ENDPOINTS = ("attributeDefinitions", "documentTypes", "informationObjectTypes", "groups", "roles")


@dataclass(frozen=True)
class InstalledDescriptor:
    uuid: str
    name: str
    short_name: str | None
    data_type: str
    length: int | None
    multivalue: bool


@dataclass(frozen=True)
class Assignment:
    """A descriptor's assignment to a class: `mandatory` and `readonly` belong to it."""

    descriptor: str  # descriptor name (resolved from the uuid)
    mandatory: bool
    readonly: bool


@dataclass(frozen=True)
class InstalledClass:
    uuid: str
    name: str
    record: bool  # an e-file class (schemaMetaType RECORD) rather than a document class
    assignments: tuple[Assignment, ...] | None  # None: the API did not list them


@dataclass(frozen=True)
class Installed:
    descriptors: dict[str, InstalledDescriptor]
    classes: dict[str, InstalledClass]
    groups: frozenset[str]
    # (category, name) of every name the organization holds twice with different properties;
    # the comparison uses the first of them.
    duplicates: tuple[tuple[str, str], ...] = ()


class _Where:
    """Names where an answer came from in messages: the server's endpoint, or the snapshot
    file it was saved to."""

    def __init__(self, files: Mapping[str, Path] | None) -> None:
        self._files = files or {}

    def __call__(self, endpoint: str) -> str:
        file = self._files.get(endpoint)
        if file is not None:
            return str(file)
        return _("unexpected answer from /{endpoint}").format(endpoint=endpoint)


def _items(raw: Mapping[str, Any], endpoint: str, where: _Where) -> list[dict[str, Any]]:
    data = raw.get(endpoint)
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise DriftReadError(
            _("{where}: expected a JSON array of objects").format(where=where(endpoint))
        )
    return data


def _text(
    item: Mapping[str, Any], key: str, endpoint: str, where: _Where, optional: bool = False
) -> str | None:
    value = item.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value:
        raise DriftReadError(
            _("{where}: an item has no text '{key}'").format(where=where(endpoint), key=key)
        )
    return value


def _text_required(item: Mapping[str, Any], key: str, endpoint: str, where: _Where) -> str:
    value = _text(item, key, endpoint, where)
    assert value is not None
    return value


def _length(item: Mapping[str, Any], where: _Where) -> int | None:
    value = item.get("length")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise DriftReadError(
            _("{where}: 'length' is no integer").format(where=where("attributeDefinitions"))
        )
    return value


def _flag(item: Mapping[str, Any], key: str, endpoint: str, where: _Where) -> bool:
    value = item.get(key, False)
    if not isinstance(value, bool):
        raise DriftReadError(
            _("{where}: '{key}' is not true or false").format(where=where(endpoint), key=key)
        )
    return value


def parse_installed(raw: Mapping[str, Any], files: Mapping[str, Path] | None = None) -> Installed:
    """Turn the raw answers (endpoint name → decoded JSON) into the comparable state; `files`
    names the snapshot file of each endpoint where the answers were read from one.

    Raises DriftReadError when an answer does not have the documented shape."""
    where = _Where(files)
    descriptors: dict[str, InstalledDescriptor] = {}
    duplicates: set[tuple[str, str]] = set()
    by_uuid: dict[str, str] = {}
    for item in _items(raw, "attributeDefinitions", where):
        name = _text_required(item, "name", "attributeDefinitions", where)
        uuid = _text_required(item, "uuid", "attributeDefinitions", where)
        multivalue = _text(item, "multivalueType", "attributeDefinitions", where, optional=True)
        found = InstalledDescriptor(
            uuid,
            name,
            _text(item, "shortName", "attributeDefinitions", where, optional=True),
            _text(item, "attributeDataType", "attributeDefinitions", where, optional=True) or "",
            _length(item, where),
            (multivalue or "NONE") != "NONE",
        )
        if descriptors.setdefault(name, found) != found:
            duplicates.add(("descriptor", name))
        by_uuid[uuid] = name
    classes: dict[str, InstalledClass] = {}
    for item in _items(raw, "documentTypes", where):
        assignments = []
        allowed = item.get("allowedAttributeDefinitions") or []
        if not isinstance(allowed, list):
            raise DriftReadError(
                _("{where}: 'allowedAttributeDefinitions' is no list").format(
                    where=where("documentTypes")
                )
            )
        for entry in allowed:
            if not isinstance(entry, dict):
                raise DriftReadError(
                    _("{where}: an assignment is no object").format(where=where("documentTypes"))
                )
            uuid = _text_required(entry, "attributeDefinitionUUID", "documentTypes", where)
            assignments.append(
                Assignment(
                    by_uuid.get(uuid, f"<uuid {uuid}>"),
                    _flag(entry, "mandatory", "documentTypes", where),
                    _flag(entry, "readonly", "documentTypes", where),
                )
            )
        name = _text_required(item, "name", "documentTypes", where)
        cls = InstalledClass(
            _text_required(item, "uuid", "documentTypes", where), name, False, tuple(assignments)
        )
        if classes.setdefault(name, cls) != cls:
            duplicates.add(("record_class" if classes[name].record else "document_class", name))
    for item in _items(raw, "informationObjectTypes", where):
        if item.get("schemaMetaType") != "RECORD":
            continue
        name = _text_required(item, "name", "informationObjectTypes", where)
        cls = InstalledClass(
            _text_required(item, "uuid", "informationObjectTypes", where), name, True, None
        )
        if classes.setdefault(name, cls) != cls:
            duplicates.add(("record_class" if classes[name].record else "document_class", name))
    group_ids: dict[str, set[str | None]] = {}
    for item in _items(raw, "groups", where):
        name = _text_required(item, "name", "groups", where)
        group_ids.setdefault(name, set()).add(_text(item, "uuid", "groups", where, optional=True))
    groups = frozenset(group_ids)
    duplicates |= {("group", name) for name, ids in group_ids.items() if len(ids) > 1}
    _items(raw, "roles", where)  # shape check only: its fields are unknown (see module docstring)
    return Installed(descriptors, classes, groups, tuple(sorted(duplicates)))
