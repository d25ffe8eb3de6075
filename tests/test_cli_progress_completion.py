"""CLI conventions: a progress bar for compile on a terminal only, shell completion of tenants,
Fachakten and codes, one meaning per option name and the same --format family wherever
findings are reported (check-version included)."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import run_fachakte
from support.catalogue import GitCatalogue, by_id, copy_small_catalogue

COMMAND = [sys.executable, "-m", "fachakte_compiler"]


def _on_terminal(args: list[str], cwd: Path) -> tuple[int, bytes, bytes]:
    """Run the CLI with standard error on a pseudo-terminal: (exit code, stdout, terminal)."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [*COMMAND, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL
    )
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert process.stdout is not None
    stdout = process.stdout.read()
    return process.wait(timeout=300), stdout, seen


def test_compile_shows_a_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    """The bar does not depend on the catalogue's size: the small catalogue with three
    Fachakten (copy_small_catalogue), all run by one tenant."""
    catalogue = copy_small_catalogue(tmp_path / "definitions")
    args = ["compile", str(catalogue), "--target", "doxis4", "--tenant", "nordstadt", "--no-cache"]
    code, stdout, terminal = _on_terminal([*args, "-o", str(tmp_path / "a")], tmp_path)
    assert code == 0, terminal
    assert b"building packages" in terminal and b"100%" in terminal
    assert b"compiled 3 Fachakten" in stdout  # the result line stays on standard output
    assert len(list((tmp_path / "a").rglob("*.zip"))) == 3
    piped = run_fachakte(*args, "-o", tmp_path / "b")
    assert piped.returncode == 0
    assert "building packages" not in piped.stderr and "%" not in piped.stderr
    # The bar changes nothing in what is built.
    for built in (tmp_path / "a").rglob("*.zip"):
        twin = tmp_path / "b" / built.relative_to(tmp_path / "a")
        assert built.read_bytes() == twin.read_bytes()


def _complete(words: str, cwd: Path) -> list[str]:
    """What the real CLI offers for the last word of `words` (bash completion protocol)."""
    env = {
        **os.environ,
        "_FACHAKTE_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    executable = shutil.which("fachakte", path=str(Path(sys.executable).parent))
    assert executable, "the fachakte entry point is installed beside the interpreter"
    result = subprocess.run(
        [executable], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return [line.split(",", 1)[1] for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("fachakte compile --tenant br", ["brilon"]),
        ("fachakte drift --tenant w", ["winterberg"]),
        ("fachakte new neu --owners brilon,s", ["brilon,schmallenberg", "brilon,sundern"]),
        ("fachakte explain FA60", ["FA601", "FA602", "FA603", "FA604", "FA605"]),
        ("fachakte validate wohn", ["definitions/fachakten/wohngeld.yaml"]),
        ("fachakte compile definitions/fachakten/hu", ["definitions/fachakten/hundesteuer.yaml"]),
        ("fachakte check-v", ["check-version"]),
    ],
)
def test_the_shell_completes_tenants_fachakten_and_codes(
    catalogue: Path, words: str, offered: list[str]
) -> None:
    assert _complete(words, catalogue.parent) == offered


def test_the_readme_documents_completion() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "_FACHAKTE_COMPLETE=bash_source fachakte" in readme


def test_the_script_for_bash_comes_from_the_real_command(tmp_path: Path) -> None:
    env = {**os.environ, "_FACHAKTE_COMPLETE": "bash_source"}
    executable = shutil.which("fachakte", path=str(Path(sys.executable).parent))
    assert executable
    script = subprocess.run(
        [executable], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "_FACHAKTE_COMPLETE=bash_complete" in script and "complete -o" in script


@pytest.mark.parametrize("fmt", ["github", "sarif", "junit", "codequality", "json", "text"])
def test_check_version_reports_in_the_findings_formats(
    invoke: Callable[..., Result], tmp_path: Path, fmt: str
) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(lambda d: d.update(title="Testakte (neu gefasst)"))
    # In-process: the formats are under test, not the process (git still runs for real).
    result = invoke("check-version", "--base", "HEAD", "--format", fmt, cwd=repo.repo)
    assert result.exit_code == 1, result.stderr
    out = result.stdout
    if fmt == "github":
        assert out.startswith("::error file=definitions/fachakten/testakte.yaml,line=")
        assert "title=FD001::" in out
    elif fmt == "sarif":
        (found,) = json.loads(out)["runs"][0]["results"]
        assert found["ruleId"] == "FD001"
        where = found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert where == "definitions/fachakten/testakte.yaml"
    elif fmt == "junit":
        assert '<failure message="testakte: version stayed at' in out and 'type="FD001"' in out
    elif fmt == "codequality":
        (found,) = json.loads(out)
        assert found["check_name"] == "FD001"
        assert found["location"]["path"] == "definitions/fachakten/testakte.yaml"
    elif fmt == "json":
        entry = by_id(json.loads(out)["fachakten"], "testakte")
        assert (entry["ok"], entry["required_bump"]) == (False, "patch")
    else:
        assert "error FD001: testakte: version stayed at" in out
    report = tmp_path / f"report.{fmt}"
    to_file = invoke(
        "check-version", "--base", "HEAD", "--format", fmt, "-o", report, cwd=repo.repo
    )
    assert to_file.exit_code == 1 and report.read_text(encoding="utf-8").strip() == out.strip()
