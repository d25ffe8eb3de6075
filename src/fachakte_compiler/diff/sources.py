"""The two sides of a comparison: a working-tree path, or the same path at a git revision."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from fachakte_compiler.diagnostics import Diagnostic
from fachakte_compiler.diff.compare_catalogue import diff_catalogue_files
from fachakte_compiler.diff.engine import diff_bausteine, diff_catalogues
from fachakte_compiler.diff.result import CatalogueDiff
from fachakte_compiler.diff.revision import Snapshot, at_revision
from fachakte_compiler.i18n import _, ngettext
from fachakte_compiler.load.catalogue import Catalogue as Loaded
from fachakte_compiler.load.source import SourceFile
from fachakte_compiler.model.enums import FieldType
from fachakte_compiler.model.types import Catalogue

EMPTY = Catalogue(fachakten=(), bausteine=(), tenants=(), delegations=())
VERSIONED = ("fachakte", "baustein")
# Rules on the Doxis4 output (FA9xx: names, lists inside lists) are added and tightened over
# time; a base revision they refuse still has a model to compare, and a catalogue that fixes
# such a finding must be comparable with the one before it. The new side meets every rule.
OUTPUT_RULES = "FA9"


class SideInvalid(Exception):
    """One side does not validate, so it has no model to compare."""

    def __init__(self, label: str, diagnostics: list[Diagnostic], loaded: Loaded) -> None:
        errors = sum(d.is_error for d in diagnostics)
        super().__init__(
            ngettext(
                "{label} does not validate ({errors} error); nothing to compare",
                "{label} does not validate ({errors} errors); nothing to compare",
                errors,
            ).format(label=label, errors=errors)
        )
        self.diagnostics = diagnostics
        self.loaded = loaded


@dataclass
class Side:
    """The model of one side. `sources` holds the file of each Fachakte and Baustein by
    (kind, id); `named` the (kind, id) of every file the user named, a catalogue-level file
    as (kind, kind). Naming a folder names every file in it."""

    model: Catalogue = EMPTY
    sources: dict[tuple[str, str], SourceFile] = field(default_factory=dict)
    named: set[tuple[str, str]] = field(default_factory=set)
    in_catalogue: bool = True

    def unresolved_bausteine(self) -> list[str]:
        """Bausteine that Fachakten of this side use but that it could not see."""
        return sorted(
            {
                f.baustein
                for a in self.model.fachakten
                for f in a.fields
                if f.type is FieldType.BAUSTEIN and f.baustein and not f.subfields
            }
        )


def _key(source: SourceFile) -> tuple[str, str] | None:
    if source.kind in VERSIONED:
        data = source.data
        return (source.kind, data["id"]) if isinstance(data, dict) and "id" in data else None
    return (source.kind, source.kind) if source.kind else None


def load_side(
    path: Path | None,
    label: str,
    snapshot: Snapshot | None = None,
    borrowed: list[SourceFile] | None = None,
) -> Side:
    """Raises CatalogueError for unusable paths and SideInvalid for definitions with errors
    (for a `snapshot` of a base revision: errors other than FA9xx, see OUTPUT_RULES).
    `borrowed` are Baustein files that a single Fachakte outside any catalogue resolves its
    Baustein fields against (those of the other side's catalogue)."""
    return _side(*_validated(path, label, snapshot), borrowed or [])


# The file name of a definition matters where a catalogue holds it (FA215), not to a copy
# named directly for comparison (`diff wohngeld-alt.yaml definitions/fachakten/wohngeld.yaml`):
# the id in the file says which definition it is.
PLACE_RULES = ("FA215",)


def _blocks(diagnostic: Diagnostic, base: bool, single_file: bool) -> bool:
    if not diagnostic.is_error:
        return False
    if base and diagnostic.code.startswith(OUTPUT_RULES):
        return False
    return not (single_file and diagnostic.code in PLACE_RULES)


def _validated(
    path: Path | None, label: str, snapshot: Snapshot | None = None, base: bool = False
) -> tuple[Loaded | None, list[Diagnostic]]:
    from fachakte_compiler.check.runner import validate_paths

    if path is None:
        return None, []
    loaded, diagnostics = validate_paths([path])
    if snapshot is not None:
        diagnostics = [dataclasses.replace(d, file=snapshot.label(d.file)) for d in diagnostics]
        for source in loaded.files:
            source.display = snapshot.label(source.display)
    single_file = snapshot is None and path.is_file()
    if any(_blocks(d, base or snapshot is not None, single_file) for d in diagnostics):
        raise SideInvalid(label, diagnostics, loaded)
    return loaded, diagnostics


def _side(loaded: Loaded | None, _: list[Diagnostic], borrowed: list[SourceFile]) -> Side:
    from fachakte_compiler.model.build import build_model

    if loaded is None:
        return Side()
    if loaded.root is None and borrowed:
        own = {f.data.get("id") for f in loaded.of_kind("baustein") if isinstance(f.data, dict)}
        loaded.files.extend(b for b in borrowed if b.data.get("id") not in own)
    model = build_model(loaded)
    keys = {source.path: _key(source) for source in loaded.files}
    sources = {
        key: source
        for source in loaded.files
        if (key := keys[source.path]) is not None and key[0] in VERSIONED
    }
    named = {key for path, key in keys.items() if key is not None and path in loaded.selected}
    return Side(model, sources, named, loaded.root is not None)


def load_pair(old_path: Path, new_path: Path) -> tuple[Side, Side]:
    """The sides of `diff OLD NEW` (files or folders). A single file outside any catalogue
    borrows the Bausteine of the other side, so that both compare the same subfields."""
    old, old_notes = _validated(old_path, str(old_path), base=True)
    new, new_notes = _validated(new_path, str(new_path))

    def blocks(loaded: Loaded | None) -> list[SourceFile]:
        return loaded.of_kind("baustein") if loaded is not None and loaded.root else []

    return _side(old, old_notes, blocks(new)), _side(new, new_notes, blocks(old))


def compare(old: Side, new: Side) -> CatalogueDiff:
    """Only what the user named: the named Fachakten (all of them when none was named, since
    a named Baustein matters through them), the named Bausteine and catalogue-level files."""
    named = old.named | new.named
    loose = [side.named for side in (old, new) if not side.in_catalogue and side.named]
    if loose:
        # A single file outside a catalogue knows nothing of the rest; compare only it.
        named = set().union(*loose)
    fachakten = {i for kind, i in named if kind == "fachakte"}
    return CatalogueDiff(
        [
            d
            for d in diff_catalogues(
                old.model.fachakten,
                new.model.fachakten,
                (old.model.tenants, new.model.tenants),
            )
            if not fachakten or d.id in fachakten
        ],
        [
            d
            for d in diff_bausteine(old.model.bausteine, new.model.bausteine)
            if ("baustein", d.id) in named
        ],
        {
            name: changes
            for name, changes in diff_catalogue_files(old.model, new.model).items()
            if (name, name) in named
        },
    )


def sides_against_revision(rev: str, path: Path) -> tuple[Side, Side]:
    """(base, working tree) for `path`; raises GitError, CatalogueError or SideInvalid."""
    new = load_side(path, str(path))
    with at_revision(rev, path) as snapshot:
        old = load_side(snapshot.path, _("the base revision {rev}").format(rev=rev), snapshot)
    return old, new


def diff_against_revision(rev: str, path: Path) -> CatalogueDiff:
    return compare(*sides_against_revision(rev, path))
