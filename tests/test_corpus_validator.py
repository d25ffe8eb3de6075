"""The compiled schema check never accepts what jsonschema rejects, on the corpus and mutations.

The fast path is only allowed to say "valid" where jsonschema finds no error; otherwise the
diagnostics would silently go missing. Random mutations of real files probe every keyword.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from fachakte_compiler.check.compiled_schema import compile_schema, is_valid
from fachakte_compiler.check.schema import validator
from fachakte_compiler.check.schema_values import Unsupported
from fachakte_compiler.load.catalogue import discover
from fachakte_compiler.load.source import SourceFile
from fachakte_compiler.resources import SCHEMA_KINDS, schemas_dir

DEFINITIONS = Path(__file__).resolve().parents[1] / "definitions"
ODD_VALUES: list[Any] = [
    "",
    "X" * 300,
    "Not An Id",
    0,
    -5,
    2.5,
    True,
    None,
    [],
    {},
    ["a", "a"],
    [1, 1],
    dt.date(2024, 2, 30 - 1),
    "2024-13-01",
    "2024-01-01",
    {"unknown_key": 1},
    "a",
    10**6,
]


def jsonschema_valid(kind: str, data: Any) -> bool:
    return not any(True for _ in validator(kind).iter_errors(data))


def fast_valid(kind: str, data: Any) -> bool:
    return is_valid(schemas_dir(), f"{kind}.schema.json", data)


@pytest.fixture(scope="module")
def sources() -> list[SourceFile]:
    catalogue = discover([DEFINITIONS])
    return [f for f in catalogue.files if f.kind in SCHEMA_KINDS and f.loaded]


def _containers(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _containers(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _containers(value, (*path, index))
    return found


def _mutate(data: Any, rng: random.Random) -> Any:
    data = copy.deepcopy(data)
    paths = [p for p in _containers(data) if p]
    path = rng.choice(paths)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    action = rng.randrange(4)
    if action == 0 and isinstance(parent, dict):
        del parent[path[-1]]
    elif action == 1 and isinstance(parent, dict):
        parent[rng.choice(["extra", "titel", "id"])] = rng.choice(ODD_VALUES)
    elif action == 2 and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[path[-1]]))
    else:
        parent[path[-1]] = copy.deepcopy(rng.choice(ODD_VALUES))
    return data


def test_every_schema_compiles() -> None:
    for kind in SCHEMA_KINDS:
        compile_schema(schemas_dir(), f"{kind}.schema.json")


def test_shipped_files_pass_the_fast_path(sources: list[SourceFile]) -> None:
    assert sources
    for source in sources:
        assert fast_valid(source.kind, source.data), source.display


def test_mutations_agree_with_jsonschema(sources: list[SourceFile]) -> None:
    rng = random.Random(20240101)
    rejected = 0
    for source in sources:
        for _ in range(60):
            mutated = _mutate(source.data, rng)
            expected = jsonschema_valid(source.kind, mutated)
            if fast_valid(source.kind, mutated):
                assert expected, f"fast path accepted an invalid mutation of {source.display}"
            rejected += not expected
    assert rejected > 100  # the mutations really exercise error paths


def test_unknown_keywords_are_not_compiled(tmp_path: Path) -> None:
    (tmp_path / "x.schema.json").write_text(
        '{"type": "object", "if": {"required": ["a"]}}', encoding="utf-8"
    )
    with pytest.raises(Unsupported):
        compile_schema(tmp_path, "x.schema.json")
    assert not is_valid(tmp_path, "x.schema.json", {})


def test_lazily_recorded_positions_equal_eager_ones(sources: list[SourceFile]) -> None:
    from fachakte_compiler.load.builder import Builder

    for source in sources:
        assert source.positions.pending is not None  # clean files defer the positions
        eager = Builder(source)
        eager.build(yaml.compose(source.text, Loader=yaml.CSafeLoader), ())
        lazy = source.positions.resolve()
        assert lazy.pending is None
        assert (lazy.values, lazy.keys, lazy.implicit) == (
            eager.positions.values,
            eager.positions.keys,
            eager.positions.implicit,
        )
        assert len(lazy.values) > 20
