"""Finding the definition files of a catalogue and what kind each one is."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fachakte_compiler.diagnostics import Diagnostic, Span
from fachakte_compiler.errors import UsageProblem
from fachakte_compiler.i18n import _
from fachakte_compiler.load.filekind import (
    YAML_SUFFIXES,
    is_apple_double,
    looks_like_definition,
    lower_suffix,
    not_regular,
    not_regular_finding,
)
from fachakte_compiler.load.source import SourceFile
from fachakte_compiler.load.yaml_loader import load_source

SINGLE_FILES = {"tenants": "tenants", "delegations": "delegations", "aktenplan": "aktenplan"}
FOLDERS = {"fachakten": "fachakte", "bausteine": "baustein"}
# Top-level keys that identify a file's kind when its location does not.
SNIFF_KEYS = (
    ("tenants", "tenants"),
    ("delegations", "delegations"),
    ("units", "aktenplan"),
    ("akte", "fachakte"),
    ("fields", "baustein"),
)


class CatalogueError(UsageProblem):
    """A usage problem with the given paths (exit code 2)."""


@dataclass
class Catalogue:
    """All files of one catalogue; `selected` are those the user asked about."""

    root: Path | None
    files: list[SourceFile] = field(default_factory=list)
    selected: set[Path] = field(default_factory=set)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Files in the catalogue folder that it does not read (FA020): reported whenever the
    # catalogue is checked, whichever of its files the user asked about.
    unread: list[Diagnostic] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[SourceFile]:
        return [f for f in self.files if f.kind == kind and f.loaded]

    def has_kind(self, kind: str) -> bool:
        """True when every file of `kind` loaded, so references into it can be checked."""
        files = [f for f in self.files if f.kind == kind]
        return bool(files) and all(f.loaded for f in files)


def _is_root(folder: Path) -> bool:
    return (folder / "tenants.yaml").is_file() or (folder / "fachakten").is_dir()


def catalogue_above(start: Path, name: str = "definitions") -> Path | None:
    """The catalogue `start` lies in, or one beside a folder above it: the first of `start`
    and its parents that is a catalogue (tenants.yaml or fachakten/) or holds one as `name`/.
    The search ends at the top of a git repository, so it never wanders into another one."""
    for folder in [start, *start.parents]:
        if _is_root(folder):
            return folder
        if (folder / name).is_dir() and _is_root(folder / name):
            return folder / name
        if (folder / ".git").exists():
            break
    return None


def _located(path: Path) -> Path:
    """`path` made absolute where it lies: a symbolic link to a file keeps its own place, so
    that a link named on the command line belongs to the catalogue it lies in (FA021)."""
    if path.is_symlink() and not path.is_dir():
        absolute = path.absolute()
        return absolute.parent.resolve() / absolute.name
    return path.resolve()


def find_root(path: Path) -> Path | None:
    path = _located(path)
    for folder in [path, *path.parents][:4]:
        if folder.is_dir() and _is_root(folder):
            return folder
    return None


def _kind_by_location(path: Path, root: Path | None) -> str | None:
    if path.parent.name in FOLDERS and (root is None or path.parent.parent == root):
        return FOLDERS[path.parent.name]
    return SINGLE_FILES.get(path.stem)


def _kind_by_content(source: SourceFile) -> str:
    if isinstance(source.data, dict):
        for key, kind in SNIFF_KEYS:
            if key in source.data:
                return kind
    return "fachakte"


def file_kind(path: Path, root: Path | None, source: SourceFile) -> str:
    """The kind of a definition file: by its place in the catalogue, else by its content."""
    return _kind_by_location(path, root) or _kind_by_content(source)


def _read_place(path: Path, root: Path) -> bool:
    """True where the catalogue reads a file of this name, spelt exactly so."""
    if path.suffix not in YAML_SUFFIXES or is_apple_double(path.name):
        return False
    if path.parent == root:
        return path.stem in SINGLE_FILES
    return path.parent.name in FOLDERS and path.parent.parent == root


def _candidates(root: Path) -> list[Path]:
    # Names as listed, not probed: on a file system that ignores case, probing tenants.yaml
    # would also find TENANTS.YAML and read it under a name it does not have.
    files = [p for p in root.iterdir() if _read_place(p, root)]
    for folder in FOLDERS:
        if (root / folder).is_dir():
            files.extend(p for p in (root / folder).iterdir() if _read_place(p, root))
    return sorted(p for p in files if p.is_file())


def _outside(path: Path, root: Path) -> bool:
    return path.is_symlink() and not path.resolve().is_relative_to(root.resolve())


def catalogue_files(root: Path) -> list[Path]:
    """The definition files the catalogue reads; a symbolic link to a file outside the
    catalogue is not one of them (FA021)."""
    return [p for p in _candidates(root) if not _outside(p, root)]


def _inside_link_finding(path: Path, root: Path) -> Diagnostic:
    from fachakte_compiler.load.codes import FA021

    return Diagnostic(
        FA021.code,
        _(
            "symbolic link to {target}, a file of the catalogue itself; that file is read once, "
            "under its own name, and this name is not read"
        ).format(target=os.path.relpath(path.resolve(), root.resolve())),
        display_path(path),
        Span(1, 1),
        hint=_("remove the link, or copy the file if a second definition is meant"),
    )


def _outside_finding(path: Path) -> Diagnostic:
    from fachakte_compiler.load.codes import FA021

    return Diagnostic(
        FA021.code,
        _("symbolic link to {target}, outside the catalogue; the file is not read").format(
            target=path.resolve()
        ),
        display_path(path),
        Span(1, 1),
        hint=_("copy the file into the catalogue instead of linking to it"),
    )


def _meant(path: Path, root: Path | None) -> Path | None:
    """The name that would be read that `path` was most likely meant to have."""
    fixed = lower_suffix(path.name)
    if root is None:
        return path.with_name(fixed) if fixed != path.name else None
    for name in (fixed, fixed.lower()):
        if name != path.name and _read_place(path.with_name(name), root):
            return path.with_name(name)
    return None


def _unread_finding(path: Path, root: Path | None) -> Diagnostic:
    from fachakte_compiler.load.codes import FA020

    if is_apple_double(path.name):
        return Diagnostic(
            FA020.code,
            _(
                "this file is never read: it holds what macOS keeps about {name} (AppleDouble), "
                "no definition"
            ).format(name=path.name[2:]),
            display_path(path),
            Span(1, 1),
            hint=_("delete it; a Mac writes such files on network and FAT drives"),
        )
    meant = _meant(path, root)
    if meant is not None:
        # Not read as if it were spelt right: ids and Doxis4 names derive from file names, and
        # a file system that ignores case would mix up the two spellings.
        return Diagnostic(
            FA020.code,
            _(
                "this file is never read: the catalogue reads only names ending in .yaml or "
                ".yml, in lower case"
            ),
            display_path(path),
            Span(1, 1),
            hint=_("rename it to {name}").format(name=meant.name),
        )
    places = "tenants.yaml, delegations.yaml, aktenplan.yaml, fachakten/*.yaml, bausteine/*.yaml"
    return Diagnostic(
        FA020.code,
        _("this file is never read: the catalogue reads only {places}").format(places=places),
        display_path(path),
        Span(1, 1),
        hint=_("move it to one of those places, or out of the catalogue folder"),
    )


def _lookalikes(root: Path) -> list[Path]:
    """Every name below `root` that looks like a definition file, folders and links included."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [Path(dirpath) / n for n in dirnames + filenames if looks_like_definition(n)]
    return sorted(found)


