"""Numbers outside their schema range are findings at the value, in every command that loads
definitions, never an internal error."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import DEFINITIONS, invoke_cli
from test_release_helpers import git, make_repo

WOHNGELD = "fachakten/wohngeld.yaml"
# (original line, damaged line, expected message) in wohngeld.yaml
CASES = [
    ("    years: 10\n", "    years: 201\n", "201 is greater than the maximum 200"),
    ("    decimal_places: 2\n", "    decimal_places: -1\n", "-1 is less than the minimum 0"),
    ("    max_length: 4000\n", "    max_length: 0\n", "0 is less than the minimum 1"),
    (
        "      days: 60\n",
        "      days: 99999999999999999999999\n",
        "99999999999999999999999 is greater than the maximum",
    ),
]


def _damage(definitions: Path, original: str, damaged: str) -> int:
    """Replace the first `original` line; returns its 1-based line number."""
    path = definitions / WOHNGELD
    text = path.read_text(encoding="utf-8")
    assert original in text
    path.write_text(text.replace(original, damaged, 1), encoding="utf-8")
    return text[: text.index(original)].count("\n") + 1


@pytest.mark.parametrize(("original", "damaged", "message"), CASES)
def test_out_of_range_number_is_a_schema_finding(
    tmp_path: Path, invoke: Callable[..., Result], original: str, damaged: str, message: str
) -> None:
    definitions = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS, definitions)
    line = _damage(definitions, original, damaged)
    column = len(damaged) - len(damaged.lstrip()) + damaged.strip().index(":") + 3
    where = f"{WOHNGELD}:{line}:{column}: error FA105: {message}"
    for args in (
        ["validate", definitions],
        ["compile", definitions, "-o", tmp_path / "build", "--no-cache"],
        ["diff", DEFINITIONS, definitions],
    ):
        result = invoke(*args)
        assert result.exit_code == 1, (args, result.output)
        assert where in result.output, (args, result.output)
        assert "internal error" not in result.output
    assert not (tmp_path / "build").exists()


def test_release_reports_an_out_of_range_number(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    _damage(repo / "definitions", *CASES[0][:2])
    git(repo, "commit", "-q", "-am", "zu lange Frist")
    result = invoke_cli("release", "definitions", "-o", tmp_path / "out", cwd=repo)
    assert result.exit_code == 1, result.stderr
    assert "error FA105: 201 is greater than the maximum 200" in result.stdout
    assert "internal error" not in result.stderr
    assert not (tmp_path / "out").exists()
