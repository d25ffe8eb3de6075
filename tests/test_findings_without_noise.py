"""Findings without noise and with the right advice: one finding per mistake, each saying what
to write, on the shipped catalogue through the real CLI."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import invoke_cli
from support.catalogue import GitCatalogue, by_id

Invoke = Callable[..., Result]
HUNDESTEUER = "fachakten/hundesteuer.yaml"


def _change(catalogue: Path, old: str, new: str, name: str = HUNDESTEUER) -> None:
    path = catalogue / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _findings(invoke: Invoke, catalogue: Path) -> list[tuple[str, int, str, str, str]]:
    """(file name, line, code, message, hint) of every finding of `validate`."""
    result = invoke("validate", catalogue, "--format", "json")
    return [
        (Path(d["file"]).name, d["line"], d["code"], d["message"], d["hint"] or "")
        for d in json.loads(result.output)["diagnostics"]
    ]


@pytest.mark.parametrize("written", ["1.0", '"1.0"'])
def test_a_short_version_gets_one_finding_that_says_what_to_write(
    invoke: Invoke, catalogue: Path, written: str
) -> None:
    _change(catalogue, "version: 3.0.0", f"version: {written}")
    (found,) = _findings(invoke, catalogue)
    assert found[:3] == ("hundesteuer.yaml", 7, "FA105")
    assert "write a full version such as 1.0.0" in found[3] and "pattern" not in found[3]
    assert found[4] == "version: 1.0.0"


def test_a_misspelt_baustein_is_one_finding_also_where_its_fields_are_used(
    invoke: Invoke, catalogue: Path
) -> None:
    # The display title names halter.nachname: unknown while 'persn' is unknown, not wrong.
    _change(catalogue, "    baustein: person\n", "    baustein: persn\n")
    found = _findings(invoke, catalogue)
    assert [f[2] for f in found] == ["FA206"]
    assert found[0][4] == "did you mean 'person'?"


@pytest.mark.parametrize(
    ("written", "meant"), [("ja", "true"), ("nein", "false"), ('"yes"', "true")]
)
def test_yes_or_no_in_words_says_what_to_write(
    invoke: Invoke, catalogue: Path, written: str, meant: str
) -> None:
    _change(
        catalogue,
        "    baustein: person\n    required: true",
        f"    baustein: person\n    required: {written}",
    )
    (found,) = _findings(invoke, catalogue)
    assert found[2:] == ("FA103", "expected true or false, found a string", f"write {meant}")


def test_a_key_with_a_leading_zero_gives_one_finding(invoke: Invoke, catalogue: Path) -> None:
    _change(catalogue, "      - key: regel\n", "      - key: 01\n")
    assert [f[2] for f in _findings(invoke, catalogue)] == ["FA011"]


def test_a_misspelt_document_type_in_a_register_is_one_finding(
    invoke: Invoke, catalogue: Path
) -> None:
    _change(catalogue, "        - steuermarke\n", "        - steuermarkee\n")
    found = _findings(invoke, catalogue)
    assert [f[2] for f in found] == ["FA203"]  # no FA211 for 'steuermarke' besides
    assert found[0][4] == "did you mean 'steuermarke'?"


def test_owners_written_as_one_text_are_one_finding(invoke: Invoke, catalogue: Path) -> None:
    _change(
        catalogue,
        "owners:\n  - sundern\n  - hallenberg\n  - marsberg",
        "owners: sundern, hallenberg, marsberg",
    )
    assert [f[2] for f in _findings(invoke, catalogue)] == ["FA103"]  # no FA207 besides


def test_an_unquoted_kennzeichen_is_one_finding(invoke: Invoke, catalogue: Path) -> None:
    _change(catalogue, 'kennzeichen: "22.20.10"', "kennzeichen: 22.20")
    found = _findings(invoke, catalogue)
    # Not also FA802 on aktenplan.yaml ("level 22.20 has no Fachakte below it").
    assert [(f[0], f[2]) for f in found] == [("hundesteuer.yaml", "FA011")]


def test_a_code_list_of_a_baustein_is_named_with_its_baustein(
    invoke: Invoke, catalogue: Path
) -> None:
    _change(catalogue, "code_list: steuerart", "code_list: anrede")
    (found,) = _findings(invoke, catalogue)
    assert found[2] == "FA202"
    assert "'anrede', which is defined in Baustein 'person'" in found[3]
    assert "baustein: person" in found[4]


@pytest.mark.parametrize("minimum", ["2020-01-01", '"2020-01-01"', '"2020-01-01T00:00:00"', "5"])
def test_a_datetime_field_with_minimum_gets_one_message(
    invoke: Invoke, catalogue: Path, minimum: str
) -> None:
    _change(
        catalogue,
        "    title: Beginn der Steuerpflicht\n    type: date\n",
        f"    title: Beginn der Steuerpflicht\n    type: datetime\n    minimum: {minimum}\n",
    )
    (found,) = _findings(invoke, catalogue)
    assert found[2:4] == ("FA213.2", "'minimum' does not apply to a field of type datetime")


@pytest.mark.parametrize(
    "example",
    ["22.20.10/SU/4711", "SU/22.20.10/004711", "22.20.10/S U/004711", "22.20.10-SU-004711"],
)
def test_the_example_aktenzeichen_must_fit_the_format(
    invoke: Invoke, catalogue: Path, example: str
) -> None:
    _change(catalogue, 'example: "22.20.10/SU/004711"', f'example: "{example}"')
    (found,) = _findings(invoke, catalogue)
    assert found[2] == "FA221"
    assert f"example '{example}' cannot come from the format" in found[3]
    made = found[4].removeprefix('e.g. example: "').removesuffix('"')
    # The suggested example is itself accepted.
    _change(catalogue, f'example: "{example}"', f'example: "{made}"')
    assert _findings(invoke, catalogue) == []


def test_a_format_without_running_number_is_reported(invoke: Invoke, catalogue: Path) -> None:
    _change(catalogue, 'format: "{kennzeichen}/{einheit}/{laufnummer:6}"', 'format: "{jahr}"')
    codes = [f[2] for f in _findings(invoke, catalogue)]
    assert "FA210" in codes


def test_a_state_without_a_way_to_a_final_state_is_reported(
    invoke: Invoke, catalogue: Path
) -> None:
    _change(
        catalogue,
        "    - from: abgemeldet\n      to: abgeschlossen\n",
        "    - from: angemeldet\n      to: abgeschlossen\n",
    )
    found = _findings(invoke, catalogue)
    assert {f[2] for f in found} == {"FA605"}
    assert sorted(f[3].split("'")[1] for f in found) == [
        "abgemeldet",
        "beguenstigung_pruefen",
        "veranlagt",
    ]
    assert "can never be closed" in found[0][3]


def _trigger(catalogue: Path, field: str) -> None:
    _change(
        catalogue,
        "    trigger: ende_kalenderjahr\n    disposition: V\n    legal_source: § 12",
        f"    trigger: feld\n    trigger_field: {field}\n    disposition: V\n"
        "    legal_source: § 12",
    )


def test_a_retention_may_start_on_a_date_inside_a_baustein(catalogue: Path, tmp_path: Path) -> None:
    _trigger(catalogue, "bankverbindung.mandatsdatum")
    out = tmp_path / "build"
    # Only the Hundesteuer for one tenant: its package and the documentation show the rule.
    hundesteuer = catalogue / "fachakten" / "hundesteuer.yaml"
    targets = ("--target", "doxis4", "--target", "docs", "--tenant", "brilon")
    built = invoke_cli("compile", hundesteuer, *targets, "-o", out)
    assert built.exit_code == 0, built.stdout + built.stderr
    with zipfile.ZipFile(out / "brilon" / "doxis4" / "hundesteuer-3.0.0.zip") as package:
        rules = package.read("03-aufbewahrung.xml").decode("utf-8")
    assert '<ausloeser-deskriptor ref="' in rules and 'id="bankverbindung.mandatsdatum"' in rules
    page = (out / "docs" / "hundesteuer.html").read_text(encoding="utf-8")
    assert "Bankverbindung (Lastschrift/Erstattung) – Datum der Mandatserteilung" in page


@pytest.mark.parametrize(
    ("field", "message", "hint"),
    [
        ("hunde.haltung_bis", "'hunde' holds several entries (multiple: true)", "name a date"),
        ("bankverbindung.mandatsdatun", "Baustein 'bankverbindung' has no field", "mandatsdatum"),
        ("bankverbindung.iban", "is of type string, not a date", "type date or datetime"),
        ("zustellung", "is not a date field of the Akte", "field.subfield"),
    ],
)
def test_a_trigger_field_that_is_no_single_date_says_what_to_do(
    invoke: Invoke, catalogue: Path, field: str, message: str, hint: str
) -> None:
    _trigger(catalogue, field)
    (found,) = _findings(invoke, catalogue)
    assert found[2] == "FA503" and message in found[3] and hint in found[4]


def test_owner_load_counts_each_fachakte_once_where_the_owner_is_named(
    invoke: Invoke, catalogue: Path
) -> None:
    # sundern leads hundesteuer and personalakte; two more, one naming it twice.
    for number, kennzeichen in ((1, "22.20.11"), (2, "22.20.12")):
        _change(catalogue, "id: hundesteuer", f"id: kopie{number}")
        _change(catalogue, 'kennzeichen: "22.20.10"', f'kennzeichen: "{kennzeichen}"')
        source = catalogue / HUNDESTEUER
        (catalogue / "fachakten" / f"kopie{number}.yaml").write_text(
            source.read_text(encoding="utf-8"), encoding="utf-8"
        )
        _change(catalogue, f"id: kopie{number}", "id: hundesteuer")
        _change(catalogue, f'kennzeichen: "{kennzeichen}"', 'kennzeichen: "22.20.10"')
    _change(catalogue, "  - marsberg\n", "  - sundern\n", "fachakten/kopie2.yaml")
    found = [f for f in _findings(invoke, catalogue) if f[2] == "FA402"]
    assert sorted(f[0] for f in found) == [
        "hundesteuer.yaml",
        "kopie1.yaml",
        "kopie2.yaml",
        "personalakte.yaml",
    ]
    assert {f[3] for f in found} == {
        "tenant 'sundern' leads 4 Fachakten (hundesteuer, kopie1, kopie2, personalakte), "
        "more than 3"
    }
    # Validating one of those files shows it there.
    single = invoke("validate", catalogue / "fachakten" / "kopie1.yaml")
    assert "kopie1.yaml:14:5: warning FA402" in single.output


def test_readme_documents_owner_load() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "FA402" in readme


def test_diff_and_check_version_agree_on_a_new_fachakte(tmp_path: Path, invoke: Invoke) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.add_second_fachakte(version="0.3.0")
    diff = invoke("diff", "--base", "HEAD", cwd=repo.repo)
    assert "zweitakte new → 0.3.0 (fachakten/zweitakte.yaml): new, any version" in diff.output
    assert "needs a" not in diff.output.split("\n")[0]
    as_json = json.loads(invoke("diff", "--base", "HEAD", "--format", "json", cwd=repo.repo).output)
    added = by_id(as_json["fachakten"], "zweitakte")
    assert added["required_bump"] == "none"
    checked = invoke("check-version", "--base", "HEAD", cwd=repo.repo)
    assert checked.exit_code == 0 and "ok: zweitakte 0.3.0 is new" in checked.output


def test_a_text_where_a_mapping_belongs_names_the_keys_to_write(
    invoke: Invoke, catalogue: Path
) -> None:
    _change(catalogue, "used_by:\n  kinds: [stadt, gemeinde]\n", "used_by: alle\n")
    (found,) = _findings(invoke, catalogue)
    assert found[2:] == (
        "FA103",
        "expected a mapping, found a string",
        "give keys such as kinds, tenants on indented lines below it",
    )


@pytest.mark.parametrize(
    ("name", "old", "new", "code", "at"),
    [
        # A kind that does not exist: who runs Hundesteuer is unknown, not "nobody".
        (
            HUNDESTEUER,
            "used_by:\n  kinds: [stadt, gemeinde]\n",
            "used_by:\n  kinds: [kreisfreie_stadt]\n",
            "FA104",
            "hundesteuer.yaml",
        ),
        # A misspelt tenant: the lead hallenberg is surely meant, not "does not run it".
        (
            HUNDESTEUER,
            "used_by:\n  kinds: [stadt, gemeinde]\n",
            "used_by:\n  tenants: [sundern, hallenbrg]\n",
            "FA207",
            "hundesteuer.yaml",
        ),
        # A misspelt kind of a tenant: Bestwig leads Friedhof and delegates Gewerbe- and
        # Grundsteuer; whether it runs them is unknown until its kind is fixed.
        (
            "tenants.yaml",
            "  - id: bestwig\n    name: Gemeinde Bestwig\n    kind: gemeinde\n",
            "  - id: bestwig\n    name: Gemeinde Bestwig\n    kind: Gemeinde\n",
            "FA104",
            "tenants.yaml",
        ),
    ],
    ids=["unknown kind in used_by", "unknown tenant in used_by", "unknown kind of a tenant"],
)
def test_a_wrong_name_in_used_by_is_one_finding_not_its_consequences(
    invoke: Invoke, catalogue: Path, name: str, old: str, new: str, code: str, at: str
) -> None:
    _change(catalogue, old, new, name)
    found = _findings(invoke, catalogue)
    assert [(f[0], f[2]) for f in found] == [(at, code)], found


@pytest.mark.parametrize(
    ("name", "old", "new", "meant"),
    [
        # Used by document types: not also unused (FA212), its uses not also unknown (FA201).
        (
            "fachakten/wohngeld.yaml",
            "  - id: bescheiddatum\n",
            "  - id: bescheiddätum\n",
            "bescheiddatum",
        ),
        # Owner of two Fachakten: the owners are not also unknown tenants (FA207).
        ("tenants.yaml", "  - id: brilon\n", "  - id: brilön\n", "brilon"),
        # The document type's fields are still used; the registers naming it still find it.
        (HUNDESTEUER, "  - id: steuerbescheid\n", "  - id: Steuerbescheid\n", "steuerbescheid"),
        # Named by permissions, transitions and delegations.
        (HUNDESTEUER, "  - id: sachbearbeitung\n", "  - id: sachbeärbeitung\n", "sachbearbeitung"),
        (HUNDESTEUER, "    - id: veranlagt\n", "    - id: veränlagt\n", "veranlagt"),
        # A Fachakte whose delegations name it.
        ("fachakten/wohngeld.yaml", "\nid: wohngeld\n", "\nid: Wohngeld\n", "wohngeld"),
        # Named in the display title, also with a field of its Baustein.
        (
            "fachakten/wohngeld.yaml",
            "  - id: antragsteller\n",
            "  - id: Antragsteller\n",
            "antragsteller",
        ),
        ("bausteine/person.yaml", "  - id: nachname\n", "  - id: Nachname\n", "nachname"),
        # The retention starts on it (trigger_field).
        (
            "fachakten/wohngeld.yaml",
            "  - id: bewilligung_ende\n",
            "  - id: bewilligung-ende\n",
            "bewilligung_ende",
        ),
        # The initial and a final state: the paths through the workflow are not judged on them.
        (
            "fachakten/wohngeld.yaml",
            "    - id: antrag_eingegangen\n",
            "    - id: Antrag_eingegangen\n",
            "antrag_eingegangen",
        ),
        (
            "fachakten/wohngeld.yaml",
            "    - id: abgeschlossen\n",
            "    - id: abgeschloßen\n",
            "abgeschlossen",
        ),
    ],
    ids=[
        "field",
        "tenant",
        "document type",
        "role",
        "workflow state",
        "fachakte",
        "field in the display title",
        "baustein field in display titles",
        "trigger field",
        "initial state",
        "final state",
    ],
)
def test_an_invalid_id_is_one_finding_that_names_the_spelling_its_references_use(
    invoke: Invoke, catalogue: Path, name: str, old: str, new: str, meant: str
) -> None:
    _change(catalogue, old, new, name)
    found = _findings(invoke, catalogue)
    assert [(f[0], f[2], f[4]) for f in found] == [
        (Path(name).name, "FA105", f"did you mean '{meant}'?")
    ], found


def test_an_unknown_field_type_is_one_finding_not_also_its_keys(
    invoke: Invoke, catalogue: Path
) -> None:
    # `pattern` applies to strings only (FA213.2): whether it fits is open while the type is.
    _change(
        catalogue,
        "    type: string\n    required: true\n    pattern:",
        "    type: strng\n    required: true\n    pattern:",
    )
    found = _findings(invoke, catalogue)
    assert [(f[2], f[4]) for f in found] == [("FA104", "did you mean 'string'?")], found


@pytest.mark.parametrize(
    ("name", "old", "new", "code"),
    [
        # The field and the document type a misspelt entry names are not also unused.
        (HUNDESTEUER, "    - beguenstigung_bis\n", "    - Beguenstigung_bis\n", "FA105"),
        (HUNDESTEUER, "        - steuerbescheid\n", "        - Steuerbescheid\n", "FA105"),
        # Whether the field needs its special_category is open while personal_data is.
        (HUNDESTEUER, "    personal_data: special\n", "    personal_data: Special\n", "FA104"),
        # The retention has its trigger_field, only misspelt.
        (
            "fachakten/vergabe.yaml",
            "      trigger_field: zuschlagsdatum\n",
            "      trigger_field: Zuschlagsdatum\n",
            "FA105",
        ),
        # Which delegations cross organizations is open while the topology is.
        (
            "tenants.yaml",
            "  topology: shared_organization\n",
            "  topology: Shared_organization\n",
            "FA104",
        ),
    ],
    ids=["akte field", "register entry", "personal_data", "trigger_field", "topology"],
)
def test_a_misspelt_value_is_one_finding_not_what_follows_from_it(
    invoke: Invoke, catalogue: Path, name: str, old: str, new: str, code: str
) -> None:
    _change(catalogue, old, new, name)
    found = _findings(invoke, catalogue)
    assert [(f[0], f[2]) for f in found] == [(Path(name).name, code)], found


def test_an_unknown_type_of_the_trigger_field_is_one_finding(
    invoke: Invoke, catalogue: Path
) -> None:
    # Whether the retention may start on the field is open while its type is.
    name = "fachakten/wohngeld.yaml"
    _change(catalogue, "  - id: bewilligung_ende\n", "  - id: bewilligung_ende\n", name)
    path = catalogue / name
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: bewilligung_ende\n")
    end = text.index("    type: date\n", start)
    path.write_text(text[:end] + "    type: dat\n" + text[end + 15 :], encoding="utf-8")
    found = _findings(invoke, catalogue)
    assert [(f[2], f[4]) for f in found] == [("FA104", "did you mean 'date'?")], found


def test_a_reference_to_an_invalid_id_elsewhere_is_still_unknown_when_spelt_otherwise(
    invoke: Invoke, catalogue: Path
) -> None:
    # Only the spellings of the invalid id count as meaning it: a reference that misses
    # both is a second mistake.
    _change(catalogue, "  - id: brilon\n", "  - id: brilön\n", "tenants.yaml")
    _change(catalogue, "  - brilon\n", "  - brillon\n", "fachakten/friedhof.yaml")
    found = _findings(invoke, catalogue)
    assert [(f[0], f[2]) for f in found] == [
        ("friedhof.yaml", "FA207"),
        ("tenants.yaml", "FA105"),
    ], found


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    years: 6\n", "    years: !custom 6\n"),
        ('  kennzeichen: "22.20.10"\n', '  kennzeichen: !custom "22.20.10"\n'),
    ],
)
def test_a_value_under_an_unknown_tag_is_one_finding(
    invoke: Invoke, catalogue: Path, old: str, new: str
) -> None:
    # The loader keeps such a value as its bare text; judging that text again ("expected an
    # integer", an unknown Aktenplan unit) would be the tag's consequence, not a second mistake.
    _change(catalogue, old, new)
    found = _findings(invoke, catalogue)
    assert [(f[0], f[2]) for f in found] == [("hundesteuer.yaml", "FA004")], found
    assert "remove the tag" in found[0][4]


def test_a_key_written_one_level_too_shallow_is_one_finding_that_says_where_it_belongs(
    invoke: Invoke, catalogue: Path
) -> None:
    # Not also "add legal_minimum_years" (FA505): the author wrote it, only in the wrong place.
    _change(
        catalogue,
        "      legal_source: § 59 Abs. 2 KomHVO NRW (Belege)\n      legal_minimum_years: 6\n",
        "      legal_source: § 59 Abs. 2 KomHVO NRW (Belege)\n    legal_minimum_years: 6\n",
    )
    found = _findings(invoke, catalogue)
    assert [(f[0], f[2]) for f in found] == [("hundesteuer.yaml", "FA102")], found
    assert found[0][4] == "'legal_minimum_years' belongs under 'retention:': indent it there"


@pytest.mark.parametrize(
    ("letter", "said"),
    [
        ("\u0430", "'\u0430' is the Cyrillic letter U+0430, not the Latin 'a'"),
        ("\u03b1", "'\u03b1' is the Greek letter U+03B1, not the Latin 'a'"),
    ],
)
def test_an_id_with_a_letter_that_only_looks_latin_is_one_finding_that_names_it(
    invoke: Invoke, catalogue: Path, letter: str, said: str
) -> None:
    # References still write the id in Latin letters: they are not unknown as well (FA201).
    _change(catalogue, "  - id: bescheiddatum\n", f"  - id: bescheidd{letter}tum\n")
    found = _findings(invoke, catalogue)
    assert [(f[0], f[2]) for f in found] == [("hundesteuer.yaml", "FA105")], found
    assert found[0][4] == f"did you mean 'bescheiddatum'? ({said})"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("{halter.nachnahme}", "{halter.nachname}"),
        ("{haltr.nachname}", "{halter.nachname}"),
        ("{aktenzeichn}", "{aktenzeichen}"),
    ],
)
def test_a_misspelt_display_title_field_gets_the_close_name_and_the_caret_on_it(
    invoke: Invoke, catalogue: Path, written: str, meant: str
) -> None:
    _change(catalogue, "{halter.nachname}, {halter.vorname}", f"{written}, {{halter.vorname}}")
    result = invoke("validate", catalogue, "--format", "json")
    (found,) = json.loads(result.output)["diagnostics"]
    assert found["code"] == "FA210" and found["hint"] == f"did you mean '{meant}'?"
    line = (catalogue / HUNDESTEUER).read_text(encoding="utf-8").split("\n")[found["line"] - 1]
    assert line[found["column"] - 1 : found["end_column"] - 1] == written
    german = invoke("validate", catalogue, env={"FACHAKTE_LANG": "de"})
    assert f"ist '{meant}' gemeint?" in german.output


def test_an_unknown_display_title_placeholder_is_explained_in_each_language(
    invoke: Invoke, catalogue: Path
) -> None:
    _change(catalogue, "{halter.nachname}", "{zzz}")
    english = invoke("validate", catalogue).output
    assert (
        "use {aktenzeichen} or the id of an Akte field in braces, with '.subfield' for a field "
        "of its Baustein"
    ) in english
    assert "FELD" not in english
    german = invoke("validate", catalogue, env={"FACHAKTE_LANG": "de"}).output
    assert (
        "{aktenzeichen} oder die id eines Felds der Akte in geschweiften Klammern verwenden, mit "
        "'.unterfeld' für ein Feld seines Bausteins"
    ) in german


def test_a_misspelt_aktenzeichen_placeholder_gets_the_close_name(
    invoke: Invoke, catalogue: Path
) -> None:
    _change(catalogue, "{kennzeichen}/{einheit}", "{kenzeichen}/{einheit}")
    (found,) = _findings(invoke, catalogue)
    assert found[2] == "FA210" and found[4] == "did you mean '{kennzeichen}'?"
