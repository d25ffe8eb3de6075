"""The two sides of a comparison: a working-tree path, or the same path at a git revision."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from fachakte_compiler.diagnostics import Diagnostic
from fachakte_compiler.diff.engine import FachakteDiff, diff_catalogues
from fachakte_compiler.diff.revision import Snapshot, at_revision
from fachakte_compiler.load.catalogue import Catalogue as Loaded
from fachakte_compiler.load.source import SourceFile
from fachakte_compiler.model.types import Fachakte


class SideInvalid(Exception):
    """One side does not validate, so it has no model to compare."""

    def __init__(self, label: str, diagnostics: list[Diagnostic], loaded: Loaded) -> None:
        errors = sum(d.is_error for d in diagnostics)
        super().__init__(
            f"{label} does not validate ({errors} error{'s' * (errors != 1)}); nothing to compare"
        )
        self.diagnostics = diagnostics
        self.loaded = loaded


@dataclass
class Side:
    """The Fachakten of one side; `selected` are the ids of the Fachakte files the user named,
    None when the user named no Fachakte file (a catalogue, or a Baustein: then all count)."""

    fachakten: tuple[Fachakte, ...] = ()
    sources: dict[str, SourceFile] = field(default_factory=dict)
    selected: set[str] | None = None


def load_side(path: Path | None, label: str, snapshot: Snapshot | None = None) -> Side:
    """Raises CatalogueError for unusable paths and SideInvalid for definitions with errors."""
    from fachakte_compiler.model.load import load_model

    if path is None:
        return Side(selected=set())
    model, diagnostics, loaded = load_model([path])
    if snapshot is not None:
        diagnostics = [dataclasses.replace(d, file=snapshot.label(d.file)) for d in diagnostics]
        for source in loaded.files:
            source.display = snapshot.label(source.display)
    if model is None:
        raise SideInvalid(label, diagnostics, loaded)
    sources = {
        f.data["id"]: f
        for f in loaded.of_kind("fachakte")
        if isinstance(f.data, dict) and "id" in f.data
    }
    named = {i for i, f in sources.items() if f.path in loaded.selected}
    return Side(model.fachakten, sources, named or None)


def compare(old: Side, new: Side) -> list[FachakteDiff]:
    wanted = None if old.selected is None or new.selected is None else old.selected | new.selected
    diffs = diff_catalogues(old.fachakten, new.fachakten)
    return [d for d in diffs if wanted is None or d.id in wanted]


def sides_against_revision(rev: str, path: Path) -> tuple[Side, Side]:
    """(base, working tree) for `path`; raises RevisionError, CatalogueError or SideInvalid."""
    new = load_side(path, str(path))
    with at_revision(rev, path) as snapshot:
        old = load_side(snapshot.path, f"the base revision {rev}", snapshot)
    return old, new


def diff_against_revision(rev: str, path: Path) -> list[FachakteDiff]:
    return compare(*sides_against_revision(rev, path))
