"""A definition file's text, path and the positions of its values."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fachakte_compiler.diagnostics import Span


def as_committed(raw: bytes) -> bytes:
    """A file's bytes with CRLF line ends as LF: what git commits of a work-tree file with
    core.autocrlf=true (Git for Windows' default). YAML reads both alike."""
    return raw.replace(b"\r\n", b"\n")


def content_sha256(raw: bytes) -> str:
    """SHA-256 (hex) of a definition's content (as_committed): the same in a clone with CRLF
    line ends as in one with LF, so a release and its release.json do not depend on it."""
    return hashlib.sha256(as_committed(raw)).hexdigest()


# A path into the loaded data: mapping keys and sequence indices from the root.
DataPath = tuple[str | int, ...]


def single_values(data: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, Any]]:
    """Every value below `data` (loaded YAML) that is neither a mapping nor a list, with its
    path, in document order."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from single_values(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from single_values(value, (*path, index))
    else:
        yield path, data


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document stands in the file."""

    values: dict[DataPath, Span] = field(default_factory=dict)
    keys: dict[DataPath, Span] = field(default_factory=dict)
    # Plain scalars that YAML typed as something other than a string, with their source text,
    # so that a schema type error can say "YAML read `no` as a boolean; quote it".
    implicit: dict[DataPath, tuple[str, str]] = field(default_factory=dict)
    # Makes the positions on first use (see the loader); None once they are there.
    pending: Callable[[], Positions] | None = None

    def resolve(self) -> Positions:
        if self.pending is not None:
            made, self.pending = self.pending(), None
            self.values, self.keys, self.implicit = made.values, made.keys, made.implicit
        return self

    def locate(self, path: DataPath, *, key: bool = False) -> Span | None:
        """The span of `path`, or of its nearest ancestor that has one."""
        self.resolve()
        probe = tuple(path)
        while True:
            if key and probe in self.keys:
                return self.keys[probe]
            if probe in self.values:
                if key and probe in self.keys:
                    return self.keys[probe]
                return self.values[probe]
            if not probe:
                return None
            probe = probe[:-1]


@dataclass
class SourceFile:
    path: Path
    display: str
    text: str = ""
    kind: str = ""
    data: Any = None
    positions: Positions = field(default_factory=Positions)
    loaded: bool = False
    sha256: str = ""
    # True once the loader has seen that `data` holds neither floats nor dates (the values on
    # which jsonschema-rs and the language's reading differ; see check.fast_schema).
    plain: bool = False
    # `text` split into lines, made on the first `line` call for that text: a report shows
    # one line per finding, and splitting a large file for each made thousands quadratic.
    _lines: tuple[str, list[str]] | None = field(default=None, repr=False, compare=False)

    def line(self, number: int) -> str:
        if self._lines is None or self._lines[0] is not self.text:
            # Lines as the loader counts them: split at line feeds only (splitlines() would
            # also split at U+2028, U+0085, form feeds, … and shift every following line).
            self._lines = (self.text, self.text.split("\n"))
        lines = self._lines[1]
        return lines[number - 1].rstrip("\r") if 0 < number <= len(lines) else ""

    def span(self, path: DataPath, *, key: bool = False) -> Span | None:
        return self.positions.locate(path, key=key)
