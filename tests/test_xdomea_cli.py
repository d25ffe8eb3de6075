"""`fachakte compile --target xdomea` as users run it: notes, --xsd-dir, failures, same bytes."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import Result

from conftest import (
    DEFINITIONS,
    XDOMEA_MESSAGE,
    XDOMEA_XSD_DIR,
    copy_catalogue,
    invoke_cli,
    needs_xsd,
    run_fachakte,
    xdomea_message,
)
from fachakte_compiler.write.guard import BUILD_MARKER, BUILD_MARKER_TEXT
from support.git import git
from support.tree import tree

MINI = Path(__file__).parent / "fixtures" / "mini"
SKIPPED = "schema validation was skipped"
NO_XSD_ENV = {"FACHAKTE_XDOMEA_XSD_DIR": "", "SOURCE_DATE_EPOCH": "1700000000"}


def _compile(
    *args: str | os.PathLike[str], env: dict[str, str] | None = None, catalogue: Path = DEFINITIONS
) -> Result:
    return invoke_cli(
        "compile", catalogue, "--target", "xdomea", *args, env={**NO_XSD_ENV, **(env or {})}
    )


def test_without_xsd_dir_the_cli_says_validation_was_skipped(tmp_path: Path) -> None:
    result = _compile("-o", tmp_path / "out", "--tenant", "hsk")
    assert result.exit_code == 0, result.stderr
    assert f"note: xdomea: {SKIPPED}" in result.stderr
    assert "--xsd-dir" in result.stderr
    assert xdomea_message(tmp_path / "out", "hsk").is_file()


def test_an_up_to_date_build_says_again_what_its_build_said(catalogue: Path) -> None:
    """Validation skipped and Fachakten left out stay true while nothing changes, so a rebuild
    that finds the output up to date repeats those notes, in the language asked for now."""
    out = catalogue.parent / "out"
    notes = (
        f"note: xdomea: {SKIPPED}",
        "note: the build of tenant 'hsk' leaves out what the tenant does not run (used_by): "
        "friedhof, ",
    )
    first = _compile("-o", out, "--tenant", "hsk", catalogue=catalogue)
    assert first.exit_code == 0, first.stderr
    again = _compile("-o", out, "--tenant", "hsk", catalogue=catalogue)
    assert again.exit_code == 0, again.stderr
    assert again.stdout.startswith("nothing changed: "), again.stdout
    for note in notes:
        assert note in first.stderr and note in again.stderr, (note, again.stderr)
    german = _compile(
        "-o", out, "--tenant", "hsk", catalogue=catalogue, env={"FACHAKTE_LANG": "de"}
    )
    assert german.stdout.startswith("nichts geändert: "), german.stdout
    assert "was der Mandant nicht führt (used_by): friedhof, " in german.stderr, german.stderr
    assert "Schemaprüfung" in german.stderr, german.stderr


@needs_xsd
@pytest.mark.parametrize("how", ["option", "environment"])
def test_with_the_official_xsds_the_output_is_validated(tmp_path: Path, how: str) -> None:
    out = tmp_path / "out"
    if how == "option":
        result = _compile("-o", out, "--xsd-dir", XDOMEA_XSD_DIR)
    else:
        result = _compile("-o", out, env={"FACHAKTE_XDOMEA_XSD_DIR": str(XDOMEA_XSD_DIR)})
    assert result.exit_code == 0, result.stderr
    assert SKIPPED not in result.stderr
    assert len(list(out.glob(f"*/xdomea/{XDOMEA_MESSAGE}"))) == 13


@needs_xsd
def test_output_the_xsds_reject_fails_with_file_and_line_and_writes_nothing(tmp_path: Path) -> None:
    # A stricter copy of the official XSDs (in tmp only) that allows only 'A': our valid 'B'
    # and 'V' units now fail, which is how a mapping defect would surface.
    xsds = tmp_path / "xsd"
    shutil.copytree(XDOMEA_XSD_DIR.parent, xsds)
    types = xsds / XDOMEA_XSD_DIR.name / "xdomea-Datentypen.xsd"
    text = types.read_text(encoding="utf-8")
    start = text.index('name="AussonderungsartCodeType"')
    stricter = re.sub(
        r'<xs:enumeration value="[BV]">.*?</xs:enumeration>',
        "",
        text[start : start + 4000],
        flags=re.S,
    )
    types.write_text(text[:start] + stricter + text[start + 4000 :], encoding="utf-8")
    out = tmp_path / "out"
    (out / "keep.txt").parent.mkdir()
    (out / "keep.txt").write_text("previous build")
    (out / BUILD_MARKER).write_bytes(BUILD_MARKER_TEXT)  # as an earlier build left it
    result = _compile("-o", out, "--xsd-dir", xsds / XDOMEA_XSD_DIR.name)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert re.search(
        r"Error: \w+/xdomea/[0-9a-f-]{36}_Aktenplan\.Aktenplan\.0301\.xml:\d+: "
        r".*Aussonderungsart.*'[BV]'",
        result.stderr,
    ), result.stderr
    assert "nothing was written" in result.stderr
    assert tree(out) == {"keep.txt": b"previous build"}


def test_xsd_dir_without_xdomea_xsd_is_a_clear_error(tmp_path: Path) -> None:
    result = _compile("-o", tmp_path / "out", "--xsd-dir", tmp_path)
    assert result.exit_code == 2  # a wrong argument
    assert "Traceback" not in result.stderr
    assert "no xdomea.xsd found" in result.stderr
    assert not (tmp_path / "out").exists()


def test_output_is_byte_identical_across_timezone_locale_and_hash_seed(tmp_path: Path) -> None:
    builds = []
    for i, env in enumerate(
        [
            {"TZ": "UTC", "LC_ALL": "C", "PYTHONHASHSEED": "1"},
            {"TZ": "Pacific/Kiritimati", "LC_ALL": "de_DE.UTF-8", "PYTHONHASHSEED": "4242"},
        ]
    ):
        out = tmp_path / f"out{i}"
        # Real processes: the hash seed, timezone and locale take effect at interpreter start.
        result = run_fachakte(
            "compile", DEFINITIONS, "--target", "xdomea", "-o", out, env={**NO_XSD_ENV, **env}
        )
        assert result.returncode == 0, result.stderr
        builds.append(tree(out))
    assert len(builds[0]) == 13
    assert builds[0] == builds[1]


def test_creation_time_and_process_id_follow_the_newest_commit(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    copy_catalogue(repo / "definitions")
    git(repo, "init", "-q", date="2024-03-01T10:00:00+01:00")
    git(repo, "add", ".", date="2024-03-01T10:00:00+01:00")
    git(repo, "commit", "-q", "-m", "Katalog", date="2024-03-01T10:00:00+01:00")

    def build(name: str) -> str:
        out = tmp_path / name
        result = invoke_cli(
            "compile",
            "definitions",
            "--target",
            "xdomea",
            "--tenant",
            "medebach",
            "-o",
            out,
            cwd=repo,
            env={"FACHAKTE_XDOMEA_XSD_DIR": "", "SOURCE_DATE_EPOCH": ""},
        )
        assert result.exit_code == 0, result.stderr
        return xdomea_message(out, "medebach").read_text(encoding="utf-8")

    first = build("a")
    assert "<xdomea:Erstellungszeitpunkt>2024-03-01T09:00:00Z<" in first
    assert build("b") == first
    plan = repo / "definitions" / "aktenplan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("title: Realsteuern", "title: Realsteuern (Grund & Gewerbe)"), encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", "Titel", date="2024-03-02T08:30:00+00:00")
    second = build("c")
    assert "<xdomea:Erstellungszeitpunkt>2024-03-02T08:30:00Z<" in second
    assert "<xdomea:Inhaltsangabe>Realsteuern (Grund &amp; Gewerbe)<" in second

    def process_id(text: str) -> str:
        match = re.search(r"<xdomea:ProzessID>([^<]+)<", text)
        assert match is not None
        return match.group(1)

    assert process_id(second) != process_id(first)


def test_catalogue_without_aktenplan_yaml_still_gives_a_valid_plan(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = (
        {"FACHAKTE_XDOMEA_XSD_DIR": str(XDOMEA_XSD_DIR)}
        if (XDOMEA_XSD_DIR / "xdomea.xsd").is_file()
        else {}
    )
    result = _compile("-o", out, "--no-cache", env=env, catalogue=MINI)
    assert result.exit_code == 0, result.stderr
    assert "file plan levels without a title (add them to aktenplan.yaml): 99" in result.stderr
    text = xdomea_message(out, "nordstadt").read_text(encoding="utf-8")
    assert "<xdomea:Bezeichnung>Aktenplan der E-Fachakten</xdomea:Bezeichnung>" in text
    assert re.search(
        r"<xdomea:Kennzeichen>99</xdomea:Kennzeichen>\s*<xdomea:Aussonderungsart>", text
    )
    assert "<xdomea:Name>Beispielkreis</xdomea:Name>" in text


def test_without_a_kreis_there_is_no_sender_and_nothing_is_written(tmp_path: Path) -> None:
    catalogue = tmp_path / "mini"
    shutil.copytree(MINI, catalogue)
    tenants = catalogue / "tenants.yaml"
    tenants.write_text(
        tenants.read_text(encoding="utf-8").replace("kind: kreis", "kind: stadt"), encoding="utf-8"
    )
    result = _compile("-o", tmp_path / "out", catalogue=catalogue)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert "no tenant of kind 'kreis' to send the file plan" in result.stderr
    assert not (tmp_path / "out").exists()
