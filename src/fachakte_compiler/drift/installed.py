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


def _items(raw: Mapping[str, Any], endpoint: str) -> list[dict[str, Any]]:
    data = raw.get(endpoint)
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise DriftReadError(
            _("unexpected answer from /{endpoint}: expected a JSON array of objects").format(
                endpoint=endpoint
            )
        )
    return data


def _text(item: Mapping[str, Any], key: str, endpoint: str, optional: bool = False) -> str | None:
    value = item.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value:
        raise DriftReadError(
            _("unexpected answer from /{endpoint}: an item has no text '{key}'").format(
                endpoint=endpoint, key=key
            )
        )
    return value


def _text_required(item: Mapping[str, Any], key: str, endpoint: str) -> str:
    value = _text(item, key, endpoint)
    assert value is not None
    return value


def _length(item: Mapping[str, Any]) -> int | None:
    value = item.get("length")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise DriftReadError(
            _("unexpected answer from /attributeDefinitions: 'length' is no integer")
        )
    return value


def _flag(item: Mapping[str, Any], key: str, endpoint: str) -> bool:
    value = item.get(key, False)
    if not isinstance(value, bool):
        raise DriftReadError(
            _("unexpected answer from /{endpoint}: '{key}' is not true or false").format(
                endpoint=endpoint, key=key
            )
        )
    return value


def parse_installed(raw: Mapping[str, Any]) -> Installed:
    """Turn the raw answers (endpoint name → decoded JSON) into the comparable state.

    Raises DriftReadError when an answer does not have the documented shape."""
    descriptors: dict[str, InstalledDescriptor] = {}
    by_uuid: dict[str, str] = {}
    for item in _items(raw, "attributeDefinitions"):
        name = _text_required(item, "name", "attributeDefinitions")
        uuid = _text_required(item, "uuid", "attributeDefinitions")
        multivalue = item.get("multivalueType") or "NONE"
        descriptors[name] = InstalledDescriptor(
            uuid,
            name,
            _text(item, "shortName", "attributeDefinitions", optional=True),
            _text(item, "attributeDataType", "attributeDefinitions", optional=True) or "",
            _length(item),
            multivalue != "NONE",
        )
        by_uuid[uuid] = name
    classes: dict[str, InstalledClass] = {}
    for item in _items(raw, "documentTypes"):
        assignments = []
        allowed = item.get("allowedAttributeDefinitions") or []
        if not isinstance(allowed, list):
            raise DriftReadError(
                _("unexpected answer from /documentTypes: 'allowedAttributeDefinitions' is no list")
            )
        for entry in allowed:
            if not isinstance(entry, dict):
                raise DriftReadError(
                    _("unexpected answer from /documentTypes: an assignment is no object")
                )
            uuid = _text_required(entry, "attributeDefinitionUUID", "documentTypes")
            assignments.append(
                Assignment(
                    by_uuid.get(uuid, f"<uuid {uuid}>"),
                    _flag(entry, "mandatory", "documentTypes"),
                    _flag(entry, "readonly", "documentTypes"),
                )
            )
        name = _text_required(item, "name", "documentTypes")
        classes[name] = InstalledClass(
            _text_required(item, "uuid", "documentTypes"), name, False, tuple(assignments)
        )
    for item in _items(raw, "informationObjectTypes"):
        if item.get("schemaMetaType") != "RECORD":
            continue
        name = _text_required(item, "name", "informationObjectTypes")
        classes[name] = InstalledClass(
            _text_required(item, "uuid", "informationObjectTypes"), name, True, None
        )
    groups = frozenset(_text_required(item, "name", "groups") for item in _items(raw, "groups"))
    _items(raw, "roles")  # shape check only: its fields are unknown (see module docstring)
    return Installed(descriptors, classes, groups)
