"""Stable object identities: the same UUID for the same object in every tenant and version."""

from __future__ import annotations

import uuid

# Fixed forever: changing it would make every re-import create duplicates in Doxis4.
NAMESPACE = uuid.UUID("6f0c5a8e-3b1d-5c57-9a0e-8d2f4b7c1e93")


def object_id(*path: str) -> str:
    """UUIDv5 of an object path such as ('wohngeld', 'field', 'antragsteller')."""
    return str(uuid.uuid5(NAMESPACE, "/".join(path)))
