"""Every attribute of every model type is compared by the change control, or listed in
diff/coverage.py as deliberately ignored: each attribute of the shipped catalogue's model is
changed in turn and the diff must report something. A throw-away model type with one attribute
more shows that the test notices an attribute the diff does not compare."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import typing
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import pytest

from conftest import DEFINITIONS
from fachakte_compiler.diff.compare_catalogue import diff_catalogue_files
from fachakte_compiler.diff.coverage import not_compared
from fachakte_compiler.diff.engine import diff_bausteine, diff_catalogues
from fachakte_compiler.model import Catalogue, Field, types
from fachakte_compiler.model.load import load_model

Step = str | int  # attribute name, or index into a tuple
Path = tuple[Step, ...]
# Instances of one type tried per attribute before it counts as not compared.
TRIES = 6


@cache
def shipped() -> Catalogue:
    model, diagnostics, _ = load_model([DEFINITIONS])
    assert model is not None, diagnostics
    return model


def count_changes(old: Catalogue, new: Catalogue) -> int:
    """The number of changes the diff reports between two catalogues. Only what differs is
    compared (unchanged parts are the same objects), which keeps the test fast."""

    def differing(a: tuple[Any, ...], b: tuple[Any, ...]) -> tuple[list[Any], list[Any]]:
        pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not y]
        return [x for x, _ in pairs], [y for _, y in pairs]

    versioned = [
        *diff_catalogues(*differing(old.fachakten, new.fachakten), (old.tenants, new.tenants)),
        *diff_bausteine(*differing(old.bausteine, new.bausteine)),
    ]
    total = sum(len(d.changes) for d in versioned)
    if (old.tenants, old.delegations, old.aktenplan, old.aktenplan_title, old.doxis4) != (
        new.tenants,
        new.delegations,
        new.aktenplan,
        new.aktenplan_title,
        new.doxis4,
    ):
        total += sum(len(c) for c in diff_catalogue_files(old, new).values())
    return total


def instances(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every dataclass instance below `value` with the path that leads to it."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield path, value
        for f in dataclasses.fields(value):
            yield from instances(getattr(value, f.name), (*path, f.name))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from instances(item, (*path, i))


def replaced(value: Any, path: Path, new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        items = list(value)
        items[head] = replaced(items[head], rest, new)
        return tuple(items)
    return dataclasses.replace(value, **{head: replaced(getattr(value, head), rest, new)})


def _other(value: Any, hint: Any) -> Any:
    """A different value of the attribute's type, or None where there is none to invent."""
    if isinstance(value, enum.Enum):
        members = list(type(value))
        return members[(members.index(value) + 1) % len(members)]
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, tuple):
        if value:
            return value[:-1]
        # An empty list of ids (used_by's tenants): name one.
        return ("neu",) if typing.get_args(hint) == (str, ...) else None
    if value is None:
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        for option in options:
            if option is str:
                return "neu"
            if option is int:
                return 1
            if option is dt.date:
                return dt.date(2031, 1, 1)
    return None


def uncovered(catalogue: Catalogue, diff: Callable[[Catalogue, Catalogue], int]) -> list[str]:
    """'Type.attribute' for each attribute whose change the diff does not report, and which is
    not listed as ignored; nested model types count through their own attributes."""
    by_type: dict[type, list[tuple[Path, Any]]] = {}
    for path, item in instances(catalogue):
        by_type.setdefault(type(item), []).append((path, item))
    present = set(by_type)
    missing = [
        f"{t.__name__} (no instance)"
        for t in model_types()
        if not any(issubclass(k, t) for k in present)
    ]
    for model_type, found in by_type.items():
        hints = typing.get_type_hints(model_type, vars(types))
        ignored = not_compared(model_type)
        for attribute in (f.name for f in dataclasses.fields(model_type)):
            if attribute in ignored:
                continue
            tried = 0
            noticed = False
            # Items that hold a value first: inventing one where there is none says less.
            for path, item in sorted(found, key=lambda f: getattr(f[1], attribute) in (None, ())):
                value = getattr(item, attribute)
                if dataclasses.is_dataclass(value) or (
                    isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0])
                ):
                    noticed = True  # a part: its own attributes are checked
                    break
                other = _other(value, hints[attribute])
                if other is None:
                    continue
                changed = replaced(catalogue, path, dataclasses.replace(item, **{attribute: other}))
                tried += 1
                if diff(catalogue, changed) > 0:
                    noticed = True
                    break
                if tried >= TRIES:
                    break
            if not noticed:
                missing.append(f"{model_type.__name__}.{attribute}")
    return sorted(missing)


def model_types() -> list[type]:
    return [
        t
        for t in vars(types).values()
        if isinstance(t, type) and dataclasses.is_dataclass(t) and t.__module__ == types.__name__
    ]


def test_every_model_attribute_is_compared_or_deliberately_ignored() -> None:
    assert uncovered(shipped(), count_changes) == []


def test_ignored_attributes_exist() -> None:
    from fachakte_compiler.diff.coverage import NOT_COMPARED

    for model_type, ignored in NOT_COMPARED.items():
        names = {f.name for f in dataclasses.fields(model_type)}
        assert set(ignored) <= names, model_type


