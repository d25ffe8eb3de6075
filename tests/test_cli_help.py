"""`--help` works for every command and subcommand, and says what the command does."""

from __future__ import annotations

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
