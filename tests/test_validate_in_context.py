"""`fachakte validate FILE` checks FILE in the context of its catalogue: an edit of FILE that
breaks another file of the catalogue (a duplicate Aktenplan-Kennzeichen, a renamed role that a
delegation still grants) does not pass. The named file's findings are shown in full, one line
counts and places the others; machine formats carry every finding; exit 1 on any error."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import copy_catalogue, invoke_cli
from support.catalogue import MINI, edit_catalogue

GEWERBE = "fachakten/gewerbe.yaml"


def _duplicate_kennzeichen(tmp_path: Path) -> Path:
    """The shipped catalogue with Fachakte 'gewerbe' filed under Aktenplan '22.20', which
    aktenplan.yaml already names (line 39)."""
    root = copy_catalogue(tmp_path / "definitions")
    return edit_catalogue(root, {GEWERBE: [('kennzeichen: "32.30.10"', 'kennzeichen: "22.20"')]})


def _renamed_role(tmp_path: Path) -> Path:
    """The small catalogue with role 'sachbearbeitung' of 'beispiel' renamed throughout that
    file, while delegations.yaml still grants it."""
    root = copy_catalogue(tmp_path / "definitions", MINI)
    akte = root / "fachakten" / "beispiel.yaml"
    text = akte.read_text(encoding="utf-8")
    akte.write_text(text.replace("sachbearbeitung", "bearbeitung"), encoding="utf-8")
    return root


def test_a_file_whose_edit_breaks_the_aktenplan_fails_and_names_the_place(tmp_path: Path) -> None:
    _duplicate_kennzeichen(tmp_path)
    whole = invoke_cli("validate", "definitions", cwd=tmp_path)
    assert whole.exit_code == 1
    assert "definitions/aktenplan.yaml:39:18: error FA303" in whole.stdout

    single = invoke_cli("validate", f"definitions/{GEWERBE}", cwd=tmp_path)
    assert single.exit_code == 1, single.output
    lines = single.stdout.splitlines()
    assert lines[-2] == "1 file checked, no findings"
    # Moving 'gewerbe' away from '32.30.10' also leaves '3', '32' and '32.30' empty (FA802).
    assert lines[-1] == (
        "the catalogue has 1 error, 3 warnings in other files: "
        "definitions/aktenplan.yaml:39:18, definitions/aktenplan.yaml:42:18, "
        "definitions/aktenplan.yaml:44:18, and 1 more; "
        "see them with `fachakte validate definitions`"
    )
    # The other file's finding is counted and placed, not shown in full.
    assert "error FA303" not in single.stdout


def test_every_machine_format_carries_the_other_files_findings(tmp_path: Path) -> None:
    _duplicate_kennzeichen(tmp_path)
    target = f"definitions/{GEWERBE}"
    reports = {
        kind: tmp_path / f"report.{kind}" for kind in ("sarif", "junit", "github", "codequality")
    }
    result = invoke_cli(
        "validate",
        target,
        "--format",
        "json",
        *[arg for kind, file in reports.items() for arg in ("--report", f"{kind}={file}")],
        cwd=tmp_path,
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["files"] == [target, "definitions/aktenplan.yaml"]
    assert data["summary"] == {"errors": 1, "warnings": 3}
    found = [(d["code"], d["file"], d["line"]) for d in data["diagnostics"]]
    aktenplan = "definitions/aktenplan.yaml"
    assert found == [("FA303", aktenplan, 39), *[("FA802", aktenplan, n) for n in (42, 44, 46)]]
    sarif = json.loads(reports["sarif"].read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["FA303", "FA802", "FA802", "FA802"]
    assert all(aktenplan in json.dumps(r["locations"]) for r in results)
    junit = reports["junit"].read_text(encoding="utf-8")
    assert f'<testsuite name="{aktenplan}" tests="4" failures="1"' in junit
    assert f'<testsuite name="{target}" tests="1" failures="0"' in junit
    github = reports["github"].read_text(encoding="utf-8")
    assert f"::error file={aktenplan},line=39,col=18" in github
    quality = json.loads(reports["codequality"].read_text(encoding="utf-8"))
    assert [q["location"]["path"] for q in quality] == [aktenplan] * 4


def test_a_renamed_role_fails_from_standard_input_in_german(tmp_path: Path) -> None:
    root = _renamed_role(tmp_path)
    german = {"FACHAKTE_LANG": "de"}
    whole = invoke_cli("validate", "definitions", cwd=tmp_path, env=german)
    assert whole.exit_code == 1
    assert "definitions/delegations.yaml:7:13: Fehler FA205" in whole.stdout

    name = "definitions/fachakten/beispiel.yaml"
    text = (root / "fachakten" / "beispiel.yaml").read_text(encoding="utf-8")
    for args, stdin in (((name,), None), (("-", "--stdin-filename", name), text)):
        result = invoke_cli("validate", *args, cwd=tmp_path, env=german, input_text=stdin)
        assert result.exit_code == 1, result.output
        assert result.stdout.splitlines() == [
            "1 Datei geprüft, keine Befunde",
            "der Katalog hat 1 Fehler, 0 Warnungen in anderen Dateien: "
            "definitions/delegations.yaml:7:13; anzeigen mit `fachakte validate definitions`",
        ]


def test_a_clean_catalogue_adds_no_line_and_passes(tmp_path: Path) -> None:
    root = copy_catalogue(tmp_path / "definitions", MINI)
    result = invoke_cli("validate", root / "fachakten" / "beispiel.yaml")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "1 file checked, no findings"
