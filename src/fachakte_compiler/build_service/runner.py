"""Produces the planned units, from the cache where possible, else by running the targets (in
worker processes with --jobs N), and hands each unit's files on as soon as they exist, so that
memory stays flat however many packages a build has."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fachakte_compiler.build_service.cache import BuildCache, Entry
from fachakte_compiler.build_service.units import Batch, Keys, Unit, batches, emit_batch
from fachakte_compiler.model import Catalogue
from fachakte_compiler.targets import BuildOptions

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

Sink = Callable[[Unit, Entry], None]

# Set before the worker processes fork, so they inherit the model instead of unpickling it.
_SHARED: tuple[Catalogue, BuildOptions] | None = None


def _work(batch: Batch) -> dict[Unit, Entry]:
    assert _SHARED is not None
    return emit_batch(*_SHARED, batch)


@dataclass
class Result:
    built: int = 0
    cached: int = 0
    files: int = 0
    replaced_dirs: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


def _fork_context(jobs: int, todo: list[Batch]) -> BaseContext | None:
    """The fork context for worker processes, or None where the build runs in this process.
    multiprocessing is imported only then: a build in one process (the default) need not pay
    for it."""
    if jobs <= 1 or len(todo) <= 1:
        return None
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def _produce(
    catalogue: Catalogue, options: BuildOptions, todo: list[Batch], jobs: int
) -> Iterator[tuple[Unit, Entry]]:
    global _SHARED
    context = _fork_context(jobs, todo)
    if context is None:
        for batch in todo:
            yield from emit_batch(catalogue, options, batch).items()
        return
    from concurrent.futures import ProcessPoolExecutor

    _SHARED = (catalogue, options)
    # Keeps the collector in the workers from touching (and so copying) the inherited heap.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            chunk = max(1, min(8, len(todo) // (jobs * 4)))
            for entries in pool.map(_work, todo, chunksize=chunk):
                yield from entries.items()
    finally:
        _SHARED = None
        gc.unfreeze()


def build(
    catalogue: Catalogue,
    options: BuildOptions,
    units: list[Unit],
    keys: Keys | None,
    cache: BuildCache | None,
    sink: Sink,
    jobs: int = 1,
) -> Result:
    """Deliver every unit's output to `sink`; units not in `cache` are built and stored under
    their `keys` (both None: build everything, store nothing)."""
    result = Result()
    notes: dict[Unit, list[str]] = {}
    key = {unit: keys.key(unit) for unit in units} if cache is not None and keys else {}

    def deliver(unit: Unit, entry: Entry) -> None:
        result.files += len(entry.files)
        result.replaced_dirs.update(entry.replaced_dirs)
        notes[unit] = entry.notes
        sink(unit, entry)

    missing = []
    for unit in sorted(units):
        hit = cache.get(key[unit]) if cache is not None else None
        if hit is None:
            missing.append(unit)
        else:
            deliver(unit, hit)
    for unit, entry in _produce(catalogue, options, batches(missing), jobs):
        if cache is not None:
            cache.put(key[unit], entry)
        deliver(unit, entry)
    result.built, result.cached = len(missing), len(units) - len(missing)
    for unit in sorted(notes):
        result.notes += [n for n in notes[unit] if n not in result.notes]
    return result
