"""One call from paths to a checked model: what compile, diff and release start with."""

from __future__ import annotations

from pathlib import Path

from fachakte_compiler.check.runner import validate_paths
from fachakte_compiler.diagnostics import Diagnostic
from fachakte_compiler.load.catalogue import Catalogue as Loaded
from fachakte_compiler.model.build import build_model
from fachakte_compiler.model.types import Catalogue


def load_model(paths: list[Path]) -> tuple[Catalogue | None, list[Diagnostic], Loaded]:
    """Validate `paths`; the model is None when any error was found."""
    loaded, diagnostics = validate_paths(paths)
    if any(d.is_error for d in diagnostics):
        return None, diagnostics, loaded
    return build_model(loaded), diagnostics, loaded
