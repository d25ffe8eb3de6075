"""Reports (`-o FILE`, `--report FORMAT=FILE`) never replace what a run reads, a key, a file of
someone else's or another report of the same run; they do replace their own earlier report."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import invoke_cli
from fachakte_compiler.diagnostics.formats import FORMATS

MINI = Path(__file__).parent / "fixtures" / "mini"
Invoke = Callable[..., Result]


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINI, tmp_path / "definitions"))


def refused(result: Result, *words: str) -> str:
    """The one line of a refusal (exit 2) that names `words`."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def key_pair(folder: Path) -> Path:
    folder.mkdir()
    result = invoke_cli("keygen", "--private-key", folder / "k.pem")
    assert result.exit_code == 0, result.output
    return folder / "k.pem"


def test_drift_report_into_the_snapshot_it_reads_is_refused(
    catalogue: Path, tmp_path: Path
) -> None:
    snapshot = tmp_path / "snapX"
    snapshot.mkdir()
    groups = snapshot / "groups.json"
    groups.write_text('{"tool": "fachakte", "groups": []}\n', encoding="utf-8")
    before = groups.read_bytes()
    result = invoke_cli(
        "drift", catalogue, "--tenant", "kreis", "--snapshot", snapshot,
        "--format", "json", "-o", groups,
    )  # fmt: skip
    refused(result, f"refusing to overwrite {groups}", f"this run reads {snapshot}")
    assert groups.read_bytes() == before


def test_drift_report_over_a_private_key_is_refused(catalogue: Path, tmp_path: Path) -> None:
    key = key_pair(tmp_path / "keys")
    before = key.read_bytes()
    snapshot = tmp_path / "snap"
    snapshot.mkdir()
    result = invoke_cli(
        "drift", catalogue, "--tenant", "kreis", "--snapshot", snapshot, "-o", key
    )  # fmt: skip
    refused(result, str(key), "neither empty nor an earlier text report of fachakte")
    assert key.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ("--report", "sarif={x}", "-o", "{x}"),
        ("--report", "sarif={x}", "--report", "json={x}"),
        ("--format", "json", "-o", "{x}", "--report", "json={x}"),
    ],
)
def test_one_file_named_twice_is_refused_and_nothing_written(
    catalogue: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    x = tmp_path / "X"
    result = invoke_cli("validate", catalogue, *(a.format(x=x) for a in args))
    refused(result, f"{x} is named twice", "give each report its own file")
    assert not x.exists()


def test_a_refused_report_stops_the_run_before_the_other_reports(
    catalogue: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Termine mit dem Kreis\n", encoding="utf-8")
    first = tmp_path / "out.json"
    result = invoke_cli("validate", catalogue, "-o", first, "--report", f"sarif={notes}")
    refused(result, f"refusing to overwrite {notes}")
    assert notes.read_text(encoding="utf-8") == "Termine mit dem Kreis\n"
    assert not first.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_validate_replaces_its_own_report_and_an_empty_file(
    catalogue: Path, tmp_path: Path, fmt: str
) -> None:
    report = tmp_path / f"report.{fmt}"
    report.touch()
    for _run in range(2):
        result = invoke_cli("validate", catalogue, "--format", fmt, "-o", report)
        assert result.exit_code == 0, result.output
    also = tmp_path / f"also.{fmt}"
    for _run in range(2):
        result = invoke_cli("validate", catalogue, "--report", f"{fmt}={also}")
        assert result.exit_code == 0, result.output
    assert also.read_bytes() == report.read_bytes()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_report_of_another_format_is_not_replaced(
    catalogue: Path, tmp_path: Path, fmt: str
) -> None:
    other = "junit" if fmt != "junit" else "sarif"
    report = tmp_path / "report"
    assert invoke_cli("validate", catalogue, "--format", other, "-o", report).exit_code == 0
    before = report.read_bytes()
    result = invoke_cli("validate", catalogue, "--format", fmt, "-o", report)
    refused(result, f"earlier {fmt} report of fachakte")
    assert report.read_bytes() == before


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_diff_replaces_its_own_report_but_never_its_input(
    catalogue: Path, tmp_path: Path, fmt: str
) -> None:
    old = Path(shutil.copytree(catalogue, tmp_path / "old"))
    report = tmp_path / f"diff.{fmt}"
    for _run in range(2):
        result = invoke_cli("diff", old, catalogue, "--format", fmt, "-o", report)
        assert result.exit_code == 0, result.output
    target = old / "fachakten" / "beispiel.yaml"
    before = target.read_bytes()
    result = invoke_cli("diff", old, catalogue, "--format", fmt, "-o", target)
    refused(result, f"refusing to overwrite {target}")
    assert target.read_bytes() == before


@pytest.mark.parametrize("command", ["check-version", "changelog"])
def test_version_reports_never_replace_a_key(catalogue: Path, tmp_path: Path, command: str) -> None:
    key = key_pair(tmp_path / "keys")
    before = key.read_bytes()
    result = invoke_cli(command, catalogue, "--base", "HEAD", "-o", key)
    refused(result, f"refusing to overwrite {key}")
    assert key.read_bytes() == before


def test_drift_report_into_the_release_it_reads_is_refused(tmp_path: Path) -> None:
    release = tmp_path / "rel"
    release.mkdir()
    (release / "SHA256SUMS").write_text("", encoding="utf-8")
    result = invoke_cli(
        "drift", "--release", release, "--tenant", "kreis", "--xdomea", tmp_path / "x.xml",
        "-o", release / "SHA256SUMS",
    )  # fmt: skip
    refused(result, f"this run reads {release}")
