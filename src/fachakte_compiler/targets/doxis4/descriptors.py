"""Flattens the Fachakte's fields into scalar Doxis4 descriptors with dotted ids."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fachakte_compiler.model import Fachakte, Field
from fachakte_compiler.targets.memo import by_identity


@dataclass(frozen=True)
class Descriptor:
    id: str  # e.g. 'antragsteller.anschrift.plz'
    field: Field
    title_path: tuple[str, ...]
    # A leaf inside a multi-valued building block repeats with it: it belongs to that group.
    group: str | None
    multiple: bool
    # The building block the leaf comes from, if any.
    baustein: str | None
    # Ids this descriptor had before a rename of the leaf or of one of its parents.
    previous_ids: tuple[str, ...]


@dataclass(frozen=True)
class _Context:
    ids: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    renames: tuple[tuple[str, ...], ...] = ()
    group: str | None = None
    baustein: str | None = None


def _walk(field: Field, ctx: _Context) -> Iterator[Descriptor]:
    ids = (*ctx.ids, field.id)
    renames = (*ctx.renames, field.renamed_from)
    if field.subfields:
        inner = _Context(
            ids,
            (*ctx.titles, field.title),
            renames,
            ctx.group or (".".join(ids) if field.multiple else None),
            field.baustein,
        )
        for sub in field.subfields:
            yield from _walk(sub, inner)
        return
    previous = tuple(
        ".".join((*ids[:i], old, *ids[i + 1 :])) for i, olds in enumerate(renames) for old in olds
    )
    yield Descriptor(
        ".".join(ids),
        field,
        (*ctx.titles, field.title),
        ctx.group,
        field.multiple or ctx.group is not None,
        ctx.baustein,
        previous,
    )


def descriptors_of(field: Field) -> tuple[Descriptor, ...]:
    """The scalar descriptors below one top-level field, in the authors' order."""
    return tuple(_walk(field, _Context()))


@by_identity
def all_descriptors(fachakte: Fachakte) -> tuple[Descriptor, ...]:
    """The scalar descriptors of every field of `fachakte`, in the authors' order (kept: the
    packages, plans and setup sheet ask some 400 times for the shipped catalogue's eight)."""
    return tuple(d for f in fachakte.fields for d in descriptors_of(f))


def descriptors_for(fachakte: Fachakte, field_ids: tuple[str, ...]) -> tuple[Descriptor, ...]:
    """The descriptors that a list of (possibly dotted) field references stands for."""
    result: list[Descriptor] = []
    seen: set[str] = set()
    everything = all_descriptors(fachakte)
    for ref in field_ids:
        for d in everything:
            if (d.id == ref or d.id.startswith(ref + ".")) and d.id not in seen:
                seen.add(d.id)
                result.append(d)
    return tuple(result)
