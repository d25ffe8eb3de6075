"""One mistake, one finding: an id or a reference to one written with a capital is FA105 at
that place and nothing else, however many rules would judge what follows from it (unused,
unknown, unreachable, ...). Every such place of the small test catalogue, one at a time."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from fachakte_compiler.check.runner import validate_paths
from support.catalogue import MINI, copy_catalogue

# `id: x`, `- id: x`, `from: x`, `- x` (block list entries): ids and references to ids.
_ID_LIKE = re.compile(
    r"^(\s*(?:- )?(?:id|from|to|fachakte|baustein|code_list|register|role): |\s*- )"
    r"([a-z][a-z0-9_]*)$"
)


def _places() -> list[tuple[str, int]]:
    found = []
    for path in sorted(MINI.rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if _ID_LIKE.match(line):
                found.append((path.relative_to(MINI).as_posix(), number))
    return found


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_catalogue(tmp_path_factory.mktemp("mini") / "definitions", MINI)


def test_the_small_catalogue_has_places_of_every_kind() -> None:
    places = _places()
    assert len(places) >= 25
    assert {name for name, _ in places} >= {
        "tenants.yaml",
        "delegations.yaml",
        "bausteine/person.yaml",
        "fachakten/beispiel.yaml",
    }


def test_a_capital_in_an_id_or_reference_is_one_finding_everywhere(
    clean: Path, tmp_path: Path
) -> None:
    wrong = []
    for name, number in _places():
        root = tmp_path / f"{name.replace('/', '_')}_{number}" / "definitions"
        shutil.copytree(clean.parent, root.parent)
        path = root / name
        lines = path.read_text(encoding="utf-8").split("\n")
        match = _ID_LIKE.match(lines[number - 1])
        assert match is not None
        lines[number - 1] = match[1] + match[2].capitalize()
        path.write_text("\n".join(lines), encoding="utf-8")
        found = [
            (Path(d.file).name, d.span.line if d.span else 0, d.code)
            for d in validate_paths([root])[1]
        ]
        if found != [(Path(name).name, number, "FA105")]:
            wrong.append((name, number, found))
    assert wrong == []
