"""The fast schema check (jsonschema-rs) never accepts what jsonschema rejects, on the
catalogue and its mutations.

The fast path is only allowed to say "valid" where jsonschema, with the language's readings,
finds no error; otherwise the diagnostics would silently go missing. Random mutations of real
files probe every keyword, including the values where the two engines judge differently
(integral floats, dates and date-times, text with a final line break).
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from fachakte_compiler.check.fast_schema import is_valid
from fachakte_compiler.check.schema import validator
from fachakte_compiler.load.catalogue import discover
from fachakte_compiler.load.source import SourceFile
from fachakte_compiler.resources import SCHEMA_KINDS, schemas_dir

DEFINITIONS = Path(__file__).resolve().parents[1] / "definitions"
# The small catalogue writes its delegation's dates unquoted, as YAML dates.
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
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
    10**30,
    6.0,
    float("nan"),
    dt.datetime(2026, 1, 1, 10, 0),
    "1.0.0\n",
    "wohngeld\n",
    "2026-01-01\n",
]


def jsonschema_valid(kind: str, data: Any) -> bool:
    return not any(True for _ in validator(kind).iter_errors(data))


def fast_valid(kind: str, data: Any) -> bool:
    return is_valid(schemas_dir(), f"{kind}.schema.json", data)


@pytest.fixture(scope="module")
def sources() -> list[SourceFile]:
    def checked(root: Path) -> list[SourceFile]:
        return [f for f in discover([root]).files if f.kind in SCHEMA_KINDS and f.loaded]

    dated = [f for f in checked(MINI) if _holds_a_date(f.data)]
    assert dated
    return checked(DEFINITIONS) + dated


def _holds_a_date(data: Any) -> bool:
    if isinstance(data, dict):
        return any(_holds_a_date(v) for v in data.values())
    if isinstance(data, list):
        return any(_holds_a_date(v) for v in data)
    return type(data) is dt.date


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


def test_shipped_files_pass_the_fast_path(sources: list[SourceFile]) -> None:
    assert sources
    for source in sources:
        assert fast_valid(source.kind, source.data), source.display


def test_mutations_agree_with_jsonschema(sources: list[SourceFile]) -> None:
    rng = random.Random(20240101)
    rejected = accepted_fast = 0
    for source in sources:
        # Enough per file that both counts below clear 100 however the shipped files grow
        # (used_by added paths: at 40, 91 to 110 mutations passed the fast path over seeds).
        for _ in range(48):
            mutated = _mutate(source.data, rng)
            expected = jsonschema_valid(source.kind, mutated)
            if fast_valid(source.kind, mutated):
                assert expected, f"fast path accepted an invalid mutation of {source.display}"
                accepted_fast += 1
            rejected += not expected
    assert rejected > 100  # the mutations really exercise error paths
    assert accepted_fast > 100  # and the fast path really answers


def test_no_private_jsonschema_module_is_imported() -> None:
    sources = Path(__file__).resolve().parents[1] / "src"
    for path in sources.rglob("*.py"):
        assert "jsonschema._" not in path.read_text(encoding="utf-8"), path


def test_lazily_recorded_positions_equal_eager_ones(sources: list[SourceFile]) -> None:
    from fachakte_compiler.load.builder import Builder
    from fachakte_compiler.load.yaml_loader import load_bytes

    for shared in (s for s in sources if s.path.is_relative_to(DEFINITIONS)):
        # Bytes no test loaded before (an end comment moves no position): the loader keeps
        # clean loads, and another test may already have asked the kept one for a position.
        source = SourceFile(path=shared.path, display=shared.display)
        raw = shared.path.read_bytes() + b"\n# positions recorded lazily\n"
        assert load_bytes(source, raw) == []
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


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("a: 1\nb: x\n", True),
        ('a: "6.0"\nb: "2026-01-01"\n', True),
        ("a: 6.0\n", False),
        ("a: [1, {b: 2026-01-01}]\n", False),
        ("a: 2026-01-01 10:00:00\n", False),
        ("a: .nan\n", False),
    ],
)
def test_the_loader_says_whether_values_are_plain(tmp_path: Path, text: str, plain: bool) -> None:
    from fachakte_compiler.check.fast_schema import _only_plain_values
    from fachakte_compiler.load.yaml_loader import load_source

    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    source = SourceFile(path=path, display="x.yaml")
    load_source(source)
    assert source.loaded
    assert source.plain is plain is _only_plain_values(source.data)
