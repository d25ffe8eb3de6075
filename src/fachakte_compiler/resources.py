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
    from fachakte_compiler.i18n import _

    raise FileNotFoundError(_("JSON Schemas not found; the installation is incomplete"))


SCHEMA_KINDS = ("fachakte", "baustein", "tenants", "delegations", "aktenplan")


def schema_path(kind: str) -> Path:
    return schemas_dir() / f"{kind}.schema.json"


# Every schema file of the definition language: the kinds and the shared definitions they
# reference by relative `$ref`, so a copy of all of them in one folder resolves by itself.
LANGUAGE_SCHEMAS = (*SCHEMA_KINDS, "common")


def write_schemas(folder: Path) -> list[Path]:
    """Copy every schema of the definition language into `folder` (created); returns the paths.
    Raises OSError when the folder cannot be written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in LANGUAGE_SCHEMAS:
        target = folder / f"{kind}.schema.json"
        target.write_bytes(schema_path(kind).read_bytes())
        written.append(target)
    return written


def find_schemas(start: Path, levels: int = 4) -> Path | None:
    """The nearest `schemas/` folder with the Fachakte schema in `start` or above it."""
    for folder in [start, *start.parents][:levels]:
        if (folder / "schemas" / "fachakte.schema.json").is_file():
            return folder / "schemas"
    return None
