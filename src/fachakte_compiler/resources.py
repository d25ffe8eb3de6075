"""Where the package finds its data files (JSON Schemas), installed or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def schemas_dir() -> Path:
    # A wheel carries the schemas inside the package; an editable install reads them from the
    # repository's top-level schemas/ folder, which is the single source of truth.
    for candidate in (_PACKAGE / "_schemas", _PACKAGE.parents[1] / "schemas"):
        if (candidate / "fachakte.schema.json").is_file():
            return candidate
    raise FileNotFoundError("JSON Schemas not found; the installation is incomplete")


SCHEMA_KINDS = ("fachakte", "baustein", "tenants", "delegations", "aktenplan")


def schema_path(kind: str) -> Path:
    return schemas_dir() / f"{kind}.schema.json"
