"""Pairs the elements of two versions of a collection by id, honouring `renamed_from`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Matching(Generic[T]):
    """`pairs` in the new order, with the old id of each (different for renames); `ids` maps
    the old id of every pair to its new id, to translate references from OLD into NEW terms."""

    pairs: list[tuple[str, T, T]] = field(default_factory=list)
    added: list[T] = field(default_factory=list)
    removed: list[T] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    # The old ids of `pairs` in the order of OLD, to tell whether the pairs moved.
    old_order: list[str] = field(default_factory=list)

    @property
    def reordered(self) -> bool:
        """True when elements of both versions stand in another order relative to each other."""
        return [old_id for old_id, _, _ in self.pairs] != self.old_order


def match(
    old: Sequence[T],
    new: Sequence[T],
    key: Callable[[T], str],
    renamed_from: Callable[[T], tuple[str, ...]] = lambda _: (),
) -> Matching[T]:
    """An element of NEW matches the OLD element with the same id; failing that, the OLD element
    named in its `renamed_from` if that id is gone from NEW. Everything else is added/removed."""
    old_by_id = {key(e): e for e in old}
    new_ids = {key(e) for e in new}
    result: Matching[T] = Matching()
    used: set[str] = set()
    for element in new:
        element_id = key(element)
        old_id = (
            element_id
            if element_id in old_by_id
            else next(
                (
                    r
                    for r in renamed_from(element)
                    if r in old_by_id and r not in new_ids and r not in used
                ),
                None,
            )
        )
        if old_id is None:
            result.added.append(element)
            continue
        used.add(old_id)
        result.pairs.append((old_id, old_by_id[old_id], element))
        result.ids[old_id] = element_id
    result.removed = [e for e in old if key(e) not in used]
    result.old_order = [key(e) for e in old if key(e) in used]
    return result