def unread_files(root: Path) -> list[Path]:
    """Names below `root` that look like definition files but that the catalogue does not read:
    in another place, spelt otherwise, or no regular file (see FA020, FA012)."""
    read = set(_candidates(root))
    return [p for p in _lookalikes(root) if p not in read]


def _stray_finding(path: Path, root: Path | None) -> Diagnostic:
    what = not_regular(path)
    if what is not None:
        return not_regular_finding(display_path(path), what, folder=path.is_dir())
    return _unread_finding(path, root)


def _loose_unread(folder: Path) -> list[Path]:
    """Entries of a folder outside any catalogue that look like definition files but that
    naming the folder does not read (see folder_files)."""
    read = set(folder_files(folder))
    return sorted(p for p in folder.iterdir() if looks_like_definition(p.name) and p not in read)


def misplaced_findings(root: Path | None, paths: Sequence[Path] = ()) -> list[Diagnostic]:
    """FA012, FA020 and FA021 for the catalogue at `root` and the `paths` named: names that
    look like definition files that are never read, and links to files outside the catalogue.
    Lists folders without reading or opening any file, so a warm build can afford it."""
    if root is None:
        folders = [p for p in paths if p.is_dir()]
        return [_stray_finding(p, None) for folder in folders for p in _loose_unread(folder)]
    findings = [_stray_finding(p, root) for p in unread_files(root)]
    findings += [_outside_finding(p) for p in _candidates(root) if _outside(p, root)]
    # A link to another file of the catalogue: the loader reads each file once (by its
    # target), so the link's own name would silently stand for nothing.
    findings += [
        _inside_link_finding(p, root)
        for p in _candidates(root)
        if p.is_symlink() and not _outside(p, root)
    ]
    # A link named on the command line outside the places the catalogue reads.
    named = {_located(p) for p in paths if not p.is_dir()} - set(_candidates(root))
    findings += [_outside_finding(p) for p in sorted(named) if _outside(p, root)]
    return findings


