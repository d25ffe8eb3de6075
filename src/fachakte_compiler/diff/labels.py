"""The titles and labels of a definition's elements, keyed as the comparisons name them, so
that German change texts say „Bemerkung“ (bemerkung) rather than only the id."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from fachakte_compiler.model.types import Baustein, CodeList, Fachakte, Field

Labels = dict[tuple[str, str], str]


def _fields(fields: Sequence[Field], prefix: str = "") -> Iterator[tuple[tuple[str, str], str]]:
    for field in fields:
        path = f"{prefix}.{field.id}" if prefix else field.id
        yield ("field", path), field.title
        yield from _fields(field.subfields, path)


def _lists(code_lists: Sequence[CodeList]) -> Iterator[tuple[tuple[str, str], str]]:
    for code_list in code_lists:
        yield ("code_list", code_list.qualified_id), code_list.title
        for value in code_list.values:
            yield ("code_value", f"{code_list.qualified_id}.{value.key}"), value.label


def _of(definition: Fachakte | Baustein) -> Iterator[tuple[tuple[str, str], str]]:
    yield from _lists(definition.code_lists)
    yield from _fields(definition.fields)
    if isinstance(definition, Fachakte):
        for kind, elements in (
            ("document_type", definition.document_types),
            ("register", definition.akte.registers),
            ("role", definition.roles),
            ("state", definition.workflow.states),
            ("resubmission", definition.workflow.resubmissions),
        ):
            yield from (((kind, e.id), e.title) for e in elements)


def labels(old: Fachakte | Baustein, new: Fachakte | Baustein) -> Labels:
    """Both versions' labels; where an element exists in both, the new title wins."""
    return dict(_of(old)) | dict(_of(new))
