"""A Fachakte fresh from `fachakte new` still holds placeholders: validate reports each with
FA017 (a warning while it is being written) and release refuses it, even --allow-warnings."""

from __future__ import annotations

from pathlib import Path

from conftest import invoke_cli
from test_release_helpers import git, make_repo

OWNERS = "hallenberg,medebach,eslohe"


def test_validate_reports_every_placeholder_with_its_position(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    created = invoke_cli("new", "baugenehmigung", "--owners", OWNERS, cwd=repo)
    assert created.exit_code == 0, created.stderr
    path = repo / "definitions" / "fachakten" / "baugenehmigung.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    result = invoke_cli("validate", cwd=repo)
    assert result.exit_code == 0, result.stdout  # warnings only: the scaffold stays usable
    shown = "definitions/fachakten/baugenehmigung.yaml"
    title_line = next(i for i, line in enumerate(lines, 1) if line.startswith("title:"))
    assert f"{shown}:{title_line}:8: warning FA017: 'title' still holds a placeholder" in (
        result.stdout
    )
    kz_line = next(i for i, line in enumerate(lines, 1) if "kennzeichen:" in line)
    assert f"{shown}:{kz_line}:16: warning FA017: Kennzeichen '999' is the placeholder" in (
        result.stdout
    )
    assert "'akte.retention.legal_source' still holds a placeholder text" in result.stdout
    assert result.stdout.count("FA017") >= 5
    # The shipped catalogue holds no placeholder at all: every FA017 is the new file's.
    flagged = [line for line in result.stdout.splitlines() if ": warning FA017:" in line]
    assert all(line.startswith(f"{shown}:") for line in flagged), flagged


def test_release_refuses_placeholders_even_when_warnings_are_allowed(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    created = invoke_cli("new", "baugenehmigung", "--owners", OWNERS, cwd=repo)
    assert created.exit_code == 0, created.stderr
    git(repo, "add", "definitions")
    git(repo, "commit", "-q", "-m", "Baugenehmigung angelegt")
    out = tmp_path / "out"
    result = invoke_cli(
        "release", "definitions", "-o", out, "--first-release", "--allow-warnings", cwd=repo
    )
    assert result.exit_code == 1
    assert "warning FA017" in result.stdout
    assert (
        "Fachakte baugenehmigung still holds placeholders of `fachakte new`; a release must be "
        "clean; nothing was written"
    ) in result.stderr
    assert not out.exists()
    german = invoke_cli(
        *("release", "definitions", "-o", out, "--first-release", "--allow-warnings"),
        cwd=repo,
        env={"FACHAKTE_LANG": "de"},
    )
    assert german.exit_code == 1
    assert "Fachakte baugenehmigung enthält noch Platzhalter von `fachakte new`" in german.stderr


def test_replaced_placeholders_are_quiet(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    invoke_cli("new", "baugenehmigung", "--owners", OWNERS, cwd=repo)
    path = repo / "definitions" / "fachakten" / "baugenehmigung.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (
        ('"Baugenehmigung (Platzhalter)"', "Baugenehmigung"),
        ("(Platzhalter, bitte ersetzen.)", ""),
        ("Bezeichnung der Vorschrift (Platzhalter, bitte ersetzen)", "Landesbauordnung NRW"),
        ("Platzhalter – Rechtsquelle der Aufbewahrungsfrist eintragen", "§ 9 DSG NRW"),
        ('kennzeichen: "999"', 'kennzeichen: "22.20.90"'),
    ):
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    result = invoke_cli("validate", path, cwd=repo)
    assert "FA017" not in result.stdout, result.stdout
