"""Stage 5: targets turn the model (bound to tenants) into files. One sub-package per target.

A target module exposes `emit(catalogue, options) -> TargetOutput`. It returns bytes in memory;
writing is done once, atomically, by the caller.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from fachakte_compiler.errors import BuildFailed
from fachakte_compiler.model import Catalogue, Tenant

TARGET_NAMES = ("doxis4", "xdomea", "docs")


class TargetError(BuildFailed):
    """An output could not be produced (e.g. it failed its XSD); nothing is written."""


@dataclass(frozen=True)
class BuildOptions:
    tenants: tuple[Tenant, ...]
    build_date: dt.datetime
    xsd_dir: Path | None = None
    root: Path | None = None


@dataclass
class TargetOutput:
    files: dict[str, bytes] = field(default_factory=dict)
    # Folders (relative to the output folder) that this target owns completely: stale files in
    # them are removed when the output is committed.
    replaced_dirs: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def merge(self, other: TargetOutput) -> None:
        self.files.update(other.files)
        self.replaced_dirs |= other.replaced_dirs
        self.notes.extend(other.notes)


def available_targets() -> list[str]:
    return [
        n
        for n in TARGET_NAMES
        if importlib.util.find_spec(f"fachakte_compiler.targets.{n}") is not None
    ]


def load_target(name: str) -> ModuleType:
    return importlib.import_module(f"fachakte_compiler.targets.{name}")


def emit_all(catalogue: Catalogue, names: list[str], options: BuildOptions) -> TargetOutput:
    result = TargetOutput()
    for name in names:
        result.merge(load_target(name).emit(catalogue, options))
    return result
