"""Emits the planned units: from the cache where possible, else by running the targets, in
worker processes with --jobs N."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from fachakte_compiler.model import Catalogue
from fachakte_compiler.targets import BuildOptions, TargetOutput
from fachakte_compiler.targets.units import Batch, Keys, Unit, batches, emit_batch
from fachakte_compiler.write.cache import BuildCache, Entry

# Set before the worker processes fork, so they inherit the model instead of unpickling it.
_SHARED: tuple[Catalogue, BuildOptions] | None = None


def _work(batch: Batch) -> dict[Unit, Entry]:
    assert _SHARED is not None
    return emit_batch(*_SHARED, batch)


@dataclass
class Result:
    output: TargetOutput
    built: int = 0
    cached: int = 0
    notes: list[str] = field(default_factory=list)


def _run(catalogue: Catalogue, options: BuildOptions, todo: list[Batch],
         jobs: int) -> dict[Unit, Entry]:
    global _SHARED
    produced: dict[Unit, Entry] = {}
    if jobs <= 1 or len(todo) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for batch in todo:
            produced.update(emit_batch(catalogue, options, batch))
        return produced
    _SHARED = (catalogue, options)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            chunk = max(1, len(todo) // (jobs * 4))
            for entries in pool.map(_work, todo, chunksize=chunk):
                produced.update(entries)
    finally:
        _SHARED = None
    return produced


def build(catalogue: Catalogue, options: BuildOptions, units: list[Unit], keys: Keys,
          cache: BuildCache | None, jobs: int = 1) -> Result:
    """The output of `units`; every unit not found in `cache` is built and stored there."""
    entries: dict[Unit, Entry] = {}
    if cache is not None:
        for unit in units:
            hit = cache.get(keys.key(unit))
            if hit is not None:
                entries[unit] = hit
    missing = [u for u in units if u not in entries]
    produced = _run(catalogue, options, batches(missing), jobs)
    if cache is not None:
        for unit in missing:
            cache.put(keys.key(unit), produced[unit])
    entries.update(produced)
    result = Result(TargetOutput(), built=len(missing), cached=len(units) - len(missing))
    for unit in sorted(units):
        entry = entries[unit]
        result.output.files.update(entry.files)
        result.output.replaced_dirs.update(entry.replaced_dirs)
        result.notes += [n for n in entry.notes if n not in result.notes]
    result.output.notes = result.notes
    return result
