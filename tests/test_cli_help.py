"""`--help` works for every command and subcommand, says what the command does, and in German
names no placeholder in English."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from fachakte_compiler.cli.main import cli


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command path below `group`; the top-level group loads its commands lazily."""
    ctx = click.Context(group, info_name="fachakte")
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))


ALL = list(commands(cli))


def test_the_listing_is_complete() -> None:
    top = CliRunner().invoke(cli, ["--help"])
    assert top.exit_code == 0
    for path in ALL:
        if len(path) == 1:
            assert f"\n  {path[0]} " in top.output, path


@pytest.mark.parametrize("path", ALL, ids=" ".join)
def test_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="fachakte")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: fachakte {' '.join(path)} "), result.output
    description = result.output.split("\n\n")[1].strip()
    assert len(description) > 10, f"{' '.join(path)} has no description"
    assert "-h, --help" in result.output


# What click derives from a parameter's type when it has no metavar of its own.
CLICK_TYPE_WORDS = re.compile(r"\b(TEXT|INTEGER|FLOAT|RANGE|BOOLEAN|FILE|DIRECTORY|PATH|UUID)\b")
# Click names a type when the type is made, at import: so a process that starts in German.
GERMAN_OPTION_COLUMNS = """
import json, re
from click.testing import CliRunner
from fachakte_compiler.cli.main import cli
column = re.compile(r"^\\s+(-\\S.*?)(?:\\s{2,}|$)")
shown = {}
for path in json.loads(input()):
    output = CliRunner().invoke(cli, [*path, "--help"], prog_name="fachakte").output
    shown[" ".join(path)] = [m.group(1) for m in map(column.match, output.splitlines()) if m]
print(json.dumps(shown))
"""


def test_german_help_names_its_placeholders_in_german() -> None:
    result = subprocess.run(
        [sys.executable, "-c", GERMAN_OPTION_COLUMNS],
        input=json.dumps(ALL),
        capture_output=True,
        text=True,
        env={**os.environ, "FACHAKTE_LANG": "de"},
        check=True,
    )
    shown: dict[str, list[str]] = json.loads(result.stdout)
    assert set(shown) == {" ".join(p) for p in ALL}
    assert "-o, --output ORDNER" in shown["compile"], shown["compile"]
    english = {c: [o for o in opts if CLICK_TYPE_WORDS.search(o)] for c, opts in shown.items()}
    assert not any(english.values()), english
