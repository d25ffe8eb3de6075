"""Shared test helpers: run the real CLI, copy the shipped catalogue into a temp folder."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fachakte_compiler.cli.main import cli
from support.catalogue import DEFINITIONS, REPO, copy_catalogue
from support.tree import tree

SHARED = REPO.parent / "shared"
XDOMEA_XSD_DIR = SHARED / "xdomea" / "3.0.0"
# The official XSDs are third-party reference data beside the checkout (as in CI), never in it.
HAVE_XDOMEA_XSD = (XDOMEA_XSD_DIR / "xdomea.xsd").is_file()
needs_xsd = pytest.mark.skipif(
    not HAVE_XDOMEA_XSD, reason=f"official xdomea 3.0.0 XSDs not found in {XDOMEA_XSD_DIR}"
)


@pytest.fixture
def invoke() -> Callable[..., Result]:
    """Run the CLI in-process (fast); returns click's Result with exit_code and output."""

    def run(*args: str | os.PathLike[str], cwd: Path | None = None) -> Result:
        runner = CliRunner()
        old = Path.cwd()
        try:
            if cwd is not None:
                os.chdir(cwd)
            return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)
        finally:
            os.chdir(old)

    return run


def run_fachakte(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    input_text: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real `fachakte` entry point in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "fachakte_compiler", *map(str, args)],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
        input=input_text,
        check=False,
    )


@pytest.fixture
def fachakte() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_fachakte


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A private copy of the shipped catalogue that a test may modify."""
    return copy_catalogue(tmp_path / "definitions")


__all__ = ["DEFINITIONS", "REPO", "copy_catalogue", "tree"]
