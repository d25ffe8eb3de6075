"""`fachakte compile` shows the validation warnings, as `validate` does, on every build.

Warnings never stop a build (exit 0), so a user who only compiles (or releases with
--allow-warnings) would otherwise never read them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from support.catalogue import MINI, GitCatalogue, copy_catalogue

FIELD = "  - id: ungenutzt\n    title: Ungenutzt\n    type: string\n"


def _catalogue_with_unused_field(tmp_path: Path) -> Path:
    definitions = copy_catalogue(tmp_path / "definitions", MINI)
    fachakte = definitions / "fachakten" / "beispiel.yaml"
    text = fachakte.read_text(encoding="utf-8")
    fachakte.write_text(text.replace("\nfields:\n", "\nfields:\n" + FIELD, 1), encoding="utf-8")
    return definitions


def _report(result: Result) -> str:
    """The findings of a compile's standard output: what precedes its one-line summary."""
    return result.stdout.rstrip("\n").rpartition("\n")[0]


def test_compile_shows_warnings_like_validate_on_every_build(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    definitions = _catalogue_with_unused_field(tmp_path)
    validated = invoke("validate", definitions)
    assert validated.exit_code == 0, validated.output
    assert "warning FA212: field 'ungenutzt'" in validated.stdout
    out = tmp_path / "build"
    args = ("compile", definitions, "--target", "xdomea", "-o", out)

    built = invoke(*args)
    assert built.exit_code == 0, built.output
    assert " built, 0 from cache)" in built.stdout
    again = invoke(*args)
    assert again.exit_code == 0, again.output
    assert "nothing changed" in again.stdout

    for result in (built, again):
        # The same blocks and summary as validate, once, before the build's own line.
        assert _report(result) == validated.stdout.rstrip("\n")
        assert result.stdout.count("FA212") == 1


def test_compile_shows_warnings_in_the_users_language_when_up_to_date(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    definitions = _catalogue_with_unused_field(tmp_path)
    args = ("compile", definitions, "--target", "xdomea", "-o", tmp_path / "build")
    assert invoke(*args).exit_code == 0
    again = invoke(*args, env={"FACHAKTE_LANG": "de"})
    assert again.exit_code == 0, again.output
    assert "nichts geändert" in again.stdout
    assert "Warnung FA212: Feld 'ungenutzt' wird weder von der Akte" in again.stdout
    assert "0 Fehler, 1 Warnung" in again.stdout


def test_compile_of_a_clean_catalogue_shows_no_report(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    definitions = copy_catalogue(tmp_path / "definitions", MINI)
    result = invoke("compile", definitions, "--target", "xdomea", "-o", tmp_path / "build")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("compiled 1 Fachakte"), result.stdout


def test_release_with_allow_warnings_shows_the_warnings_it_accepts(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    unused = {"id": "ungenutzt", "title": "Ungenutzt", "type": "string"}
    repo.fachakte(lambda d: d["fields"].append(unused))
    repo.commit("ein ungenutztes Feld")
    validated = invoke("validate", "definitions", cwd=repo.repo)
    assert "warning FA212: field 'ungenutzt'" in validated.stdout

    args = ("release", "definitions", "-o", tmp_path / "out", "--first-release")
    released = invoke(*args, "--allow-warnings", cwd=repo.repo)
    assert released.exit_code == 0, released.output
    assert released.stdout.startswith(validated.stdout.rstrip("\n") + "\n"), released.stdout
    assert released.stdout.count("FA212") == 1
