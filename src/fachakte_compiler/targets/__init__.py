"""Stage 5: targets turn the model (bound to tenants) into files. One sub-package per target.

A target only turns the model into bytes: its sub-package exposes `TARGET`, an object of the
`Target` protocol that names the target and declares, per `Granularity`, the function that
produces that part of its output. Planning units, the cache, staging and writing are the build
service's (`fachakte_compiler.build_service`); a target never touches the disk.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from fachakte_compiler.errors import BuildFailed
from fachakte_compiler.i18n import N_
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
    # The release id when `fachakte release` builds (the docs name it); None for compile.
    release: str | None = None
    # HEAD of the repository holding the catalogue and whether the work tree differs from it
    # (the docs footer names them); found by the build service, None outside a repository.
    commit: str | None = None
    dirty: bool = False


# The fields of BuildOptions a target may declare in `Target.reads`.
OPTION_FIELDS = frozenset({"build_date", "xsd_dir", "root", "release", "commit", "dirty"})


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


# A build for named tenants leaves out what they do not run (`used_by`); English, as notes are.
# Worded so that it reads right for one Fachakte and for several (it is retranslated, so no
# ngettext).
NOT_RUN = N_(
    "the build of tenant '{tenant}' leaves out what the tenant does not run (used_by): {fachakten}"
)


def shown_note(note: str) -> str:
    """A build's note (English, as targets write it and the build cache and the build stamp
    keep it) in the user's language."""
    from fachakte_compiler.i18n import retranslate
    from fachakte_compiler.targets.xdomea import NOTES

    return retranslate(note, (*NOTES, NOT_RUN))


def by_view(catalogue: Catalogue, tenants: tuple[Tenant, ...]) -> list[Tenant]:
    """`tenants` grouped by the Fachakten they run (`Catalogue.for_tenant`), each group in the
    given order: outputs computed per catalogue view are then computed once per group."""
    groups: dict[int, list[Tenant]] = {}
    for tenant in tenants:
        groups.setdefault(id(catalogue.for_tenant(tenant.id)), []).append(tenant)
    return [tenant for group in groups.values() for tenant in group]


def available_targets() -> list[str]:
    return [
        n
        for n in TARGET_NAMES
        if importlib.util.find_spec(f"fachakte_compiler.targets.{n}") is not None
    ]


class Granularity(StrEnum):
    """How finely a part of a target's output can be built, cached and sharded on its own."""

    # One output for the whole catalogue, the same for every tenant (docs, the setup sheet).
    CATALOGUE = "catalogue"
    # One output per tenant that covers the whole catalogue (a file plan, a provisioning plan).
    TENANT = "tenant"
    # One output per tenant and Fachakte (a Doxis4 package); emitted on a catalogue narrowed
    # to that Fachakte, so it must depend on nothing else of the catalogue's Fachakten.
    FACHAKTE = "fachakte"


# Turns the model into files for `options.tenants`: bytes in memory, nothing on disk.
Emit = Callable[[Catalogue, BuildOptions], TargetOutput]


class Target(Protocol):
    """What the build service needs of a target."""

    @property
    def name(self) -> str:
        """The value of `compile --target`, e.g. 'doxis4'."""
        ...

    @property
    def parts(self) -> Mapping[Granularity, Emit]:
        """The function that emits each part of the output, by granularity; a target with one
        kind of output has one entry."""
        ...

    @property
    def reads(self) -> frozenset[str]:
        """The fields of BuildOptions besides `tenants` that the output depends on (OPTION_FIELDS),
        e.g. `build_date` for a target that writes the date; a target is built again when one
        of these changes, and only then (tests/test_architecture.py checks the declaration)."""
        ...

    def emit(self, catalogue: Catalogue, options: BuildOptions) -> TargetOutput:
        """Every part for the whole `catalogue` at once (the same bytes as built by units)."""
        ...


@dataclass(frozen=True)
class Parts:
    """A target made of its parts, in the order their output is merged."""

    name: str
    parts: Mapping[Granularity, Emit]
    reads: frozenset[str] = frozenset()

    def emit(self, catalogue: Catalogue, options: BuildOptions) -> TargetOutput:
        output = TargetOutput()
        for part in self.parts.values():
            output.merge(part(catalogue, options))
        return output


def load_target(name: str) -> Target:
    """The target `name` of TARGET_NAMES; imports its sub-package (and so its renderers)."""
    target: Target = importlib.import_module(f"fachakte_compiler.targets.{name}").TARGET
    return target


def emit_all(catalogue: Catalogue, names: list[str], options: BuildOptions) -> TargetOutput:
    """Every part of the targets `names` for the whole catalogue in one go."""
    result = TargetOutput()
    for name in names:
        result.merge(load_target(name).emit(catalogue, options))
    return result
