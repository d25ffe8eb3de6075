"""No list inside a list: a `multiple` field below a `multiple` Baustein-typed field.

Every leaf below a multiple Baustein field becomes a Doxis4 LIST descriptor whose values stay
positional: the values of one entry (one household member) stand at the same position in all
descriptors of the group. A leaf that is itself multiple would put several values per entry
into that flat list, and Doxis4 has no nested lists (`IDescriptor.getMultiValueType()`:
MULTI_VALUE_TYPE_NONE, _LIST or _SET only; blueline 8.2.2), so which value belongs to which
entry would be lost. Works on the raw definitions, like the name checks in `doxis4`.
"""

from __future__ import annotations

from collections.abc import Iterator

from fachakte_compiler.check.context import Context, Definition, Item
from fachakte_compiler.check.field_paths import FieldOnPath, walk_fields
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import Example, code
from fachakte_compiler.diagnostics.codes import EXAMPLE_FACHAKTE
from fachakte_compiler.i18n import _
from fachakte_compiler.targets.doxis4 import names

_ANTRAGSTELLER = "    baustein: person\n    required: true\n"
_VORNAME = (
    "  - id: vorname\n    title: Vorname\n    type: string\n    max_length: 100\n"
    "    required: true\n    personal_data: personal\n"
)

FA904 = code(
    "FA904",
    "doxis4-list-in-list",
    "a multiple field inside a multiple Baustein field",
    """
    A field with `multiple: true` becomes a multi-valued Doxis4 descriptor
    (`MULTI_VALUE_TYPE_LIST`), and so does every leaf below a multiple Baustein field such as
    `haushaltsmitglieder` (Baustein `person`): its values stay positional, the values of one
    household member stand at the same position in all descriptors of the group. Doxis4 has
    no lists inside lists (a descriptor's multi-value type is NONE, LIST or SET). A field that
    is itself `multiple` inside a multiple Baustein field, at any depth (e.g.
    `staatsangehoerigkeit` of `person` inside `haushaltsmitglieder`), or a multiple Baustein
    field inside a multiple one, would put several values per entry into one flat list, and
    no one could tell any more which value belongs to which entry. The finding points at the
    field where the outer repetition starts and names the path to the inner one. Make the
    inner field single-valued (a further value gets a field of its own, e.g.
    `staatsangehoerigkeit` and `weitere_staatsangehoerigkeit`), or the outer field not
    multiple.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "  - id: antragsteller\n    title: Antragsteller/in\n    type: baustein\n"
            + _ANTRAGSTELLER,
            "  - id: antragsteller\n    title: Antragsteller/in\n    type: baustein\n"
            "    baustein: person\n    multiple: true\n",
            "antragsteller",
            elsewhere=(("bausteine/person.yaml", _VORNAME, _VORNAME + "    multiple: true\n"),),
        ),
    ),
)


def _is_multiple(item: Item) -> bool:
    return item.data.get("multiple") is True


def _inner_multiples(
    ctx: Context, outer_id: str, outer: Item, own: frozenset[str]
) -> Iterator[FieldOnPath]:
    """The multiple fields inside the Baustein of the multiple field `outer`, through its
    single Baustein fields; the first multiple field on a path ends it (below it, it is the
    outer one and reported where it is declared)."""
    baustein_id = outer.text("baustein") or ""
    block = ctx.bausteine.get(baustein_id)
    if block is None or baustein_id in own:
        return
    inner = walk_fields(
        ctx,
        block.fields,
        lambda field: not _is_multiple(field.item),
        inside=baustein_id,
        prefix=(outer_id,),
        seen=own | {baustein_id},
    )
    yield from (field for field in inner if _is_multiple(field.item))


def _check(ctx: Context, definition: Definition, is_fachakte: bool) -> None:
    owner = definition.root.id or ""
    for field_id, outer in definition.fields.items():
        if not _is_multiple(outer) or outer.text("type") != "baustein":
            continue
        own = frozenset() if is_fachakte else frozenset({owner})
        for inner in _inner_multiples(ctx, field_id, outer, own):
            path = ".".join(inner.path)
            # A missing or rejected type (FA101, FA104) may be meant as a Baustein.
            if is_fachakte and inner.item.text("type") not in ("baustein", None):
                message = _(
                    "multiple field '{field}' contains the multiple field '{path}' (Baustein "
                    "'{baustein}'): descriptor {descriptor} would hold several values per "
                    "entry, and no one could tell which belongs to which entry; Doxis4 has no "
                    "lists inside lists"
                ).format(
                    field=field_id,
                    path=path,
                    baustein=inner.baustein,
                    descriptor=names.descriptor_name(owner, path),
                )
            else:
                message = _(
                    "multiple field '{field}' contains the multiple field '{path}' (Baustein "
                    "'{baustein}'): its descriptors would hold several values per entry, and "
                    "no one could tell which belongs to which entry; Doxis4 has no lists "
                    "inside lists"
                ).format(field=field_id, path=path, baustein=inner.baustein)
            hint = _(
                "make '{inner}' in Baustein '{baustein}' single-valued (a further value gets "
                "a field of its own, e.g. 'weitere_{inner}') or '{field}' not multiple"
            ).format(inner=inner.path[-1], baustein=inner.baustein, field=field_id)
            ctx.report(FA904, outer.source, (*outer.path, "id"), message, hint=hint)


@rule(FA904)
def doxis4_nested_lists(ctx: Context) -> None:
    for fachakte in ctx.fachakten:
        _check(ctx, fachakte, True)
    for baustein in ctx.bausteine.values():
        _check(ctx, baustein, False)
