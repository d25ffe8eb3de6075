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


def _catalogue(clean: Path, at: Path) -> Path:
    """A private copy of the clean catalogue (its schemas beside it) at `at`; its definitions/."""
    shutil.copytree(clean.parent, at)
    return at / "definitions"


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
        root = _catalogue(clean, tmp_path / f"{name.replace('/', '_')}_{number}")
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


_UMLAUTS = str.maketrans({"a": "ä", "o": "ö", "u": "ü"})


def _with_an_umlaut(name: str) -> str:
    at = min(name.find(v) for v in "aou" if v in name)
    return name[:at] + name[at].translate(_UMLAUTS) + name[at + 1 :]


def _one_finding_proposing(root: Path, name: str, number: int, meant: str) -> list[object]:
    """What is wrong with the findings at root/name: [] when there is exactly one, FA105 at
    line `number`, and its hint proposes `meant`."""
    found = validate_paths([root])[1]
    shown = [(Path(d.file).name, d.span.line if d.span else 0, d.code, d.hint) for d in found]
    if shown == [(Path(name).name, number, "FA105", f"did you mean '{meant}'?")]:
        return []
    return [(name, number, shown)]


def test_an_umlaut_in_a_reference_proposes_the_name_that_exists(
    clean: Path, tmp_path: Path
) -> None:
    """`bemerküng` for `bemerkung`: the proposal is the id the catalogue has, never the mere
    ASCII form (`bemerkueng`), which names nothing."""
    wrong: list[object] = []
    for name, number in _places():
        root = _catalogue(clean, tmp_path / f"{name.replace('/', '_')}_{number}")
        path = root / name
        lines = path.read_text(encoding="utf-8").split("\n")
        match = _ID_LIKE.match(lines[number - 1])
        assert match is not None
        if "id:" in match[1] or not set(match[2]) & set("aou"):
            continue  # an id that nothing names gets its ASCII form, as FA105 explains
        lines[number - 1] = match[1] + _with_an_umlaut(match[2])
        path.write_text("\n".join(lines), encoding="utf-8")
        wrong += _one_finding_proposing(root, name, number, match[2])
    assert wrong == []


# References in flow lists (`fields: [a, b]`), which the places above (block lines) miss.
FLOW_REFERENCES = [
    ("fields: [antragsteller, antragsart, eingangsdatum]", "antragsart"),
    ("fields: [bescheiddatum]", "bescheiddatum"),
    ("document_types: [antrag]", "antrag"),
    ("roles: [sachbearbeitung, leitung]", "leitung"),
    ("owners: [kreis, nordstadt, suedstadt]", "nordstadt"),
]
# What an unknown name in each of those lists is.
TYPO_CODES = ["FA201", "FA201", "FA203", "FA205", "FA207"]


@pytest.mark.parametrize(("line", "meant"), FLOW_REFERENCES, ids=[m for _, m in FLOW_REFERENCES])
def test_an_umlaut_in_a_listed_reference_proposes_the_name_that_exists(
    clean: Path, tmp_path: Path, line: str, meant: str
) -> None:
    root = _catalogue(clean, tmp_path / "catalogue")
    path = root / "fachakten" / "beispiel.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    (number,) = [i for i, text in enumerate(lines, 1) if text.strip() == line]
    lines[number - 1] = lines[number - 1].replace(meant, _with_an_umlaut(meant), 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    assert _one_finding_proposing(root, "fachakten/beispiel.yaml", number, meant) == []


@pytest.mark.parametrize(
    ("line", "meant", "code"),
    [(line, meant, code) for (line, meant), code in zip(FLOW_REFERENCES, TYPO_CODES, strict=True)],
    ids=[m for _, m in FLOW_REFERENCES],
)
def test_a_typo_in_a_listed_reference_is_one_finding(
    clean: Path, tmp_path: Path, line: str, meant: str, code: str
) -> None:
    """`bemerkng` for `bemerkung`: the unknown reference proposes the field, which is then not
    reported as unused as well."""
    root = _catalogue(clean, tmp_path / "catalogue")
    path = root / "fachakten" / "beispiel.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    (number,) = [i for i, text in enumerate(lines, 1) if text.strip() == line]
    typo = meant[:-2] + meant[-1]
    lines[number - 1] = lines[number - 1].replace(meant, typo, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    found = [
        (Path(d.file).name, d.span.line if d.span else 0, d.code, d.hint)
        for d in validate_paths([root])[1]
    ]
    assert found == [("beispiel.yaml", number, code, f"did you mean '{meant}'?")]


# (line as shipped, the same line with one mistake, the one finding it gets)
VALUE_MISTAKES = [
    ("title: Beispielakte", "titel: Beispielakte", "FA102"),  # not also a missing title
    ("      initial: true", '      initial: "true"', "FA103"),  # not also no initial state
    ("      final: true", '      final: "ja"', "FA103"),  # not also no final state, dead ends
    ("    years: 10", "    years: -10", "FA105"),  # not also shorter than the documents'
]


@pytest.mark.parametrize(
    ("shipped", "wrong", "code"), VALUE_MISTAKES, ids=[c[1].strip() for c in VALUE_MISTAKES]
)
def test_a_rejected_value_is_one_finding(
    clean: Path, tmp_path: Path, shipped: str, wrong: str, code: str
) -> None:
    root = _catalogue(clean, tmp_path / "catalogue")
    path = root / "fachakten" / "beispiel.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index(shipped) + 1
    lines[number - 1] = wrong
    path.write_text("\n".join(lines), encoding="utf-8")
    found = [
        (Path(d.file).name, d.span.line if d.span else 0, d.code) for d in validate_paths([root])[1]
    ]
    assert found == [("beispiel.yaml", number, code)]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("{lfd:5}", "{laufnummer:5}"),
        ("{nummer:4}", "{laufnummer:4}"),
        ("{laufnr}", "{laufnummer:5}"),
    ],
)
def test_a_misspelt_running_number_is_one_finding_that_proposes_it(
    clean: Path, tmp_path: Path, written: str, meant: str
) -> None:
    root = _catalogue(clean, tmp_path / "catalogue")
    path = root / "fachakten" / "beispiel.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{laufnummer:5}", written, 1), encoding="utf-8"
    )
    found = [(d.code, d.hint) for d in validate_paths([root])[1]]
    assert found == [("FA210", f"did you mean '{meant}'?")]


def test_a_bad_running_number_width_is_only_that(clean: Path, tmp_path: Path) -> None:
    root = _catalogue(clean, tmp_path / "catalogue")
    path = root / "fachakten" / "beispiel.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{laufnummer:5}", "{laufnummer:x}", 1),
        encoding="utf-8",
    )
    assert [d.code for d in validate_paths([root])[1]] == ["FA218"]


def test_an_id_that_differs_from_its_file_name_offers_both_ways_back(
    clean: Path, tmp_path: Path
) -> None:
    root = _catalogue(clean, tmp_path / "catalogue")
    path = root / "bausteine" / "person.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("id: person\n", "id: persona\n", 1),
        encoding="utf-8",
    )
    found = [(d.code, d.hint) for d in validate_paths([root])[1] if d.code == "FA215"]
    assert found == [("FA215", "write id: person, or rename the file to persona.yaml")]
