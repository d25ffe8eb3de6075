"""The fields of a raw definition as paths through its Baustein-typed fields.

A Baustein field (`antragsteller`, type baustein, Baustein `person`) stands for the fields of
its Baustein, so rules that think in leaf paths (`antragsteller.nachname`: one Doxis4
descriptor each) or in repetitions inside repetitions walk the same tree; this is that walk.
A Baustein that is unknown (FA206) has no fields here, and one already on the way is not
entered again (FA2xx reports the cycle), so the walk always ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fachakte_compiler.check.context import Context, Item


@dataclass(frozen=True)
class FieldOnPath:
    """A field reached from the fields a walk started at: `path` (ids, the start field first),
    the field's raw `item`, and `baustein`, the id of the Baustein that declares it (None for
    a start field)."""

    path: tuple[str, ...]
    item: Item
    baustein: str | None

    @property
    def is_baustein(self) -> bool:
        return self.item.text("type") == "baustein"


def walk_fields(
    ctx: Context,
    fields: dict[str, Item],
    enter: Callable[[FieldOnPath], bool] = lambda _field: True,
    *,
    inside: str | None = None,
    prefix: tuple[str, ...] = (),
    seen: frozenset[str] = frozenset(),
) -> Iterator[FieldOnPath]:
    """Every field below `fields` (those of Baustein `inside`, or a definition's own when
    None), depth first in declaration order, each Baustein field followed by the fields of
    its Baustein where `enter` says so."""
    for field_id, item in fields.items():
        field = FieldOnPath((*prefix, field_id), item, inside)
        yield field
        baustein_id = item.text("baustein") or ""
        block = ctx.bausteine.get(baustein_id) if field.is_baustein else None
        if block is None or baustein_id in seen or not enter(field):
            continue
        yield from walk_fields(
            ctx,
            block.fields,
            enter,
            inside=baustein_id,
            prefix=field.path,
            seen=seen | {baustein_id},
        )