def folder_files(folder: Path) -> list[Path]:
    """The definition files that naming `folder` reads: the catalogue's files when it is a
    catalogue, else its regular files ending in .yaml or .yml."""
    if _is_root(folder):
        return catalogue_files(folder)
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in YAML_SUFFIXES and not is_apple_double(p.name) and p.is_file()
    )


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path, Path.cwd())
    except ValueError:
        return str(path)


def _check_named(path: Path) -> None:
    """Refuse a path named on the command line that does not exist or is no regular file or
    folder, before anything opens it (a FIFO would wait for a writer forever)."""
    what = not_regular(path)
    if what is not None and not path.is_dir():
        raise CatalogueError(
            _("{path} is {what}; name definition files or folders").format(path=path, what=what)
        )
    if not path.exists():
        raise CatalogueError(_("path does not exist: {path}").format(path=path))


def resolve_paths(paths: list[Path]) -> tuple[Path | None, set[Path], list[Path]]:
    """The catalogue root, the files the user selected, and every file to load (sorted);
    reads no file content, so a build can fingerprint its inputs before parsing them."""
    for path in paths:
        _check_named(path)
    roots = {find_root(p) for p in paths}
    if len(roots) > 1:
        shown = ", ".join(sorted(str(r) for r in roots if r)) or "none"
        raise CatalogueError(
            _("paths belong to different catalogues ({shown}); validate one at a time").format(
                shown=shown
            )
        )
    root = roots.pop() if roots else None
    selected: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = folder_files(path)
            if not found:
                raise CatalogueError(_("no definition files (*.yaml) in {path}").format(path=path))
            selected.update(p.resolve() for p in found)
        elif root is None or not _outside(_located(path), root):
            selected.add(path.resolve())
    everything = set(selected)
    if root is not None:
        everything.update(p.resolve() for p in catalogue_files(root))
    return root, selected, sorted(everything)


def discover(paths: list[Path]) -> Catalogue:
    """Resolve user-given files/folders to one catalogue and load every file of it."""
    root, selected, everything = resolve_paths(paths)
    catalogue = Catalogue(root=root, selected=selected)
    catalogue.unread = misplaced_findings(root, paths)
    for path in sorted(everything):
        source = SourceFile(path=path, display=display_path(path))
        catalogue.diagnostics.extend(load_source(source))
        source.kind = file_kind(path, root, source)
        catalogue.files.append(source)
    return catalogue
