"""`fachakte new`: a scaffold that validates at once, guides in German, never overwrites."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Invoke = Callable[..., Result]
# Tenants that lead few of the shipped Fachakten, so the owner-load warning stays quiet.
OWNERS = "hallenberg,medebach,eslohe"


def test_scaffold_validates_with_the_real_cli_and_is_formatted(
    invoke: Invoke, catalogue: Path
) -> None:
    created = invoke("new", "baugenehmigung", "--owners", OWNERS, "--definitions", catalogue)
    assert created.exit_code == 0, created.stderr
    path = catalogue / "fachakten" / "baugenehmigung.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/fachakte.schema.json")
    assert "id: baugenehmigung\n" in text
    assert "  - hallenberg\n  - medebach\n  - eslohe\n" in text
    assert "# Genau drei federführende Kommunen" in text
    assert "Platzhalter" in text
    validated = invoke("validate", catalogue)
    assert validated.exit_code == 0, validated.stdout
    # Only the placeholders are reported, as warnings, so that they are not forgotten.
    reported = [line for line in validated.stdout.splitlines() if "baugenehmigung" in line]
    assert reported and all("warning FA017" in line for line in reported), validated.stdout
    formatted = invoke("fmt", "--check", path)
    assert formatted.exit_code == 0, formatted.stdout + formatted.stderr


def test_second_scaffold_gets_its_own_kennzeichen(invoke: Invoke, catalogue: Path) -> None:
    for name in ("erste_akte", "zweite_akte"):
        result = invoke("new", name, "--owners", OWNERS, "--definitions", catalogue)
        assert result.exit_code == 0, result.output
    first = (catalogue / "fachakten" / "erste_akte.yaml").read_text(encoding="utf-8")
    second = (catalogue / "fachakten" / "zweite_akte.yaml").read_text(encoding="utf-8")
    assert 'kennzeichen: "999"' in first and 'kennzeichen: "998"' in second
    result = invoke("validate", catalogue)
    assert result.exit_code == 0, result.output


def test_existing_file_is_never_overwritten(invoke: Invoke, catalogue: Path) -> None:
    path = catalogue / "fachakten" / "hundesteuer.yaml"
    before = path.read_bytes()
    result = invoke("new", "hundesteuer", "--owners", OWNERS, "--definitions", catalogue)
    assert result.exit_code == 2  # the ID argument names a Fachakte that exists
    assert "already exists" in result.output
    assert path.read_bytes() == before


def test_unknown_owner_is_an_error_with_a_suggestion(invoke: Invoke, catalogue: Path) -> None:
    result = invoke(
        "new", "neu", "--owners", "hallenberg,medebah,eslohe", "--definitions", catalogue
    )
    assert result.exit_code == 2  # a wrong argument
    assert "unknown tenant 'medebah'" in result.output
    assert "did you mean 'medebach'?" in result.output
    assert not (catalogue / "fachakten" / "neu.yaml").exists()


def test_an_id_with_umlauts_gets_its_ascii_spelling_proposed(
    invoke: Invoke, catalogue: Path
) -> None:
    result = invoke("new", "vergnügungsteuer", "--owners", OWNERS, "--definitions", catalogue)
    assert result.exit_code == 2
    assert "did you mean 'vergnuegungsteuer'?" in result.output
    assert not list((catalogue / "fachakten").glob("vergn*"))
    made = invoke("new", "vergnuegungsteuer", "--owners", OWNERS, "--definitions", catalogue)
    assert made.exit_code == 0, made.output
    # The scaffold shows how to limit a Fachakte to the municipalities that run it.
    text = (catalogue / "fachakten" / "vergnuegungsteuer.yaml").read_text(encoding="utf-8")
    assert "# used_by:\n#   kinds: [stadt, gemeinde]\n" in text


def test_bad_id_owner_count_and_folder_are_usage_errors(
    invoke: Invoke, catalogue: Path, tmp_path: Path
) -> None:
    bad_id = invoke("new", "Neu-Akte", "--owners", OWNERS, "--definitions", catalogue)
    assert bad_id.exit_code == 2 and "lowercase" in bad_id.output
    two = invoke("new", "neu", "--owners", "hallenberg,medebach", "--definitions", catalogue)
    assert two.exit_code == 2 and "exactly three" in two.output
    nowhere = invoke("new", "neu", "--owners", OWNERS, "--definitions", tmp_path)
    assert nowhere.exit_code == 2 and "not a catalogue folder" in nowhere.output
    assert not list(catalogue.glob("fachakten/neu.y*ml"))


def test_an_id_too_long_for_its_doxis4_names_is_a_usage_error(
    invoke: Invoke, catalogue: Path
) -> None:
    long_id = "a" + "b" * 40
    before = sorted(p.name for p in (catalogue / "fachakten").iterdir())
    result = invoke(
        "new", long_id, "--owners", "brilon,arnsberg,meschede", "--definitions", catalogue
    )
    assert result.exit_code == 2, result.output
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert f"the id '{long_id}' is too long for the Doxis4 names made from it" in line
    assert "more than 64" in line and line.endswith("; choose a shorter id; nothing was written")
    assert sorted(p.name for p in (catalogue / "fachakten").iterdir()) == before
