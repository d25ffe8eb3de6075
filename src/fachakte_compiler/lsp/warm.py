"""A catalogue kept parsed between edits, so that diagnostics after a keystroke cost a check,
not a cold start: files from disk are parsed once (again only when their size or mtime change),
an open editor buffer replaces its file's text, and schema findings are cached per content."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from fachakte_compiler.diagnostics import Diagnostic
from fachakte_compiler.load.catalogue import (
    Catalogue,
    catalogue_files,
    display_path,
    file_kind,
    find_root,
    misplaced_findings,
)
from fachakte_compiler.load.filekind import read_regular
from fachakte_compiler.load.source import SourceFile
from fachakte_compiler.load.yaml_loader import load_bytes


@dataclass
class _Parsed:
    key: tuple[object, ...]  # what the parse depends on: buffer text or file size and mtime
    source: SourceFile
    problems: list[Diagnostic]


@dataclass
class WarmCatalogue:
    """The catalogue below `root` (None: loose files without a catalogue around them)."""

    root: Path | None
    # Unsaved contents by resolved path: an editor's text, or raw bytes read from stdin.
    buffers: dict[Path, str | bytes] = field(default_factory=dict)
    _parsed: dict[Path, _Parsed] = field(default_factory=dict)
    _schema: dict[tuple[Path, str, str], list[Diagnostic]] = field(default_factory=dict)

    def paths(self) -> list[Path]:
        """Every file of the catalogue: those on disk and open buffers not saved yet."""
        found = set(catalogue_files(self.root)) if self.root is not None else set()
        found.update(p for p in self.buffers if self.root is None or self.root in p.parents)
        return sorted(found)

    def source(self, path: Path) -> SourceFile | None:
        """The parsed file (from its buffer if open), or None when it cannot be read."""
        path = path.resolve()
        if path in self.buffers:
            content = self.buffers[path]
            key: tuple[object, ...] = ("buffer", content)
            raw: bytes | None = content.encode("utf-8") if isinstance(content, str) else content
        else:
            try:
                stat = path.stat()
            except OSError:
                return None
            key = ("disk", stat.st_size, stat.st_mtime_ns)
            raw = None
        cached = self._parsed.get(path)
        if cached is not None and cached.key == key:
            return cached.source
        if raw is None:
            try:
                raw = read_regular(path)
            except OSError:
                return None
        source = SourceFile(path=path, display=display_path(path))
        problems = load_bytes(source, raw)
        source.kind = file_kind(path, self.root, source)
        self._parsed[path] = _Parsed(key, source, problems)
        return source

    def _schema_findings(self, source: SourceFile) -> list[Diagnostic]:
        from fachakte_compiler.check.schema import check_schema

        key = (source.path, source.kind, source.sha256)
        if key not in self._schema:
            self._schema[key] = check_schema(source)
        return list(self._schema[key])

    def check(self) -> dict[Path, list[Diagnostic]]:
        """Every finding of every file, keyed by file (files without findings included)."""
        from fachakte_compiler.check.runner import check_catalogue

        catalogue = Catalogue(root=self.root)
        for path in self.paths():
            source = self.source(path)
            if source is None:
                continue
            catalogue.files.append(source)
            catalogue.selected.add(path)
            catalogue.diagnostics.extend(self._parsed[path].problems)
        # The same names the command line reports as never read (FA020) or no regular file
        # (FA012), so the editor shows what `fachakte validate` would.
        catalogue.unread = misplaced_findings(self.root)
        found = check_catalogue(catalogue, schema_check=self._schema_findings)
        result: dict[Path, list[Diagnostic]] = {f.path: [] for f in catalogue.files}
        by_display = {f.display: f.path for f in catalogue.files}
        for diagnostic in found:
            # abspath, not resolve: a finding about a link belongs to the link, not its target.
            place = by_display.get(diagnostic.file) or Path(os.path.abspath(diagnostic.file))
            result.setdefault(place, []).append(diagnostic)
        return result


class Workspace:
    """One warm catalogue per catalogue root seen in the editor."""

    def __init__(self) -> None:
        self._catalogues: dict[Path | None, WarmCatalogue] = {}

    def catalogue_of(self, path: Path) -> WarmCatalogue:
        root = find_root(path.parent) if path.parent.is_dir() else None
        if root is None and path.parent.is_dir() and path.parent.name in ("fachakten", "bausteine"):
            root = find_root(path.parent.parent)
        if root not in self._catalogues:
            self._catalogues[root] = WarmCatalogue(root)
        return self._catalogues[root]

    def open(self, path: Path, text: str) -> WarmCatalogue:
        warm = self.catalogue_of(path)
        warm.buffers[path.resolve()] = text
        return warm

    def close(self, path: Path) -> WarmCatalogue:
        warm = self.catalogue_of(path)
        warm.buffers.pop(path.resolve(), None)
        return warm
