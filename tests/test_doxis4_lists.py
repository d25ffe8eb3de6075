"""FA904: no list inside a list. A `multiple` field below a `multiple` Baustein field would make
a Doxis4 LIST descriptor hold several values per entry, and nobody could tell which value
belongs to which household member; the shipped catalogue has none, and a base revision that
still has one can be compared with the catalogue that fixes it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from conftest import DEFINITIONS, copy_catalogue
from support.git import commit_all, init

Run = Callable[..., Result]
PERSON = "bausteine/person.yaml"
# The shipped person: two single-valued fields since FA904 (before: one multiple field).
SINGLE = """\
    type: code
    code_list: staatsangehoerigkeit
    personal_data: personal
  - id: weitere_staatsangehoerigkeit
"""
MULTIPLE = """\
    type: code
    code_list: staatsangehoerigkeit
    multiple: true
    personal_data: personal
  - id: weitere_staatsangehoerigkeit
"""
# Fachakte file -> its multiple field of Baustein person.
OUTER = {
    "gewerbe": "gewerbetreibender",
    "gewerbesteuer": "inhaber",
    "grundsteuer": "steuerpflichtige_person",
    "wohngeld": "haushaltsmitglieder",
}


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _version(path: Path) -> str:
    (line,) = [x for x in path.read_text(encoding="utf-8").splitlines() if x.startswith("version:")]
    return line.split(":", 1)[1].strip()


def _findings(invoke: Run, root: Path, lang: str = "en") -> tuple[int, list[dict[str, object]]]:
    result = invoke("validate", root, "--format", "json", env={"FACHAKTE_LANG": lang})
    assert "Traceback" not in result.stderr
    return result.exit_code, json.loads(result.stdout)["diagnostics"]


def _line_of(root: Path, file: str, text: str) -> int:
    lines = (root / file).read_text(encoding="utf-8").splitlines()
    return lines.index(text) + 1


def test_the_shipped_catalogue_has_no_list_inside_a_list(invoke: Run) -> None:
    code, found = _findings(invoke, DEFINITIONS)
    assert (code, found) == (0, [])
    person = (DEFINITIONS / PERSON).read_text(encoding="utf-8")
    assert person.count(SINGLE) == 1 and "multiple" not in person


def test_a_multiple_leaf_of_a_multiple_baustein_field_is_an_error_at_the_outer_field(
    invoke: Run, catalogue: Path
) -> None:
    _edit(catalogue, PERSON, SINGLE, MULTIPLE)
    code, found = _findings(invoke, catalogue)
    assert code == 1
    assert {f["code"] for f in found} == {"FA904"}
    # One finding per Fachakte field where the repetition starts; a single person (the
    # applicant, the dog owner) holds a plain list and is fine.
    where = {(Path(str(f["file"])).stem, f["line"], f["column"]) for f in found}
    assert where == {
        (name, _line_of(catalogue, f"fachakten/{name}.yaml", f"  - id: {field}"), 9)
        for name, field in OUTER.items()
    }
    (wohngeld,) = [f for f in found if str(f["file"]).endswith("wohngeld.yaml")]
    assert wohngeld["severity"] == "error"
    assert wohngeld["message"] == (
        "multiple field 'haushaltsmitglieder' contains the multiple field "
        "'haushaltsmitglieder.staatsangehoerigkeit' (Baustein 'person'): descriptor "
        "WOHNGELD_HAUSHALTSMITGLIEDER_STAATSANGEHOERIGKEIT would hold several values per "
        "entry, and no one could tell which belongs to which entry; Doxis4 has no lists "
        "inside lists"
    )
    assert wohngeld["hint"] == (
        "make 'staatsangehoerigkeit' in Baustein 'person' single-valued (a further value gets "
        "a field of its own, e.g. 'weitere_staatsangehoerigkeit') or 'haushaltsmitglieder' "
        "not multiple"
    )
    text = invoke("validate", catalogue / "fachakten" / "wohngeld.yaml").stdout
    line = _line_of(catalogue, "fachakten/wohngeld.yaml", "  - id: haushaltsmitglieder")
    assert f"wohngeld.yaml:{line}:9: error FA904: multiple field 'haushaltsmitglieder'" in text


def test_the_finding_speaks_german(invoke: Run, catalogue: Path) -> None:
    _edit(catalogue, PERSON, SINGLE, MULTIPLE)
    code, found = _findings(invoke, catalogue, "de")
    assert code == 1
    (grundsteuer,) = [f for f in found if str(f["file"]).endswith("grundsteuer.yaml")]
    assert grundsteuer["code"] == "FA904"
    assert grundsteuer["message"] == (
        "das mehrfache Feld 'steuerpflichtige_person' enthält das mehrfache Feld "
        "'steuerpflichtige_person.staatsangehoerigkeit' (Baustein 'person'): Deskriptor "
        "GRUNDSTEUER_STEUERPFLICHTIGE_PERSON_STAATSANGEHOERIGKEIT hielte je Eintrag mehrere "
        "Werte, und niemand könnte sagen, welcher zu welchem Eintrag gehört; Doxis4 kennt "
        "keine Listen in Listen"
    )
    assert grundsteuer["hint"] == (
        "'staatsangehoerigkeit' im Baustein 'person' einwertig machen (ein weiterer Wert "
        "bekommt ein eigenes Feld, z. B. 'weitere_staatsangehoerigkeit') oder "
        "'steuerpflichtige_person' nicht mehrfach"
    )
    explained = invoke("explain", "FA904", env={"FACHAKTE_LANG": "de"})
    assert explained.exit_code == 0 and "Doxis4 kennt keine Listen in Listen" in explained.stdout


def test_any_depth_a_multiple_baustein_field_and_a_baustein_of_its_own(
    invoke: Run, catalogue: Path
) -> None:
    # Deeper: the person's address (a single Baustein field) gets a multiple leaf; the
    # person's contact details become a multiple Baustein field of their own.
    _edit(
        catalogue,
        "bausteine/anschrift.yaml",
        "  - id: zusatz\n",
        "  - id: zusatz\n    multiple: true\n",
    )
    _edit(
        catalogue,
        PERSON,
        "    baustein: kontakt\n",
        "    baustein: kontakt\n    multiple: true\n",
    )
    # A Baustein whose own multiple field holds persons reports there, once.
    (catalogue / "bausteine" / "haushalt.yaml").write_text(
        "id: haushalt\nversion: 1.0.0\ntitle: Haushalt\nfields:\n"
        "  - id: mitglieder\n    title: Mitglieder\n    type: baustein\n"
        "    baustein: person\n    multiple: true\n    personal_data: personal\n",
        encoding="utf-8",
    )
    code, found = _findings(invoke, catalogue)
    assert code == 1
    nested = [f for f in found if f["code"] == "FA904"]
    messages = {(Path(str(f["file"])).stem, str(f["message"]).split(":")[0]) for f in nested}
    expected = set()
    for name, field in {**OUTER, "haushalt": "mitglieder"}.items():
        for inner, baustein in (("anschrift.zusatz", "anschrift"), ("kontakt", "person")):
            expected.add(
                (
                    name,
                    f"multiple field '{field}' contains the multiple field "
                    f"'{field}.{inner}' (Baustein '{baustein}')",
                )
            )
    # The business premises are multiple addresses: one level deep, not two.
    expected.add(
        (
            "gewerbesteuer",
            "multiple field 'betriebsstaette' contains the multiple field "
            "'betriebsstaette.zusatz' (Baustein 'anschrift')",
        )
    )
    assert messages == expected
    # A multiple Baustein field names no single descriptor; nor does a Baustein's own field.
    kontakt = [f for f in nested if "'haushaltsmitglieder.kontakt'" in str(f["message"])]
    assert len(kontakt) == 1 and "its descriptors would hold" in str(kontakt[0]["message"])
    leaf = [f for f in nested if "'mitglieder.anschrift.zusatz'" in str(f["message"])]
    assert len(leaf) == 1 and "its descriptors would hold" in str(leaf[0]["message"])
    assert {f["line"] for f in nested if str(f["file"]).endswith("haushalt.yaml")} == {5}


def test_a_baustein_cycle_ends_the_walk(invoke: Run, catalogue: Path) -> None:
    # person holding persons: the cycle is its own finding; the walk does not run forever.
    _edit(
        catalogue,
        PERSON,
        "    baustein: kontakt\n",
        "    baustein: kontakt\n    personal_data: personal\n"
        "  - id: kinder\n    title: Kinder\n    type: baustein\n    baustein: person\n"
        "    multiple: true\n",
    )
    code, found = _findings(invoke, catalogue)
    assert code == 1
    codes = [f["code"] for f in found]
    assert "FA904" in codes and len(codes) < 20
    kinder = {str(f["message"]) for f in found if f["code"] == "FA904"}
    assert any("'haushaltsmitglieder.kinder'" in m for m in kinder)


def test_a_base_revision_with_a_list_inside_a_list_is_still_compared(
    invoke: Run, tmp_path: Path
) -> None:
    """check-version in the pull request that fixes FA904: the base does not meet the new rule,
    but has a model to compare; the bumps the fix needs are major (one value instead of
    several), for the Baustein and for every Fachakte that uses it."""
    repo = tmp_path / "repo"
    init(repo)
    root = copy_catalogue(repo / "definitions")
    users = sorted(
        p for p in (root / "fachakten").glob("*.yaml") if "baustein: person\n" in p.read_text()
    )
    assert len(users) == 7
    fixed = {path: path.read_text(encoding="utf-8") for path in [root / PERSON, *users]}
    _edit(root, PERSON, SINGLE, MULTIPLE)
    now = {path: _version(path) for path in [root / PERSON, *users]}
    for path, version in now.items():
        assert int(version.split(".")[0]) >= 2, (path, version)
        _edit(root, str(path.relative_to(root)), f"\nversion: {version}\n", "\nversion: 1.0.0\n")
    commit_all(repo, "Katalog mit Listen in Listen")
    assert _findings(invoke, root)[0] == 1
    for path, text in fixed.items():
        path.write_text(text, encoding="utf-8")
    result = invoke("check-version", "--base", "HEAD", cwd=repo)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert f"ok: Baustein person 1.0.0 → {now[root / PERSON]} (major bump needed)" in result.stdout
    for path in users:
        assert f"ok: {path.stem} 1.0.0 → {now[path]} (major bump needed)" in result.stdout