@dataclasses.dataclass(frozen=True)
class ColouredField(Field):
    """Throw-away: a field type with an attribute the diff has never heard of."""

    colour: str = "rot"


def coloured(value: Any) -> Any:
    """`value` with every Field, however deep, turned into a ColouredField."""
    if isinstance(value, tuple):
        return tuple(coloured(v) for v in value)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    parts = {f.name: coloured(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return ColouredField(**parts) if type(value) is Field else type(value)(**parts)


def test_an_attribute_the_diff_does_not_compare_is_found() -> None:
    with_colour = coloured(shipped())
    assert any(type(v) is ColouredField for _, v in instances(with_colour))
    assert uncovered(with_colour, count_changes) == ["ColouredField.colour"]


@pytest.mark.parametrize("model_type", model_types(), ids=lambda t: t.__name__)
def test_every_model_type_occurs_in_the_shipped_catalogue(model_type: type) -> None:
    assert any(type(v) is model_type for _, v in instances(shipped())), model_type


# Where each model type stands in the JSON Schemas: (kind, path), "[]" meaning list items.
SCHEMA_OF: dict[type, tuple[str, tuple[str, ...]]] = {
    types.Fachakte: ("fachakte", ()),
    types.LegalReference: ("fachakte", ("legal_basis", "[]")),
    types.CodeList: ("fachakte", ("code_lists", "[]")),
    types.CodeValue: ("fachakte", ("code_lists", "[]", "values", "[]")),
    types.Field: ("fachakte", ("fields", "[]")),
    types.Akte: ("fachakte", ("akte",)),
    types.Aktenzeichen: ("fachakte", ("akte", "aktenzeichen")),
    types.Register: ("fachakte", ("akte", "registers", "[]")),
    types.Retention: ("fachakte", ("akte", "retention")),
    types.DocumentType: ("fachakte", ("document_types", "[]")),
    types.Role: ("fachakte", ("roles", "[]")),
    types.RegisterPermission: ("fachakte", ("roles", "[]", "permissions", "registers", "[]")),
    types.Workflow: ("fachakte", ("workflow",)),
    types.State: ("fachakte", ("workflow", "states", "[]")),
    types.Transition: ("fachakte", ("workflow", "transitions", "[]")),
    types.Resubmission: ("fachakte", ("workflow", "resubmissions", "[]")),
    types.Baustein: ("baustein", ()),
    types.Tenant: ("tenants", ("tenants", "[]")),
    types.Doxis4Settings: ("tenants", ("doxis4",)),
    types.UsedBy: ("fachakte", ("used_by",)),
    types.Delegation: ("delegations", ("delegations", "[]")),
    types.AktenplanUnit: ("aktenplan", ("units", "[]")),
    types.LevelRetention: ("aktenplan", ("units", "[]", "retention")),
}
# Schema keys the model holds under other names: (type, key) -> model attributes.
MAPPED: dict[tuple[type, str], set[str]] = {
    (types.Fachakte, "aktenplan"): {"kennzeichen", "aktenplan_title"},
    (types.Field, "special_category"): {"special_categories"},
    (types.Retention, "unlimited"): {"years"},
    (types.LevelRetention, "unlimited"): {"years"},
    (types.Role, "permissions"): {
        "akte_permissions",
        "document_permissions",
        "register_permissions",
    },
    (types.Transition, "from"): {"from_state"},
    (types.Transition, "to"): {"to_state"},
    (types.Delegation, "from"): {"from_tenant"},
    (types.Delegation, "to"): {"to_tenant"},
}
# Model attributes that no author writes: the model builder derives them.
DERIVED: dict[type, set[str]] = {
    types.Fachakte: {"bausteine", "source", "source_sha256", "run_by"},
    types.Baustein: {"source", "source_sha256"},
    types.CodeList: {"scope"},
    types.Field: {"subfields"},
}


def schema_keys(kind: str, steps: tuple[str, ...]) -> set[str]:
    from fachakte_compiler.fmt.order import items, properties, root

    located = root(kind)
    for step in steps:
        found = items(located) if step == "[]" else properties(located)[step]
        assert found is not None, (kind, steps, step)
        located = found
    return set(properties(located))


@pytest.mark.parametrize("model_type", list(SCHEMA_OF), ids=lambda t: t.__name__)
def test_the_model_holds_exactly_what_the_schema_defines(model_type: type) -> None:
    keys = schema_keys(*SCHEMA_OF[model_type])
    expected = set().union(*(MAPPED.get((model_type, k), {k}) for k in keys))
    expected |= DERIVED.get(model_type, set())
    attributes = {f.name for f in dataclasses.fields(model_type)}
    assert attributes == expected, (
        f"only in the model: {sorted(attributes - expected)}; "
        f"only in the schema: {sorted(expected - attributes)}"
    )


def test_every_model_type_but_the_catalogue_has_its_place_in_the_schema() -> None:
    assert set(model_types()) - set(SCHEMA_OF) == {types.Catalogue}
