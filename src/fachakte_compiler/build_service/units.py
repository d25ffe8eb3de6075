"""Work units of a build: what can be cached, sharded across CI jobs and run in parallel.

Each target declares the granularity of each part of its output (`targets.Granularity`): a
Doxis4 package depends on one Fachakte and one tenant (plus that Fachakte's building blocks,
delegations and their partner tenants), so each (tenant, Fachakte) is a unit; a tenant's Doxis4
provisioning plan covers the whole catalogue, one unit per tenant, and its setup sheet is one
unit for the whole catalogue. The xdomea file plan is one unit per tenant, the documentation
one unit for the whole catalogue. Parts are emitted per unit batch with the function the target
declares for them, on a catalogue narrowed to the batch's Fachakte, so the bytes are the same
as from one call of the target's `emit` (the tests hold us to that).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from fachakte_compiler.build_service.cache import Entry, compiler_fingerprint, digest
from fachakte_compiler.errors import UsageProblem
from fachakte_compiler.i18n import _
from fachakte_compiler.model import Catalogue, Tenant
from fachakte_compiler.targets import BuildOptions, Granularity, load_target


def granularities(name: str) -> frozenset[Granularity]:
    """The granularities the target `name` declares for the parts of its output."""
    return frozenset(load_target(name).parts)


@dataclass(frozen=True, order=True)
class Unit:
    target: str
    tenant: str = ""  # "" when the target's output is not split by tenant
    fachakte: str = ""  # "" when it is not split by Fachakte

    def __str__(self) -> str:
        return "/".join(p for p in (self.target, self.tenant, self.fachakte) if p)


@dataclass(frozen=True)
class Batch:
    """Units that one emit() call produces together: one Fachakte (or none) for some tenants."""

    target: str
    fachakte: str
    tenants: tuple[str, ...]
    units: tuple[Unit, ...]

    @property
    def split(self) -> Granularity:
        """Which part of the target this batch is."""
        if self.fachakte:
            return Granularity.FACHAKTE
        return Granularity.TENANT if self.tenants else Granularity.CATALOGUE


def _fachakte_ids(catalogue: Catalogue, only: Collection[str] | None) -> list[str]:
    return sorted(f.id for f in catalogue.fachakten if only is None or f.id in only)


def _run_by(catalogue: Catalogue, only: Collection[str] | None) -> dict[str, frozenset[str]]:
    """Fachakte id -> the tenants that run it (`Fachakte.run_by`): only those get its
    per-Fachakte units (a Kreis gets no Friedhof package)."""
    return {f.id: frozenset(f.run_by) for f in catalogue.fachakten if only is None or f.id in only}


def _all_units(
    catalogue: Catalogue,
    names: Iterable[str],
    tenants: tuple[Tenant, ...],
    only: Collection[str] | None,
) -> Iterator[Unit]:
    """Every unit, generated in sorted order (targets, then tenants, then Fachakten)."""
    tenant_ids = sorted({t.id for t in tenants})
    fachakte_ids = _fachakte_ids(catalogue, only)
    run_by = _run_by(catalogue, only)
    for name in sorted(set(names)):
        splits = granularities(name)
        if Granularity.CATALOGUE in splits:
            yield Unit(name)
        if Granularity.TENANT not in splits and Granularity.FACHAKTE not in splits:
            continue
        for t in tenant_ids:
            if Granularity.TENANT in splits:
                yield Unit(name, t)
            if Granularity.FACHAKTE in splits:
                yield from (Unit(name, t, f) for f in fachakte_ids if t in run_by[f])


def _count(
    catalogue: Catalogue,
    names: Iterable[str],
    tenants: tuple[Tenant, ...],
    only: Collection[str] | None,
) -> int:
    tenant_ids = {t.id for t in tenants}
    sizes = {
        Granularity.FACHAKTE: sum(len(r & tenant_ids) for r in _run_by(catalogue, only).values()),
        Granularity.TENANT: len({t.id for t in tenants}),
        Granularity.CATALOGUE: 1,
    }
    return sum(sizes[split] for name in set(names) for split in granularities(name))


def plan_units(
    catalogue: Catalogue,
    names: Iterable[str],
    tenants: tuple[Tenant, ...],
    part: tuple[int, int] | None = None,
    only: Collection[str] | None = None,
) -> list[Unit]:
    """The sorted units of a build, or only those of shard `part` = (K, N): the K-th of N
    contiguous runs of the sorted units. Shards differ by at most one unit, every unit lands in
    exactly one, and a shard holds whole runs of tenants, so it creates few folders and its
    output is complete per tenant. The other shards' units are never held: a country has
    540,000 of them. `only` restricts the per-Fachakte units to these Fachakte ids."""
    names = list(names)
    k, n = part or (1, 1)
    total = _count(catalogue, names, tenants, only)
    first, end = (k - 1) * total // n, k * total // n
    return list(itertools.islice(_all_units(catalogue, names, tenants, only), first, end))


class ShardError(UsageProblem):
    """--shard is not K/N with 1 <= K <= N: exit code 2."""


def parse_shard(text: str) -> tuple[int, int]:
    """'K/N' with 1 <= K <= N; raises ShardError otherwise."""
    part, _slash, total = text.partition("/")
    try:
        k, n = int(part), int(total)
    except ValueError:
        raise ShardError(
            _("--shard must look like K/N (e.g. 2/8), got '{text}'").format(text=text)
        ) from None
    if not 1 <= k <= n:
        raise ShardError(_("--shard {text}: K must be between 1 and N").format(text=text))
    return k, n


def batches(units: list[Unit]) -> list[Batch]:
    grouped: dict[tuple[str, str, bool], list[Unit]] = {}
    for unit in sorted(units):
        # A target's per-tenant part and its catalogue part are separate batches.
        key = (unit.target, unit.fachakte, bool(unit.tenant))
        grouped.setdefault(key, []).append(unit)
    return [
        Batch(target, fachakte, tuple(u.tenant for u in group if u.tenant), tuple(group))
        for (target, fachakte, _kind), group in grouped.items()
    ]


class Keys:
    """Cache keys of units: a digest of every input the unit's bytes can depend on."""

    def __init__(
        self,
        catalogue: Catalogue,
        options: BuildOptions,
        sources: list[tuple[str, str]],
        xsd_fingerprint: str,
    ) -> None:
        self.catalogue = catalogue
        self.common = digest(
            compiler_fingerprint(),
            repr(catalogue.aktenplan),
            repr(catalogue.aktenplan_title),
            # Doxis4 names and the topology (tenants.yaml `doxis4`) shape every package.
            repr(catalogue.doxis4),
        )
        # What a target reads of the options (Target.reads) is part of its units' keys only:
        # a new commit date or XSD folder leaves the Doxis4 packages in the cache.
        self.option_values = {
            "build_date": options.build_date.isoformat(),
            "xsd_dir": xsd_fingerprint,
            "root": repr(options.root),
            "release": repr(options.release),
            "commit": repr(options.commit),
            "dirty": repr(options.dirty),
        }
        # Targets that see the whole catalogue depend on every file of it.
        self.everything = digest(self.common, *(f"{p}\0{sha}" for p, sha in sorted(sources)))
        self.selected = ",".join(t.id for t in options.tenants)
        self.tenants = {t.id: t for t in catalogue.tenants}
        self.fachakten = {f.id: f for f in catalogue.fachakten}
        self.per_fachakte: dict[str, str] = {}
        self.per_target: dict[str, str] = {}

    def key(self, unit: Unit) -> str:
        tenant = repr(self.tenants.get(unit.tenant))
        source = self._options_read(unit.target)
        if not unit.fachakte:
            return digest(self.everything, str(unit), tenant, self.selected, source)
        if unit.fachakte not in self.per_fachakte:
            self.per_fachakte[unit.fachakte] = self._fachakte_inputs(unit.fachakte)
        return digest(self.per_fachakte[unit.fachakte], str(unit), tenant, source)

    def _options_read(self, target: str) -> str:
        # Once per target, not per unit: the digest depends on the target's declaration only.
        if target not in self.per_target:
            reads = sorted(load_target(target).reads)
            self.per_target[target] = digest(
                *(f"{name}={self.option_values[name]}" for name in reads)
            )
        return self.per_target[target]

    def _fachakte_inputs(self, fachakte_id: str) -> str:
        # Once per Fachakte, not per unit: a country-sized build has 10,000 tenants per Fachakte.
        fachakte = self.fachakten[fachakte_id]
        delegations = self.catalogue.delegations_of(fachakte_id)
        partners = sorted({d.from_tenant for d in delegations} | {d.to_tenant for d in delegations})
        return digest(
            self.common,
            fachakte.source,
            fachakte.source_sha256,
            repr(fachakte.bausteine),
            repr(delegations),
            repr([self.tenants.get(p) for p in partners]),
        )


def emit_batch(catalogue: Catalogue, options: BuildOptions, batch: Batch) -> dict[Unit, Entry]:
    """Run the target for one batch and attribute its files to the batch's units."""
    known = {t.id: t for t in options.tenants}
    narrowed = catalogue
    if batch.fachakte:
        narrowed = dataclasses.replace(catalogue, fachakten=(catalogue.fachakte(batch.fachakte),))
    tenants = tuple(known[t] for t in batch.tenants) if batch.tenants else options.tenants
    emit = load_target(batch.target).parts[batch.split]
    output = emit(narrowed, dataclasses.replace(options, tenants=tenants))
    entries = {unit: Entry(notes=list(output.notes)) for unit in batch.units}

    def owners(path: str) -> list[Unit]:
        first = path.split("/", 1)[0]
        own = [u for u in batch.units if u.tenant and u.tenant == first]
        return own or list(batch.units)

    for path, data in output.files.items():
        for unit in owners(path):
            entries[unit].files[path] = data
    for folder in sorted(output.replaced_dirs):
        for unit in owners(folder):
            entries[unit].replaced_dirs.append(folder)
    return entries
