"""The CLI starts fast: `--help` imports none of the heavy libraries."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("yaml", "jsonschema", "jinja2", "lxml", "cryptography", "ruamel")


def test_help_is_lazy() -> None:
    code = (
        "import sys\n"
        "from fachakte_compiler.cli.main import cli\n"
        "try:\n    cli(['--help'], prog_name='fachakte')\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "validate" in result.stdout and "compile" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fachakte_compiler", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("fachakte, version ")
